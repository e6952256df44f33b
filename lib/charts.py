"""Stage 6, charts: the timeline and the cast, drawn as what the text says.

Every function returns a ``matplotlib.figure.Figure`` of an explicit size and never shows it; the
notebooks display it, the exports save it. Marks carry ``gid`` values (``event:e1``,
``real:e1``, ``dct``) so that tests can find what a figure shows. Dates are written for people
(``30 Dec 2021``, English throughout). Colours are the Okabe-Ito palette, and every distinction
is also made by shape, fill or hatching, so the charts read in greyscale.
"""
from __future__ import annotations

from datetime import date, timedelta

import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from lib.timeline import short_names, timeline_rows

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# PLOVER's quad classes, plus statements
CLASS_OF = {"ENGAGE": "verbal cooperation", "DEMAND": "verbal conflict", "DISAPPROVE": "verbal conflict",
            "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
            "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
            "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
            "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
            "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
            "ASSAULT": "material conflict", "STATEMENT": "statement"}
COLOUR = {"verbal cooperation": "#0072B2", "material cooperation": "#009E73", "verbal conflict": "#E69F00",
          "material conflict": "#D55E00", "statement": "#999999"}
REAL_COLOUR = "#000000"
WIDTH = 9      # inches: 900 pixels at the notebook's 100 dpi, shown at full size in a JupyterLab cell
DCT_COLOUR = "#CC79A7"
REALIS = {"occurred", "ongoing"}


def day_label(d: date) -> str:
    """``30 Dec 2021``."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _date_formatter(with_day: bool) -> FuncFormatter:
    """Tick labels: years, or ``15 Dec`` with the year on the first tick and on the first of January."""
    def fmt(x, pos):
        d = mdates.num2date(x).date()
        if not with_day:
            return str(d.year)
        return day_label(d) if pos == 0 or (d.month == 1 and d.day == 1) else f"{d.day} {MONTHS[d.month - 1]}"
    return FuncFormatter(fmt)


def _num(d: str | date) -> float:
    return mdates.date2num(date.fromisoformat(d) if isinstance(d, str) else d)


def close_window(rows: pd.DataFrame, dct: str, days: int = 60) -> tuple[date, date]:
    """The close-up: the days around the DCT holding every event that starts within ``days`` of it."""
    centre = date.fromisoformat(dct)
    near = [(date.fromisoformat(s), date.fromisoformat(e)) for s, e in zip(rows.start, rows.end)
            if abs((date.fromisoformat(s) - centre).days) <= days]
    reals = [date.fromisoformat(r) for r in rows.real_first.dropna() if abs((date.fromisoformat(r) - centre).days) <= days]
    first = min([s for s, _ in near] + reals + [centre]) - timedelta(days=3)
    last = max([e for _, e in near] + [r + timedelta(days=1) for r in reals] + [centre + timedelta(days=1)]) + timedelta(days=3)
    return first, last


def _empty(title: str, message: str, size=(9, 2.5)) -> Figure:
    """A figure that says there is nothing to draw, and why."""
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.subplots()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#555555", transform=ax.transAxes)
    ax.set_title(title)
    return fig


def _draw_event(ax, row, y, gid: str) -> None:
    colour = COLOUR[CLASS_OF.get(row.type, "statement")]
    realis = row.status in REALIS
    start, end = _num(row.start), _num(row.end)
    if row.granularity == "day":
        ax.plot([start + 0.5], [y], marker="o", markersize=8, linestyle="none", color=colour,
                markerfacecolor=colour if realis else "white", markeredgewidth=1.8, gid=gid, zorder=3)
    else:
        ax.barh([y], [end - start], left=[start], height=0.5, color=colour if realis else "white",
                edgecolor=colour, hatch=None if realis else "///", linewidth=1.5, gid=gid, zorder=2)


def _draw_real(ax, row, y, gid: str) -> None:
    if not isinstance(row.real_first, str):
        return
    x = _num(row.real_first) + 0.5
    ax.plot([x], [y + 0.3], marker="D", markersize=5, linestyle="none", color=REAL_COLOUR, gid=gid, zorder=4)
    start, end = _num(row.start), _num(row.end)
    if not start <= x <= end:                   # a thin line from the text's range to what happened
        ax.plot([min(x, end if x > end else start), max(x, start if x < start else end)], [y + 0.3, y + 0.3],
                color=REAL_COLOUR, linewidth=0.8, linestyle=":", zorder=1)


def _class_handles(rows: pd.DataFrame) -> list:
    """Legend entries for the PLOVER classes the rows show."""
    classes = [c for c in COLOUR if c in {CLASS_OF.get(t, "statement") for t in rows.type}]
    return [Patch(facecolor=COLOUR[c], edgecolor=COLOUR[c], label=c) for c in classes]


def _timeline(rows: pd.DataFrame, dct: str, title: str | None = None, real: bool = True) -> Figure:
    """The dated events on a date axis: a point for a day, a bar for a week, month or year.

    Two panels share the rows: the context (whole years, every event) and the close-up (the days
    around the article's date). Filled marks are events that occurred (or are ongoing), hollow and
    hatched ones planned, expected or conditional; black diamonds are the real dates of the curated
    file (``real=False`` leaves them out); the dashed line is the article's date.
    """
    if rows.empty:
        return _empty(title or "When the article's events happen", "no dated events in this article")
    rows = rows.sort_values(["start", "first"], kind="stable").reset_index(drop=True)
    n = len(rows)
    fig = Figure(figsize=(WIDTH, 2.4 + 0.3 * max(n, 3)), layout="constrained")
    context, close = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1.1, 2.4]})
    years = [date.fromisoformat(s).year for s in rows.start] + [date.fromisoformat(dct).year]
    years += [date.fromisoformat(r).year for r in rows.real_first.dropna()]
    first, last = close_window(rows, dct)
    for ax, (lo, hi) in ((context, (date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))), (close, (first, last))):
        for y, row in rows.iterrows():
            _draw_event(ax, row, y, f"event:{row.event_id}")
            if real:
                _draw_real(ax, row, y, f"real:{row.event_id}")
        ax.axvline(_num(dct), color=DCT_COLOUR, linestyle="--", linewidth=1.6, gid="dct", zorder=1)
        ax.set_xlim(_num(lo), _num(hi))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", top=True, labeltop=True, labelsize=8.5)   # dates above the first rows too
    context.xaxis.set_major_locator(mdates.YearLocator(base=max(1, -(-(max(years) - min(years) + 3) // 4))))
    context.xaxis.set_major_formatter(_date_formatter(False))
    close.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
    close.xaxis.set_major_formatter(_date_formatter(True))
    for tick in close.get_xticklabels():
        tick.set_rotation(0)
    context.set_yticks(range(n), [f"{row.label}  ({_when(row)})" for row in rows.itertuples()])
    context.set_ylim(n - 0.4, -0.7)
    context.set_xlabel("year (every event)")
    close.set_xlabel(f"day ({day_label(first)} to {day_label(last - timedelta(days=1))})\n"
                     f"dashed line: the article date, {day_label(date.fromisoformat(dct))}")
    context.tick_params(axis="y", labelsize=9)
    handles = _class_handles(rows) + [
        Line2D([], [], marker="o", color="#444444", markerfacecolor="#444444", linestyle="none",
               label="occurred or ongoing (day)"),
        Line2D([], [], marker="o", color="#444444", markerfacecolor="white", linestyle="none",
               label="planned, expected or conditional (day)"),
        Patch(facecolor="white", edgecolor="#444444", hatch="///", label="not yet happened (week, month, year)")]
    if real and rows.real_first.notna().any():
        handles.append(Line2D([], [], marker="D", color=REAL_COLOUR, linestyle="none", markersize=5,
                              label="real date (reference)"))
    handles.append(Line2D([], [], color=DCT_COLOUR, linestyle="--", label="article date (DCT)"))
    fig.legend(handles=handles, loc="outside upper center", ncols=3, fontsize=9, frameon=False,
               title=title or "When the article's events happen, as the text dates them", title_fontsize=13)
    return fig


def _when(row) -> str:
    start, end = date.fromisoformat(row.start), date.fromisoformat(row.end) - timedelta(days=1)
    return day_label(start) if start == end else f"{day_label(start)} – {day_label(end)}"


def _presence(mentions: pd.DataFrame, paragraphs: pd.DataFrame, names: dict[str, str], top: int = 15) -> Figure:
    """Who appears where: the most mentioned actors against the story's paragraphs (mention counts)."""
    story = paragraphs[paragraphs.kind == "story"].reset_index(drop=True)
    single = mentions.assign(actor=mentions.actor.str.split(";")).explode("actor")
    order = single.actor.value_counts(sort=False)
    order = order.sort_values(ascending=False, kind="stable").index[:top].tolist()
    if not order or story.empty:
        return _empty("Who appears where in the story", "no actors found in this article")
    grid = pd.DataFrame(0, index=order, columns=range(len(story)))
    for row in single.itertuples():
        if row.actor in grid.index:
            para = story[(story.start <= row.start) & (row.start < story.end)].index
            if len(para):
                grid.loc[row.actor, para[0]] += 1
    fig = Figure(figsize=(WIDTH, 1.6 + 0.38 * len(order)), layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(grid.values, aspect="auto", cmap="Blues", vmin=0, vmax=max(1, grid.values.max()))
    for (i, j), value in pd.DataFrame(grid.values).stack().items():
        if value:
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                    color="white" if value > grid.values.max() / 2 else "black")
    ax.set_yticks(range(len(order)), [_short(names.get(a, a)) for a in order])
    ax.set_xticks(range(len(story)), [str(i + 1) for i in range(len(story))])
    ax.set_xlabel("paragraph of the story")
    ax.set_title("Who appears where in the story (mentions per paragraph)")
    bar = fig.colorbar(image, ax=ax, label="mentions", shrink=0.8)
    bar.locator = matplotlib.ticker.MaxNLocator(integer=True)
    bar.update_ticks()
    return fig


def _short(name: str, width: int = 34) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def _quoted(events: pd.DataFrame, names: dict[str, str]) -> Figure:
    """On whose word: statements made by each actor, and events reported on each actor's word."""
    statements = events[events.type == "STATEMENT"].actors.dropna().str.split(";").explode().value_counts()
    attributed = events.attributed_to.dropna().str.split(";").explode().value_counts()
    actors = sorted(set(statements.index) | set(attributed.index),
                    key=lambda a: (-attributed.get(a, 0), -statements.get(a, 0), a))
    if not actors:
        return _empty("Who is quoted", "no statements or attributions found in this article")
    fig = Figure(figsize=(9, 1.5 + 0.45 * max(len(actors), 2)), layout="constrained")
    ax = fig.subplots()
    ys = range(len(actors))
    ax.barh([y - 0.2 for y in ys], [attributed.get(a, 0) for a in actors], height=0.38, color="#0072B2",
            label="events reported on their word", gid="attributed")
    ax.barh([y + 0.2 for y in ys], [statements.get(a, 0) for a in actors], height=0.38, color="white",
            edgecolor="#E69F00", hatch="///", label="statements they make", gid="statements")
    ax.set_yticks(list(ys), [names.get(a, a) for a in actors])
    ax.invert_yaxis()
    ax.set_xlabel("number of event mentions")
    ax.set_title("Who is quoted, and how much of the story rests on their word")
    ax.legend(loc="lower right", frameon=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def _network(mentions: pd.DataFrame, events: pd.DataFrame, names: dict[str, str], top: int = 14) -> Figure:
    """Who takes part in events with whom: node size = mentions, edge width = shared events."""
    import networkx as nx

    stands_for = {m.actor: m.refers_to for m in mentions.itertuples()     # Moskow stands for Russia: one node
                  if isinstance(m.refers_to, str) and m.refers_to and ";" not in m.actor}
    one = lambda i: stands_for.get(i, i)
    counts = mentions.actor.str.split(";").explode().map(one).value_counts(sort=False)
    by_event: dict[str, set] = {}
    for row in events.itertuples():
        ids = {one(i) for col in (row.actors, row.recipients) if isinstance(col, str) for i in col.split(";")}
        by_event.setdefault(row.event_id, set()).update(ids)
    graph = nx.Graph()
    for ids in by_event.values():
        for a in sorted(ids):
            for b in sorted(ids):
                if a < b:
                    weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                    graph.add_edge(a, b, weight=weight + 1)
    if graph.number_of_edges() == 0:
        return _empty("Who takes part in events with whom", "no event with two or more participants")
    keep = sorted(graph.nodes, key=lambda a: (-counts.get(a, 0), a))[:top]
    graph = graph.subgraph(keep)
    order = sorted(graph.nodes, key=lambda a: (-counts.get(a, 0), a))
    position = nx.circular_layout(order)
    fig = Figure(figsize=(9, 9), layout="constrained")
    ax = fig.subplots()
    for a, b, data in sorted(graph.edges(data=True)):
        ax.plot([position[a][0], position[b][0]], [position[a][1], position[b][1]], color="#777777",
                linewidth=0.8 + 1.6 * data["weight"], alpha=0.7, zorder=1, gid=f"edge:{a}|{b}")
    for a in order:
        x, y = position[a]
        ax.scatter([x], [y], s=80 + 45 * counts.get(a, 0), color="#56B4E9", edgecolor="#0072B2", zorder=2, gid=f"node:{a}")
        ax.annotate(names.get(a, a), (x, y), xytext=(x * 1.22, y * 1.22), ha="center", va="center", fontsize=9)
    ax.set_xlim(-1.55, 1.55)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Who takes part in events with whom\n(circle size: mentions; line width: events shared)")
    return fig


def _story_vs_time(rows: pd.DataFrame, dct: str) -> Figure:
    """Story order against event date: how the article moves back and forth in time.

    The x axis is the order of the events in the story (first mention); the y axis their date,
    in two panels (the years before, and the days around the article's date).
    """
    if rows.empty:
        return _empty("How the story moves in time", "no dated events in this article")
    rows = rows.sort_values("first", kind="stable").reset_index(drop=True)
    first, last = close_window(rows, dct)
    near = rows[[date.fromisoformat(s) >= first for s in rows.start]]
    far = rows[[date.fromisoformat(s) < first for s in rows.start]]
    fig = Figure(figsize=(WIDTH, 6.5), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 2.2]})
    for ax, part in ((top, far), (bottom, near)):
        for i, row in part.iterrows():
            colour = COLOUR[CLASS_OF.get(row.type, "statement")]
            mid = (_num(row.start) + _num(row.end)) / 2
            ax.errorbar([i], [mid], yerr=[[mid - _num(row.start)], [_num(row.end) - mid]], fmt="o", color=colour,
                        markerfacecolor=colour if row.status in REALIS else "white", capsize=3, gid=f"event:{row.event_id}")
    for ax, part in ((top, far), (bottom, near)):             # story order within each panel
        centres = [(i, (_num(r.start) + _num(r.end)) / 2) for i, r in part.iterrows()]
        for (i, a), (j, b) in zip(centres, centres[1:]):
            if j == i + 1:
                ax.plot([i, j], [a, b], color="#bbbbbb", linewidth=0.8, zorder=0)
        ax.grid(axis="y", color="#eeeeee")
    years = [date.fromisoformat(s).year for s in far.start] or [date.fromisoformat(dct).year - 1]
    top.set_ylim(_num(date(min(years), 1, 1)) - 120, _num(date(max(years) + 1, 1, 1)) + 120)
    top.yaxis.set_major_formatter(_date_formatter(False))
    top.yaxis.set_major_locator(mdates.YearLocator())
    bottom.set_ylim(_num(first), _num(last))
    bottom.yaxis.set_major_formatter(_date_formatter(True))
    bottom.axhline(_num(dct), color=DCT_COLOUR, linestyle="--", gid="dct")
    bottom.annotate(f"article date {day_label(date.fromisoformat(dct))}", xy=(1, _num(dct)),
                    xycoords=("axes fraction", "data"), xytext=(-4, 6), textcoords="offset points",
                    color=DCT_COLOUR, fontsize=9, ha="right", va="bottom",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    bottom.set_xticks(range(len(rows)), [str(i) for i in range(len(rows))])     # as the table above numbers them
    handles = _class_handles(rows) + [
        Line2D([], [], marker="o", color="#444444", markerfacecolor="#444444", linestyle="none", label="occurred or ongoing"),
        Line2D([], [], marker="o", color="#444444", markerfacecolor="white", linestyle="none",
               label="planned, expected or conditional"),
        Line2D([], [], marker="o", color="#444444", linestyle="none", markerfacecolor="#444444", markersize=0,
               label="bars: the days the text allows"),
        Line2D([], [], color=DCT_COLOUR, linestyle="--", label="article date (DCT)")]
    fig.legend(handles=handles, loc="outside upper center", ncols=3, fontsize=9, frameon=False,
               title="How the story moves in time: story order against event date", title_fontsize=13)
    bottom.set_xlabel("event, in the order the story first mentions it")
    top.set_ylabel("year")
    bottom.set_ylabel("date")
    return fig


# ----------------------------------------------------------------------------- the charts of an annotation

def timeline(annotation, title: str | None = None, real: bool = True) -> Figure:
    """The dated events of an :class:`~lib.annotate.Annotation` on a date axis (see :func:`_timeline`)."""
    rows = timeline_rows(annotation, real)
    if annotation.dct.day is None:
        return _empty(title or "When the article's events happen", "the article's date is unknown: set DCT")
    return _timeline(rows, annotation.dct.value, title, real)


def story_vs_time(annotation) -> Figure:
    """Story order against event date for an annotation (see :func:`_story_vs_time`)."""
    if annotation.dct.day is None:
        return _empty("How the story moves in time", "the article's date is unknown: set DCT")
    return _story_vs_time(timeline_rows(annotation), annotation.dct.value)


def presence(annotation, top: int = 15) -> Figure:
    """Who appears in which paragraph (the ``top`` actors by mentions)."""
    return _presence(annotation.mentions, annotation.article.paragraphs, short_names(annotation.mentions), top)


def quoted(annotation) -> Figure:
    """Who is quoted or credited, and how often."""
    return _quoted(annotation.events, short_names(annotation.mentions))


def network(annotation, top: int = 14) -> Figure:
    """Who takes part in events with whom."""
    return _network(annotation.mentions, annotation.events, short_names(annotation.mentions), top)


FIGURES = {"timeline": timeline, "presence": presence, "quoted": quoted, "network": network,
           "story-vs-time": story_vs_time}
