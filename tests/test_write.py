"""Writing: only changed files, only our own files, never outside the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import HandbookError
from generator.site.write import MANIFEST, write_pages


def test_second_identical_write_changes_nothing(tmp_path: Path) -> None:
    pages = {"index.md": "首页\n", "positions/a.md": "A\n"}
    first = write_pages(tmp_path, pages)
    assert first.written == ["index.md", "positions/a.md"]
    stamp = {p: os.stat(tmp_path / p).st_mtime_ns for p in pages}
    os.utime(tmp_path / "index.md", ns=(1, 1))  # an unchanged file must not even be rewritten
    again = write_pages(tmp_path, pages)
    assert (again.written, again.removed, again.unchanged) == ([], [], 2)
    assert os.stat(tmp_path / "index.md").st_mtime_ns == 1
    assert os.stat(tmp_path / "positions/a.md").st_mtime_ns == stamp["positions/a.md"]


def test_only_changed_file_is_written(tmp_path: Path) -> None:
    write_pages(tmp_path, {"a.md": "1\n", "b.md": "2\n"})
    report = write_pages(tmp_path, {"a.md": "1\n", "b.md": "3\n"})
    assert report.written == ["b.md"]
    assert (tmp_path / "b.md").read_text() == "3\n"


def test_stale_generated_files_are_removed_and_others_kept(tmp_path: Path) -> None:
    write_pages(tmp_path, {"positions/old.md": "x\n", "positions/keep.md": "y\n", "gone/only.md": "z\n"})
    (tmp_path / "positions" / "handwritten.md").write_text("mine\n")
    report = write_pages(tmp_path, {"positions/keep.md": "y\n"})
    assert report.removed == ["gone/only.md", "positions/old.md"]
    assert not (tmp_path / "gone").exists()
    assert (tmp_path / "positions" / "handwritten.md").read_text() == "mine\n"
    assert (tmp_path / "positions" / "keep.md").exists()


def test_refuses_to_overwrite_a_file_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("hand-written\n")
    with pytest.raises(HandbookError, match="not made by the generator"):
        write_pages(tmp_path, {"index.md": "generated\n", "other.md": "x\n"})
    assert (tmp_path / "index.md").read_text() == "hand-written\n"
    assert not (tmp_path / "other.md").exists()


@pytest.mark.parametrize("bad", ["../escape.md", "/etc/passwd", "a/../../b.md", "a\\b.md", "C:x.md", MANIFEST, "./a.md"])
def test_refuses_paths_outside_the_output(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(HandbookError, match="outside the output folder"):
        write_pages(out, {bad: "x\n"})
    assert not any(tmp_path.rglob("*.md"))


def test_refuses_to_follow_a_symlink_out(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "positions").symlink_to(elsewhere)
    with pytest.raises(HandbookError, match="leads out of it"):
        write_pages(out, {"positions/a.md": "x\n"})
    assert list(elsewhere.iterdir()) == []


def test_tampered_manifest_cannot_delete_outside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.md"
    victim.write_text("keep\n")
    out.mkdir()
    (out / MANIFEST).write_text('["../victim.md"]')
    write_pages(out, {"a.md": "x\n"})
    assert victim.read_text() == "keep\n"


def test_refuses_an_output_folder_that_is_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere)
    with pytest.raises(HandbookError, match="refusing to write through a symbolic link: out is one"):
        write_pages(tmp_path / "out", {"a.md": "x\n"}, root=tmp_path)
    assert list(elsewhere.iterdir()) == []


def test_a_tampered_manifest_cannot_delete_through_a_link(tmp_path: Path) -> None:
    # generated/ and its manifest can arrive in a pull request: a link inside must not carry deletions out.
    out, victim = tmp_path / "out", tmp_path / "victim"
    out.mkdir()
    victim.mkdir()
    (victim / "important.txt").write_text("keep\n")
    (out / "evil").symlink_to(victim)
    (out / MANIFEST).write_text('["evil/important.txt"]')
    report = write_pages(out, {"a.md": "x\n"})
    assert report.removed == []
    assert (victim / "important.txt").read_text() == "keep\n"
