"""Test configuration: the repository root reaches every kernel's import path."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
collect_ignore_glob = [".ipynb_checkpoints/*", "**/.ipynb_checkpoints/*"]
