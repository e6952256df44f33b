"""Rendering escapes the article; evaluation and the text-versus-real comparison compute what they say."""
import pandas as pd

from lib import SEED_ARTICLE
from lib.annotate import article_timexes
from lib.evaluate import align, compare_tools, evaluate_timexes, prf, timex_differences
from lib.load import load_article
from lib.render import highlight, page
from lib.timeline import text_vs_real, verdict
from lib.timexes import load_curated_timexes


def spans(*rows):
    return pd.DataFrame(rows, columns=["start", "end", "layer", "title"])


def test_article_text_is_escaped():
    text = "Harga <script>alert(1)</script> naik $5 & \"turun\"."
    out = highlight(text, spans((6, 14, "timex", "x <b>")))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "$" not in out and "&#36;5" in out
    assert 'title="x &lt;b&gt;"' in out
    assert "<script>" not in page("<script>", out)


def test_nested_and_crossing_spans_keep_every_character():
    text = "Presiden Joe Biden berbicara Kamis."
    out = highlight(text, spans((0, 18, "actor", "Biden"), (9, 18, "actor", "Joe"), (29, 34, "timex", "Kamis")))
    plain = pd.Series([out]).str.replace(r"<[^>]+>", "", regex=True)[0]
    assert plain == text
    assert out.count("wb-actor") == 3 and out.count("wb-timex") == 1


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


def test_seed_translation_shift_is_measured():
    article = load_article(SEED_ARTICLE)
    versus = text_vs_real(article_timexes(article, "2021-12-29"), load_curated_timexes(article))
    off = versus[versus.verdict != "inside"].set_index("id")
    assert off.verdict.to_dict() == {"t3": "before", "t4": "after", "t12": "after"}
    assert off.days_off.tolist() == [1, 4, 6]


def test_compare_tools_blocks():
    article = load_article(SEED_ARTICLE)
    curated = load_curated_timexes(article)
    table = compare_tools(curated, {"tagger": article_timexes(article, "2021-12-29")})
    assert table.tool.unique().tolist() == ["tagger"] and len(table) == 3
