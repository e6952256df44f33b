"""Scores on the development set of real news: ``python -m lib.tools.devset [PATH] [--misses] [--markdown]``.

The folder (default ``../shared/devnews`` beside the repository) holds ``articles/*.txt``,
``articles/index.csv`` (the true ``published`` date of each file) and hand-checked
``gold/*.gold.json`` for some of the articles. Nothing from it is copied into the repository.

For every gold article the pipeline runs with the gold DCT and is scored on time expressions,
actor mentions and events; for every article of the index it runs with no DCT and the inferred
DCT is compared with the publication date. Spans are 0-based and end-exclusive; an automatic span
"finds" a gold span when they share a character. ``DCT: wrong single date`` is the one measure
whose target is an upper bound.
"""
from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

import pandas as pd

from lib import ROOT
from lib.tools.report import markdown_table

DEFAULT_FOLDER = ROOT.parent / "shared" / "devnews"

TIMEX_COLUMNS = ["start", "end", "text", "value", "mod", "alt_values"]
MENTION_COLUMNS = ["start", "end", "text", "actor", "kind"]
EVENT_COLUMNS = ["start", "end", "text", "type", "actors", "targets", "value", "status", "alternatives"]
EVENT_FIELDS = ("type", "actors", "targets", "value", "status")
MISS_COLUMNS = ["file", "stage", "offset", "gold_text", "gold_value", "found_text", "found_value", "wrong"]
STAGES = ["load", "DCT", "time", "actors", "events"]
# the automatic tables of an article the pipeline refused: every gold item counts as missed
EMPTY_AUTO = {
    "timexes": pd.DataFrame(columns=["start", "end", "text", "value", "mod"]),
    "mentions": pd.DataFrame(columns=["start", "end", "text", "actor", "kind"]),
    "events": pd.DataFrame(columns=["start", "end", "text", "type", "actors", "value"]),
}

# automatic mention kinds -> gold kinds
GOLD_KINDS = {"person": "person", "organization": "organization", "country": "place", "location": "place",
              "group": "group"}

# measure, stage, denominator count, numerator count, target, target is an upper bound
MEASURES = [
    ("time: found", "time", "gold", "found", None, False),
    ("time: value right", "time", "gold", "value right", 0.95, False),
    ("time: precision", "time", "auto", "auto in gold", None, False),
    ("actors: found", "actors", "gold", "found", 0.85, False),
    ("actors: right kind", "actors", "gold", "right kind", 0.85, False),
    ("actors: precision", "actors", "auto", "auto in gold", None, False),
    ("events: found", "events", "gold", "found", 0.80, False),
    ("events: right type", "events", "gold", "right type", 0.70, False),
    ("events: right date", "events", "gold", "right date", 0.70, False),
    ("events: right doer", "events", "gold", "right doer", 0.70, False),
    ("events: precision", "events", "auto", "auto in gold", None, False),
    ("DCT: exact", "DCT", "articles", "exact", 0.75, False),
    ("DCT: wrong single date", "DCT", "articles", "wrong single date", 0.05, True),
    ("DCT: none", "DCT", "articles", "none", None, False),
    ("DCT: wrong, low confidence, range holds truth", "DCT", "articles", "wrong, said so", None, False),
]


# ----------------------------------------------------------------------------- small helpers

def text_or_empty(value) -> str:
    """A cell as a string: missing values (None, NaN) become ``""``."""
    return value if isinstance(value, str) else ""


def iso_day(value) -> str:
    """A date (``datetime.date`` or ISO string) as ``YYYY-MM-DD``; missing values become ``""``."""
    return value.isoformat() if hasattr(value, "isoformat") else text_or_empty(value)


def gold_kind(kind: str) -> str:
    """An automatic mention kind in the gold vocabulary (country and location are places)."""
    return GOLD_KINDS.get(kind, kind)


def overlap_finder(spans: list[tuple[int, int]]) -> Callable[[int, int], list[int]]:
    """A function giving the indices (in start order) of the ``spans`` that overlap a span."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    starts = [spans[i][0] for i in order]
    longest = max((end - start for start, end in spans), default=0)

    def find(start: int, end: int) -> list[int]:
        low = bisect.bisect_left(starts, start - longest + 1)
        high = bisect.bisect_left(starts, end)
        return [order[k] for k in range(low, high) if spans[order[k]][1] > start]
    return find


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every occurrence of ``needle`` in ``text`` (overlapping ones included)."""
    found, at = [], text.find(needle)
    while needle and at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def locate(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) ``needle``; a ``ValueError`` naming ``where`` if there is none."""
    starts = occurrences(text, needle)
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(starts):
        raise ValueError(f"{where}: {needle!r} occurrence {occurrence!r} not found (the text has {len(starts)})")
    start = starts[occurrence - 1]
    return start, start + len(needle)


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word (no letter or digit glued to either edge)."""
    glued_before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    glued_after = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return not (glued_before or glued_after)


def ignored_spans(text: str, ignore: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every boilerplate string as a span."""
    return [(start, start + len(s)) for s in ignore for start in occurrences(text, s)]


def inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def alternatives(item: dict, fields: tuple[str, ...]) -> dict[str, list]:
    """The ``alt_*`` keys of a gold item as field -> list of alternatives (``alt_values`` is for ``value``)."""
    found: dict[str, list] = {}
    for key, value in item.items():
        if not key.startswith("alt_"):
            continue
        name = key[4:]
        field = name if name in fields else name[:-1] if name.endswith("s") and name[:-1] in fields else name
        found.setdefault(field, []).extend(value if isinstance(value, list) else [value])
    return found


# ----------------------------------------------------------------------------- gold tables

def gold_tables(text: str, gold: dict) -> dict[str, pd.DataFrame]:
    """A gold JSON as span tables over ``text``: ``timexes``, ``mentions`` and ``events``."""
    source = gold.get("file", "gold")
    ignored = ignored_spans(text, gold.get("ignore") or [])
    timexes = [gold_timex(text, item, f"{source}: timexes item {n}")
               for n, item in enumerate(gold.get("timexes", []), 1)]
    events = [gold_event(text, item, f"{source}: events item {n}")
              for n, item in enumerate(gold.get("events", []), 1)]
    return {
        "timexes": pd.DataFrame(outside(timexes, ignored), columns=TIMEX_COLUMNS),
        "mentions": pd.DataFrame(gold_mentions(text, gold.get("actors", []), ignored), columns=MENTION_COLUMNS),
        "events": pd.DataFrame(outside(events, ignored), columns=EVENT_COLUMNS),
    }


def outside(rows: list[dict], ignored: list[tuple[int, int]]) -> list[dict]:
    """The rows whose span is not inside an ignored span."""
    return [row for row in rows if not inside_any(row["start"], row["end"], ignored)]


def gold_timex(text: str, item: dict, where: str) -> dict:
    """One gold time expression as a row."""
    start, end = locate(text, item["text"], item.get("occurrence", 1), where)
    return {"start": start, "end": end, "text": item["text"], "value": text_or_empty(item.get("value")),
            "mod": text_or_empty(item.get("mod")),
            "alt_values": tuple(text_or_empty(v) for v in alternatives(item, ("value",)).get("value", []))}


def gold_event(text: str, item: dict, where: str) -> dict:
    """One gold event mention as a row (actors and targets as ``;``-joined names)."""
    start, end = locate(text, item["trigger"], item.get("occurrence", 1), where)
    return {"start": start, "end": end, "text": item["trigger"], "type": item.get("type", ""),
            "actors": ";".join(item.get("actors") or []), "targets": ";".join(item.get("targets") or []),
            "value": text_or_empty(item.get("value")), "status": text_or_empty(item.get("status")),
            "alternatives": alternatives(item, EVENT_FIELDS)}


def gold_mentions(text: str, actors: list[dict], ignored: list[tuple[int, int]]) -> list[dict]:
    """Every whole-word occurrence of every actor surface outside boilerplate; the longer of two overlapping wins."""
    candidates = [(start, start + len(surface), surface, actor["name"], actor["kind"])
                  for actor in actors for surface in actor.get("surface", [])
                  for start in occurrences(text, surface)
                  if whole_word(text, start, start + len(surface))
                  and not inside_any(start, start + len(surface), ignored)]
    taken = bytearray(len(text))
    kept = []
    for start, end, surface, name, kind in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            kept.append({"start": start, "end": end, "text": surface, "actor": name, "kind": kind})
    return sorted(kept, key=lambda r: r["start"])


# ----------------------------------------------------------------------------- scores

def miss(stage: str, offset, gold_text="", gold_value="", found_text="", found_value="", wrong="") -> dict:
    """One row of the misses table (the file is filled in by the caller)."""
    return {"file": "", "stage": stage, "offset": offset, "gold_text": gold_text, "gold_value": gold_value,
            "found_text": found_text, "found_value": found_value, "wrong": wrong}


def spans_of(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """The ``(start, end)`` pairs of a table, as plain ints."""
    return [(int(s), int(e)) for s, e in zip(frame["start"].tolist(), frame["end"].tolist())]


def auto_counts(stage: str, auto: pd.DataFrame, gold_spans: list[tuple[int, int]], value_column: str,
                misses: list | None) -> dict[str, int]:
    """How many automatic items there are, and how many overlap a gold span; a miss row for each that does not."""
    find = overlap_finder(gold_spans)
    stray = [i for i, (start, end) in enumerate(spans_of(auto)) if not find(start, end)]
    if misses is not None:
        starts, texts, values = auto["start"].tolist(), auto["text"].tolist(), auto[value_column].tolist()
        misses.extend(miss(stage, int(starts[i]), found_text=texts[i], found_value=text_or_empty(values[i]),
                           wrong="not in gold") for i in stray)
    return {"auto": len(auto), "auto in gold": len(auto) - len(stray), "auto not in gold": len(stray)}


def best_match(hits: list[int], judge: Callable[[int], tuple[bool, ...]],
               criteria: int) -> tuple[int | None, tuple[bool, ...]]:
    """The overlapping automatic item with the most criteria right (the first on ties) and its verdict."""
    best, verdict = None, (False,) * criteria
    for i in hits:
        this = judge(i)
        if best is None or sum(this) > sum(verdict):
            best, verdict = i, this
    return best, verdict


def score_time(auto: pd.DataFrame, gold: pd.DataFrame, misses: list | None = None) -> dict[str, int]:
    """Counts for one article's time expressions: gold, found, value right, auto, auto in gold, auto not in gold."""
    auto_spans, gold_spans = spans_of(auto), spans_of(gold)
    values = [text_or_empty(v) for v in auto["value"].tolist()]
    mods = [text_or_empty(v) for v in auto["mod"].tolist()]
    find = overlap_finder(auto_spans)
    counts = Counter({"gold": len(gold), "found": 0, "value right": 0})
    for (start, end), text, value, mod, alts in zip(gold_spans, gold["text"], gold["value"], gold["mod"],
                                                    gold["alt_values"]):
        right_values = {value, *alts}
        hit, verdict = best_match(find(start, end), lambda i: (values[i] in right_values, mods[i] == mod), 2)
        counts["found"] += hit is not None
        counts["value right"] += all(verdict)
        if misses is not None and not all(verdict):
            found = ("", "") if hit is None else (auto["text"].iloc[hit], join_value(values[hit], mods[hit]))
            misses.append(miss("time", start, text, join_value(value, mod), *found,
                               what_wrong(hit, ("value", "mod"), verdict)))
    counts.update(auto_counts("time", auto, gold_spans, "value", misses))
    return dict(counts)


def join_value(value: str, mod: str) -> str:
    """A TIMEX3 value with its modifier, as shown in the misses table."""
    return f"{value} {mod}" if mod else value


def what_wrong(hit: int | None, criteria: tuple[str, ...], verdict: tuple[bool, ...]) -> str:
    """``not found``, or the criteria the matched automatic item got wrong, comma-separated."""
    return "not found" if hit is None else ", ".join(name for name, ok in zip(criteria, verdict) if not ok)


def score_actors(auto: pd.DataFrame, gold: pd.DataFrame, misses: list | None = None) -> dict[str, int]:
    """Counts for one article's actor mentions: gold, found, right kind, auto, auto in gold, auto not in gold."""
    auto_spans, gold_spans = spans_of(auto), spans_of(gold)
    raw_kinds = [text_or_empty(k) for k in auto["kind"].tolist()]
    kinds = [gold_kind(k) for k in raw_kinds]
    find = overlap_finder(auto_spans)
    counts = Counter({"gold": len(gold), "found": 0, "right kind": 0})
    for (start, end), text, kind in zip(gold_spans, gold["text"], gold["kind"]):
        hit, verdict = best_match(find(start, end), lambda i: (kinds[i] == kind,), 1)
        counts["found"] += hit is not None
        counts["right kind"] += all(verdict)
        if misses is not None and not all(verdict):
            found = ("", "") if hit is None else (auto["text"].iloc[hit],
                                                  f"{raw_kinds[hit]} ({auto['actor'].iloc[hit]})")
            misses.append(miss("actors", start, text, kind, *found, what_wrong(hit, ("kind",), verdict)))
    counts.update(auto_counts("actors", auto, gold_spans, "kind", misses))
    return dict(counts)


def actor_links(auto_mentions: pd.DataFrame, gold_mentions: pd.DataFrame) -> dict[str, set[str]]:
    """Automatic actor id -> gold actor names it is taken to be (one of its mentions overlaps one of theirs)."""
    find = overlap_finder(spans_of(gold_mentions))
    names = gold_mentions["actor"].tolist()
    links: dict[str, set[str]] = {}
    for actor, (start, end) in zip(auto_mentions["actor"].tolist(), spans_of(auto_mentions)):
        if isinstance(actor, str):
            links.setdefault(actor, set()).update(names[j] for j in find(start, end))
    return links


def split_names(value) -> list[str]:
    """A ``;``-joined list of actors as a list (empty for a missing value)."""
    return [name for name in text_or_empty(value).split(";") if name]


def doer_right(auto_ids: list[str], options: list[list[str]], links: dict[str, set[str]]) -> bool:
    """Whether the automatic actors fit one gold option: both empty, or an automatic actor is one of the gold ones."""
    matched = set().union(*(links.get(actor, set()) for actor in auto_ids)) if auto_ids else set()
    return any((not option and not auto_ids) or bool(matched & set(option)) for option in options)


def actor_options(actors: str, alts: dict) -> list[list[str]]:
    """The gold actors and their ``alt_actors`` alternatives as lists of names."""
    return [split_names(actors)] + [alt if isinstance(alt, list) else split_names(alt)
                                    for alt in alts.get("actors", [])]


def score_events(auto: pd.DataFrame, gold: pd.DataFrame, auto_mentions: pd.DataFrame, gold_mentions: pd.DataFrame,
                 misses: list | None = None) -> dict[str, int]:
    """Counts for one article's events: gold, found, right type, right date, right doer, auto, auto (not) in gold."""
    auto_spans, gold_spans = spans_of(auto), spans_of(gold)
    types = [text_or_empty(t) for t in auto["type"].tolist()]
    values = [text_or_empty(v) for v in auto["value"].tolist()]
    doers = [split_names(a) for a in auto["actors"].tolist()]
    links = actor_links(auto_mentions, gold_mentions)
    find = overlap_finder(auto_spans)
    counts = Counter({"gold": len(gold), "found": 0, "right type": 0, "right date": 0, "right doer": 0})
    for (start, end), text, type_, actors, value, alts in zip(gold_spans, gold["text"], gold["type"], gold["actors"],
                                                              gold["value"], gold["alternatives"]):
        right_types = {type_, *alts.get("type", [])}
        right_values = {value, *(text_or_empty(v) for v in alts.get("value", []))}
        options = actor_options(actors, alts)
        hit, verdict = best_match(find(start, end), lambda i: (types[i] in right_types, values[i] in right_values,
                                                               doer_right(doers[i], options, links)), 3)
        counts["found"] += hit is not None
        for key, ok in zip(("right type", "right date", "right doer"), verdict):
            counts[key] += ok
        if misses is not None and not all(verdict):
            found = ("", "") if hit is None else (auto["text"].iloc[hit],
                                                  event_value(types[hit], values[hit], ";".join(doers[hit])))
            misses.append(miss("events", start, text, event_value(type_, value, actors), *found,
                               what_wrong(hit, ("type", "date", "doer"), verdict)))
    counts.update(auto_counts("events", auto, gold_spans, "type", misses))
    return dict(counts)


def event_value(type_: str, value: str, actors: str) -> str:
    """An event's type, date and doers in one cell of the misses table."""
    return f"{type_} | {value or '-'} | {actors or '-'}"


def score_dct(published: str, value: str | None, range_start: str | None = None, range_end: str | None = None,
              misses: list | None = None, confidence: str | None = None) -> dict[str, int]:
    """Counts for one article's inferred DCT against its publication date.

    A wrong value said with low confidence and a range that holds the publication date is "said
    so" (the weak evidence is reported); any other wrong value is a wrong single date.
    """
    value = text_or_empty(value)
    wrong = bool(value) and value != published
    holds = wrong and bool(range_start) and bool(range_end) and range_start <= published < range_end
    said_so = holds and confidence == "low"
    if misses is not None and value != published:
        found = value + (f" ({confidence}, range {range_start} to {range_end}, end exclusive)" if range_start and range_end else "")
        wrong_how = "no value" if not value else "wrong date, low confidence, range holds truth" if said_so else "wrong date"
        misses.append(miss("DCT", None, gold_value=published, found_value=found, wrong=wrong_how))
    return {"articles": 1, "exact": int(value == published), "none": int(not value),
            "wrong single date": int(wrong and not said_so), "wrong, said so": int(said_so)}


# ----------------------------------------------------------------------------- the report

def report(folder: str | Path, annotate: Callable | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The development-set summary (one row per measure) and every miss (one row each)."""
    if annotate is None:
        from lib.annotate import annotate
    folder = Path(folder)
    totals = {stage: Counter() for stage in ("time", "actors", "events", "DCT")}
    misses: list[dict] = []
    index = pd.read_csv(folder / "articles" / "index.csv", dtype=str)
    for file, published in zip(index["file"].tolist(), index["published"].tolist()):
        totals["DCT"].update(dct_scores(folder / "articles" / file, published, annotate, misses))
    for path in sorted((folder / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for stage, counts in gold_scores(folder / "articles" / gold["file"], gold, annotate, misses).items():
            totals[stage].update(counts)
    return summary_table(totals), misses_table(misses)


def dct_scores(path: Path, published: str, annotate: Callable, misses: list) -> dict[str, int]:
    """One article's DCT counts, the pipeline run with no DCT; an unreadable article counts as no value."""
    from lib.load import ArticleError

    rows: list[dict] = []
    try:
        dct = annotate(path, dct=None).dct
        counts = score_dct(published, iso_day(dct.value), iso_day(dct.range_start), iso_day(dct.range_end), rows,
                           dct.confidence)
    except ArticleError as error:
        counts = score_dct(published, None)
        rows.append(miss("load", None, wrong=str(error)))
    misses.extend(row | {"file": path.name} for row in rows)
    return counts


def gold_scores(path: Path, gold: dict, annotate: Callable, misses: list) -> dict[str, dict[str, int]]:
    """One gold article's time, actor and event counts, the pipeline run with the gold DCT."""
    from lib.load import ArticleError

    try:
        ann = annotate(path, dct=gold.get("dct"))
    except ArticleError as error:
        misses.append(miss("load", None, wrong=str(error)) | {"file": path.name})
        text = raw_text(path)
        return {} if text is None else score_gold(text, gold, EMPTY_AUTO)
    rows: list[dict] = []
    scores = score_gold(ann.article.text, gold, {"timexes": ann.timexes, "mentions": ann.mentions,
                                                 "events": ann.events}, rows)
    misses.extend(row | {"file": path.name} for row in rows)
    return scores


def score_gold(text: str, gold: dict, auto: dict[str, pd.DataFrame],
               misses: list | None = None) -> dict[str, dict[str, int]]:
    """Time, actor and event counts of the automatic tables ``auto`` against a gold JSON over ``text``."""
    tables = gold_tables(text, gold)
    return {
        "time": score_time(auto["timexes"], tables["timexes"], misses),
        "actors": score_actors(auto["mentions"], tables["mentions"], misses),
        "events": score_events(auto["events"], tables["events"], auto["mentions"], tables["mentions"], misses),
    }


def raw_text(path: Path) -> str | None:
    """The file's text as the loader would give it (BOM dropped, LF line ends), or ``None`` when unreadable."""
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return None


def summary_table(totals: dict[str, Counter]) -> pd.DataFrame:
    """One row per measure: gold, right, share (3 decimals), target and whether it is met."""
    rows = []
    for measure, stage, denominator, numerator, target, at_most in MEASURES:
        gold, right = totals[stage][denominator], totals[stage][numerator]
        share = round(right / gold, 3) if gold else float("nan")
        met = None if target is None or not gold else (share <= target if at_most else share >= target)
        rows.append({"measure": measure, "gold": gold, "right": right, "share": share, "target": target, "met": met})
    frame = pd.DataFrame(rows, columns=["measure", "gold", "right", "share", "target", "met"])
    return frame.astype({"gold": int, "right": int, "share": float, "target": float, "met": "boolean"})


def misses_table(misses: list[dict]) -> pd.DataFrame:
    """The misses as a table, by file, stage and offset."""
    frame = pd.DataFrame(misses, columns=MISS_COLUMNS).astype({"offset": "Int64"})
    order = frame["stage"].map({stage: n for n, stage in enumerate(STAGES)})
    return (frame.assign(_order=order).sort_values(["file", "_order", "offset"], kind="stable", na_position="first")
            .drop(columns="_order").reset_index(drop=True))


# ----------------------------------------------------------------------------- command line

def main(argv: list[str], annotate: Callable | None = None) -> int:
    """Print the development-set summary (and the misses); 2 on a missing folder or a broken gold file."""
    parser = argparse.ArgumentParser(prog="python -m lib.tools.devset",
                                     description="Scores on the development set of real Indonesian news.")
    parser.add_argument("path", nargs="?", default=str(DEFAULT_FOLDER), help="the devnews folder")
    parser.add_argument("--misses", action="store_true", help="also print every miss")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args(argv)
    folder = Path(args.path)
    if not (folder / "articles" / "index.csv").is_file():
        print(f"devset: {folder}: no such development set (expected articles/index.csv in it)", file=sys.stderr)
        return 2
    try:
        summary, misses = report(folder, annotate)
    except ValueError as error:
        print(f"devset: {error}", file=sys.stderr)
        return 2
    show = markdown_table if args.markdown else lambda frame: frame.to_string(index=False)
    print(show(summary))
    if args.misses:
        print()
        print(show(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
