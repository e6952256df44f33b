"""The corpus: inputs as scrapers write them, Dask runs that survive a kill, and stories across articles.

Runs use a Dask cluster of one worker thread in this process (``processes=False``): the same code
path as the command line's local cluster of processes, which the command-line tests start.
"""
import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from datetime import date

import matplotlib
import pandas as pd
import pytest
from distributed import LocalCluster

import lib.corpus
from lib import ROOT, SEED_ARTICLE, SEEDS, cli
from lib.annotate import annotate
from lib.charts import WIDTH
from lib.corpus import (ARTICLE_COLUMNS, CORPUS_EVENT_COLUMNS, STORY_COLUMNS, TABLES, WORK, article_from_text,
                        _parse_day, clean_date, corpus_cast, corpus_events, date_orders, disagreements, parse_date,
                        read_corpus, read_tables, run_corpus, stories, without_time)
from lib.corpus_charts import story_timeline
from lib.errors import ArticleError
from lib.load import MAX_BYTES
from lib.tables import has_table, table

matplotlib.use("Agg")
CORPUS = SEEDS / "corpus"
INVENTED = sorted(CORPUS.glob("a[1-5]-*.txt"))
FAST = {"workers": 1, "processes": False, "progress": False}


def texts() -> dict[str, str]:
    """The five articles written for the workbook, by a short id."""
    return {path.name[:2]: path.read_text(encoding="utf-8") for path in INVENTED}


def frames(out) -> dict[str, pd.DataFrame]:
    return read_tables(out)


def digests(out) -> dict[str, str]:
    return {name: hashlib.sha256((out / f"{name}.parquet").read_bytes()).hexdigest() for name in TABLES}


def results(out) -> list:
    """The batch files of the work area (one per Dask task)."""
    return sorted((out / WORK).glob("*.batch"))


def kept_keys(out) -> list[str]:
    """The keys of the articles kept in the work area, from the headers of its batch files."""
    return [key for path in results(out) for key in lib.corpus._read_keys(path) or ()]


# --------------------------------------------------------------------------- dates as scrapers write them

@pytest.mark.parametrize("raw, day", [
    ("Rabu, 18 Jun 2025 07:30 WIB", date(2025, 6, 18)),
    ("Kompas.com- 18/06/2025, 20:32 WIB", date(2025, 6, 18)),
    ("Diperbarui 19 Jun 2025, 09:54 WIB", date(2025, 6, 19)),
    ("2025/07/03 13:00:46", date(2025, 7, 3)),
    ("09 September 2024 19:30", date(2024, 9, 9)),
    ("13+December+2018", date(2018, 12, 13)),
    (" Selasa, 29 Januari 2019 / 19:04 WIB ", date(2019, 1, 29)),
    ("Jumat, 31 Jan 2025 23:30 WIB", date(2025, 1, 31)),          # the day as written, no time zone moved
    ("Updated 19 June 2025, 09:54", date(2025, 6, 19)),
])
def test_each_date_format_parses_to_its_day(raw, day):
    assert parse_date(raw) == (day, None)


@pytest.mark.parametrize("raw, cleaned", [
    ("Kompas.com- 18/06/2025, 20:32 WIB", "18/06/2025, 20:32 WIB"),
    ("KOMPAS.com - Diperbarui 19 Jun 2025, 09:54 WIB", "19 Jun 2025, 09:54 WIB"),
    ("Diperbarui 19 Jun 2025, 09:54 WIB", "19 Jun 2025, 09:54 WIB"),
    ("Diterbitkan: 3 Juli 2025", "3 Juli 2025"),
    ("13+December+2018", "13 December 2018"),
    ("Selasa, 29 Januari 2019 / 19:04 WIB", "Selasa, 29 Januari 2019 19:04 WIB"),
    ("Rabu, 18 Jun 2025 07:30 WIB", "Rabu, 18 Jun 2025 07:30 WIB"),
])
def test_the_pre_clean_removes_outlets_labels_and_plus_signs(raw, cleaned):
    assert clean_date(raw) == cleaned


@pytest.mark.parametrize("cleaned, day_alone", [
    ("Rabu, 18 Jun 2025 07:30 WIB", "Rabu, 18 Jun 2025"),
    ("Rabu, 18 Jun 2025 pukul 07.30 WIB", "Rabu, 18 Jun 2025"),
    ("Sabtu, 1 Maret 2025 21:05 WITA", "Sabtu, 1 Maret 2025"),
    ("18/06/2025, 20:32 WIB", "18/06/2025"),
    ("2025/07/03 13:00:46", "2025/07/03"),
    ("2025-07-03T13:00:46+07:00", "2025-07-03"),
    ("19 June 2025 at 9:54 a.m. GMT", "19 June 2025"),
    # near misses: no time of day after the date, nothing is cut
    ("18.06.2025", "18.06.2025"),
    ("13 December 2018", "13 December 2018"),
    ("Juni 2025", "Juni 2025"),
    ("Senin (3/6/2024) sore", "Senin (3/6/2024) sore"),
    ("Rabu, 18 Jun 2025 WIB", "Rabu, 18 Jun 2025 WIB"),
])
def test_the_time_of_day_after_a_date_is_left_out(cleaned, day_alone):
    assert without_time(cleaned) == day_alone


def test_every_time_of_day_example_is_left_out():
    from lib.tables import languages
    for code in languages():
        if has_table(code, "dates"):
            example = clean_date(table(code, "dates")["time_of_day_example"])
            assert without_time(example) != example and _parse_day(without_time(example)) == _parse_day(example)


@pytest.mark.parametrize("raw", [
    "Rabu, 18 Jun 2025 07:30 WIB", "Kompas.com- 18/06/2025, 23:59 WIB", "Diperbarui 1 Jan 2025, 00:01 WIB",
    "2025/07/03 13:00:46", "09 September 2024 19:30", "2025-07-03T23:30:00+07:00", "18.06.25", "Senin, 18.06.25",
    "12/31/2024 11:59 PM", "Sabtu, 1 Maret 2025 | 21:05 WITA",
])
def test_the_day_without_its_time_is_the_day_of_the_whole_string(raw):
    assert parse_date(raw)[0] == _parse_day(clean_date(raw)) is not None


def test_strings_of_one_day_are_parsed_once():
    parse_date("Kamis, 4 Desember 2031 07:30 WIB")
    before = _parse_day.cache_info()
    assert parse_date("Kamis, 4 Desember 2031 21:15 WIB") == (date(2031, 12, 4), None)
    after = _parse_day.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 0)


def test_a_column_that_writes_the_month_first_is_read_so_by_its_strings_written_alike():
    column = ["7/25/2025 14:00", "10/11/2025 11:57", "10/9/2025 20:26",           # one site: month first
              "25/02/2016, 19:10 WIB", "10/05/2017, 15:01 WIB",                     # another: day first
              "Rabu, 18 Jun 2025 07:30 WIB", None, ""]
    orders = date_orders(column)
    assert orders == {"#/#/# #:#": ("MDY", "7/25/2025 14:00")}
    assert parse_date("10/11/2025 11:57", "published", orders) == (
        date(2025, 10, 11), "column 'published': read month first, as '7/25/2025 14:00' in the column shows")
    assert parse_date("10/05/2017, 15:01 WIB", "published", orders) == (date(2017, 5, 10), None)
    assert parse_date("Rabu, 18 Jun 2025 07:30 WIB", "published", orders) == (date(2025, 6, 18), None)


@pytest.mark.parametrize("column", [
    ["10/11/2025 11:57", "10/9/2025 20:26"],                  # nothing shows the order: day first, as Indonesian sites
    ["7/25/2025 14:00", "25/7/2025 14:00", "10/11/2025 11:57"],   # both orders written alike: the table's
])
def test_a_column_that_does_not_show_the_month_first_is_read_day_first(column):
    orders = date_orders(column)
    assert orders == {} and parse_date("10/11/2025 11:57", "published", orders) == (date(2025, 11, 10), None)


def test_a_table_whose_site_writes_the_month_first_gets_its_days(tmp_path):
    frame = table_of_articles()
    frame["published"] = ["8/31/2025 20:52", "10/11/2025 11:57", "13/06/2025, 09:54 WIB", "10/06/2025, 17:00 WIB",
                          "10/9/2025 6:50"]
    source = write_table(frame, tmp_path / "scraped.csv")
    run_corpus(source, tmp_path / "out", text_column="body", date_column="published", id_column="url", **FAST)
    articles = frames(tmp_path / "out")["articles"].set_index("article_id")
    assert articles.dct.tolist() == ["2025-08-31", "2025-10-11", "2025-06-13", "2025-06-10", "2025-10-09"]
    assert articles.date_note.notna().tolist() == [True, True, False, False, True]      # read month first


def test_a_parquet_column_of_zoned_timestamps_gives_the_days_written(tmp_path):
    frame = pd.DataFrame({"text": ["Warga berkumpul di balai desa.", "Polisi datang ke lokasi."],
                          "published": pd.to_datetime(["2025-06-10 23:30", "2025-06-11 07:00"]).tz_localize("Asia/Jakarta")})
    frame.to_parquet(tmp_path / "zoned.parquet")
    entries = read_corpus(tmp_path / "zoned.parquet", date_column="published")
    assert [e.date_raw for e in entries] == ["2025-06-10T23:30:00+07:00", "2025-06-11T07:00:00+07:00"]
    assert [parse_date(e.date_raw) for e in entries] == [(date(2025, 6, 10), None), (date(2025, 6, 11), None)]


def test_a_zone_offset_after_a_time_is_not_read_as_a_space():
    assert clean_date("2025-07-03T13:00:46+07:00") == "2025-07-03T13:00:46+07:00"
    assert clean_date("13+December+2018") == "13 December 2018"
    assert parse_date("2025-07-03T23:30:00+07:00") == (date(2025, 7, 3), None)


@pytest.mark.parametrize("raw, why", [
    ("segera", "is not a date with day, month and year"),
    ("Juni 2025", "is not a date with day, month and year"),
    ("kemarin", "is not a date with day, month and year"),
    ("", "is empty"),
    (None, "is empty"),
    ("31 Desember 2250", "outside the dates the workbook resolves"),
])
def test_a_date_that_does_not_parse_gives_no_day_and_says_why(raw, why):
    day, note = parse_date(raw, "published")
    assert day is None and why in note and note.startswith("column 'published'")
    assert note.endswith("the DCT is inferred from the text")


# --------------------------------------------------------------------------- an article from text

def test_article_from_text_is_loaded_like_a_file():
    text = texts()["a1"]
    article = article_from_text(text, "scraped.csv row 1")
    path = INVENTED[0]
    from lib.load import load_article
    from_file = load_article(path)
    assert (article.text, article.sha256, article.language, article.sentence_rows, article.dateline) == \
        (from_file.text, from_file.sha256, from_file.language, from_file.sentence_rows, from_file.dateline)
    assert str(article.path) == "scraped.csv row 1"
    assert annotate(article).events.equals(annotate(from_file).events)


@pytest.mark.parametrize("text, message", [
    ("<html><body><p>Berita</p></body></html>", "scraped.csv row 4: looks like an HTML page"),
    ("   \n ", "scraped.csv row 4: empty"),
    ("Teks\x00biner", "scraped.csv row 4: binary file"),
    ("Teks \ud800 rusak", "scraped.csv row 4: not valid Unicode at character 5"),
])
def test_a_bad_text_is_refused_with_its_name_and_no_temporary_path(text, message):
    with pytest.raises(ArticleError) as err:
        article_from_text(text, "scraped.csv row 4")
    assert str(err.value).startswith(message) and "corpus-" not in str(err.value)


# --------------------------------------------------------------------------- inputs

def table_of_articles() -> pd.DataFrame:
    t = texts()
    return pd.DataFrame({
        "url": [f"https://contoh.example/{k}" for k in t],
        "outlet": ["Warta Teluk", "Kabar Biru", "Warta Teluk", "Suara Pesisir", "Kabar Biru"],
        "published": ["Selasa, 10 Jun 2025 09:15 WIB", "Kompas.com- 11/06/2025, 20:32 WIB",
                      "Diperbarui 13 Jun 2025, 09:54 WIB", "2025/06/12 17:00:46", "segera"],
        "body": list(t.values()),
    })


def write_table(frame: pd.DataFrame, path):
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in frame.to_dict("records")),
                        encoding="utf-8")
    else:
        frame.to_parquet(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_table_with_text_date_id_and_carried_columns(tmp_path, suffix):
    source = write_table(table_of_articles(), tmp_path / f"scraped{suffix}")
    run = run_corpus(source, tmp_path / "out", text_column="body", date_column="published", id_column="url",
                     keep=["outlet"], **FAST)
    assert (run.articles, run.failed) == (5, 0)
    tables = frames(tmp_path / "out")
    articles = tables["articles"]
    assert list(articles.columns) == ARTICLE_COLUMNS + ["outlet"]
    assert articles.article_id.tolist() == sorted(f"https://contoh.example/a{i}" for i in range(1, 6))
    assert articles.source.tolist() == [f"scraped{suffix} row {i}" for i in range(1, 6)]
    assert articles.outlet.tolist() == ["Warta Teluk", "Kabar Biru", "Warta Teluk", "Suara Pesisir", "Kabar Biru"]
    assert articles.dct.tolist() == ["2025-06-10", "2025-06-11", "2025-06-13", "2025-06-12", "2025-06-10"]
    assert articles.dct_source.tolist() == ["date column"] * 4 + ["inferred"]
    assert articles.date_note.isna().tolist() == [True] * 4 + [False]
    assert "'segera' is not a date" in articles.date_note.iloc[4]
    for name in ("timexes", "mentions", "events", "stories"):
        table = tables[name]
        assert set(table.article_id) <= set(articles.article_id) and table.article_id.notna().all()
    assert tables["timexes"].article_id.is_monotonic_increasing


def entries_of(source, **options) -> list[tuple]:
    return [(e.article_id, e.text, e.date_raw, e.carried) for e in read_corpus(source, **options)]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_a_spreadsheet_csv_with_another_delimiter_a_bom_and_crlf_reads_as_the_comma_one(tmp_path, delimiter):
    frame = table_of_articles()
    frame.loc[0, "body"] = "Harga cabai naik; warga mengeluh, kata Ani.\n" + frame.loc[0, "body"]
    options = {"text_column": "body", "date_column": "published", "id_column": "url", "keep": ["outlet"]}
    comma = write_table(frame, tmp_path / "comma.csv")
    other = tmp_path / "spreadsheet.csv"
    other.write_bytes(frame.to_csv(index=False, sep=delimiter, lineterminator="\r\n").encode("utf-8-sig"))
    expected = entries_of(comma, **options)
    assert [(a, t.replace("\r\n", "\n"), d, c) for a, t, d, c in entries_of(other, **options)] == expected
    assert expected[0][1].startswith("Harga cabai naik; warga mengeluh, kata Ani.")   # a ; in a text: still commas


def test_a_csv_of_one_column_is_read_whole(tmp_path):
    source = tmp_path / "one.csv"
    source.write_text('text\n"Warga berkumpul, lalu bubar."\n', encoding="utf-8")
    assert [e.text for e in read_corpus(source)] == ["Warga berkumpul, lalu bubar."]


def test_a_table_that_is_not_utf8_names_the_byte_and_its_line(tmp_path):
    source = tmp_path / "latin.csv"
    source.write_bytes("text\nWarga kampung\nKaf\u00e9 baru dibuka\n".encode("cp1252"))
    with pytest.raises(ArticleError, match=r"latin.csv: not UTF-8 at byte offset 22 \(line 3, byte 0xe9\)"):
        read_corpus(source)


@pytest.mark.parametrize("lines, message", [
    (['{"text": "Warga berkumpul."}', '{"text": "Polisi datang.",}'], r"line 2, column 27: not valid JSON"),
    (['{"text": "Warga berkumpul."}', '', '["Polisi datang."]'], r"line 3: a JSON list, expected an object"),
])
def test_a_bad_jsonl_line_is_named(tmp_path, lines, message):
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=message):
        read_corpus(source)


def test_jsonl_values_stay_as_written(tmp_path):
    source = tmp_path / "t.jsonl"
    source.write_text(json.dumps({"text": "Warga\u2028berkumpul.", "date": "2025-06-10"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    [entry] = read_corpus(source, date_column="date")
    assert (entry.text, entry.date_raw) == ("Warga\u2028berkumpul.", "2025-06-10")


def test_without_an_id_column_the_ids_are_row_numbers(tmp_path):
    source = write_table(table_of_articles()[["body"]].rename(columns={"body": "text"}), tmp_path / "t.csv")
    entries = read_corpus(source)
    assert [e.article_id for e in entries] == [f"row00000{i}" for i in range(1, 6)]
    assert entries[0].date_raw is None and entries[0].carried == ()


def test_a_folder_reads_txt_files_and_their_metadata(tmp_path):
    entries = read_corpus(CORPUS)
    assert [e.article_id for e in entries][:2] == ["000_6ec3a7005892a893", "a1-nelayan-unjuk-rasa-tambang-pasir-20250610"]
    assert entries[0].meta is not None and all(e.meta is None for e in entries[1:])
    nested = tmp_path / "kompas" / "2025"
    nested.mkdir(parents=True)
    (nested / "satu.txt").write_text(texts()["a1"], encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "dua.txt").write_text(texts()["a2"], encoding="utf-8")
    (tmp_path / "catatan.md").write_text("bukan artikel", encoding="utf-8")
    assert [(e.article_id, e.source) for e in read_corpus(tmp_path)] == [("kompas/2025/satu", "kompas/2025/satu.txt")]


def test_the_seed_in_the_corpus_is_the_seed_byte_for_byte():
    for name in (SEED_ARTICLE.name, f"{SEED_ARTICLE.stem}.meta.json"):
        assert (CORPUS / name).read_bytes() == (SEEDS / name).read_bytes()


# --------------------------------------------------------------------------- bad articles and bad usage

def mixed_folder(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in INVENTED[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "halaman.txt").write_text("<!DOCTYPE html><html><body><p>Berita</p></body></html>", encoding="utf-8")
    (folder / "kosong.txt").write_text("  \n", encoding="utf-8")
    (folder / "cp1252.txt").write_bytes("Berita tentang caf\xe9 di Jakarta.".encode("cp1252"))
    (folder / "english.txt").write_text("The president said that he would speak with the leaders of the alliance "
                                        "on Thursday, and the talks were expected to last for two hours.",
                                        encoding="utf-8")
    with (folder / "besar.txt").open("wb") as handle:        # larger than the loader reads
        handle.truncate(MAX_BYTES + 1)
    return folder


def test_bad_articles_become_errors_and_never_stop_the_batch(tmp_path):
    run = run_corpus(mixed_folder(tmp_path), tmp_path / "out", **FAST)
    assert (run.articles, run.failed, run.ok) == (7, 5, 2)
    tables = frames(tmp_path / "out")
    errors = tables["errors"].set_index("article_id").message.to_dict()
    assert "looks like an HTML page" in errors["halaman"]
    assert "empty" in errors["kosong"]
    assert "not UTF-8 at byte offset 18" in errors["cp1252"]
    assert "language 'en'" in errors["english"]
    assert f"larger than {MAX_BYTES:,} bytes" in errors["besar"]
    assert all(message.startswith(f"{article_id}.txt: ") for article_id, message in errors.items())
    assert tables["articles"].set_index("article_id").status.to_dict() == {
        "a1-nelayan-unjuk-rasa-tambang-pasir-20250610": "ok", "a2-serikat-nelayan-demo-kantor-bupati-20250611": "ok",
        "besar": "failed", "cp1252": "failed", "english": "failed", "halaman": "failed", "kosong": "failed"}
    assert not (set(tables["mentions"].article_id) & set(errors))


def test_the_command_line_runs_a_local_cluster_and_exits_1_when_some_failed(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "lib", "corpus", str(mixed_folder(tmp_path)), "--out", str(out),
                             "--workers", "1"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("7 articles: 2 ok, 5 failed (listed in errors.parquet)")
    assert "Traceback" not in result.stderr and "articles/s" in result.stderr        # the progress bar
    assert [name for name in TABLES if not (out / f"{name}.parquet").exists()] == []


def test_the_command_line_exits_0_when_all_went_through(tmp_path, capsys):
    source = write_table(table_of_articles(), tmp_path / "scraped.csv")
    with LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster:     # an existing cluster
        status = cli.main(["corpus", str(source), "--out", str(tmp_path / "out"), "--text-column", "body",
                           "--date-column", "published", "--keep", "outlet", "url", "--scheduler",
                           cluster.scheduler_address, "--no-progress"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert captured.out.startswith("5 articles: 5 ok, 0 failed; 5 annotated now, 0 reused")
    assert captured.err == ""
    assert frames(tmp_path / "out")["articles"].url.tolist()[0] == "https://contoh.example/a1"


@pytest.mark.parametrize("args, message", [
    (["missing-folder"], "missing-folder: no such file or folder"),
    (["{csv}", "--text-column", "isi"], "no column 'isi' for --text-column (columns: url, outlet, published, body); "
                                        "name the text column with --text-column"),
    (["{csv}", "--text-column", "body", "--date-column", "tanggal"], "no column 'tanggal' for --date-column"),
    (["{csv}", "--text-column", "body", "--keep", "judul"], "no column 'judul' for --keep"),
    (["{csv}", "--text-column", "body", "--keep", "status"], "--keep 'status': the articles table has a column"),
    (["{csv}", "--text-column", "body", "--id-column", "outlet"], "rows 1 and 3 have the same id 'Warta Teluk'"),
    (["{csv}", "--text-column", "body", "--workers", "0"], "--workers: expected at least 1, got 0"),
    (["{csv}", "--text-column", "body", "--workers", "1", "--scheduler", "tcp://127.0.0.1:1"], "--workers sets"),
    (["{folder}", "--text-column", "body"], "--text-column name columns of a table"),
    (["{readme}"], "expected a folder of .txt files or a table ending in .csv"),
    (["{empty}"], "the table has no rows"),
    (["{bad_jsonl}"], "not a readable JSONL table"),
])
def test_bad_usage_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    paths = {"csv": write_table(table_of_articles(), tmp_path / "scraped.csv"), "folder": CORPUS,
             "readme": CORPUS / "README.md", "empty": tmp_path / "empty.csv", "bad_jsonl": tmp_path / "bad.jsonl"}
    paths["empty"].write_text("text,date\n", encoding="utf-8")
    paths["bad_jsonl"].write_text("{not json\n", encoding="utf-8")
    argv = ["corpus", *[a.format(**paths) for a in args], "--out", str(tmp_path / "out"), "--no-progress"]
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines


def test_missing_out_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_:
        cli.main(["corpus", str(CORPUS)])
    assert exit_.value.code == 2


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(lib.corpus, "CONNECT_TIMEOUT", "1s")
    status = cli.main(["corpus", str(CORPUS), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9",
                       "--no-progress"])
    assert status == 2 and "--scheduler tcp://127.0.0.1:9: could not connect" in capsys.readouterr().err


# --------------------------------------------------------------------------- safe to stop and rerun

def test_a_rerun_skips_done_articles_and_gives_the_same_tables(tmp_path):
    out = tmp_path / "out"
    first = run_corpus(CORPUS, out, batch_size=2, **FAST)
    assert (first.annotated, first.reused) == (7, 0)
    assert sorted(len(lib.corpus._read_keys(path)) for path in results(out)) == [1, 2, 2, 2]   # one file per batch
    before = digests(out)
    again = run_corpus(CORPUS, out, **FAST)
    assert (again.annotated, again.reused) == (0, 7)
    assert digests(out) == before
    lost = [path for path in results(out) if len(lib.corpus._read_keys(path)) == 2][:2]
    for path in lost:                                   # a run killed before these batches were kept
        path.unlink()
    third = run_corpus(CORPUS, out, **FAST)
    assert (third.annotated, third.reused) == (4, 3)
    assert digests(out) == before
    assert sorted(kept_keys(out)) == sorted(set(kept_keys(out))) and len(kept_keys(out)) == 7   # nothing twice


def test_the_tables_do_not_depend_on_the_batches_nor_on_duplicated_texts(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(12):                                     # four texts, each three times under other names
        (corpus / f"artikel-{n:02d}.txt").write_text(texts()[f"a{n % 4 + 1}"], encoding="utf-8")
    whole = run_corpus(corpus, tmp_path / "whole", batch_size=1, **FAST)
    assert (whole.articles, whole.annotated) == (12, 4)
    for size in (3, 100):
        run_corpus(corpus, tmp_path / f"out{size}", batch_size=size, **FAST)
        assert digests(tmp_path / f"out{size}") == digests(tmp_path / "whole")
    tables = frames(tmp_path / "whole")
    counts = tables["mentions"].groupby("article_id").size()
    assert counts["artikel-00"] == counts["artikel-04"] == counts["artikel-08"] > 0


def test_results_kept_one_file_per_article_by_an_earlier_version_are_removed(tmp_path):
    out = tmp_path / "out"
    (out / WORK / "ab").mkdir(parents=True)
    (out / WORK / "ab" / f"ab{'0' * 62}.pkl").write_bytes(b"old")
    assert run_corpus(CORPUS, out, **FAST).annotated == 7
    assert not (out / WORK / "ab").exists() and len(kept_keys(out)) == 7


def test_other_options_are_not_answered_from_the_work_area(tmp_path):
    out = tmp_path / "out"
    run_corpus(CORPUS, out, **FAST)
    assert run_corpus(CORPUS, out, gazetteer=False, **FAST).annotated == 7


def test_a_partial_temporary_file_and_a_damaged_result_are_redone(tmp_path):
    out = tmp_path / "out"
    run_corpus(CORPUS, out, batch_size=2, **FAST)
    before = digests(out)
    kept = results(out)
    partial = kept[0].with_name(f".{kept[0].stem}.x1y2z3.tmp")       # a write killed half-way
    partial.write_bytes(kept[0].read_bytes()[:100])
    damaged = len(lib.corpus._read_keys(kept[1]))
    kept[1].write_bytes(kept[1].read_bytes()[:50])                    # a batch damaged on disk: header and all
    (out / ".events.parquet.a1b2.tmp").write_bytes(b"PAR1")           # a table killed half-way
    rerun = run_corpus(CORPUS, out, **FAST)
    assert (rerun.annotated, rerun.reused) == (damaged, 7 - damaged)
    assert not partial.exists() and not list(out.glob(".*.tmp"))
    assert digests(out) == before
    header = len(pickle.dumps({"format": lib.corpus.BATCH_FORMAT, "keys": lib.corpus._read_keys(kept[2])}, protocol=5))
    kept[2].write_bytes(kept[2].read_bytes()[:header + 20])           # a header that reads, the results do not
    assert run_corpus(CORPUS, out, **FAST).reused == 7                 # annotated again in this process when assembling
    assert digests(out) == before
    for path in results(out):                                         # the damaged file removed or replaced
        lib.corpus._Batch.read(path)
    assert run_corpus(CORPUS, out, **FAST).annotated == 0 and digests(out) == before


def test_killed_at_any_moment_and_run_again_gives_identical_tables(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(30):                                     # distinct contents: each is annotated
        text = texts()[f"a{n % 5 + 1}"]
        (corpus / f"artikel-{n:02d}.txt").write_text(f"{text}\nKode arsip {n:02d}.\n", encoding="utf-8")
    whole = tmp_path / "whole"
    run_corpus(corpus, whole, **FAST)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "lib", "corpus", str(corpus), "--out", str(out), "--workers", "1", "--no-progress"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while not results(out) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    killed = process.poll() is None
    os.killpg(process.pid, signal.SIGKILL)                  # the run and its Dask workers
    process.wait()
    if killed:                                              # stopped before the end: articles left to annotate,
        written = [name for name in TABLES if (out / f"{name}.parquet").exists()]   # or the tables not all written
        assert len(kept_keys(out)) < 30 or written != list(TABLES)
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert digests(out) == digests(whole)


# --------------------------------------------------------------------------- across articles

def event(article, event_id, type_, actors, start=None, end=None, basis="same clause", dct="2025-06-12"):
    return {"article_id": article, "dct": dct, "event_id": event_id, "type": type_, "mode": None, "actors": actors,
            "recipients": None, "value": start, "range_start": start, "range_end": end,
            "time_basis": basis if start else None, "status": "occurred", "attributed_to": None, "mentions": 1,
            "first": int(event_id[1:]), "triggers": "unjuk rasa", "named": actors}


def grouped(rows) -> list[list[tuple[str, str]]]:
    table = stories(pd.DataFrame(rows, columns=CORPUS_EVENT_COLUMNS))
    assert list(table.columns) == STORY_COLUMNS
    return [list(zip(g.article_id, g.event_id)) for _, g in table.groupby("story_id", sort=True)]


def test_same_type_but_other_participants_is_a_near_miss():
    rows = [event("a1", "e1", "PROTEST", "serikat-nelayan", "2025-06-10", "2025-06-11"),
            event("a2", "e1", "PROTEST", "serikat-nelayan", "2025-06-10", "2025-06-11"),
            event("a5", "e1", "PROTEST", "ikatan-mahasiswa", "2025-06-10", "2025-06-11")]
    assert grouped(rows) == [[("a1", "e1"), ("a2", "e1")], [("a5", "e1")]]


def test_dates_a_day_apart_are_one_story_that_disagrees_and_a_fortnight_apart_are_two():
    rows = [event("a1", "e1", "PROTEST", "serikat-nelayan", "2025-06-10", "2025-06-11", dct="2025-06-10"),
            event("a2", "e1", "PROTEST", "serikat-nelayan", "2025-06-11", "2025-06-12", dct="2025-06-11"),
            event("a3", "e1", "PROTEST", "serikat-nelayan", "2025-06-24", "2025-06-25", dct="2025-06-24")]
    assert grouped(rows) == [[("a1", "e1"), ("a2", "e1")], [("a3", "e1")]]
    table = stories(pd.DataFrame(rows, columns=CORPUS_EVENT_COLUMNS))
    assert table.first_reported.tolist() == ["a1", "a1", "a3"]
    found = disagreements(table)
    assert found[["story_id", "articles", "days_apart", "first_reported"]].values.tolist() == [["s0001", 2, 1, "a1"]]
    assert found.dates.iloc[0] == "a1: 2025-06-10; a2: 2025-06-11"


def test_a_story_does_not_drift_day_by_day():
    rows = [event(f"a{n}", "e1", "PROTEST", "serikat-nelayan", f"2025-06-{d:02d}", f"2025-06-{d + 1:02d}")
            for n, d in enumerate([1, 5, 9, 13], start=1)]
    assert grouped(rows) == [[("a1", "e1"), ("a2", "e1")], [("a3", "e1"), ("a4", "e1")]]


def test_only_dated_events_with_a_named_participant_link_and_assumed_dates_must_overlap():
    rows = [event("a1", "e1", "PROTEST", "serikat-nelayan", "2025-06-10", "2025-06-11"),
            event("a2", "e1", "PROTEST", "serikat-nelayan"),                                   # no date
            event("a3", "e1", "PROTEST", None, "2025-06-10", "2025-06-11"),                   # no named actor
            event("a1", "e2", "STATEMENT", "sutrisno-hadi", "2025-06-10", "2025-06-11", basis="DCT"),
            event("a2", "e2", "STATEMENT", "sutrisno-hadi", "2025-06-12", "2025-06-13", basis="DCT"),
            event("a1", "e3", "CONSULT", "darmawan-siregar", "2025-06-01", "2025-07-01"),     # a month and a day
            event("a2", "e3", "CONSULT", "darmawan-siregar", "2025-07-03", "2025-07-04")]
    assert all(len(story) == 1 for story in grouped(rows))


def test_two_events_of_one_article_are_never_one_story():
    rows = [event("a1", "e1", "PROTEST", "serikat-nelayan", "2025-06-10", "2025-06-11"),
            event("a1", "e2", "PROTEST", "serikat-nelayan", "2025-06-10", "2025-06-11")]
    assert grouped(rows) == [[("a1", "e1")], [("a1", "e2")]]


def reference_stories(records: list[dict], tolerance_days: int = 7, precise_days: int = 7) -> list[list]:
    """The stories as the rule says, plainly (every event compared with every member of every candidate story):
    what the faster :func:`lib.corpus.stories` must give, as rows of ``STORY_COLUMNS``."""
    from collections import defaultdict

    def ids(value):
        return [i for i in value.split(";") if i] if isinstance(value, str) else []

    for r in records:
        r["span"] = (date.fromisoformat(r["range_start"]), date.fromisoformat(r["range_end"])) \
            if isinstance(r["range_start"], str) and isinstance(r["range_end"], str) else None
        r["dct"] = r["dct"] if isinstance(r["dct"], str) else None

    def precise(r):
        return r["time_basis"] != "DCT" and (r["span"][1] - r["span"][0]).days <= precise_days

    def compatible(a, b):
        gap = (max(a["span"][0], b["span"][0]) - min(a["span"][1], b["span"][1])).days
        return gap < tolerance_days if precise(a) and precise(b) else gap < 0

    order = sorted(records, key=lambda r: (r["span"] is None, r["span"] or (date.max, date.max), r["dct"] or "~",
                                           r["article_id"], int(r["first"])))
    groups, index = [], defaultdict(list)
    for r in order:
        named = set(ids(r["named"]))
        linkable = r["span"] is not None and named
        candidates = sorted({g for p in named for g in index[(r["type"], p)]}) if linkable else []
        fitting = [g for g in candidates if r["article_id"] not in groups[g]["articles"]
                   and all(compatible(r, m) for m in groups[g]["members"])]
        chosen = max(fitting, key=lambda g: (len(named & groups[g]["named"]), -g)) if fitting else len(groups)
        if not fitting:
            groups.append({"members": [], "articles": set(), "named": set()})
        group = groups[chosen]
        group["members"].append(r)
        group["articles"].add(r["article_id"])
        if linkable:
            for p in sorted(named - group["named"]):
                group["named"].add(p)
                index[(r["type"], p)].append(chosen)
    width, rows = max(4, len(str(len(groups)))), []
    for number, group in enumerate(groups, start=1):
        members = sorted(group["members"], key=lambda r: (r["article_id"], int(r["first"])))
        dated = sorted((r["dct"], r["article_id"]) for r in members if r["dct"])
        joined = ";".join(sorted({p for r in members for p in ids(r["actors"]) + ids(r["recipients"])})) or None
        rows += [[f"s{number:0{width}d}", *(r[k] for k in STORY_COLUMNS[1:11]), joined, len(group["articles"]),
                  dated[0][1] if dated else None] for r in members]
    return rows


@pytest.mark.parametrize("seed", range(40))
def test_stories_are_what_the_plain_rule_gives(seed):
    import random

    rng = random.Random(seed)
    rows = []
    for n in range(rng.randrange(0, 80)):
        start = date(2025, 6, 1).toordinal() + rng.randrange(30)
        end = start + rng.choice([1, 1, 2, 7, 8, 31, 365])
        dated = rng.random() < 0.8
        named = ";".join(sorted(rng.sample(["serikat-nelayan", "sutrisno-hadi", "darmawan-siregar", "dprd"],
                                           rng.randrange(3)))) or None
        row = event(f"a{rng.randrange(12):02d}", f"e{n}", rng.choice(["PROTEST", "CONSULT"]), named,
                    date.fromordinal(start).isoformat() if dated else None,
                    date.fromordinal(end).isoformat() if dated else None,
                    basis=rng.choice(["DCT", "same clause", "sentence"]), dct=rng.choice([None, "2025-06-10", "2025-06-12"]))
        row.update(actors=rng.choice([named, None, "warga;serikat-nelayan"]), recipients=rng.choice([None, "dprd", ""]))
        rows.append(row)
    tolerance, precise = rng.choice([(7, 7), (0, 0), (3, 10), (30, 400)])
    table = stories(pd.DataFrame(rows, columns=CORPUS_EVENT_COLUMNS), tolerance, precise)
    expected = reference_stories([dict(r) for r in rows], tolerance, precise)
    assert table.astype(object).where(table.notna(), None).values.tolist() == expected


def test_group_nouns_and_bare_roles_do_not_link_articles():
    mentions = pd.DataFrame({"article_id": ["a", "a", "a"], "actor": ["warga", "presiden", "serikat-nelayan"],
                             "kind": ["group", "person", "organization"], "how": ["group noun", "role", "org pattern"]})
    events_ = pd.DataFrame([{"article_id": "a", "mention": "v1", "event_id": "e1", "start": 0, "end": 4, "text": "demo",
                             "sentence": 0, "type": "PROTEST", "mode": None, "actors": "warga;presiden;serikat-nelayan",
                             "recipients": None, "timex": None, "value": None, "range_start": None, "range_end": None,
                             "time_basis": None, "status": "occurred", "attributed_to": None, "rule": "protest"}])
    rows = corpus_events(events_, mentions, pd.DataFrame({"article_id": ["a"], "dct": ["2025-06-10"]}))
    assert rows.named.tolist() == ["serikat-nelayan"]


def test_the_seed_corpus_has_one_disagreement_and_a_near_miss(tmp_path):
    run_corpus(CORPUS, tmp_path / "out", **FAST)
    tables = frames(tmp_path / "out")
    table = tables["stories"]
    shared = table[table.articles > 1]
    protest = shared[shared.type == "PROTEST"]
    assert protest.article_id.str[:2].tolist() == ["a1", "a2", "a3"]
    assert protest.value.tolist() == ["2025-06-10", "2025-06-11", "2025-06-10"]
    assert protest.first_reported.str[:2].unique().tolist() == ["a1"]
    students = table[table.article_id.str.startswith("a5") & (table.type == "PROTEST")]
    assert (students.articles == 1).all() and not set(students.story_id) & set(protest.story_id)
    found = disagreements(table)
    assert found.story_id.tolist() == protest.story_id.unique().tolist() and found.days_apart.tolist() == [1]
    cast = corpus_cast(tables["mentions"]).set_index("actor")
    # a1, a3, a4 name him after his title, a2 after "Menurut" opening its sentence
    assert cast.loc["sutrisno-hadi", "articles"] == 4 and cast.loc["sutrisno-hadi", "name"] == "Sutrisno Hadi"

    fig = story_timeline(table)
    gids = {artist.get_gid() for ax in fig.axes for artist in ax.get_children() if artist.get_gid()}
    assert {f"story:{s}:{a}" for s, a in zip(shared.story_id, shared.article_id)} <= gids
    assert f"disagree:{found.story_id.iloc[0]}" in gids
    assert tuple(fig.get_size_inches()) == (WIDTH, 1.7 + 0.34 * (len(shared) + shared.story_id.nunique()))


def test_the_timeline_says_when_there_is_nothing_to_draw():
    fig = story_timeline(pd.DataFrame(columns=STORY_COLUMNS))
    assert [t.get_text() for t in fig.axes[0].texts] == ["no stories"]


def _imported_lib_modules(*start: str) -> set[str]:
    """The files of ``lib/`` that the modules ``start`` import, directly or not (read from their source, imports
    inside functions too)."""
    import ast

    todo, found = list(start), set()
    while todo:
        module = todo.pop()
        path = ROOT / "lib" / f"{module}.py"
        if module in found or not path.exists():
            continue
        found.add(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "lib":
                parts = node.module.split(".")
                todo += [parts[1]] if len(parts) > 1 else [alias.name for alias in node.names] + ["__init__"]
            elif isinstance(node, ast.Import):
                todo += [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("lib.")]
    return {f"{module}.py" for module in found}


def test_the_work_area_key_covers_the_code_that_annotates_and_the_tables():
    names = {path.relative_to(ROOT / "lib").as_posix() for path in lib.corpus._pipeline_files()}
    assert {"annotate.py", "load.py", "dct.py", "timexes.py", "actors.py", "events.py", "corpus.py",
            "lang/id/time.json", "lang/id/dates.json"} <= names
    assert not names & {"cli.py", "charts.py", "corpus_charts.py", "exports.py"}
    # every module that annotating runs is in the key: none of those the key leaves out is imported
    assert _imported_lib_modules("corpus", "annotate") <= names
    assert not _imported_lib_modules("corpus", "annotate") & lib.corpus.NOT_ANNOTATING


def test_the_import_reader_of_that_test_sees_an_import_inside_a_function():
    assert "exports.py" in _imported_lib_modules("cli")          # the command line imports it where it exports


def test_a_second_cluster_on_the_machine_gives_no_warning(tmp_path):
    import socket
    import warnings

    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 8787))                  # where Dask's web server goes by default
        taken.listen()
    except OSError:
        pass                                             # taken already
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            run_corpus(CORPUS, tmp_path / "out", **FAST)
    finally:
        taken.close()
