"""The maintenance tools in lib/tools/: the report, the benchmark's article, rerun's notebooks, the bootstrap."""
import re
import sys
from pathlib import Path

import pandas as pd

from lib import NOTEBOOKS, ROOT
from lib.load import detect_language
from lib.tools import benchmark, bootstrap, report, rerun


def test_markdown_table():
    frame = pd.DataFrame({"measure": ["span, exact"], "f1": [1.0]})
    assert report.markdown_table(frame) == "| measure | f1 |\n|---|---|\n| span, exact | 1.0 |"


def test_seed_scores_has_the_four_tables():
    scores = report.seed_scores()
    titles = re.findall(r"^(.+):$", scores, re.M)
    assert titles == ["Time expressions", "Actor mentions",
                      "Actor mentions with the gazetteer switched off (the patterns alone)", "Event mentions"]
    assert scores.count("| measure | curated | found | correct | precision | recall | f1 |") == 4


def test_generated_article_is_deterministic_indonesian_of_the_size_asked():
    text = benchmark.generated_article(5_000)
    assert 4_000 < len(text) <= 5_000 and text == benchmark.generated_article(5_000)
    assert text != benchmark.generated_article(5_000, seed=8)
    assert detect_language(text)[0] == "id"


def test_median_seconds_calls_once_more_than_it_times():
    calls = []
    assert benchmark.median_seconds(lambda: calls.append(1), 3) >= 0
    assert len(calls) == 4


def test_rerun_executes_every_numbered_notebook_by_default(monkeypatch, capsys, tmp_path):
    done = []
    monkeypatch.setattr(rerun, "rerun", done.append)
    monkeypatch.setattr(rerun, "readme_figure", lambda: b"png")
    monkeypatch.setattr(rerun, "README_FIGURE", ROOT / "out" / "test-rerun" / "seed-timeline.png")
    assert rerun.main([]) == 0
    assert done == sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")) and done
    assert capsys.readouterr().out.splitlines() == [f"executed {p.relative_to(ROOT)}" for p in done] + \
        ["drew out/test-rerun/seed-timeline.png"]
    assert rerun.README_FIGURE.read_bytes() == b"png"
    done.clear()
    one = NOTEBOOKS / "02-when.ipynb"
    rerun.main([str(one)])
    assert done == [one.resolve()]


def test_bootstrap_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = ".venv/bin/python " + " ".join(bootstrap.PYTEST_ARGS)
    assert command in readme
    assert bootstrap.VENV == ROOT / ".venv" and bootstrap.REQUIREMENTS.exists()
    assert bootstrap.venv_python().parent.parent == bootstrap.VENV
    assert (ROOT / bootstrap.FIRST_NOTEBOOK).exists()


def test_bootstrap_knows_its_own_environment():
    assert bootstrap.in_venv() == (Path(sys.prefix).resolve() == (ROOT / ".venv").resolve())


def test_the_readme_picture_is_current():
    """``notebooks/figures/seed-timeline.png`` is the seed's timeline as the code draws it now (``lib.tools.rerun``)."""
    from lib.tools.rerun import README_FIGURE, readme_figure

    assert README_FIGURE.read_bytes() == readme_figure(), "run: .venv/bin/python -m lib.tools.rerun"
