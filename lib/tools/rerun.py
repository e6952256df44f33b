"""Re-execute the notebooks top to bottom in this environment: ``python -m lib.tools.rerun [NOTEBOOK ...]``.

Runs each notebook in a fresh kernel from the ``notebooks/`` folder (as JupyterLab and nbval do),
drops the per-cell execution timestamps so that re-running changes only what really changed,
and writes the notebook whole or not at all. Without arguments: every ``notebooks/NN-*.ipynb``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from lib import ROOT


def rerun(path: Path) -> None:
    """Execute one notebook in place."""
    import nbformat
    from nbclient import NotebookClient

    from lib.exports import write_atomic

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    write_atomic(path, nbformat.writes(notebook) + "\n")


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for path in paths:
        rerun(path)
        print(f"executed {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
