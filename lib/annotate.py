"""The whole annotation of one article as plain values, for the command line and the exports."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from lib.load import Article, load_article
from lib.timexes import resolve_dct


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows of a DataFrame as JSON-ready dicts (NaN and NA become ``None``)."""
    out = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


def annotate(path: str | Path | Article, dct: str | None = None) -> dict:
    """Load an article and run every stage; return one JSON-ready dict."""
    article = path if isinstance(path, Article) else load_article(path)
    dct_info = resolve_dct(article, dct)
    return {
        "path": article.path.name,
        "sha256": article.sha256,
        "language": article.language,
        "dateline": article.dateline,
        "dct": dct_info,
        "text": article.text,
        "paragraphs": records(article.paragraphs),
        "sentences": records(article.sentences),
        "boilerplate": records(article.boilerplate[["start", "end", "text", "kind", "line"]]),
        "timexes": [],
        "mentions": [],
        "events": [],
    }


def to_json(doc: dict) -> str:
    """Deterministic JSON text of an annotation."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
