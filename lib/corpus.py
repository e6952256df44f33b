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
answered from an old result). A result is written whole (a temporary file, then a rename); a rerun annotates only the
articles without one, and the tables are assembled from ``work/`` and written whole, so a run
killed at any moment and run again gives the same tables as one uninterrupted run. ``work/`` may
be deleted at any time: that costs only the time to annotate again.

Parallel work is Dask's: a ``distributed.LocalCluster`` on this machine's cores (one process and
one thread per worker) unless ``scheduler`` names an existing cluster. Articles go to the workers
in batches; the client reads the inputs and writes ``out``, so the workers need the workbook's
code and environment but no shared folder.
"""
from __future__ import annotations

import atexit
import hashlib
import itertools
import json
import logging
import math
import os
import pickle
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import LANG_DIR, actors, events, timexes
from lib.annotate import annotate
from lib.dct import EARLIEST, LATEST
from lib.errors import ArticleError
from lib.load import MAX_BYTES, Article, load_article, read_text
from lib.tables import has_table, languages, table

TABLES = ("articles", "timexes", "mentions", "events", "errors", "stories")
TABLE_SUFFIXES = {".csv": "CSV", ".jsonl": "JSONL", ".ndjson": "JSONL", ".parquet": "Parquet", ".pq": "Parquet"}
WORK = "work"
CONNECT_TIMEOUT = "10s"            # to reach an existing Dask scheduler (--scheduler)
_NUMBERS = itertools.count()
MAX_BATCH = 50                     # articles per Dask task: enough to make the task overhead small
INTEGER_COLUMNS = {"start", "end", "sentence", "characters", "timexes", "mentions", "events", "articles", "days_apart"}
ARTICLE_COLUMNS = ["article_id", "source", "status", "sha256", "characters", "language", "date_raw", "date",
                   "date_note", "dct", "dct_source", "dct_confidence", "dct_range_start", "dct_range_end", "dct_note",
                   "timexes", "mentions", "events"]
ERROR_COLUMNS = ["article_id", "source", "message"]
STORY_COLUMNS = ["story_id", "article_id", "event_id", "type", "actors", "recipients", "value", "range_start",
                 "range_end", "time_basis", "dct", "story_actors", "articles", "first_reported"]
CORPUS_EVENT_COLUMNS = ["article_id", "dct"] + events.EVENT_COLUMNS + ["named"]
DISAGREEMENT_COLUMNS = ["story_id", "type", "story_actors", "articles", "dates", "earliest", "latest", "days_apart",
                        "first_reported"]


# ----------------------------------------------------------------------------- dates as sites write them

@lru_cache(maxsize=None)
def _date_rules() -> tuple[re.Pattern, tuple[str, ...], str]:
    """The pre-clean pattern (an outlet or a label before the date), dateparser's languages, the date order."""
    codes = tuple(code for code in languages() if has_table(code, "dates"))
    labels = [label for code in codes for label in table(code, "dates")["labels"]]
    outlets = [outlet for code in languages() if has_table(code, "load") for outlet in table(code, "load")["outlets"]]
    words = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(set(labels + outlets), key=lambda w: (-len(w), w)))
    prefix = re.compile(rf"^\s*(?:(?:{words})(?![\w.])|[\w-]+(?:\.[\w-]+)*\.(?:com|co|id|net|org)\b)\s*[:|\-–—]?\s*",
                        re.IGNORECASE)
    ordered = ("id",) + tuple(c for c in codes if c != "id") if "id" in codes else codes
    return prefix, ordered, table(ordered[0], "dates")["date_order"]


def clean_date(raw: str) -> str:
    """A date string as a site prints it, without what is not the date: outlet and label prefixes, ``+``, `` / ``.

    >>> clean_date("Kompas.com- 18/06/2025, 20:32 WIB")
    '18/06/2025, 20:32 WIB'
    >>> clean_date("Diperbarui 19 Jun 2025, 09:54 WIB")
    '19 Jun 2025, 09:54 WIB'
    >>> clean_date("13+December+2018")
    '13 December 2018'
    """
    prefix, _, _ = _date_rules()
    text = raw.replace("+", " ")
    while True:                                   # "Kompas.com - Diperbarui 19 Jun 2025"
        stripped = prefix.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\s+/\s+", " ", text)          # "Selasa, 29 Januari 2019 / 19:04 WIB"
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def parse_date(raw: str | None, column: str = "date") -> tuple[date | None, str | None]:
    """``(day, note)`` of a date string from a scraper's ``column``: the day it names, else ``None`` and why.

    The day is the one written (``20:32 WIB`` stays on its own day, no time zone is converted);
    a string that names no full day (``Juni 2025``, ``kemarin``) gives no day.

    >>> parse_date("Rabu, 18 Jun 2025 07:30 WIB")
    (datetime.date(2025, 6, 18), None)
    >>> parse_date("segera")[1]
    "column 'date': 'segera' is not a date with day, month and year; the DCT is inferred from the text"
    """
    import dateparser

    if raw is None or not str(raw).strip():
        return None, f"column {column!r} is empty; the DCT is inferred from the text"
    _, codes, order = _date_rules()
    cleaned = clean_date(str(raw))
    settings = {"DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                "PARSERS": ["absolute-time"]}
    parsed = dateparser.parse(cleaned, languages=list(codes), settings=settings) if cleaned else None
    if parsed is None:
        return None, f"column {column!r}: {raw!r} is not a date with day, month and year; the DCT is inferred from the text"
    day = parsed.date()
    if not EARLIEST <= day <= LATEST:
        return None, (f"column {column!r}: {raw!r} is {day.isoformat()}, outside the dates the workbook resolves; "
                      "the DCT is inferred from the text")
    return day, None


# ----------------------------------------------------------------------------- an article from text

@lru_cache(maxsize=None)
def _scratch() -> Path:
    """This process's temporary folder for the texts being loaded (removed when the process ends)."""
    folder = Path(tempfile.mkdtemp(prefix="corpus-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def load_bytes(data: bytes, name: str, meta: bytes | None = None) -> Article:
    """An :class:`Article` from the bytes of its text (and of its ``.meta.json``), called ``name`` in messages.

    The bytes are written to a temporary file and read by :func:`lib.load.load_article`, so a
    row of a table gets every check a file gets (UTF-8, NUL bytes, HTML, size, metadata); the
    temporary folder is on the machine that annotates, never in the user's folders.
    """
    stem = f"article-{os.getpid()}-{threading.get_ident()}-{next(_NUMBERS)}"
    path = _scratch() / f"{stem}.txt"
    meta_path = path.with_name(f"{stem}.meta.json")
    renames = {str(path): name}
    try:
        path.write_bytes(data)
        if meta is not None:
            meta_path.write_bytes(meta)
            renames = {str(meta_path): f"{Path(name).stem}.meta.json", **renames}
        article = load_article(path)
    except ArticleError as exc:
        message = str(exc)
        for temporary, shown in renames.items():
            message = message.replace(temporary, shown)
        raise ArticleError(message) from None
    finally:
        path.unlink(missing_ok=True)
        meta_path.unlink(missing_ok=True)
    return replace(article, path=Path(name))


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
        if kind == "CSV":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        elif kind == "JSONL":
            frame = pd.read_json(path, lines=True, dtype=False, encoding="utf-8")
        else:
            frame = pd.read_parquet(path)
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
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


def _cell(value) -> str:
    """A table cell as text: ``""`` for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value).strip()


# ----------------------------------------------------------------------------- the work area

def _pipeline_files() -> list[Path]:
    """The modules of ``lib/`` that annotating an article runs (this one, ``lib.annotate`` and what they
    import, found in the source) and every language table."""
    import ast

    lib_dir = LANG_DIR.parent
    todo, found = ["corpus", "annotate"], set()
    while todo:
        module = todo.pop()
        path = lib_dir / f"{module}.py"
        if module in found or not path.exists():
            continue
        found.add(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "lib":
                parts = node.module.split(".")
                todo += [parts[1]] if len(parts) > 1 else [alias.name for alias in node.names] + ["__init__"]
            elif isinstance(node, ast.Import):
                todo += [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("lib.")]
    return sorted(lib_dir / f"{module}.py" for module in found) + sorted(LANG_DIR.rglob("*.json"))


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


def _work_path(work: Path, key: str) -> Path:
    return work / key[:2] / f"{key}.pkl"


def _write_result(work: Path, key: str, result: dict) -> None:
    """Keep one article's result, whole or not at all (a temporary file in the same folder, then a rename)."""
    path = _work_path(work, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{key}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _read_result(work: Path, key: str) -> dict | None:
    """A kept result, or ``None`` when there is none or it cannot be read (then the article is annotated again)."""
    try:
        with _work_path(work, key).open("rb") as stream:
            result = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:                     # a damaged file: annotate again, and the rename replaces it
        return None
    return result if isinstance(result, dict) and "ok" in result else None


def _remove_stale_temporaries(work: Path) -> None:
    """Temporary files that a killed run left in the work area."""
    if work.is_dir():
        for stale in work.glob("*/.*.tmp"):
            stale.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- one batch, on a worker

def annotate_batch(items: list[dict], options: dict) -> list[tuple[str, dict]]:
    """Annotate a batch of articles (run on a Dask worker): ``[(key, result), ...]`` in the order given.

    An item is ``{"key", "name", "data", "meta", "date_raw"}``. A result is ``{"ok": True, ...}``
    with the article's tables as plain columns (``{column: [values]}``: quick to send and to keep)
    and its events one row each (:func:`lib.events.event_table`), or ``{"ok": False, "message"}``;
    ``keep`` says whether the result may be reused (an unexpected error is not, so a rerun tries
    that article again).
    """
    return [(item["key"], _annotate_one(item, options)) for item in items]


def _columns(frame: pd.DataFrame) -> dict[str, list]:
    """A table as plain columns ``{column: [values]}`` (Python values, quick to pickle)."""
    return {column: frame[column].to_numpy(dtype=object).tolist() for column in frame.columns}


def _annotate_one(item: dict, options: dict) -> dict:
    column = options["date_column"]
    day, note = parse_date(item["date_raw"], column) if column else (None, None)
    dates = {"date": day.isoformat() if day else None, "date_note": note}
    try:
        article = load_bytes(item["data"], item["name"], item["meta"])
        annotation = annotate(article, dct=day, setting=f"column {column!r}", gazetteer=options["gazetteer"])
    except ArticleError as exc:
        return {"ok": False, "keep": True, "message": str(exc), **dates}
    except Exception as exc:        # a fault of the workbook on this article must not stop the batch
        return {"ok": False, "keep": False, "message": f"internal error ({type(exc).__name__}: {exc}); "
                                                       "please report it with the article", **dates}
    dct = annotation.dct
    tables = {name: _columns(getattr(annotation, name)) for name in ("timexes", "mentions", "events")}
    mention_rows = [dict(zip(tables["events"], values)) for values in zip(*tables["events"].values())]
    return {"ok": True, "keep": True, **dates, "characters": len(article.text), "language": article.language,
            "dct": dct.value, "dct_source": "date column" if day else dct.source, "dct_confidence": dct.confidence,
            "dct_range_start": dct.range_start.isoformat() if dct.range_start else None,
            "dct_range_end": dct.range_end.isoformat() if dct.range_end else None, "dct_note": dct.note,
            **tables, "event_table": _with_named(events.event_table_rows(mention_rows), tables["mentions"])}


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
    (``tcp://host:8786``) or a ``distributed.Client`` uses that cluster. ``progress`` shows a
    bar (articles done, total, rate) on stderr. Options that cannot be used raise
    :class:`ArticleError`; a bad article never does (it is a row of ``errors``).
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
    work = out / WORK
    work.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(work)
    options = {"date_column": date_column, "gazetteer": gazetteer}
    options_hash = _options_hash(options)

    planned: dict[str, tuple[str, str]] = {}          # article_id -> (key, sha256 of the content)
    todo: dict[str, Entry] = {}                      # key -> the first entry with that content
    results: dict[str, dict] = {}                    # key -> result not kept (a reading or internal error)
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
        if _work_path(work, key).exists():          # read when the tables are assembled (a damaged one is redone)
            reused += 1
            continue
        if entry.path is not None and len(data) > MAX_BYTES:     # refused without sending it: read_text says why
            results[key] = _too_large(entry, date_column)
            _write_result(work, key, results[key])
            continue
        todo[key] = entry
    contents = {key: planned[entry.article_id][1] for key, entry in todo.items()}
    annotated = _annotate_all(todo, contents, work, options, results, scheduler, workers, processes, batch_size,
                              progress, total=len(entries), done=len(entries) - len(todo))
    rows, event_rows = assemble(entries, planned, work, results, out, keep, options)
    story_rows = _story_rows(event_rows, tolerance_days)
    _write_parquet(out / "stories.parquet", [{name: [r[name] for r in story_rows] for name in STORY_COLUMNS}],
                   _schema(STORY_COLUMNS))
    rows["story_count"] = len({r["story_id"] for r in story_rows})
    failed = rows.pop("failed")
    return CorpusRun(out=out, articles=len(entries), failed=failed, annotated=annotated, reused=reused, rows=rows,
                     seconds=time.monotonic() - started)


def _unreadable(entry: Entry, exc: OSError) -> dict:
    return {"ok": False, "keep": False, "message": f"{entry.source}: could not be read ({exc.strerror or exc})"}


def _too_large(entry: Entry, date_column: str | None) -> dict:
    try:
        read_text(entry.path)
        message = f"{entry.source}: larger than {MAX_BYTES:,} bytes"
    except ArticleError as exc:
        message = str(exc).replace(str(entry.path), entry.source)
    day, note = parse_date(entry.date_raw, date_column) if date_column else (None, None)
    return {"ok": False, "keep": True, "message": message, "date": day.isoformat() if day else None, "date_note": note}


def _annotate_all(todo: dict[str, Entry], contents: dict[str, str], work: Path, options: dict, results: dict,
                  scheduler, workers, processes, batch_size, progress: bool, total: int, done: int) -> int:
    """Annotate the articles of ``todo`` on Dask, keeping each result in ``work``; the number annotated.

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
        size = batch_size or max(1, min(MAX_BATCH, math.ceil(len(todo) / (4 * n_workers))))
        keys = list(todo)
        batches = [keys[i:i + size] for i in range(0, len(keys), size)]

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
                if hashlib.sha256(data).hexdigest() != contents[key]:
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
                answers = future.result()
            except Exception as exc:                 # the worker died (out of memory, killed): those articles failed
                answers = [(key, {"ok": False, "keep": False,
                                  "message": f"{todo[key].source}: the Dask worker failed ({type(exc).__name__}: {exc})"})
                           for key in batch if key not in results]
            for key, result in answers:
                if result["keep"]:
                    _write_result(work, key, result)
                else:
                    results[key] = result
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
    from distributed import Client, LocalCluster

    if scheduler is None:
        # dashboard_address ":0": Dask's web server on any free port, so that a second cluster does not warn
        try:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=processes,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
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


def _arrow(columns: dict[str, list] | pd.DataFrame, schema):
    """Columns (or a DataFrame) as an Arrow table of ``schema``: integers, and text for the rest (missing values
    are null; a column that is not there is all null)."""
    import pyarrow as pa

    if isinstance(columns, pd.DataFrame):
        columns = {name: columns[name].to_numpy(dtype=object).tolist() for name in columns.columns}
    rows = len(next(iter(columns.values()), []))
    arrays = []
    for name in schema.names:
        values = columns.get(name) or [None] * rows
        kind = pa.int64() if name in INTEGER_COLUMNS else pa.string()
        try:                                      # the usual case, in Arrow: text or integers, NaN or None
            arrays.append(pa.array(values, kind, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            convert = int if name in INTEGER_COLUMNS else str
            arrays.append(pa.array([None if _missing(v) else convert(v) for v in values], kind))
    return pa.Table.from_arrays(arrays, schema=schema)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _write_parquet(path: Path, frames, schema) -> int:
    """Write DataFrames or ``{column: [values]}`` (an iterable, streamed) as one Parquet table, whole or not at
    all; the rows written."""
    import pyarrow.parquet as pq

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    rows = 0
    try:
        with pq.ParquetWriter(temporary, schema) as writer:
            for frame in frames:
                table_ = _arrow(frame, schema)
                rows += table_.num_rows
                writer.write_table(table_)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return rows


def assemble(entries: list[Entry], planned: dict, work: Path, results: dict, out: Path, keep,
             options: dict) -> tuple[dict, pd.DataFrame]:
    """Write the tables of ``out`` from the results kept in ``work`` (and ``results``).

    Returns the rows written to each table, and the events of every article, one row (a dict) per
    event (as :func:`corpus_events` gives them), for :func:`stories`.

    A kept result that has gone or cannot be read (deleted or damaged while running) is annotated
    again here, in this process, so the tables are always whole.
    """
    for stale in out.glob(".*.parquet.*.tmp"):
        stale.unlink(missing_ok=True)
    names = ("timexes", "mentions", "events")
    columns = {"timexes": timexes.COLUMNS, "mentions": actors.COLUMNS, "events": events.COLUMNS}
    buffers: dict[str, dict[str, list]] = {name: defaultdict(list) for name in names}
    article_rows, error_rows, event_rows = [], [], []
    carried = list(keep)

    def result_of(entry):
        key, _ = planned[entry.article_id]
        found = results.get(key) or _read_result(work, key)
        if found is None:
            try:
                data, meta = _payload(entry)
            except OSError as exc:
                return _unreadable(entry, exc)
            found = _annotate_one({"key": key, "name": entry.source, "data": data, "meta": meta,
                                   "date_raw": entry.date_raw}, options)
            if found["keep"]:
                _write_result(work, key, found)
        return found

    # one pass over the results, streamed into the three large tables
    import pyarrow.parquet as pq

    writers, temporaries = {}, {}
    try:
        for name in names:
            handle, temporaries[name] = tempfile.mkstemp(dir=out, prefix=f".{name}.parquet.", suffix=".tmp")
            os.close(handle)
            writers[name] = pq.ParquetWriter(temporaries[name], _schema(["article_id"] + columns[name]))
        counts = dict.fromkeys(names, 0)
        for entry in entries:
            result = result_of(entry)
            key, content = planned[entry.article_id]
            row = {"article_id": entry.article_id, "source": entry.source, "sha256": content,
                   "date_raw": entry.date_raw, "date": result.get("date"), "date_note": result.get("date_note"),
                   **dict(entry.carried)}
            if result["ok"]:
                row.update(status="ok", **{k: result[k] for k in ARTICLE_COLUMNS[4:] if k in result and k not in names})
                for name in names:
                    table_, buffer = result[name], buffers[name]
                    row[name] = size = len(table_[columns[name][0]])
                    buffer["article_id"] += [entry.article_id] * size
                    for column in columns[name]:
                        buffer[column] += table_.get(column) or [None] * size
                event_rows += [{**event, "article_id": entry.article_id, "dct": result["dct"]}
                               for event in result["event_table"]]
            else:
                row.update(status="failed", **dict.fromkeys(names, 0))
                error_rows.append({"article_id": entry.article_id, "source": entry.source, "message": result["message"]})
            article_rows.append(row)
            for name in names:
                if len(buffers[name]["article_id"]) >= 50_000:
                    counts[name] += _flush(writers[name], buffers[name])
        for name in names:
            counts[name] += _flush(writers[name], buffers[name])
            writers[name].close()
        for name in names:
            os.replace(temporaries[name], out / f"{name}.parquet")
    except BaseException:
        for name, writer in writers.items():
            writer.close()
            if os.path.exists(temporaries[name]):
                os.unlink(temporaries[name])
        raise
    _write_parquet(out / "articles.parquet", [pd.DataFrame(article_rows)], _schema(ARTICLE_COLUMNS + carried))
    _write_parquet(out / "errors.parquet", [pd.DataFrame(error_rows, columns=ERROR_COLUMNS)], _schema(ERROR_COLUMNS))
    return {**counts, "failed": len(error_rows)}, event_rows


def _flush(writer, buffer: dict[str, list]) -> int:
    """Write the rows gathered in ``buffer`` (``{column: [values]}``) and empty it; the rows written."""
    rows = len(buffer.get("article_id", []))
    if rows:
        writer.write_table(_arrow(buffer, writer.schema))
    buffer.clear()
    return rows


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
    frames = []
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
    return pd.DataFrame(_story_rows(event_rows.to_dict("records"), tolerance_days, precise_days), columns=STORY_COLUMNS)


def _story_rows(records: list[dict], tolerance_days: int = 7, precise_days: int = 7) -> list[dict]:
    """The rows of :func:`stories` from event rows (dicts with the columns ``CORPUS_EVENT_COLUMNS``)."""
    for r in records:
        r["named_ids"] = set(_ids(r["named"]))
        r["span"] = (date.fromisoformat(r["range_start"]), date.fromisoformat(r["range_end"])) \
            if isinstance(r["range_start"], str) and isinstance(r["range_end"], str) else None
        r["dct"] = r["dct"] if isinstance(r["dct"], str) else None

    def precise(r: dict) -> bool:
        return r["time_basis"] != "DCT" and (r["span"][1] - r["span"][0]).days <= precise_days

    def compatible(a: dict, b: dict) -> bool:
        gap = _gap_days(a["span"], b["span"])
        return gap < tolerance_days if precise(a) and precise(b) else gap < 0

    order = sorted(records, key=lambda r: (r["span"] is None, r["span"] or (date.max, date.max), r["dct"] or "~",
                                           r["article_id"], int(r["first"])))
    groups: list[dict] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)      # (type, named participant) -> groups
    for r in order:
        linkable = r["span"] is not None and r["named_ids"]
        candidates = sorted({g for p in r["named_ids"] for g in index[(r["type"], p)]}) if linkable else []
        fitting = [g for g in candidates if r["article_id"] not in groups[g]["articles"]
                   and all(compatible(r, m) for m in groups[g]["members"])]
        if fitting:
            chosen = max(fitting, key=lambda g: (len(r["named_ids"] & groups[g]["named"]), -g))
        else:
            chosen = len(groups)
            groups.append({"members": [], "articles": set(), "named": set()})
        group = groups[chosen]
        group["members"].append(r)
        group["articles"].add(r["article_id"])
        if linkable:
            for p in sorted(r["named_ids"] - group["named"]):
                group["named"].add(p)
                index[(r["type"], p)].append(chosen)
    width = max(4, len(str(len(groups))))
    rows = []
    for number, group in enumerate(groups, start=1):     # numbered as made: by the date of their earliest event
        members = sorted(group["members"], key=lambda r: (r["article_id"], int(r["first"])))
        dated = sorted((r["dct"], r["article_id"]) for r in members if r["dct"])
        participants = sorted({p for r in members for p in _ids(r["actors"]) + _ids(r["recipients"])})
        for r in members:
            rows.append({"story_id": f"s{number:0{width}d}", **{k: r[k] for k in STORY_COLUMNS[1:11]},
                         "story_actors": ";".join(participants) or None,
                         "articles": len(group["articles"]), "first_reported": dated[0][1] if dated else None})
    return rows


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
