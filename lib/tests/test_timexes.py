"""Time expressions: each rule with the Indonesian it matches, and the near misses it must not.

Unless a case says otherwise the article's date (DCT) is Wednesday 2022-01-19 (ISO week 2022-W03).
"""
from datetime import date

import pytest

from lib import SEED_ARTICLE
from lib.curated import TIMEX_VALUE
from lib.load import load_article
from lib.timexes import (find_candidates, find_timexes, frame, granularity_of, last_day, narrow, period, resolve,
                         rules, tag_timexes)

DCT = "2022-01-19"

# (sentence, expected surface, value, mod)
CASES = [
    # weekdays, past by default, future with a cue
    ("Polisi menangkap pelaku pada Senin.", "Senin", "2022-01-17", None),
    ("Ia tiba pada hari Selasa.", "hari Selasa", "2022-01-18", None),
    ("Rapat digelar Rabu di Jakarta.", "Rabu", "2022-01-19", None),
    ("Presiden meresmikan jembatan itu Kamis.", "Kamis", "2022-01-13", None),
    ("Presiden akan meresmikan jembatan itu Kamis.", "Kamis", "2022-01-20", None),
    ("Sidang dijadwalkan pada hari Jumat.", "hari Jumat", "2022-01-21", None),
    ("Pemilihan direncanakan Sabtu.", "Sabtu", "2022-01-22", None),
    ("Menteri diperkirakan akan tiba Minggu.", "Minggu", "2022-01-23", None),
    ("Warga berkumpul pada hari Minggu.", "hari Minggu", "2022-01-16", None),
    ("Ia pulang Jum'at pagi buta.", "Jum'at pagi", "2022-01-14TMO", None),
    ("Pertemuan Kamis depan dibatalkan.", "Kamis depan", "2022-01-27", None),
    ("Pada Senin lalu hujan turun.", "Senin lalu", "2022-01-10", None),
    ("Gempa terjadi Selasa malam.", "Selasa malam", "2022-01-18TNI", None),            # malam: night (time.json)
    # native news dates
    ("Presiden meresmikan tol pada Selasa (18/1/2022).", "Selasa (18/1/2022)", "2022-01-18", None),
    ("Banjir melanda Jakarta, Senin (17/1).", "Senin (17/1)", "2022-01-17", None),
    ("Rapat digelar Jumat (31/12/2021) di Bogor.", "Jumat (31/12/2021)", "2021-12-31", None),
    ("Sidang dibuka Kamis (13/1/22).", "Kamis (13/1/22)", "2022-01-13", None),
    # dates
    ("Pemilu digelar pada 14 Februari 2024.", "14 Februari 2024", "2024-02-14", None),
    ("Ia lahir 5 Mei 1990 di Medan.", "5 Mei 1990", "1990-05-05", None),
    ("Pembicaraan akan digelar pada 10 Februari.", "10 Februari", "2022-02-10", None),
    ("Kebakaran terjadi pada 28 Desember.", "28 Desember", "2021-12-28", None),
    ("Acara itu berlangsung 3 Jan.", "3 Jan", "2022-01-03", None),
    ("Surat itu bertanggal 30/12/2021.", "30/12/2021", "2021-12-30", None),
    ("Laporan diterbitkan 02-01-2022 pagi.", "02-01-2022 pagi", "2022-01-02TMO", None),
    ("Harga naik sejak Januari 2022.", "Januari 2022", "2022-01", None),
    ("Proyek dimulai Maret tahun 2020.", "Maret tahun 2020", "2020-03", None),
    ("Tarif baru berlaku Februari.", "Februari", "2022-02", None),
    ("Banjir besar terjadi pada bulan November.", "bulan November", "2021-11", None),
    ("Pembayaran dilakukan tanggal 25.", "tanggal 25", "2022-01-25", None),
    ("Gaji telah dibayar tanggal 5.", "tanggal 5", "2022-01-05", None),
    ("Senin, 10 Januari 2022, pasar dibuka.", "Senin, 10 Januari 2022", "2022-01-10", None),
    ("Kerusuhan terjadi pada tahun 1998.", "tahun 1998", "1998", None),
    ("Indonesia merdeka pada 1945.", "1945", "1945", None),
    ("Krisis keuangan 2008 memukul ekonomi.", "2008", "2008", None),
    ("Kota itu tumbuh pesat pada tahun 1990-an.", "tahun 1990-an", "199", None),
    ("Jalan itu dibangun awal 2000-an.", "awal 2000-an", "200", "START"),
    ("Harga turun pada akhir tahun 2019.", "akhir tahun 2019", "2019", "END"),
    ("Gedung selesai pertengahan 2021.", "pertengahan 2021", "2021", "MID"),
    ("Pabrik dibuka awal Maret 2021.", "awal Maret 2021", "2021-03", "START"),
    ("Panen raya tiba akhir Februari.", "akhir Februari", "2022-02", "END"),
    # relative days
    ("Kemarin harga cabai naik.", "Kemarin", "2022-01-18", None),
    ("Harga cabai turun hari ini.", "hari ini", "2022-01-19", None),
    ("Besok sekolah libur.", "Besok", "2022-01-20", None),
    ("Sidang dilanjutkan lusa.", "lusa", "2022-01-21", None),
    ("Ia datang kemarin lusa.", "kemarin lusa", "2022-01-17", None),
    ("Esok hari kami berangkat.", "Esok hari", "2022-01-20", None),
    # N units ago / ahead
    ("Tiga hari lalu ia ditangkap.", "Tiga hari lalu", "2022-01-16", None),
    ("Ia ditangkap 2 hari yang lalu.", "2 hari yang lalu", "2022-01-17", None),
    ("Dua pekan lalu banjir datang.", "Dua pekan lalu", "2022-W01", None),
    ("Sebulan lalu harga masih murah.", "Sebulan lalu", "2021-12", None),
    ("Lima tahun lalu pabrik itu tutup.", "Lima tahun lalu", "2017", None),
    ("Sepuluh tahun silam desa itu sepi.", "Sepuluh tahun silam", "2012", None),
    ("Tujuh hari lagi hasilnya diumumkan.", "Tujuh hari lagi", "2022-01-26", None),
    ("Dua minggu lagi ujian dimulai.", "Dua minggu lagi", "2022-W05", None),
    ("Tiga bulan mendatang harga stabil.", "Tiga bulan mendatang", "2022-04", None),
    ("Setahun lalu ia menikah.", "Setahun lalu", "2021", None),
    ("Seminggu lalu jalan itu rusak.", "Seminggu lalu", "2022-W02", None),
    # this / last / next period
    ("Pekan lalu harga naik.", "Pekan lalu", "2022-W02", None),
    ("Harga naik pekan ini.", "pekan ini", "2022-W03", None),
    ("Sidang digelar pekan depan.", "pekan depan", "2022-W04", None),
    ("Ia kembali minggu depan.", "minggu depan", "2022-W04", None),
    ("Minggu lalu harga naik.", "Minggu lalu", "2022-W02", None),
    ("Proyek selesai bulan lalu.", "bulan lalu", "2021-12", None),
    ("Tarif naik bulan ini.", "bulan ini", "2022-01", None),
    ("Pemilu digelar tahun depan.", "tahun depan", "2023", None),
    ("Ekonomi tumbuh tahun lalu.", "tahun lalu", "2021", None),
    ("Target tercapai tahun ini.", "tahun ini", "2022", None),
    ("Kebijakan berlaku pekan mendatang.", "pekan mendatang", "2022-W04", None),
    ("Harga turun bulan yang lalu.", "bulan yang lalu", "2021-12", None),
    ("Kontrak diteken awal bulan ini.", "awal bulan ini", "2022-01", "START"),
    ("Panen dimulai pertengahan bulan depan.", "pertengahan bulan depan", "2022-02", "MID"),
    ("Laporan terbit akhir tahun lalu.", "akhir tahun lalu", "2021", "END"),
    ("Rapat digelar awal pekan ini.", "awal pekan ini", "2022-W03", "START"),
    ("Akhir pekan ini cuaca cerah.", "Akhir pekan ini", "2022-W03-WE", None),
    ("Banjir melanda akhir pekan lalu.", "akhir pekan lalu", "2022-W02-WE", None),
    ("Warga berlibur pada akhir pekan.", "akhir pekan", "2022-W02-WE", None),
    ("Mereka akan berlibur pada akhir pekan.", "akhir pekan", "2022-W03-WE", None),
    # parts of day and clock times
    ("Pagi ini jalan macet.", "Pagi ini", "2022-01-19TMO", None),
    ("Tadi malam hujan deras.", "Tadi malam", "2022-01-18TNI", None),
    ("Kemarin sore angin kencang.", "Kemarin sore", "2022-01-18TAF", None),
    ("Rapat dimulai pukul 10.00 WIB.", "pukul 10.00 WIB", "2022-01-19T10:00", None),
    ("Kereta tiba pukul 7:30.", "pukul 7:30", "2022-01-19T07:30", None),
    # a clock time is its own expression, on the day named before it in its sentence
    ("Sidang dibuka Senin (17/1/2022) pukul 09.00 WIB.", "pukul 09.00 WIB", "2022-01-17T09:00", None),
    ("Sidang dibuka Senin (17/1/2022) pukul 09.00 WIB.", "Senin (17/1/2022)", "2022-01-17", None),
    ("Gempa terjadi Selasa dan warga mengungsi pukul 23.15.", "pukul 23.15", "2022-01-18T23:15", None),
    ("Malam ini bulan purnama.", "Malam ini", "2022-01-19TNI", None),
    ("Sore ini bulan purnama.", "Sore ini", "2022-01-19TAF", None),
    # discourse-anchored
    ("Ia ditangkap 10 Januari. Sehari sebelumnya ia kabur.", "Sehari sebelumnya", "2022-01-09", None),
    ("Ia ditangkap 10 Januari. Dua hari kemudian ia diadili.", "Dua hari kemudian", "2022-01-12", None),
    ("Ia ditangkap 10 Januari. Sehari setelahnya ia bebas.", "Sehari setelahnya", "2022-01-11", None),
    ("Ia ditangkap 10 Januari. Keesokan harinya ia bebas.", "Keesokan harinya", "2022-01-11", None),
    ("Ia ditangkap 10 Januari. Pada hari yang sama rumahnya digeledah.", "hari yang sama", "2022-01-10", None),
    ("Ia ditangkap 10 Januari. Pada pekan yang sama polisi menyita mobil.", "pekan yang sama", "2022-W02", None),
    ("Ia ditangkap 10 Januari. Pada bulan yang sama harga naik.", "bulan yang sama", "2022-01", None),
    ("Pabrik dibuka tahun 2015. Pada tahun yang sama banjir datang.", "tahun yang sama", "2015", None),
    ("Ia ditangkap 10 Januari. Sepekan kemudian ia bebas.", "Sepekan kemudian", "2022-01-17", None),
    # durations
    ("Mereka berunding selama dua hari.", "selama dua hari", "P2D", None),
    ("Ia dipenjara tiga tahun.", "tiga tahun", "P3Y", None),
    ("Panggilan itu berlangsung selama 50 menit.", "selama 50 menit", "PT50M", None),
    ("Perjalanan memakan waktu 3 jam.", "3 jam", "PT3H", None),
    ("Proyek itu tertunda dua bulan.", "dua bulan", "P2M", None),
    ("Ia menunggu sepekan.", "sepekan", "P1W", None),
    ("Antrean berlangsung beberapa hari.", "beberapa hari", "PXD", None),
    ("Ia menjabat selama dua belas tahun.", "selama dua belas tahun", "P12Y", None),
    ("Pembangunan butuh satu dekade.", "satu dekade", "P1DE", None),
    # sets
    ("Pasar buka setiap hari.", "setiap hari", "P1D", None),
    ("Rapat digelar tiap Senin.", "tiap Senin", "XXXX-WXX-1", None),
    ("Festival diadakan setiap tahun.", "setiap tahun", "P1Y", None),
    # vague references
    ("Saat ini harga stabil.", "Saat ini", "PRESENT_REF", None),
    ("Sekarang warga bisa pulang.", "Sekarang", "PRESENT_REF", None),
    ("Kini jalan itu mulus.", "Kini", "PRESENT_REF", None),
    ("Baru-baru ini polisi menangkap bandar.", "Baru-baru ini", "PAST_REF", None),
    ("Harga naik belakangan ini.", "belakangan ini", "PAST_REF", None),
    ("Akhir-akhir ini hujan turun.", "Akhir-akhir ini", "PAST_REF", None),
    ("Kebijakan itu berubah dalam beberapa minggu ke depan.", "beberapa minggu ke depan", "PXW", None),   # a stretch of time
    ("Perundingan akan berlanjut di masa mendatang.", "masa mendatang", "FUTURE_REF", None),
    ("Pemilu mendatang diikuti 18 partai.", "mendatang", "FUTURE_REF", None),
    ("Di masa depan kota itu tumbuh.", "masa depan", "FUTURE_REF", None),
]


def tagged(sentence, dct=DCT):
    return tag_timexes(sentence, dct)


@pytest.mark.parametrize("sentence, surface, value, mod", CASES, ids=[c[1] + "|" + c[0][:25] for c in CASES])
def test_expression(sentence, surface, value, mod):
    found = tagged(sentence)
    row = found[found.text == surface]
    assert len(row) == 1, f"{surface!r} not found; found {found.text.tolist()}"
    row = row.iloc[0]
    assert row.value == value
    assert (row["mod"] if isinstance(row["mod"], str) else None) == mod
    assert sentence[row.start:row.end] == surface
    assert TIMEX_VALUE.fullmatch(row.value)


def test_at_least_80_distinct_expressions():
    assert len({c[1].lower() for c in CASES}) >= 80


@pytest.mark.parametrize("sentence", [
    "Sebanyak 100.000 tentara dikerahkan ke perbatasan.",
    "Inflasi naik 20 persen dalam setahun terakhir.",
    "Harganya Rp2.015 per lembar.",
    "Sebanyak 2015 orang mengungsi.",
    "Kedua pemimpin bertemu di istana.",
    "Mereka makan malam bersama menteri.",
    "Pasar malam itu ramai pengunjung.",
    "Ia membeli 3 kilogram beras.",
    "Skor akhir pertandingan 2-1.",
    "Nomor 2014 dipakai oleh pemain itu.",
    "Pukulan itu keras sekali.",
    "Mereka membahas keterlibatan diplomatik yang akan datang.",
    "Ayat 1/2 pasal itu dihapus.",
    "Kamisan adalah aksi mingguan.",
    "Harga 1.500 per kilogram.",
])
def test_near_misses_are_not_time(sentence):
    found = tagged(sentence)
    assert not found.type.isin(["DATE", "TIME"]).any(), found[["text", "value"]].values.tolist()


@pytest.mark.parametrize("sentence, week_or_sunday", [
    ("Warga berkumpul pada hari Minggu.", "2022-01-16"),   # Sunday
    ("Ia kembali minggu depan.", "2022-W04"),              # week
    ("Minggu lalu harga naik.", "2022-W02"),               # week, at the head of a sentence
    ("Ia libur pada Minggu (16/1).", "2022-01-16"),        # Sunday with the news date
])
def test_minggu_sunday_or_week(sentence, week_or_sunday):
    assert week_or_sunday in tagged(sentence).value.tolist()


def test_near_miss_numbers_not_years():
    found = tagged("Sebanyak 100.000 tentara, 20 persen, Rp2.015 dan perjanjian nuklir 2015.")
    assert found.text.tolist() == ["2015"]


def test_never_more_precise_than_the_text():
    found = tagged("Pada tahun 2014 pasukan masuk; bulan depan mereka pulang.")
    years = found.set_index("text")
    assert years.loc["tahun 2014", "granularity"] == "year" and years.loc["tahun 2014", "value"] == "2014"
    assert years.loc["bulan depan", "granularity"] == "month" and years.loc["bulan depan", "value"] == "2022-02"


def test_ranges_end_exclusive_and_narrowed():
    found = tagged("Kontrak diteken awal bulan ini dan berakhir akhir pekan ini.").set_index("text")
    assert (found.loc["awal bulan ini", "range_start"], found.loc["awal bulan ini", "range_end"]) == ("2022-01-01", "2022-01-12")
    assert (found.loc["akhir pekan ini", "range_start"], found.loc["akhir pekan ini", "range_end"]) == ("2022-01-22", "2022-01-24")


def test_anchor_names_the_antecedent():
    found = tagged("Ia ditangkap 10 Januari. Dua hari kemudian ia diadili.")
    assert found.anchor.tolist()[1] == found.id.tolist()[0]


def test_anaphor_without_antecedent_is_unresolved():
    found = tagged("Pada minggu yang sama harga naik.")
    assert found.value.tolist() == ["XXXX-WXX"] and found.range_start.isna().all()


def test_period_helpers():
    assert period("month", date(2021, 12, 29))[0] == "2021-12"
    assert period("decade", date(2014, 5, 1))[0] == "201"
    assert narrow(date(2021, 12, 1), date(2022, 1, 1), "MID") == (date(2021, 12, 11), date(2021, 12, 22))


def test_without_dct_relative_values_keep_x():
    found = tag_timexes("Mereka akan bertemu Kamis dan 10 Januari, bulan depan.", None)
    assert found.value.tolist() == ["XXXX-WXX-4", "XXXX-01-10", "XXXX-XX"]
    assert found.range_start.isna().all()
    found = tag_timexes("Dua pekan lalu, tiga tahun lalu dan sehari kemudian; akhir pekan; pagi ini.", None)
    assert found.value.tolist() == ["XXXX-WXX", "XXXX", "XXXX-XX-XX", "XXXX-WXX-WE", "XXXX-XX-XXTMO"]
    assert all(TIMEX_VALUE.fullmatch(v) for v in found.value)


RULES = rules("id")


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_example_is_tagged_by_its_rule(rule):
    """The rule's own pattern tags a span of its example (``time.json``), and wins it over every other rule."""
    found = find_timexes(rule.example)
    names = [candidate[2].name for candidate in found.candidates]
    assert rule.name in names, (rule.example, names)
    start, end, _, _ = found.candidates[names.index(rule.name)]
    assert 0 <= start < end <= len(rule.example)
    assert rule.regex.match(rule.example, start)


def test_every_rule_example_is_tagged_with_a_dct():
    for rule in RULES:
        found = tag_timexes(rule.example, DCT)
        assert rule.name in " ".join(found.rule), (rule.name, rule.example, found.rule.tolist())
        assert all(TIMEX_VALUE.fullmatch(v) for v in found.value)


def test_find_then_resolve_is_tag():
    text = "Ia ditangkap 10 Januari. Dua hari kemudian ia diadili pada pukul 10.00 WIB, kata polisi Kamis."
    found = find_timexes(text)
    assert found.text == text and found.lang == "id"
    assert [c[:2] for c in found.candidates] == [c[:2] for c in find_candidates(text)]
    assert frame(resolve(found, date(2022, 1, 19))).equals(tag_timexes(text, DCT))
    # one scan serves any DCT, and none
    undated = frame(resolve(found, None))
    assert undated.text.tolist() == tag_timexes(text, DCT).text.tolist()
    assert undated.range_start.isna().all()


def test_granularity_of_and_last_day():
    assert [granularity_of(v) for v in ("2021-12-30", "2021-12-30TEV", "2021-W52", "2021-W52-WE", "2021-12",
                                        "2021-Q4", "2014", "201", "P2D", "PRESENT_REF")] == \
        ["day", "day", "week", "week", "month", "quarter", "year", "decade", "other", "other"]
    assert last_day("2022-01-01") == "2021-12-31"
    assert last_day("2021-03-01") == "2021-02-28"


def test_boilerplate_is_never_tagged():
    article = load_article(SEED_ARTICLE)
    assert "malam ini" in article.text
    found = tag_timexes(article.story_text, "2021-12-29")
    assert not found.text.str.contains("malam").any()


# --------------------------------------------------------------------------- the seed

SEED_EXPECTED = [
    ("Kamis", "2021-12-30", None), ("hari Rabu", "2021-12-29", None), ("awal pekan ini", "2021-W52", "START"),
    ("Awal bulan ini", "2021-12", "START"), ("bulan depan", "2022-01", None), ("10 Januari", "2022-01-10", None),
    ("minggu yang sama", "2022-W02", None), ("hari Kamis", "2021-12-30", None), ("awal bulan ini", "2021-12", "START"),
    ("tahun 2014", "2014", None), ("saat ini", "PRESENT_REF", None), ("awal bulan ini", "2021-12", "START"),
    ("Kamis", "2021-12-30", None), ("2015", "2015", None), ("hari Kamis", "2021-12-30", None),
]


def test_seed_fifteen_expressions():
    article = load_article(SEED_ARTICLE)
    found = tag_timexes(article.story_text, "2021-12-29")
    got = [(r.text, r.value, r.mod if isinstance(r.mod, str) else None) for r in found.itertuples()]
    assert got == SEED_EXPECTED


def test_the_runs_and_the_offsets_the_scan_finds_are_the_word_runs_of_the_text():
    import random
    import re

    from lib.text import non_ascii
    from lib.timexes import _next_run, _run_before, _runs

    rng = random.Random(6)
    texts = ["", "Senin (6/2/2023)", "  3.000 warga, 12 Januari  ", "Rapat digelar Senin, lalu Senin lagi; senin senin."]
    texts += ["".join(rng.choice("ab1_ .,-/\n“é") for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    # other separators and letters: a no-break space, a tab, a control character, a word joiner, a pound sign,
    # superscript two (a digit to ``\\w``), a titlecase letter, a Javanese letter, dotted and dotless i, long s,
    # the Kelvin sign
    texts += ["".join(rng.choice("a1 \xa0\t\x00\u2060£²ǅꦲ_.İıſK") for _ in range(rng.randint(0, 25)))
              for _ in range(3000)]
    words_of_news = "Pada Rabu (12/3) pukul 10.00 WIB, İbu Siti dan ıbu Ani datang ke İstanbul 2 ſampai 3 kali ; K".split()
    texts += [" ".join(rng.choice(words_of_news) for _ in range(rng.randint(0, 30))) for _ in range(1000)]
    for text in texts:
        spaced, words = _runs(text, non_ascii(text))
        runs = list(re.finditer(r"\w+", text))
        offsets = [m.start() for m in runs]
        assert words == [m.group() for m in runs], text
        # forward, looking only at the runs of some words (every run of such a word): each the next of its word
        wanted = {w for w in words if rng.random() < 0.5}
        after = 0
        for i, word in enumerate(words):
            if word in wanted:
                at = _next_run(spaced, word, after)
                assert at == offsets[i], text
                after = at + 1
        # back: each run from the one after it
        for k in range(len(words) - 1):
            assert _run_before(spaced, words[k], offsets[k + 1]) == offsets[k], text


def test_a_relative_day_in_a_quotation_counts_from_the_day_it_was_said():
    text = '"Saya tiba tadi di kantor," kata Budi, Senin (10/12/2018). Rapat digelar hari ini.'
    rows = {r["text"]: r for r in resolve(find_timexes(text), date(2018, 12, 12))}
    assert rows["tadi"]["value"] == "2018-12-10" and rows["tadi"]["anchor"] != "DCT"
    assert rows["hari ini"]["value"] == "2018-12-12"          # outside the quotation: the DCT's day
    # near miss: a quotation with no relative day, and a relative day with no quotation, keep the DCT's
    plain = resolve(find_timexes('"Kami siap," kata Budi, Senin (10/12/2018). Ia datang kemarin.'), date(2018, 12, 12))
    assert [r["value"] for r in plain if r["text"] == "kemarin"] == ["2018-12-11"]


def test_a_relative_day_in_a_quotation_of_a_later_line_counts_from_the_day_it_was_said():
    text = ('"Kami siap," kata Ani, Minggu (9/12/2018).\nRapat digelar hari ini.\n'
            '"Saya tiba tadi di kantor," kata Budi, Senin (10/12/2018).\n"Kemarin kami rapat," ujar Ani.')
    rows = [(r["text"], r["value"]) for r in resolve(find_timexes(text), date(2018, 12, 12))]
    assert ("tadi", "2018-12-10") in rows and ("hari ini", "2018-12-12") in rows
    # near miss: a quotation no date follows keeps the DCT's day
    assert ("Kemarin", "2018-12-11") in rows


@pytest.mark.parametrize("opening, closing", [("\u201d", "\u201c"), ('"', "\u201d"), ("\u201c", '"')])
def test_a_quotation_whatever_its_marks_dates_its_relative_day(opening, closing):
    # the quotations of lib.text: a line's marks paired in turn, whatever their shape
    text = f'{opening}Saya tiba tadi di kantor,{closing} kata Budi, Senin (10/12/2018). Rapat digelar hari ini.'
    rows = {r["text"]: r for r in resolve(find_timexes(text), date(2018, 12, 12))}
    assert rows["tadi"]["value"] == "2018-12-10"
    assert rows["hari ini"]["value"] == "2018-12-12"


# --------------------------------------------------------------------------- where the scan tries a rule

def _tried_at_every_trigger(text):
    """The plain definition of the candidates: each rule tried at every one of its triggers (``DIGITS``: any number
    of 1 to 4 digits) and at the starts of the ``reach`` words before it, when the word there can start it."""
    import re

    from operator import itemgetter

    from lib.tables import table
    from lib.timexes import _longest, _plausible

    def _candidate(m, text, rule, months, alone_not):       # the groups of every match read, then checked
        start, end = m.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        g = dict(filter(itemgetter(1), m.groupdict().items()))
        if "month" in g and "day" not in g and "year" not in g and g["month"].rstrip(".") in alone_not:
            return None
        if end > start and ("day" not in g or "month" not in g or _plausible(g, months)):
            return start, end, rule, g
        return None

    tab = table("id", "time")
    months, alone_not = tab["months"], set(tab["months_not_alone"])
    words = list(re.finditer(r"\w+", text.lower()))
    found = set()
    for rule in RULES:
        for i, word in enumerate(words):
            if word.group() in rule.triggers or ("digits" in rule.triggers and word.group().isdigit()
                                                 and len(word.group()) <= 4):
                for j in range(max(0, i - rule.reach), i + 1):
                    first = words[j].group()
                    if rule.starts is not None and first not in rule.starts \
                            and not ("digits" in rule.starts and first.isdigit()):
                        continue
                    m = rule.regex.match(text, words[j].start())
                    candidate = m and _candidate(m, text, rule, months, alone_not)
                    if candidate:
                        found.add((candidate[0], rule.priority))
    found = [_candidate(rule.regex.match(text, start), text, rule, months, alone_not) for start, rule in
             ((start, RULES[priority]) for start, priority in sorted(found))]
    return _longest(found, len(text))


NUMBER_TEXTS = [
    "Rapat digelar 12/3/2024 dan dilanjutkan 5-4-2024 di Bandung.",
    "Gedung itu dibangun pada tahun 1990-an, lalu dipugar awal 2000-AN oleh pemda.",
    "Sebanyak 3.000 warga mengungsi sejak 2019 hingga 2021, kata Budi pukul 10.00 WIB.",
    "Kontrak 2019-2020 diteken 30/12/2021; rapat 31/2/2022 batal, skor 2-1.",
    "Harga naik pada akhir tahun 2019 dan pertengahan 2021, Rp 1500 per liter.",
    "Senin (6/2/2023) dua pekan lalu, 10 Januari 2022, tanggal 25, 3 hari kemudian.",
]
# near misses: numbers that no rule takes where they stand
NUMBER_NEAR_MISSES = ["Skor 12 / 3 / 2024 di papan.", "Pada 1990an ia pindah.", "Kode 20145-an dan 123/45/2020.",
                      "Nomor 12345 dan 0-0 di tahun 99.", "Angka 199-an dan 1990 - an."]


def test_the_numbers_a_rule_takes_find_what_every_trigger_finds():
    import random

    rng = random.Random(11)
    pieces = ["12", "3", "2024", "1990", "05", "123", "20145", "/", "-", "-an", "-AN", "an", "tahun", "Tahun", "awal",
              "akhir", "Januari", "Mei", "Senin", "(", ")", ",", ".", "pukul", "10.00", "Rp", "persen", "hari", "lalu",
              "²", "٢٠٢٤", "2024Mei", "19", "20", "penghujung", "No.", "2019-2020", "Mar", "Des.", "31", "30", "29",
              "Februari", "Feb", "tanggal", "2023", "1900"]
    texts = NUMBER_TEXTS + NUMBER_NEAR_MISSES
    texts += ["".join(rng.choice(pieces) + rng.choice(["", " ", " ", "  ", "\n"]) for _ in range(rng.randint(1, 14)))
              for _ in range(1500)]
    for text in texts:
        assert find_candidates(text) == _tried_at_every_trigger(text), text


def test_a_number_triggers_only_the_rules_that_take_it():
    names = lambda text: [c[2].name for c in find_candidates(text)]
    assert names("Rapat digelar 12/3/2024.") == ["date_numeric"]
    assert names("Kota itu tumbuh pada tahun 1990-an.") == ["year_decade"]
    assert names("Krisis keuangan 2008 memukul ekonomi.") == ["year_bare"]
    # a bare year is tried only at numbers of four digits: a number of fewer, or the word before it, cannot start one
    assert names("Harga naik pada awal 2019, lalu 3 kali pada akhir 19 dan 2 2020.") == ["year_bare", "year_bare"]
    assert names("tahun 2024Mei 3") == ["year_tahun"]
    for text in NUMBER_NEAR_MISSES:                # a number with other digits, or other signs after it
        assert not {"date_numeric", "year_decade"} & set(names(text)), text


def test_a_rule_is_not_tried_at_a_trigger_that_cannot_start_it():
    from lib.timexes import _number_plans, _plans

    tries = lambda plan: {(t[2].name, t[0]) for t in plan}
    # duration starts with a number or selama, never with its unit: tried only at the words before tahun
    assert ("duration", 0) not in tries(_plans("id")["tahun"]) and ("duration", 1) in tries(_plans("id")["tahun"])
    # a date with its day before the month: tried at the words before Januari, a month alone at Januari itself
    assert ("date_day_month", 0) not in tries(_plans("id")["januari"])
    assert ("date_month", 0) in tries(_plans("id")["januari"])
    # year_tahun starts with tahun or a position, never with the number; a bare year only at four digits
    assert ("year_tahun", 0) not in tries(_number_plans("id")[4][0]) and ("year_tahun", 1) in tries(_number_plans("id")[4][0])
    assert ("year_bare", 0) in tries(_number_plans("id")[4][0])
    assert not {"year_bare"} & {name for name, _ in tries(_number_plans("id")[2][0])}
    names = lambda text: [c[2].name for c in find_candidates(text)]
    assert names("Ia dirawat selama 3 hari dan lulus tahun 2019.") == ["duration", "year_tahun"]
    assert names("Ia dirawat 3 hari lalu, 12 tahun.") == ["offset_ago", "duration"]
    assert names("Harga tahun 19 dan hari 12.") == []                     # near miss: no year of two digits


def test_the_words_of_a_placeholder_factored_by_prefix_match_as_their_plain_alternation():
    import random
    import re

    from lib.tables import alternation, table

    tab = table("id", "time")

    def plain(spec):                        # the rule's pattern with each placeholder a plain alternation
        pattern = spec["pattern"]
        for name, key in tab["placeholders"].items():
            if name == "NUMBER":
                words = [r"\d+"] + [re.escape(w).replace("\\ ", r"\s+") for w in tab[key]]
                pattern = pattern.replace("{NUMBER}", "|".join(sorted(words, key=len, reverse=True)))
            else:
                pattern = pattern.replace("{" + name + "}", alternation(list(tab[key])))
        return re.compile(pattern, re.MULTILINE | (0 if spec.get("case") == "sensitive" else re.IGNORECASE))

    words = [w for key in tab["placeholders"].values() for w in tab[key]]
    pieces = words + [w.upper() for w in words] + [w.lower() for w in words] + [
        "2019", "12", "3", "/", "-", "(", ")", ",", ".", "lalu", "ini", "depan", "tahun", "hari", "Minggu", "minggu",
        "pukul", "10.00", "WIB", "yang", "akan", "datang", "se", "selama", "sama", "İni", "ſekitar", "Jum", "Jan",
        "pekanan", "harian", "kemarinnya", "\n"]
    rng = random.Random(13)
    texts = ["Senin, 10 Januari 2022 pukul 10.00 WIB, dua pekan lalu, awal bulan ini, baru-baru ini, hingga kini.",
             "Jum'at (3/5) malam, tiga  puluh hari ke depan, akhir   tahun 2019 silam, setiap Minggu pagi."]
    texts += [" ".join(rng.choice(pieces) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(1, 8)))
              for _ in range(400)]
    assert sum(plain(spec).pattern != rule.regex.pattern for rule, spec in zip(RULES, tab["rules"])) > 10
    for rule, spec in zip(RULES, tab["rules"]):
        before = plain(spec)
        for text in texts:
            for start in range(len(text)):
                got, want = rule.regex.match(text, start), before.match(text, start)
                assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), \
                    (rule.name, text, start)


def test_the_bare_year_look_ahead_only_makes_other_numbers_fail_sooner():
    import random
    import re

    rule = next(r for r in RULES if r.name == "year_bare")
    ahead = r"(?=[^\W\d_]|(?:19|20)\d\d)"
    assert rule.regex.pattern.startswith(ahead)
    plain = re.compile(rule.regex.pattern[len(ahead):], rule.regex.flags)
    rng = random.Random(12)
    pieces = ["2019", "1998", "2101", "1800", "20", "19", "3", "000", "awal", "akhir", "Rp", "No.", "pukul", "-", " - ",
              "persen", "orang", ".", ",", "²", "٢٠١٩", "tahun", "-an", "_"]
    texts = ["Krisis 2008 dan awal 2019, bukan Rp 2000 atau 3.000 orang, pukul 2015.", "akhir 2019-2020 dan 20٢٠"]
    texts += ["".join(rng.choice(pieces) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(1, 10)))
              for _ in range(1500)]
    for text in texts:
        for start in range(len(text)):
            got, want = rule.regex.match(text, start), plain.match(text, start)
            assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), (text, start)


def test_the_words_the_scan_looks_at_are_its_triggers_cues_and_numbers():
    import random

    from lib.text import non_ascii
    from lib.timexes import _cue_words, _number_plans, _plans, _runs, _wanted

    words_of_news = ("Pada Rabu (12/3) pukul 10.00 WIB, İbu Siti tiba 2024 lalu; ıbu Ani datang ke İstanbul 0007 "
                     "ſampai 3 kali ² 2² ٢٠٢٤ ١٢ K besok akan kemarin 12345 007 Januari 1 2").split()
    rng = random.Random(8)
    texts = [" ".join(rng.choice(words_of_news) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    for text in texts:
        lower = text.lower()
        words = _runs(lower, non_ascii(lower))[1]
        plain = {w for w in words if w in _plans("id") or w in _cue_words("id")
                 or (w.isdigit() and len(w) in _number_plans("id"))}
        assert {w for w in words if w in _wanted(words, non_ascii(lower), "id")} == plain, text


def test_the_modifiers_before_an_expression_are_what_the_plain_search_finds():
    import random

    from lib.tables import TableError, table
    from lib.timexes import Context, _key, _modifier_pattern, _modifiers

    pattern, words = _modifier_pattern("id"), dict(table("id", "time")["modifiers"])
    reach = table("id", "time")["modifier_reach"]

    def plain(text, start):                  # the pattern searched in the characters before every expression
        if not text[start - 1:start].isspace():
            return None
        m = pattern.search(text, max(0, start - reach), start)
        if m and _key(m.group("word")) not in words:
            return "no key"
        return m and (m.start(), words[_key(m.group("word"))])

    def fast(text, start):
        row = {"start": start, "end": len(text), "mod": None, "text": text[start:]}
        try:
            _modifiers(Context(text=text, dct=None, lang="id"), [row])
        except TableError:                   # a word the pattern matches ignoring case that the table lacks (hampİr)
            return "no key"
        return row["mod"] and (row["start"], row["mod"])

    rng = random.Random(14)
    pieces = ["sekitar", "Sekitar", "SEKITAR", "kurang", "lebih", "dari", "paling", "lama", "kira-kira", "hampir", "se",
              "minimal", "setidaknya", "ſekitar", "hampİr", "Kurang", "-", "(", "“", "2024", "pukul", " ",
              "  ", "\n", "\t", "\u00a0", "x"]
    texts = ["Harga naik sekitar 5 persen, kurang lebih  2 hari, paling lama\n3 tahun, hampİr 2024, ſekitar 2023."]
    texts += ["".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 12)))
              for _ in range(1500)]
    for text in texts:
        for p in range(1, len(text)):
            assert fast(text, p) == plain(text, p), (text, p)


def test_words_matched_ignoring_case_are_found_in_the_tables():
    """A letter a case-insensitive pattern reads as an ASCII letter (İ ı as i, ſ as s, K as k) finds the word's
    table entry, as the word in plain letters does; a word that is no entry is still none."""
    def found(text):
        return tag_timexes(text, "2024-01-03")[["text", "value", "mod"]].values.tolist()

    assert found("Ia datang hari İni.") == [["hari İni", "2024-01-03", None]]
    assert found("Ia datang hari ını.") == [["hari ını", "2024-01-03", None]]
    assert found("Harga naik hampİr 2024.") == [["hampİr 2024", "2024", found("Harga naik hampir 2024.")[0][2]]]
    assert found("Harga naik ſekitar 2023.")[0][1:] == found("Harga naik sekitar 2023.")[0][1:] == ["2023", "APPROX"]
    assert found("Ia datang Kemarin.") == [["Kemarin", "2024-01-02", None]]
    assert found("Ia datang hari Inilah.") == []          # a near miss: no table word


def test_units_matched_ignoring_case_are_the_units():
    """A unit written with İ (``harİ``) is the unit ``hari``: the same expression and value as in plain letters."""
    def found(text):
        return tag_timexes(text, "2024-01-03")[["value", "type"]].values.tolist()

    assert found("Dua harİ kemudian ia pulang.") == found("Dua hari kemudian ia pulang.") != []
    assert found("Tiga bulan ke depan harga naik.") == found("Tiga bulan ke depan harga naİk.") != []


@pytest.mark.parametrize("odd, plain", [
    ("Ia tiba 3 harİ lalu di kota itu.", "Ia tiba 3 hari lalu di kota itu."),
    ("Ia tiba 3 harı lalu di kota itu.", "Ia tiba 3 hari lalu di kota itu."),
    ("Ia datang ſepekan lalu.", "Ia datang sepekan lalu."),
    ("Ia tiba \u212aemarin sore.", "Ia tiba kemarin sore."),
])
def test_letters_a_pattern_reads_as_ascii_are_scanned_as_those_letters(odd, plain):
    found, expected = (tag_timexes(t, "2024-06-03")[["start", "end", "value"]].values.tolist() for t in (odd, plain))
    assert found == expected and expected


def test_a_word_that_only_looks_like_a_time_word_is_not_scanned_as_one():
    assert tag_timexes("Ia tiba 3 haro lalu di kota itu.", "2024-06-03").empty


@pytest.mark.parametrize("text, surface, value", [
    ("Rapat digelar pada Kamis pekan depan.", "Kamis pekan depan", "2024-06-13"),
    ("Sidang dilanjutkan Kamis minggu depan.", "Kamis minggu depan", "2024-06-13"),
    ("Ia tiba di Jakarta pada Senin pekan lalu.", "Senin pekan lalu", "2024-05-27"),
    ("Pertemuan dijadwalkan Rabu minggu ini.", "Rabu minggu ini", "2024-06-05"),
    ("Rapat akan digelar Kamis pekan mendatang.", "Kamis pekan mendatang", "2024-06-13"),   # next week's, not the coming one
    ("Rapat akan digelar Kamis mendatang.", "Kamis mendatang", "2024-06-06"),                # the coming one
])
def test_a_weekday_of_a_week_named_is_that_week_s_day(text, surface, value):
    table = tag_timexes(text, "2024-06-03")                  # a Monday
    assert table[["text", "value"]].values.tolist() == [[surface, value]]


def test_a_weekday_and_a_week_set_apart_are_two_expressions():
    table = tag_timexes("Rapat digelar Kamis, pekan depan ada sidang lagi.", "2024-06-03")
    assert table.text.tolist() == ["Kamis", "pekan depan"]


@pytest.mark.parametrize("text, ids, texts, anchors", [
    # nothing dropped, joined or added: the ids are the candidates' own
    ("Rapat digelar Senin (3/1/2022). Dua hari kemudian rapat dilanjutkan.",
     ["t1", "t2"], ["Senin (3/1/2022)", "Dua hari kemudian"], [None, "t1"]),
    # a date the calendar does not have is dropped: the next expression and its anchor move up
    ("Kontrak itu berlaku hingga 31 Desember 9999. Rapat digelar Senin (3/1/2022), dua hari kemudian diulang.",
     ["t1", "t2"], ["Senin (3/1/2022)", "dua hari kemudian"], [None, "t1"]),
    # a time joined to its day: one id for both
    ("Rapat digelar Senin (3/1/2022) malam dan Sabtu (8/1/2022). Sehari kemudian diulang.",
     ["t1", "t2", "t3"], ["Senin (3/1/2022) malam", "Sabtu (8/1/2022)", "Sehari kemudian"], [None, None, "t2"]),
    # a range written once: its first day is a row of its own, before the second
    ("Pameran digelar 19-21 Desember 2021 di Bandung.",
     ["t1", "t2"], ["19", "21 Desember 2021"], [None, None]),
])
def test_the_ids_are_in_text_order_after_rows_are_dropped_joined_or_added(text, ids, texts, anchors):
    rows = resolve(find_timexes(text), date(2022, 1, 19))
    assert [r["id"] for r in rows] == ids
    assert [r["text"] for r in rows] == texts
    assert [r["anchor"] if r["anchor"] != "DCT" else None for r in rows] == anchors


@pytest.mark.parametrize("text, expected", [
    # a part of day joins the day before it; a clock time takes the day of its sentence
    ("Tim tiba Kamis (13/1/2022) malam, lalu rapat pukul 09.00 WIB.",
     [("Kamis (13/1/2022) malam", "2022-01-13TNI"), ("pukul 09.00 WIB", "2022-01-13T09:00")]),
    # near misses: no part of day to join, no time of day waiting for a day
    ("Tim tiba Kamis (13/1/2022), lalu rapat hari itu juga.", [("Kamis (13/1/2022)", "2022-01-13")]),
    ("Tim tiba kemarin dan pulang besok.", [("kemarin", "2022-01-18"), ("besok", "2022-01-20")]),
    # a relative day in a quotation dated right after it, and one outside any quotation
    ('"Kami tiba kemarin," kata Ani, Senin (10/1/2022). Tim pulang besok.',
     [("kemarin", "2022-01-09"), ("Senin (10/1/2022)", "2022-01-10"), ("besok", "2022-01-20")]),
])
def test_the_passes_after_the_handlers_run_where_they_have_work(text, expected):
    rows = resolve(find_timexes(text), date(2022, 1, 19))
    assert [(r["text"], r["value"]) for r in rows] == expected
    assert all("loose" not in r and "joined" not in r for r in rows)


def test_a_candidate_refused_when_its_turn_comes_takes_no_place():
    from types import SimpleNamespace

    from lib.timexes import _longest

    early, late = SimpleNamespace(priority=0), SimpleNamespace(priority=1)
    text = "Rapat 31/2/2022 batal, 30/1/2022 jadi."            # invented: the first date is not in the calendar
    found = [(6, 15, early, "31/2/2022"), (11, 15, late, "2022"), (23, 32, early, "30/1/2022"), (28, 32, late, "2022")]
    asked = []

    def valid(candidate):
        asked.append(candidate[3])
        return candidate[3] != "31/2/2022"

    chosen = _longest(list(found), len(text), valid)
    assert [c[3] for c in chosen] == ["2022", "30/1/2022"]          # the year of the refused date takes its place
    assert sorted(asked) == sorted(["31/2/2022", "2022", "30/1/2022"])   # the second year was covered: never asked
    assert [c[3] for c in _longest(list(found), len(text))] == ["31/2/2022", "30/1/2022"]   # near miss: none refused
