"""The article's date: given, curated, or weighed from the text's own dated clues (lib/dct.py's rules)."""
from datetime import date

import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.dct import EARLIEST, LATEST, Dct, infer_dct, infer_from_text, parse_dct, resolve_dct
from lib.text import quotations
from lib.errors import ArticleError
from lib.load import load_article
from lib.text import text_sentences
from lib.timexes import find_timexes, resolve


def infer(text: str, lang: str = "id") -> Dct:
    """The DCT inferred from bare text, as :func:`lib.annotate.annotate` infers it from an article's story text."""
    sentences = text_sentences(text, lang)
    return infer_dct(resolve(find_timexes(text, lang), None, sentences), lang, sentences, text)


def cited(dct: Dct) -> list[str]:
    return [e["text"] for e in dct.evidence]


def write(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the DCT a user sets

def test_parse_dct():
    assert parse_dct("2021-12-29") == date(2021, 12, 29)
    assert parse_dct(date(2022, 1, 19)) == date(2022, 1, 19)
    assert (parse_dct("1900-01-01"), parse_dct("2199-12-31")) == (EARLIEST, LATEST)


@pytest.mark.parametrize("setting", ["DCT", "--dct"])
@pytest.mark.parametrize("value, message", [
    ("29-12-2021", "expected a date YYYY-MM-DD, got '29-12-2021'"),
    ("2021-12-29 ", "expected a date YYYY-MM-DD"),
    (20211229, "expected a date YYYY-MM-DD, got 20211229"),
    ("2021-02-30", "'2021-02-30' is not a real date"),
    ("1899-12-31", "1899-12-31 is outside the dates the workbook resolves (1900-01-01 to 2199-12-31)"),
    ("2200-01-01", "2200-01-01 is outside the dates the workbook resolves"),
    (date(1800, 1, 1), "1800-01-01 is outside the dates the workbook resolves"),
])
def test_bad_dct_is_refused_naming_the_setting(setting, value, message):
    with pytest.raises(ArticleError) as err:
        parse_dct(value, setting)
    assert str(err.value).startswith(f"{setting}: ") and message in str(err.value)


def test_resolve_dct_order():
    def never():
        raise AssertionError("inferred although the DCT was given")

    meta = {"dct": "2021-12-29"}
    given = resolve_dct("2022-01-05", meta, never)
    assert (given.day, given.source, given.evidence) == (date(2022, 1, 5), "argument", ())
    curated = resolve_dct(None, meta, never, meta_file="a.meta.json")
    assert (curated.value, curated.source) == ("2021-12-29", "metadata")
    assert curated.evidence == ({"file": "a.meta.json", "field": "dct"},)
    unknown = Dct(None, "unknown", note="x")
    assert resolve_dct(None, None, lambda: unknown) is unknown
    with pytest.raises(ArticleError, match=r"^a.meta.json: field 'dct': 1850-01-01 is outside"):
        resolve_dct(None, {"dct": "1850-01-01"}, never, meta_file="a.meta.json")
    with pytest.raises(ArticleError, match=r"^--dct: "):
        resolve_dct("2022/01/05", meta, never, "--dct")


def test_resolve_dct_order_through_annotate(tmp_path):
    article = load_article(SEED_ARTICLE)
    assert annotate(article, "2022-01-05").dct.source == "argument"
    assert annotate(article).dct.source == "metadata"
    inferred = annotate(write(tmp_path, "Jakarta - Harga naik pada Selasa (18/1/2022) di pasar.", "b.txt")).dct
    assert (inferred.source, inferred.value) == ("inferred", "2022-01-18")
    assert annotate(write(tmp_path, "Harga naik di pasar dan warga mengeluh.", "c.txt")).dct.source == "unknown"


def test_dct_value_and_json():
    dct = Dct(date(2021, 12, 29), "argument")
    assert dct.value == "2021-12-29" and Dct(None, "unknown").value is None
    assert dct.to_json() == {"value": "2021-12-29", "source": "argument", "evidence": []}
    inferred = Dct(date(2022, 1, 18), "inferred", "low", date(2022, 1, 18), date(2022, 1, 20),
                   ({"start": 0, "end": 5, "text": "x", "why": "y"},), "a note")
    assert inferred.to_json() == {"value": "2022-01-18", "source": "inferred", "confidence": "low", "note": "a note",
                                  "range_start": "2022-01-18", "range_end": "2022-01-20",
                                  "evidence": [{"start": 0, "end": 5, "text": "x", "why": "y"}]}
    with pytest.raises(AttributeError):
        dct.day = None                                          # frozen


# --------------------------------------------------------------------------- inference: the ported cases

def test_dct_inferred_from_weekday_date():
    text = ("Surabaya, Kompas.com - Presiden Joko Widodo meresmikan jalan tol pada Selasa (18/1/2022).\n"
            "Peresmian itu dihadiri para menteri.")
    inferred = infer(text)
    assert inferred.value == "2022-01-18"
    assert inferred.evidence[0]["text"] == "Selasa (18/1/2022)"
    assert text[inferred.evidence[0]["start"]:inferred.evidence[0]["end"]] == "Selasa (18/1/2022)"


def test_dct_pinned_by_hari_ini():
    inferred = infer("Jakarta (ANTARA) - Harga cabai turun hari ini, Kamis (20/1/2022), di pasar induk.")
    assert (inferred.value, inferred.confidence) == ("2022-01-20", "high")


def test_dct_pinned_by_kemarin():
    inferred = infer("Polisi menangkap pelaku kemarin, Rabu (19/1/2022), di Bekasi.")
    assert inferred.value == "2022-01-20"


def test_dct_bounded_by_future_date_and_weekdays():
    text = ("Bandung - Gubernur meninjau banjir pada Senin (17/1/2022). Ia akan kembali pada Kamis (20/1/2022).\n"
            "Warga mengungsi sejak Selasa.")
    inferred = infer(text)
    assert inferred.range_start >= date(2022, 1, 17) and inferred.range_end <= date(2022, 1, 20)


def test_dct_of_seed_text_is_not_invented():
    article = load_article(SEED_ARTICLE)
    found = find_timexes(article.story_text, article.lang)
    inferred = infer_dct(resolve(found, None, article.sentence_spans), article.lang, article.sentence_spans,
                         article.story_text)
    assert inferred.value is None and inferred.source == "unknown"
    assert inferred.weekdays == (3,)            # a future Kamis and a past Rabu: the DCT is a Wednesday
    assert "Wednesday" in inferred.note and "date unknown" in inferred.note
    assert {"Kamis", "hari Rabu"} <= set(cited(inferred))


# --------------------------------------------------------------------------- inference: one test per rule

def test_news_form_gives_its_own_day():
    inferred = infer("Polisi menangkap pelaku pada Jumat (20/6/2025).")
    assert inferred.day == date(2025, 6, 20) and inferred.source == "inferred"
    assert inferred.range_start == date(2025, 6, 20)
    assert inferred.range_end <= date(2025, 6, 22)               # that day, or the day after at most
    assert cited(inferred) == ["Jumat (20/6/2025)"]


def test_news_form_with_a_time_of_day_gives_its_own_day():
    inferred = infer("Polisi menangkap pelaku pada Jumat (20/6/2025) malam.")
    assert inferred.day == date(2025, 6, 20)


@pytest.mark.parametrize("text, day", [
    ("Harga cabai turun hari ini, 20 Januari 2022, di pasar induk.", date(2022, 1, 20)),
    ("Polisi menangkap pelaku kemarin, 19 Januari 2022, di Bekasi.", date(2022, 1, 20)),
    ("Besok, 21 Januari 2022, pasar tutup.", date(2022, 1, 20)),
    ("Besok, Jumat (21/1/2022), pasar tutup.", date(2022, 1, 20)),
])
def test_a_relative_day_next_to_a_full_date_pins_the_day(text, day):
    inferred = infer(text)
    assert inferred.day == day
    assert any(e["why"].startswith("a relative day") for e in inferred.evidence)


def test_a_pin_makes_the_day_certain():
    loose = infer("Harga cabai turun, Kamis (20/1/2022), di pasar induk.")
    pinned = infer("Harga cabai turun hari ini, Kamis (20/1/2022), di pasar induk.")
    assert loose.day == pinned.day == date(2022, 1, 20)
    assert (pinned.confidence, pinned.range_start, pinned.range_end) == ("high", date(2022, 1, 20), date(2022, 1, 21))
    assert loose.confidence != "high" and loose.range_end > pinned.range_end


def test_a_pin_wins_over_an_earlier_news_date():
    inferred = infer("Polisi menangkap pelaku pada Senin (17/1/2022). Harga cabai turun hari ini, Kamis (20/1/2022).")
    assert (inferred.day, inferred.confidence) == (date(2022, 1, 20), "high")


def test_the_dct_is_on_or_after_the_latest_past_date():
    inferred = infer("Banjir melanda pada 3 Januari 2022. Polisi menangkap pelaku pada 10 Januari 2022.")
    assert inferred.day is None or inferred.day >= date(2022, 1, 10)
    assert inferred.range_start is None or inferred.range_start >= date(2022, 1, 10)
    if inferred.day is None:                    # event dates alone: the day is open, the bound is said
        assert "on or after 2022-01-10" in inferred.note
    assert "10 Januari 2022" in cited(inferred)


def test_a_later_date_without_its_weekday_does_not_outvote_the_news_day():
    # news names many dates of events, forecasts and schedules without a tense word; the report's own
    # day is the one written with its weekday (lib/dct.py, calibrated on the development set)
    inferred = infer("Polisi menangkap pelaku pada Senin (17/1/2022). Banjir diprediksi melanda 18 Januari 2022.")
    assert inferred.day == date(2022, 1, 17) and inferred.confidence == "low"
    assert "18 Januari 2022" in cited(inferred)


def test_a_future_tense_date_is_not_the_dct():
    inferred = infer("Presiden akan datang ke Jakarta pada Selasa (13/2/2024).")
    assert inferred.day is None or inferred.day <= date(2024, 2, 13)
    assert any(e["why"].startswith("a future-tense date") for e in inferred.evidence)


def test_a_future_tense_date_bounds_the_dct_from_above():
    inferred = infer("Polisi menangkap pelaku pada Senin (17/1/2022). Bantuan akan tiba pada 17 Januari 2022.")
    assert inferred.day == date(2022, 1, 17)
    assert inferred.range_end <= date(2022, 1, 18)


def test_a_date_after_a_reporting_phrase_is_the_reporting_day():
    text = "Presiden akan datang ke Jakarta, kata Ari, Selasa (13/2/2024)."
    assert infer(text).day == date(2024, 2, 13)
    sentences = text_sentences(text, "id")
    without_text = infer_dct(resolve(find_timexes(text), None, sentences), "id", sentences)
    assert without_text.day is None                 # without the text the reporting phrase is not seen


@pytest.mark.parametrize("text, old", [
    ("Banjir melanda pada 10 Januari 2022. Pada 3 Maret 2015 banjir serupa terjadi.", "3 Maret 2015"),
    ("Banjir melanda pada 10 Januari 2022. Rusia akan mengulang serangan seperti pada 3 Maret 2014.", "3 Maret 2014"),
    ("Polisi menangkap pelaku pada Senin (17/1/2022). Rusia menyerang pada Senin (3/3/2014).", "Senin (3/3/2014)"),
])
def test_an_old_date_far_from_the_others_is_not_a_candidate(text, old):
    inferred = infer(text)
    why = {e["text"]: e["why"] for e in inferred.evidence}
    assert "not a candidate" in why[old]
    assert inferred.day is None or inferred.day >= date(2022, 1, 10)
    assert "2014" not in (inferred.note or "") and "2015" not in (inferred.note or "")


def test_an_old_date_named_twice_is_still_not_a_candidate():
    inferred = infer("Banjir melanda pada 10 Januari 2022. Pada 3 Maret 2015 banjir serupa terjadi, "
                     "dan pada 3 Maret 2015 pula jalan ditutup.")
    assert "not a candidate" in {e["text"]: e["why"] for e in inferred.evidence}["3 Maret 2015"]


@pytest.mark.parametrize("text, what", [
    ("Harga naik di pasar dan warga mengeluh.", "nothing in it bounds the DCT"),
    ("Menteri akan datang Kamis. Rapat digelar hari Rabu.", "the DCT is a Wednesday, date unknown"),
])
def test_no_full_date_gives_no_day_and_a_note(text, what):
    inferred = infer(text)
    assert (inferred.day, inferred.value, inferred.source) == (None, None, "unknown")
    assert inferred.range_start is None and inferred.range_end is None
    assert inferred.note.startswith("the text gives no full date") and what in inferred.note


def test_weekdays_that_clash_with_the_dates_do_not_overrule_them():
    # a past Jumat and a future Sabtu allow only a Friday; the news date is a Monday
    inferred = infer("Polisi menangkap pelaku pada Senin (17/1/2022). Ia akan diadili Sabtu. Saksi datang Jumat.")
    assert inferred.day is not None and date(2022, 1, 17) <= inferred.day <= date(2022, 1, 18)


def test_weekdays_choose_among_the_days_the_dates_allow():
    # a past Selasa and a future Rabu allow only a Tuesday: of the news date's day and the next, the Tuesday
    inferred = infer("Polisi menangkap pelaku pada Senin (17/1/2022). Ia akan diadili Rabu. Saksi datang Selasa.")
    assert inferred.day == date(2022, 1, 18)


# --------------------------------------------------------------------------- quotations, tense scope, reporting

def test_quotations_pair_a_lines_marks_whatever_their_shape():
    text = ('”Tidak benar,“ kata Ari, Jumat (14/11/2025). "Kami siap.” ujar Budi.\n'
            '"Kalimat ini tidak ditutup, kata Citra.')
    assert [text[s:e] for s, e in quotations(text)] == ['”Tidak benar,“', '"Kami siap.”']


@pytest.mark.parametrize("text", [
    # an outlet that opens with the closing mark: the date after the quotation is the report's
    "”Tidak benar aturan itu dicabut,“ kata Suryadi saat dihubungi pada Jumat, 14 November 2025. "
    "Rapat digelar pada Kamis, 13 November 2025.",
    # a scraper that mixes a straight opening mark with a curly closing one
    '"Persiapannya belum selesai.” ujar Budi di Bandung, Jumat, 14 November 2025. '
    'Rapat digelar pada Kamis, 13 November 2025.',
])
def test_a_date_after_a_mismatched_quotation_is_the_reports_day(text):
    inferred = infer(text)
    assert inferred.day == date(2025, 11, 14)
    assert "Jumat, 14 November 2025" in cited(inferred)


def test_a_date_inside_a_quotation_stays_someone_elses():
    inferred = infer('"Kami sudah siap, Jumat, 14 November 2025, kami datang,” kata Ari. '
                     'Rapat digelar pada Kamis, 13 November 2025.')
    assert inferred.day == date(2025, 11, 13)


def test_a_future_cue_inside_a_quotation_does_not_make_the_report_future():
    text = ('"Saya akan menang dalam kongres," ujar Rudi dalam sebuah seminar tentang koperasi '
            'di Kebayoran, Depok, Kamis (25/2/2016).')
    assert infer(text).day == date(2016, 2, 25)
    # near miss: the cue is the narrator's own, in the date's clause
    near = infer("Rudi akan berbicara dalam seminar di Kebayoran, Depok, Kamis (25/2/2016).")
    assert near.day is None
    assert any(e["why"].startswith("a future-tense date") for e in near.evidence)


def test_a_future_cue_in_a_later_clause_does_not_reach_back_to_the_news_date():
    text = "Mengutip laporan The Guardian pada Selasa (3/9/2024), penangguhan itu kemungkinan akan menyebabkan ketegangan."
    assert infer(text).day == date(2024, 9, 3)
    # near misses: a cue right after the date (nanti) or before it in its clause still makes it future
    after = infer("Relawan akan dikirim pada Minggu (11/2/2024) nanti. Apel digelar Sabtu (10/2/2024).")
    assert after.day == date(2024, 2, 10) and after.range_end <= date(2024, 2, 12)
    before = infer("Pemerintah akan menangguhkan lisensi pada Selasa (3/9/2024).")
    assert before.day is None


def test_an_answer_is_a_reporting_phrase():
    inferred = infer('Dodi bertemu Rina pada Selasa (31/12/2024). "Tunggu saja," jawabnya pendek, Rabu (1/1/2025).')
    assert inferred.day == date(2025, 1, 1)
    assert inferred.range_start <= date(2025, 1, 2) < inferred.range_end     # or published the morning after
    # near miss: the narrator's own nanti, with no one answering, makes the date one to come
    near = infer("Ahok bertemu Anies pada Selasa (31/12/2024). Mereka nanti bertemu lagi, Rabu (1/1/2025).")
    assert near.day == date(2024, 12, 31)


# --------------------------------------------------------------------------- the year of a date written without one

def test_a_yearless_date_takes_the_year_after_the_recent_ones_the_text_names():
    inferred = infer("Hamas mengonfirmasi kematian Deif pada Kamis (30/1). Israel menuduhnya mendalangi serangan "
                     "7 Oktober 2023. Sinwar terbunuh pada 16 Oktober 2024.")
    assert inferred.day == date(2025, 1, 30)                # Kamis 30/1 is also 2014 and 2020
    one_year = infer("TNI mempertimbangkan langkah hukum, kata Freddy, Rabu (10/9). Ia menyinggung putusan MK pada 2024.")
    assert one_year.day == date(2025, 9, 10)


@pytest.mark.parametrize("text, named", [
    # only history: 1949 and 2001 leave 10 September a Wednesday in 2003, 2008, 2014, 2025 ...
    ("NATO menggelar rapat darurat, Rabu (10/9). NATO berdiri pada 1949. Pasal 5 hanya pernah digunakan "
     "setelah serangan 11 September 2001.", "1949, 2001"),
    # a year two years back supports the year after next too weakly
    ("Spanyol melarang dua menteri Israel masuk, Selasa (9/9). Agresi Israel ke Gaza berlangsung sejak 7 Oktober 2023.",
     "2023"),
])
def test_a_yearless_date_far_from_the_years_the_text_names_gives_no_value(text, named):
    inferred = infer(text)
    assert inferred.day is None
    assert f"the years it names ({named}) do not fix the year" in inferred.note


def test_a_year_said_to_be_past_puts_the_article_after_it():
    text = ("Wahyu diperiksa KPK pada Senin (6/1). Ia anggota KPU periode 2017-2022. Suap terjadi pada 2019 silam, "
            "saat pemilu 2019, untuk anggota DPR periode 2019-2024. OTT digelar pada awal 2020 lalu.")
    inferred = infer(text)
    assert inferred.day == date(2025, 1, 6)                 # not 2020: the text calls early 2020 past
    assert {"2019", "awal 2020"} <= set(cited(inferred))
    # near miss: without silam and lalu, 2020 fits and is well supported, but 2022 and 2024 are named
    # after it and 2025 fits too: no value rather than a year years before the text's own
    near = infer(text.replace(" silam", "").replace(" lalu", ""))
    assert near.day is None


@pytest.mark.parametrize("text, day", [
    # an event named by its year may be this year's: the article is not earlier than it
    ("Bawaslu menggelar rapat evaluasi, Kamis (4/7). Ia menilai Pemilu 2019 lalu berjalan lancar, seperti Pilkada 2018.",
     date(2019, 7, 4)),
    ("KPU menggelar rapat, Kamis (4/7). Persiapan Pilkada 2024 mendatang sudah dimulai sejak 2023.", date(2024, 7, 4)),
    # near misses: the year itself said to be past or to come is not the article's
    ("Bawaslu menggelar rapat evaluasi, Kamis (4/7). Ia menilai pemilu pada 2019 lalu berjalan lancar, seperti "
     "Pilkada 2018.", None),
    ("KPU menggelar rapat, Kamis (4/7). Persiapan pilkada tahun 2024 mendatang sudah dimulai sejak 2023.", None),
])
def test_an_event_named_by_its_year_may_be_this_years(text, day):
    assert infer(text).day == day


def test_a_year_said_to_be_to_come_puts_the_article_before_it():
    text = ("Uni Eropa akan menerapkan aturan mulai tahun 2020 mendatang, dengan target pada tahun 2030. Penjualan naik "
            "pada kuartal III 2018, kata Andre, Selasa (29/1). Target produksi akhir 2019 naik.")
    assert infer(text).day == date(2019, 1, 29)              # 29 January is also a Tuesday in 2030
    # near miss: without mendatang the target 2030 leaves 2019 and 2030 open
    assert infer(text.replace(" mendatang", "").replace("akan ", "")).day is None


def test_years_bounded_on_both_sides_fix_the_year():
    inferred = infer("Idrus mengaku menolak menjadi caleg pada pemilu 2014 lalu. Munas digelar bulan April 2016 "
                     "mendatang, ujar Idrus, Kamis (25/2).")
    assert inferred.day == date(2016, 2, 25)


THIS_YEAR = "KPK memeriksa Wahyu, Senin (6/1). Kasus itu bermula pada pemilu 2019 dan OTT pada Januari 2020. {}"


@pytest.mark.parametrize("sentence, day", [
    ("KPK menargetkan kasus itu selesai di tahun 2025 ini.", date(2025, 1, 6)),
    # near misses: a year with ini but without tahun is a noun's (this 2025 budget); inside a quotation
    # it is someone's this year, said when they said it
    ("KPK menyiapkan anggaran 2025 ini.", None),
    ('"Kasus selesai di tahun 2025 ini," kata Tessa.', None),
])
def test_a_year_called_this_year_is_the_articles(sentence, day):
    assert infer(THIS_YEAR.format(sentence)).day == day


def test_a_day_named_in_full_elsewhere_dates_its_yearless_news_form():
    inferred = infer("Aksi itu digelar pada 9 Oktober 2025. Kebakaran terjadi Kamis (9/10) malam, kata Apriandi.")
    assert inferred.day == date(2025, 10, 9)
    assert "Kamis (9/10) malam" in cited(inferred)


# --------------------------------------------------------------------------- datelines and summings-up

@pytest.mark.parametrize("text, day", [
    ("Jakarta, 20 Juni 2025 - Harga cabai naik di pasar induk sejak 17 Juni 2025.", date(2025, 6, 20)),
    ("JAKARTA, 5/2/2024 (ANTARA) - Harga beras naik.", date(2024, 2, 5)),
    ("Nusa Dua, 20 Juni 2025 /PRNewswire/ -- Perusahaan meluncurkan produk baru.", date(2025, 6, 20)),
])
def test_a_dateline_with_a_date_pins_the_day(text, day):
    inferred = infer(text)
    assert (inferred.day, inferred.confidence) == (day, "high")
    assert any(e["why"].startswith("a dateline") for e in inferred.evidence)


@pytest.mark.parametrize("text", [
    "Harga naik, 20 Juni 2025 - kata Ari.",                 # no place opens the text
    "Pada 20 Juni 2025 - harga naik.",
    "Jakarta, 20 Juni 2025, harga naik di pasar.",          # no dash after the date
])
def test_a_date_that_is_not_a_dateline_does_not_pin(text):
    assert not any(e["why"].startswith("a dateline") for e in infer(text).evidence)


def test_a_lede_summing_up_a_week_lets_the_report_close_the_week():
    text = ("Sejumlah kejadian penting berlangsung dalam sepekan terakhir di Riau. Jembatan ambruk pada Minggu (5/10/2025). "
            "Kebakaran terjadi Kamis (9/10/2025) malam.")
    inferred = infer(text)
    assert inferred.day == date(2025, 10, 9) and inferred.confidence == "low"
    assert inferred.range_end == date(2025, 10, 13)        # up to a week after the first day reported
    assert "sepekan" in cited(inferred)
    # near misses: a period up to now later in the text, or inside a quotation, is what it says of prices
    for other in ("Sejumlah kejadian penting berlangsung di Riau. Jembatan ambruk pada Minggu (5/10/2025). Harga naik dalam "
                  "sepekan terakhir. Kebakaran terjadi Kamis (9/10/2025) malam.",
                  '"Harga naik dalam sepekan terakhir," kata Ari. Jembatan ambruk pada Minggu (5/10/2025). Kebakaran '
                  'terjadi Kamis (9/10/2025) malam.'):
        assert infer(other).range_end == date(2025, 10, 11)


def test_a_missing_weight_names_its_table(monkeypatch):
    from lib.tables import TableError, table

    monkeypatch.delitem(table("id", "time")["dct"], "year_support")
    with pytest.raises(TableError, match=r"^lib/lang/id/time.json: no key 'year_support'"):
        infer("Hamas mengonfirmasi kematian Deif pada Kamis (30/1). Sinwar terbunuh pada 16 Oktober 2024.")


# --------------------------------------------------------------------------- the day after the news day

ABROAD = "Parlemen Chile menolak rancangan anggaran {date}. Pemungutan suara berlangsung alot{source}."


def test_an_event_abroad_from_a_foreign_source_is_reported_the_day_after():
    inferred = infer(ABROAD.format(date="pada Kamis (6/3/2025)", source=", menurut laporan Reuters"))
    assert inferred.day == date(2025, 3, 7) and inferred.confidence == "low"
    assert (inferred.range_start, inferred.range_end) == (date(2025, 3, 6), date(2025, 3, 8))   # both days
    assert "laporan Reuters" in cited(inferred)
    local = infer("Parlemen Chile menolak rancangan anggaran pada Kamis (6/3/2025) pukul 16.00 waktu setempat.")
    assert local.day == date(2025, 3, 7)
    # a quotation's "hari ini" is what someone said, not the report's own day
    quoted = infer(ABROAD.format(date="pada Kamis (6/3/2025)", source="") + ' "Sidang lanjutan digelar hari ini," '
                   'kata ketua parlemen kepada Reuters.')
    assert quoted.day == date(2025, 3, 7)
    later = infer(ABROAD.format(date="pada Kamis (6/3/2025)", source=", menurut laporan Reuters") + " Sidang lanjutan "
                  "akan digelar pekan depan.")                   # a later day, not the report's own
    assert later.day == date(2025, 3, 7)


@pytest.mark.parametrize("text", [
    # near misses: a reporting phrase dates the citation, not the event; no foreign source; the outlet's
    # Indonesian edition; the text speaks of its own day; a time in Indonesian time
    ABROAD.format(date=", kata juru bicaranya, Kamis (6/3/2025)", source=", menurut laporan Reuters"),
    ABROAD.format(date="pada Kamis (6/3/2025)", source=""),
    ABROAD.format(date="pada Kamis (6/3/2025)", source=", menurut laporan CNN Indonesia"),
    ABROAD.format(date="pada Kamis (6/3/2025)", source=", menurut laporan Reuters") + " Sidang lanjutan digelar hari ini.",
    ABROAD.format(date="pada Kamis (6/3/2025)", source=", menurut laporan Reuters") + " Sidang lanjutan akan digelar "
    "nanti malam.",
    "Parlemen Chile menolak rancangan anggaran pada Kamis (6/3/2025) pukul 16.00 WIB.",
])
def test_a_news_day_without_a_foreign_event_cue_stays_the_day(text):
    assert infer(text).day == date(2025, 3, 6)


def test_a_compilation_is_written_after_the_days_it_gathers():
    inferred = infer("Berikut rangkuman sidang kasus korupsi tol. Hakim membacakan vonis, kata jaksa Ari, Selasa (4/3/2025).")
    assert inferred.day == date(2025, 3, 5) and inferred.confidence == "low"
    assert inferred.range_start == date(2025, 3, 4) and "rangkuman" in cited(inferred)
    # its lede names the first day it gathers, not its own: a dated compilation older than its latest news
    older = infer("Dirangkum tim redaksi, Senin (3/3/2025), hakim menunda sidang. Terdakwa menerima putusan itu, "
                  "kata jaksa Ari, Selasa (4/3/2025).")
    assert older.day == date(2025, 3, 5)


@pytest.mark.parametrize("text", [
    # near misses: no compilation; the compilation's own date is its latest; a quotation's summary; a future-tense
    # date on the news day
    "Hakim membacakan vonis, kata jaksa Ari, Selasa (4/3/2025).",
    "Dirangkum tim redaksi, Selasa (4/3/2025), hakim membacakan vonis. Terdakwa menerima putusan itu.",
    '"Ini rangkuman pembelaan kami," kata pengacara Budi, Selasa (4/3/2025).',
    "Berikut rangkuman sidang kasus korupsi tol. Hakim membacakan vonis, kata jaksa Ari, Selasa (4/3/2025). "
    "Putusan akan dieksekusi pada 4 Maret 2025.",
])
def test_a_news_day_without_a_compilation_cue_stays_the_day(text):
    assert infer(text).day == date(2025, 3, 4)


# --------------------------------------------------------------------------- the searches for the table's words

def test_the_word_searches_find_what_the_case_insensitive_patterns_find():
    """Each pattern searched by its lowercase words (``WordSearch``) finds what its plain ``finditer`` finds, in texts
    with the table's words in every case, glued, hyphenated, and with the letters that fold (``ı``, ``ſ``, ``İ``)."""
    import random

    from lib.dct import _settings
    from lib.text import WordSearch, lowered

    st = _settings("id")
    searches = {k: v for k, v in st.items() if isinstance(v, WordSearch)}
    assert {"reporting", "same_day", "foreign", "compilation", "cue_regex"} <= set(searches)
    nd = st["dct"]["next_day"]
    words = (st["dct"]["reporting_words"] + nd["same_day_words"] + nd["foreign_source_before"] + nd["foreign_sources"]
             + nd["compilation_stems"] + nd["foreign_markers"] + list(st["cues"]) + nd["domestic_editions"])
    rng = random.Random(8)
    pieces = words + ["Budi", "nya", "-", ".", ",", "\n", '"', "ı", "ſ", "İ", "K", "x"]
    texts = ["Dirangkum tim redaksi, kata Ari kepada Reuters, Senin (3/3/2025). Sore ini akan hujan.",
             "KEPADA REUTERS Indonesia, ſore ini", "kata-kata, sore inilah, dikutipnya"]
    for _ in range(800):
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 16))]
        parts = [p.upper() if rng.random() < 0.15 else p.capitalize() if rng.random() < 0.2 else p for p in parts]
        texts.append("".join(p + rng.choice([" ", " ", "  ", "", "\n"]) for p in parts))
    for text in texts:
        lower = lowered(text)
        for name, search in searches.items():
            plain = [m.span() for m in search.regex.finditer(text)]
            assert [m.span() for m in search.finditer(text, lower)] == plain, (name, text)
            assert [m.span() for m in search.finditer(text, None)] == plain, (name, text)
            for a, b in ((0, len(text) // 2), (len(text) // 3, len(text))):
                plain = search.regex.search(text, a, b)
                found = search.search(text, lower, a, b)
                assert (found and found.span()) == (plain and plain.span()), (name, text, a, b)


@pytest.mark.parametrize("plain, odd", [
    ("Menteri mengatakan, pada 2025 nanti harga beras akan turun. Ia berbicara pada Senin (3/6/2024).",
     "Menteri mengatakan, pada 2025 nantİ harga beras akan turun. Ia berbicara pada Senin (3/6/2024)."),
    ("Pemilu 2019 silam diikuti banyak partai. Rapat digelar Rabu (5/6/2024).",
     "Pemilu 2019 ſİlam diikuti banyak partai. Rapat digelar Rabu (5/6/2024)."),
])
def test_cue_words_matched_ignoring_case_count_as_the_words(plain, odd):
    """A tense cue or a year marker written with a letter a case-insensitive pattern reads as an ASCII letter
    (İ as i, ſ as s) weighs in the inference as the word in plain letters does, instead of stopping the article."""
    from lib.load import load_bytes

    def inferred(text):
        dct = annotate(load_bytes(f"Jakarta - {text}\n".encode(), "berita.txt", None)).dct
        return dct.value, dct.range_start, dct.range_end, dct.note

    assert inferred(odd) == inferred(plain)
    assert inferred(plain)[0] is not None


@pytest.mark.parametrize("text, weekdays, whys", [
    # a past and a future weekday bound the DCT's weekday: each is evidence
    ("Warga mengungsi Selasa. Bantuan akan tiba Sabtu.", (2, 3, 4, 5),
     ["weekday, no tense cue (past)", "weekday, future:akan"]),
    # near miss: one past weekday allows any weekday, so none is cited
    ("Warga mengungsi Selasa.", (), []),
])
def test_the_weekdays_are_cited_only_when_they_bound_the_dct(text, weekdays, whys):
    found = infer_from_text(text)
    assert found.value is None and found.weekdays == weekdays
    assert [e["why"] for e in found.evidence] == whys
