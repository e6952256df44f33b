"""The timeline rows: the dated events of an annotation, as precisely as the text dates them, with real dates."""
from types import SimpleNamespace

import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.events import event_table
from lib.timeline import ROW_COLUMNS, event_label, short_names, timeline_rows
from lib.timexes import granularity_of


@pytest.fixture(scope="module")
def seed():
    return annotate(SEED_ARTICLE, dct="2021-12-29")


def test_rows_are_the_dated_events(seed):
    rows = timeline_rows(seed)
    assert list(rows.columns) == ROW_COLUMNS
    merged = event_table(seed.events)
    dated = merged[merged.range_start.notna()]
    assert rows.event_id.tolist() == dated.event_id.tolist()
    assert (rows.start < rows.end).all()
    assert all(granularity_of(v) == g for v, g in zip(rows.value, rows.granularity))
    call = rows.set_index("event_id").loc["e1"]
    assert (call.label, call.granularity, call.start, call.end) == (
        "Consult (phone): Biden, Putin", "day", "2021-12-30", "2021-12-31")


def test_real_dates_come_from_the_curated_events_file(seed):
    rows = timeline_rows(seed).set_index("event_id")
    assert rows.loc["e1", "real_first"] == rows.loc["e1", "real_last"] == "2021-12-30"
    drafts = seed.events.set_index("text").loc["menyerahkan", "event_id"]       # the draft security documents
    assert rows.loc[drafts, "real_first"] == "2021-12-15"
    assert rows.real_source.notna().sum() == rows.real_first.notna().sum() > 10
    assert timeline_rows(seed, real=False).real_first.isna().all()


def test_no_curated_file_means_no_real_dates(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Presiden Joe Biden akan berbicara dengan Vladimir Putin pada Kamis (30/12/2021).", encoding="utf-8")
    rows = timeline_rows(annotate(path))
    assert rows.event_id.tolist() and rows.real_first.isna().all()


def test_real_dates_from_a_curated_file_without_real_source(tmp_path):
    text = "Presiden Joe Biden akan berbicara dengan Vladimir Putin pada Kamis (30/12/2021).\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.actors.csv").write_text("id,name,kind\njoe-biden,Joe Biden,person\n", encoding="utf-8")
    start = text.index("berbicara")
    (tmp_path / "a.events.csv").write_text("id,event_id,start,end,text,type,status,real_date\n"
                                           f"v1,e1,{start},{start + 9},berbicara,CONSULT,planned,2021-12-30\n",
                                           encoding="utf-8")
    rows = timeline_rows(annotate(tmp_path / "a.txt"))
    assert rows.real_first.tolist() == ["2021-12-30"]


def test_short_names(seed):
    names = short_names(seed.mentions)
    assert (names["joe-biden"], names["vladimir-putin"], names["antony-blinken"]) == ("Biden", "Putin", "Blinken")
    assert names["russia"] == "Russia"                         # not a person: the canonical name
    assert all(";" not in actor for actor in names)
    assert any(actor.startswith("anonymous") and name == "senior official" for actor, name in names.items())


def test_event_label():
    names = {"joe-biden": "Biden", "vladimir-putin": "Putin"}
    row = SimpleNamespace(type="CONSULT", mode="phone", actors="joe-biden", recipients="vladimir-putin")
    assert event_label(row, names) == "Consult (phone): Biden → Putin"
    row = SimpleNamespace(type="STATEMENT", mode=float("nan"), actors="x-y", recipients=None)
    assert event_label(row, names) == "Statement: x-y"
    row = SimpleNamespace(type="AGREE", mode=None, actors=None, recipients=None)
    assert event_label(row, names) == "Agree"
