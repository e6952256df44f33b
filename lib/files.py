"""Files the workbook writes, written whole or not at all: a temporary file in the same folder, then a rename.

A run that is killed or fails leaves the old file as it was (and at most a hidden ``.NAME.*.tmp``
beside it, which the next run removes); nothing the user made is rewritten half.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lib.errors import ArticleError


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
