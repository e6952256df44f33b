"""Stage 2, time: find time expressions, resolve them against the article's date (DCT)."""
from __future__ import annotations

import re
from datetime import date

from lib.load import Article, ArticleError


def resolve_dct(article: Article, dct: str | None = None) -> dict:
    """The article's date: from the argument, else the curated metadata, else unknown.

    Returns ``{"value", "source", "evidence"}``; ``source`` is ``argument``, ``metadata``,
    ``inferred`` or ``unknown``.
    """
    if dct is not None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
            raise ArticleError(f"--dct: expected a date YYYY-MM-DD, got {dct!r}")
        try:
            date.fromisoformat(dct)
        except ValueError:
            raise ArticleError(f"--dct: {dct!r} is not a real date") from None
        return {"value": dct, "source": "argument", "evidence": []}
    if article.metadata:
        return {"value": article.metadata["dct"], "source": "metadata",
                "evidence": [f"{article.path.stem}.meta.json"]}
    return {"value": None, "source": "unknown", "evidence": []}
