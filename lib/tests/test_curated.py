"""Curated files: one schema per file, every error naming the file, the line and the column."""
import json

import pytest

from lib import SEED_ARTICLE
from lib.curated import (ACTOR_KINDS, EVENT_TYPES, SCHEMAS, STATUSES, TIMEX_MODS, TIMEX_VALUE, Curated,
                         curated_path, read_curated, read_metadata, read_table)
from lib.errors import ArticleError
from lib.load import load_article
from lib.tables import table


def write(tmp_path, data, name="a.txt"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED_ARTICLE)
    return article, read_curated(article.path, article.text)


def test_curated_paths_sit_beside_the_article(tmp_path):
    article = tmp_path / "x" / "berita.txt"
    assert curated_path(article, "meta") == tmp_path / "x" / "berita.meta.json"
    assert curated_path(article, "timexes") == tmp_path / "x" / "berita.timexes.csv"
    assert curated_path(str(article), "events").name == "berita.events.csv"


def test_one_schema_per_file():
    assert set(SCHEMAS) == {"timexes", "actors", "mentions", "events"}
    assert set(SCHEMAS["mentions"].actor_columns) == {"actor", "refers_to"}
    assert not SCHEMAS["actors"].spans
    assert "STATEMENT" in EVENT_TYPES and len(set(EVENT_TYPES)) == len(EVENT_TYPES)
    assert {t["type"] for t in table("id", "events")["triggers"]} <= set(EVENT_TYPES)   # every type found is curatable
    assert {"occurred", "planned", "negated"} <= set(STATUSES) and "person" in ACTOR_KINDS
    assert "START" in TIMEX_MODS
    for value in ("2021-12-30", "2021-W52", "2021-W52-WE", "XXXX-WXX-4", "2022-01-19TEV", "P2D", "PT50M",
                  "PRESENT_REF", "199", "2021-Q4", "2021-H1"):
        assert TIMEX_VALUE.fullmatch(value), value
    for value in ("30/12/2021", "2021-12-30T10", "P2", "PAST"):
        assert not TIMEX_VALUE.fullmatch(value), value


# --------------------------------------------------------------------------- the seed's files

def test_seed_curated_table_validates(seed):
    article, curated = seed
    assert isinstance(curated, Curated)
    assert len(curated.timexes) == 15
    assert (curated.timexes.apply(lambda r: article.text[r.start:r.end], axis=1) == curated.timexes.text).all()


def test_curated_actor_files_validate(seed):
    _, curated = seed
    actors = curated.actors
    assert actors.loc[actors.id == "vladimir-putin", "wikidata"].item() == "Q7747"
    assert len(curated.mentions) == 100                # 92, and since 7a0cdc7 the 8 actors named by what they are
    assert len(curated.events) == 49


def test_absent_files_are_none(tmp_path):
    text = "Mereka bertemu Kamis di Jakarta."
    path = write(tmp_path, text)
    assert read_curated(path, text) == Curated(None, None, None, None)
    write(tmp_path, "id,start,end,text,type,value,mod\nt1,15,20,Kamis,DATE,2022-01-20,\n", "a.timexes.csv")
    curated = read_curated(path, text)
    assert curated.timexes.value.tolist() == ["2022-01-20"] and curated.actors is None
    # mentions and events refer to the actors file: without it they are not read
    write(tmp_path, "id,start,end,text,actor,kind\nm1,24,31,Jakarta,jakarta,location\n", "a.mentions.csv")
    assert read_curated(path, text).mentions is None


def test_curated_table_errors_name_line_and_column(tmp_path):
    text = "Mereka bertemu Kamis di Jakarta."
    article = load_article(write(tmp_path, text))
    header = "id,start,end,text,type,value,mod\n"
    for body, message in [
        ("t1,15,20,Rabu,DATE,2022-01-20,\n", "line 2, column 'text'"),
        ("t1,15,x,Kamis,DATE,2022-01-20,\n", "line 2, column 'end': expected an integer"),
        ("t1,15,20,Kamis,DAY,2022-01-20,\n", "line 2, column 'type'"),
        ("t1,15,20,Kamis,DATE,20-01-2022,\n", "line 2, column 'value'"),
        ("t1,15,20,Kamis,DATE,2022-01-20,EARLY\n", "line 2, column 'mod'"),
        ("t1,15,99,Kamis,DATE,2022-01-20,\n", "line 2: offsets 15-99 are outside the text"),
    ]:
        (tmp_path / "a.timexes.csv").write_text(header + body, encoding="utf-8")
        with pytest.raises(ArticleError, match="a.timexes.csv") as err:
            read_curated(article.path, article.text)
        assert message in str(err.value)


def test_curated_errors_name_line_and_column(tmp_path):
    text = "Presiden Joe Biden berbicara."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.actors.csv").write_text("id,name,kind,aliases,wikidata,refers_to\njoe-biden,Joe Biden,person,,Q6279,\n",
                                           encoding="utf-8")
    article = load_article(tmp_path / "a.txt")
    head = "id,start,end,text,actor,kind,role,refers_to\n"
    for body, message in [
        ("m1,9,18,Joe Biden,joe-bidn,person,,\n", "line 2, column 'actor': unknown actor 'joe-bidn'"),
        ("m1,9,18,Joe Biden,joe-biden,human,,\n", "line 2, column 'kind'"),
        ("m1,9,17,Joe Biden,joe-biden,person,,\n", "line 2, column 'text'"),
    ]:
        (tmp_path / "a.mentions.csv").write_text(head + body, encoding="utf-8")
        with pytest.raises(ArticleError, match="a.mentions.csv") as err:
            read_curated(article.path, article.text)
        assert message in str(err.value)
    (tmp_path / "a.mentions.csv").unlink()
    (tmp_path / "a.events.csv").write_text(
        "id,event_id,start,end,text,type,mode,actors,recipients,status\n"
        "v1,e1,19,28,berbicara,TALK,,joe-biden,,planned\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="line 2, column 'type'"):
        read_curated(article.path, article.text)


def test_read_table_checks_actor_columns_only_when_given_the_actors(tmp_path):
    text = "Presiden Joe Biden berbicara."
    path = write(tmp_path, "id,start,end,text,actor,kind\nm1,9,18,Joe Biden,joe-bidn,person\n", "a.mentions.csv")
    assert read_table(path, "mentions", text).actor.tolist() == ["joe-bidn"]
    with pytest.raises(ArticleError, match=r"line 2, column 'actor': unknown actor 'joe-bidn'"):
        read_table(path, "mentions", text, actors={"joe-biden"})
    # ids are ';'-separated; every one is checked
    write(tmp_path, "id,event_id,start,end,text,type,status,actors\n"
                    "v1,e1,19,28,berbicara,CONSULT,planned,joe-biden;putin\n", "a.events.csv")
    with pytest.raises(ArticleError, match="column 'actors': unknown actor 'putin'"):
        read_table(tmp_path / "a.events.csv", "events", text, actors={"joe-biden"})


def test_actors_refers_to_is_checked_against_the_actors_themselves(tmp_path):
    text = "Moskow membantah."
    path = write(tmp_path, text)
    write(tmp_path, "id,name,kind,refers_to\nmoscow,Moskow,location,rusia\n", "a.actors.csv")
    with pytest.raises(ArticleError, match="a.actors.csv: line 2, column 'refers_to': unknown actor 'rusia'"):
        read_curated(path, text)


@pytest.mark.parametrize("body, message", [
    ("", "empty (expected a header line)"),
    ("id,start,end,text,type\nt1,15,20,Kamis,DATE\n", "missing column(s) value"),
    ("id,start,end,text,type,value\nt1,15,20,Kamis,DATE\n", "line 2: 5 cells, the header has 6"),
    ("id,start,end,text,type,value\nt1,15,20,Kamis,DATE,\n", "line 2, column 'value': empty"),
    ("id,start,end,text,type,value\nt1,15,20,Kamis,DATE,2022-01-20\nt1,15,20,Kamis,DATE,2022-01-20\n",
     "line 3, column 'id': 't1' is listed twice"),
    ("id,start,end,text,type,value,real_first\nt1,15,20,Kamis,DATE,2022-01-20,20/1/2022\n",
     "line 2, column 'real_first': expected a date YYYY-MM-DD"),
])
def test_read_table_errors(tmp_path, body, message):
    path = write(tmp_path, body, "a.timexes.csv")
    with pytest.raises(ArticleError, match="a.timexes.csv") as err:
        read_table(path, "timexes", "Mereka bertemu Kamis di Jakarta.")
    assert message in str(err.value)


def test_read_table_not_utf8(tmp_path):
    path = write(tmp_path, b"id,start,end,text,type,value\nt1,15,20,K\xe4mis,DATE,2022-01-20\n", "a.timexes.csv")
    with pytest.raises(ArticleError, match="a.timexes.csv: not UTF-8 at byte offset 39"):
        read_table(path, "timexes", "Mereka bertemu Kamis di Jakarta.")


def test_read_table_not_utf8_offset_in_a_long_file(tmp_path):
    rows = "".join(f"t{i},15,20,Kamis,DATE,2022-01-20\n" for i in range(2000)).encode("utf-8")
    data = b"id,start,end,text,type,value\n" + rows + b"t9999,15,20,K\xe4mis,DATE,2022-01-20\n"
    path, offset = write(tmp_path, data, "a.timexes.csv"), data.index(b"\xe4")
    with pytest.raises(ArticleError, match=f"not UTF-8 at byte offset {offset}$"):
        read_table(path, "timexes", "Mereka bertemu Kamis di Jakarta.")


def test_read_table_adds_missing_optional_columns_and_empty_cells_are_none(tmp_path):
    path = write(tmp_path, "id,start,end,text,type,value\nt1,15,20,Kamis,DATE,2022-01-20\n", "a.timexes.csv")
    frame = read_table(path, "timexes", "Mereka bertemu Kamis di Jakarta.")
    assert list(frame.columns) == ["id", "start", "end", "text", "type", "value", "mod"]
    assert frame["mod"].isna().all() and frame.start.tolist() == [15]
    path = write(tmp_path, "id,start,end,text,type,value,mod\nt1,15,20,Kamis,DATE,2022-01-20,\n", "a.timexes.csv")
    assert read_table(path, "timexes", "Mereka bertemu Kamis di Jakarta.")["mod"].tolist() == [None]


# --------------------------------------------------------------------------- metadata

GOOD_META = json.loads((SEED_ARTICLE.with_name(SEED_ARTICLE.stem + ".meta.json")).read_text(encoding="utf-8"))


def test_seed_metadata_validates():
    assert read_metadata(curated_path(SEED_ARTICLE, "meta")) == GOOD_META


@pytest.mark.parametrize("change, message", [
    ({"dct": "29/12/2021"}, "field 'dct': expected a date YYYY-MM-DD"),
    ({"dct": "2021-02-30"}, "field 'dct'"),
    ({"language": "xx"}, "field 'language': expected one of"),
    ({"machine_translation": "yes"}, "field 'machine_translation': expected bool, got str"),
    ({"published": "2021-12-29 12:25"}, "field 'published': expected an ISO date-time with UTC offset"),
    ({"sources": [{"fact": "x"}]}, "field 'sources', item 0"),
    ({"headline": None}, "field 'headline': expected str"),
])
def test_bad_metadata(tmp_path, change, message):
    meta = dict(GOOD_META, **change)
    article = write(tmp_path, "Harga beras naik di pasar.")
    write(tmp_path, json.dumps(meta), "a.meta.json")
    with pytest.raises(ArticleError, match="a.meta.json") as err:
        load_article(article)
    assert message in str(err.value)


def test_metadata_missing_field_and_bad_json(tmp_path):
    meta = dict(GOOD_META)
    del meta["headline"]
    write(tmp_path, json.dumps(meta), "m.json")
    with pytest.raises(ArticleError, match="field 'headline' is missing"):
        read_metadata(tmp_path / "m.json")
    write(tmp_path, "{\"language\": ", "m.json")
    with pytest.raises(ArticleError, match=r"not valid JSON \(line 1"):
        read_metadata(tmp_path / "m.json")


@pytest.mark.parametrize("data, message", [
    (b"[1, 2]", "expected a JSON object at the top level"),
    (b"{\"language\": \"\xff\"}", "not UTF-8 at byte offset 14"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
])
def test_metadata_that_is_not_an_object(tmp_path, data, message):
    path = write(tmp_path, data, "m.json")
    with pytest.raises(ArticleError, match="m.json") as err:
        read_metadata(path)
    assert message in str(err.value)
