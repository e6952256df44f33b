"""A corpus: a folder of articles or a scraper's table, annotated in parallel on Dask, and the stories across them.

    run = run_corpus("seeds/corpus", "out/corpus")                  # a folder of .txt files
    run = run_corpus("scraped.csv", "out/scraped", text_column="body", date_column="published",
                     id_column="url", keep=["outlet", "title"])       # a table, one article per row

Inputs (:func:`read_corpus`): a folder of ``.txt`` files, one article each, searched recursively
(a ``<name>.meta.json`` beside a file is read by :func:`lib.load.load_article`), or a CSV, JSONL
or Parquet table with one article per row. For a table, options name the text column (default
``text``), the date column (date strings as sites print them, parsed with dateparser by
:func:`parse_date`: the parsed day is the article's DCT; a date that does not parse is noted in
``articles`` and the DCT is then inferred from the text), the id column (default: the row number)
and the columns carried along into ``articles`` (outlet, URL, title).

Outputs in ``out`` (:func:`run_corpus`), every row carrying ``article_id``, sorted by it and then
in each article's own order (``stories`` by story): ``articles.parquet`` (one row per input article, ``status`` ok or
failed), ``timexes``, ``mentions``, ``events`` (the tables of :mod:`lib.timexes`, :mod:`lib.actors`,
:mod:`lib.events`), ``errors`` (``article_id``, ``source``, ``message``) and ``stories`` (events
of different articles that are one real-world event, :func:`stories`). A bad article is a row of
``errors`` and never stops the batch.

Safe to stop and rerun: each article's result is kept in ``out/work/`` under a key made of the
sha256 of its content (with its ``.meta.json`` and its date string) and of the options (with a
fingerprint of the modules that annotate and of the language tables, so a changed rule is never
answered from an old result). Results are kept one file per Dask task (``<name>.batch``: a header
listing its keys, then the batch's summaries and rows as Arrow tables), each written whole (a
temporary file, then a rename); a rerun annotates only the articles whose key no batch file
holds, and the tables are assembled from ``work/`` and written whole, so a run killed at any
moment and run again gives the same tables as one uninterrupted run, whatever the batches were.
``work/`` may be deleted at any time: that costs only the time to annotate again.

Parallel work is Dask's: a ``distributed.LocalCluster`` on this machine's cores (one process and
one thread per worker) unless ``scheduler`` names an existing cluster. Articles go to the workers
in batches (up to ``MAX_BATCH``, smaller towards the end of a run); a worker turns its batch into
compact Arrow tables and returns them as bytes, which the client writes as they are. The client
reads the inputs and writes ``out``, so the workers need the workbook's code and environment but
no shared folder. The client then streams the batches into the Parquet tables, a few batches at a
time: besides the inputs' list (and a table's texts), it holds only the events that the stories
are made of.

Where the time goes is measured by ``python -m lib.tools.benchmark_corpus``: on a worker, the
pipeline itself (loading and :func:`lib.annotate.annotate`) and about half a millisecond per article
of corpus work (rows to Arrow, :func:`lib.events.event_table_rows`, packing); in the client, a few
tenths of a millisecond per article (Dask's scheduling, writing the batches, the tables and the
stories).
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import pickle
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import pandas as pd

from lib import LANG_DIR, actors, events, timexes
from lib.annotate import annotate
from lib.dct import EARLIEST, LATEST
from lib.errors import ArticleError
from lib.files import utf8_text, write_atomic
from lib.load import MAX_BYTES, Article, load_bytes, read_text
from lib.tables import alternation, has_table, languages, table

TABLES = ("articles", "timexes", "mentions", "events", "errors", "stories")
TABLE_SUFFIXES = {".csv": "CSV", ".jsonl": "JSONL", ".ndjson": "JSONL", ".parquet": "Parquet", ".pq": "Parquet"}
WORK = "work"
CONNECT_TIMEOUT = "10s"            # to reach an existing Dask scheduler (--scheduler)
MIN_BATCH, MAX_BATCH = 16, 200     # articles per Dask task: enough to make the task overhead small
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                       "distributed.admin.system-monitor.gil.enabled": False}
# the modules of lib/ that annotating an article never runs: an edit of one of them keeps the work area's results
# (a test checks that neither this module nor lib.annotate imports any of them)
NOT_ANNOTATING = frozenset({"__main__.py", "charts.py", "cli.py", "corpus_charts.py", "evaluate.py", "exports.py",
                            "render.py", "timeline.py"})
BATCH_SUFFIX = ".batch"            # a batch of results in the work area (one file per Dask task)
BATCH_FORMAT = 1                   # the layout of a batch file (:func:`_pack`)
KEEP_BATCHES = 8                   # batch files held while the tables are assembled
FLUSH_ROWS = 50_000                # rows of timexes, mentions, events gathered before they are written
PARQUET_ROW_GROUP = 1024 * 1024    # pyarrow's default row group: articles, errors, stories are written in these
INTEGER_COLUMNS = {"start", "end", "sentence", "characters", "timexes", "mentions", "events", "articles", "days_apart"}
ARTICLE_COLUMNS = ["article_id", "source", "status", "sha256", "characters", "language", "date_raw", "date",
                   "date_note", "dct", "dct_source", "dct_confidence", "dct_range_start", "dct_range_end", "dct_note",
                   "timexes", "mentions", "events"]
ERROR_COLUMNS = ["article_id", "source", "message"]
ROW_TABLES = ("timexes", "mentions", "events")
ROW_COLUMNS = {"timexes": timexes.COLUMNS, "mentions": actors.COLUMNS, "events": events.COLUMNS}
RECORD_FIELDS = ["ok", "message", "date", "date_note", "characters", "language", "dct", "dct_source", "dct_confidence",
                 "dct_range_start", "dct_range_end", "dct_note"]
_REQUIRED = {name: frozenset(columns) for name, columns in ROW_COLUMNS.items()}
STORY_EVENT_COLUMNS = ["event_id", "type", "actors", "recipients", "value", "range_start", "range_end", "time_basis",
                       "first", "named"]
STORY_COLUMNS = ["story_id", "article_id", "event_id", "type", "actors", "recipients", "value", "range_start",
                 "range_end", "time_basis", "dct", "story_actors", "articles", "first_reported"]
CORPUS_EVENT_COLUMNS = ["article_id", "dct"] + events.EVENT_COLUMNS + ["named"]
DISAGREEMENT_COLUMNS = ["story_id", "type", "story_actors", "articles", "dates", "earliest", "latest", "days_apart",
                        "first_reported"]


# ----------------------------------------------------------------------------- dates as sites write them

@lru_cache(maxsize=None)
def _date_rules() -> tuple[re.Pattern, re.Pattern, tuple[str, ...], str]:
    """The pre-clean pattern (an outlet or a label before the date), the time of day after the date (with the
    word before it and its zone), dateparser's languages, the date order."""
    codes = tuple(code for code in languages() if has_table(code, "dates"))
    tables = [table(code, "dates") for code in codes]
    labels = [label for t in tables for label in t["labels"]]
    outlets = [outlet for code in languages() if has_table(code, "load") for outlet in table(code, "load")["outlets"]]
    words = alternation(set(labels + outlets))
    prefix = re.compile(rf"^\s*(?:(?:{words})(?![\w.])|[\w-]+(?:\.[\w-]+)*\.(?:com|co|id|net|org)\b)\s*[:|\-–—]?\s*",
                        re.IGNORECASE)
    # the words before a time of day and its zones: those of a language's time table (its clock rule's), else of its
    # dates table
    clocks = [table(code, "time") if has_table(code, "time") else t for code, t in zip(codes, tables)]
    before, zones = (alternation(w for t in clocks for w in t[key]) for key in ("clock_words", "zones"))
    time_of_day = re.compile(rf"(?:^|(?<=\d)T|[\s,]+)(?:(?:{before})\s+)?\d{{1,2}}[:.]\d\d(?:[:.]\d\d(?:[.,]\d+)?)?"
                             rf"(?:\s*(?:{zones})(?![\w.])|\s*[+-]\d{{1,2}}(?::?\d\d)?|Z)*\s*$", re.IGNORECASE)
    ordered = ("id",) + tuple(c for c in codes if c != "id") if "id" in codes else codes
    return prefix, time_of_day, ordered, table(ordered[0], "dates")["date_order"]


def clean_date(raw: str) -> str:
    """A date string as a site prints it, without what is not the date: outlet and label prefixes, ``+``, `` / ``.

    >>> clean_date("Kompas.com- 18/06/2025, 20:32 WIB")
    '18/06/2025, 20:32 WIB'
    >>> clean_date("Diperbarui 19 Jun 2025, 09:54 WIB")
    '19 Jun 2025, 09:54 WIB'
    >>> clean_date("13+December+2018")
    '13 December 2018'
    """
    prefix = _date_rules()[0]
    text = re.sub(r"(?<!:\d\d)\+", " ", raw)        # 13+December+2018; not the + of a zone after a time (09:54+07:00)
    while True:                                   # "Kompas.com - Diperbarui 19 Jun 2025"
        stripped = prefix.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\s+/\s+", " ", text)          # "Selasa, 29 Januari 2019 / 19:04 WIB"
    return " ".join(text.split())


def without_time(cleaned: str) -> str:
    """A cleaned date string (:func:`clean_date`) without the time of day after the date: the day alone, which
    many articles of a scrape share (a time of day never moves the day: no time zone is converted).

    >>> without_time("Rabu, 18 Jun 2025 pukul 07.30 WIB"), without_time("2025-07-03T13:00:46+07:00")
    ('Rabu, 18 Jun 2025', '2025-07-03')
    """
    return _date_rules()[1].sub("", cleaned, count=1)


# a numeric date: day and month (in either order) and year, as 10/11/2025, 25.02.2016, 7-25-25
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?![\d/.-])")


def _shape(cleaned: str) -> str:
    """How a cleaned date string is written, its numbers left out: the strings one site's template prints share it
    (``7/25/2025 14:00`` and ``10/11/2025 11:57``; ``25/02/2016, 19:10 WIB`` is another)."""
    return re.sub(r"\d+", "#", cleaned)


def date_orders(raws) -> dict[str, tuple[str, str]]:
    """The order of day and month of a column's numeric dates, told by the strings that show it: ``shape ->
    (order, the first string that shows it)`` for each way of writing (:func:`_shape`) whose strings show one order
    only, and not the table's (``date_order``): a first number above 12 is a day (``25/02/2016``), a second one
    makes the first the month (``7/25/2025``). Strings written alike take that order (``10/11/2025`` beside
    ``8/31/2025`` is 11 October); a way of writing that shows both orders, or none, keeps the table's.

    >>> date_orders(["7/25/2025 14:00", "10/11/2025 11:57", "25/02/2016, 19:10 WIB", "10/05/2017, 15:01 WIB"])
    {'#/#/# #:#': ('MDY', '7/25/2025 14:00')}
    """
    default, seen = _date_rules()[3], {}
    for raw in raws:
        cleaned = clean_date(str(raw)) if raw else ""
        m = _NUMERIC_DATE.search(cleaned)
        if m is not None:
            first, second = int(m[1]), int(m[2])
            shown = seen.setdefault(_shape(cleaned), {})
            if first > 12 >= second:
                shown.setdefault("DMY", str(raw))
            elif second > 12 >= first:
                shown.setdefault("MDY", str(raw))
    return {shape: next(iter(shown.items())) for shape, shown in seen.items() if len(shown) == 1 and default not in shown}


def parse_date(raw: str | None, column: str = "date", orders: dict | None = None) -> tuple[date | None, str | None]:
    """``(day, note)`` of a date string from a scraper's ``column``: the day it names, else ``None`` and why.

    The day is the one written (``20:32 WIB`` stays on its own day, no time zone is converted);
    a string that names no full day (``Juni 2025``, ``kemarin``) gives no day. The day is parsed
    without the time of day (:func:`without_time`), once for all the strings that share it, and from
    the whole string when that gives none. A numeric date is read day first, as Indonesian sites write
    it, unless ``orders`` (:func:`date_orders` of the column) says that the column's strings written
    alike put the month first; the note then says which string showed it.

    >>> parse_date("Rabu, 18 Jun 2025 07:30 WIB")
    (datetime.date(2025, 6, 18), None)
    >>> parse_date("segera")[1]
    "column 'date': 'segera' is not a date with day, month and year; the DCT is inferred from the text"
    >>> parse_date("10/11/2025 11:57", "published", date_orders(["8/31/2025 20:52"]))
    (datetime.date(2025, 10, 11), "column 'published': read month first, as '8/31/2025 20:52' in the column shows")
    """
    if raw is None or not str(raw).strip():
        return None, f"column {column!r} is empty; the DCT is inferred from the text"
    cleaned = clean_date(str(raw))
    order, shown = (orders or {}).get(_shape(cleaned), (None, None)) if _NUMERIC_DATE.search(cleaned) else (None, None)
    day = _parse_day(without_time(cleaned), order) or _parse_day(cleaned, order)
    if day is None:
        return None, f"column {column!r}: {raw!r} is not a date with day, month and year; the DCT is inferred from the text"
    if not EARLIEST <= day <= LATEST:
        return None, (f"column {column!r}: {raw!r} is {day.isoformat()}, outside the dates the workbook resolves; "
                      "the DCT is inferred from the text")
    return day, (f"column {column!r}: read month first, as {shown!r} in the column shows" if order else None)


@lru_cache(maxsize=65536)
def _parse_day(cleaned: str, order: str | None = None) -> date | None:
    """The day (with month and year) dateparser reads in a cleaned date string, numbers in ``order`` (else the
    table's ``date_order``), or ``None`` (kept for the strings met again: dateparser takes milliseconds a string)."""
    import dateparser

    if not cleaned:
        return None
    _, _, codes, default = _date_rules()
    settings = {"DATE_ORDER": order or default, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False, "PARSERS": ["absolute-time"]}
    parsed = dateparser.parse(cleaned, languages=list(codes), settings=settings)
    return parsed.date() if parsed else None


# ----------------------------------------------------------------------------- an article from text

def article_from_text(text: str, name: str) -> Article:
    """An :class:`Article` from a text held in memory (a row of a table), called ``name`` in messages.

    >>> article_from_text("Presiden akan berbicara dengan para pemimpin yang hadir di sana pada Kamis.", "row 1").language
    'id'
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ArticleError(f"{name}: not valid Unicode at character {exc.start} ({text[exc.start]!r})") from None
    return load_bytes(data, name)


# ----------------------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Entry:
    """One input article: its id, where it comes from (for people), and its file or its text.

    ``path`` is a file of a folder (with ``meta`` its ``.meta.json`` when there is one); ``text``
    the text of a table's row. ``date_raw`` is the row's date string; ``carried`` the kept columns.
    """

    article_id: str
    source: str
    path: Path | None = None
    meta: Path | None = None
    text: str | None = None
    date_raw: str | None = None
    carried: tuple = ()


def read_corpus(source: str | Path, text_column: str | None = None, date_column: str | None = None,
                id_column: str | None = None, keep: tuple | list = ()) -> list[Entry]:
    """The articles of a folder or a table, sorted by ``article_id``; a bad option is an :class:`ArticleError`."""
    source = Path(source)
    if not str(source):
        raise ArticleError("INPUT: empty path")
    if not source.exists():
        raise ArticleError(f"{source}: no such file or folder")
    if source.is_dir():
        given = [name for name, value in (("--text-column", text_column), ("--date-column", date_column),
                                          ("--id-column", id_column), ("--keep", keep)) if value]
        if given:
            raise ArticleError(f"{source}: {', '.join(given)} name columns of a table; a folder's articles are its "
                               ".txt files (their dates come from a .meta.json beside them, else from the text)")
        return _read_folder(source)
    return _read_table(source, text_column or "text", date_column, id_column, list(keep))


def _read_folder(folder: Path) -> list[Entry]:
    files = sorted(p for p in folder.rglob("*.txt")
                   if not any(part.startswith(".") for part in p.relative_to(folder).parts) and not p.is_dir())
    if not files:
        raise ArticleError(f"{folder}: no .txt files in the folder (one article per file, UTF-8)")
    entries = []
    for path in files:
        relative = path.relative_to(folder).as_posix()
        meta = path.with_name(f"{path.stem}.meta.json")
        entries.append(Entry(article_id=relative.removesuffix(".txt"), source=relative, path=path,
                             meta=meta if meta.is_file() else None))
    return entries


def _read_table(path: Path, text_column: str, date_column: str | None, id_column: str | None,
                keep: list[str]) -> list[Entry]:
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ArticleError(f"{path}: expected a folder of .txt files or a table ending in "
                           f"{', '.join(sorted(TABLE_SUFFIXES))}")
    try:
        if kind == "Parquet":
            frame = pd.read_parquet(path)
        else:
            text = utf8_text(path.read_bytes(), str(path))
            frame = _csv_frame(text) if kind == "CSV" else _jsonl_frame(text, path)
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ArticleError(f"{path}: not a readable {kind} table ({first})") from None
    columns = [str(c) for c in frame.columns]
    frame.columns = columns
    for option, name in (("--text-column", text_column), ("--date-column", date_column), ("--id-column", id_column)):
        if name is not None and name not in columns:
            hint = f"; name the text column with {option}" if option == "--text-column" else ""
            raise ArticleError(f"{path}: no column {name!r} for {option} (columns: {', '.join(columns)}){hint}")
    clash = [name for name in keep if name in ARTICLE_COLUMNS]
    if clash:
        raise ArticleError(f"{path}: --keep {clash[0]!r}: the articles table has a column of that name already")
    missing = [name for name in keep if name not in columns]
    if missing:
        raise ArticleError(f"{path}: no column {missing[0]!r} for --keep (columns: {', '.join(columns)})")
    if frame.empty:
        raise ArticleError(f"{path}: the table has no rows")
    width = max(6, len(str(len(frame))))
    ids = [f"row{n:0{width}d}" for n in range(1, len(frame) + 1)] if id_column is None else \
        [_cell(value) for value in frame[id_column]]
    for n, article_id in enumerate(ids, start=1):
        if not article_id:
            raise ArticleError(f"{path}: row {n} has no value in the id column {id_column!r}")
    seen: dict[str, int] = {}
    for n, article_id in enumerate(ids, start=1):
        if article_id in seen:
            raise ArticleError(f"{path}: rows {seen[article_id]} and {n} have the same id {article_id!r} "
                               f"in column {id_column!r}; ids must be unique")
        seen[article_id] = n
    texts = frame[text_column].tolist()
    dates = frame[date_column].tolist() if date_column else [None] * len(frame)
    carried = [frame[name].tolist() for name in keep]
    entries = []
    for n, article_id in enumerate(ids):
        text = texts[n]
        entries.append(Entry(article_id=article_id, source=f"{path.name} row {n + 1}",
                             text=text if isinstance(text, str) else _cell(text),
                             date_raw=_cell(dates[n]) or None if date_column else None,
                             carried=tuple((name, _cell(values[n]) or None) for name, values in zip(keep, carried))))
    return sorted(entries, key=lambda e: e.article_id)


def _csv_frame(text: str) -> pd.DataFrame:
    """A CSV table's text as a DataFrame of strings, its delimiter the one of its header line (a spreadsheet saves
    ``;`` where a comma is the decimal mark, as in Indonesian; tabs and ``|`` too), a comma when it has none."""
    import csv
    import io

    header = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:                             # one column, or no delimiter it can tell
        delimiter = ","
    return pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)


def _jsonl_frame(text: str, path: Path) -> pd.DataFrame:
    """A JSONL table's text as a DataFrame, one JSON object a line (blank lines skipped); a line that is not one is
    an :class:`ArticleError` that names it. The values stay as they are written (no column is read as dates)."""
    rows = []
    for n, line in enumerate(text.split("\n"), start=1):      # not splitlines: U+2028 may stand in a string
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArticleError(f"{path}: line {n}, column {exc.colno}: not valid JSON ({exc.msg}); "
                               "a JSONL table holds one JSON object per line") from None
        if not isinstance(row, dict):
            raise ArticleError(f"{path}: line {n}: a JSON {type(row).__name__}, expected an object "
                               "(one article per line, its columns as keys)")
        rows.append(row)
    return pd.DataFrame.from_records(rows)


def _cell(value) -> str:
    """A table cell as text: ``""`` for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value).strip()


# ----------------------------------------------------------------------------- the work area

def _pipeline_files() -> list[Path]:
    """The modules of ``lib/`` that annotating an article may run (all but :data:`NOT_ANNOTATING`) and every
    language table."""
    lib_dir = LANG_DIR.parent
    return (sorted(path for path in lib_dir.glob("*.py") if path.name not in NOT_ANNOTATING)
            + sorted(LANG_DIR.rglob("*.json")))


def _fingerprint() -> str:
    """sha256 of the code that annotates and of the language tables: results of other rules are never reused."""
    digest = hashlib.sha256()
    lib_dir = LANG_DIR.parent
    for path in _pipeline_files():
        digest.update(path.relative_to(lib_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _options_hash(options: dict) -> str:
    import dateparser

    described = dict(options, code=_fingerprint(), dateparser=dateparser.__version__)
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _payload(entry: Entry) -> tuple[bytes, bytes | None]:
    """The bytes of an article (at most one more than the largest article read) and of its metadata."""
    if entry.path is None:
        return (entry.text or "").encode("utf-8", "surrogatepass"), None
    with entry.path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    return data, entry.meta.read_bytes() if entry.meta else None


def _key(data: bytes, meta: bytes | None, date_raw: str | None, options_hash: str) -> tuple[str, str]:
    """``(key, sha256 of the content)``."""
    content = hashlib.sha256(data).hexdigest()
    parts = [content, hashlib.sha256(meta).hexdigest() if meta is not None else "-", date_raw or "", options_hash]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest(), content


def _batch_paths(work: Path) -> list[Path]:
    """The batch files of the work area, in a fixed order."""
    return sorted(work.glob(f"*{BATCH_SUFFIX}"))


def _write_batch(work: Path, keys: list[str], blob: bytes) -> Path:
    """Keep a batch of results (:func:`_pack`), whole or not at all (:func:`lib.files.write_atomic`).

    The name is made of the keys, so a batch annotated again replaces its own file.
    """
    name = hashlib.sha256("\0".join(keys).encode()).hexdigest()[:32]
    return write_atomic(work / f"{name}{BATCH_SUFFIX}", blob)


def _read_keys(path: Path) -> list[str] | None:
    """The keys a batch file holds (its header, read alone), or ``None`` when the file cannot be read."""
    try:
        with path.open("rb") as stream:
            header = pickle.load(stream)
    except Exception:                     # gone, or damaged: its articles are annotated again
        return None
    if not (isinstance(header, dict) and header.get("format") == BATCH_FORMAT and isinstance(header.get("keys"), list)):
        return None
    return header["keys"]


def _index(work: Path) -> dict[str, Path]:
    """Every key kept in the work area, and the batch file that holds it (the first in name order)."""
    index: dict[str, Path] = {}
    for path in _batch_paths(work):
        for key in _read_keys(path) or ():
            index.setdefault(key, path)
    return index


def _remove_stale_temporaries(work: Path) -> None:
    """Temporary files that a killed run left in the work area, and the results of earlier versions of this module
    (one file per article in a folder per key prefix: never read again, as their key holds this module's code)."""
    if work.is_dir():
        for stale in work.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        for folder in work.glob("[0-9a-f][0-9a-f]"):
            if folder.is_dir():
                for old in [*folder.glob("*.pkl"), *folder.glob(".*.tmp")]:
                    old.unlink(missing_ok=True)
                if not any(folder.iterdir()):
                    folder.rmdir()


class _Batch:
    """A batch file read back: each article's summary, and its rows in the batch's Arrow tables."""

    def __init__(self, keys: list[str], payload: dict):
        if len(payload["records"]) != len(keys):
            raise ValueError("a batch file whose results do not match its keys")
        self.position = {key: n for n, key in enumerate(keys)}
        self.records = payload["records"]
        self.tables = payload["tables"]
        self.offsets = {}
        for name in (*ROW_TABLES, "story_events"):
            offsets, total = [], 0
            for record in self.records:
                offsets.append(total)
                total += record.get(name, 0)
            self.offsets[name] = offsets

    @classmethod
    def read(cls, path: Path) -> "_Batch":
        with path.open("rb") as stream:
            header = pickle.load(stream)
            payload = pickle.load(stream)
        return cls(header["keys"], payload)

    @classmethod
    def from_blob(cls, blob: bytes) -> "_Batch":
        import io

        stream = io.BytesIO(blob)
        header = pickle.load(stream)
        return cls(header["keys"], pickle.load(stream))

    def rows(self, name: str, n: int) -> tuple:
        """Where the rows of table ``name`` of the ``n``-th article are: ``(Arrow table, first row, rows)``."""
        return self.tables[name], self.offsets[name][n], self.records[n].get(name, 0)


# ----------------------------------------------------------------------------- one batch, on a worker

def annotate_batch(items: list[dict], options: dict) -> tuple[bytes | None, list[str], list[tuple[str, dict]]]:
    """Annotate a batch of articles (run on a Dask worker): ``(blob, kept, not kept)``.

    An item is ``{"key", "name", "data", "meta", "date_raw"}``. ``blob`` holds the results that may
    be reused (:func:`_pack`: the client writes it as it is, one file per batch); ``kept`` lists their
    keys; ``not kept`` are ``(key, result)`` of articles that met an unexpected error (a rerun tries
    them again), ``result`` being ``{"ok": False, "message": ...}``.
    """
    return _pack([(item["key"], _annotate_one(item, options)) for item in items])


def _rows(annotation) -> dict[str, list[dict]]:
    """The three tables of an annotation as rows (dicts), in a form :func:`_pack` reads without a fault.

    The stages' own rows when the annotation keeps them (no pandas), else its DataFrames' records. A
    time expression or a mention that lacks a column is a ``KeyError`` (as building its table
    would be); a missing column of an event is ``None`` (as in :func:`lib.events.frame`).
    """
    rows = {name: getattr(annotation, attribute, None)
            for name, attribute in (("timexes", "timex_rows"), ("mentions", "mention_rows"), ("events", "event_rows"))}
    if any(value is None for value in rows.values()):
        return {name: getattr(annotation, name).to_dict("records") for name in ROW_TABLES}
    for name in ("timexes", "mentions"):
        required = _REQUIRED[name]
        for row in rows[name]:
            if not required <= row.keys():
                raise KeyError(next(c for c in ROW_COLUMNS[name] if any(c not in r for r in rows[name])))
    required = _REQUIRED["events"]
    rows["events"] = [row if required <= row.keys() else {c: row.get(c) for c in events.COLUMNS}
                      for row in rows["events"]]
    return rows


def _annotate_one(item: dict, options: dict) -> dict:
    """One article's result: ``{"ok": True, ...}`` with its summary, its rows (``timexes``, ``mentions``,
    ``events``: dicts) and ``event_table`` (:func:`lib.events.event_table_rows` with ``named``), or
    ``{"ok": False, "message"}``; ``keep`` says whether it may be kept for a rerun."""
    column = options["date_column"]
    day, note = parse_date(item["date_raw"], column, options.get("date_orders")) if column else (None, None)
    dates = {"date": day.isoformat() if day else None, "date_note": note}
    try:
        article = load_bytes(item["data"], item["name"], item["meta"])
        annotation = annotate(article, dct=day, setting=f"column {column!r}", gazetteer=options["gazetteer"])
        rows = _rows(annotation)
    except ArticleError as exc:
        return {"ok": False, "keep": True, "message": str(exc), **dates}
    except Exception as exc:        # a fault of the workbook on this article must not stop the batch
        return {"ok": False, "keep": False, "message": f"internal error ({type(exc).__name__}: {exc}); "
                                                       "please report it with the article", **dates}
    dct = annotation.dct
    mentions = {column: [row[column] for row in rows["mentions"]] for column in ("actor", "kind", "how")}
    return {"ok": True, "keep": True, **dates, "characters": len(article.text), "language": article.language,
            "dct": dct.value, "dct_source": "date column" if day else dct.source, "dct_confidence": dct.confidence,
            "dct_range_start": dct.range_start.isoformat() if dct.range_start else None,
            "dct_range_end": dct.range_end.isoformat() if dct.range_end else None, "dct_note": dct.note,
            **rows, "event_table": _with_named(events.event_table_rows(rows["events"]), mentions)}


def _pack(results: list[tuple[str, dict]]) -> tuple[bytes | None, list[str], list[tuple[str, dict]]]:
    """Results of :func:`_annotate_one` as ``(blob, kept keys, not kept)``.

    ``blob`` is the bytes of a batch file: a header (``{"format", "keys"}``, readable alone) and the
    results: each article's summary (a dict, with its number of rows in each table), and the rows of
    all its articles in one Arrow table per table (text and integers, as in the Parquet tables;
    without ``article_id``, which the client adds: articles with the same content share one result).
    ``story_events`` are the rows of ``event_table`` with the columns that :func:`stories` reads.
    ``blob`` is ``None`` when no result may be kept.
    """
    kept = [(key, result) for key, result in results if result["keep"]]
    unkept = [(key, {k: v for k, v in result.items() if k != "keep"}) for key, result in results if not result["keep"]]
    if not kept:
        return None, [], unkept
    records, found = [], {name: [] for name in (*ROW_TABLES, "story_events")}
    for _, result in kept:
        record = {k: result.get(k) for k in RECORD_FIELDS}
        if result["ok"]:
            for name in ROW_TABLES:
                record[name] = len(result[name])
                found[name] += result[name]
            record["story_events"] = len(result["event_table"])
            found["story_events"] += result["event_table"]
        records.append(record)
    tables = {}
    for name, rows in found.items():
        schema = _story_event_schema() if name == "story_events" else _schema(ROW_COLUMNS[name])
        values = zip(*map(itemgetter(*schema.names), rows)) if rows else [[] for _ in schema.names]
        tables[name] = _arrow(dict(zip(schema.names, values)), schema)      # the rows turned into columns, in C
    header = {"format": BATCH_FORMAT, "keys": [key for key, _ in kept]}
    blob = (pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
            + pickle.dumps({"records": records, "tables": tables}, protocol=pickle.HIGHEST_PROTOCOL))
    return blob, header["keys"], unkept


# ----------------------------------------------------------------------------- the run

@dataclass
class CorpusRun:
    """What a run did: counts of articles and rows, and where the tables are."""

    out: Path
    articles: int
    failed: int
    annotated: int
    reused: int
    rows: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        return self.articles - self.failed

    def summary(self, timing: bool = True) -> str:
        """One line: articles, failures, rows, and (``timing``) the time taken."""
        line = (f"{self.articles} articles: {self.ok} ok, {self.failed} failed"
                + (" (listed in errors.parquet)" if self.failed else "")
                + f"; {self.annotated} annotated now, {self.reused} reused from an earlier run; "
                  f"{self.rows.get('timexes', 0)} time expressions, {self.rows.get('mentions', 0)} actor mentions, "
                  f"{self.rows.get('events', 0)} event mentions, {self.rows.get('story_count', 0)} stories")
        if timing:
            rate = self.annotated / self.seconds if self.seconds else 0.0
            line += f"; {self.seconds:.1f} s ({rate:.1f} articles/s annotated)"
        return line

    def __repr__(self) -> str:
        return f"CorpusRun({self.summary(timing=False)})"


def run_corpus(source: str | Path, out: str | Path, *, text_column: str | None = None,
               date_column: str | None = None, id_column: str | None = None, keep: tuple | list = (),
               scheduler=None, workers: int | None = None, processes: bool = True, batch_size: int | None = None,
               progress: bool = True, gazetteer: bool = True, tolerance_days: int = 7) -> CorpusRun:
    """Annotate every article of ``source`` in parallel and write the tables into ``out``.

    ``scheduler``: ``None`` starts a ``LocalCluster`` of ``workers`` processes (default: one per
    core; ``processes=False`` runs them as threads of this process, for tests), an address
    (``tcp://host:8786``) or a ``distributed.Client`` uses that cluster. ``batch_size``: articles
    per Dask task (default: from ``MIN_BATCH`` to ``MAX_BATCH``, smaller towards the end of the run so
    that the workers finish together). ``progress`` shows a bar (articles done, total, rate) on stderr.
    Options that cannot be used raise :class:`ArticleError`; a bad article never does (it is a row of ``errors``).
    """
    started = time.monotonic()
    entries = read_corpus(source, text_column, date_column, id_column, keep)
    out = Path(out)
    if not str(out):
        raise ArticleError("--out: empty folder name")
    if out.exists() and not out.is_dir():
        raise ArticleError(f"{out}: exists and is not a folder")
    if workers is not None and workers < 1:
        raise ArticleError(f"--workers: expected at least 1, got {workers}")
    if workers is not None and scheduler is not None:
        raise ArticleError("--workers sets the size of the local cluster; an existing cluster (--scheduler) has its own")
    if batch_size is not None and batch_size < 1:
        raise ArticleError(f"batch_size: expected at least 1, got {batch_size}")
    work = out / WORK
    work.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(work)
    # the order of day and month of the date column's numeric dates, told by the column (part of every result's key)
    options = {"date_column": date_column, "gazetteer": gazetteer,
               "date_orders": date_orders(entry.date_raw for entry in entries) if date_column else {}}
    options_hash = _options_hash(options)
    index = _index(work)

    planned: dict[str, tuple[str, str]] = {}          # article_id -> (key, sha256 of the content)
    todo: dict[str, Entry] = {}                      # key -> the first entry with that content
    results: dict[str, dict] = {}                    # key -> result not kept (a reading or internal error)
    refused: list[tuple[str, dict]] = []             # too large: refused here, kept
    reused = 0
    for entry in entries:
        try:
            data, meta = _payload(entry)
        except OSError as exc:
            key = f"unreadable:{entry.article_id}"
            planned[entry.article_id] = (key, None)
            results[key] = _unreadable(entry, exc)
            continue
        key, content = _key(data, meta, entry.date_raw, options_hash)
        planned[entry.article_id] = (key, content)
        if key in todo or key in results:
            continue
        if key in index:                            # read when the tables are assembled (a damaged one is redone)
            reused += 1
            continue
        if entry.path is not None and len(data) > MAX_BYTES:     # refused without sending it: read_text says why
            results[key] = _too_large(entry, options)
            refused.append((key, results[key]))
            continue
        todo[key] = entry
    if refused:
        blob, kept, _ = _pack(refused)
        path = _write_batch(work, kept, blob)
        index.update((key, path) for key in kept)
        for key in kept:
            del results[key]
    contents = {key: planned[entry.article_id][1] for key, entry in todo.items()}
    annotated = _annotate_all(todo, contents, work, index, options, results, scheduler, workers, processes,
                              batch_size, progress, total=len(entries), done=len(entries) - len(todo))
    rows = assemble(entries, planned, work, index, results, out, keep, options, tolerance_days)
    failed = rows.pop("failed")
    return CorpusRun(out=out, articles=len(entries), failed=failed, annotated=annotated, reused=reused, rows=rows,
                     seconds=time.monotonic() - started)


def _unreadable(entry: Entry, exc: OSError) -> dict:
    return {"ok": False, "keep": False, "message": f"{entry.source}: could not be read ({exc.strerror or exc})"}


def _too_large(entry: Entry, options: dict) -> dict:
    try:
        read_text(entry.path)
        message = f"{entry.source}: larger than {MAX_BYTES:,} bytes"
    except ArticleError as exc:
        message = str(exc).replace(str(entry.path), entry.source)
    column = options["date_column"]
    day, note = parse_date(entry.date_raw, column, options["date_orders"]) if column else (None, None)
    return {"ok": False, "keep": True, "message": message, "date": day.isoformat() if day else None, "date_note": note}


def _batches(keys: list[str], n_workers: int, batch_size: int | None) -> list[list[str]]:
    """``keys`` cut into batches: ``batch_size`` each, or (by default) half of what is left per worker, between
    ``MIN_BATCH`` and ``MAX_BATCH``, so that the batches get smaller towards the end and the workers finish together
    (Dask's cost per task is a few milliseconds of this process: a batch holds as many articles as it can)."""
    batches, start = [], 0
    while start < len(keys):
        size = batch_size or max(MIN_BATCH, min(MAX_BATCH, math.ceil((len(keys) - start) / (2 * n_workers))))
        batches.append(keys[start:start + size])
        start += size
    return batches


def _annotate_all(todo: dict[str, Entry], contents: dict[str, str], work: Path, index: dict[str, Path],
                  options: dict, results: dict, scheduler, workers, processes, batch_size, progress: bool,
                  total: int, done: int) -> int:
    """Annotate the articles of ``todo`` on Dask, keeping each batch's results in ``work`` (and in ``index``);
    the number annotated.

    ``contents`` holds the sha256 each file had when it was listed: a file changed since is not
    annotated (its result would be kept under the old content's key).
    """
    if not todo:
        return 0
    from distributed import as_completed
    from tqdm import tqdm

    client, cluster = _connect(scheduler, workers, processes)
    try:
        n_workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        batches = _batches(list(todo), n_workers, batch_size)

        def submit(batch):
            """The batch as a Dask task, or ``None`` when none of its files could be read again."""
            items = []
            for key in batch:
                entry = todo[key]
                try:
                    data, meta = _payload(entry)
                except OSError as exc:
                    results[key] = _unreadable(entry, exc)
                    continue
                if entry.path is not None and hashlib.sha256(data).hexdigest() != contents[key]:
                    results[key] = {"ok": False, "keep": False,
                                    "message": f"{entry.source}: changed while the corpus ran; run it again"}
                    continue
                items.append({"key": key, "name": entry.source, "data": data, "meta": meta, "date_raw": entry.date_raw})
            return client.submit(annotate_batch, items, options, pure=False) if items else None

        bar = tqdm(total=total, initial=done, unit=" articles", disable=not progress, file=sys.stderr,
                   smoothing=0.1, dynamic_ncols=True)
        pending = iter(batches)
        in_flight = {}

        def refill(stream=None):
            """Keep two batches per worker on the cluster (memory stays bounded however large the corpus)."""
            while len(in_flight) < 2 * n_workers:
                batch = next(pending, None)
                if batch is None:
                    return
                future = submit(batch)
                if future is None:
                    bar.update(len(batch))
                    continue
                in_flight[future] = batch
                if stream is not None:
                    stream.add(future)

        refill()
        stream = as_completed(list(in_flight), loop=client.loop, raise_errors=False)
        for future in stream:
            batch = in_flight.pop(future)
            try:
                blob, kept, unkept = future.result()
            except Exception as exc:                 # the worker died (out of memory, killed): those articles failed
                blob, kept, unkept = None, [], [
                    (key, {"ok": False, "message": f"{todo[key].source}: the Dask worker failed "
                                                   f"({type(exc).__name__}: {exc})"})
                    for key in batch if key not in results]
            if blob is not None:
                path = _write_batch(work, kept, blob)
                index.update((key, path) for key in kept)
            results.update(unkept)
            future.release()
            bar.update(len(batch))
            refill(stream)
        bar.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return len(todo)


def _connect(scheduler, workers, processes):
    """``(client, cluster)``: a new local cluster (closed by the caller), or a client of an existing one."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler is None:
        # dashboard_address ":0": Dask's web server on any free port, so that a second cluster does not warn
        # the workers' own monitoring off: their statistical profiler samples the task's stack every 10 ms and the GIL
        # monitor polls, which costs the annotation about a twentieth of a worker, and nothing here reads either
        try:
            with dask.config.set(LOCAL_WORKER_CONFIG):
                cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                       processes=processes, dashboard_address=":0", silence_logs=logging.ERROR)
        except RuntimeError as exc:      # a worker process that cannot start (a script run from stdin, no memory)
            raise ArticleError(f"the local Dask cluster did not start ({exc}); run from a script file or "
                               "`python -m lib corpus`, or pass scheduler=") from None
        return Client(cluster, set_as_default=False), cluster
    if isinstance(scheduler, Client):
        return _Borrowed(scheduler), None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ArticleError(f"--scheduler {scheduler}: could not connect ({exc})") from None


class _Borrowed:
    """A client given by the caller: used, not closed."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        return getattr(self._client, name)

    def close(self):
        pass


# ----------------------------------------------------------------------------- the tables

def _schema(columns: list[str]):
    import pyarrow as pa

    return pa.schema([(name, pa.int64() if name in INTEGER_COLUMNS else pa.string()) for name in columns])


@lru_cache(maxsize=None)
def _story_event_schema():
    """The Arrow schema of the events that :func:`stories` reads (``first`` is an integer)."""
    import pyarrow as pa

    return pa.schema([(name, pa.int64() if name == "first" else pa.string()) for name in STORY_EVENT_COLUMNS])


def _arrow(columns: dict[str, list] | pd.DataFrame, schema):
    """Columns (or a DataFrame) as an Arrow table of ``schema``: integers, and text for the rest (missing values
    are null; a column that is not there is all null)."""
    import pyarrow as pa

    if isinstance(columns, pd.DataFrame):
        columns = {name: columns[name].to_numpy(dtype=object).tolist() for name in columns.columns}
    rows = len(next(iter(columns.values()), []))
    arrays = []
    for name, kind in zip(schema.names, schema.types):
        values = columns.get(name) or [None] * rows
        try:                                      # the usual case, in Arrow: text or integers, NaN or None
            arrays.append(pa.array(values, kind, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            convert = int if pa.types.is_integer(kind) else str
            arrays.append(pa.array([None if _missing(v) else convert(v) for v in values], kind))
    return pa.Table.from_arrays(arrays, schema=schema)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


class _TableWriter:
    """One Parquet table of ``out``, written whole or not at all: rows go to a temporary file, renamed at the end.

    Rows come as Arrow pieces (with their ``article_id`` values) or as plain columns; they are written
    ``flush_rows`` at a time at least, so a table's layout depends on its rows only, never on the batches
    the rows came from (a rerun writes the same bytes).
    """

    def __init__(self, path: Path, schema, flush_rows: int, exact: bool = False):
        import pyarrow.parquet as pq

        self.path, self.schema, self.flush_rows, self.exact = path, schema, flush_rows, exact
        handle, self.temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        self.writer = pq.ParquetWriter(self.temporary, schema)
        self.pieces, self.ids, self.columns, self.pending, self.rows = [], [], None, 0, 0

    def add_rows(self, table_, start: int, length: int, article_id: str) -> None:
        """Rows ``start`` to ``start + length`` of an Arrow table with the schema's columns after ``article_id``
        (rows that follow the last ones added, from the same table, are taken in one slice)."""
        if length:
            _add_piece(self.pieces, table_, start, length)
            self.ids += [article_id] * length
            self.pending += length

    def add_row(self, row: dict) -> None:
        """One row, as a dict of the schema's columns (a missing one is null)."""
        if self.columns is None:
            self.columns = {name: [] for name in self.schema.names}
        for name, values in self.columns.items():
            values.append(row.get(name))
        self.pending += 1
        if self.exact and self.pending >= self.flush_rows:
            self.flush()

    def add_table(self, table_) -> None:
        """An Arrow table with the schema's columns, written as it is (after the rows added before it)."""
        self.flush()
        self.writer.write_table(table_)
        self.rows += table_.num_rows

    def after_article(self) -> None:
        if not self.exact and self.pending >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self.pending:
            return
        if self.columns is not None:
            table_ = _arrow(self.columns, self.schema)
            self.columns = None
        else:
            columns = pa.concat_tables([t.slice(start, length) for t, start, length in self.pieces]).combine_chunks()
            table_ = pa.Table.from_arrays([pa.array(self.ids, pa.string()), *columns.columns], schema=self.schema)
            self.pieces, self.ids = [], []
        self.writer.write_table(table_)
        self.rows += self.pending
        self.pending = 0

    def close(self) -> int:
        self.flush()
        if self.exact and not self.rows:          # a table without rows, written as one (like pyarrow's write_table)
            self.writer.write_table(self.schema.empty_table())
        self.writer.close()
        os.replace(self.temporary, self.path)
        return self.rows

    def abort(self) -> None:
        self.writer.close()
        if os.path.exists(self.temporary):
            os.unlink(self.temporary)


def _add_piece(pieces: list[list], table_, start: int, length: int) -> None:
    """Add rows ``start`` to ``start + length`` of an Arrow table to ``pieces`` (``[table, start, length]``), in the
    last piece when they follow it."""
    last = pieces[-1] if pieces else None
    if last is not None and last[0] is table_ and last[1] + last[2] == start:
        last[2] += length
    else:
        pieces.append([table_, start, length])


def _write_parquet(path: Path, frames, schema) -> int:
    """Write DataFrames, ``{column: [values]}`` or Arrow tables (an iterable, streamed) as one Parquet table, whole
    or not at all (:class:`_TableWriter`); the rows written."""
    writer = _TableWriter(path, schema, PARQUET_ROW_GROUP, exact=True)
    try:
        for frame in frames:
            writer.add_table(frame if not isinstance(frame, (dict, pd.DataFrame)) else _arrow(frame, schema))
        return writer.close()
    except BaseException:
        writer.abort()
        raise


def assemble(entries: list[Entry], planned: dict, work: Path, index: dict[str, Path], results: dict, out: Path,
             keep, options: dict, tolerance_days: int = 7) -> dict:
    """Write the tables of ``out`` from the batches kept in ``work`` (and the results not kept, ``results``).

    Returns the rows written to each table (``story_count``: the stories; ``failed``: the articles
    that failed). Articles are read in order, each batch file once while its articles follow each
    other (a few are kept at hand for articles that share a result), and the rows are streamed to
    the tables, so this process holds the events (for :func:`stories`) but not the other tables.

    A kept result that has gone or cannot be read (deleted or damaged while running) is annotated
    again here, in this process, so the tables are always whole.
    """
    import pyarrow as pa

    from collections import OrderedDict

    for stale in out.glob(".*.parquet.*.tmp"):
        stale.unlink(missing_ok=True)
    loaded: OrderedDict[Path, _Batch | None] = OrderedDict()

    def batch_of(path: Path) -> _Batch | None:
        if path in loaded:
            loaded.move_to_end(path)
            return loaded[path]
        try:
            found = _Batch.read(path)
        except Exception:                 # a damaged file: its articles are annotated again, and it is removed
            found = None
            path.unlink(missing_ok=True)
        loaded[path] = found
        if len(loaded) > KEEP_BATCHES:
            loaded.popitem(last=False)
        return found

    def result_of(entry: Entry) -> tuple[_Batch | None, int | dict]:
        """``(batch, position)`` of the entry's kept result, or ``(None, result)`` of one not kept."""
        key, _ = planned[entry.article_id]
        if key in results:
            return None, results[key]
        path = index.get(key)
        batch = batch_of(path) if path is not None else None
        if batch is not None and key in batch.position:
            return batch, batch.position[key]
        try:
            data, meta = _payload(entry)
        except OSError as exc:
            return None, _unreadable(entry, exc)
        blob, kept, unkept = _pack([(key, _annotate_one({"key": key, "name": entry.source, "data": data, "meta": meta,
                                                         "date_raw": entry.date_raw}, options))])
        if blob is None:
            return None, unkept[0][1]
        index[key] = path = _write_batch(work, kept, blob)
        loaded[path] = batch = _Batch.from_blob(blob)
        return batch, 0

    carried = list(keep)
    writers: dict[str, _TableWriter] = {}
    story_pieces, story_ids, story_dcts = [], [], []
    try:
        for name in ROW_TABLES:
            writers[name] = _TableWriter(out / f"{name}.parquet", _schema(["article_id"] + ROW_COLUMNS[name]),
                                         FLUSH_ROWS)
        writers["articles"] = _TableWriter(out / "articles.parquet", _schema(ARTICLE_COLUMNS + carried),
                                           PARQUET_ROW_GROUP, exact=True)
        writers["errors"] = _TableWriter(out / "errors.parquet", _schema(ERROR_COLUMNS), PARQUET_ROW_GROUP, exact=True)
        failed = 0
        for entry in entries:
            batch, found = result_of(entry)
            record = batch.records[found] if batch is not None else found
            key, content = planned[entry.article_id]
            row = {"article_id": entry.article_id, "source": entry.source, "sha256": content,
                   "date_raw": entry.date_raw, "date": record.get("date"), "date_note": record.get("date_note"),
                   **dict(entry.carried)}
            if record["ok"]:
                row.update(status="ok", **{k: record[k] for k in ARTICLE_COLUMNS[4:] if k in record})
                for name in ROW_TABLES:
                    writers[name].add_rows(*batch.rows(name, found), entry.article_id)
                table_, start, length = batch.rows("story_events", found)
                if length:
                    _add_piece(story_pieces, table_, start, length)
                    story_ids += [entry.article_id] * length
                    story_dcts += [record["dct"]] * length
            else:
                row.update(status="failed", **dict.fromkeys(ROW_TABLES, 0))
                writers["errors"].add_row({"article_id": entry.article_id, "source": entry.source,
                                           "message": record["message"]})
                failed += 1
            writers["articles"].add_row(row)
            for name in ROW_TABLES:
                writers[name].after_article()
        counts = {name: writer.close() for name, writer in writers.items()}
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    loaded.clear()
    story_events = pa.concat_tables([t.slice(start, length) for t, start, length in story_pieces] or
                                    [_story_event_schema().empty_table()]).combine_chunks()
    del story_pieces
    columns = {name: story_events.column(name).to_pylist() for name in STORY_EVENT_COLUMNS}
    columns.update(article_id=story_ids, dct=story_dcts)
    del story_events
    story_columns = _story_columns(columns, tolerance_days)
    counts["story_count"] = story_columns.pop("_stories")
    _write_parquet(out / "stories.parquet", _chunks(story_columns, PARQUET_ROW_GROUP), _schema(STORY_COLUMNS))
    return {name: counts[name] for name in ROW_TABLES} | {"story_count": counts["story_count"], "failed": failed}


def _chunks(columns: dict[str, list], size: int):
    """``{column: [values]}`` cut into pieces of ``size`` rows (at least one piece)."""
    rows = len(next(iter(columns.values()), []))
    for start in range(0, max(rows, 1), size):
        yield {name: values[start:start + size] for name, values in columns.items()}


def read_tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """The tables a run wrote into ``out``, by name."""
    out = Path(out)
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


# ----------------------------------------------------------------------------- across articles

def _ids(value) -> list[str]:
    return [i for i in value.split(";") if i] if isinstance(value, str) else []


LINKING_KINDS = {"person", "organization", "country", "group"}
UNNAMED = {"group noun", "role"}      # "pemerintah", "warga", a bare "presiden": what the text calls someone, not who


def named_actors(mentions: pd.DataFrame | dict) -> set[str]:
    """The actors of one article that are named: people, organisations, countries and groups that at least one
    mention names (not only a group noun like ``warga`` or a bare role like ``presiden``); places are left out."""
    named = set()
    for actor, kind, how in zip(mentions["actor"], mentions["kind"], mentions["how"]):
        if isinstance(actor, str) and kind in LINKING_KINDS and how not in UNNAMED:
            named.update(_ids(actor))
    return named


def _with_named(summaries: list[dict], mentions: pd.DataFrame | dict) -> list[dict]:
    """Event rows with ``named``: their participants (actors and recipients) that :func:`named_actors` names."""
    named = named_actors(mentions)
    return [{**row, "named": ";".join(sorted(set(_ids(row["actors"]) + _ids(row["recipients"])) & named)) or None}
            for row in summaries]


def corpus_events(events_table: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event of every article (:func:`lib.events.event_table` of each) with ``article_id``, the article's
    ``dct``, and ``named``, the participants that link it to other articles (:func:`named_actors`)."""
    dcts = dict(zip(articles.article_id, articles.dct))
    by_article = {article_id: group for article_id, group in mentions.groupby("article_id", sort=True)}
    rows = []
    for article_id, group in events_table.groupby("article_id", sort=True):
        summaries = _with_named(events.event_table_rows(group.to_dict("records")), by_article.get(article_id, mentions.iloc[:0]))
        rows += [{**row, "article_id": article_id, "dct": dcts.get(article_id)} for row in summaries]
    return pd.DataFrame(rows, columns=CORPUS_EVENT_COLUMNS)


def _gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two ranges (ends exclusive): negative when they overlap, 0 when they touch."""
    return (max(a[0], b[0]) - min(a[1], b[1])).days


def stories(event_rows: pd.DataFrame, tolerance_days: int = 7, precise_days: int = 7) -> pd.DataFrame:
    """Events of different articles that are one real-world event, grouped into stories (columns ``STORY_COLUMNS``).

    ``event_rows`` has one row per event of each article (:func:`corpus_events`). Two events are
    one story when they have the same type, come from different articles, share a named
    participant (``named``: the same canonical id), and have compatible dates: ranges less than
    ``tolerance_days`` apart when both are at most ``precise_days`` long (two outlets may give the
    same event different days), else overlapping (a year, a month, or a statement dated only by
    the article's own date). An event is compared with every dated event already in the story, so
    a story never drifts day by day; among several fitting stories it joins the one with which it
    shares the most named participants. An event without a date or without a named participant is
    a story of its own. ``story_actors`` are the participants of all its events, merged by
    canonical id; ``first_reported`` is its article with the earliest DCT.
    """
    columns = {name: event_rows[name].tolist() for name in ("article_id", "dct", *STORY_EVENT_COLUMNS)}
    found = _story_columns(columns, tolerance_days, precise_days)
    found.pop("_stories")
    if not event_rows.shape[0]:
        return pd.DataFrame([], columns=STORY_COLUMNS)
    return pd.DataFrame(found, columns=STORY_COLUMNS)


class _Story:
    """A story being grouped: its articles, its named participants, and the extremes of its members' date ranges
    (in days), apart for precise and other ranges, which decide whether a new event fits every member."""

    __slots__ = ("members", "articles", "named", "precise", "loose")

    def __init__(self):
        self.members, self.articles, self.named = [], set(), set()
        self.precise = self.loose = None            # (latest start, earliest end, longest range as start - end)

    def add(self, event: int, article: str, span: tuple[int, int] | None, precise: bool) -> None:
        self.members.append(event)
        self.articles.add(article)
        if span is not None:
            start, end = span
            extremes = self.precise if precise else self.loose
            extremes = (start, end, start - end) if extremes is None else \
                (max(extremes[0], start), min(extremes[1], end), max(extremes[2], start - end))
            if precise:
                self.precise = extremes
            else:
                self.loose = extremes

    @staticmethod
    def _widest_gap(span: tuple[int, int], extremes) -> int:
        """The largest :func:`_gap_days` between ``span`` and the members summed up by ``extremes``:
        max(max(a0, b0) - min(a1, b1)) over the members b, taken term by term."""
        start, end = span
        return max(start - end, start - extremes[1], extremes[0] - end, extremes[2])

    def fits(self, span: tuple[int, int], precise: bool, tolerance_days: int) -> bool:
        """Whether an event is compatible with every member: less than ``tolerance_days`` apart when both are
        precise, else overlapping."""
        if self.precise is not None and self._widest_gap(span, self.precise) >= (tolerance_days if precise else 0):
            return False
        return self.loose is None or self._widest_gap(span, self.loose) < 0


def _story_columns(columns: dict[str, list], tolerance_days: int = 7, precise_days: int = 7) -> dict[str, list]:
    """The columns of :func:`stories` (and ``_stories``, their number) from the columns of the events
    (``article_id``, ``dct`` and ``STORY_EVENT_COLUMNS``, one value per event)."""
    article, first, kinds, named = columns["article_id"], columns["first"], columns["type"], columns["named"]
    starts, ends = columns["range_start"], columns["range_end"]
    dcts = [value if isinstance(value, str) else None for value in columns["dct"]]
    n = len(article)
    days: dict[str, int] = {}

    def day(text: str) -> int:
        found = days.get(text)
        if found is None:
            found = days[text] = date.fromisoformat(text).toordinal()
        return found

    spans = [(day(s), day(e)) if isinstance(s, str) and isinstance(e, str) else None for s, e in zip(starts, ends)]
    firsts = list(map(int, first))
    last = (date.max.toordinal(), date.max.toordinal())
    order = sorted(range(n), key=lambda i: (spans[i] is None, spans[i] or last, dcts[i] or "~", article[i], firsts[i]))
    basis = columns["time_basis"]
    groups: list[_Story | int] = []                 # a story, or the one event of a story that links to nothing
    index: dict[tuple[str, str], list[int]] = defaultdict(list)      # (type, named participant) -> stories
    for i in order:
        span = spans[i]
        named_ids = set(_ids(named[i])) if span is not None else ()
        if not named_ids:
            groups.append(i)
            continue
        precise = basis[i] != "DCT" and span[1] - span[0] <= precise_days
        kind = kinds[i]
        candidates = sorted({g for p in named_ids for g in index.get((kind, p), ())})
        fitting = [g for g in candidates if article[i] not in groups[g].articles
                   and groups[g].fits(span, precise, tolerance_days)]
        if fitting:
            chosen = max(fitting, key=lambda g: (len(named_ids & groups[g].named), -g))
        else:
            chosen = len(groups)
            groups.append(_Story())
        group = groups[chosen]
        group.add(i, article[i], span, precise)
        for p in sorted(named_ids - group.named):
            group.named.add(p)
            index[(kind, p)].append(chosen)
    width = max(4, len(str(len(groups))))
    actors, recipients = columns["actors"], columns["recipients"]
    rows: list[int] = []
    story_id, story_actors, articles, first_reported = [], [], [], []
    for number, group in enumerate(groups, start=1):     # numbered as made: by the date of their earliest event
        label = f"s{number:0{width}d}"
        if group.__class__ is int:                   # one event: the common case, kept short
            rows.append(group)
            story_id.append(label)
            story_actors.append(_joined_ids(actors[group], recipients[group]))
            articles.append(1)
            first_reported.append(article[group] if dcts[group] else None)
            continue
        members = sorted(group.members, key=lambda i: (article[i], firsts[i]))
        dated = [(dcts[i], article[i]) for i in members if dcts[i]]
        participants = sorted({p for i in members for p in _ids(actors[i]) + _ids(recipients[i])})
        joined, reported, count = ";".join(participants) or None, min(dated)[1] if dated else None, len(group.articles)
        rows += members
        for _ in members:
            story_id.append(label)
            story_actors.append(joined)
            articles.append(count)
            first_reported.append(reported)
    found = {"story_id": story_id}
    take = itemgetter(*rows) if len(rows) > 1 else (lambda values: [values[i] for i in rows])
    for name in STORY_COLUMNS[1:11]:
        found[name] = list(take(dcts if name == "dct" else columns[name]))
    found.update(story_actors=story_actors, articles=articles, first_reported=first_reported, _stories=len(groups))
    return found


def _joined_ids(actors_: str | None, recipients: str | None) -> str | None:
    """The participants of one event (``actors`` and ``recipients``: ids joined by ``;``), sorted, once each."""
    if not isinstance(recipients, str) or not recipients:
        if not isinstance(actors_, str):
            return None
        if ";" not in actors_:
            return actors_ or None
    return ";".join(sorted(set(_ids(actors_) + _ids(recipients)))) or None


def disagreements(story_table: pd.DataFrame) -> pd.DataFrame:
    """The stories whose articles give dates that do not overlap (they differ by more than the text's precision).

    ``dates`` lists what each article gives (``article: value``); ``days_apart`` is how far apart
    the furthest two ranges are (1: consecutive days). Columns ``DISAGREEMENT_COLUMNS``.
    """
    rows = []
    dated = story_table[story_table.range_start.notna() & story_table.range_end.notna()]
    for story_id, group in dated.groupby("story_id", sort=True):
        if group.article_id.nunique() < 2:
            continue
        latest_start, earliest_end = max(group.range_start), min(group.range_end)
        if latest_start < earliest_end:              # one day lies in every range: they agree
            continue
        apart = (date.fromisoformat(latest_start) - date.fromisoformat(earliest_end)).days + 1
        rows.append({"story_id": story_id, "type": group.type.iloc[0], "story_actors": group.story_actors.iloc[0],
                     "articles": int(group.article_id.nunique()),
                     "dates": "; ".join(f"{a}: {v}" for a, v in sorted(zip(group.article_id, group.value))),
                     "earliest": min(group.range_start), "latest": max(group.range_start), "days_apart": apart,
                     "first_reported": group.first_reported.iloc[0]})
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


def corpus_cast(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor across the corpus, merged by canonical id: ``actor``, ``name`` (its most frequent),
    ``kind``, ``articles``, ``mentions``; most articles first."""
    single = mentions[mentions.actor.notna() & ~mentions.actor.astype(str).str.contains(";")]
    rows = []
    for actor, group in single.groupby("actor", sort=True):
        names = group.name.dropna()
        name = sorted(names.value_counts().items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if len(names) else actor
        kinds = group.kind.dropna()
        rows.append({"actor": actor, "name": name, "kind": kinds.mode().sort_values().iloc[0] if len(kinds) else None,
                     "articles": group.article_id.nunique(), "mentions": len(group)})
    table_ = pd.DataFrame(rows, columns=["actor", "name", "kind", "articles", "mentions"])
    return table_.sort_values(["articles", "mentions", "actor"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
