"""The whole annotation of one article as plain values, for the command line and the exports."""
from __future__ import annotations

import json
from pathlib import Path

from lib.load import Article, load_article, records
from lib.timexes import resolve_dct, tag_timexes


def annotate(path: str | Path | Article, dct: str | None = None) -> dict:
    """Load an article and run every stage; return one JSON-ready dict."""
    article = path if isinstance(path, Article) else load_article(path)
    dct_info = resolve_dct(article, dct)
    timexes = article_timexes(article, dct_info["value"])
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
        "timexes": records(timexes),
        "mentions": [],
        "events": [],
    }


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences as ``(start, end)`` pairs, for the stages that scope by sentence."""
    return list(zip(article.sentences.start.tolist(), article.sentences.end.tolist()))


def article_timexes(article: Article, dct: str | None):
    """The time expressions of an article's story text (boilerplate excluded), resolved against ``dct``."""
    lang = article.language if article.language != "und" else "id"
    return tag_timexes(article.story_text, dct, lang, sentence_spans(article))


def to_json(doc: dict) -> str:
    """Deterministic JSON text of an annotation."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
