"""Files: the text of a file's bytes, and the files the workbook writes.

A file's bytes are read as UTF-8 with a message that says where they are not (:func:`utf8_text`).
Files are written whole or not at all: a temporary file in the same folder, then a rename. A run
that is killed or fails leaves the old file as it was (and at most a hidden ``.NAME.*.tmp`` beside
it, which the next run removes); nothing the user made is rewritten half.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lib.errors import ArticleError


def utf8_text(raw: bytes, name: str) -> str:
    r"""``raw`` decoded as UTF-8, a byte order mark removed; else an :class:`ArticleError` that names ``name``, the
    byte offset, the line and the byte.

    >>> utf8_text("\ufeffid,teks\n".encode(), "t.csv")
    'id,teks\n'
    >>> utf8_text(b"id,teks\n1,caf\xe9\n", "t.csv")
    Traceback (most recent call last):
    lib.errors.ArticleError: t.csv: not UTF-8 at byte offset 13 (line 2, byte 0xe9); re-save the file as UTF-8, for example with: iconv -f CP1252 -t UTF-8
    """
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ArticleError(f"{name}: not UTF-8 at byte offset {exc.start} (line {line}, byte 0x{raw[exc.start]:02x}); "
                           "re-save the file as UTF-8, for example with: iconv -f CP1252 -t UTF-8") from None


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder, then a rename."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        os.chmod(temporary, 0o666 & ~_umask())            # as any new file: mkstemp alone gives 0600
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise _unwritable(path, exc) from None
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path


def _unwritable(path: Path, exc: OSError) -> ArticleError:
    return ArticleError(f"{path}: could not be written ({exc.strerror or exc}); nothing was changed")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
