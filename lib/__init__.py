"""Workbook helpers: one module per stage, in the order the data flows.

load -> timexes -> actors -> events -> timeline -> charts / exports.
Importing this package is cheap (standard library only) so that ``python3 -m lib``
can create the virtual environment before the heavy dependencies exist.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_6ec3a7005892a893.txt"
