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
