"""Re-execute the notebooks top to bottom in this environment: ``python -m lib.tools.rerun [NOTEBOOK ...]``.

Runs each notebook in a fresh kernel from the ``notebooks/`` folder (as JupyterLab and nbval do),
drops the per-cell execution timestamps so that re-running changes only what really changed,
and writes the notebook whole or not at all. Without arguments: every ``notebooks/NN-*.ipynb``,
then the README's picture (``notebooks/figures/seed-timeline.png``) drawn again from the seed.
"""
from __future__ import annotations

import sys
from pathlib import Path

from lib import NOTEBOOKS, ROOT, SEED_ARTICLE

README_FIGURE = NOTEBOOKS / "figures" / "seed-timeline.png"


def rerun(path: Path) -> None:
    """Execute one notebook in place."""
    import nbformat
    from nbclient import NotebookClient

    from lib.files import write_atomic

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    write_atomic(path, nbformat.writes(notebook) + "\n")


def readme_figure() -> bytes:
    """The PNG of the seed's timeline, as the README shows it (the same bytes as the export's ``timeline.png``)."""
    import tempfile

    from lib import charts
    from lib.annotate import annotate
    from lib.exports import save_figure

    with tempfile.TemporaryDirectory() as folder:
        png, _ = save_figure(charts.timeline(annotate(SEED_ARTICLE)), Path(folder) / "timeline")
        return png.read_bytes()


def main(argv: list[str]) -> int:
    from lib.files import write_atomic

    paths = [Path(a).resolve() for a in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    for path in paths:
        rerun(path)
        print(f"executed {path.relative_to(ROOT)}")
    if not argv:
        write_atomic(README_FIGURE, readme_figure())
        print(f"drew {README_FIGURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
