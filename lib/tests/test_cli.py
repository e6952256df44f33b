"""The command line: JSON on stdout, one-line errors with exit status 2."""
import json
import subprocess
import sys

import pytest

from lib import ROOT, SEED_ARTICLE, cli
from lib.annotate import annotate, to_json_text
from lib.render import annotated_page


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
    (["annotate", str(SEED_ARTICLE), "--dct", "2200-01-01"], "--dct: 2200-01-01 is outside the dates"),
    (["annotate", str(SEED_ARTICLE), "--format", "xml"], "invalid choice"),
    (["annotate"], "required: path"),
    (["export", str(SEED_ARTICLE), "--out", ""], "--out: empty folder name"),
    (["export", str(SEED_ARTICLE)], "required: --out"),
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


# --------------------------------------------------------------------------- in process

def test_main_prints_the_annotation_json_and_html(capsys):
    assert cli.main(["annotate", str(SEED_ARTICLE)]) == 0
    assert capsys.readouterr().out == to_json_text(annotate(SEED_ARTICLE)) + "\n"
    assert cli.main(["annotate", str(SEED_ARTICLE), "--format", "html", "--dct", "2021-12-30"]) == 0
    assert capsys.readouterr().out == annotated_page(annotate(SEED_ARTICLE, dct="2021-12-30"))


def test_main_export_prints_the_paths_written(tmp_path, capsys):
    assert cli.main(["export", str(SEED_ARTICLE), "--out", str(tmp_path / "out"), "--no-figures"]) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(printed) == sorted(str(p) for p in (tmp_path / "out").iterdir())
    assert {p.rsplit("/", 1)[-1] for p in printed} >= {"timexes.csv", "timeline.json", "article.ann"}
    assert not any(p.endswith((".png", ".svg")) for p in printed)


def test_main_refuses_an_export_over_the_article(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text("Presiden Joe Biden akan berbicara dengan Vladimir Putin pada Kamis (30/12/2021).",
                    encoding="utf-8")
    assert cli.main(["export", str(path), "--out", str(tmp_path), "--no-figures"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "is the article being exported" in err


def test_lab_and_test_go_to_the_bootstrap(monkeypatch):
    import lib.__main__ as entry
    from lib.tools import bootstrap

    calls = []
    monkeypatch.setattr(bootstrap, "lab", lambda extra: calls.append(("lab", extra)) or 0)
    monkeypatch.setattr(bootstrap, "test", lambda extra: calls.append(("test", extra)) or 3)
    monkeypatch.setattr(sys, "argv", ["lib", "lab", "--no-browser"])
    assert entry.main() == 0
    monkeypatch.setattr(sys, "argv", ["lib", "test", "-x", "-q"])
    assert entry.main() == 3
    assert calls == [("lab", ["--no-browser"]), ("test", ["-x", "-q"])]
