"""Stage 6, exports: the annotation in the formats researchers' tools read.

:func:`export_article` writes into one folder, each file whole or not at all (written to a
temporary file beside it, then renamed), the same bytes every run; it overwrites only the files
listed in ``EXPORT_FILES`` and leaves anything else in the folder alone.

- ``timexes.csv``, ``mentions.csv``, ``events.csv``: the stage tables;
- ``timeline.json``: TimelineJS (``events`` with ``start_date``/``end_date``, month and day only as
  precise as the text, ``group`` the first actor, ``unique_id`` the event id);
- ``article.txt`` + ``article.ann``: brat standoff (LF, no BOM; T spans, E events with their
  roles, TIMEX values as AnnotatorNotes);
- ``annotations.jsonl``: doccano / Label Studio style, one line per document;
- ``events.plover.jsonl``: one PLOVER-shaped record per event;
- ``timeline.png/svg``, ``presence.png/svg``, ``quoted.png/svg``, ``network.png/svg``,
  ``story-vs-time.png/svg``: the figures.
- ``manifest.json``, written last: the article, its sha256, the DCT and the sha256 of every file
  written. A folder without it holds a partial export (the manifest is removed when an export
  starts); temporary files a killed export left behind are removed by the next one.
"""
from __future__ import annotations

import hashlib
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lib.charts import FIGURES
from lib.errors import ArticleError
from lib.events import event_table
from lib.files import write_atomic
from lib.load import Article
from lib.timeline import timeline_rows

CODEBOOK = "PLOVER 2021 types plus STATEMENT; workbook rules"
EXPORT_FILES = ["timexes.csv", "mentions.csv", "events.csv", "timeline.json", "article.txt", "article.ann",
                "annotations.jsonl", "events.plover.jsonl"] + [f"{name}.{ext}" for name in
                ("timeline", "presence", "quoted", "network", "story-vs-time") for ext in ("png", "svg")]
MANIFEST = "manifest.json"
BRAT_LABEL = {"person": "Person", "organization": "Organization", "country": "Country", "location": "Location",
              "group": "Group"}


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files of the exports that a killed run left behind (``.timeline.json.x1y2.tmp``)."""
    for name in EXPORT_FILES + [MANIFEST]:
        for stale in out.glob(f".{name}.*.tmp"):
            stale.unlink()


def to_csv(frame: pd.DataFrame) -> str:
    """A DataFrame as CSV text (LF line ends, no index)."""
    return frame.to_csv(index=False, lineterminator="\n")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def timelinejs(rows: pd.DataFrame, title: str) -> dict:
    """A TimelineJS document from :func:`lib.timeline.timeline_rows`; dates only as precise as the text."""
    def timeline_date(iso: str, granularity: str) -> dict:
        d = date.fromisoformat(iso)
        out = {"year": d.year}
        if granularity in ("day", "week", "month", "quarter"):
            out["month"] = d.month
        if granularity in ("day", "week"):
            out["day"] = d.day
        return out
    events = []
    for row in rows.sort_values(["start", "first"], kind="stable").itertuples():
        last = (date.fromisoformat(row.end) - timedelta(days=1)).isoformat()
        item = {"unique_id": row.event_id, "start_date": timeline_date(row.start, row.granularity),
                "text": {"headline": row.label, "text": f"{row.type}, {row.status}; TIMEX3 value {row.value}"},
                "group": row.label.split(": ", 1)[-1].split(",")[0].split(" →")[0] or row.type,
                "display_date": row.value}
        if row.granularity != "day":
            item["end_date"] = timeline_date(last, row.granularity)
        events.append(item)
    return {"title": {"text": {"headline": title, "text": "Events as the article dates them"}}, "events": events}


def validate_timelinejs(doc: dict) -> None:
    """Check the fields TimelineJS requires; raise ``ValueError`` naming the event and field."""
    if not isinstance(doc.get("events"), list):
        raise ValueError("TimelineJS: 'events' must be a list")
    for i, event in enumerate(doc["events"]):
        start = event.get("start_date")
        if not isinstance(start, dict) or not isinstance(start.get("year"), int):
            raise ValueError(f"TimelineJS: event {i}: 'start_date' needs an integer 'year'")
        for key in ("month", "day"):
            if key in start and not isinstance(start[key], int):
                raise ValueError(f"TimelineJS: event {i}: start_date.{key} must be an integer")
        if "day" in start and "month" not in start:
            raise ValueError(f"TimelineJS: event {i}: a day needs a month")
        if not isinstance(event.get("text", {}).get("headline"), str):
            raise ValueError(f"TimelineJS: event {i}: 'text.headline' must be a string")


def brat(text: str, timexes: pd.DataFrame, mentions: pd.DataFrame, events: pd.DataFrame) -> str:
    """brat standoff ``.ann`` for ``text``: T spans (actors, TIMEX3, triggers), E events, # notes."""
    lines, spans, notes = [], {}, [0]

    def note(tid, value):
        notes[0] += 1
        lines.append(f"#{notes[0]}\tAnnotatorNotes {tid}\t{value}")

    def span(kind, start, end):
        key = (kind, start, end)
        if key not in spans:
            spans[key] = f"T{len(spans) + 1}"
            surface = text[start:end].replace("\n", " ")
            lines.append(f"{spans[key]}\t{kind} {start} {end}\t{surface}")
        return spans[key]
    first_mention = {}
    for row in mentions.itertuples():
        tid = span(BRAT_LABEL[row.kind], row.start, row.end)
        for actor in row.actor.split(";"):
            first_mention.setdefault(actor, tid)
        note(tid, row.actor)
    for row in timexes.itertuples():
        tid = span("TIMEX3", row.start, row.end)
        note(tid, row.value)
    for number, row in enumerate(events.itertuples(), start=1):
        tid = span(row.type, row.start, row.end)
        args = [f"{row.type}:{tid}"]
        for role, ids in (("Actor", row.actors), ("Recipient", row.recipients)):
            for i, actor in enumerate(ids.split(";") if isinstance(ids, str) else [], start=1):
                if actor in first_mention:
                    args.append(f"{role}{i if i > 1 else ''}:{first_mention[actor]}")
        if isinstance(row.timex, str):
            match = timexes[timexes.id == row.timex]
            if len(match):
                args.append(f"Time:{span('TIMEX3', int(match.start.iloc[0]), int(match.end.iloc[0]))}")
        lines.append(f"E{number}\t{' '.join(args)}")
    return "\n".join(lines) + "\n"


def doccano(text: str, timexes: pd.DataFrame, mentions: pd.DataFrame, events: pd.DataFrame) -> str:
    """One doccano / Label Studio style JSON line: text, entities (with ids) and relations."""
    entities, relations = [], []
    for row in mentions.itertuples():
        entities.append({"id": len(entities) + 1, "label": row.kind, "start_offset": int(row.start),
                         "end_offset": int(row.end), "actor": row.actor})
    for row in timexes.itertuples():
        entities.append({"id": len(entities) + 1, "label": f"TIMEX3:{row.type}", "start_offset": int(row.start),
                         "end_offset": int(row.end), "value": row.value})
    first = {}
    for e in entities:
        for actor in e.get("actor", "").split(";"):
            if actor:
                first.setdefault(actor, e["id"])
    for row in events.itertuples():
        trigger = {"id": len(entities) + 1, "label": f"EVENT:{row.type}", "start_offset": int(row.start),
                   "end_offset": int(row.end), "event_id": row.event_id}
        entities.append(trigger)
        for role, ids in (("actor", row.actors), ("recipient", row.recipients)):
            for actor in ids.split(";") if isinstance(ids, str) else []:
                if actor in first:
                    relations.append({"id": len(relations) + 1, "from_id": trigger["id"], "to_id": first[actor],
                                      "type": role})
    return json.dumps({"text": text, "entities": entities, "relations": relations}, ensure_ascii=False,
                      sort_keys=True) + "\n"


def plover(article: Article, events: pd.DataFrame, table: pd.DataFrame) -> str:
    """One PLOVER-shaped JSON record per event (id, date and precision, actors, type, mode, evidence)."""
    lines = []
    precision = {"day": 1, "week": 2}
    from lib.timeline import granularity_of
    for row in table.itertuples():
        mentions = events[events.event_id == row.event_id]
        first = mentions.iloc[0]
        record = {
            "id": f"{article.path.stem}:{row.event_id}", "event_type": row.type, "mode": row.mode,
            "actors": row.actors.split(";") if isinstance(row.actors, str) else [],
            "recipients": row.recipients.split(";") if isinstance(row.recipients, str) else [],
            "date": row.range_start, "date_end": row.range_end, "timex3": row.value,
            "time_precision": precision.get(granularity_of(row.value), 3) if isinstance(row.value, str) else None,
            "status": row.status, "attributed_to": row.attributed_to,
            "evidence": [{"text": m.text, "start": int(m.start), "end": int(m.end)} for m in mentions.itertuples()],
            "sentence": article.text[int(article.sentences.start.iloc[first.sentence]):
                                     int(article.sentences.end.iloc[first.sentence])] if len(article.sentences) else None,
            "coder": "rule: " + first.rule, "codebook": CODEBOOK, "document": article.sha256,
        }
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + ("\n" if lines else "")


def save_figure(fig, stem: str | Path) -> list[Path]:
    """Save a figure as PNG and SVG (deterministic bytes), each written whole or not at all; returns the paths."""
    import matplotlib

    stem, paths = Path(stem), []
    for ext, options in (("png", {"metadata": {"Software": None}, "dpi": 110}),
                         ("svg", {"metadata": {"Date": None, "Creator": None}})):
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "workbook", "svg.fonttype": "path"}):
            fig.savefig(buffer, format=ext, **options)
        paths.append(write_atomic(stem.with_suffix(f".{ext}"), buffer.getvalue()))
    return paths


def export(annotation, out: str | Path, figures: bool = True) -> list[Path]:
    """Write every export of an :class:`~lib.annotate.Annotation` into the folder ``out``; returns the paths written.

    Refuses (:class:`ArticleError`) an empty folder name and a folder where an export would
    replace the article itself.
    """
    if not str(out).strip():
        raise ArticleError("--out: empty folder name; name the folder to write into")
    out = Path(out)
    article = annotation.article
    for name in EXPORT_FILES + [MANIFEST]:
        if (out / name).resolve() == article.path.resolve():
            raise ArticleError(f"{out / name}: is the article being exported; choose another --out folder")
    timexes, mentions, events = annotation.timexes, annotation.mentions, annotation.events
    if out.is_dir():
        _remove_stale_temporaries(out)
        (out / MANIFEST).unlink(missing_ok=True)                     # until the new export is whole
    rows = timeline_rows(annotation)
    doc = timelinejs(rows, f"{article.path.name}")
    validate_timelinejs(doc)
    written = [
        write_atomic(out / "timexes.csv", to_csv(timexes)),
        write_atomic(out / "mentions.csv", to_csv(mentions)),
        write_atomic(out / "events.csv", to_csv(events)),
        write_atomic(out / "timeline.json", _json(doc)),
        write_atomic(out / "article.txt", article.text),
        write_atomic(out / "article.ann", brat(article.text, timexes, mentions, events)),
        write_atomic(out / "annotations.jsonl", doccano(article.text, timexes, mentions, events)),
        write_atomic(out / "events.plover.jsonl", plover(article, events, event_table(events))),
    ]
    if figures and annotation.dct.day is not None and len(rows):
        for name, draw in FIGURES.items():
            written.extend(save_figure(draw(annotation), out / name))
    manifest = {"article": article.path.name, "sha256": article.sha256, "dct": annotation.dct.value,
                "files": {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(written)}}
    written.append(write_atomic(out / MANIFEST, _json(manifest)))     # last: a folder without it is not complete
    return written


def read_back(out: str | Path) -> dict:
    """The exports of a folder read back: the three tables, the TimelineJS document, brat, JSONL."""
    out = Path(out)
    return {
        "timexes": pd.read_csv(out / "timexes.csv"), "mentions": pd.read_csv(out / "mentions.csv"),
        "events": pd.read_csv(out / "events.csv"),
        "timeline": json.loads((out / "timeline.json").read_text(encoding="utf-8")),
        "text": (out / "article.txt").read_bytes().decode("utf-8"),
        "ann": (out / "article.ann").read_bytes().decode("utf-8"),
        "doccano": _json_lines(out / "annotations.jsonl"),
        "plover": _json_lines(out / "events.plover.jsonl"),
    }


def _json_lines(path: Path) -> list:
    """The records of a JSON-lines file, split on ``\\n`` only (text may hold U+2028)."""
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").split("\n") if line]
