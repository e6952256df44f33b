"""One article through every stage, once: the Annotation, its JSON, its DCT and its curated tables."""
import dataclasses
import json
import math

import numpy as np
import pandas as pd
import pytest

from lib import SEED_ARTICLE
from lib.actors import tag_mentions
from lib.annotate import Annotation, annotate, records, to_json_text
from lib.curated import read_curated
from lib.dct import Dct
from lib.errors import ArticleError
from lib.events import tag_events
from lib.load import load_article
from lib.timexes import tag_timexes

# the keys of ``python -m lib annotate`` before the refactor (lib/annotate.py, annotate(path) -> dict)
JSON_KEYS = ["path", "sha256", "language", "dateline", "dct", "text", "paragraphs", "sentences", "boilerplate",
             "timexes", "mentions", "events"]
ROW_KEYS = {
    "paragraphs": ["paragraph", "start", "end", "text", "kind"],
    "sentences": ["sentence", "paragraph", "start", "end", "text"],
    "boilerplate": ["start", "end", "text", "kind", "line"],
    "timexes": ["id", "start", "end", "text", "type", "value", "mod", "granularity", "range_start", "range_end",
                "anchor", "tense", "rule", "note"],
    "mentions": ["id", "start", "end", "text", "actor", "name", "kind", "role", "refers_to", "how"],
    "events": ["mention", "event_id", "start", "end", "text", "sentence", "type", "mode", "actors", "recipients",
               "timex", "value", "range_start", "range_end", "time_basis", "status", "attributed_to", "rule"],
}


@pytest.fixture(scope="module")
def seed():
    return annotate(SEED_ARTICLE)


def write(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_annotation_is_frozen(seed):
    assert isinstance(seed, Annotation)
    for field in dataclasses.fields(Annotation):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(seed, field.name, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        seed.dct.day = None
    assert [f.name for f in dataclasses.fields(Annotation)] == ["article", "dct", "timex_rows", "mention_rows",
                                                                 "event_rows"]
    for name in ("timexes", "mentions", "events"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(seed, name, None)


def test_the_tables_are_built_from_the_rows_when_first_asked_and_equal_eager_ones():
    from lib import actors, events, timexes

    annotation = annotate(SEED_ARTICLE)
    assert not {"timexes", "mentions", "events"} & set(vars(annotation))     # nothing built yet
    eager = {"timexes": timexes.frame(annotation.timex_rows), "mentions": actors.frame(annotation.mention_rows),
             "events": events.frame(annotation.event_rows)}
    for name, table in eager.items():
        lazy = getattr(annotation, name)
        assert isinstance(lazy, pd.DataFrame) and getattr(annotation, name) is lazy       # built once
        pd.testing.assert_frame_equal(lazy, table, check_exact=True)
        assert lazy.dtypes.tolist() == table.dtypes.tolist()
        assert records(lazy) == records(table)
    assert annotation.timexes.id.tolist() == [row["id"] for row in annotation.timex_rows]


def test_seed_json_has_the_same_keys_as_before(seed):
    doc = seed.to_json()
    assert list(doc) == JSON_KEYS
    for key, columns in ROW_KEYS.items():
        assert doc[key] and all(list(row) == columns for row in doc[key]), key
    assert doc["dct"] == {"value": "2021-12-29", "source": "metadata",
                          "evidence": [{"file": "000_6ec3a7005892a893.meta.json", "field": "dct"}]}
    assert doc["path"] == SEED_ARTICLE.name and doc["language"] == "id"
    assert doc["dateline"]["place"] == "Pantai Rehoboth, Del."


def test_json_is_plain_values_and_offsets_slice(seed):
    doc = seed.to_json()
    assert json.loads(json.dumps(doc)) == doc
    for key in ("paragraphs", "sentences", "boilerplate", "timexes", "mentions", "events"):
        for row in doc[key]:
            assert doc["text"][row["start"]:row["end"]] == row["text"]
            assert all(not isinstance(v, float) or not math.isnan(v) for v in row.values())
    text = to_json_text(seed)
    assert json.loads(text) == doc and text == to_json_text(annotate(SEED_ARTICLE))


def test_the_stages_see_the_story_text_and_its_sentences(seed):
    article = seed.article
    assert seed.timexes.equals(tag_timexes(article.story_text, seed.dct.day, article.lang, article.sentence_spans))
    mentions = tag_mentions(article.story_text, article.lang, article.sentence_spans, article.dateline)
    assert seed.mentions.equals(mentions)
    assert seed.events.equals(tag_events(article.story_text, mentions, seed.timexes, seed.dct.day, article.lang,
                                         article.sentence_spans))
    assert not seed.timexes.text.str.contains("malam").any()       # the spam footer's "malam ini"


def test_annotate_takes_a_path_a_string_or_a_loaded_article(seed):
    article = load_article(SEED_ARTICLE)
    for given in (str(SEED_ARTICLE), article):
        other = annotate(given)
        assert other.to_json() == seed.to_json()
    assert annotate(article).article is article


def test_the_dct_argument_wins_over_the_metadata(seed):
    dated = annotate(SEED_ARTICLE, dct="2022-01-05")
    assert (dated.dct.value, dated.dct.source, dated.dct.evidence) == ("2022-01-05", "argument", ())
    assert dated.timexes.set_index("id").loc["t1", "value"] == "2022-01-06"       # Kamis after the new DCT
    assert (seed.dct.value, seed.dct.source) == ("2021-12-29", "metadata")
    assert isinstance(seed.dct, Dct)


@pytest.mark.parametrize("setting", ["DCT", "--dct"])
@pytest.mark.parametrize("dct, message", [
    ("29/12/2021", "expected a date YYYY-MM-DD, got '29/12/2021'"),
    ("2021-02-30", "'2021-02-30' is not a real date"),
    ("1899-12-31", "1899-12-31 is outside the dates the workbook resolves (1900-01-01 to 2199-12-31)"),
])
def test_a_bad_dct_names_the_setting(setting, dct, message):
    with pytest.raises(ArticleError) as err:
        annotate(SEED_ARTICLE, dct=dct, setting=setting)
    assert str(err.value) == f"{setting}: {message}"


def test_the_curated_tables_are_read_when_asked(seed):
    curated = seed.curated
    assert curated is seed.curated                                 # read once
    again = read_curated(SEED_ARTICLE, seed.article.text)
    for name in ("timexes", "actors", "mentions", "events"):
        assert getattr(curated, name).equals(getattr(again, name)), name


def test_no_curated_files_and_an_unknown_dct(tmp_path):
    annotation = annotate(write(tmp_path, "Menteri akan datang Kamis. Rapat digelar hari Rabu."))
    assert (annotation.dct.value, annotation.dct.source) == (None, "unknown")
    assert annotation.timexes.range_start.isna().all()
    assert annotation.curated.timexes is None and annotation.curated.events is None
    doc = annotation.to_json()
    assert list(doc) == JSON_KEYS
    assert {"value", "source", "evidence", "confidence", "note"} <= set(doc["dct"]) and doc["dct"]["value"] is None


def test_a_bad_curated_file_fails_only_when_the_curated_tables_are_asked_for(tmp_path):
    path = write(tmp_path, "Mereka bertemu Kamis di Jakarta.")
    write(tmp_path, "id,start,end,text,type,value\nt1,15,20,Rabu,DATE,2022-01-20\n", "a.timexes.csv")
    annotation = annotate(path, dct="2022-01-19")
    assert annotation.timexes.text.tolist() == ["Kamis"]
    with pytest.raises(ArticleError, match="a.timexes.csv: line 2, column 'text'"):
        annotation.curated


def test_metadata_dct_outside_the_range_is_refused_naming_the_file(tmp_path):
    path = write(tmp_path, "Mereka bertemu Kamis di Jakarta.")
    meta = json.loads(SEED_ARTICLE.with_name(SEED_ARTICLE.stem + ".meta.json").read_text(encoding="utf-8"))
    write(tmp_path, json.dumps(dict(meta, dct="1850-01-01")), "a.meta.json")
    with pytest.raises(ArticleError, match=r"^a.meta.json: field 'dct': 1850-01-01 is outside"):
        annotate(path)
    assert annotate(path, dct="2022-01-19").dct.source == "argument"


def test_gazetteer_switch(seed):
    patterns_only = annotate(seed.article, gazetteer=False)
    assert "gazetteer" in set(seed.mentions.how) and "gazetteer" not in set(patterns_only.mentions.how)
    assert patterns_only.timexes.equals(seed.timexes)


def test_an_article_without_stage_tables_is_refused(tmp_path):
    path = write(tmp_path, "The president said that he would speak with the leaders of the alliance on Thursday, "
                           "and the talks were expected to last for two hours.")
    with pytest.raises(ArticleError, match="language 'en'.*annotated languages: id"):
        annotate(path)


def test_records_are_json_ready():
    frame = pd.DataFrame({"a": [1, 2], "b": [np.nan, 0.5], "c": [None, "x"], "d": pd.array([pd.NA, 3], dtype="Int64")})
    rows = records(frame)
    assert rows == [{"a": 1, "b": None, "c": None, "d": None}, {"a": 2, "b": 0.5, "c": "x", "d": 3}]
    assert type(rows[0]["a"]) is int and type(rows[1]["d"]) is int
    assert records(frame.iloc[:0]) == []


def test_an_article_with_nothing_to_find_goes_through_everything(tmp_path):
    from lib import charts
    from lib.exports import export
    from lib.timeline import timeline_rows

    annotation = annotate(write(tmp_path, "Harga beras naik di pasar."), dct="2022-01-19")
    assert annotation.mentions.empty and annotation.events.empty
    assert timeline_rows(annotation).empty
    assert all(draw(annotation).axes for draw in charts.FIGURES.values())
    assert [p.name for p in export(annotation, tmp_path / "out", figures=False)]
    assert list(annotation.to_json()) == JSON_KEYS


# ----------------------------------------------------------------------------- a long text, in windows

def _shifted(rows: list[dict], offset: int, sentences: int, ids: dict) -> list[dict]:
    """``rows`` as they read further into a text: offsets, sentence numbers and ids moved on (test's own copy)."""
    out = []
    for row in rows:
        row = {**row, "start": row["start"] + offset, "end": row["end"] + offset}
        row.pop("weekday", None)                                  # kept on a row for the DCT alone, not a column
        if "sentence" in row:
            row["sentence"] += sentences
        for key in ("id", "anchor", "mention", "event_id", "timex"):
            value = row.get(key)
            if value and value[0] in ids and value[1:].isdigit():
                row[key] = value[0] + str(int(value[1:]) + ids[value[0]])
        out.append(row)
    return out


def test_a_long_text_is_annotated_in_windows_each_as_the_text_alone(tmp_path, monkeypatch):
    import lib.annotate
    seed = load_article(SEED_ARTICLE)
    story = seed.story_text[seed.dateline["end"]:].strip()        # a dateline is the text's, read in its first window
    block = write(tmp_path, story + "\n", "block.txt")
    assert load_article(block).dateline is None
    alone = {dct: annotate(block, dct=dct) for dct in (None, "2021-12-29")}
    whole = write(tmp_path, "\n\n".join([story] * 3) + "\n", "three.txt")
    monkeypatch.setattr(lib.annotate, "WINDOW", len(story) + 2)          # each story in a window of its own
    assert [w[:2] for w in lib.annotate.windows_of(load_article(whole).sentence_rows, len(story) * 3 + 5,
                                                   len(story) + 2)] == \
        [(0, len(story) + 2), (len(story) + 2, 2 * len(story) + 4), (2 * len(story) + 4, 3 * len(story) + 5)]
    for dct, one in alone.items():
        three = annotate(whole, dct=dct)
        assert three.dct == one.dct               # given, or inferred from the first window: the same day
        sentences = len(load_article(block).sentence_rows)
        for name in ("timex_rows", "mention_rows", "event_rows"):
            rows, expected = getattr(three, name), []
            assert isinstance(rows, lib.tables.ColumnRows)
            numbers = {"t": len(one.timex_rows), "m": len(one.mention_rows), "v": len(one.event_rows),
                       "e": max(int(row["event_id"][1:]) for row in one.event_rows)}
            for n in range(3):
                expected += _shifted(list(getattr(one, name)), n * (len(story) + 2), n * sentences,
                                     {kind: n * count for kind, count in numbers.items()})
            assert list(rows) == expected
            assert all(three.article.text[r["start"]:r["end"]] == r["text"] for r in rows)
        pd.testing.assert_frame_equal(three.events.iloc[len(one.event_rows):2 * len(one.event_rows)].reset_index(drop=True),
                                      pd.DataFrame(expected[len(one.event_rows):2 * len(one.event_rows)],
                                                   columns=three.events.columns).astype(three.events.dtypes.to_dict()))
        assert json.loads(to_json_text(three))["events"][-1]["mention"] == f"v{3 * len(one.event_rows)}"


def test_a_text_as_long_as_the_window_is_one_window_and_keeps_the_stages_rows(tmp_path, monkeypatch):
    import lib.annotate
    story = load_article(SEED_ARTICLE).story_text.strip()
    whole = write(tmp_path, "\n\n".join([story] * 2), "two.txt")
    monkeypatch.setattr(lib.annotate, "WINDOW", 2 * len(story) + 2)
    kept = annotate(whole, dct="2021-12-29")
    assert type(kept.event_rows) is list and kept.event_rows[-1]["mention"] == f"v{len(kept.event_rows)}"
    monkeypatch.setattr(lib.annotate, "WINDOW", len(story) + 2)       # the second story starts a window
    assert isinstance(annotate(whole, dct="2021-12-29").event_rows, lib.tables.ColumnRows)


def test_windows_end_before_a_paragraph_and_a_long_paragraph_between_sentences():
    from lib.annotate import windows_of
    # sentences (start, paragraph): three short paragraphs, then one long one
    rows = [{"start": s, "paragraph": p} for s, p in [(0, 0), (4, 0), (8, 1), (12, 2), (20, 3), (26, 3), (33, 3),
                                                      (41, 3)]]
    # 12 starts a paragraph 12 after 0; 20 starts one only 8 after 12; 33, in a paragraph, is 21 after 12 (2 x 10)
    assert windows_of(rows, 45, 10) == [(0, 12, 0, 3), (12, 33, 3, 6), (33, 45, 6, 8)]
    assert windows_of(rows, 45, 45) == [(0, 45, 0, 8)]                       # no longer than a window: whole
    assert windows_of(rows, 45, 100) == [(0, 45, 0, 8)]
    # a window ends only before a new paragraph's first sentence, until twice the size is reached
    assert windows_of(rows[:3], 12, 5) == [(0, 8, 0, 2), (8, 12, 2, 3)]
    assert windows_of([], 30, 10) == [(0, 30, 0, 0)]


def test_the_dateline_is_read_in_the_first_window_alone(tmp_path, monkeypatch):
    import lib.annotate
    story = load_article(SEED_ARTICLE).story_text.strip()            # it opens with its dateline (Pantai Rehoboth)
    whole = write(tmp_path, "\n\n".join([story] * 2), "two.txt")
    monkeypatch.setattr(lib.annotate, "WINDOW", len(story) + 2)
    mentions = annotate(whole, dct="2021-12-29").mentions
    assert mentions[mentions.how == "dateline"].start.tolist() == [0]
    assert mentions[mentions.start == len(story) + 2].how.tolist() == ["place pattern"]     # a place, not where filed
