"""Stage 5, timeline: what the text says about when, set against what really happened."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from lib.evaluate import align

VERSUS_COLUMNS = ["id", "text", "event", "value", "mod", "says_first", "says_last", "real_first", "real_last",
                  "verdict", "days_off"]


def last_day(range_end: str) -> str:
    """The last day of an end-exclusive range (``2022-01-01`` -> ``2021-12-31``)."""
    return (date.fromisoformat(range_end) - timedelta(days=1)).isoformat()


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


EVENT_COLUMNS = ["event_id", "type", "mode", "actors", "recipients", "value", "range_start", "range_end",
                 "time_basis", "status", "attributed_to", "mentions", "first", "triggers"]


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event (mentions sharing an ``event_id`` merged), in story order.

    Participants are the union over its mentions (recipients that are also actors dropped); the
    date and its basis come from the mention with the most direct basis (same clause first, the
    DCT last); the status from the first mention; ``first`` is the offset of the first
    trigger and ``triggers`` lists the trigger words.
    """
    rows = []
    for event_id, group in events.groupby("event_id", sort=False):
        def union(column, group=group):
            ids = [i for value in group[column] if isinstance(value, str) for i in value.split(";")]
            return ";".join(dict.fromkeys(ids)) or None
        rank = {"same clause": 0, "same sentence": 1, "previous event": 2, "DCT": 3}
        dated = group[group.value.notna()]
        dated = dated.iloc[sorted(range(len(dated)), key=lambda i: rank.get(dated.time_basis.iloc[i], 4))]
        source = dated.iloc[0] if len(dated) else group.iloc[0]
        actors = union("actors")
        recipients = [r for r in (union("recipients") or "").split(";") if r and r not in (actors or "").split(";")]
        attributed = group.attributed_to.dropna()
        rows.append({"event_id": event_id, "type": group.type.iloc[0],
                     "mode": next((m for m in group["mode"] if isinstance(m, str)), None),
                     "actors": actors, "recipients": ";".join(recipients) or None,
                     "value": source.value if len(dated) else None,
                     "range_start": source.range_start if len(dated) else None,
                     "range_end": source.range_end if len(dated) else None,
                     "time_basis": source.time_basis if len(dated) else None,
                     "status": group.status.iloc[0], "attributed_to": attributed.iloc[0] if len(attributed) else None,
                     "mentions": len(group), "first": int(group.start.min()), "triggers": ", ".join(group.text)})
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return frame.sort_values("first", kind="stable").reset_index(drop=True)


ROW_COLUMNS = ["event_id", "label", "type", "mode", "status", "granularity", "value", "start", "end", "first",
               "real_first", "real_last", "real_source"]
REALIS = {"occurred", "ongoing"}


def granularity_of(value: str) -> str:
    """The precision a TIMEX3 value states: day, week, month, quarter, year, decade, or ``other``.

    >>> [granularity_of(v) for v in ("2021-12-30", "2021-W52", "2021-12", "2014", "201")]
    ['day', 'week', 'month', 'year', 'decade']
    """
    import re
    for name, pattern in [("day", r"\d{4}-\d\d-\d\d(T.*)?"), ("week", r"\d{4}-W\d\d(-WE)?"), ("month", r"\d{4}-\d\d"),
                          ("quarter", r"\d{4}-Q\d"), ("year", r"\d{4}"), ("decade", r"\d{3}")]:
        if re.fullmatch(pattern, value):
            return name
    return "other"


def short_names(mentions: pd.DataFrame) -> dict[str, str]:
    """Actor id -> a short display name: a person's last name, otherwise the canonical name."""
    names = {}
    for row in mentions[~mentions.actor.str.contains(";")].sort_values("start", kind="stable").itertuples():
        if row.actor not in names:
            names[row.actor] = row.name.split()[-1] if row.kind == "person" and not row.actor.startswith("anonymous") \
                else ("senior official" if row.actor.startswith("anonymous") else row.name)
    return names


def event_label(row, names: dict[str, str]) -> str:
    """``Consult (phone): Biden, Putin`` — the type, the mode, who and (after ->) with whom."""
    def who(ids):
        return ", ".join(names.get(i, i) for i in ids.split(";")) if isinstance(ids, str) else ""
    head = row.type.capitalize() + (f" ({row.mode})" if isinstance(row.mode, str) else "")
    people = who(row.actors) + (f" → {who(row.recipients)}" if isinstance(row.recipients, str) else "")
    return f"{head}: {people}" if people.strip() else head


def timeline_rows(events: pd.DataFrame, mentions: pd.DataFrame, curated_events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dated events, one row each, ready to draw (columns ``ROW_COLUMNS``).

    ``start``/``end`` are the days the text allows (end exclusive, narrowed by START/MID/END);
    ``real_first``/``real_last``/``real_source`` come from the curated events file where one of
    its mentions of the event overlaps one of ours and gives a real date. Events whose date is
    vague (``PRESENT_REF``) or missing are left out.
    """
    table = event_table(events)
    names = short_names(mentions)
    real = {}
    if curated_events is not None:
        gold = curated_events[curated_events.real_date.notna()]
        for row in events.itertuples():
            for g in gold.itertuples():
                if row.start < g.end and g.start < row.end and row.event_id not in real:
                    real[row.event_id] = (g.real_date, g.real_source)
    rows = []
    for row in table.itertuples():
        if not isinstance(row.range_start, str):
            continue
        first_real = real.get(row.event_id, (None, None))
        rows.append({"event_id": row.event_id, "label": event_label(row, names), "type": row.type, "mode": row.mode,
                     "status": row.status, "granularity": granularity_of(row.value), "value": row.value,
                     "start": row.range_start, "end": row.range_end, "first": row.first,
                     "real_first": first_real[0], "real_last": first_real[0], "real_source": first_real[1]})
    return pd.DataFrame(rows, columns=ROW_COLUMNS)
