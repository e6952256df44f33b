"""Hand-checked files beside an article: read, validated against one schema per file, never written.

``<name>.meta.json`` (metadata), ``<name>.timexes.csv``, ``<name>.actors.csv``,
``<name>.mentions.csv`` and ``<name>.events.csv``. Every check names the file, the line (the CSV
line, header = 1) and the column. :func:`read_curated` returns every table of an article at
once (``None`` for the files that are not there). Empty cells are ``None``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.errors import ArticleError
from lib.tables import languages

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
TIMEX_VALUE = re.compile(
    r"(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:\d|WE))?|-Q[1-4X]|-H[12X]"
    r"|-(?:SP|SU|FA|WI))?(?:T(?:\d{2}:\d{2}|MO|MI|AF|EV|NI))?|\d{2,3}|X{2,3}"
    r"|P(?:\d+|X)(?:Y|M|W|D|DE|CE)|PT(?:\d+|X)[HMS]|PAST_REF|PRESENT_REF|FUTURE_REF")
TIMEX_MODS = ("START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
              "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE")
ACTOR_KINDS = ("person", "organization", "country", "location", "group")
# PLOVER's 16 types, the three more that the development set's coders use (ENGAGE, DEMAND, DISAPPROVE), STATEMENT
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "ENGAGE", "COOPERATE", "AID", "RETREAT", "REQUEST", "DEMAND",
               "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
               "STATEMENT")
STATUSES = ("occurred", "ongoing", "planned", "expected", "conditional", "negated")


# ----------------------------------------------------------------------------- cell checks

def _one_of(allowed):
    def check(value):
        if value not in allowed:
            return f"expected one of {', '.join(allowed)}, got {value!r}"
    return check


def _matches(pattern: re.Pattern, what: str):
    def check(value):
        if not pattern.fullmatch(value):
            return f"{value!r} is not {what}"
    return check


def _iso_day(value):
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return f"expected a date YYYY-MM-DD, got {value!r}"


@dataclass(frozen=True)
class Schema:
    """What a curated CSV must hold: columns, checks per column, actor references, spans."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    checks: tuple[tuple[str, object], ...] = ()
    actor_columns: tuple[str, ...] = ()
    spans: bool = True
    unique: str | None = None


SCHEMAS = {
    "timexes": Schema(("id", "start", "end", "text", "type", "value"), ("mod",),
                      (("type", _one_of(TIMEX_TYPES)), ("value", _matches(TIMEX_VALUE, "a TIMEX3 value")),
                       ("mod", _one_of(TIMEX_MODS)), ("real_first", _iso_day), ("real_last", _iso_day)),
                      unique="id"),
    "actors": Schema(("id", "name", "kind"), ("aliases", "wikidata", "refers_to"),
                     (("kind", _one_of(ACTOR_KINDS)), ("wikidata", _matches(re.compile(r"Q\d+"), "a Wikidata id (Q123)"))),
                     actor_columns=("refers_to",), spans=False, unique="id"),
    "mentions": Schema(("id", "start", "end", "text", "actor", "kind"), ("role", "refers_to"),
                       (("kind", _one_of(ACTOR_KINDS)),), actor_columns=("actor", "refers_to"), unique="id"),
    "events": Schema(("id", "event_id", "start", "end", "text", "type", "status"),
                     ("mode", "actors", "recipients", "timex", "value", "attributed_to", "real_date"),
                     (("type", _one_of(EVENT_TYPES)), ("status", _one_of(STATUSES)),
                      ("value", _matches(TIMEX_VALUE, "a TIMEX3 value")), ("real_date", _iso_day)),
                     actor_columns=("actors", "recipients", "attributed_to"), unique="id"),
}


def curated_path(article_path: str | Path, kind: str) -> Path:
    """Where a curated file of an article lives: ``<name>.<kind>.csv`` (``<name>.meta.json``) beside it."""
    path = Path(article_path)
    return path.with_name(f"{path.stem}.meta.json" if kind == "meta" else f"{path.stem}.{kind}.csv")


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and ``(line, row)`` pairs of a CSV file; ragged, empty and non-UTF-8 files are errors."""
    try:
        content = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 at byte offset {exc.start}") from None
    try:
        with io.StringIO(content, newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise ArticleError(f"{path}: empty (expected a header line)")
            rows = []
            for values in reader:
                if not values:
                    continue
                if len(values) != len(header):
                    raise ArticleError(f"{path}: line {reader.line_num}: {len(values)} cells, the header has {len(header)}")
                rows.append((reader.line_num, {k: (v if v != "" else None) for k, v in zip(header, values)}))
    except csv.Error as exc:
        raise ArticleError(f"{path}: not a readable CSV file ({exc})") from None
    return header, rows


def read_table(path: str | Path, kind: str, text: str | None = None, actors: set[str] | None = None) -> pd.DataFrame:
    """Read and validate one curated CSV (``kind``: timexes, actors, mentions, events).

    Spans must be integer offsets with ``text[start:end]`` equal to the row's ``text``; ids in
    actor columns (``;``-separated) must be in ``actors``.
    """
    path, schema = Path(path), SCHEMAS[kind]
    header, rows = _rows(path)
    missing = [c for c in schema.required if c not in header]
    if missing:
        raise ArticleError(f"{path}: missing column(s) {', '.join(missing)}")
    seen = set()
    for line, row in rows:
        where = f"{path}: line {line}"
        for column in schema.required:
            if row[column] is None:
                raise ArticleError(f"{where}, column {column!r}: empty")
        if schema.spans:
            for column in ("start", "end"):
                try:
                    row[column] = int(row[column])
                except ValueError:
                    raise ArticleError(f"{where}, column {column!r}: expected an integer offset, got {row[column]!r}") from None
            start, end = row["start"], row["end"]
            if not 0 <= start < end <= len(text):
                raise ArticleError(f"{where}: offsets {start}-{end} are outside the text (0-{len(text)}) or empty")
            if text[start:end] != row["text"]:
                raise ArticleError(f"{where}, column 'text': {row['text']!r} does not match the article at {start}-{end}, "
                                   f"which reads {text[start:end]!r}")
        for column, check in schema.checks:
            problem = check(row[column]) if row.get(column) is not None else None
            if problem:
                raise ArticleError(f"{where}, column {column!r}: {problem}")
        if actors is not None:
            for column in schema.actor_columns:
                for actor in (row.get(column) or "").split(";"):
                    if actor and actor not in actors:
                        raise ArticleError(f"{where}, column {column!r}: unknown actor {actor!r} (not in the actors file)")
        if schema.unique:
            if row[schema.unique] in seen:
                raise ArticleError(f"{where}, column {schema.unique!r}: {row[schema.unique]!r} is listed twice")
            seen.add(row[schema.unique])
    columns = list(header) + [c for c in schema.optional if c not in header]
    return pd.DataFrame([row for _, row in rows], columns=columns)


# ----------------------------------------------------------------------------- metadata

METADATA_FIELDS = {
    "language": str, "machine_translation": bool, "translated_from": str, "source_outlet": str,
    "headline": str, "dateline": str, "published": str, "dct": str, "sources": list,
}


def read_metadata(path: str | Path) -> dict:
    """Read and validate a curated metadata file; the error names the field and what was expected."""
    return parse_metadata(Path(path).read_bytes(), str(path))


def parse_metadata(raw: bytes, name: str) -> dict:
    """Validate the bytes of a metadata file (as :func:`read_metadata`); messages begin with ``name``."""
    path = name
    try:
        meta = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 at byte offset {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ArticleError(f"{path}: nested too deeply to be a metadata file") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{path}: expected a JSON object at the top level")
    for name, kind in METADATA_FIELDS.items():
        if name not in meta:
            raise ArticleError(f"{path}: field {name!r} is missing")
        if not isinstance(meta[name], kind):
            raise ArticleError(f"{path}: field {name!r}: expected {kind.__name__}, got {type(meta[name]).__name__}")
    if meta["language"] not in languages():
        raise ArticleError(f"{path}: field 'language': expected one of {languages()}, got {meta['language']!r}")
    problem = _iso_day(meta["dct"])
    if problem:
        raise ArticleError(f"{path}: field 'dct': {problem}")
    try:
        published = datetime.fromisoformat(meta["published"])
        if published.tzinfo is None:
            raise ValueError
    except ValueError:
        raise ArticleError(
            f"{path}: field 'published': expected an ISO date-time with UTC offset "
            f"(2021-12-29T12:25:00-05:00), got {meta['published']!r}") from None
    for i, source in enumerate(meta["sources"]):
        if not (isinstance(source, dict) and isinstance(source.get("fact"), str) and isinstance(source.get("source"), str)):
            raise ArticleError(f"{path}: field 'sources', item {i}: expected an object with text fields 'fact' and 'source'")
    return meta


# ----------------------------------------------------------------------------- all of an article's

@dataclass(frozen=True)
class Curated:
    """An article's hand-checked tables (``None`` where the file is not there)."""

    timexes: pd.DataFrame | None
    actors: pd.DataFrame | None
    mentions: pd.DataFrame | None
    events: pd.DataFrame | None


def read_curated(article_path: str | Path, text: str) -> Curated:
    """Every curated table of the article at ``article_path`` (``text`` is its loaded text).

    Mentions and events are read only when the actors file is there (their ids refer to it).
    """
    def read(kind, actors=None):
        path = curated_path(article_path, kind)
        return read_table(path, kind, text, actors) if path.exists() else None

    actors = read("actors")
    known = None
    if actors is not None:
        known = set(actors.id)
        actors = read_table(curated_path(article_path, "actors"), "actors", text, known)   # refers_to checked too
    return Curated(timexes=read("timexes"), actors=actors,
                   mentions=read("mentions", known) if known is not None else None,
                   events=read("events", known) if known is not None else None)
