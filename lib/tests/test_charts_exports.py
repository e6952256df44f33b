"""Charts show what they claim (counted from the figure's marks, not pixels); exports read back."""
import hashlib
from datetime import date

import matplotlib
import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
import pytest

from lib import SEED_ARTICLE
from lib import charts
from lib.annotate import annotate_article
from lib.events import load_curated_events
from lib.exports import EXPORT_FILES, export_article, read_back, timelinejs, validate_timelinejs, write_atomic
from lib.load import load_article
from lib.timeline import short_names, timeline_rows

matplotlib.use("Agg")
DCT = "2021-12-29"


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED_ARTICLE)
    timexes, mentions, events = annotate_article(article, DCT)
    rows = timeline_rows(events, mentions, load_curated_events(article))
    return article, timexes, mentions, events, rows


def gids(ax, prefix):
    return [a.get_gid() for a in ax.get_children() if (a.get_gid() or "").startswith(prefix)]


def test_timeline_draws_every_dated_event_in_both_panels(seed):
    *_, rows = seed
    fig = charts.timeline(rows, DCT)
    context, close = fig.axes[:2]
    expected = {f"event:{e}" for e in rows.event_id}
    assert set(gids(context, "event:")) == expected
    assert set(gids(close, "event:")) == expected
    assert len(gids(context, "real:")) == rows.real_first.notna().sum()


def test_timeline_dates_lie_within_the_axes(seed):
    *_, rows = seed
    fig = charts.timeline(rows, DCT)
    context, close = fig.axes[:2]
    lo, hi = context.get_xlim()
    for d in list(rows.start) + list(rows.real_first.dropna()):
        assert lo <= mdates.date2num(date.fromisoformat(d)) <= hi
    lo, hi = close.get_xlim()
    first, last = charts.close_window(rows, DCT)
    near = [d for d in rows.start if abs((date.fromisoformat(d) - date.fromisoformat(DCT)).days) <= 60]
    assert near and all(lo <= mdates.date2num(date.fromisoformat(d)) <= hi for d in near)


def test_timeline_article_date_line(seed):
    *_, rows = seed
    fig = charts.timeline(rows, DCT)
    for ax in fig.axes[:2]:
        line = [a for a in ax.get_lines() if a.get_gid() == "dct"]
        assert len(line) == 1 and line[0].get_xdata()[0] == mdates.date2num(date(2021, 12, 29))


def test_timeline_labels_do_not_overlap(seed):
    *_, rows = seed
    fig = charts.timeline(rows, DCT)
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
    *_, rows = seed
    fig = charts.timeline(rows, DCT)
    close = fig.axes[1]
    bars = {p.get_gid() for p in close.patches if (p.get_gid() or "").startswith("event:")}
    points = {l.get_gid() for l in close.get_lines() if (l.get_gid() or "").startswith("event:")}
    assert bars == {f"event:{e}" for e in rows[rows.granularity != "day"].event_id}
    assert points == {f"event:{e}" for e in rows[rows.granularity == "day"].event_id}


def test_cast_charts(seed):
    article, _, mentions, events, rows = seed
    names = short_names(mentions)
    presence = charts.presence(mentions, article.paragraphs, names)
    assert presence.axes[0].images[0].get_array().shape[1] == (article.paragraphs.kind == "story").sum()
    quoted = charts.quoted(events, names)
    labels = [t.get_text() for t in quoted.axes[0].get_yticklabels()]
    assert "Sullivan" in labels and "senior official" in labels
    net = charts.network(mentions, events, names)
    nodes = gids(net.axes[0], "node:")
    assert "node:joe-biden" in nodes and "node:vladimir-putin" in nodes
    assert any(g in ("edge:joe-biden|vladimir-putin",) for g in gids(net.axes[0], "edge:"))
    story = charts.story_vs_time(rows, DCT)
    assert set().union(*(set(gids(ax, "event:")) for ax in story.axes)) == {f"event:{e}" for e in rows.event_id}


def test_figures_have_explicit_sizes_and_titles(seed):
    *_, rows = seed
    fig = charts.timeline(rows, DCT)
    assert fig.get_figwidth() == 14 and fig._suptitle.get_text()
    assert all(ax.get_xlabel() for ax in fig.axes[:2])


def test_timelinejs_precision_and_validation(seed):
    *_, rows = seed
    doc = timelinejs(rows, "seed")
    validate_timelinejs(doc)
    by_id = {e["unique_id"]: e for e in doc["events"]}
    year = rows[rows.granularity == "year"].event_id.iloc[0]
    month = rows[rows.granularity == "month"].event_id.iloc[0]
    day = rows[rows.granularity == "day"].event_id.iloc[0]
    assert set(by_id[year]["start_date"]) == {"year"}
    assert set(by_id[month]["start_date"]) == {"year", "month"}
    assert set(by_id[day]["start_date"]) == {"year", "month", "day"}
    with pytest.raises(ValueError, match="event 0: 'start_date'"):
        validate_timelinejs({"events": [{"start_date": {"month": 1}, "text": {"headline": "x"}}]})


def test_exports_read_back_and_are_deterministic(tmp_path, seed):
    article, timexes, mentions, events, _ = seed
    (tmp_path / "mine.txt").write_text("not the export's", encoding="utf-8")
    first = export_article(SEED_ARTICLE, tmp_path)
    assert sorted(p.name for p in first) == sorted(EXPORT_FILES)
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in first}
    second = export_article(SEED_ARTICLE, tmp_path)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in second} == digest
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "not the export's"
    assert not list(tmp_path.glob(".*.tmp"))
    back = read_back(tmp_path)
    assert back["timexes"].value.tolist() == timexes.value.tolist()
    assert back["mentions"][["start", "end", "actor"]].values.tolist() == mentions[["start", "end", "actor"]].values.tolist()
    assert back["events"].event_id.tolist() == events.event_id.tolist()
    assert back["text"] == article.text and "\r" not in back["text"]
    assert not (tmp_path / "article.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    for line in back["ann"].splitlines():
        if line.startswith("T"):
            tid, middle, surface = line.split("\t")
            _, start, end = middle.split()
            assert back["text"][int(start):int(end)].replace("\n", " ") == surface
    assert sum(line.startswith("E") for line in back["ann"].splitlines()) == len(events)
    doc = back["doccano"][0]
    assert all(doc["text"][e["start_offset"]:e["end_offset"]] for e in doc["entities"])
    assert len(back["plover"]) == events.event_id.nunique()
    validate_timelinejs(back["timeline"])


def test_write_atomic_leaves_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)            # not bytes or text: nothing is written
    assert target.read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.glob(".*.tmp"))
