"""The README quotes computed figures; they must match what the code computes now."""
import re

import pytest

from lib import ROOT
from lib.tools.report import seed_scores


def test_readme_scores_are_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- scores -->\n(.*?)\n<!-- /scores -->", readme, re.S)
    assert block, "README.md has no scores block"
    assert block.group(1).strip() == seed_scores().strip(), \
        "run: .venv/bin/python -m lib.tools.report and update README.md"


def test_readme_has_two_quickstart_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quickstart", 1)[1].split("```", 2)[1]
    commands = [line for line in quick.splitlines() if line.strip() and not line.startswith("#")]
    assert [c.split("#")[0].strip() for c in commands] == ["python3 -m lib lab", "python3 -m lib test"]


DEVSET = ROOT.parent / "shared" / "devnews"


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the development set is not beside the repository")
def test_readme_development_set_scores_are_current():
    from lib.tools.devset import markdown_table, report

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- devset -->\n(.*?)\n<!-- /devset -->", readme, re.S)
    assert block, "README.md has no development-set block"
    assert block.group(1).strip() == markdown_table(report(DEVSET)[0]).strip(), \
        "run: .venv/bin/python -m lib.tools.devset --markdown and update README.md"
