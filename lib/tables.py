"""Language tables: the words and patterns each stage needs, kept apart from the engine.

Each language is a folder ``lib/lang/<code>/`` of JSON files, one per stage
(``load.json``, ``time.json``, ...). Adding a language means adding a folder.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent / "lang"


@lru_cache(maxsize=None)
def _language_codes() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir()))


def languages() -> list[str]:
    """Codes of the languages that have tables, sorted."""
    return list(_language_codes())


@lru_cache(maxsize=None)
def table(lang: str, stage: str) -> dict:
    """The ``stage`` table of language ``lang`` (``table("id", "load")["abbreviations"]``)."""
    path = LANG_DIR / lang / f"{stage}.json"
    if not path.exists():
        raise LookupError(f"no {stage} table for language {lang!r} (expected {path.relative_to(LANG_DIR.parent)})")
    return json.loads(path.read_text(encoding="utf-8"))


def usable(lang: str, default: str = "id") -> str:
    """``lang`` when it has tables, else ``default`` (an undecided language reads as Indonesian)."""
    return lang if lang in _language_codes() else default


def alternation(words) -> str:
    r"""A regular-expression alternation of words, longest first, any run of spaces between words.

    >>> alternation(["pekan", "pekan lalu"])
    'pekan\\s+lalu|pekan'
    """
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))
