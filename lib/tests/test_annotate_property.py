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
