"""The seed's evaluation as Markdown, for the README: ``python -m lib.tools.report``.

The README quotes this output between the markers ``<!-- scores -->`` and ``<!-- /scores -->``;
a test recomputes it and fails when the README is out of date.
"""
from __future__ import annotations

import pandas as pd

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.evaluate import actor_mapping, evaluate_events, evaluate_mentions, evaluate_timexes


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (missing values empty, pipes escaped)."""
    def cell(value) -> str:
        return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) \
            else str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def seed_scores() -> str:
    """The evaluation tables of the seed (time expressions, mentions, events) as Markdown."""
    annotation = annotate(SEED_ARTICLE)
    curated = annotation.curated
    patterns_only = annotate(annotation.article, gazetteer=False)
    parts = [
        ("Time expressions", evaluate_timexes(annotation.timexes, curated.timexes)),
        ("Actor mentions", evaluate_mentions(annotation.mentions, curated.mentions)),
        ("Actor mentions with the gazetteer switched off (the patterns alone)",
         evaluate_mentions(patterns_only.mentions, curated.mentions)),
        ("Event mentions", evaluate_events(annotation.events, curated.events,
                                           actor_mapping(annotation.mentions, curated.mentions))),
    ]
    return "\n\n".join(f"{title}:\n\n{markdown_table(frame)}" for title, frame in parts)


if __name__ == "__main__":
    print(seed_scores())
