"""Measure the automatic annotation against the curated (hand-checked) one.

Scores are computed from spans and values, never copied: precision = found and right / found,
recall = found and right / in the curated table, F1 their harmonic mean. Two span criteria:
``exact`` (same start and end) and ``overlap`` (the spans share a character; each curated span is
matched to at most one automatic span, left to right).
"""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lib.timexes import last_day

SCORE_COLUMNS = ["measure", "curated", "found", "correct", "precision", "recall", "f1"]


def prf(correct: int, found: int, curated: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined).

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    precision = correct / found if found else 0.0
    recall = correct / curated if curated else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def align(auto: pd.DataFrame, gold: pd.DataFrame, exact: bool = True) -> list[tuple[int, int]]:
    """Pairs ``(auto_index, gold_index)`` of matching spans, each row used at most once."""
    pairs, used = [], set()
    for gi, g in gold.iterrows():
        for ai, a in auto.iterrows():
            if ai in used:
                continue
            same = (a.start == g.start and a.end == g.end) if exact else (a.start < g.end and g.start < a.end)
            if same:
                pairs.append((ai, gi))
                used.add(ai)
                break
    return pairs


def score_row(measure: str, correct: int, found: int, curated: int) -> dict:
    """One row of a score table."""
    precision, recall, f1 = prf(correct, found, curated)
    return {"measure": measure, "curated": curated, "found": found, "correct": correct,
            "precision": precision, "recall": recall, "f1": f1}


def evaluate_timexes(auto: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Span and value scores of time expressions (columns ``SCORE_COLUMNS``).

    ``value`` counts an expression as correct when its span overlaps a curated one and both
    ``value`` and ``mod`` agree.
    """
    exact = align(auto, gold, exact=True)
    overlap = align(auto, gold, exact=False)
    right_value = sum(_same_value(auto.loc[a], gold.loc[g]) for a, g in overlap)
    return pd.DataFrame([
        score_row("span, exact", len(exact), len(auto), len(gold)),
        score_row("span, overlap", len(overlap), len(auto), len(gold)),
        score_row("value and mod", right_value, len(auto), len(gold)),
    ], columns=SCORE_COLUMNS)


def _same_value(a: pd.Series, g: pd.Series) -> bool:
    mod_a = a.get("mod") if isinstance(a.get("mod"), str) else None
    mod_g = g.get("mod") if isinstance(g.get("mod"), str) else None
    return a.value == g.value and mod_a == mod_g


def timex_differences(auto: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Every disagreement: curated expressions missed, found ones not curated, wrong values."""
    rows = []
    overlap = align(auto, gold, exact=False)
    matched_auto = {a for a, _ in overlap}
    matched_gold = {g for _, g in overlap}
    for a, g in overlap:
        if not _same_value(auto.loc[a], gold.loc[g]) or (auto.loc[a].start, auto.loc[a].end) != (gold.loc[g].start, gold.loc[g].end):
            rows.append({"kind": "differs", "start": int(gold.loc[g].start), "curated": gold.loc[g].text,
                         "curated_value": gold.loc[g].value, "found": auto.loc[a].text, "found_value": auto.loc[a].value})
    for g in gold.index.difference(list(matched_gold)):
        rows.append({"kind": "missed", "start": int(gold.loc[g].start), "curated": gold.loc[g].text,
                     "curated_value": gold.loc[g].value, "found": None, "found_value": None})
    for a in auto.index.difference(list(matched_auto)):
        rows.append({"kind": "not curated", "start": int(auto.loc[a].start), "curated": None, "curated_value": None,
                     "found": auto.loc[a].text, "found_value": auto.loc[a].value})
    columns = ["kind", "start", "curated", "curated_value", "found", "found_value"]
    return pd.DataFrame(rows, columns=columns).sort_values(["start", "kind"], kind="stable").reset_index(drop=True)


def dateparser_baseline(text: str, dct: str, lang: str = "id") -> pd.DataFrame:
    """What ``dateparser.search_dates`` finds, with offsets recovered by searching left to right.

    dateparser returns ``(substring, datetime)`` pairs without offsets; its values are always
    days, so they are written as ``YYYY-MM-DD``. Columns: ``start``, ``end``, ``text``, ``value``.
    """
    import warnings

    from dateparser.search import search_dates

    base = datetime.fromisoformat(dct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=[lang], settings={"RELATIVE_BASE": base}) or []
    rows, pos = [], 0
    for surface, when in found:
        start = text.find(surface, pos)
        if start < 0:
            continue
        rows.append({"start": start, "end": start + len(surface), "text": surface, "value": when.date().isoformat(),
                     "mod": None})
        pos = start + len(surface)
    return pd.DataFrame(rows, columns=["start", "end", "text", "value", "mod"])


def side_by_side(curated: pd.DataFrame, tools: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The curated expressions with the value each tool gives for an overlapping span (empty: not found)."""
    side = curated[["start", "text", "value", "mod"]].rename(columns={"text": "curated", "value": "curated value"})
    for name, found in tools.items():
        matched = {g: a for a, g in align(found, curated, exact=False)}
        side[name] = [found.loc[matched[g]].value if g in matched else None for g in curated.index]
    return side.reset_index(drop=True)


def compare_tools(curated: pd.DataFrame, tools: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """:func:`evaluate_timexes` of each tool, one block of rows per tool."""
    frames = [evaluate_timexes(found, curated).assign(tool=name) for name, found in tools.items()]
    return pd.concat(frames, ignore_index=True)[["tool"] + SCORE_COLUMNS]


# ----------------------------------------------------------------------------- actors and events

def actor_mapping(auto: pd.DataFrame, gold: pd.DataFrame) -> dict[str, str]:
    """Each automatic actor id -> the curated id it most often lines up with (exact spans).

    Pattern-found actors get ids made from their names (``dewan-keamanan-nasional``); the curated
    table may call the same actor ``us-national-security-council``. Linking is judged through this
    mapping: a mention is linked right when its automatic id maps to its curated id.
    """
    votes: dict[str, dict[str, int]] = {}
    for a, g in align(auto, gold, exact=True):
        for auto_id, gold_id in zip(sorted(auto.loc[a].actor.split(";")), sorted(gold.loc[g].actor.split(";"))):
            votes.setdefault(auto_id, {}).setdefault(gold_id, 0)
            votes[auto_id][gold_id] += 1
    return {auto_id: max(sorted(v), key=lambda k: v[k]) for auto_id, v in votes.items()}


def _mapped(ids, mapping) -> frozenset:
    if not isinstance(ids, str) or not ids:
        return frozenset()
    return frozenset(mapping.get(i, i) for i in ids.split(";"))


def evaluate_mentions(auto: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Scores of actor mentions: spans, spans with kind, and actor linking (through :func:`actor_mapping`)."""
    exact = align(auto, gold, exact=True)
    overlap = align(auto, gold, exact=False)
    mapping = actor_mapping(auto, gold)
    kind = sum(auto.loc[a].kind == gold.loc[g].kind for a, g in exact)
    linked = sum(_mapped(auto.loc[a].actor, mapping) == _mapped(gold.loc[g].actor, {}) for a, g in exact)
    return pd.DataFrame([
        score_row("span, exact", len(exact), len(auto), len(gold)),
        score_row("span, overlap", len(overlap), len(auto), len(gold)),
        score_row("span and kind", kind, len(auto), len(gold)),
        score_row("span and actor (linking)", linked, len(auto), len(gold)),
    ], columns=SCORE_COLUMNS)


def mention_differences(auto: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Curated mentions missed or found with another kind or actor, and found mentions not curated."""
    mapping = actor_mapping(auto, gold)
    rows = []
    pairs = align(auto, gold, exact=False)
    for a, g in pairs:
        A, G = auto.loc[a], gold.loc[g]
        problems = []
        if (A.start, A.end) != (G.start, G.end):
            problems.append("span")
        if A.kind != G.kind:
            problems.append("kind")
        if _mapped(A.actor, mapping) != _mapped(G.actor, {}):
            problems.append("actor")
        if problems:
            rows.append({"kind": "differs: " + ", ".join(problems), "start": int(G.start), "curated": G.text,
                         "curated_actor": G.actor, "found": A.text, "found_actor": A.actor, "how": A.how})
    for g in gold.index.difference([g for _, g in pairs]):
        rows.append({"kind": "missed", "start": int(gold.loc[g].start), "curated": gold.loc[g].text,
                     "curated_actor": gold.loc[g].actor, "found": None, "found_actor": None, "how": None})
    for a in auto.index.difference([a for a, _ in pairs]):
        rows.append({"kind": "not curated", "start": int(auto.loc[a].start), "curated": None, "curated_actor": None,
                     "found": auto.loc[a].text, "found_actor": auto.loc[a].actor, "how": auto.loc[a].how})
    columns = ["kind", "start", "curated", "curated_actor", "found", "found_actor", "how"]
    return pd.DataFrame(rows, columns=columns).sort_values(["start", "kind"], kind="stable").reset_index(drop=True)


def _participants(row, mapping) -> frozenset:
    return _mapped(row.actors, mapping) | _mapped(row.recipients, mapping)


def evaluate_events(auto: pd.DataFrame, gold: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Scores of event mentions matched by overlapping triggers: trigger, type, date, participants, status.

    ``mapping`` turns automatic actor ids into curated ones (:func:`actor_mapping`). A date is
    right when the TIMEX3 values agree (both empty counts as right); participants when the sets of
    actors and recipients agree.
    """
    pairs = align(auto, gold, exact=False)
    typed = [(a, g) for a, g in pairs if auto.loc[a].type == gold.loc[g].type]
    same = lambda x, y: (x if isinstance(x, str) else None) == (y if isinstance(y, str) else None)
    dated = sum(same(auto.loc[a].value, gold.loc[g].value) for a, g in typed)
    people = sum(_participants(auto.loc[a], mapping) == _participants(gold.loc[g], {}) for a, g in typed)
    status = sum(auto.loc[a].status == gold.loc[g].status for a, g in typed)
    return pd.DataFrame([
        score_row("trigger (overlap)", len(pairs), len(auto), len(gold)),
        score_row("trigger and type", len(typed), len(auto), len(gold)),
        score_row("type and date", dated, len(auto), len(gold)),
        score_row("type and participants", people, len(auto), len(gold)),
        score_row("type and status", status, len(auto), len(gold)),
    ], columns=SCORE_COLUMNS)


def event_differences(auto: pd.DataFrame, gold: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Every curated event mention with what the annotator found for it, and what it found besides."""
    rows = []
    pairs = align(auto, gold, exact=False)
    show = lambda ids: ";".join(sorted(ids)) or None
    for a, g in pairs:
        A, G = auto.loc[a], gold.loc[g]
        problems = [name for name, ok in [
            ("type", A.type == G.type),
            ("date", (A.value if isinstance(A.value, str) else None) == (G.value if isinstance(G.value, str) else None)),
            ("participants", _participants(A, mapping) == _participants(G, {})),
            ("status", A.status == G.status)] if not ok]
        rows.append({"result": "differs: " + ", ".join(problems) if problems else "right", "start": int(G.start),
                     "trigger": G.text, "curated": f"{G.type} {G.value if isinstance(G.value, str) else '-'} "
                     f"{show(_participants(G, {}))} {G.status}",
                     "found": f"{A.type} {A.value if isinstance(A.value, str) else '-'} "
                     f"{show(_participants(A, mapping))} {A.status}"})
    for g in gold.index.difference([g for _, g in pairs]):
        G = gold.loc[g]
        rows.append({"result": "missed", "start": int(G.start), "trigger": G.text,
                     "curated": f"{G.type} {G.value if isinstance(G.value, str) else '-'} {show(_participants(G, {}))} {G.status}",
                     "found": None})
    for a in auto.index.difference([a for a, _ in pairs]):
        A = auto.loc[a]
        rows.append({"result": "not curated", "start": int(A.start), "trigger": A.text, "curated": None,
                     "found": f"{A.type} {A.value if isinstance(A.value, str) else '-'} {show(_participants(A, mapping))} {A.status}"})
    columns = ["result", "start", "trigger", "curated", "found"]
    return pd.DataFrame(rows, columns=columns).sort_values(["start", "result"], kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------------------- what the text says against what happened

VERSUS_COLUMNS = ["id", "text", "event", "value", "mod", "says_first", "says_last", "real_first", "real_last",
                  "verdict", "days_off"]


def verdict(says_first: str, says_last: str, real_first: str, real_last: str) -> tuple[str, int]:
    """Where the real dates lie against the days the text allows, and by how many days they miss.

    >>> verdict("2021-12-01", "2021-12-11", "2021-12-15", "2021-12-17")
    ('after', 4)
    """
    s0, s1, r0, r1 = (date.fromisoformat(d) for d in (says_first, says_last, real_first, real_last))
    if s0 <= r0 and r1 <= s1:
        return "inside", 0
    if r1 < s0:
        return "before", (s0 - r1).days
    if r0 > s1:
        return "after", (r0 - s1).days
    return "overlaps", 0


def text_vs_real(timexes: pd.DataFrame, curated: pd.DataFrame) -> pd.DataFrame:
    """For each curated expression with real dates: the days the tagger's value allows, the real
    days (inclusive), and the verdict (``inside``, ``overlaps``, ``before``, ``after``) with ``days_off``.

    Expressions the tagger did not find, or that name no calendar days, have an empty verdict.
    """
    found = {g: a for a, g in align(timexes, curated, exact=False)}
    rows = []
    for g, row in curated.iterrows():
        if not isinstance(row.get("real_first"), str):
            continue
        auto = timexes.loc[found[g]] if g in found else None
        out = {"id": row.id, "text": row.text, "event": row.get("event"), "value": None, "mod": None,
               "says_first": None, "says_last": None, "real_first": row.real_first, "real_last": row.real_last,
               "verdict": "not found", "days_off": None}
        if auto is not None:
            out.update(value=auto.value, mod=auto["mod"] if isinstance(auto["mod"], str) else None)
            if isinstance(auto.range_start, str):
                out.update(says_first=auto.range_start, says_last=last_day(auto.range_end))
                out["verdict"], out["days_off"] = verdict(out["says_first"], out["says_last"], row.real_first, row.real_last)
        rows.append(out)
    frame = pd.DataFrame(rows, columns=VERSUS_COLUMNS)
    frame["days_off"] = frame["days_off"].astype("Int64")
    return frame
