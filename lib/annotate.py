"""One article through every stage, once: ``annotate(path) -> Annotation``.

This is the only place the stages are chained (load -> DCT -> time -> actors -> events). The
command line, the exports, the rendering, the charts, the evaluation and the notebooks all take
the :class:`Annotation` it returns.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from lib import actors, events
from lib.curated import Curated, read_curated
from lib.dct import Dct, infer_dct, resolve_dct
from lib.load import Article, load_article
from lib.tables import ColumnRows
from lib.timexes import COLUMNS, find_timexes, frame, resolve


@dataclass(frozen=True)
class Annotation:
    """An article and everything found in it.

    ``timexes``, ``mentions`` and ``events`` are tables (DataFrames) with the columns documented in
    :mod:`lib.timexes`, :mod:`lib.actors` and :mod:`lib.events`; offsets index ``article.text``. The
    stages' plain rows are kept (``timex_rows``, ``mention_rows``, ``event_rows``: sequences of dicts
    with those columns as keys; for a text annotated in windows, :class:`lib.tables.ColumnRows`) and
    each table is built from them the first time it is asked for, so code that needs only the rows
    never pays for pandas. Treat the rows as read-only.
    """

    article: Article
    dct: Dct
    timex_rows: Sequence[dict]
    mention_rows: Sequence[dict]
    event_rows: Sequence[dict]

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


WINDOW = 100_000
"""Characters of story text the stages read at once (about twenty long news articles). A longer text, such as a
file of many articles, is annotated in windows of whole paragraphs of about this length (a paragraph longer than
two windows is cut between its sentences), each window on its own except for the DCT: a name's short form, a
pointer back or a relative date does not reach across a window's edge, and the DCT, when neither given nor in the
metadata, is inferred from the first window, which is where the date of a story is written. Offsets, sentence
numbers and ids are the whole text's. The windows' rows are kept as columns (:class:`lib.tables.ColumnRows`), so
that the memory a long text needs grows with its rows' values, not with a dict and an object a value. A text no
longer than this is one window, and its rows are the stages' own dicts."""


def annotate(article: str | Path | Article, dct=None, setting: str = "DCT", gazetteer: bool = True) -> Annotation:
    """Load an article (or take a loaded one) and run every stage once.

    ``dct`` (``YYYY-MM-DD`` or a date) overrides the metadata and the inference; ``setting`` is
    the name the user gave it (``DCT`` in a notebook, ``--dct`` on the command line), for error
    messages. ``gazetteer=False`` finds actors by their patterns alone. A text longer than
    :data:`WINDOW` characters is annotated in windows.
    """
    article = article if isinstance(article, Article) else load_article(article)
    article.check_annotatable()
    text, lang = article.story_text, article.lang
    windows = windows_of(article.sentence_rows, len(text), WINDOW)
    resolved, kept = None, None
    for start, end, first, last in windows:
        part, sentences = (text, article.sentence_spans) if len(windows) == 1 else \
            (text[start:end], [(row["start"] - start, row["end"] - start) for row in article.sentence_rows[first:last]])
        found = find_timexes(part, lang)
        if resolved is None:
            resolved = resolve_dct(dct, article.metadata,
                                   lambda: infer_dct(resolve(found, None, sentences), lang, sentences, part),
                                   setting, f"{article.path.stem}.meta.json")
        timex_rows = resolve(found, resolved.day, sentences)
        del found                                 # the scan's candidates: not needed by the later stages
        mention_rows = actors.mention_rows(part, lang, sentences, article.dateline if start == 0 else None,
                                           gazetteer=gazetteer)
        event_rows = events.event_rows(part, mention_rows, timex_rows, resolved.day, lang, sentences)
        if len(windows) == 1:
            return Annotation(article, resolved, timex_rows, mention_rows, event_rows)
        kept = kept or _Windows()
        kept.add(start, first, timex_rows, mention_rows, event_rows)
    return Annotation(article, resolved, kept.timexes, kept.mentions, kept.events)


def windows_of(sentence_rows: Sequence[dict], length: int, size: int) -> list[tuple[int, int, int, int]]:
    """The windows a text of ``length`` characters is annotated in: ``(start, end, first, last)``, the characters
    ``[start, end)`` and the sentences ``[first, last)`` (of ``sentence_rows``: dicts with ``start`` and
    ``paragraph``, in text order). The windows follow one another from 0 to ``length``; a window ends before the
    first sentence of a paragraph that starts ``size`` characters or more after the window's start, or before any
    sentence that starts ``2 * size`` or more after it. A text no longer than ``size``: one window.

    >>> rows = [{"start": 0, "paragraph": 0}, {"start": 5, "paragraph": 0}, {"start": 9, "paragraph": 1}]
    >>> windows_of(rows, 12, 6)
    [(0, 9, 0, 2), (9, 12, 2, 3)]
    """
    if length <= size:
        return [(0, length, 0, len(sentence_rows))]
    cuts, firsts, paragraph = [0], [0], None
    for number, row in enumerate(sentence_rows):
        new_paragraph, paragraph = row["paragraph"] != paragraph, row["paragraph"]
        if number and ((new_paragraph and row["start"] - cuts[-1] >= size) or row["start"] - cuts[-1] >= 2 * size):
            cuts.append(row["start"])
            firsts.append(number)
    return [(start, end, first, last) for start, end, first, last
            in zip(cuts, cuts[1:] + [length], firsts, firsts[1:] + [len(sentence_rows)])]


class _Windows:
    """The rows of a text annotated in windows, as columns, their offsets, sentence numbers and ids the text's."""

    def __init__(self):
        self.timexes = ColumnRows(COLUMNS, ints=("start", "end"))
        self.mentions = ColumnRows(actors.COLUMNS, ints=("start", "end"))
        self.events = ColumnRows(events.COLUMNS, ints=("start", "end", "sentence"), missing_as_none=True)
        self.ids = {"t": 0, "m": 0, "v": 0, "e": 0}       # the last number of each kind of id so far

    def add(self, offset: int, first_sentence: int, timex_rows, mention_rows, event_rows) -> None:
        """Add a window's rows (the stages' dicts, changed in place), which start ``offset`` characters and
        ``first_sentence`` sentences into the text."""
        ids, later = self.ids, {}
        for rows, keys in ((timex_rows, ("id", "anchor")), (mention_rows, ("id",)),
                           (event_rows, ("mention", "event_id", "timex"))):
            for row in rows:
                row["start"] += offset
                row["end"] += offset
                for key in keys:
                    value = row.get(key)
                    if value and value[1:].isdigit() and value[0] in ids:     # an id (t12), not a word (DCT)
                        number = int(value[1:])
                        later[value[0]] = max(later.get(value[0], 0), number)
                        row[key] = f"{value[0]}{number + ids[value[0]]}"
        for row in event_rows:
            row["sentence"] += first_sentence
        for kind, number in later.items():
            ids[kind] += number
        self.timexes.extend(timex_rows)
        self.mentions.extend(mention_rows)
        self.events.extend(event_rows)


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
