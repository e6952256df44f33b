"""Exports read back, are the same bytes every run, and never overwrite what they should not."""
import hashlib
import json
import os
import stat

import matplotlib
import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.charts import FIGURES
from lib.errors import ArticleError
from lib.exports import (EXPORT_FILES, MANIFEST, export, read_back, save_figure, timelinejs, validate_timelinejs,
                         write_atomic)
from lib.timeline import timeline_rows

matplotlib.use("Agg")
DCT = "2021-12-29"
DATA_FILES = [name for name in EXPORT_FILES if not name.endswith((".png", ".svg"))] + [MANIFEST]


@pytest.fixture(scope="module")
def seed():
    annotation = annotate(SEED_ARTICLE, dct=DCT)
    return annotation, timeline_rows(annotation)


@pytest.fixture
def umask():
    """Set the process umask for a test; the old one comes back after."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def test_timelinejs_precision_and_validation(seed):
    _, rows = seed
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
    annotation, _ = seed
    article, timexes, mentions, events = annotation.article, annotation.timexes, annotation.mentions, annotation.events
    (tmp_path / "mine.txt").write_text("not the export's", encoding="utf-8")
    first = export(annotate(SEED_ARTICLE, DCT), tmp_path)
    assert sorted(p.name for p in first) == sorted(EXPORT_FILES + [MANIFEST])
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in first}
    second = export(annotate(SEED_ARTICLE, DCT), tmp_path)
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


def test_export_without_figures_writes_the_data_files(tmp_path, seed):
    annotation, _ = seed
    written = export(annotation, tmp_path / "new" / "folder", figures=False)
    assert sorted(p.name for p in written) == sorted(DATA_FILES)
    assert all(p.parent == tmp_path / "new" / "folder" for p in written)


def test_no_figures_without_an_article_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Presiden Joe Biden akan berbicara dengan Vladimir Putin pada Kamis.", encoding="utf-8")
    annotation = annotate(path)
    assert annotation.dct.day is None
    assert sorted(p.name for p in export(annotation, tmp_path / "out")) == sorted(DATA_FILES)


def test_the_manifest_is_written_last_and_lists_every_file(tmp_path, seed):
    annotation, _ = seed
    written = export(annotation, tmp_path, figures=False)
    assert written[-1].name == MANIFEST
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["article"], manifest["sha256"], manifest["dct"]) == (SEED_ARTICLE.name, annotation.article.sha256, DCT)
    assert manifest["files"] == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in written[:-1]}


def test_an_export_clears_what_a_killed_one_left(tmp_path, seed):
    annotation, _ = seed
    stale = tmp_path / ".timeline.json.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    (tmp_path / ".notes.txt.abc.tmp").write_text("not ours", encoding="utf-8")
    export(annotation, tmp_path, figures=False)
    assert not stale.exists() and (tmp_path / ".notes.txt.abc.tmp").exists()


@pytest.mark.parametrize("out", ["", "   "])
def test_export_refuses_an_empty_folder_name(tmp_path, seed, out):
    annotation, _ = seed
    with pytest.raises(ArticleError, match="--out: empty folder name"):
        export(annotation, out)


def test_export_refuses_to_overwrite_the_article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Presiden Joe Biden akan berbicara dengan Vladimir Putin pada Kamis (30/12/2021).",
                    encoding="utf-8")
    before = path.read_bytes()
    annotation = annotate(path)
    with pytest.raises(ArticleError, match="is the article being exported; choose another --out folder"):
        export(annotation, tmp_path, figures=False)
    with pytest.raises(ArticleError, match="is the article being exported"):
        export(annotation, tmp_path / "sub" / "..", figures=False)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_are_written_with_the_umask_permissions(tmp_path, seed, umask, mask, mode):
    annotation, _ = seed
    umask(mask)
    written = export(annotation, tmp_path, figures=False)
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {p.name: mode for p in written}
    assert stat.S_IMODE(write_atomic(tmp_path / "x.bin", b"x").stat().st_mode) == mode


def test_read_back_splits_json_lines_on_newline_only(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Presiden Joe Biden berbicara\u2028dengan Vladimir Putin pada Kamis (30/12/2021).\u2029Ia senang.",
                    encoding="utf-8")
    annotation = annotate(path)
    export(annotation, tmp_path / "out", figures=False)
    back = read_back(tmp_path / "out")
    assert len(back["doccano"]) == 1 and back["doccano"][0]["text"] == annotation.article.text
    assert "\u2028" in back["text"]
    assert len(back["plover"]) == annotation.events.event_id.nunique()


def test_save_figure_writes_png_and_svg_the_same_bytes_every_time(tmp_path, seed):
    annotation, _ = seed
    fig = FIGURES["quoted"](annotation)
    paths = save_figure(fig, tmp_path / "quoted")
    assert [p.name for p in paths] == ["quoted.png", "quoted.svg"]
    assert paths[0].read_bytes().startswith(b"\x89PNG") and b"<svg" in paths[1].read_bytes()
    first = [p.read_bytes() for p in paths]
    assert [p.read_bytes() for p in save_figure(fig, tmp_path / "quoted")] == first
