"""Charts across articles: each story on a date axis, one lane per article that reports it.

Kept apart from :mod:`lib.corpus` so that the Dask workers, which import ``lib.corpus``, never
import matplotlib. Figures follow :mod:`lib.charts`: an explicit size, never shown, Okabe-Ito
colours by PLOVER class, marks with ``gid`` values (``story:s0001:<article_id>``) for tests.
"""
from __future__ import annotations

from datetime import date, timedelta

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from lib.charts import CLASS_OF, COLOUR, DCT_COLOUR, WIDTH, _date_formatter, _empty, day_label
from lib.corpus import disagreements

DISAGREE_SHADE = "#F4D6D6"
FIRST_COLOUR = "#000000"


def _num(d: str) -> float:
    return mdates.date2num(date.fromisoformat(d[:10]))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def story_timeline(story_table: pd.DataFrame, min_articles: int = 2, title: str | None = None,
                   label_width: int = 34) -> Figure:
    """The stories that at least ``min_articles`` articles report, each with the date every article gives it.

    One lane per article (labelled with its id) under its story (its id, type and named actors);
    a bar spans the days the article's text allows (a day is a short bar, a week or a month a
    longer one), in the colour of the event's PLOVER class; a star marks the article that
    reported the story first (earliest DCT); a grey tick marks each article's own date (DCT).
    Stories whose articles' dates do not overlap (:func:`lib.corpus.disagreements`) are shaded.
    """
    heading = title or "Stories across articles: the date each article gives"
    if story_table.empty:
        return _empty(heading, "no stories")
    dated = story_table[story_table.range_start.notna() & story_table.range_end.notna()]
    shown = dated[dated.articles >= min_articles]
    if shown.empty:
        return _empty(heading, f"no dated story is reported by {min_articles} or more articles")
    shown = shown.sort_values(["range_start", "story_id", "article_id"], kind="stable")
    order = list(dict.fromkeys(shown.story_id))
    disagreeing = set(disagreements(story_table).story_id)
    lanes = []                                            # (story_id, row or None for the story's heading)
    for story_id in order:
        lanes.append((story_id, None))
        for row in shown[shown.story_id == story_id].sort_values(["article_id", "range_start"]).itertuples():
            lanes.append((story_id, row))
    fig = Figure(figsize=(WIDTH, 1.7 + 0.34 * len(lanes)), layout="constrained")
    ax = fig.subplots()
    starts = [date.fromisoformat(s[:10]) for s in shown.range_start]
    ends = [date.fromisoformat(e[:10]) for e in shown.range_end]
    dcts = [date.fromisoformat(d) for d in shown.dct.dropna()]
    lo = min(starts + dcts) - timedelta(days=1)
    hi = max(ends + [d + timedelta(days=1) for d in dcts]) + timedelta(days=1)
    labels = []
    for y, (story_id, row) in enumerate(lanes):
        if row is None:
            first = shown[shown.story_id == story_id].iloc[0]
            actors = ", ".join(first.story_actors.split(";")) if isinstance(first.story_actors, str) else "no actor"
            labels.append(_short(f"{story_id} {first.type}: {actors}", label_width + 8))
            if story_id in disagreeing:
                count = sum(1 for s, r in lanes if s == story_id)
                ax.axhspan(y - 0.5, y + count - 0.5, color=DISAGREE_SHADE, zorder=0, gid=f"disagree:{story_id}")
            continue
        labels.append("    " + _short(row.article_id, label_width))
        colour = COLOUR[CLASS_OF.get(row.type, "statement")]
        start, end = _num(row.range_start), _num(row.range_end)
        ax.barh([y], [end - start], left=[start], height=0.55, color=colour, edgecolor=colour,
                gid=f"story:{story_id}:{row.article_id}", zorder=2)
        if isinstance(row.dct, str):
            ax.plot([_num(row.dct) + 0.5], [y], marker="|", markersize=12, color=DCT_COLOUR, linestyle="none",
                    markeredgewidth=2, zorder=3)
        if row.article_id == row.first_reported:
            ax.plot([start - 0.35], [y], marker="*", markersize=11, color=FIRST_COLOUR, linestyle="none", zorder=4)
    ax.set_yticks(range(len(lanes)), labels, fontsize=9)
    for tick, (_, row) in zip(ax.get_yticklabels(), lanes):
        if row is None:
            tick.set_fontweight("bold")
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.set_xlim(_num(lo.isoformat()) - 0.5, _num(hi.isoformat()))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(_date_formatter(True))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(f"day ({day_label(lo)} to {day_label(hi - timedelta(days=1))})")
    classes = [c for c in COLOUR if c in {CLASS_OF.get(t, "statement") for t in shown.type}]
    handles = [Patch(facecolor=COLOUR[c], edgecolor=COLOUR[c], label=c) for c in classes]
    handles += [Line2D([], [], marker="*", color=FIRST_COLOUR, linestyle="none", markersize=10, label="first reported"),
                Line2D([], [], marker="|", color=DCT_COLOUR, linestyle="none", markersize=10, markeredgewidth=2,
                       label="the article's date (DCT)")]
    if disagreeing & set(order):
        handles.append(Patch(facecolor=DISAGREE_SHADE, label="articles disagree on the date"))
    fig.legend(handles=handles, loc="outside upper center", ncols=3, fontsize=9, frameon=False, title=heading,
               title_fontsize=12)
    return fig
