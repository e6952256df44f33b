"""Morphology: Indonesian roots under affixes (lib/morphology.py, lib/lang/id/morphology.json) and the
event root lexicon (lib/lang/id/event_roots.json), each example sentence run through the engine."""
import json
import re
import time

import pytest

from lib.morphology import candidate_roots, root_of
from lib.tables import LANG_DIR, table

ROOTS = table("id", "event_roots")
ROOT_ENTRIES = [e for e in ROOTS["roots"] if "root" in e]
PHRASE_ENTRIES = [e for e in ROOTS["roots"] if "phrase" in e]
BLOCKED = {n["root"] for n in ROOTS["not_events"] if "root" in n}
WHOLE_WORDS = {n["word"] for n in ROOTS["not_events"] if "word" in n}
LEXICON = {e["root"] for e in ROOT_ENTRIES} | BLOCKED
AFFIXED_ONLY = {e["root"] for e in ROOT_ENTRIES if e.get("affixed_only")}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT"}
NEAR_WINDOW = 5


def trigger_root(word: str) -> str | None:
    """The event root of ``word`` as events.py would take it: the longest known root, unless it is a non-event."""
    root = root_of(word, LEXICON, affixed_only=AFFIXED_ONLY, whole_words=WHOLE_WORDS)
    return None if root in BLOCKED else root


def words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text)


def matches_word(token: str, word: str) -> bool:
    """A text token matches a phrase or near word written as a root when it is it, or reduces to it."""
    return token.lower() == word or word in candidate_roots(token)


# The pairs of the task: inflected word -> root.
PAIRS = {
    "pertemuan": "temu", "menangkap": "tangkap", "ditangkap": "tangkap", "penangkapan": "tangkap",
    "memukul": "pukul", "menyerang": "serang", "pengeboman": "bom", "diperiksa": "periksa",
    "pemeriksaan": "periksa", "kerusuhan": "rusuh", "bertemu": "temu", "mengungsi": "ungsi",
    "dievakuasi": "evakuasi", "menolak": "tolak", "penolakan": "tolak", "mengkritik": "kritik",
    "ditunda": "tunda", "penundaan": "tunda", "mendarat": "darat", "meledakkan": "ledak",
    "menggeledah": "geledah", "penggeledahan": "geledah", "menyelidiki": "selidik",
    "penyelidikan": "selidik", "diselidiki": "selidik", "ditahan": "tahan", "penahanan": "tahan",
    "membantah": "bantah", "menuduh": "tuduh", "tuduhan": "tuduh", "berunding": "runding",
    "perundingan": "runding",
}

# More forms news writes, one for each rule of the table (allomorph, stack, suffix, clitic).
MORE = {
    "mengatakan": "kata", "katanya": "kata", "menyatakan": "nyata", "pernyataan": "nyata",
    "mengumumkan": "umum", "pengumuman": "umum", "mengonfirmasi": "konfirmasi", "mengkonfirmasi": "konfirmasi",
    "mengebom": "bom", "dibom": "bom", "pembunuhan": "bunuh", "terbunuh": "bunuh", "menewaskan": "tewas",
    "memperkirakan": "kira", "dipertanyakan": "pertanyakan", "memberhentikan": "berhentikan",
    "kesepakatan": "sepakat", "menyepakati": "sepakat", "persetujuan": "setuju", "menyetujuinya": "setuju",
    "perjanjian": "janji", "menandatangani": "tandatangan", "penandatanganan": "tandatangan",
    "bekerjasama": "kerjasama", "penyanderaan": "sandera", "pemerkosaan": "perkosa", "pemboman": "bom",
    "pengerahan": "kerah", "mengerahkan": "kerah", "menemukan": "temukan", "ditemukan": "temukan",
    "menemui": "temu", "pencarian": "cari", "penyelamatan": "selamat", "menyelamatkan": "selamat",
    "pengungsian": "ungsi", "mengungsikan": "ungsi", "pungkasnya": "pungkas", "imbuhnya": "imbuh",
    "ucapnya": "ucap", "penangkapannya": "tangkap", "tuntutannya": "tuntut", "dakwaan": "dakwa",
    "divonis": "vonis", "memvonis": "vonis", "menskors": "skors", "mengesahkan": "sah", "pengesahan": "sah",
    "tembak-menembak": "tembak", "serang-menyerang": "serang", "disangkakan": "sangkakan",
    "menduduki": "duduki", "diduduki": "duduki", "menyampaikan": "sampaikan", "mengingatkan": "ingatkan",
    "menambahkan": "tambahkan", "mempersoalkan": "persoalkan", "menyalahkan": "salahkan",
    "mengalah": "alah", "memerintahkan": "perintah", "diperintahkan": "perintah", "mengadili": "adili",
    "dipenjara": "penjara", "memenjarakan": "penjara", "menghabisi": "habisi", "mengembalikan": "kembalikan",
}

# Words that look affixed but are not, or whose stripped form is no event: none may yield an event root.
NEAR_MISSES = ["meja", "demokrasi", "pemilu", "kepala", "berita", "terakhir", "pertama", "dia", "ini",
               "mengenai", "menurut", "menjadi", "kepada", "sebagai", "mereka", "dengan", "sekolah", "masalah",
               "adalah", "tetapi", "tersebut", "pemerintah", "pemerintahnya", "pemerintahan", "ternyata",
               "kenyataan", "penyidik", "terdakwa", "terpidana", "pertahanan", "bertahan", "mempertahankan",
               "dipertahankan", "perbatasan", "kebakaran", "kerusakan", "undang-undang", "undang-undangnya",
               "perundang-undangan", "kira-kira", "sekira", "keselamatan", "pengadilan", "keadilan",
               "kalah", "mengalahkan", "kekalahan", "menunjukkan", "tindakan", "juru", "pukul", "Serang",
               "umumnya", "sahabat", "buruh", "memburuk", "kembali", "sampai", "dalam", "tersangka",
               "kepolisian", "pemilihan", "pilihan", "penulis", "putusan", "memutuskan", "menerima",
               "menggelar", "bertambah", "tambahan", "kerja", "bekerja", "senilai", "nilai", "jelas", "tegas",
               "angkatan", "bertolak", "berangkat", "diberangkatkan", "selepas", "dibandingkan", "perbandingan",
               "memperingati", "teradu", "pemohon", "ditemui", "bersubsidi"]


@pytest.mark.parametrize("word, root", sorted(PAIRS.items()))
def test_pairs_of_the_task(word, root):
    assert root in candidate_roots(word)
    assert root_of(word, set(PAIRS.values())) == root
    assert trigger_root(word) == root


@pytest.mark.parametrize("word, root", sorted(MORE.items()))
def test_more_forms(word, root):
    assert trigger_root(word) == root


@pytest.mark.parametrize("word", NEAR_MISSES)
def test_near_misses_give_no_event_root(word):
    assert trigger_root(word) is None


def test_short_words_and_the_word_itself():
    assert candidate_roots("meja") == ("meja",)            # me- + ja: shorter than three letters
    assert candidate_roots("dia") == ("dia",)
    assert candidate_roots("ini") == ("ini",)
    assert candidate_roots("Menolak")[0] == "menolak"       # lowercase, the word itself first
    roots = candidate_roots("penyelidikannya")
    assert roots[0] == "penyelidikannya" and "selidik" in roots
    assert [len(r) for r in roots[1:]] == sorted((len(r) for r in roots[1:]), reverse=True)
    assert all(len(r) >= table("id", "morphology")["min_root"] for r in roots[1:])
    assert "undang" not in candidate_roots("undang-undang")  # a repeated word is not split
    assert "temuan" not in candidate_roots("pertemuan")       # per-...-an is one confix


def test_longest_root_in_the_lexicon_wins():
    assert root_of("menemukan", {"temu", "temukan"}) == "temukan"
    assert root_of("bertemu", {"temu", "temukan"}) == "temu"
    assert root_of("penyelidikan", {"selidik", "selidi"}) == "selidik"
    assert root_of("pemerintah", {"perintah"}) == "perintah"          # why pemerintah is in not_events
    assert root_of("pemerintah", {"perintah", "pemerintah"}) == "pemerintah"
    assert root_of("tidak", {"tangkap"}) is None


def test_affixed_only():
    assert root_of("Serang", {"serang"}, affixed_only={"serang"}) is None
    assert root_of("serangannya", {"serang"}, affixed_only={"serang"}) == "serang"
    assert root_of("menyerang", {"serang"}, affixed_only={"serang"}) == "serang"
    assert root_of("tembak-menembak", {"tembak"}, affixed_only={"tembak"}) == "tembak"
    assert trigger_root("pukul") is None and trigger_root("memukul") == "pukul"
    assert trigger_root("umumnya") is None and trigger_root("diumumkan") == "umum"


def test_whole_words_block_only_themselves():
    assert root_of("penyidik", {"sidik"}) == "sidik"
    assert root_of("penyidiknya", {"sidik"}, whole_words={"penyidik"}) is None
    assert root_of("penyidikan", {"sidik"}, whole_words={"penyidik"}) == "sidik"
    assert trigger_root("pemeriksaan") == "periksa" and trigger_root("pemeriksa") is None
    assert trigger_root("pembicaraan") == "bicara" and trigger_root("pembicara") is None


def test_language_without_a_table():
    with pytest.raises(LookupError):
        candidate_roots("menangkap", "en")


def test_cached_and_fast():
    candidate_roots.cache_clear()
    words_ = [f"{w}{i}" for i in range(200) for w in PAIRS]   # distinct words, cold cache
    start = time.perf_counter()
    for w in words_:
        candidate_roots(w)
    cold = (time.perf_counter() - start) / len(words_)
    start = time.perf_counter()
    for w in words_:
        candidate_roots(w)
    warm = (time.perf_counter() - start) / len(words_)
    assert candidate_roots.cache_info().hits >= len(words_)
    assert cold < 1e-3 and warm < 1e-4     # seconds per word: generous bounds, far above the measured ones


# ---------------------------------------------------------------- the morphology table

MORPH = table("id", "morphology")


def test_every_rule_has_an_example():
    for p in MORPH["prefixes"]:
        assert p.get("example"), p["name"]
        for a in p["allomorphs"]:
            assert a.get("example"), (p["name"], a["form"])
            re.compile(a["next"])
    for key in ("prefix_stacks", "suffixes", "forbidden"):
        for rule in MORPH[key]:
            assert rule.get("example"), rule
    for kind in ("particles", "possessives"):
        for c in MORPH["clitics"][kind]:
            assert c.get("example"), c


def test_the_rule_examples_run():
    """Each 'word -> root' in an example is what the engine finds among the candidates."""
    rules = [a for p in MORPH["prefixes"] for a in p["allomorphs"]] + MORPH["prefix_stacks"] + MORPH["suffixes"]
    pairs = [m.groups() for r in rules for m in re.finditer(r"(\w+) -> (\w+)", r["example"])]
    assert len(pairs) > 30
    for word, root in pairs:
        assert root in candidate_roots(word), (word, root, candidate_roots(word))


def test_the_engine_holds_no_indonesian():
    """Below its module docstring (whose doctest shows Indonesian words) the engine names no affix of the table."""
    code = (LANG_DIR.parent / "morphology.py").read_text(encoding="utf-8").split('"""', 2)[2]
    forms = ({a["form"] for p in MORPH["prefixes"] for a in p["allomorphs"]} | {s["form"] for s in MORPH["suffixes"]}
             | {c["form"] for kind in MORPH["clitics"].values() for c in kind} | {p["name"] for p in MORPH["prefixes"]})
    literals = set(re.findall(r"[\"']([^\"'\s]+)[\"']", code))
    assert not literals & forms, literals & forms


# ---------------------------------------------------------------- the event root lexicon

def test_lexicon_shape():
    keys = [e.get("root") or e.get("phrase") for e in ROOTS["roots"]]
    assert len(keys) == len(set(keys)), "one entry per root"
    assert 300 <= len(ROOT_ENTRIES) <= 500
    assert not (BLOCKED | WHOLE_WORDS) & {e["root"] for e in ROOT_ENTRIES}
    for e in ROOTS["roots"]:
        assert e["type"] in TYPES, e
        assert set(e) <= {"root", "phrase", "type", "mode", "affixed_only", "near", "example", "note"}, e
        key = e.get("root") or e.get("phrase")
        assert key == key.lower() and key.strip() == key
    assert {e["type"] for e in ROOTS["roots"]} == TYPES
    for n in ROOTS["not_events"]:
        assert n.get("note") and len({"root", "word", "phrase"} & set(n)) == 1, n


@pytest.mark.parametrize("entry", ROOT_ENTRIES, ids=lambda e: e["root"])
def test_root_example_runs(entry):
    """The example has a word whose event root is this root (and, for `near` roots, a near word close by)."""
    tokens = words(entry["example"])
    hits = [i for i, t in enumerate(tokens) if trigger_root(t) == entry["root"]]
    if entry.get("near"):
        hits = [i for i in hits
                if any(matches_word(tokens[j], n) for n in entry["near"]
                       for j in range(max(0, i - NEAR_WINDOW), min(len(tokens), i + NEAR_WINDOW + 1)) if j != i)]
    assert hits, (entry["example"], [(t, trigger_root(t)) for t in tokens])


@pytest.mark.parametrize("entry", PHRASE_ENTRIES, ids=lambda e: e["phrase"])
def test_phrase_example_runs(entry):
    tokens, parts = words(entry["example"]), entry["phrase"].split()
    assert any(all(i + k < len(tokens) and matches_word(tokens[i + k], w) for k, w in enumerate(parts))
               for i in range(len(tokens))), entry["example"]


def test_lexicon_is_valid_json_with_its_comment():
    raw = json.loads((LANG_DIR / "id" / "event_roots.json").read_text(encoding="utf-8"))
    assert raw["language"] == "id" and "_comment" in raw
