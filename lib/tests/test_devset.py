"""The development-set report: gold spans, the scoring rules, the report and its command line.

Every text here is invented for the tests; the real development set is only used, when it is
there, by the tests marked ``needs_devnews``.
"""
import json
import random
from types import SimpleNamespace

import pandas as pd
import pytest

from lib.load import ArticleError
from lib.tools.devset import (DEFAULT_FOLDER, gold_kind, gold_tables, locate, main, overlap_finder, report,
                              score_actors, score_dct, score_events, score_time, whole_word)

DEVNEWS = DEFAULT_FOLDER.resolve()
needs_devnews = pytest.mark.skipif(not DEVNEWS.exists(), reason=f"{DEVNEWS} is not there")

TEXT = ("Gubernur Rina Wulandari meresmikan pasar di Kota Sukamaju pada Senin (3/2/2025). "
        "Rina mengatakan tiga korban banjir masih dirawat. Seorang korban lain sudah pulang. "
        "Budiman, warga setempat, memuji Rina. Baca juga: Rina Resmikan Pasar Baru Senin")
IGNORE = "Baca juga: Rina Resmikan Pasar Baru Senin"


def at(needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the n-th occurrence of ``needle`` in ``TEXT``."""
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def gold_file(**parts) -> dict:
    """A gold JSON in the devnews format, empty sections unless given."""
    return {"file": "berita.txt", "dct": "2025-02-04", "timexes": [], "actors": [], "events": [], "ignore": [],
            "notes": ""} | parts


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A table with the given columns (also when there are no rows)."""
    return pd.DataFrame(rows, columns=columns)


def timexes(*rows) -> pd.DataFrame:
    """Automatic time expressions from ``(start, end, value, mod)`` tuples."""
    return frame([{"start": s, "end": e, "text": TEXT[s:e], "value": v, "mod": m} for s, e, v, m in rows],
                 ["start", "end", "text", "value", "mod"])


def mentions(*rows) -> pd.DataFrame:
    """Automatic actor mentions from ``(start, end, actor id, kind)`` tuples."""
    return frame([{"start": s, "end": e, "text": TEXT[s:e], "actor": a, "kind": k} for s, e, a, k in rows],
                 ["start", "end", "text", "actor", "kind"])


def events(*rows) -> pd.DataFrame:
    """Automatic event triggers from ``(start, end, type, actors, value)`` tuples."""
    return frame([{"start": s, "end": e, "text": TEXT[s:e], "type": t, "actors": a, "value": v}
                  for s, e, t, a, v in rows], ["start", "end", "text", "type", "actors", "value"])


# ----------------------------------------------------------------------------- gold tables

def test_locate_finds_the_nth_occurrence():
    assert locate(TEXT, "Rina", 2, "here") == at("Rina", 2)
    assert locate(TEXT, "Rina", 1, "here") == at("Rina", 1)


def test_locate_counts_overlapping_occurrences():
    assert locate("aaa", "aa", 2, "here") == (1, 3)


def test_missing_occurrence_names_file_section_item_and_string():
    gold = gold_file(timexes=[{"text": "Senin", "occurrence": 1, "value": "2025-02-03"},
                              {"text": "Selasa", "occurrence": 1, "value": "2025-02-04"}])
    with pytest.raises(ValueError, match=r"berita\.txt: timexes item 2: 'Selasa' occurrence 1 not found"):
        gold_tables(TEXT, gold)
    message = r"berita\.txt: events item 1: 'memuji' occurrence 2 not found \(the text has 1\)"
    with pytest.raises(ValueError, match=message):
        gold_tables(TEXT, gold_file(events=[{"trigger": "memuji", "occurrence": 2, "type": "STATEMENT",
                                             "actors": [], "targets": [], "value": None, "status": "occurred"}]))


def test_gold_timexes_are_offsets_into_the_text():
    gold = gold_file(timexes=[{"text": "Senin (3/2/2025)", "occurrence": 1, "value": "2025-02-03"},
                              {"text": "Senin", "occurrence": 2, "value": "2025-02-03", "mod": "START",
                               "alt_values": ["2025-W06"]}])
    table = gold_tables(TEXT, gold)["timexes"]
    assert [TEXT[s:e] for s, e in zip(table.start, table.end)] == ["Senin (3/2/2025)", "Senin"]
    assert table["mod"].tolist() == ["", "START"]
    assert table["alt_values"].tolist() == [(), ("2025-W06",)]


def test_whole_word():
    s, e = at("Budi")
    assert not whole_word(TEXT, s, e)                      # inside Budiman
    assert whole_word(TEXT, *at("Budiman"))                 # followed by a comma
    assert whole_word("(PN) Jakarta", 0, 4)                 # punctuation at the edges
    assert not whole_word("PNS Jakarta", 0, 2)


def test_surfaces_are_whole_words_and_every_occurrence_counts():
    gold = gold_file(actors=[{"name": "Budi", "kind": "person", "surface": ["Budi"]},
                             {"name": "Rina Wulandari", "kind": "person", "surface": ["Rina Wulandari", "Rina"]}])
    table = gold_tables(TEXT, gold)["mentions"]
    assert "Budi" not in table["actor"].tolist()
    assert table["text"].tolist() == ["Rina Wulandari", "Rina", "Rina", "Rina"]
    assert table["start"].tolist() == [at("Rina", n)[0] for n in (1, 2, 3, 4)]
    assert [TEXT[s:e] for s, e in zip(table.start, table.end)] == table["text"].tolist()


def test_the_longer_of_two_overlapping_surfaces_wins():
    gold = gold_file(actors=[{"name": "korban", "kind": "group", "surface": ["korban"]},
                             {"name": "tiga korban", "kind": "group", "surface": ["tiga korban"]}])
    table = gold_tables(TEXT, gold)["mentions"]
    assert list(zip(table["text"], table["actor"], table["start"])) == [
        ("tiga korban", "tiga korban", at("tiga korban")[0]), ("korban", "korban", at("korban", 2)[0])]


def test_nothing_inside_ignored_boilerplate():
    gold = gold_file(ignore=[IGNORE],
                     timexes=[{"text": "Senin", "occurrence": 2, "value": "2025-02-03"}],
                     actors=[{"name": "Rina Wulandari", "kind": "person", "surface": ["Rina"]}],
                     events=[{"trigger": "Resmikan", "occurrence": 1, "type": "COOPERATE", "actors": [],
                              "targets": [], "value": None, "status": "occurred"}])
    tables = gold_tables(TEXT, gold)
    assert tables["timexes"].empty and tables["events"].empty
    assert tables["mentions"]["start"].tolist() == [at("Rina", 1)[0], at("Rina", 2)[0], at("Rina", 3)[0]]


def test_gold_events_join_actors_and_read_alternatives():
    gold = gold_file(actors=[{"name": "Rina Wulandari", "kind": "person", "surface": ["Rina"]}],
                     events=[{"trigger": "meresmikan", "occurrence": 1, "type": "COOPERATE",
                              "actors": ["Rina Wulandari", "Pemkot"], "targets": [], "value": "2025-02-03",
                              "status": "occurred", "alt_values": ["2025-W06"], "alt_type": "AID"}])
    row = gold_tables(TEXT, gold)["events"].iloc[0]
    assert (row.start, row.end, row.actors, row.targets, row.value) == (*at("meresmikan"), "Rina Wulandari;Pemkot",
                                                                        "", "2025-02-03")
    assert row.alternatives == {"value": ["2025-W06"], "type": ["AID"]}


def test_overlap_finder_agrees_with_brute_force():
    rng = random.Random(7)
    spans = [(s, s + rng.randint(0, 12)) for s in (rng.randint(0, 200) for _ in range(300))]
    find = overlap_finder(spans)
    for start in range(0, 210, 3):
        end = start + rng.randint(1, 9)
        assert sorted(find(start, end)) == sorted(i for i, (s, e) in enumerate(spans) if s < end and start < e)


# ----------------------------------------------------------------------------- scores

def test_kind_mapping():
    assert [gold_kind(k) for k in ("person", "organization", "country", "location", "group")] == [
        "person", "organization", "place", "place", "group"]


def gold_time(**extra) -> pd.DataFrame:
    """The gold table of one time expression, ``Senin (3/2/2025)``."""
    item = {"text": "Senin (3/2/2025)", "occurrence": 1, "value": "2025-02-03"} | extra
    return gold_tables(TEXT, gold_file(timexes=[item]))["timexes"]


def test_time_value_right_when_overlapping_with_equal_value_and_mod():
    s, e = at("Senin (3/2/2025)")
    assert score_time(timexes((s, s + 5, "2025-02-03", None)), gold_time()) == {
        "gold": 1, "found": 1, "value right": 1, "auto": 1, "auto in gold": 1, "auto not in gold": 0}


def test_time_near_misses():
    s, e = at("Senin (3/2/2025)")
    wrong_mod = score_time(timexes((s, e, "2025-02-03", "APPROX")), gold_time())
    assert (wrong_mod["found"], wrong_mod["value right"]) == (1, 0)
    wrong_value = score_time(timexes((s, e, "2025-02-10", None)), gold_time())
    assert (wrong_value["found"], wrong_value["value right"]) == (1, 0)
    touching = score_time(timexes((e, e + 5, "2025-02-03", None)), gold_time())   # starts where gold ends
    assert (touching["found"], touching["auto not in gold"]) == (0, 1)
    mod_kept = score_time(timexes((s, e, "2025-02-03", "START")), gold_time(mod="START"))
    assert mod_kept["value right"] == 1


def test_time_alternative_values_count():
    s, e = at("Senin (3/2/2025)")
    assert score_time(timexes((s, e, "2025-W06", None)), gold_time(alt_values=["2025-W06"]))["value right"] == 1


def test_time_misses_say_what_was_wrong():
    s, e = at("Senin (3/2/2025)")
    misses = []
    score_time(timexes((s, e, "2025-02-10", "APPROX"), (0, 8, "PRESENT_REF", None)), gold_time(), misses)
    assert [(m["offset"], m["wrong"]) for m in misses] == [(s, "value, mod"), (0, "not in gold")]


def gold_people() -> pd.DataFrame:
    """Gold mentions of a person (Rina) and a place (Kota Sukamaju)."""
    gold = gold_file(actors=[{"name": "Rina Wulandari", "kind": "person", "surface": ["Rina Wulandari", "Rina"]},
                             {"name": "Kota Sukamaju", "kind": "place", "surface": ["Kota Sukamaju"]}])
    return gold_tables(TEXT, gold)["mentions"]


def test_actors_found_and_right_kind_through_the_kind_mapping():
    place = at("Sukamaju")
    scores = score_actors(mentions((*place, "sukamaju", "location")), gold_people())
    assert (scores["gold"], scores["found"], scores["right kind"]) == (5, 1, 1)


def test_actors_near_misses():
    place, word = at("Kota Sukamaju"), at("pasar")
    wrong_kind = score_actors(mentions((*place, "sukamaju", "person")), gold_people())
    assert (wrong_kind["found"], wrong_kind["right kind"]) == (1, 0)
    beside = score_actors(mentions((word[0], place[0], "pasar", "location")), gold_people())  # ends where gold starts
    assert (beside["found"], beside["auto not in gold"]) == (0, 1)


def event_gold(actors: list[str], value: str | None = "2025-02-03", **extra) -> dict:
    """The gold tables of one event, ``meresmikan``, with Rina and the city as actors."""
    gold = gold_file(actors=[{"name": "Rina Wulandari", "kind": "person", "surface": ["Rina Wulandari", "Rina"]},
                             {"name": "Kota Sukamaju", "kind": "place", "surface": ["Kota Sukamaju"]}],
                     events=[{"trigger": "meresmikan", "occurrence": 1, "type": "COOPERATE", "actors": actors,
                              "targets": [], "value": value, "status": "occurred"} | extra])
    return gold_tables(TEXT, gold)


AUTO_MENTIONS = mentions((*at("Rina", 2), "rina", "person"), (*at("Sukamaju"), "sukamaju", "location"),
                         (*at("Budiman"), "budiman", "person"))


def score_event(auto: pd.DataFrame, gold: dict) -> tuple[int, int, int, int]:
    """``(found, right type, right date, right doer)`` of one event."""
    scores = score_events(auto, gold["events"], AUTO_MENTIONS, gold["mentions"])
    return scores["found"], scores["right type"], scores["right date"], scores["right doer"]


def test_events_all_right_with_the_doer_linked_through_a_mention():
    s, e = at("meresmikan")
    gold = event_gold(["Rina Wulandari"])
    assert score_event(events((s, e, "COOPERATE", "rina", "2025-02-03")), gold) == (1, 1, 1, 1)


def test_events_near_misses():
    s, e = at("meresmikan")
    gold = event_gold(["Rina Wulandari"])
    assert score_event(events((s, e, "CONSULT", "rina", "2025-02-03")), gold) == (1, 0, 1, 1)
    assert score_event(events((s, e, "COOPERATE", "rina", "2025-02-04")), gold) == (1, 1, 0, 1)
    assert score_event(events((s, e, "COOPERATE", "budiman", "2025-02-03")), gold) == (1, 1, 1, 0)  # another actor
    assert score_event(events((s, e, "COOPERATE", "ghost", "2025-02-03")), gold) == (1, 1, 1, 0)    # no mentions
    assert score_event(events((s, e, "COOPERATE", None, "2025-02-03")), gold) == (1, 1, 1, 0)
    assert score_event(events((e + 1, e + 6, "COOPERATE", "rina", "2025-02-03")), gold) == (0, 0, 0, 0)


def test_events_one_of_several_doers_is_enough():
    s, e = at("meresmikan")
    gold = event_gold(["Rina Wulandari", "Kota Sukamaju"])
    assert score_event(events((s, e, "COOPERATE", "budiman;sukamaju", "2025-02-03")), gold) == (1, 1, 1, 1)


def test_events_empty_fields_match_only_empty_ones():
    s, e = at("meresmikan")
    gold = event_gold([], value=None)
    assert score_event(events((s, e, "COOPERATE", None, None)), gold) == (1, 1, 1, 1)
    assert score_event(events((s, e, "COOPERATE", "rina", "2025-02-03")), gold) == (1, 1, 0, 0)


def test_events_alternatives_count():
    s, e = at("meresmikan")
    gold = event_gold(["Rina Wulandari"], alt_values=["2025-W06"], alt_type="AID", alt_actors=["Kota Sukamaju"])
    assert score_event(events((s, e, "AID", "sukamaju", "2025-W06")), gold) == (1, 1, 1, 1)


def test_dct_scores():
    assert score_dct("2025-02-04", "2025-02-04") == {"articles": 1, "exact": 1, "none": 0, "wrong single date": 0,
                                                     "wrong, said so": 0}
    assert score_dct("2025-02-04", None)["none"] == 1
    said = score_dct("2025-02-04", "2025-02-03", "2025-02-03", "2025-02-06", confidence="low")
    assert (said["exact"], said["wrong single date"], said["wrong, said so"]) == (0, 0, 1)
    sure = score_dct("2025-02-04", "2025-02-03", "2025-02-03", "2025-02-06", confidence="medium")
    assert (sure["wrong single date"], sure["wrong, said so"]) == (1, 0)     # not low: a wrong single date
    ends_before = score_dct("2025-02-04", "2025-02-03", "2025-02-03", "2025-02-04", confidence="low")   # end exclusive
    assert (ends_before["wrong single date"], ends_before["wrong, said so"]) == (1, 0)


# ----------------------------------------------------------------------------- the report

def write_devset(folder) -> None:
    """A development set of two invented articles, one with gold, one the pipeline refuses."""
    (folder / "articles").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "articles" / "berita.txt").write_text(TEXT, encoding="utf-8")
    (folder / "articles" / "rusak.txt").write_text("<html>bukan berita</html>", encoding="utf-8")
    (folder / "articles" / "index.csv").write_text(
        "file,outlet,published\nberita.txt,contoh,2025-02-04\nrusak.txt,contoh,2025-02-05\n",
        encoding="utf-8")
    gold = gold_file(
        timexes=[{"text": "Senin (3/2/2025)", "occurrence": 1, "value": "2025-02-03"}],
        actors=[{"name": "Rina Wulandari", "kind": "person", "surface": ["Rina Wulandari", "Rina"]}],
        events=[{"trigger": "meresmikan", "occurrence": 1, "type": "COOPERATE", "actors": ["Rina Wulandari"],
                 "targets": [], "value": "2025-02-03", "status": "occurred"}], ignore=[IGNORE])
    (folder / "gold" / "berita.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def fake_pipeline(path, dct=None):
    """Stands in for ``lib.annotate.annotate``: fixed tables for the invented article, a refusal for the other."""
    if path.name == "rusak.txt":
        raise ArticleError(f"{path}: an HTML page, not an article")
    rina = at("Rina", 2)
    return SimpleNamespace(
        article=SimpleNamespace(text=path.read_text(encoding="utf-8")),
        dct=SimpleNamespace(value=dct or "2025-02-03", range_start="2025-02-03", range_end="2025-02-05", confidence="low"),
        timexes=timexes((*at("Senin (3/2/2025)"), "2025-02-03", None)),
        mentions=mentions((*at("Rina Wulandari"), "rina", "person"), (*rina, "rina", "location")),
        events=events((*at("meresmikan"), "COOPERATE", "rina", "2025-02-04")))


def test_report_on_an_invented_devset(tmp_path):
    write_devset(tmp_path)
    summary, misses = report(tmp_path, annotate=fake_pipeline)
    rows = summary.set_index("measure")
    assert list(summary.columns) == ["measure", "gold", "right", "share", "target", "met"]
    assert rows.loc["time: value right", ["gold", "right"]].tolist() == [1, 1]
    assert rows.loc["actors: found", ["gold", "right"]].tolist() == [3, 2]
    assert rows.loc["actors: right kind", "right"] == 1
    assert rows.loc["events: right date", "right"] == 0 and rows.loc["events: right doer", "right"] == 1
    assert rows.loc["DCT: exact", ["gold", "right", "share", "target"]].tolist() == [2, 0, 0.0, 0.75]
    assert rows.loc["DCT: wrong single date", "right"] == 0          # low confidence, and the range holds the day
    assert bool(rows.loc["DCT: wrong single date", "met"]) is True
    assert rows.loc["DCT: none", "right"] == 1
    assert rows.loc["DCT: wrong, low confidence, range holds truth", "right"] == 1
    assert bool(rows.loc["time: value right", "met"]) is True
    assert list(misses.columns) == ["file", "stage", "offset", "gold_text", "gold_value", "found_text", "found_value",
                                    "wrong"]
    wrong = set(zip(misses["file"], misses["stage"], misses["wrong"]))
    assert {("berita.txt", "DCT", "wrong date, low confidence, range holds truth"), ("berita.txt", "actors", "not found"),
            ("berita.txt", "actors", "kind"), ("berita.txt", "events", "date")} <= wrong
    refused = misses[misses["file"] == "rusak.txt"]                 # one row for a refused article
    assert refused["stage"].tolist() == ["load"]
    assert refused["wrong"].iloc[0].endswith("rusak.txt: an HTML page, not an article")


def test_main_prints_markdown(tmp_path, capsys):
    write_devset(tmp_path)
    assert main([str(tmp_path), "--markdown", "--misses"], annotate=fake_pipeline) == 0
    out = capsys.readouterr().out
    assert out.startswith("| measure | gold | right | share | target | met |")
    assert "| time: value right | 1 | 1 | 1.0 | 0.95 | True |" in out
    assert "| file | stage | offset |" in out


def test_main_missing_folder_is_one_line_and_exit_2(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere" in err


def test_main_broken_gold_is_one_line_and_exit_2(tmp_path, capsys):
    write_devset(tmp_path)
    gold = json.loads((tmp_path / "gold" / "berita.gold.json").read_text(encoding="utf-8"))
    gold["timexes"][0]["text"] = "Minggu"
    (tmp_path / "gold" / "berita.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main([str(tmp_path)], annotate=fake_pipeline) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "berita.txt: timexes item 1: 'Minggu'" in err


# ----------------------------------------------------------------------------- the real development set

@needs_devnews
def test_every_gold_file_resolves_against_its_article():
    from lib.load import load_article

    for path in sorted((DEVNEWS / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = load_article(DEVNEWS / "articles" / gold["file"]).text
        tables = gold_tables(text, gold)
        for table in tables.values():
            assert [text[s:e] for s, e in zip(table.start, table.end)] == table["text"].tolist()


@needs_devnews
def test_report_on_the_real_devset():
    summary, misses = report(DEVNEWS)
    rows = summary.set_index("measure")
    assert rows.loc["DCT: exact", "gold"] == 60
    assert rows.loc["time: value right", "gold"] > 0 and rows.loc["events: found", "gold"] > 0
    assert set(misses["stage"]) <= {"load", "DCT", "time", "actors", "events"}
