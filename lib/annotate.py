"""The whole annotation of one article as plain values, for the command line and the exports."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from lib.actors import tag_mentions
from lib.events import tag_events
from lib.load import Article, load_article, records
from lib.render import highlight, legend, page, spans_table, timex_title
from lib.timexes import resolve_dct, tag_timexes


def annotate(path: str | Path | Article, dct: str | None = None) -> dict:
    """Load an article and run every stage; return one JSON-ready dict."""
    article = path if isinstance(path, Article) else load_article(path)
    dct_info = resolve_dct(article, dct)
    timexes, mentions, events = annotate_article(article, dct_info["value"])
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
        "mentions": records(mentions),
        "events": records(events),
    }


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences as ``(start, end)`` pairs, for the stages that scope by sentence."""
    return list(zip(article.sentences.start.tolist(), article.sentences.end.tolist()))


def article_timexes(article: Article, dct: str | None):
    """The time expressions of an article's story text (boilerplate excluded), resolved against ``dct``."""
    return tag_timexes(article.story_text, dct, article.lang, sentence_spans(article))


def article_mentions(article: Article):
    """The actor mentions of an article's story text."""
    return tag_mentions(article.story_text, article.lang, sentence_spans(article), article.dateline)


def annotate_article(article: Article, dct: str | None):
    """``(timexes, mentions, events)`` of an article, each a DataFrame (see the stage modules)."""
    article.check_annotatable()
    timexes = article_timexes(article, dct)
    mentions = article_mentions(article)
    events = tag_events(article.story_text, mentions, timexes, dct, article.lang, sentence_spans(article))
    return timexes, mentions, events


def annotated_html(article: Article, timexes, mentions, events) -> str:
    """The article with actors, time expressions and event triggers marked, a legend above it."""
    marks = pd.concat([
        spans_table(mentions, "actor", lambda r: f"{r.kind}: {r.name} ({r.actor})"
                    + (f", stands for {r.refers_to}" if isinstance(r.refers_to, str) else "") + f"; found by {r.how}"),
        spans_table(timexes, "timex", timex_title),
        spans_table(events, "event", lambda r: f"{r.type}" + (f" ({r.mode})" if isinstance(r.mode, str) else "")
                    + f", {r.status}; event {r.event_id}"
                    + (f"; date {r.value}" if isinstance(r.value, str) else "")),
        spans_table(article.boilerplate, "boilerplate", lambda r: f"boilerplate: {r.kind}"),
    ], ignore_index=True)
    return legend(["actor", "timex", "event", "boilerplate"]) + highlight(article.text, marks)


def annotated_page(path: str | Path, dct: str | None = None) -> str:
    """A standalone HTML page of the annotated article (``python -m lib annotate PATH --format html``)."""
    article = load_article(path)
    timexes, mentions, events = annotate_article(article, resolve_dct(article, dct)["value"])
    return page(f"{article.path.name}: annotated", annotated_html(article, timexes, mentions, events))


def to_json(doc: dict) -> str:
    """Deterministic JSON text of an annotation."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
