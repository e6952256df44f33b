"""Stage 5, timeline: what the text says about when, set against what really happened."""
from __future__ import annotations

import pandas as pd

from lib.events import event_table
from lib.timexes import granularity_of

ROW_COLUMNS = ["event_id", "label", "type", "mode", "status", "granularity", "value", "start", "end", "first",
               "real_first", "real_last", "real_source"]
REALIS = {"occurred", "ongoing"}


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


def timeline_rows(annotation, real: bool = True) -> pd.DataFrame:
    """The dated events, one row each, ready to draw (columns ``ROW_COLUMNS``).

    ``start``/``end`` are the days the text allows (end exclusive, narrowed by START/MID/END);
    ``real_first``/``real_last``/``real_source`` come from the curated events file where one of
    its mentions of the event overlaps one of ours and gives a real date. Events whose date is
    vague (``PRESENT_REF``) or missing are left out; ``real=False`` reads no curated file.
    """
    events, mentions = annotation.events, annotation.mentions
    curated_events = annotation.curated.events if real else None
    table = event_table(events)
    names = short_names(mentions)
    real = {}
    if curated_events is not None:
        gold = curated_events[curated_events.real_date.notna()]
        for row in events.itertuples():
            for g in gold.itertuples():
                if row.start < g.end and g.start < row.end and row.event_id not in real:
                    real[row.event_id] = (g.real_date, getattr(g, "real_source", None))
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
