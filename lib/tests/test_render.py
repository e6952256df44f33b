"""Rendering escapes the article and marks every layer of an annotation."""
import re

import pandas as pd
import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.render import annotated_html, annotated_page, highlight, page, show, timexes_html


def spans(*rows):
    return pd.DataFrame(rows, columns=["start", "end", "layer", "title"])


def plain(html):
    return re.sub(r"<[^>]+>", "", html)


@pytest.fixture(scope="module")
def seed():
    return annotate(SEED_ARTICLE, dct="2021-12-29")


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
    plain_text = pd.Series([out]).str.replace(r"<[^>]+>", "", regex=True)[0]
    assert plain_text == text
    assert out.count("wb-actor") == 3 and out.count("wb-timex") == 1


def test_annotated_html_marks_every_layer_of_an_annotation(seed):
    out = annotated_html(seed)
    assert out.count('class="wb-timex"') >= len(seed.timexes)
    assert out.count('class="wb-actor"') >= len(seed.mentions)
    assert out.count('class="wb-event"') >= len(seed.events)
    assert 'class="wb-boilerplate"' in out and "boilerplate: spam_footer" in out
    body = out.split('<div class="wb-article">', 1)[1]
    assert plain(body).replace("\n", "") == seed.article.text.replace("\n", "")


def test_timexes_html_marks_only_time_and_boilerplate(seed):
    out = timexes_html(seed)
    assert 'class="wb-timex"' in out and 'class="wb-actor"' not in out and 'class="wb-event"' not in out


def test_annotated_page_is_a_standalone_page(seed):
    out = annotated_page(seed)
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert f"<title>{seed.article.path.name}: annotated</title>" in out
    assert annotated_html(seed) in out


def test_show_blanks_missing_values_and_aligns_text_left():
    frame = pd.DataFrame({"start": [3, None], "text": ["Presiden <b>", None], "value": [None, float("nan")]})
    shown = show(frame)
    html = shown._repr_html_()
    assert "NaN" not in html and "None" not in html and "<NA>" not in html
    assert "Presiden &lt;b&gt;" in html                        # escaped
    assert 'text-align:left">Presiden' in html and 'text-align:right">3<' in html
    assert "NaN" not in repr(shown) and "None" not in repr(shown)


def test_show_cuts_long_text_at_a_word_and_shortens_long_tables():
    frame = pd.DataFrame({"text": ["satu dua tiga empat lima enam tujuh"] * 30})
    shown = show(frame, rows=5, width=16)
    assert shown.cells.text.tolist()[0] == "satu dua tiga …"
    assert len(shown.cells) == 5
    assert "first 5 of 30 rows" in repr(shown) and "rows=None" in shown._repr_html_()
    assert len(show(frame, rows=None).cells) == 30 and "rows=None" not in repr(show(frame, rows=None))


def test_show_picks_columns_and_passes_anything_else_through():
    frame = pd.DataFrame({"a": [1], "b": ["x"], "c": [2.5]})
    assert list(show(frame, ["b", "a"]).cells.columns) == ["b", "a"]
    assert show("no curated table") == "no curated table" and show(None) is None
