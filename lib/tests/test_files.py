"""Files written whole or not at all."""
import pytest

from lib.errors import ArticleError
from lib.files import write_atomic


def test_write_atomic_leaves_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)            # not bytes or text: nothing is written
    assert target.read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.glob(".*.tmp"))


def test_write_atomic_writes_text_as_utf8_and_replaces_the_old_file(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "lama")
    write_atomic(target, "Kamis (30/12) \u2013 baru")
    assert target.read_bytes() == "Kamis (30/12) \u2013 baru".encode("utf-8")
    assert not list(target.parent.glob(".*.tmp"))


def test_write_atomic_names_the_file_it_could_not_write(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ArticleError, match="could not be written"):
        write_atomic(blocker / "out.txt", b"x")        # a file where a folder should be
    assert blocker.read_text(encoding="utf-8") == "x"
