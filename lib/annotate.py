"""One article through every stage, once: ``annotate(path) -> Annotation``.

This is the only place the stages are chained (load -> DCT -> time -> actors -> events). The
command line, the exports, the rendering, the charts, the evaluation and the notebooks all take
the :class:`Annotation` it returns.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from lib import actors, events
from lib.curated import Curated, read_curated
from lib.dct import Dct, infer_dct, resolve_dct
from lib.load import Article, load_article
from lib.timexes import find_timexes, frame, resolve


@dataclass(frozen=True)
class Annotation:
    """An article and everything found in it.

    ``timexes``, ``mentions`` and ``events`` are tables (DataFrames) with the columns documented in
    :mod:`lib.timexes`, :mod:`lib.actors` and :mod:`lib.events`; offsets index ``article.text``. The
    stages' plain rows are kept (``timex_rows``, ``mention_rows``, ``event_rows``: dicts with those
    columns as keys) and each table is built from them the first time it is asked for, so code that
    needs only the rows never pays for pandas. Treat the rows as read-only.
    """

    article: Article
    dct: Dct
    timex_rows: list[dict]
    mention_rows: list[dict]
    event_rows: list[dict]

    @cached_property
    def timexes(self) -> pd.DataFrame:
        """The time-expression table (:func:`lib.timexes.frame` of ``timex_rows``), built when first asked."""
        return frame(self.timex_rows)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """The actor-mention table (:func:`lib.actors.frame` of ``mention_rows``), built when first asked."""
        return actors.frame(self.mention_rows)

    @cached_property
    def events(self) -> pd.DataFrame:
        """The event-mention table (:func:`lib.events.frame` of ``event_rows``), built when first asked."""
        return events.frame(self.event_rows)

    @cached_property
    def curated(self) -> Curated:
        """The hand-checked tables beside the article (each ``None`` when absent); read when asked."""
        return read_curated(self.article.path, self.article.text)

    def to_json(self) -> dict:
        """Every layer as one JSON-ready dict (``python -m lib annotate``)."""
        article = self.article
        return {
            "path": article.path.name,
            "sha256": article.sha256,
            "language": article.language,
            "dateline": article.dateline,
            "dct": self.dct.to_json(),
            "text": article.text,
            "paragraphs": records(article.paragraphs),
            "sentences": records(article.sentences),
            "boilerplate": records(article.boilerplate[["start", "end", "text", "kind", "line"]]),
            "timexes": records(self.timexes),
            "mentions": records(self.mentions),
            "events": records(self.events),
        }


def annotate(article: str | Path | Article, dct=None, setting: str = "DCT", gazetteer: bool = True) -> Annotation:
    """Load an article (or take a loaded one) and run every stage once.

    ``dct`` (``YYYY-MM-DD`` or a date) overrides the metadata and the inference; ``setting`` is
    the name the user gave it (``DCT`` in a notebook, ``--dct`` on the command line), for error
    messages. ``gazetteer=False`` finds actors by their patterns alone.
    """
    article = article if isinstance(article, Article) else load_article(article)
    article.check_annotatable()
    text, lang, sentences = article.story_text, article.lang, article.sentence_spans
    found = find_timexes(text, lang)
    resolved = resolve_dct(dct, article.metadata, lambda: infer_dct(resolve(found, None, sentences), lang, sentences, text),
                           setting, f"{article.path.stem}.meta.json")
    timex_rows = resolve(found, resolved.day, sentences)
    del found                                     # the scan's candidates: not needed by the later stages
    mention_rows = actors.mention_rows(text, lang, sentences, article.dateline, gazetteer=gazetteer)
    event_rows = events.event_rows(text, mention_rows, timex_rows, resolved.day, lang, sentences)
    return Annotation(article, resolved, timex_rows, mention_rows, event_rows)


def records(table: pd.DataFrame) -> list[dict]:
    """Rows of a DataFrame as JSON-ready dicts (NaN and NA become ``None``)."""
    out = []
    for row in table.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


def to_json_text(annotation: Annotation) -> str:
    """Deterministic JSON text of an annotation."""
    return json.dumps(annotation.to_json(), ensure_ascii=False, indent=1, sort_keys=False)
