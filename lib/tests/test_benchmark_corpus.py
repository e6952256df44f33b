"""The corpus benchmark's inputs: distinct articles, real news when it is there, the workbook's own otherwise."""
import pandas as pd

from lib.corpus import parse_date
from lib.tools.benchmark_corpus import source_texts, write_corpus


def test_without_devnews_the_workbook_articles_are_repeated_and_numbered(tmp_path):
    texts, days, where = source_texts(tmp_path / "no-such-folder")
    assert len(texts) == len(days) == 5 and "seeds/corpus" in where
    table = pd.read_parquet(write_corpus(texts, days, 12, tmp_path))
    assert table.id.tolist() == [f"a{i:06d}" for i in range(12)]
    assert table.text.nunique() == 12                     # every copy its own content: none is skipped as done
    assert table.text.iloc[5].startswith(texts[0].rstrip()) and table.text.iloc[5].endswith("Arsip 000005.\n")


def test_every_copy_has_a_date_string_of_its_own_that_parses_to_its_source_day(tmp_path):
    texts, days, _ = source_texts(tmp_path / "no-such-folder")
    table = pd.read_parquet(write_corpus(texts, days, 40, tmp_path))
    assert table.published.nunique() == 40                # the time of day differs: no string is met twice
    assert [parse_date(raw) for raw in table.published] == [(days[i % len(days)], None) for i in range(40)]
