"""Loading: faithful text, paragraphs, sentences, dateline, boilerplate, language, bad input."""
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lib.errors
import lib.load
import lib.text
from lib import SEED_ARTICLE
from lib.errors import ArticleError
from lib.load import detect_language, find_boilerplate, find_dateline, load_article, load_bytes, translation_artefacts
from lib.tables import table

SEED_SHA256 = "d961dce1ff5147accc116fe0b60efea1ac2ef0b4f494db7cede44489ffdb822b"


def write(tmp_path, data, name="a.txt"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_seed_is_byte_identical_copy():
    assert hashlib.sha256(SEED_ARTICLE.read_bytes()).hexdigest() == SEED_SHA256


def test_seed_loads_with_dateline_footer_and_metadata():
    article = load_article(SEED_ARTICLE)
    assert article.sha256 == SEED_SHA256
    assert len(article.text) == 4525
    assert article.language == "id"
    assert article.dateline["place"] == "Pantai Rehoboth, Del."
    assert article.text[article.dateline["start"]:article.dateline["end"]] == "Pantai Rehoboth, Del. —"
    assert article.boilerplate[["kind", "line"]].values.tolist() == [["spam_footer", 19]]
    assert article.boilerplate.text[0] == "Posted By : keluaran hongkong malam ini"
    assert (article.paragraphs.kind == "story").sum() == 18
    assert article.metadata["dct"] == "2021-12-29"
    # the footer is in no sentence, and the story text keeps offsets
    assert not article.sentences.text.str.contains("Posted By").any()
    assert len(article.story_text) == len(article.text)
    assert "Posted" not in article.story_text


def test_sentence_spans_are_the_sentences_table():
    article = load_article(SEED_ARTICLE)
    assert article.sentence_spans == list(zip(article.sentences.start, article.sentences.end))
    assert all(article.text[s:e] == t for (s, e), t in zip(article.sentence_spans, article.sentences.text))


def test_the_rows_hold_spans_and_the_tables_their_text():
    article = load_article(SEED_ARTICLE)
    for rows, frame in ((article.paragraph_rows, article.paragraphs), (article.sentence_rows, article.sentences)):
        assert not any("text" in row for row in rows)          # the text is not kept a second time
        assert frame.text.tolist() == [article.text[row["start"]:row["end"]] for row in rows]
        assert frame.drop(columns="text").to_dict("records") == rows


def test_translation_artefact_is_not_split():
    article = load_article(SEED_ARTICLE)
    assert article.sentences.text.str.startswith("Mereka setuju. namun,").any()
    assert article.sentences.text.str.contains("wartawan. pada panggilan").any()
    artefacts = translation_artefacts(article)
    assert {". namun", ". pada"} <= set(artefacts.text.str[:7])
    assert all(article.text[r.start:r.end] == r.text for r in artefacts.itertuples())


def test_article_error_lives_in_errors_and_is_still_importable_from_load():
    assert lib.load.ArticleError is lib.errors.ArticleError
    assert issubclass(ArticleError, ValueError)


@pytest.mark.parametrize("head, place, outlet", [
    ("Pantai Rehoboth, Del. — Presiden", "Pantai Rehoboth, Del.", None),
    ("Jakarta, Kompas.com — Harga", "Jakarta", "Kompas.com"),
    ("JAKARTA, KOMPAS.com - Harga", "JAKARTA", "KOMPAS.com"),
    ("Nusa Dua, Bali — Para menteri", "Nusa Dua, Bali", None),
    ("Padangsidimpuan (ANTARA) - Polisi", "Padangsidimpuan", "ANTARA"),
])
def test_dateline(head, place, outlet):
    found = find_dateline(head, 0)
    assert (found["place"], found["outlet"]) == (place, outlet)
    assert head[found["start"]:found["end"]] == found["text"]


@pytest.mark.parametrize("head", [
    "Presiden mengatakan bahwa harga naik.",
    "Harga naik - kata menteri - pekan ini.",
    "Menurut dia, rakyat menunggu.",
])
def test_no_dateline(head):
    assert find_dateline(head, 0) is None


@pytest.mark.parametrize("line, kind", [
    ("Posted By : keluaran hongkong malam ini", "spam_footer"),
    ("Baca juga: Harga cabai naik lagi", "related_link"),
    ("Baca: Polisi tangkap pencuri", "related_link"),
    ("Editor: Budi Santoso", "credit"),
    ("Pewarta: Andi", "credit"),
    ("Sumber: ANTARA", "credit"),
    ("COPYRIGHT © ANTARA 2022", "copyright"),
    ("Artikel ini telah tayang di Kompas.com dengan judul \"Harga Naik\"", "repost_notice"),
    ("Saksikan video pilihan berikut ini:", "video_placeholder"),
])
def test_boilerplate_line(line, kind):
    text = f"Harga beras naik di pasar.\n{line}\nPedagang mengeluh."
    found = find_boilerplate(text, "id")
    assert found[["kind", "text"]].values.tolist() == [[kind, line]]
    assert found.line[0] == 2


@pytest.mark.parametrize("fragment, kind", [
    ("(Baca juga: Harga cabai naik)", "related_link"),
    ("[Gambas:Video 20detik]", "video_placeholder"),
])
def test_boilerplate_inline(fragment, kind, tmp_path):
    text = f"Harga beras naik di pasar kemarin. {fragment} Pedagang mengeluh karena itu."
    article = load_article(write(tmp_path, text))
    assert article.boilerplate[["kind", "text"]].values.tolist() == [[kind, fragment]]
    assert not article.sentences.text.str.contains(fragment, regex=False).any()


@pytest.mark.parametrize("text", [
    "Sumber air di desa itu kering.",           # 'Sumber' as a word, not a credit line
    "Ia membaca juga buku sejarah.",
    "Editor majalah itu mengundurkan diri.",
])
def test_boilerplate_near_misses(text):
    assert find_boilerplate(text, "id").empty


BOILERPLATE_RULES = table("id", "load")["boilerplate"]


def test_every_boilerplate_rule_has_an_example():
    assert all(rule.get("example") for rule in BOILERPLATE_RULES), \
        [rule["kind"] + "/" + rule["scope"] for rule in BOILERPLATE_RULES if not rule.get("example")]


@pytest.mark.parametrize("rule", BOILERPLATE_RULES, ids=[f"{r['kind']}/{r['scope']}" for r in BOILERPLATE_RULES])
def test_every_boilerplate_example_is_marked_by_its_rule(rule):
    """The table's own example, alone and as a line between two story lines, is marked by that rule:
    a line rule marks the whole line, an inline rule a part of it."""
    example = rule["example"]
    for text in (example, f"Harga beras naik di pasar.\n{example}\nPedagang mengeluh."):
        found = find_boilerplate(text, "id")
        mine = found[found.rule == f"{rule['kind']}/{rule['scope']}"]
        assert len(mine), (text, found[["rule", "text"]].values.tolist())
        for row in mine.itertuples():
            assert text[row.start:row.end] == row.text and row.text in example
        if rule["scope"] == "line":
            assert mine.text.tolist() == [example.strip()]


def test_language_detection():
    assert detect_language("Presiden akan berbicara dengan para pemimpin yang hadir di sana pada hari ini.")[0] == "id"
    assert detect_language("The president said that he would speak with the leaders of the alliance.")[0] == "en"
    assert detect_language("Biden Putin NATO")[0] == "und"


def test_text_normalised(tmp_path):
    path = write(tmp_path, "\ufeffSatu baris.\r\nDua baris.\rTiga Cafe\u0301.".encode("utf-8"))
    article = load_article(path)
    assert article.text == "Satu baris.\nDua baris.\nTiga Caf\u00e9."
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"  \n\t \n", "empty"),
    (b"Teks\x00biner", "NUL byte at byte offset 4"),
    (b"Harga naik\nHarga caf\xe9 turun", "not UTF-8 at byte offset 20 (line 2"),
    (b"<!DOCTYPE html><html><body><p>Berita</p></body></html>", "HTML page"),
    (b"Judul\n<p>Isi berita</p>", "HTML page"),
])
def test_bad_input(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(ArticleError, match="a.txt") as err:
        load_article(path)
    assert message in str(err.value)


@pytest.mark.parametrize("data, message", [
    (b"Teks\x00biner", "NUL byte at byte offset 4"),
    (b"Harga naik\nHarga caf\xe9 turun", "not UTF-8 at byte offset 20 (line 2"),
    (b"<p>Isi berita</p>", "HTML page"),
])
def test_bad_bytes_name_what_the_caller_calls_them(data, message):
    with pytest.raises(ArticleError, match=r"^berita\.csv row 7: ") as err:
        load_bytes(data, "berita.csv row 7")
    assert message in str(err.value)


def test_bytes_load_as_their_file_does(tmp_path):
    data = SEED_ARTICLE.read_bytes()
    meta = SEED_ARTICLE.with_name(SEED_ARTICLE.stem + ".meta.json").read_bytes()
    from_file, from_bytes = load_article(SEED_ARTICLE), load_bytes(data, SEED_ARTICLE.name, meta)
    assert from_bytes.path.name == SEED_ARTICLE.name
    for field in ("text", "sha256", "language", "dateline", "metadata", "paragraph_rows", "sentence_rows",
                  "boilerplate_rows", "notes"):
        assert getattr(from_bytes, field) == getattr(from_file, field), field
    assert load_bytes(data, "x.txt").metadata is None
    with pytest.raises(ArticleError, match=r"^x\.meta\.json: not valid JSON"):
        load_bytes(data, "x.txt", b"{")


def test_missing_and_directory(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        load_article(tmp_path)


def test_english_article_loads_but_is_not_annotatable(tmp_path):
    path = write(tmp_path, "The president said that he would speak with the leaders of the alliance on Thursday.")
    article = load_article(path)
    assert article.language == "en"
    with pytest.raises(ArticleError, match="language 'en'") as err:
        article.check_annotatable()
    assert "lib/lang/en/" in str(err.value) and "annotated languages: id" in str(err.value)


ARTICLE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00<"),
    min_size=1, max_size=300,
).filter(lambda t: t.strip())


@settings(max_examples=150, deadline=None)
@given(body=st.lists(st.one_of(ARTICLE_TEXT, st.sampled_from([
    "Baca juga: Judul", "Mereka setuju. namun, lanjut.", "Jl. Sudirman No. 5.", "\r\n", "\n\n",
    "Editor: X", "(Baca juga: Y)", "Dr. A dan PT. B. Lalu pergi."])), min_size=1, max_size=6))
def test_offsets_always_slice_to_the_unit(tmp_path_factory, body):
    text = " ".join(body)
    if not text.strip():
        return
    path = tmp_path_factory.mktemp("prop") / "p.txt"
    path.write_bytes(text.encode("utf-8"))
    article = load_article(path)
    for frame in (article.paragraphs, article.sentences, article.boilerplate):
        for row in frame.itertuples():
            assert article.text[row.start:row.end] == row.text
            assert row.start < row.end
    spans = list(zip(article.sentences.start, article.sentences.end))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for row in article.sentences.itertuples():
        paragraph = article.paragraphs.iloc[row.paragraph]
        assert paragraph.start <= row.start and row.end <= paragraph.end


def _plain_boilerplate(text, lang="id"):
    """The plain definition: every rule run over the whole text, line rules first."""
    import re

    rows, occupied = [], bytearray(len(text) + 1)
    for scope in ("line", "inline"):
        for rule in table(lang, "load")["boilerplate"]:
            if rule["scope"] != scope:
                continue
            for m in re.finditer(rule["pattern"], text, re.MULTILINE):
                start, end = lib.text.trimmed(text, m.start(), m.end())
                if start < end and occupied.find(1, start, end) < 0:
                    occupied[start:end] = b"\x01" * (end - start)
                    rows.append((start, end, rule["kind"], f"{rule['kind']}/{scope}"))
    return sorted(rows)


def test_line_rules_tried_at_line_starts_find_what_the_whole_text_search_finds():
    import random

    rng = random.Random(3)
    pieces = [rule["example"] for rule in BOILERPLATE_RULES] + [
        "Harga beras naik di pasar.", "Editor majalah itu pergi.", "Baca juga", ":", " ", "  ", "\n", "\n\n", "\n \n",
        "ADVERTISEMENT", "xADVERTISEMENT", "-Halaman 2 dari 3", "Halaman 2 dari 3", "(Baca juga: X)"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(1500)]
    for text in texts:
        found = [(r["start"], r["end"], r["kind"], r["rule"]) for r in lib.load.boilerplate_rows(text, "id")]
        assert found == _plain_boilerplate(text), text


def test_no_boilerplate_pattern_starts_with_a_look_behind():
    """A pattern that starts with a look-behind is tried at every character; put the first letter before it
    (``A(?<![\\w-]A)DVERTISEMENT``: the same matches as ``(?<![\\w-])ADVERTISEMENT``)."""
    import re

    for rule in BOILERPLATE_RULES:
        assert not re.search(r"(?:^|\|)\(\?<", rule["pattern"]), rule["kind"]
    plain = re.compile(r"(?<![\w-])ADVERTISEMENT(?![\w-])|(?<![\w-])Halaman\s+\d+(?![\w-])")
    letter_first = re.compile(r"A(?<![\w-]A)DVERTISEMENT(?![\w-])|H(?<![\w-]H)alaman\s+\d+(?![\w-])")
    for text in ["ADVERTISEMENT", "xADVERTISEMENT", "-ADVERTISEMENT x", "a ADVERTISEMENTS", "Halaman 2", "(Halaman 3)",
                 "_Halaman 2", "BerHalaman 2", "Iklan\nADVERTISEMENT\nHalaman 4 dari 5"]:
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in letter_first.finditer(text)], text


# --------------------------------------------------------------------------- language: the letters, counted at once

def _detect_word_by_word(text):
    """The plain definition: each run of letters counted, capitalised words (``NATO``) left out."""
    from collections import Counter

    from lib.load import _LETTERS
    from lib.tables import languages

    tokens = Counter(word.lower() for word in _LETTERS.findall(text) if not (len(word) > 1 and word.isupper()))
    total = sum(tokens.values())
    counts = {code: sum(tokens[w] for w in table(code, "load")["function_words"]) for code in languages()}
    shares = {code: round(counts[code] / total, 4) if total else 0.0 for code in languages()}
    best = max(sorted(shares), key=lambda c: shares[c])
    return ("und" if counts[best] < 5 else best), shares


def test_the_letter_runs_are_those_of_the_letter_pattern():
    import random

    from lib.load import _LETTERS, letter_runs

    rng = random.Random(4)
    # digits, underscores, a no-break space, superscript two and a half (letters to the pattern), Arabic-Indic
    # three (a digit), a titlecase letter, é, a word joiner, quotation marks, a dash
    alphabet = "ab Z1_\xa0\t\n²½٣ǅé\u2060“”—.-'"
    texts = ["", "Harga naik 10% di Jakarta_Timur.", "Menteri² ½ harga, ٣ hari"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    for text in texts:
        assert letter_runs(text) == _LETTERS.findall(text), text


@pytest.mark.parametrize("text", [
    "Presiden akan berbicara dengan para pemimpin yang hadir di sana pada hari ini.",
    "YANG DAN DI KE DARI untuk dengan ini itu pada",          # capitals are left out: a near miss
    "The president said that he would speak with the leaders of the alliance and the people.",
    "Yang dan Di ke DARI Untuk dengan INI itu pada, kata Budi kepada AS dan NATO.",
    "Biden Putin NATO", "", "123 456", "ΟΔΟΣ Ὀδυσσεύς İstanbul YANG yang dan di ke dari untuk",
])
def test_the_language_counted_at_once_is_that_counted_word_by_word(text, monkeypatch):
    assert detect_language(text) == _detect_word_by_word(text)
    import lib.load
    monkeypatch.setattr(lib.load, "_PIECE", 3)      # a long text's words are counted a piece at a time: the same
    assert detect_language(text) == _detect_word_by_word(text)


def test_a_text_is_cut_into_pieces_at_spaces_only():
    from lib.load import _pieces_at_spaces
    text = "dan  yang di ke   dari"
    for size in range(1, 25):
        pieces = list(_pieces_at_spaces(text, size))
        assert "".join(pieces) == text
        assert all(piece[:1] == " " for piece in pieces[1:])          # each cut made at a space, no word split
        assert [word for piece in pieces for word in piece.split()] == text.split()
    assert list(_pieces_at_spaces("", 4)) == [] and list(_pieces_at_spaces("tanpa", 2)) == ["tanpa"]


# --------------------------------------------------------------------------- boilerplate: a rule only where it can match

def test_a_boilerplate_rule_is_searched_only_in_a_text_holding_what_it_needs(monkeypatch):
    """Every match of a rule holds one of its ``needs``, so skipping the texts without them finds the same rows."""
    import random

    import lib.load
    from lib.load import _boilerplate_rules, boilerplate_rows

    rules = _boilerplate_rules("id")
    assert all(needs for _, _, _, needs in rules)
    rng = random.Random(7)
    pieces = [rule["example"] for rule, _, _, _ in rules] + [
        "Harga naik.", "Baca", "BACA", ":", "\n", " ", "(", ")", "[", "]", "/", "Video", "VIDEO", "Halaman 2 dari 3",
        "Editor", "Sumber:", "© 2024", "var x = 1", "juga", "Juga", "Simak", "Pilihan Redaksi", "abc/def"]
    texts = ["Harga naik.\nbaca juga: harga turun", "Editor Budi\nHak cipta 2024"]      # near misses
    texts += ["".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 10)))
              for _ in range(600)]
    for text in texts:
        for rule, regex, _, needs in rules:
            for m in regex.finditer(text):
                assert any(need in m.group() for need in needs), (rule["kind"], m.group())
    found = [boilerplate_rows(text, "id") for text in texts]
    plain = [(rule, regex, at_line_starts, ()) for rule, regex, at_line_starts, _ in rules]
    monkeypatch.setattr(lib.load, "_boilerplate_rules", lambda lang: plain)
    assert [boilerplate_rows(text, "id") for text in texts] == found
    assert found[0] == found[1] == []


def test_the_language_shares_are_those_of_the_words_lowercased_one_by_one():
    import random

    from lib.load import _any_function_word, _function_words, detect_language, letter_runs
    from lib.tables import languages

    def plain(text):                         # each word lowercased on its own
        words = letter_runs(text)
        caps = [w for w in words if w.isupper() and len(w) > 1]
        found = [w.lower() for w in words if w.lower() in _any_function_word(tuple(languages()))]
        counts = {code: sum(w in _function_words(code) for w in found)
                  - sum(w.lower() in _function_words(code) for w in caps) for code in languages()}
        total = len(words) - len(caps)
        shares = {code: round(n / total, 4) if total else 0.0 for code, n in counts.items()}
        best = max(sorted(shares), key=lambda c: shares[c])
        return ("und" if counts[best] < 5 else best), shares

    rng = random.Random(3)
    pieces = ["yang", "Yang", "YANG", "dan", "di", "DI", "the", "The", "of", "a", "A", "İni", "ıtu", "ſaja", "Kita",
              "ΟΔΟΣ", "Σ", "ǅ", "Budi", "2024", "-", ".", "“", " ", "\n", "é"]
    texts = ["Presiden akan berbicara dengan para pemimpin yang hadir di sana.", "", "ΟΔΟΣ Σ ΣΑ"]
    texts += ["".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 40)))
              for _ in range(1500)]
    for text in texts:
        assert detect_language(text) == plain(text), text


@pytest.mark.parametrize("spans, story", [
    ([], "Kabar baru.\nIklan di sini\nBaca juga: x"),
    ([(12, 25)], "Kabar baru.\n             \nBaca juga: x"),
    ([(12, 38)], "Kabar baru.\n             \n            "),      # a newline inside stays
    ([(26, 38), (12, 25)], "Kabar baru.\n             \n            "),   # rows in any order
    ([(12, 30), (20, 38)], "Kabar baru.\n             \n            "),   # overlapping rows
])
def test_the_story_text_blanks_the_boilerplate_and_keeps_lines_and_offsets(spans, story):
    text = "Kabar baru.\nIklan di sini\nBaca juga: x"
    article = lib.load.Article(path=SEED_ARTICLE, text=text, sha256="", language="id", language_shares={},
                               paragraph_rows=[], sentence_rows=[], dateline=None,
                               boilerplate_rows=[{"start": s, "end": e} for s, e in spans])
    assert article.story_text == story and len(article.story_text) == len(text)
    assert (article.story_text is text) == (not spans)                  # no boilerplate: no second copy


def test_a_long_texts_paragraphs_and_sentences_are_kept_as_columns_and_read_the_same(monkeypatch):
    import pandas as pd
    import lib.load
    from lib.tables import ColumnRows
    plain = load_article(SEED_ARTICLE)
    assert type(plain.sentence_rows) is list and len(plain.sentence_rows) <= lib.load.AS_COLUMNS
    monkeypatch.setattr(lib.load, "AS_COLUMNS", len(plain.sentence_rows) - 1)     # one sentence more than allowed
    kept = load_article(SEED_ARTICLE)
    assert isinstance(kept.sentence_rows, ColumnRows) and isinstance(kept.paragraph_rows, ColumnRows)
    assert list(kept.sentence_rows) == plain.sentence_rows and list(kept.paragraph_rows) == plain.paragraph_rows
    assert kept.sentence_rows[3:9] == plain.sentence_rows[3:9] and kept.sentence_spans == plain.sentence_spans
    pd.testing.assert_frame_equal(kept.sentences, plain.sentences)
    pd.testing.assert_frame_equal(kept.paragraphs, plain.paragraphs)
