"""The benchmark's pipeline figures: to rows (the tables not built) and with the three tables built."""
from lib import SEED_ARTICLE
from lib.load import load_article
from lib.tools import benchmark


def test_the_pipeline_is_timed_to_rows_and_with_the_tables_built(monkeypatch):
    made = []
    real = benchmark.annotate
    monkeypatch.setattr(benchmark, "annotate", lambda *args, **kw: made.append(real(*args, **kw)) or made[-1])
    article = load_article(SEED_ARTICLE)
    benchmark.pipeline_call(article, tables=False)()
    assert not {"timexes", "mentions", "events"} & set(vars(made[-1]))          # rows only
    tables = benchmark.pipeline_call(article)()
    assert {"timexes", "mentions", "events"} <= set(vars(made[-1]))
    assert [len(t) for t in tables] == [len(made[-1].timex_rows), len(made[-1].mention_rows), len(made[-1].event_rows)]
    assert made[-1].dct.value == benchmark.DCT
    doc = benchmark.__doc__
    assert "**to rows**" in doc and "**with tables**" in doc


def test_the_stages_timed_one_by_one_give_what_annotate_gives():
    article = load_article(SEED_ARTICLE)
    calls = benchmark.stage_calls(article)
    assert list(calls) == ["load", "time expressions", "DCT inference", "actors", "events", "tables"]
    whole = benchmark.annotate(article, dct=benchmark.DCT)
    assert calls["load"]().text == article.text
    assert calls["time expressions"]() == whole.timex_rows
    assert calls["actors"]() == whole.mention_rows
    assert calls["events"]() == whole.event_rows
    timexes, mentions, events = calls["tables"]()
    assert timexes.equals(whole.timexes) and mentions.equals(whole.mentions) and events.equals(whole.events)
    undated = benchmark.load_bytes(SEED_ARTICLE.read_bytes(), SEED_ARTICLE.name, None)   # no metadata: inferred
    assert calls["DCT inference"]() == benchmark.annotate(undated).dct
