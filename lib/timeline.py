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

    Participants are the union over its mentions; the date and its basis come from the first
    mention that has one; the status from the first mention; ``first`` is the offset of the first
    trigger and ``triggers`` lists the trigger words.
    """
    rows = []
    for event_id, group in events.groupby("event_id", sort=False):
        def union(column):
            ids = [i for value in group[column] if isinstance(value, str) for i in value.split(";")]
            return ";".join(dict.fromkeys(ids)) or None
        dated = group[group.value.notna()]
        source = dated.iloc[0] if len(dated) else group.iloc[0]
        attributed = group.attributed_to.dropna()
        rows.append({"event_id": event_id, "type": group.type.iloc[0],
                     "mode": next((m for m in group["mode"] if isinstance(m, str)), None),
                     "actors": union("actors"), "recipients": union("recipients"),
                     "value": source.value if len(dated) else None,
                     "range_start": source.range_start if len(dated) else None,
                     "range_end": source.range_end if len(dated) else None,
                     "time_basis": source.time_basis if len(dated) else None,
                     "status": group.status.iloc[0], "attributed_to": attributed.iloc[0] if len(attributed) else None,
                     "mentions": len(group), "first": int(group.start.min()), "triggers": ", ".join(group.text)})
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return frame.sort_values("first", kind="stable").reset_index(drop=True)
