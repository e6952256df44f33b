"""Charts show what they claim (counted from the figure's marks, not pixels)."""
from datetime import date

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lib import SEED_ARTICLE, charts
from lib.annotate import annotate
from lib.timeline import ROW_COLUMNS, short_names, timeline_rows

matplotlib.use("Agg")
DCT = "2021-12-29"


@pytest.fixture(scope="module")
def seed():
    annotation = annotate(SEED_ARTICLE, dct=DCT)
    return annotation, timeline_rows(annotation)


def gids(ax, prefix):
    return [a.get_gid() for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)]


def fig_title(fig):
    """The figure's title: its suptitle, or the title of its legend at the top."""
    if fig._suptitle is not None:
        return fig._suptitle.get_text()
    return fig.legends[0].get_title().get_text() if fig.legends else ""


def texts(fig):
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts) + " " + " ".join(ax.get_title() for ax in fig.axes)


def test_timeline_draws_every_dated_event_in_both_panels(seed):
    annotation, rows = seed
    fig = charts.timeline(annotation)
    context, close = fig.axes[:2]
    expected = {f"event:{e}" for e in rows.event_id}
    assert set(gids(context, "event:")) == expected
    assert set(gids(close, "event:")) == expected
    assert len(gids(context, "real:")) == rows.real_first.notna().sum()


def test_timeline_without_real_dates(seed):
    annotation, rows = seed
    fig = charts.timeline(annotation, title="Seed", real=False)
    assert not gids(fig.axes[0], "real:") and not gids(fig.axes[1], "real:")
    assert set(gids(fig.axes[0], "event:")) == {f"event:{e}" for e in rows.event_id}
    assert fig_title(fig) == "Seed"


def test_timeline_dates_lie_within_the_axes(seed):
    annotation, rows = seed
    fig = charts.timeline(annotation)
    context, close = fig.axes[:2]
    lo, hi = context.get_xlim()
    for d in list(rows.start) + list(rows.real_first.dropna()):
        assert lo <= mdates.date2num(date.fromisoformat(d)) <= hi
    lo, hi = close.get_xlim()
    first, last = charts.close_window(rows, DCT)
    near = [d for d in rows.start if abs((date.fromisoformat(d) - date.fromisoformat(DCT)).days) <= 60]
    assert near and all(lo <= mdates.date2num(date.fromisoformat(d)) <= hi for d in near)


def test_timeline_article_date_line(seed):
    annotation, _ = seed
    fig = charts.timeline(annotation)
    for ax in fig.axes[:2]:
        line = [a for a in ax.get_lines() if a.get_gid() == "dct"]
        assert len(line) == 1 and line[0].get_xdata()[0] == mdates.date2num(date(2021, 12, 29))


def test_timeline_labels_do_not_overlap(seed):
    annotation, rows = seed
    fig = charts.timeline(annotation)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert len(boxes) == len(rows)
    for a, b in zip(boxes, boxes[1:]):
        assert not a.overlaps(b)
    for ax in fig.axes[:2]:
        ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
        for a, b in zip(ticks, ticks[1:]):
            assert not a.overlaps(b), [t.get_text() for t in ax.get_xticklabels()]


def test_imprecise_dates_are_bars_and_days_are_points(seed):
    annotation, rows = seed
    fig = charts.timeline(annotation)
    close = fig.axes[1]
    bars = {p.get_gid() for p in close.patches if (p.get_gid() or "").startswith("event:")}
    points = {l.get_gid() for l in close.get_lines() if (l.get_gid() or "").startswith("event:")}
    assert bars == {f"event:{e}" for e in rows[rows.granularity != "day"].event_id}
    assert points == {f"event:{e}" for e in rows[rows.granularity == "day"].event_id}


def test_cast_charts(seed):
    annotation, rows = seed
    article, mentions, events = annotation.article, annotation.mentions, annotation.events
    presence = charts.presence(annotation)
    assert presence.axes[0].images[0].get_array().shape[1] == (article.paragraphs.kind == "story").sum()
    quoted = charts.quoted(annotation)
    labels = [t.get_text() for t in quoted.axes[0].get_yticklabels()]
    assert "Sullivan" in labels and "senior official" in labels
    net = charts.network(annotation)
    nodes = gids(net.axes[0], "node:")
    assert "node:joe-biden" in nodes and "node:vladimir-putin" in nodes
    assert any(g in ("edge:joe-biden|vladimir-putin",) for g in gids(net.axes[0], "edge:"))
    story = charts.story_vs_time(annotation)
    assert set().union(*(set(gids(ax, "event:")) for ax in story.axes)) == {f"event:{e}" for e in rows.event_id}
    # the charts of an annotation are the row-level charts of its tables
    names = short_names(mentions)
    assert charts._presence(mentions, article.paragraphs, names).axes[0].images[0].get_array().tolist() == \
        presence.axes[0].images[0].get_array().tolist()
    assert [t.get_text() for t in charts._quoted(events, names).axes[0].get_yticklabels()] == labels
    assert sorted(gids(charts._network(mentions, events, names).axes[0], "node:")) == sorted(nodes)


def test_top_limits_the_actors(seed):
    annotation, _ = seed
    assert charts.presence(annotation, top=5).axes[0].images[0].get_array().shape[0] == 5
    assert len(gids(charts.network(annotation, top=4).axes[0], "node:")) <= 4


def test_figures_have_explicit_sizes_and_titles(seed):
    annotation, _ = seed
    fig = charts.timeline(annotation)
    assert fig.get_figwidth() == charts.WIDTH and fig_title(fig)
    assert all(ax.get_xlabel() for ax in fig.axes[:2])


def test_charts_are_readable_at_the_notebooks_width(seed):
    """At most WIDTH inches wide (shown at full size in a cell), legend text of 9 points or more, and
    the timeline's dates above its first rows as well as below its last."""
    annotation, _ = seed
    for name, draw in charts.FIGURES.items():
        fig = draw(annotation)
        assert fig.get_figwidth() <= charts.WIDTH, name
        for legend in fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]:
            assert min(t.get_fontsize() for t in legend.get_texts()) >= 9, name
    fig = charts.timeline(annotation)
    for ax in fig.axes[:2]:
        assert ax.xaxis.get_tick_params(which="major")["labeltop"]


def test_figures_map_export_names_to_the_chart_functions(seed):
    annotation, _ = seed
    assert charts.FIGURES == {"timeline": charts.timeline, "presence": charts.presence, "quoted": charts.quoted,
                              "network": charts.network, "story-vs-time": charts.story_vs_time}
    for name, draw in charts.FIGURES.items():
        fig = draw(annotation)
        assert isinstance(fig, Figure) and fig.axes, name


def test_unknown_article_date_is_said_not_drawn(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Presiden Joe Biden akan berbicara dengan Vladimir Putin pada Kamis.", encoding="utf-8")
    annotation = annotate(path)
    assert annotation.dct.day is None
    for draw in (charts.timeline, charts.story_vs_time):
        fig = draw(annotation)
        assert "the article's date is unknown" in texts(fig)
        assert not any(gids(ax, "event:") for ax in fig.axes)


def hand_rows(*rows):
    base = {"label": "Consult: A", "type": "CONSULT", "mode": None, "status": "occurred", "real_first": None,
            "real_last": None, "real_source": None}
    return pd.DataFrame([base | row for row in rows], columns=ROW_COLUMNS)


def test_hand_made_rows_point_and_bar():
    rows = hand_rows(
        {"event_id": "e1", "granularity": "day", "value": "2022-01-18", "start": "2022-01-18", "end": "2022-01-19",
         "first": 0, "real_first": "2022-01-17", "real_last": "2022-01-17"},
        {"event_id": "e2", "granularity": "month", "value": "2022-02", "start": "2022-02-01", "end": "2022-03-01",
         "first": 10, "status": "planned"})
    fig = charts._timeline(rows, "2022-01-19")
    close = fig.axes[1]
    assert {p.get_gid() for p in close.patches if (p.get_gid() or "").startswith("event:")} == {"event:e2"}
    assert {l.get_gid() for l in close.get_lines() if (l.get_gid() or "").startswith("event:")} == {"event:e1"}
    assert gids(close, "real:") == ["real:e1"]
    assert gids(charts._timeline(rows, "2022-01-19", real=False).axes[1], "real:") == []
    story = charts._story_vs_time(rows, "2022-01-19")
    assert set().union(*(set(gids(ax, "event:")) for ax in story.axes)) == {"event:e1", "event:e2"}


def test_no_dated_events_is_said_not_drawn():
    for fig in (charts._timeline(hand_rows(), "2022-01-19"), charts._story_vs_time(hand_rows(), "2022-01-19")):
        assert "no dated events" in texts(fig)
