"""Create and fill the workbook's virtual environment, then start JupyterLab or the tests.

Standard library only: this runs with the machine's ``python3`` before anything is installed.
The environment is ``.venv/`` at the repository root; it is (re)filled from ``requirements.txt``
whenever that file changes (a hash of it is kept in ``.venv/requirements.sha256``).
"""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from lib import ROOT

VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = VENV / "requirements.sha256"
FIRST_NOTEBOOK = "notebooks/01-read-the-article.ipynb"
PYTEST_ARGS = ["-m", "pytest", "--nbval", "--nbval-current-env",
               "--nbval-sanitize-with", "notebooks/sanitize.cfg", "-p", "no:cacheprovider"]


def venv_python() -> Path:
    """The environment's interpreter."""
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    """Create ``.venv`` when there is none and install the pinned requirements when they changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"error: Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    python = venv_python()
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not python.exists():
        print(f"Creating the virtual environment in {VENV.name}/ ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing the pinned requirements (a few minutes the first time) ...", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                        "-r", str(REQUIREMENTS)], check=True)
        # the repository root on the environment's import path, so every kernel finds ``lib``
        site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                              check=True, capture_output=True, text=True).stdout.strip()
        Path(site, "workbook-root.pth").write_text(str(ROOT) + "\n")
        STAMP.write_text(wanted + "\n")
    return python


def _run(args: list[str], name: str = "") -> int:
    """Run a command in the repository root; Ctrl-C or a kill stops it (and its kernels) cleanly, with one line."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    child = subprocess.Popen(args, cwd=ROOT, env=env)

    def forward(signum, frame):                  # a kill of this process reaches the child too
        child.send_signal(signum)
    previous = signal.signal(signal.SIGTERM, forward)
    try:
        return child.wait()
    except KeyboardInterrupt:                    # Ctrl-C: the child got it too; give it time to shut down
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        print(f"stopped {name or args[0]}", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def lab(extra: list[str]) -> int:
    """Open JupyterLab on the first notebook (``python3 -m lib lab``)."""
    python = ensure_venv()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        extra = [*extra, "--allow-root"]         # Jupyter refuses root unless told (containers, CI machines)
    # the whole repository in the file browser (to drop articles into seeds/), the first notebook open
    return _run([str(python), "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}",
                 f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}", *extra], "JupyterLab")


def test(extra: list[str]) -> int:
    """Run ``pytest --nbval`` (notebooks and unit tests) in the environment (``python3 -m lib test``)."""
    python = ensure_venv()
    return _run([str(python), *PYTEST_ARGS, *extra])


def in_venv() -> bool:
    """True when this interpreter is the workbook's own environment."""
    return Path(sys.prefix).resolve() == VENV.resolve()

