"""The seed's evaluation as Markdown, for the README: ``python -m lib.report``.

The README quotes this output between the markers ``<!-- scores -->`` and ``<!-- /scores -->``;
a test recomputes it and fails when the README is out of date.
"""
from __future__ import annotations

from lib import SEED_ARTICLE
from lib.actors import load_curated_mentions, tag_mentions
from lib.annotate import annotate_article, sentence_spans
from lib.evaluate import actor_mapping, evaluate_events, evaluate_mentions, evaluate_timexes
from lib.events import load_curated_events
from lib.load import load_article
from lib.timexes import load_curated_timexes, resolve_dct


def markdown_table(frame) -> str:
    """A DataFrame as a Markdown table (values as printed by ``str``)."""
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def seed_scores() -> str:
    """The evaluation tables of the seed (time expressions, mentions, events) as Markdown."""
    article = load_article(SEED_ARTICLE)
    timexes, mentions, events = annotate_article(article, resolve_dct(article)["value"])
    curated_mentions = load_curated_mentions(article)
    parts = [
        ("Time expressions", evaluate_timexes(timexes, load_curated_timexes(article))),
        ("Actor mentions", evaluate_mentions(mentions, curated_mentions)),
        ("Actor mentions with the gazetteer switched off (the patterns alone)",
         evaluate_mentions(tag_mentions(article.story_text, article.lang, sentence_spans(article), article.dateline,
                                        gazetteer=False), curated_mentions)),
        ("Event mentions", evaluate_events(events, load_curated_events(article), actor_mapping(mentions, curated_mentions))),
    ]
    return "\n\n".join(f"{title}:\n\n{markdown_table(frame)}" for title, frame in parts)


if __name__ == "__main__":
    print(seed_scores())
