"""Workbook helpers: one module per stage, in the order the data flows.

load -> dct -> timexes -> actors -> events -> (annotate: all of them, once) -> timeline ->
charts / exports. Importing this package is cheap (standard library only) so that
``python3 -m lib`` can create the virtual environment before the heavy dependencies exist.

Every path the workbook uses comes from here.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_6ec3a7005892a893.txt"
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "out"
LANG_DIR = Path(__file__).resolve().parent / "lang"
