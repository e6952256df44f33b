"""Text units: trimmed spans, paragraphs (lines) and sentences, with the splitter's two fixes."""
import pytest

from lib.text import abbreviations, find_paragraphs, split_sentences, text_sentences, trimmed


@pytest.mark.parametrize("text", [
    "Kantornya di Jl. Sudirman No. 5 Jakarta.",
    "Ia bekerja di PT. Maju Jaya sejak lama.",
    "Pasien diperiksa Dr. Budi di rumah sakit.",
    "Surat itu ditujukan a.n. kepala desa.",
    "Pantai Rehoboth, Del. — Presiden berbicara.",
    "Mereka setuju. namun, pembicaraan ditunda.",
])
def test_sentence_kept_together(text):
    assert split_sentences(text, 0, len(text), "id") == [(0, len(text))]


@pytest.mark.parametrize("text, count", [
    ("Ia datang. Mereka pergi.", 2),
    ("Ia bekerja di PT. Maju. Dia senang.", 2),
    ("Harga naik. “Kami kecewa,” katanya.", 2),
])
def test_sentence_split(text, count):
    assert len(split_sentences(text, 0, len(text), "id")) == count


def test_trimmed_leaves_out_surrounding_whitespace():
    text = "  \tHarga naik. \n"
    start, end = trimmed(text, 0, len(text))
    assert text[start:end] == "Harga naik."
    assert trimmed("   ", 0, 3)[0] == trimmed("   ", 0, 3)[1]          # all blank: an empty span


def test_paragraphs_are_non_empty_lines_trimmed():
    text = "  Satu baris. \n\n   \nDua baris.\n"
    spans = find_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["Satu baris.", "Dua baris."]


def test_text_sentences_split_paragraph_by_paragraph():
    text = "Ia datang. Mereka pergi.\nHarga naik"
    spans = text_sentences(text, "id")
    assert [text[s:e] for s, e in spans] == ["Ia datang.", "Mereka pergi.", "Harga naik"]


def test_abbreviations_come_from_the_load_table():
    assert {"Jl.", "PT.", "a.n."} <= abbreviations("id")
    assert abbreviations("und") == abbreviations("id")          # an undecided language reads as Indonesian


def test_glued_sentences_are_cut_where_the_plain_zero_width_pattern_cuts():
    """The glue pattern starts with the full stop (so that it is searched by it) and cuts at its end: the same
    places as the zero-width definition, also where a stop stands just before the sentence."""
    import random
    import re

    from lib.text import _unglue

    plain = re.compile(r"(?<=[a-z0-9)]\.)(?=[\"“]?[A-Z])|(?<=[a-z0-9)]\.”)(?=[A-Z])")
    known = abbreviations("id")

    def plain_unglue(text, start, end):
        pieces, left = [], start
        for m in plain.finditer(text, start, end):
            word = text[text.rfind(" ", left, m.start()) + 1:m.start()].lstrip("\"“(")
            if word.rstrip("\"”") in known or re.fullmatch(r"(?:[A-Z]\.)+[\"”]?", word):
                continue
            pieces.append((left, m.start()))
            left = m.start()
        pieces.append((left, end))
        return [trimmed(text, s, e) for s, e in pieces if trimmed(text, s, e)[0] < trimmed(text, s, e)[1]]

    rng = random.Random(4)
    texts = ["Harga naik di tengah.Sehingga warga kecewa.", 'Ia tiba 2025."Kami siap," katanya.', "kata dia.”Kami",
             "Ia di Jl.Sudirman.", "Oleh A.B.Cahyo hari ini."]
    texts += ["".join(rng.choice("aA.”\"“ )1Jl") for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        for start in range(len(text) + 1):
            end = rng.randint(start, len(text))
            assert _unglue(text, start, end, known) == plain_unglue(text, start, end), (text, start, end)


def _quotations_line_by_line(text):
    """The plain definition: each line's quotation marks found on the line and paired in turn."""
    import re

    from lib.text import MAX_QUOTE, QUOTE_MARK

    spans = []
    for line in re.finditer(r"[^\n]+", text):
        marks = [m.start() for m in QUOTE_MARK.finditer(line.group())]
        spans += [(line.start() + a, line.start() + b + 1) for a, b in zip(marks[0::2], marks[1::2])
                  if b - a <= MAX_QUOTE]
    return spans


def test_quotations_of_one_search_are_those_of_each_line():
    import random

    from lib.text import quotations

    rng = random.Random(5)
    pieces = ["Kami siap", " kata Budi", ", ", ".", '"', "\u201c", "\u201d", "\u201e", "\n", "\n\n", "Harga naik"]
    texts = ['"Kami siap," kata Budi.\n\u201dTidak benar,\u201c ujarnya. "Belum', "", "\n", '"', '\n"a"\n"b',
             '"' + "x" * 3001 + '"', '"' + "x" * 2999 + '"']
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(3000)]
    for text in texts:
        assert quotations(text) == _quotations_line_by_line(text), text
    # near miss: marks on two lines are no quotation
    assert quotations('Ia berkata "kami\nsiap" lalu pergi.') == []


def test_quotations_of_some_lines_are_those_of_the_whole_text_on_them():
    import random

    from lib.text import quotations

    rng = random.Random(7)
    pieces = ["Kami siap", " kata Budi", ", ", '"', "\u201c", "\u201d", "\n", "\n\n"]
    for text in ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(2000)]:
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        ends = [i for i, c in enumerate(text) if c == "\n"] + [len(text)]
        a, b = sorted(rng.sample(range(len(starts)), 2) if len(starts) > 1 else [0, 0])
        assert quotations(text, starts[a], ends[b]) == [q for q in quotations(text) if starts[a] <= q[0] < ends[b]], text
    # near miss: a mark of the line after the stretch pairs with none of it
    assert quotations('"Kami siap,\n" kata Budi."', 0, 11) == []


def test_a_stretch_with_no_glued_stop_is_split_as_each_sentence_unglued(monkeypatch):
    """A stretch with no full stop glued to a sentence skips the search in each sentence: the same sentences."""
    import random

    import lib.text

    class EverySentence:                         # the plain definition: each sentence searched for glued stops
        def search(self, *args):
            return True

        def finditer(self, *args):
            return glued.finditer(*args)

    glued = lib.text._GLUED
    rng = random.Random(9)
    pieces = ["Harga naik", ".", ". ", "tengah.Sehingga", '2025."Kami', "siap.”Ia", "Jl.", " PT.", "A.B.", " namun",
              " Budi", "\u201c", "?", " "]
    texts = ["Harga naik. Ia pergi.", "Warga berkumpul di tengah.Sehingga jalan macet. Polisi datang.",
             "Kantornya di Jl.Sudirman. Ia pergi.", ""]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(400)]
    for text in texts:
        fast = split_sentences(text, 0, len(text), "id")
        monkeypatch.setattr(lib.text, "_GLUED", EverySentence())
        assert split_sentences(text, 0, len(text), "id") == fast, text
        monkeypatch.setattr(lib.text, "_GLUED", glued)


def test_the_letters_that_fold_to_ascii_are_known():
    import re

    from lib.tables import FOLDS_TO_ASCII
    from lib.text import lowered

    letters = "".join(chr(c) for c in range(0x80, 0x30000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall("(?i)[a-z]", letters)) <= set(FOLDS_TO_ASCII)
    # near misses: a letter that folds only case-insensitively, or changes length, leaves the plain search
    assert lowered("ſore ini") is None and lowered("İni") is None and lowered("Sore ini") == "sore ini"


def test_a_word_search_finds_what_its_pattern_finds():
    import random
    import re

    from lib.text import WordSearch, lowered

    words = ["sore ini", "hari ini", "kata", "ujar", "kepada"]
    search = WordSearch.of(r"(?<![\w-])(?:sore\s+ini|hari\s+ini|kata|ujar|kepada)(?:nya)?(?![\w-])[^.!?]*$", words)
    rng = random.Random(2)
    pieces = words + ["nya", "-", ".", " ", "\n", "ſ", "ı", "İ", "K", "Budi", "KATA", "Sore  Ini"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for a, b in ((0, len(text)), (len(text) // 3, len(text) - 1), (2, len(text) // 2)):
            plain = [m.span() for m in search.regex.finditer(text, a, max(a, b))]
            assert [m.span() for m in search.finditer(text, lowered(text), a, max(a, b))] == plain, text
            assert (search.search(text, lowered(text), a, max(a, b)) or re.match("", "")).span() == \
                (search.regex.search(text, a, max(a, b)) or re.match("", "")).span(), text


def test_the_characters_outside_ascii_are_those_the_plain_pattern_finds():
    import random
    import re

    from lib.text import non_ascii

    rng = random.Random(11)
    sentences = ["Warga İstanbul tiba di Jakarta “kemarin” pukul 10.00 WIB.", "Harga naik 5 persen — kata ıbu Ani.",
                 "Ia membeli ſtroberi 2 K di pasar ²", ""]
    texts = sentences + ["".join(rng.choice("ab1 .\n“”é—İıſK²€😀\x7f\x80ÿ\ud800") for _ in range(rng.randint(0, 20)))
                         for _ in range(5000)]
    for text in texts:
        assert non_ascii(text) == set(re.findall(r"[^\x00-\x7f]", text)), text


def test_the_places_of_a_word_search_are_where_the_alternation_of_its_words_matches():
    import random
    import re

    from lib.tables import alternation
    from lib.text import _leads

    def plain(words, lower, pos, end):                  # the alternation searched again after each place it matches
        lead, found = re.compile(alternation(words)), []
        while (m := lead.search(lower, pos, end)) is not None:
            found.append(m.start())
            pos = m.start() + 1
        return found

    rng = random.Random(5)
    word_sets = [("kata",), ("hari", "pagi", "sore", "tadi"), ("dari", "kepada", "dirangkum", "rangkum", "ke", "k"),
                 ("a.b", "(c)", "-an")]
    pieces = ["kata", "katakata", "hari", "ini", "dari", "kepada", "rangkum", "dirangkum", "a.b", "axb", "(c)", "-an",
              " ", "  ", "\n", "“", "ı", "ſ", "k", "ke", "é", "😀"]
    texts = ["kepada wartawan dari kantor, dirangkum sore tadi", ""]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(2000)]
    for text in texts:
        for words in word_sets:
            for pos, end in ((0, len(text)), (len(text) // 3, len(text) - 2), (3, len(text) // 2)):
                assert _leads(words, text, pos, end) == plain(words, text, pos, end), (words, text, pos, end)


def test_lowering_as_matched_keeps_every_character_one_character():
    """The time scan reads the words of the lowered text at the text's offsets."""
    from lib.text import lower_as_matched
    changed = [hex(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000 and len(lower_as_matched(chr(i))) != 1]
    assert changed == [] and len("İ".lower()) == 2          # str.lower alone would not


@pytest.mark.parametrize("pos, end", [(0, 5), (3, 5), (5, 5), (6, 11), (10, 11), (11, 11)])
def test_end_of_line_is_the_newline_or_the_end_of_the_text(pos, end):
    from lib.text import end_of_line
    assert end_of_line("Senin\nRabu.", pos) == end


def test_blanked_makes_the_breaks_spaces_as_replacing_each_one_does():
    import random

    import pytest

    from lib.text import blanked

    def plain(text, ascii_breaks, in_run):                 # each break replaced in turn
        for c in ascii_breaks:
            text = text.replace(c, " ")
        return "".join(c if c.isascii() or in_run(c) else " " for c in text)

    def in_run(c):
        return c.isalnum() or c == "_"

    breaks = tuple(c for c in map(chr, range(128)) if not c.isalnum() and c not in "_ ")
    rng = random.Random(5)
    sentences = ["Warga İstanbul tiba “kemarin”, pukul 10.00 WIB (kata Ani).", "Harga naik 5% — kata ıbu\u00a0Ani.", ""]
    texts = sentences + ["".join(rng.choice("ab1 .,\n\t“”é—İıſK²€😀\x7f\x80ÿ\u00a0\ud800-_") for _ in range(rng.randint(0, 20)))
                         for _ in range(3000)]
    for text in texts:
        assert blanked(text, breaks, in_run) == plain(text, breaks, in_run), text
    assert blanked("Rapat, 2024.", (",",), in_run) == "Rapat  2024."            # near miss: the full stop is no break
    with pytest.raises(ValueError):
        blanked("Rapat é", ("é",), in_run)                                        # a break must be ASCII
