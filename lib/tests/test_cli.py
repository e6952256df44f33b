"""The command line: JSON on stdout, one-line errors with exit status 2."""
import json
import subprocess
import sys

import pytest

from lib import ROOT, SEED_ARTICLE


def run(*args):
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True)


def test_annotate_seed():
    result = run("annotate", str(SEED_ARTICLE))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    for key in ("text", "sha256", "language", "dateline", "dct", "paragraphs", "sentences",
                "boilerplate", "timexes", "mentions", "events"):
        assert key in doc
    assert doc["language"] == "id"
    assert doc["dateline"]["place"] == "Pantai Rehoboth, Del."
    assert doc["dct"]["value"] == "2021-12-29" and doc["dct"]["source"] == "metadata"
    assert [b["kind"] for b in doc["boilerplate"]] == ["spam_footer"]
    for unit in doc["paragraphs"] + doc["sentences"] + doc["boilerplate"]:
        assert doc["text"][unit["start"]:unit["end"]] == unit["text"]


def test_annotate_dct_argument():
    doc = json.loads(run("annotate", str(SEED_ARTICLE), "--dct", "2022-01-05").stdout)
    assert doc["dct"]["value"] == "2022-01-05" and doc["dct"]["source"] == "argument"


@pytest.mark.parametrize("args, message", [
    (["annotate", "missing.txt"], "missing.txt: no such file"),
    (["annotate", "lib"], "is a directory"),
    (["annotate", str(SEED_ARTICLE), "--dct", "29-12-2021"], "--dct: expected a date YYYY-MM-DD"),
    (["annotate", str(SEED_ARTICLE), "--format", "xml"], "invalid choice"),
    (["annotate"], "required: path"),
])
def test_errors_are_one_line(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_bad_bytes_error_names_offset(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"Berita \xff rusak")
    result = run("annotate", str(path))
    assert result.returncode == 2 and "not UTF-8 at byte offset 7" in result.stderr


def test_english_article_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The president said that he would speak with the leaders of the alliance on Thursday, "
                    "and the talks were expected to last for two hours.", encoding="utf-8")
    result = run("annotate", str(path))
    assert result.returncode == 2 and "language 'en'" in result.stderr and "annotated languages: id" in result.stderr
