"""Language tables: the words and patterns each stage needs, kept apart from the engine.

Each language is a folder ``lib/lang/<code>/`` of JSON files, one per stage
(``load.json``, ``time.json``, ...). Adding a language means adding a folder. A table is a
:class:`Table`: asking it for a key it lacks raises :class:`TableError` naming the file and the key.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from lib import LANG_DIR
from lib.errors import ArticleError


class TableError(ArticleError, KeyError):
    """A language table lacks a key the engine needs (the message names the file and the key)."""

    def __str__(self) -> str:
        return str(self.args[0])


class Table(dict):
    """A section of a language table that names its file and key when a key is missing."""

    where = "a language table"

    def __missing__(self, key):
        raise TableError(f"{self.where}: no key {key!r} (add it to the table)")


def _sections(path: str):
    def hook(pairs):
        section = Table(pairs)
        section.where = path
        return section
    return hook


@lru_cache(maxsize=None)
def _language_codes() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir()))


def languages() -> list[str]:
    """Codes of the languages that have tables, sorted."""
    return list(_language_codes())


def has_table(lang: str, stage: str) -> bool:
    """Whether language ``lang`` has a ``stage`` table."""
    return (LANG_DIR / lang / f"{stage}.json").exists()


@lru_cache(maxsize=None)
def table(lang: str, stage: str) -> Table:
    """The ``stage`` table of language ``lang`` (``table("id", "load")["abbreviations"]``)."""
    path = LANG_DIR / lang / f"{stage}.json"
    name = path.relative_to(LANG_DIR.parent.parent).as_posix()
    if not path.exists():
        raise TableError(f"no {stage} table for language {lang!r} (expected {name})")
    try:
        return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_sections(name))
    except json.JSONDecodeError as exc:
        raise TableError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def usable(lang: str, default: str = "id") -> str:
    """``lang`` when it has tables, else ``default`` (an undecided language reads as Indonesian)."""
    return lang if lang in _language_codes() else default


def alternation(words) -> str:
    r"""A regular-expression alternation of words, longest first, any run of spaces between words.

    >>> alternation(["pekan", "pekan lalu"])
    'pekan\\s+lalu|pekan'
    """
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


def word_regex(words, flags: int = re.IGNORECASE) -> re.Pattern:
    """A pattern matching any of ``words`` as whole words (``(?<![\\w-])...(?![\\w-])``)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", flags)
