"""Hostile and odd inputs, as a table of cases: each ends in the documented one-line error or works.

Every case runs the command line in-process (``lib.cli.main``) on files written for it, and checks
the exit status, that stderr is one line naming what was wrong, and that no traceback escapes.
"""
from __future__ import annotations

import json
import os
import stat

import pytest

from lib import SEED_ARTICLE
from lib.cli import main
from lib.load import MAX_BYTES

SEED = SEED_ARTICLE.read_bytes()


def _text(body: bytes):
    return lambda d: _write(d / "a.txt", body)


def _write(path, data):
    path.write_bytes(data)
    return [str(path)]


def _fifo(d):
    path = d / "pipe.txt"
    os.mkfifo(path)
    return [str(path)]


def _big(d):
    path = d / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)                        # sparse: nothing written to disk
    return [str(path)]


def _with_meta(meta: bytes):
    def setup(d):
        _write(d / "a.meta.json", meta)
        return _write(d / "a.txt", "Presiden Joko Widodo berbicara di Jakarta.\n".encode())
    return setup


def _with_curated(kind: str, data: bytes):
    def setup(d):
        _write(d / f"a.{kind}.csv", data)
        return _write(d / "a.txt", "Presiden Joko Widodo berbicara di Jakarta.\n".encode())
    return setup


NAME = "Presiden Joe{}Biden bertemu {} di Jakarta pada Kamis (30/12/2021).\n"
CASES = [
    # (case, setup, extra arguments, exit status, what stderr says (None: nothing))
    ("nbsp inside a name", _text(NAME.format("\u00a0", "Amerika Serikat").encode()), [], 0, None),
    ("two spaces inside a name", _text(NAME.format("  ", "Amerika  Serikat").encode()), [], 0, None),
    ("a line break inside a name", _text(NAME.format("\n", "Amerika\nSerikat").encode()), [], 0, None),
    ("too large", _big, [], 2, f"larger than {MAX_BYTES:,} bytes"),
    ("a pipe", _fifo, [], 2, "not a regular file"),
    ("a device", lambda d: ["/dev/zero"], [], 2, "not a regular file"),
    ("dct at the calendar's start", _text(SEED), ["--dct", "0001-01-01"], 2, "--dct: 0001-01-01 is outside"),
    ("dct at the calendar's end", _text(SEED), ["--dct", "9999-12-31"], 2, "--dct: 9999-12-31 is outside"),
    ("dct not a day", _text(SEED), ["--dct", "2022-02-30"], 2, "--dct: '2022-02-30' is not a real date"),
    ("years at the calendar's edges", _text("Ia lahir tahun 9999, pada 31 Desember 9999 atau (31/12/9999), "
                                            "tahun 0000, Januari 0000, 30 Februari 2022.\n".encode()), ["--dct", "2022-01-05"], 0, None),
    ("Indonesian with acronyms", _text("Presiden AS Joe Biden mengatakan AS dan NATO siap. Menurut AS, Rusia harus "
                                       "mundur. AS juga di sana. Pejabat AS berbicara.\n".encode()), [], 0, None),
    ("an HTML fragment", _text(b'<div class="berita">Harga naik.</div>\n'), [], 2, "looks like an HTML page"),
    ("an HTML paragraph", _text(b"<p class=lead>Harga naik.</p>\n"), [], 2, "looks like an HTML page"),
    ("meta not UTF-8", _with_meta(b'{"language": "\xff"}'), [], 2, "a.meta.json: not UTF-8 at byte offset"),
    ("meta nested deep", _with_meta(b"[" * 100_000 + b"]" * 100_000), [], 2, "a.meta.json:"),
    ("curated csv empty", _with_curated("timexes", b""), [], 0, None),
    ("curated csv ragged", _with_curated("actors", b"id,name,kind\nx,X\n"), [], 0, None),
]


@pytest.mark.parametrize("case, setup, extra, status, message", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(tmp_path, capsys, case, setup, extra, status, message):
    args = setup(tmp_path)
    assert main(["annotate", *args, *extra]) == status
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if message is None:
        assert err == "" and json.loads(out)["text"]
    else:
        assert err.startswith("error: ") and message in err and err.count("\n") == 1, err


@pytest.mark.parametrize("kind, data, message", [
    ("timexes", b"", "a.timexes.csv: empty"),
    ("actors", b"id,name,kind\nx,X\n", "a.actors.csv: line 2: 2 cells, the header has 3"),
    ("timexes", b"id,start,end,text,type,value\nt1,0,4,K\xe4mi,DATE,2022\n", "a.timexes.csv: not UTF-8 at byte offset"),
])
def test_broken_curated_files_are_one_line_errors(tmp_path, kind, data, message):
    from lib.annotate import annotate
    from lib.errors import ArticleError

    _with_curated(kind, data)(tmp_path)
    with pytest.raises(ArticleError, match=message):
        annotate(tmp_path / "a.txt").curated


def test_an_export_never_overwrites_its_article(tmp_path, capsys):
    (tmp_path / "timexes.csv").write_bytes(SEED)
    assert main(["export", str(tmp_path / "timexes.csv"), "--out", str(tmp_path), "--no-figures"]) == 2
    assert "is the article being exported" in capsys.readouterr().err
    assert (tmp_path / "timexes.csv").read_bytes() == SEED


def test_an_empty_out_is_refused(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(SEED)
    assert main(["export", str(tmp_path / "a.txt"), "--out", "", "--no-figures"]) == 2
    assert "--out: empty folder name" in capsys.readouterr().err


def test_exports_respect_the_umask_clear_stale_temporaries_and_end_with_a_manifest(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".timeline.json.abc123.tmp"
    stale.write_text("half")
    (tmp_path / "a.txt").write_bytes(SEED)
    old = os.umask(0o022)
    try:
        assert main(["export", str(tmp_path / "a.txt"), "--out", str(out), "--no-figures"]) == 0
    finally:
        os.umask(old)
    assert not stale.exists()
    mode = stat.S_IMODE((out / "timeline.json").stat().st_mode)
    assert mode == 0o644
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["files"]) >= {"timexes.csv", "timeline.json", "article.ann"}
    assert capsys.readouterr().out.splitlines()[-1].endswith("manifest.json")


def test_json_lines_with_line_separators_read_back(tmp_path):
    from lib.annotate import annotate
    from lib.exports import export, read_back

    text = "Presiden Joko Widodo berbicara\u2028di Jakarta\u0085pada Kamis (30/12/2021).\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    export(annotate(tmp_path / "a.txt"), tmp_path / "out", figures=False)
    back = read_back(tmp_path / "out")
    assert back["doccano"][0]["text"] == annotate(tmp_path / "a.txt").article.text


def test_mathjax_delimiters_are_escaped():
    from lib.render import escape

    assert escape(r"\(x\) \[y\] $z$") == "&#92;(x&#92;) &#92;[y&#92;] &#36;z&#36;"
