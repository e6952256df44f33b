"""``python -m lib report``: a notebook run on another article with papermill; the stored notebooks untouched."""
import hashlib

import nbformat
import pytest

from lib import NOTEBOOKS, SEEDS, cli
from lib.errors import ArticleError
from lib.tools.notebook_report import report

ARTICLE = SEEDS / "corpus" / "a3-bupati-temui-nelayan-20250613.txt"


def test_a_notebook_runs_on_another_article_and_the_stored_one_is_untouched(tmp_path):
    stored = NOTEBOOKS / "01-read-the-article.ipynb"
    before = hashlib.sha256(stored.read_bytes()).hexdigest()
    written = report(ARTICLE, tmp_path, notebooks=("01-read-the-article",))
    assert [p.name for p in written] == ["01-read-the-article.ipynb", "01-read-the-article.html"]
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == before
    notebook = nbformat.read(written[0], as_version=4)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and f'ARTICLE = "{ARTICLE.resolve()}"' in injected[0].source
    outputs = "".join(str(o) for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "Darmawan Siregar" in outputs and "Biden" not in outputs
    assert "Darmawan Siregar" in written[1].read_text(encoding="utf-8")


def test_a_bad_article_stops_before_any_notebook_runs(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("<html><body><p>Berita</p></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match="looks like an HTML page"):
        report(page, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, message", [
    (["report", "missing.txt", "--out", "x"], "missing.txt: no such file"),
    (["report", str(ARTICLE), "--out", "x", "--dct", "13-06-2025"], "--dct: expected a date YYYY-MM-DD"),
])
def test_report_usage_errors_are_one_line(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert cli.main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0]
