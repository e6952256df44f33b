"""Actors: the Indonesian each rule is for, texts with names no table knows, and the seed."""
import re

import pytest

from lib import SEED_ARTICLE
from lib.actors import cast, slug, tag_mentions
from lib.annotate import annotate
from lib.load import find_dateline

# Three articles written for these tests, on other subjects, with people and organisations that
# are in no table of the workbook.
FLOOD = """Semarang, Kompas.com — Gubernur Jawa Tengah Rahmat Hidayat meninjau lokasi banjir di Kabupaten Demak pada Senin (6/2/2023).
Kepala Badan Penanggulangan Bencana Daerah Jawa Tengah Siti Aminah mengatakan sekitar 3.000 warga mengungsi ke balai desa.
Hidayat berjanji akan menyalurkan bantuan pangan pekan ini. “Kami bekerja sama dengan relawan dan Palang Merah Indonesia,” kata Aminah.
Relawan dari Yayasan Sahabat Sungai juga membantu warga di Desa Karangrejo."""
BUSINESS = """Jakarta (ANTARA) - Direktur Utama PT Sinar Laut Nusantara Bambang Wicaksono mengatakan perusahaannya akan membuka pabrik baru di Kendal tahun depan.
Menurut Wicaksono, investasi itu bernilai Rp2 triliun dan menyerap 1.500 pekerja.
Menteri Perindustrian Dewi Lestari menyambut rencana tersebut. Lestari menambahkan bahwa pemerintah siap membantu perizinan.
Analis Bank Mandiri Fajar Nugroho menilai langkah itu tepat."""
SPORT = """Bandung — Pelatih Persib Bandung Hendra Kurniawan menyatakan timnya siap menghadapi Arema FC pekan depan.
Kurniawan mengatakan penyerang Yusuf Maulana masih cedera. “Kami akan berlatih keras,” ujar Kurniawan.
Ketua Umum Persatuan Sepak Bola Seluruh Indonesia Agus Salim Permana meminta suporter menjaga ketertiban."""


def mentions_of(text):
    return tag_mentions(text, dateline=find_dateline(text, 0))


def pairs(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


@pytest.mark.parametrize("text, people", [
    (FLOOD, {"Rahmat Hidayat": "Gubernur Jawa Tengah",
             "Siti Aminah": "Kepala Badan Penanggulangan Bencana Daerah Jawa Tengah"}),
    (BUSINESS, {"Bambang Wicaksono": "Direktur Utama PT Sinar Laut Nusantara", "Dewi Lestari": "Menteri Perindustrian",
                "Fajar Nugroho": "Analis Bank Mandiri"}),
    (SPORT, {"Hendra Kurniawan": "Pelatih Persib Bandung",
             "Agus Salim Permana": "Ketua Umum Persatuan Sepak Bola Seluruh Indonesia"}),
])
def test_people_introduced_by_title_in_unseen_texts(text, people):
    found = mentions_of(text)
    titled = found[found.how == "title"]
    assert dict(pairs(titled, "text", "role")) == people
    assert set(titled.kind) == {"person"}


@pytest.mark.parametrize("text, surname, actor", [
    (FLOOD, "Hidayat", "rahmat-hidayat"), (FLOOD, "Aminah", "siti-aminah"),
    (BUSINESS, "Wicaksono", "bambang-wicaksono"), (BUSINESS, "Lestari", "dewi-lestari"),
    (SPORT, "Kurniawan", "hendra-kurniawan"),
])
def test_surnames_link_to_the_full_name(text, surname, actor):
    found = mentions_of(text)
    assert set(found[found.text == surname].actor) == {actor}


@pytest.mark.parametrize("text, name, kind", [
    (FLOOD, "Badan Penanggulangan Bencana Daerah Jawa Tengah", "organization"),
    (FLOOD, "Palang Merah Indonesia", "organization"),
    (FLOOD, "Yayasan Sahabat Sungai", "organization"),
    (FLOOD, "Kabupaten Demak", "location"),
    (FLOOD, "Desa Karangrejo", "location"),
    (FLOOD, "Semarang", "location"),
    (BUSINESS, "PT Sinar Laut Nusantara", "organization"),
    (BUSINESS, "Bank Mandiri", "organization"),
    (SPORT, "Arema FC", "organization"),
    (SPORT, "Persatuan Sepak Bola Seluruh Indonesia", "organization"),
])
def test_organisations_and_places_by_shape(text, name, kind):
    found = mentions_of(text)
    assert pairs(found[found.text == name], "kind") == [(kind,)]


def test_ministry_with_dan_first_name_alias_and_dateline_outlet():
    text = ("JAKARTA, KOMPAS.com - Menteri Pekerjaan Umum dan Perumahan Rakyat Basuki Hadimuljono meninjau "
            "bendungan. \"Kami selesaikan bulan depan,\" kata Basuki.")
    found = mentions_of(text)
    assert pairs(found[found.how == "title"], "text", "role") == [
        ("Basuki Hadimuljono", "Menteri Pekerjaan Umum dan Perumahan Rakyat")]
    assert found[found.text == "Basuki"].actor.tolist() == ["basuki-hadimuljono"]
    assert "KOMPAS" not in found.text.tolist() and found.text.iloc[0] == "JAKARTA"


def test_dan_between_people_is_not_part_of_a_title():
    found = tag_mentions("Presiden Joe Biden dan Vladimir Putin akan berbicara.", gazetteer=False)
    assert pairs(found, "text", "role", "how")[0] == ("Joe Biden", "Presiden", "title")
    assert "Presiden Joe Biden dan" not in set(found.role.dropna())


def test_acronym_in_brackets_is_an_alias():
    text = "Dana Moneter Internasional (IMF) memperkirakan ekonomi tumbuh. Menurut IMF, inflasi turun."
    found = tag_mentions(text, gazetteer=False)
    imf = found[found.text == "IMF"]
    assert len(imf) == 2 and set(imf.actor) == {"dana-moneter-internasional"}


@pytest.mark.parametrize("text, description, actor", [
    ("Presiden Joe Biden dan Vladimir Putin akan berbicara saat pemimpin Rusia itu menuntut jaminan.",
     "pemimpin Rusia itu", "vladimir-putin"),
    ("Hal itu disampaikan seorang pejabat senior pemerintah kepada wartawan. Pejabat itu berbicara dengan syarat anonim.",
     "Pejabat itu", "anonymous-pejabat-senior-pemerintah"),
    ("Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri Malaysia Saifuddin Abdullah. "
     "Keduanya membahas perbatasan.", "Keduanya", "retno-marsudi;saifuddin-abdullah"),
])
def test_descriptions_point_back(text, description, actor):
    found = tag_mentions(text)
    assert found[found.text == description].actor.tolist() == [actor]


@pytest.mark.parametrize("text", [
    "Pada hari Senin harga naik.",                 # sentence-initial words are not names
    "Juru bicara itu tidak hadir.",
    "Mereka bertemu di Jakarta pekan lalu.",
])
def test_no_person_from_ordinary_capitals(text):
    found = tag_mentions(text)
    assert not (found.kind == "person").any(), found[["text", "how"]].values.tolist()


def test_metonyms_name_what_they_stand_for():
    found = tag_mentions("Moskow dan Washington berselisih; Kremlin membantah dan Gedung Putih diam.")
    assert dict(pairs(found, "text", "refers_to")) == {"Moskow": "russia", "Washington": "united-states",
                                                       "Kremlin": "russia", "Gedung Putih": "united-states"}


def test_patterns_alone_without_the_gazetteer():
    found = tag_mentions(FLOOD, dateline=find_dateline(FLOOD, 0), gazetteer=False)
    assert "gazetteer" not in set(found.how)
    titled = found[found.how == "title"]
    assert set(titled.text) == {"Rahmat Hidayat", "Siti Aminah"}


def test_slug_and_cast():
    assert slug("Emily Horne") == "emily-horne"
    people = cast(tag_mentions("Gubernur Jawa Tengah Rahmat Hidayat meninjau banjir. Hidayat berjanji."))
    hidayat = people.set_index("actor").loc["rahmat-hidayat"]
    assert (hidayat["name"], hidayat["kind"], hidayat["mentions"], hidayat["roles"], hidayat["how"]) == (
        "Rahmat Hidayat", "person", 2, "Gubernur Jawa Tengah", "alias, title")
    assert people.actor.iloc[0] == "rahmat-hidayat"            # the most mentioned first


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed():
    annotation = annotate(SEED_ARTICLE, dct="2021-12-29")
    return annotation.article, annotation.timexes, annotation.mentions, annotation.events, annotation.curated


def test_seed_people_found_and_surnames_linked(seed):
    article, _, mentions, _, curated = seed
    curated = curated.mentions
    people = curated[curated.kind == "person"]
    found = mentions.set_index(["start", "end"])
    for row in people.itertuples():
        assert (row.start, row.end) in found.index, row.text
        assert found.loc[(row.start, row.end), "kind"] == "person"
    for surname, actor in [("Blinken", "antony-blinken"), ("Price", "ned-price"), ("Sullivan", "jake-sullivan"),
                           ("Putin", "vladimir-putin"), ("Biden", "joe-biden")]:
        assert set(mentions[mentions.text == surname].actor) == {actor}


@pytest.mark.parametrize("text, name", [
    ("Tim gabungan masih mencari korban. Menurut Warsito, cuaca menghambat pencarian.", "Warsito"),
    ("Banjir surut.Menurut Sutrisno, warga sudah pulang.", "Sutrisno"),          # glued after a full stop
    ("Warga sudah pulang, kata Sutrisno.", "Sutrisno"),
])
def test_one_word_name_after_a_speech_word_opening_a_sentence(text, name):
    found = mentions_of(text)
    assert (name, "person") in pairs(found, "text", "kind")


def test_a_capitalised_speech_word_alone_is_no_name():
    assert "person" not in set(mentions_of("Menurut laporan itu, warga sudah pulang.").kind)


def test_tokens_are_split_where_words_are_glued_exactly_as_token_by_token():
    import random
    import re

    from lib.actors import _GLUE, _TOKEN, _spans_and_words

    def one_by_one(text):                               # the plain definition: every token looked at for glue
        out = []
        for m in _TOKEN.finditer(text):
            word, base, prev = m.group(), m.start(), 0
            for cut in _GLUE.finditer(word):
                if cut.start() > prev:
                    out.append((base + prev, base + cut.start()))
                    prev = cut.start()
                if word[prev] == ".":
                    prev += 1
            out.append((base + prev, m.end()))
        return out

    rng = random.Random(5)
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT,
             "pasukan TNImasih di wilayahBali AS.Seorang Jl.Sudirman x_.Ab aBCdd ÉtatÉ TNI_masih O'Brien d’Arc"]
    texts += ["".join(rng.choice("aAbBzZ.'’&-_ 1éÉ\n") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    # the letters looked at only where the text shows a lowercase letter and a capital side by side (or a full stop
    # before a capital): also beside letters outside ASCII that fold to ASCII ones, and curly quotation marks
    texts += ["".join(rng.choice("aAbBM.'’&-İıſ\u212a“” é") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    texts += ["Kata PresidenJoko di İstanbul.Menurut ıMasih ſAB “TNIṡudah” \u212aPUmasih AS.Seorang"]
    for text in texts:
        spans, words = _spans_and_words(text)
        assert spans == one_by_one(text), text
        assert words == [text[s:e] for s, e in spans]


def test_a_capital_first_then_the_look_behind_is_the_same_pattern():
    import random
    import re

    from lib.actors import CAP, FIRST_CAP

    rng = random.Random(9)
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT]
    texts += ["".join(rng.choice("aAbB-_ 1’\n.") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    pairs_ = [(rf"(?<![\w-]){CAP}(?:\s+{CAP})*\s+(?:PT|Tbk)(?![\w-])", rf"{FIRST_CAP}(?:\s+{CAP})*\s+(?:PT|Tbk)(?![\w-])"),
              (r"(?<![\w-])[A-Z]{2,6}(?![\w-])", r"[A-Z](?<![\w-].)[A-Z]{1,5}(?![\w-])"),
              (rf"(?<![\w-]){CAP}", FIRST_CAP)]
    for before, after in pairs_:
        before, after = re.compile(before), re.compile(after)
        for text in texts:
            assert [m.span() for m in before.finditer(text)] == [m.span() for m in after.finditer(text)]
            assert [bool(before.match(text, i)) for i in range(len(text))] == \
                [bool(after.match(text, i)) for i in range(len(text))]


def test_a_name_run_that_takes_its_first_word_and_its_spaces_whole_is_the_plain_pattern():
    """Giving back a letter of a name run's first word, or a space, cannot make a match (a space or a capital must
    follow): the possessive pattern matches where the plain one does, the same text (also a later word that ends in
    a quotation mark, which the plain pattern may give back)."""
    import re

    from lib.actors import _patterns

    name_run = _patterns("id")["name_run"]
    plain = re.compile(name_run.pattern.replace("++", "+"))
    assert plain.pattern != name_run.pattern
    pieces = ["Budi", "Santoso", "Ma'ruf", "Amin", "Ma’ruf", "Jean-pierre", "Siti'", "Nur-", "Dewi’x", "budi", "TNI",
              "O'Brien", "Al-Qassam", "É", "Budé", "x", "2024", "Rini'", "Ani-x"]
    seps = [" ", " ", "  ", "\n", "\t", "\u00a0", ", ", ". ", "-", "_", "'", "’", "", " -", "' "]
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 4000, 14)
    texts += ["Wakil Ketua Ma'ruf Amin hadir. Dia mengatakan Jakarta, Senin, aman;Budi\tSantoso juga Rini Dewi'x."]
    for text in texts + _soup(2000, 6):
        assert [m.span() for m in name_run.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        assert [bool(name_run.match(text, i)) for i in range(len(text))] == \
            [bool(plain.match(text, i)) for i in range(len(text))], text


def test_patterns_that_take_a_capitalised_word_whole_are_the_plain_patterns():
    """A space or the pattern's end follows each capitalised word (``CAP``, ``FIRST_CAP``, taken whole): the patterns
    match where those with the plain words match, the same text and groups."""
    import re

    from lib.actors import _patterns

    p = _patterns("id")
    keys = [key for key, value in p.items() if isinstance(value, re.Pattern) and "*+" in value.pattern]
    assert {"title", "org", "place", "speech_before", "speech_after", "suffixed", "pointer", "comma_name"} <= set(keys)
    pieces = ["Presiden", "Menteri", "Luar", "Negeri", "Kementerian", "Badan", "Pemilihan", "Umum", "dan", "untuk", "Laut",
              "Pulau", "kata", "ujar", "mengatakan", "menyebutkan", "Tbk", "Group", "pejabat", "itu", "tersebut", "Budi",
              "Santoso", "O'Brien", "Al-Qassam", "Ma’ruf", "Siti'", "Dewi-", "x", "2024", "É", "Élan", "TNI", "warga"]
    seps = [" ", " ", "  ", "\n", "\t", ", ", ". ", "-", "_", "'", "’", "", " -", "' "]
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 1500, 15)
    for key in keys:
        whole, plain = p[key], re.compile(p[key].pattern.replace("*+", "*"))
        for text in texts:
            assert [(m.span(), m.groups()) for m in whole.finditer(text)] == \
                [(m.span(), m.groups()) for m in plain.finditer(text)], (key, text)
            assert [bool(whole.match(text, i)) for i in range(0, len(text), 3)] == \
                [bool(plain.match(text, i)) for i in range(0, len(text), 3)], (key, text)


def _random_texts(pieces, seps, count, seed):
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_patterns_searched_near_their_last_word_find_what_finditer_finds():
    """A name run ended by a speech word or a company suffix is tried only at the capitals of the run of words and
    spaces around each place that word stands: the same matches as a search of the whole text."""
    from lib.actors import _ANCHOR, _finditer_near, _patterns, _Words

    p = _patterns("id")
    pieces = ["Budi", "Santoso", "Ahmad", "O'Brien", "Al-Qassam", "mengatakan", "menyebut", "menyebutkan", "Tbk",
              "Inc", "Incar", "Group", "Grup", "kata", "x", "PT", "Sinar", "Laut", "mengatakan_", "-", "'", "’", "",
              "2021", "é", "Élan", "İ", "ı", "ſ", "\u212a", "Kata", "KATA"]
    seps = [" ", " ", "  ", "\n", ", ", ". ", "-", "(", ")", "\"", "“", "", "_"]
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 4000, 11)
    for key, (regex, words) in p["near"].items():
        ends = re.compile(rf"(?<=\s)(?P<word>{'|'.join(words)})(?![\w-])")
        for text in texts:
            expected = [m.span() for m in regex.finditer(text)]
            doc = _Words(text)
            anchors = [m.start() for m in p["scan"].finditer(text, doc.runs, doc.cases)[_ANCHOR + key]]
            assert set(anchors) >= {m.start("word") for m in ends.finditer(text)}   # every table word a match ends with
            found = _finditer_near(regex, anchors, text, text[::-1], doc)
            assert [m.span() for m in found] == expected, (key, text)


def test_a_word_that_ends_a_name_pattern_is_made_of_word_characters():
    from lib.actors import _first_words
    from lib.tables import TableError

    assert _first_words(["mengatakan", "berkata kepada", "Tbk"]) == ["Tbk", "berkata", "mengatakan"]
    for word in ["kata:", "-kata", "kata_kata", "O'Brien berkata"]:
        with pytest.raises(TableError, match="letters"):
            _first_words([word])


def test_adding_candidates_to_a_selection_is_selecting_them_all_again():
    import random

    from lib.actors import _add, _candidate, _select

    rng = random.Random(8)
    text = "x" * 60
    for _ in range(3000):
        def some(n):
            out = []
            for _ in range(n):
                start = rng.randint(0, 55)
                out.append(_candidate(start, start + rng.randint(0, 6), text, "a", "A", "person", "name",
                                      priority=rng.randint(0, 5)))
            return out
        chosen = _select(some(rng.randint(0, 12)))
        new = some(rng.randint(0, 6))
        assert _add([dict(c) for c in chosen], [dict(c) for c in new]) == _select(chosen + new)


def test_first_words_looked_up_among_the_runs_of_letters_are_found_where_the_search_finds_them():
    """The actor scan looks its first words up among the text's runs of letters and digits (read once with the
    words) instead of searching the text: the same matches, also next to hyphens, underscores, joiners, glued
    words and letters that change when lowercased."""
    from lib.actors import _patterns, _Words

    scan = _patterns("id")["scan"]
    assert scan.by_runs
    pieces = ["Menteri", "menteri", "Presiden", "para", "warga", "Budi", "TNImasih", "wilayahBali", "Kata", "kata",
              "MENTERI", "Kepala", "Dinas", "Kota", "3.000", "O'Brien", "Al-Qassam", "x", "İ", "ı", "K", "Σ", "2021",
              "ſ", "ẞ", "ǅ", "MenterI", "pArA", "MEnteri", "mENTERI", "KOta", "WArga", "DInas"]
    seps = [" ", " ", "\n", ", ", ". ", ".", "-", "_", "'", "’", "&", "(", ")", "\"", "“", ""]
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 4000, 12)
    for text in texts:
        found, expected = scan.finditer(text, _Words(text).runs), scan.finditer(text)
        assert {k: [m.span() for m in v] for k, v in found.items()} == \
            {k: [m.span() for m in v] for k, v in expected.items()}, text


def _soup(count, seed):
    """Random texts of letters (ASCII and not), digits, joiners, underscores, spaces and quotation marks."""
    import random

    rng = random.Random(seed)
    # a no-break space, a tab, a control character, a word joiner, superscript two, a titlecase letter, a Javanese
    # letter, the dotless i, curly quotation marks
    return ["".join(rng.choice("aB1 .'’&-_,\n\xa0\t\x00\u2060£²ǅꦲéıİ“”") for _ in range(rng.randint(0, 30)))
            for _ in range(count)]


def test_the_runs_of_letters_read_off_the_bytes_are_the_matches_of_the_pattern():
    from lib.actors import _LETTERS_DIGITS, _letter_runs

    texts = ["", "  ", "Rp3.000,- untuk O’Brien", "Kata Budi Santoso, “kami siap.”\xa0Ya.", "Warga Cilacap é-2",
             SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _soup(4000, 3)
    for text in texts:
        runs = list(_LETTERS_DIGITS.finditer(text))
        starts, words, between = _letter_runs(text)
        assert (starts, words) == ([m.start() for m in runs], [m.group() for m in runs]), text
        gaps = [text[a.end():b.start()] for a, b in zip(runs, runs[1:])]     # a gap of one joiner as it stands
        assert [g in (".", "'", "’", "&", "-") for g in gaps] == [g in (".", "'", "’", "&", "-") for g in between]


def test_the_tokens_as_they_stand_are_the_matches_of_the_token_pattern():
    from lib.actors import _TOKEN, _unglued

    texts = ["", "Rp3.000,- untuk O'Brien--dan d’Arc.", "  TNI_masih  &  anak-anak. ", "a-b-c.d e--f g-.h"] + _soup(4000, 8)
    for text in texts:
        runs = list(_TOKEN.finditer(text))
        assert _unglued(text) == ([m.start() for m in runs], [m.group() for m in runs]), text


def test_patterns_that_start_with_a_capital_tried_at_the_capitals_find_what_finditer_finds():
    """The name runs are matched only where a run of letters begins with a capital and is titlecase, the acronyms
    read off the runs of capitals: the same as a search of the text (also beside letters outside ASCII that fold to
    ASCII ones, curly quotation marks and spaces other than the space)."""
    import re
    from itertools import compress

    from lib.actors import _acronyms, _patterns, _Words
    from lib.tables import matches_at

    p = _patterns("id")
    acronym = re.compile(r"[A-Z](?<![\w-].)[A-Z]{1,5}(?![\w-])")
    pieces = ["Budi", "Santoso", "Hasto", "TNI", "KPK", "AS", "O'Brien", "Al-Qassam", "McDonald", "TNImasih", "warga",
              "x", "É", "Élan", "3.000", "ABCDEFG", "ABCDEF", "Jl.Sudirman", "AS.Seorang", "ı", "İ", "ſ", "\u212a",
              "KPKſ", "A", "Rp3", "ǅ", "PT2", "Ma'ruf", "Ma’ruf", "Jean-pierre", "Budé", "Budi2", "Siti_"]
    seps = [" ", " ", "  ", "\n", ", ", ". ", "-", "_", "'", "’", "(", ")", "“", "”", "", "\t", "\u00a0", " -", "- "]
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 4000, 13)
    for text in texts + _soup(2000, 4):
        doc = _Words(text)
        titled = list(compress(doc.capitals, map(str.istitle, doc.capital_runs)))
        assert [m.span() for m in matches_at(p["name_run"], text, titled)] == \
            [m.span() for m in p["name_run"].finditer(text)], text
        assert [(start, start + len(word)) for start, word in _acronyms(text, doc)] == \
            [m.span() for m in acronym.finditer(text)], text


def test_organisations_and_places_inside_a_stretch_tried_at_its_capitals_find_what_finditer_finds():
    """Inside a title's qualifier, organisations and places (led by a head word that begins with a capital) are
    tried only at the capitals of the stretch: the same matches as a search of the stretch."""
    import random

    from lib.actors import _capital_matches, _patterns, _Words

    p = _patterns("id")
    assert p["capital_heads"]
    pieces = ["Badan", "Dewan", "Kementerian", "Laut", "Selat", "Hitam", "Pusat", "dan", "PT", "Sinar", "KPK",
              "Budi", "x", "É", "ı", "Al-Qassam", "Dewan-Dewan", "Kota"]
    seps = [" ", " ", "  ", "\n", ", ", ". ", "-", "_", "'", "(", ")", ""]
    rng = random.Random(14)
    for text in [FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 3000, 14):
        doc = _Words(text)
        for _ in range(3):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            for key in ("org", "place"):
                assert [m.span() for m in _capital_matches(p[key], text, start, end, doc)] == \
                    [m.span() for m in p[key].finditer(text, start, end)], (key, text, start, end)


def test_each_gazetteer_name_is_a_candidate_once():
    """The gazetteer's names of the whole text are candidates once (the organisations and places of the whole
    text add only those found by their head word)."""
    from lib.actors import _named, _patterns, _Words

    p = _patterns("id")
    for text in [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT,
                 "Moskow dan Washington berselisih; Kremlin membantah dan Gedung Putih diam di Laut Hitam."]:
        doc = _Words(text)
        found = _named(text, p, True, p["scan"].finditer(text, doc.runs), doc)
        rows = [tuple(c.items()) for c in found if c["how"] == "gazetteer"]
        assert rows and len(rows) == len(set(rows)), text


def test_the_capitals_read_at_once_are_the_runs_that_begin_with_a_capital():
    """The runs of letters that begin with a capital A to Z, found from the characters at the runs' starts read at
    once, are those the plain definition gives (also beside letters outside ASCII, titlecase letters and the letters
    that fold to ASCII ones)."""
    from lib.actors import _capital_flags, _Words

    texts = ["", "x", "A", "Élan Budi", "ǅemal İstanbul ıraz \u212aota KPK", SEED_ARTICLE.read_text(encoding="utf-8"),
             FLOOD, BUSINESS, SPORT] + _soup(3000, 9) + _random_texts(["Budi", "budi", "É", "Ä", "İ", "ı", "\u212a", "Z",
                                                                       "TNImasih", "3.000", "a"], [" ", "-", "", "’"], 2000, 9)
    for text in texts:
        doc = _Words(text)
        starts, runs = doc.runs
        assert doc.capitals == [s for s, r in zip(starts, runs) if r[0] in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"], text
        assert doc.capital_runs == [r for r in runs if r[0] in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"], text
        assert list(_capital_flags(text, starts)) == [int("A" <= text[s] <= "Z") for s in starts]


def test_the_gazetteer_finds_the_longest_names_left_to_right():
    """The gazetteer's search (a one-word name read off its word) finds what trying every name length at every word
    finds: the longest name there, then on after it (also names of several words split by runs of spaces or a
    line break, and glued or hyphenated words)."""
    import random

    from lib.actors import _patterns, _Words

    gazetteer = _patterns("id")["gazetteer"]

    def plain(doc, lo, hi):
        out, h = [], lo
        while h < hi:
            for k, names in gazetteer.first.get(doc.all[h], []):
                gaps = [doc.text[doc.end(j):doc.starts[j + 1]] for j in range(h, min(h + k, hi) - 1)]
                if h + k <= hi and tuple(doc.all[h:h + k]) in names and not "".join(gaps).strip():
                    out.append((doc.starts[h], doc.end(h + k - 1), names[tuple(doc.all[h:h + k])]))
                    h += k
                    break
            else:
                h += 1
        return out

    rng = random.Random(23)
    names = sorted(gazetteer.alias)
    pieces = names[:: max(1, len(names) // 300)] + ["Jakarta", "Indonesia", "Kota", "Jawa", "Barat", "warga", "di",
                                                      "Budi", "x", "İ", "ı", "KPK", "TNImasih", "3.000", "Al-Qassam"]
    seps = [" ", " ", "  ", "\n", ", ", ". ", "-", ""]
    texts = [SEED_ARTICLE.read_text(encoding="utf-8"), FLOOD, BUSINESS, SPORT] + _random_texts(pieces, seps, 1500, 23)
    for text in texts:
        doc = _Words(text)
        for lo, hi in [(0, len(doc)), (rng.randint(0, len(doc)), len(doc)), (0, rng.randint(0, len(doc)))]:
            assert gazetteer._find(doc, lo, hi) == plain(doc, lo, hi), text


def test_a_group_noun_matched_ignoring_case_is_the_noun():
    """``penyİdik`` (İ, which a case-insensitive pattern reads as i) is the group noun ``penyidik``, not a missing
    table key that stops the article; a word that is no group noun stays none."""
    def groups(text):
        found = tag_mentions(text)
        return found[found["how"] == "group noun"][["text", "actor", "kind"]].values.tolist()

    plain = groups("Para penyidik memeriksa saksi.")
    assert groups("Para penyİdik memeriksa saksi.") == [["Para penyİdik"] + plain[0][1:]] + plain[1:]
    assert plain[0][1:] == ["penyidik", "organization"]
    assert groups("Para penyİdikan memeriksa.") == groups("Para penyidikan memeriksa.")


def test_an_acronym_the_gazetteer_names_is_its_name_not_an_acronym():
    """An acronym the gazetteer knows is one mention of its entry (the acronym candidate at the same span is not
    made: it would lose to the name); an acronym it does not know is still an organisation by its shape; without the
    gazetteer the acronym is found by its shape (here initials, as a cue stands before one of its mentions)."""
    text = "Penyidik KPK memeriksa pengurus LPKW di Jakarta. Tersangka berinisial KPK ditahan."
    rows = pairs(tag_mentions(text), "text", "actor", "how")
    assert ("KPK", "kpk", "gazetteer") in rows
    assert ("LPKW", "lpkw", "acronym") in rows
    assert not any(how == "acronym" and t == "KPK" for t, _, how in rows)
    alone = pairs(tag_mentions(text, gazetteer=False), "text", "how")
    assert ("KPK", "initials") in alone and ("LPKW", "acronym") in alone


def test_a_surname_inside_a_mention_is_no_candidate_and_changes_nothing(monkeypatch):
    """A surname's alias is not made inside a mention that no defined acronym's alias overlaps (it would lose to that
    mention): the mentions are those found when it is made."""
    import lib.actors as actors

    pieces = ["Menteri Keuangan Budi Santoso", "Budi", "Santoso", "kata Santoso", "Santoso mengatakan", "Rina Wulandari",
              "Wulandari", "Komisi Pemberantasan Korupsi (KPK)", "Badan Pangan Daerah (BPD)", "BPD", "KPK", "Santoso-nya",
              "warga", "di Jakarta", "Presiden Santoso", "Budi Wulandari", "Rina Wulandari (Rina)", "Rina",
              "Budi Santoso (BS)", "BS", "Rina Santoso"]
    texts = _random_texts(pieces, [" ", ", ", ". ", " dan ", "\n"], 300, 11) + [FLOOD, BUSINESS, SPORT]
    found = [actors.mention_rows(text) for text in texts]
    monkeypatch.setattr(actors, "_overlapped", lambda *args: [])
    assert [actors.mention_rows(text) for text in texts] == found
    text = "Menteri Keuangan Budi Santoso tiba. Santoso berbicara."
    doc, p = actors._Words(text), actors._patterns("id")
    monkeypatch.undo()
    mentions = actors._select(actors._named(text, p, True, p["scan"].finditer(text, doc.runs), doc))
    assert [a["text"] for a in actors._aliases(text, mentions, p, doc)] == ["Santoso"]   # the second alone


def test_a_name_before_a_speech_verb_that_holds_a_country_is_an_organisation():
    found = tag_mentions("Direktur Sinar Malaysia mengatakan laba naik.")[["text", "kind", "how"]].values.tolist()
    assert found == [["Sinar Malaysia", "organization", "org pattern"]]
    near_miss = tag_mentions("Direktur Sinar Wijaya mengatakan laba naik.")[["text", "kind"]].values.tolist()
    assert near_miss == [["Sinar Wijaya", "person"]]
