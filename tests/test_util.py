"""Files are written whole: a failed write leaves the old file, never half of a new one."""

import os
import stat

import pytest

from kg.util import atomic_writer


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "triples.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_writer(target) as out:
            out.write("half of the new")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["triples.jsonl"]  # no temporary file left


def test_a_written_file_has_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "sub" / "graph.html") as out:
            out.write("<html></html>")
    finally:
        os.umask(mask)
    mode = stat.S_IMODE((tmp_path / "sub" / "graph.html").stat().st_mode)
    assert mode == 0o644
