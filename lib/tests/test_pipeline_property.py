"""Any text the loader accepts goes through every stage and chart; every offset slices to its words."""
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import charts
from lib.annotate import annotate_article
from lib.load import ArticleError, load_article
from lib.timeline import short_names, timeline_rows
from lib.timexes import TIMEX_VALUE

WORDS = ("Presiden Joko Widodo Menteri Luar Negeri Retno Marsudi Kamis Minggu minggu Selasa (18/1/2022) (5/2) "
         "kemarin besok pekan lalu depan ini bulan tahun 2014 2.015 100.000 Rp5 awal akhir pertengahan yang sama "
         "sehari sebelumnya kemudian dua hari pukul 10.00 WIB malam pagi akan telah tidak jika kata mengatakan "
         "menurut berbicara dengan bertemu menolak setuju , . “ ” ( ) — Baca juga: Editor: Jakarta Rusia AS NATO "
         "Dewan Keamanan Nasional juru bicara Pejabat itu keduanya Kedua pemimpin tersebut 30/12/2021 10 Januari "
         "setiap selama 50 menit saat baru-baru $ é İ").split(" ") + ["\n"]


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
    timexes, mentions, events = annotate_article(article, dct)
    for frame in (timexes, mentions, events):
        for row in frame.itertuples():
            assert article.text[row.start:row.end] == row.text
    assert all(TIMEX_VALUE.fullmatch(value) for value in timexes.value), timexes.value.tolist()
    names = short_names(mentions)
    rows = timeline_rows(events, mentions)
    figures = [charts.presence(mentions, article.paragraphs, names), charts.quoted(events, names),
               charts.network(mentions, events, names)]
    if dct:
        figures += [charts.timeline(rows, dct), charts.story_vs_time(rows, dct)]
    assert all(fig.axes for fig in figures)
