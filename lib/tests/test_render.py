"""Rendering escapes the article and marks every layer of an annotation."""
import re

import pandas as pd
import pytest

from lib import SEED_ARTICLE
from lib.annotate import annotate
from lib.render import annotated_html, annotated_page, highlight, page, timexes_html


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
