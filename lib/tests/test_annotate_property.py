"""Any text the loader accepts goes through every stage and chart; every offset slices to its words."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import charts
from lib.annotate import annotate
from lib.curated import TIMEX_VALUE
from lib.errors import ArticleError
from lib.load import load_article
from lib.timeline import timeline_rows

WORDS = ("Presiden Joko Widodo Menteri Luar Negeri Retno Marsudi Kamis Minggu minggu Selasa (18/1/2022) (5/2) "
         "kemarin besok pekan lalu depan ini bulan tahun 2014 2.015 100.000 Rp5 awal akhir pertengahan yang sama "
         "sehari sebelumnya kemudian dua hari pukul 10.00 WIB malam pagi akan telah tidak jika kata mengatakan "
         "menurut berbicara dengan bertemu menolak setuju , . “ ” ( ) — Baca juga: Editor: Jakarta Rusia AS NATO "
         "Dewan Keamanan Nasional juru bicara Pejabat itu keduanya Kedua pemimpin tersebut 30/12/2021 10 Januari "
         "setiap selama 50 menit saat baru-baru $ é İ").split(" ") + ["\n"]


# remove the mark when lib/actors.py builds typed empty tables again: offsets and values are still checked
@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=80), dated=st.booleans())
def test_pipeline_never_breaks_offsets(tmp_path_factory, words, dated):
    path = tmp_path_factory.mktemp("pipeline") / "a.txt"
    path.write_text(" ".join(words), encoding="utf-8")
    try:
        article = load_article(path)
    except ArticleError:
        return                                     # empty text: refused with a message, tested elsewhere
    dct = "2022-01-19" if dated else None
    annotation = annotate(article, dct)
    timexes, mentions, events = annotation.timexes, annotation.mentions, annotation.events
    for frame in (timexes, mentions, events):
        for row in frame.itertuples():
            assert article.text[row.start:row.end] == row.text
    assert all(TIMEX_VALUE.fullmatch(value) for value in timexes.value), timexes.value.tolist()
    if dct:
        assert annotation.dct.value == dct
    timeline_rows(annotation)
    figures = [charts.presence(annotation), charts.quoted(annotation), charts.network(annotation),
               charts.timeline(annotation), charts.story_vs_time(annotation)]   # an unknown DCT: a figure saying so
    assert all(fig.axes for fig in figures)
    assert annotation.to_json()["text"] == article.text


# letters that a case-insensitive pattern reads as ASCII letters though str.lower() does not lower them to those
ODD_LETTERS = {"i": "İı", "s": "ſ", "k": "K"}
CUE_WORDS = ("hari ini", "Hari Ini", "nanti", "silam", "para penyidik", "hampir 2024", "sekitar 2023", "dua hari kemudian",
             "tiga bulan ke depan", "pada 2019 silam", "Senin (3/6/2024)", "kata Budi")


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(WORDS[:-1] + list(CUE_WORDS)), st.integers(0, 7)), min_size=1, max_size=40),
       dated=st.booleans())
def test_letters_read_as_ascii_ignoring_case_never_stop_an_article(tmp_path_factory, pieces, dated):
    """Words written with İ ı ſ K in place of i s k (as odd encodings and look-alike spam do) are annotated like
    any text: no stage stops on a table key such a word does not spell (``hari İni``, ``nantİ``, ``penyİdik``)."""
    def odd(word, choice):
        return "".join(ODD_LETTERS[c][choice % len(ODD_LETTERS[c])] if c in ODD_LETTERS and (choice + n) % 3 == 0 else c
                       for n, c in enumerate(word))

    path = tmp_path_factory.mktemp("odd") / "a.txt"
    path.write_text(" ".join(odd(word, choice) for word, choice in pieces) + ".", encoding="utf-8")
    annotation = annotate(load_article(path), "2024-06-05" if dated else None)
    for frame in (annotation.timexes, annotation.mentions, annotation.events):
        for row in frame.itertuples():
            assert annotation.article.text[row.start:row.end] == row.text
