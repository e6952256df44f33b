"""Language tables: the words and patterns each stage needs, kept apart from the engine.

Each language is a folder ``lib/lang/<code>/`` of JSON files, one per stage
(``load.json``, ``time.json``, ...). Adding a language means adding a folder.
"""
from __future__ import annotations

import json
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
