"""Language tables: the engines follow them word for word, and a missing key is an error naming the file and key.

The tests that change a table work on a copy of ``lib/lang/`` (the ``lang`` fixture): ``lib.tables.LANG_DIR``
points at the copy and every cache that holds what was read from a table is cleared before and after.
"""
import ast
import importlib
import json
import re
import shutil

import pytest

import lib
import lib.tables
from lib import LANG_DIR, ROOT, cli
from lib.actors import tag_mentions
from lib.annotate import annotate
from lib.errors import ArticleError
from lib.events import find_triggers, tag_events
from lib.tables import Table, TableError, alternation, has_table, languages, table, usable, word_regex
from lib.text import split_sentences
from lib.timexes import rules, tag_timexes


# --------------------------------------------------------------------------- caches and the copy of the tables

def _cached_functions() -> list:
    """Every function of ``lib`` (tests aside) decorated with ``lru_cache`` or ``cache``, found in the source."""
    found = []
    for path in sorted((ROOT / "lib").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                    if name in ("lru_cache", "cache"):
                        names.append(node.name)
        if names:
            module = importlib.import_module(".".join(p for p in parts if p != "__init__"))
            found += [getattr(module, name) for name in names]
    return found


CACHED = _cached_functions()


def clear_caches() -> None:
    for function in CACHED:
        function.cache_clear()


def test_every_table_cache_is_known():
    names = {f"{f.__module__}.{f.__name__}" for f in CACHED}
    assert {"lib.tables.table", "lib.tables._language_codes", "lib.timexes.rules", "lib.timexes._trigger_index",
            "lib.timexes._cue_words", "lib.timexes._joiner", "lib.actors._patterns",
            "lib.events._rules", "lib.text.abbreviations", "lib.dct._settings"} <= names
    assert all(callable(f.cache_clear) for f in CACHED)


class Lang:
    """A copy of ``lib/lang/`` the engine reads from."""

    def __init__(self, root):
        self.root = root

    def path(self, stage, lang="id"):
        return self.root / lang / f"{stage}.json"

    def edit(self, stage, change, lang="id"):
        """Apply ``change`` to the parsed table and write it back; the engine reads it afresh."""
        data = json.loads(self.path(stage, lang).read_text(encoding="utf-8"))
        change(data)
        self.path(stage, lang).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        clear_caches()


@pytest.fixture
def lang(tmp_path, monkeypatch):
    copy = tmp_path / "lib" / "lang"
    shutil.copytree(LANG_DIR, copy)
    clear_caches()
    monkeypatch.setattr(lib.tables, "LANG_DIR", copy)
    try:
        yield Lang(copy)
    finally:
        monkeypatch.undo()
        clear_caches()


def test_the_fixture_restores_the_tables(lang):
    lang.edit("time", lambda t: t["months"].pop("Januari"))
    assert "Januari" not in table("id", "time")["months"]
    lang.edit("time", lambda t: t.update(months={}))
    assert table("id", "time")["months"] == {}


def test_the_real_tables_are_read_again_after_the_fixture():
    # runs after test_the_fixture_restores_the_tables: nothing of the copy is left in a cache
    assert lib.tables.LANG_DIR == LANG_DIR
    assert table("id", "time")["months"]["Januari"] == 1
    assert tag_timexes("Banjir melanda pada 10 Januari 2022.", "2022-01-19").value.tolist() == ["2022-01-10"]


# --------------------------------------------------------------------------- the tables

def test_tables_and_languages():
    assert lib.tables.LANG_DIR is lib.LANG_DIR
    assert languages() == sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir())
    assert {"en", "id"} <= set(languages())
    assert has_table("id", "time") and has_table("en", "load") and not has_table("en", "time")
    assert usable("id") == "id" and usable("und") == "id" and usable("xx", default="en") == "en"
    time = table("id", "time")
    assert isinstance(time, Table) and isinstance(time["months"], Table)
    assert table("id", "time") is time                       # read once


def test_a_missing_key_names_the_file_and_the_key():
    with pytest.raises(TableError) as err:
        table("id", "time")["no_such_key"]
    assert str(err.value) == "lib/lang/id/time.json: no key 'no_such_key' (add it to the table)"
    assert isinstance(err.value, ArticleError) and isinstance(err.value, KeyError)
    with pytest.raises(TableError, match=r"lib/lang/id/time.json: no key 'nope'"):
        table("id", "time")["dct"]["nope"]                   # a nested section names the file too
    assert table("id", "time").get("no_such_key") is None     # .get is still a dict's


def test_a_missing_stage_table_names_the_file_expected():
    with pytest.raises(TableError, match=r"no time table for language 'en' \(expected lib/lang/en/time.json\)"):
        table("en", "time")


def test_a_table_that_is_not_json(lang):
    lang.path("time").write_text('{"months": ', encoding="utf-8")
    clear_caches()
    with pytest.raises(TableError, match=r"lib/lang/id/time.json: not valid JSON \(line 1"):
        table("id", "time")


def test_alternation_and_word_regex():
    assert alternation(["pekan", "pekan lalu", "pekan"]) == r"pekan\s+lalu|pekan"
    regex = word_regex(["akan", "akan datang"])
    assert [m.group(0) for m in regex.finditer("Ia akan  datang; mereka akan. Bakal-akan")] == ["akan  datang", "akan"]


# --------------------------------------------------------------------------- the engine follows the table

def test_a_month_renamed_in_time_json(lang, tmp_path):
    old, new = "Banjir melanda pada 10 Januari 2022.", "Banjir melanda pada 10 Djanuari 2022."
    assert tag_timexes(old, "2022-01-19").text.tolist() == ["10 Januari 2022"]
    lang.edit("time", lambda t: t["months"].update({"Djanuari": t["months"].pop("Januari")}))
    assert "10 Januari 2022" not in tag_timexes(old, "2022-01-19").text.tolist()
    found = tag_timexes(new, "2022-01-19")
    assert found[["text", "value", "rule"]].values.tolist() == [["10 Djanuari 2022", "2022-01-10", "date_day_month_year"]]
    # and the whole pipeline, with the article's date inferred from the renamed month
    path = tmp_path / "a.txt"
    path.write_text("Harga cabai turun hari ini, 20 Djanuari 2022, di pasar induk.", encoding="utf-8")
    annotation = annotate(path)
    assert annotation.dct.value == "2022-01-20"
    assert "20 Djanuari 2022" in annotation.timexes.text.tolist()




def test_a_weekday_renamed_in_time_json(lang):
    assert [r.name for r in rules("id")]                      # warm the caches with the old table
    lang.edit("time", lambda t: t["weekdays"].update({"Kemis": t["weekdays"].pop("Kamis")}))
    assert tag_timexes("Mereka akan bertemu Kamis.", "2021-12-29").empty
    assert tag_timexes("Mereka akan bertemu Kemis.", "2021-12-29").value.tolist() == ["2021-12-30"]
    assert tag_timexes("Rapat digelar tiap Kemis.", "2021-12-29").value.tolist() == ["XXXX-WXX-4"]


def test_a_month_renamed_in_time_json_alone(lang):
    lang.edit("time", lambda t: t["months"].update({"Djanuari": t["months"].pop("Januari")}))
    assert tag_timexes("Tarif baru berlaku Djanuari.", "2021-12-29").value.tolist() == ["2022-01"]


def test_rule_patterns_take_weekdays_and_months_from_their_placeholders():
    """Each ``weekday`` / ``month`` group of a rule is the placeholder (or digits), never a list of names."""
    def group(pattern, name):
        start = pattern.find(f"(?P<{name}>")
        if start < 0:
            return None
        depth, i = 0, start
        while True:
            depth += {"(": 1, ")": -1}.get(pattern[i], 0) if pattern[i - 1] != "\\" else 0
            if depth == 0:
                return pattern[start + len(f"(?P<{name}>"):i]
            i += 1

    spelled_out = {}
    for spec in table("id", "time")["rules"]:
        for name, placeholder in (("weekday", "{WEEKDAY}"), ("month", "{MONTH}")):
            body = group(spec["pattern"], name)
            if body is not None and placeholder not in body and not re.fullmatch(r"\\d\{1,2\}", body):
                spelled_out[spec["name"]] = body
    assert spelled_out == {}


def test_a_title_renamed_in_actors_json(lang):
    old, new = "Gubernur Rahmat Hidayat meninjau banjir.", "Wali Nagari Rahmat Hidayat meninjau banjir."
    titled = lambda text: tag_mentions(text, gazetteer=False).query("how == 'title'")[["text", "role"]].values.tolist()
    assert titled(old) == [["Rahmat Hidayat", "Gubernur"]] and titled(new) == []
    lang.edit("actors", lambda t: t["titles"].__setitem__(t["titles"].index("Gubernur"), "Wali Nagari"))
    assert titled(old) == []
    assert titled(new) == [["Rahmat Hidayat", "Wali Nagari"]]


def test_a_trigger_word_renamed_in_events_json(lang):
    old, new = "Rusia melakukan penumpukan pasukan.", "Rusia melakukan pemusatan pasukan."
    assert [t[2:] for t in find_triggers(old)] == [("MOBILIZE", "troops")] and find_triggers(new) == []
    lang.edit("events", lambda t: [trigger.update(pattern=trigger["pattern"].replace("penumpukan", "pemusatan"))
                                   for trigger in t["triggers"]])
    assert find_triggers(old) == []
    assert [(new[s:e], kind, mode) for s, e, kind, mode in find_triggers(new)] == [
        ("pemusatan pasukan", "MOBILIZE", "troops")]


def test_a_root_renamed_in_event_roots_json(lang):
    old, new = "Pemerintah mengucurkan dana.", "Pemerintah menggelontorkan dana."
    assert [t[2:] for t in find_triggers(old)] == [("AID", "economic")] and find_triggers(new) == []
    lang.edit("event_roots", lambda t: [root.update(root="gelontor") for root in t["roots"] if root.get("root") == "kucur"])
    assert find_triggers(old) == []
    assert [(new[s:e], kind, mode) for s, e, kind, mode in find_triggers(new)] == [
        ("menggelontorkan", "AID", "economic")]


def test_the_passive_agent_renamed_in_events_json(lang):
    def agent(text):
        mentions = tag_mentions(text)
        events = tag_events(text, mentions, tag_timexes(text, "2022-01-19"), "2022-01-19")
        actors, rule = events.set_index("text").loc["diminta", ["actors", "rule"]].tolist()
        return [actors, rule.split(", time:")[0]]                   # who, and by which rule (not when)

    old, new = "Panggilan itu diminta oleh Rusia.", "Panggilan itu diminta dening Rusia."
    assert agent(old) == ["russia", "request, passive agent"]
    lang.edit("events", lambda t: t.update(passive_agent="dening"))
    assert agent(old)[0] != "russia" and "passive agent" not in agent(old)[1]
    assert agent(new) == ["russia", "request, passive agent"]


def test_an_abbreviation_renamed_in_load_json(lang):
    old, new = "Kantornya di Jl. Sudirman No. 5 Jakarta.", "Kantornya di Jlx. Sudirman No. 5 Jakarta."
    assert split_sentences(old, 0, len(old), "id") == [(0, len(old))]
    lang.edit("load", lambda t: t["abbreviations"].__setitem__(t["abbreviations"].index("Jl."), "Jlx."))
    assert len(split_sentences(old, 0, len(old), "id")) == 2
    assert split_sentences(new, 0, len(new), "id") == [(0, len(new))]


# --------------------------------------------------------------------------- a missing key

ARTICLE = ("Surabaya, Kompas.com - Presiden Joko Widodo meresmikan jalan tol pada Selasa (18/1/2022) bersama "
           "Menteri Luar Negeri Retno Marsudi.\nHari ini, Rabu (19/1/2022), ia akan bertemu dengan Gubernur Rahmat "
           "Hidayat di Semarang dan berbicara tentang banjir. Panggilan itu diminta oleh Rusia. Pasar tutup pukul "
           "10.00 WIB. Kantornya di Jl. Sudirman.\nBaca juga: Harga naik")
MISSING = [("time", ("months",)), ("time", ("tense_cues",)), ("time", ("dct",)), ("time", ("dct", "pin_window")),
           ("time", ("rules", 0, "example")), ("actors", ("titles",)), ("events", ("passive_agent",)),
           ("events", ("triggers",)), ("load", ("abbreviations",)), ("load", ("boilerplate",))]


def _delete(keys):
    def change(data):
        for key in keys[:-1]:
            data = data[key]
        assert keys[-1] in data, f"the table has no {keys[-1]!r} any more: choose another key for this test"
        del data[keys[-1]]
    return change


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "berita.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_the_article_for_missing_keys_is_annotated_with_the_whole_tables(article):
    annotation = annotate(article)                     # no metadata: the DCT is inferred, every stage runs
    assert annotation.dct.value == "2022-01-19"
    assert len(annotation.timexes) and len(annotation.mentions) and len(annotation.events)


@pytest.mark.parametrize("stage, keys", MISSING, ids=[f"{s}:{'.'.join(map(str, k))}" for s, k in MISSING])
def test_a_missing_key_stops_annotate_naming_the_file_and_the_key(lang, article, stage, keys):
    lang.edit(stage, _delete(keys))
    with pytest.raises(ArticleError) as err:
        annotate(article)
    assert str(err.value) == f"lib/lang/id/{stage}.json: no key {keys[-1]!r} (add it to the table)"


@pytest.mark.parametrize("stage, keys", [("time", ("months",)), ("events", ("passive_agent",)),
                                         ("time", ("dct", "pin_window"))])
def test_a_missing_key_is_one_line_from_the_command_line(lang, article, capsys, stage, keys):
    lang.edit(stage, _delete(keys))
    assert cli.main(["annotate", str(article)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"error: lib/lang/id/{stage}.json: no key {keys[-1]!r} (add it to the table)\n"
    assert "Traceback" not in err


def test_a_bad_pattern_is_an_error_naming_the_file_and_the_rule(lang, article):
    lang.edit("time", lambda t: t["rules"][0].update(pattern="(unclosed"))
    with pytest.raises(ArticleError, match=r"time.json: rule 'date_weekday_numeric': bad pattern"):
        annotate(article)


# --------------------------------------------------------------------------- one pass for the patterns that start with a word

def _texts_of_table_words(words, seed=3, count=300):
    """Random texts made of table words in every case, capitals, hyphens, brackets and the letters that fold."""
    import random

    rng = random.Random(seed)
    pieces = list(words) + ["Budi Santoso", "X", "ABC", "-", "(", ")", ",", ".", "\n", "ı", "ſ", "İ", "_", "x-",
                            "Ab", "dan", "2021"]
    out = []
    for _ in range(count):
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 25))]
        parts = [p.upper() if rng.random() < 0.1 else p.capitalize() if rng.random() < 0.2 else p for p in parts]
        out.append("".join(p + rng.choice([" ", " ", "  ", "", "-", "\n"]) for p in parts))
    return out


def test_the_first_word_scan_finds_what_finditer_finds():
    from lib.actors import _patterns
    from lib.tables import FirstWordScan

    p = _patterns("id")
    scan = p["scan"]
    assert not scan.whole                                   # every actor pattern is tried at its first words only
    words = [w for key in ("titles", "anonymous", "bare_titles", "group_quantifiers", "speech_before_name",
                           "region_bases", "org_heads", "place_heads", "initials_cues", "pointer_heads", "pair_words",
                           "directions", "institution_words") for w in p["tab"][key]] + list(p["tab"]["group_nouns"])
    texts = [annotate(ROOT / "seeds" / "000_6ec3a7005892a893.txt").article.story_text] + _texts_of_table_words(words)
    for text in texts:
        found = scan.finditer(text)
        for name, regex in scan.patterns.items():
            assert [m.span() for m in found[name]] == [m.span() for m in regex.finditer(text)], (name, text)
    # a pattern whose first word is not a plain word is scanned whole, with the same answer
    odd = FirstWordScan({"bracket": (re.compile(r"(?<![\w-])(?:\(a\)|b)\s"), ["(a)", "b"]),
                         "word": (re.compile(r"(?<![\w-])(?i:menteri)\s"), ["Menteri"])})
    assert odd.whole == ["bracket"]
    found = odd.finditer("(a) b MENTERI ı menteri ")
    assert [m.group() for m in found["bracket"]] == ["(a) ", "b "]
    assert [m.group() for m in found["word"]] == ["MENTERI ", "menteri "]
    assert [m.group() for m in odd.finditer("menterı x")["word"]] == ["menterı "]     # ı folds to i: scanned whole


def test_rows_become_the_table_pandas_would_build():
    import numpy as np
    import pandas as pd

    from lib.tables import frame_of

    def plain(rows, columns, get=False):
        if not rows:
            return pd.DataFrame(columns=columns, dtype=object)
        return pd.DataFrame({c: [r.get(c) if get else r[c] for r in rows] for c in columns})

    seed = annotate(ROOT / "seeds" / "000_6ec3a7005892a893.txt")
    cases = [(seed.timex_rows, list(seed.timex_rows[0])), (seed.mention_rows, list(seed.mention_rows[0])),
             (seed.event_rows, list(seed.event_rows[0])), ([], ["a", "b"]),
             ([{"a": 1, "b": None, "c": "x"}, {"a": 2, "b": None, "c": None}], ["a", "b", "c"]),
             ([{"a": 1}, {"a": None}], ["a"]), ([{"a": 1.5}, {"a": 2}], ["a"]), ([{"a": True}, {"a": False}], ["a"]),
             ([{"a": "x"}, {"a": 3}], ["a"]), ([{"a": [1]}, {"a": None}], ["a"]), ([{"a": 2**64}], ["a"]),
             ([{"a": np.int64(3)}], ["a"]), ([{"a": None}, {"a": float("nan")}], ["a"])]
    for rows, columns in cases:
        for get in (False, True):
            built, expected = frame_of(rows, columns, missing_as_none=get), plain(rows, columns, get)
            pd.testing.assert_frame_equal(built, expected, check_exact=True)
            assert built.dtypes.tolist() == expected.dtypes.tolist() and built.columns.dtype == expected.columns.dtype
            assert type(built.index) is type(expected.index) and built._mgr.nblocks == expected._mgr.nblocks
            for column in columns:
                assert type(built[column].array) is type(expected[column].array)
            # the string columns share one array of the table, each a slice of it: a column counts its own bytes
            assert (built.memory_usage(deep=True) - expected.memory_usage(deep=True)).abs().max() <= 16
    assert frame_of([{"a": 1}, {}], ["a", "b"], missing_as_none=True).b.tolist() == [None, None]
    with pytest.raises(KeyError):
        frame_of([{"a": 1}], ["a", "b"])


def test_the_first_word_scan_given_the_runs_of_letters_finds_what_finditer_finds():
    from lib.actors import _patterns, _Words
    from lib.tables import FirstWordScan

    scan = _patterns("id")["scan"]
    words = [w for key in ("titles", "anonymous", "bare_titles", "group_quantifiers", "speech_before_name",
                           "region_bases", "org_heads", "place_heads", "initials_cues", "pointer_heads", "pair_words")
             for w in scan_words(key)] + list(_patterns("id")["tab"]["group_nouns"])
    for text in _texts_of_table_words(words, seed=4):
        found = scan.finditer(text, _Words(text).runs)
        for name, regex in scan.patterns.items():
            assert [m.span() for m in found[name]] == [m.span() for m in regex.finditer(text)], (name, text)
    # a first word is found however its letters are written (as written, or lowercased when in mixed case); a
    # word that only begins like one is not
    from lib.tables import letter_cases

    title = FirstWordScan({"t": (re.compile(r"(?<![\w-])(?i:menteri)\s+[A-Z]\w+"), ["Menteri"])})
    assert title.by_runs
    text = "menteri Ani, Menteri Budi, MENTERI Citra, MEnteri Dodi, menTERI Eko, mEnteri Fajar, Menterix Gita"
    assert [m.group() for m in title.finditer(text, _Words(text).runs)["t"]] == \
        [m.group() for m in title.patterns["t"].finditer(text)] == \
        ["menteri Ani", "Menteri Budi", "MENTERI Citra", "MEnteri Dodi", "menTERI Eko", "mEnteri Fajar"]
    assert [m.group() for m in title.finditer(text, _Words(text).runs, letter_cases(text))["t"]] == \
        [m.group() for m in title.patterns["t"].finditer(text)]                 # the text's cases given
    # a scan whose first words are not all letters searches the text
    odd = FirstWordScan({"x": (re.compile(r"(?<![\w-])(?:a_b)\s"), ["a_b"])})
    assert not odd.by_runs
    assert [m.group() for m in odd.finditer("a_b a_b ", ([0, 2, 4, 6], ["a", "b", "a", "b"]))["x"]] == ["a_b ", "a_b "]


def scan_words(key):
    from lib.actors import _patterns

    return _patterns("id")["tab"][key]


def test_a_letter_folded_outside_lowercase_is_found_as_the_pattern_finds_it():
    from lib.tables import folds_to_ascii

    plain = re.compile("[\u0130\u0131\u017f\u212a]")
    for text in ["", "menteri", "menterı", "ſaya", "İstanbul", "\u212ailogram", "“Kami”", "Kata Budi\u00a0Santoso"]:
        assert folds_to_ascii(text) == bool(plain.search(text)), text


def test_lowercasing_changes_the_length_of_no_letter_but_one_that_folds_to_ascii():
    """The first-word scan takes the offsets of a lowercased run or text for those of the text."""
    from lib.tables import FOLDS_TO_ASCII

    changed = {chr(c) for c in range(0x110000) if len(chr(c).lower()) != 1}
    assert changed and changed <= set(FOLDS_TO_ASCII)


def test_matches_tried_at_given_starts_are_those_of_finditer_when_the_pattern_starts_only_there():
    from lib.tables import matches_at

    pattern = re.compile(r"(?<![\w-])(?:Menteri|Presiden)(?:\s+[A-Z]\w*)*")
    for text in ["", "Menteri Presiden Joko dan Presiden", "kata menteri, Presiden-Presiden Menteri X",
                 "PresidenMenteri Menteri"] + _texts_of_table_words(["Menteri", "Presiden", "Joko"], seed=6):
        starts = [m.start() for m in re.finditer(r"(?:Menteri|Presiden)", text)]
        assert [m.span() for m in matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


def test_tables_built_from_rows_share_no_column_index():
    """The column index is built once for each list of columns; each table gets its own copy of it."""
    from lib.tables import frame_of

    rows = [{"id": "m1", "start": 0, "text": "Budi"}]
    first, second = frame_of(rows, ["id", "start", "text"]), frame_of(rows, ["id", "start", "text"])
    first.columns.name = "kolom"
    assert second.columns.name is None and first.columns is not second.columns
    assert first.columns.tolist() == second.columns.tolist() == ["id", "start", "text"]


def test_the_factored_alternation_matches_as_the_plain_one():
    """The words of a table factored by their shared prefixes match as the plain alternation does, case-sensitive or
    not, with any continuation (the longest word that lets the rest match wins), also beside letters that fold to
    ASCII ones, curly quotation marks and runs of spaces."""
    import random

    from lib.tables import alternation, trie_alternation

    rng = random.Random(21)
    lists = [["Menteri", "Menteri Luar Negeri", "Menteri Dalam Negeri", "mantan Menteri", "Wakil Menteri", "Ketua",
              "Ketua Umum", "Kepala", "Kepala Desa", "Kapolri", "Kapolres", "Kapolda", "Direktur", "Direktur Utama"],
             ["para", "seluruh", "warga", "wartawan", "korban", "kor", "PARA", "Para"],
             ["Tbk", "Tbk.", "Inc", "Inc.", "Co", "Corp", "PT", "S.A.", "Al-Qassam"],
             ["a", "ab", "a b", "a bc", "ab c", "abc", "b"]]
    pieces = ["Menteri", "menteri", "MENTERI", "Luar", "Negeri", "Dalam", "mantan", "Wakil", "Ketua", "Umum",
              "Kepala", "Desa", "Kapolri", "Kapolres", "Kapol", "Direktur", "Utama", "para", "warga", "wartawan",
              "korban", "kor", "Tbk", "Inc", "Corp", "PT", "S.A", "Al-Qassam", "a", "ab", "b", "c", "Budi", "İ", "ı",
              "ſ", "\u212a", "K", "“", "”", "’", ".", "-", "x"]
    texts = ["".join(rng.choice(pieces) + rng.choice([" ", " ", "  ", "\n ", "", ".", "-"]) for _ in range(rng.randint(1, 12)))
             for _ in range(1500)] + ["Kapolres Kapolri", "MENTERİ LUAR NEGERİ Budi", "ſeluruh warga", "\u212aetua Umum X"]
    matched = 0
    for words in lists:
        for template in [r"(?<![\w-])(?i:{})\s+(?P<n>[A-Z]\w*)", r"(?<![\w-])(?i:{})(?![\w-])", r"(?:{})\s+[A-Z]",
                         r"(?<![\w-])(?:{})(?:\s+[A-Z]\w*)*"]:
            lower = template.count("(?i:") == 1
            plain = re.compile(template.format(alternation(words)))
            factored = re.compile(template.format(trie_alternation(words, lower=lower)))
            for text in texts:
                assert [m.span() + m.groups() for m in factored.finditer(text)] == \
                    [m.span() + m.groups() for m in plain.finditer(text)], (words, template, text)
                matched += bool(plain.search(text))
    assert matched > 1000
    # words that are not plain ASCII with single spaces keep the plain alternation
    assert trie_alternation(["menteri  luar", "menteri"]) == alternation(["menteri  luar", "menteri"])
    assert trie_alternation(["Élan", "Elang"], lower=True) == alternation(["Élan", "Elang"])
    assert trie_alternation([]) == alternation([])


# ----------------------------------------------------------------------------- rows kept as columns

def _column_rows(batches, columns=("id", "start", "kind", "note"), **options):
    rows = lib.tables.ColumnRows(columns, ints=("start",), **options)
    for batch in batches:
        rows.extend(batch)
    return rows


COLUMN_BATCHES = [
    [{"id": "t1", "start": 3, "kind": "DATE", "note": None}, {"id": "t2", "start": 9, "kind": "DATE", "note": None},
     {"id": "t3", "start": 20, "kind": "TIME", "note": None}],
    [],
    [{"id": "t4", "start": 31, "kind": "DATE", "note": "tahun dari DCT"}],      # a batch too short to encode
    [{"id": f"t{n}", "start": 40 + n, "kind": "SET", "note": None} for n in range(5, 9)],
]


def test_column_rows_read_back_as_the_rows_they_were_given():
    rows = _column_rows(COLUMN_BATCHES)
    given = [row for batch in COLUMN_BATCHES for row in batch]
    assert len(rows) == len(given) == 8
    assert list(rows) == given
    assert rows[0] == given[0] and rows[3] == given[3] and rows[-1] == given[-1] and rows[-8] == given[0]
    assert rows[2:5] == given[2:5] and rows[::-3] == given[::-3]
    for first in range(-9, 10):                  # slices within a batch, across batches, empty, past the end
        for last in (first, first + 1, first + 4, 100, None):
            assert rows[first:last] == given[first:last], (first, last)
    for index in (8, -9):
        with pytest.raises(IndexError, match=f"row {index} of 8"):
            rows[index]


def test_column_rows_build_the_table_frame_of_builds_from_the_dicts():
    import pandas as pd
    columns = ["id", "start", "kind", "note"]
    rows = _column_rows(COLUMN_BATCHES)
    built = lib.tables.frame_of(rows, columns)
    expected = lib.tables.frame_of([row for batch in COLUMN_BATCHES for row in batch], columns)
    pd.testing.assert_frame_equal(built, expected)
    assert built.dtypes.astype(str).tolist() == ["str", "int64", "str", "str"]
    # a column of None alone stays an object column of None, as frame_of makes it; no rows: an empty table
    nothing = _column_rows([[{"id": "t1", "start": 1, "kind": "DATE", "note": None}]])
    pd.testing.assert_frame_equal(lib.tables.frame_of(nothing, columns),
                                  lib.tables.frame_of([{"id": "t1", "start": 1, "kind": "DATE", "note": None}], columns))
    assert lib.tables.frame_of(nothing, columns)["note"].dtype == object
    pd.testing.assert_frame_equal(lib.tables.frame_of(_column_rows([]), columns), lib.tables.frame_of([], columns))


def test_column_rows_keep_repeated_strings_once():
    import pyarrow as pa
    given = [{"id": f"t{n}", "start": n, "kind": "DATE", "note": None} for n in range(1000)]
    batch = _column_rows([given])._batches[0]
    assert str(batch.column("kind").type).startswith("dictionary")      # one "DATE" and an int a row
    assert str(batch.column("id").type) == "large_string"               # every id differs: kept as it is
    plain = pa.Table.from_pylist(given, schema=pa.schema([("id", pa.large_string()), ("start", pa.int64()),
                                                           ("kind", pa.large_string()), ("note", pa.large_string())]))
    assert batch.nbytes < plain.nbytes - 1000 * 8                       # the kinds' 4 letters and 8-byte offsets


def test_column_rows_refuse_a_row_without_a_column_unless_told():
    with pytest.raises(KeyError, match="note"):
        _column_rows([[{"id": "t1", "start": 1, "kind": "DATE"}]])
    rows = _column_rows([[{"id": "t1", "start": 1, "kind": "DATE"}]], missing_as_none=True)
    assert rows[0] == {"id": "t1", "start": 1, "kind": "DATE", "note": None}
    with pytest.raises(Exception, match="int|str"):
        _column_rows([[{"id": "t1", "start": "1", "kind": "DATE", "note": None}]])


def test_column_rows_take_rows_from_any_iterable_and_compare_as_a_list():
    given = COLUMN_BATCHES[0]
    rows = _column_rows([iter(given), (row for row in COLUMN_BATCHES[2])])      # an iterator, a generator
    assert list(rows) == given + COLUMN_BATCHES[2]
    assert rows == given + COLUMN_BATCHES[2] and given + COLUMN_BATCHES[2] == rows
    assert rows == _column_rows([given + COLUMN_BATCHES[2]])
    assert rows != given and rows != list(reversed(given + COLUMN_BATCHES[2])) and rows != tuple(given + COLUMN_BATCHES[2])
    assert rows != given[:3] + [dict(COLUMN_BATCHES[2][0], note="lain")]
    assert _column_rows([]) == [] and rows != [1, 2, 3, 4]


def test_column_rows_with_a_gap_in_an_int_column_build_the_table_of_the_dicts():
    import pandas as pd
    columns = ["id", "start", "kind", "note"]
    given = [{"id": "t1", "start": 3, "kind": "DATE", "note": None}, {"id": "t2", "start": None, "kind": "DATE", "note": "x"}]
    rows = _column_rows([given[:1], given[1:]])
    assert rows[1]["start"] is None
    pd.testing.assert_frame_equal(lib.tables.frame_of(rows, columns), lib.tables.frame_of(given, columns))


def test_column_rows_under_another_pandas_build_the_table_pandas_builds_from_the_dicts(monkeypatch):
    import pandas as pd
    columns = ["id", "start", "kind", "note"]
    given = [row for batch in COLUMN_BATCHES for row in batch]
    rows = _column_rows(COLUMN_BATCHES)
    monkeypatch.setattr(lib.tables, "_inferred_string_dtype", lambda: None)     # a pandas whose str dtype differs
    expected = pd.DataFrame({c: [row[c] for row in given] for c in columns})
    pd.testing.assert_frame_equal(lib.tables.frame_of(rows, columns), expected)
    pd.testing.assert_frame_equal(lib.tables.frame_of(given, columns), expected)
