"""The article's date: given, curated, or weighed from the text's own dated clues (lib/dct.py's rules)."""
from datetime import date

import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.dct import EARLIEST, LATEST, Dct, infer_dct, parse_dct, resolve_dct
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
    text = ("Jakarta, Kompas.com - Presiden Joko Widodo meresmikan jalan tol pada Selasa (18/1/2022).\n"
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
