"""Evaluation computes what it says; what the text says is set against what really happened."""
import pandas as pd
import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.evaluate import (actor_mapping, align, compare_tools, evaluate_events, evaluate_mentions, evaluate_timexes,
                          prf, text_vs_real, timex_differences, verdict)


@pytest.fixture(scope="module")
def seed():
    return annotate(SEED_ARTICLE, dct="2021-12-29")


def test_prf_and_alignment():
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)
    auto = pd.DataFrame({"start": [0, 10, 30], "end": [5, 15, 35], "value": ["a", "b", "c"], "mod": [None] * 3})
    gold = pd.DataFrame({"start": [0, 12, 50], "end": [5, 16, 55], "value": ["a", "x", "c"], "mod": [None] * 3,
                         "text": ["p", "q", "r"]})
    auto["text"] = ["p", "q2", "s"]
    assert align(auto, gold) == [(0, 0)]
    assert align(auto, gold, exact=False) == [(0, 0), (1, 1)]
    scores = evaluate_timexes(auto, gold).set_index("measure")
    assert scores.loc["span, exact", "correct"] == 1 and scores.loc["span, overlap", "correct"] == 2
    assert scores.loc["value and mod", "correct"] == 1
    kinds = timex_differences(auto, gold).kind.tolist()
    assert sorted(kinds) == ["differs", "missed", "not curated"]


def test_verdict():
    assert verdict("2021-12-01", "2021-12-11", "2021-12-07", "2021-12-07") == ("inside", 0)
    assert verdict("2021-12-27", "2021-12-29", "2021-12-26", "2021-12-26") == ("before", 1)
    assert verdict("2021-12-01", "2021-12-11", "2021-12-10", "2021-12-14") == ("overlaps", 0)
    assert verdict("2021-12-01", "2021-12-11", "2021-12-15", "2021-12-17") == ("after", 4)


def test_seed_translation_shift_is_measured(seed):
    versus = text_vs_real(seed.timexes, seed.curated.timexes)
    off = versus[versus.verdict != "inside"].set_index("id")
    assert off.verdict.to_dict() == {"t3": "before", "t4": "after", "t12": "after"}
    assert off.days_off.tolist() == [1, 4, 6]


def test_compare_tools_blocks(seed):
    table = compare_tools(seed.curated.timexes, {"tagger": seed.timexes})
    assert table.tool.unique().tolist() == ["tagger"] and len(table) == 3


def test_seed_evaluation_is_computed(seed):
    mentions, events, curated = seed.mentions, seed.events, seed.curated
    scores = evaluate_mentions(mentions, curated.mentions).set_index("measure")
    assert scores.loc["span and kind", "recall"] >= 0.9
    event_scores = evaluate_events(events, curated.events, actor_mapping(mentions, curated.mentions))
    assert 0 < event_scores.set_index("measure").loc["type and date", "f1"] <= 1


def test_seed_time_expressions_score_against_the_curated_table(seed):
    scores = evaluate_timexes(seed.timexes, seed.curated.timexes).set_index("measure")
    assert (scores.curated == 15).all()
    assert timex_differences(seed.timexes, seed.curated.timexes).kind.isin(["differs", "missed", "not curated"]).all()
