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
