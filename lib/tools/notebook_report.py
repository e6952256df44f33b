"""Any article through the whole workbook: notebooks 01–04 run on it with papermill, as notebooks and as HTML.

    python -m lib report PATH --out DIR [--dct YYYY-MM-DD]

papermill injects the article (``ARTICLE``), its date (``DCT``) and, for notebook 04, the folder
its exports go to (``OUT``: ``DIR/exports``) after each notebook's ``parameters`` cell, and runs
a copy; the stored notebooks are never written. ``DIR`` receives ``NN-name.ipynb`` (executed)
and ``NN-name.html`` for each notebook, each written whole. The article is loaded and annotated
first, so a bad article or date is one line of error before any notebook runs.
"""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from lib import NOTEBOOKS
from lib.errors import ArticleError

REPORT_NOTEBOOKS = ("01-read-the-article", "02-when", "03-who-and-what", "04-timeline")


def report(path: str | Path, out: str | Path, dct: str | None = None, notebooks=REPORT_NOTEBOOKS) -> list[Path]:
    """Run ``notebooks`` on the article at ``path`` into ``out``; the files written, in order."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    from lib.annotate import annotate
    from lib.files import write_atomic

    article = Path(path).resolve()
    annotate(article, dct=dct, setting="--dct")             # a bad article or date stops here, in one line
    out = Path(out)
    if not str(out):
        raise ArticleError("--out: empty folder name")
    out.mkdir(parents=True, exist_ok=True)
    given = {"ARTICLE": str(article), "DCT": dct, "OUT": str((out / "exports").resolve())}
    logging.getLogger("papermill").setLevel(logging.ERROR)
    written = []
    for name in notebooks:
        source = NOTEBOOKS / f"{name}.ipynb"
        declared = papermill.inspect_notebook(str(source))
        parameters = {key: value for key, value in given.items() if key in declared}
        with tempfile.TemporaryDirectory() as scratch:
            executed = Path(scratch) / source.name
            try:
                papermill.execute_notebook(str(source), str(executed), parameters=parameters, cwd=str(NOTEBOOKS),
                                           kernel_name="python3", progress_bar=False, log_output=False)
            except papermill.PapermillExecutionError as exc:
                raise ArticleError(f"{source.name} stopped at cell {exc.exec_count} on {article.name}: "
                                   f"{exc.ename}: {exc.evalue}") from None
            notebook = nbformat.read(executed, as_version=4)
        written.append(write_atomic(out / source.name, nbformat.writes(notebook) + "\n"))
        html, _ = HTMLExporter().from_notebook_node(notebook)
        written.append(write_atomic(out / f"{name}.html", html))
    return written
