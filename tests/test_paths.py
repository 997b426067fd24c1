"""Paths as users see them, and links that would carry a build out of its folders."""

from __future__ import annotations

import os
from pathlib import Path

from generator.paths import display_path, link_out_of


def test_display_path_is_relative_to_the_project(tmp_path: Path) -> None:
    assert display_path(tmp_path / "data" / "x.yml", tmp_path) == "data/x.yml"
    assert display_path("/elsewhere/x.yml", tmp_path) == "/elsewhere/x.yml"


def test_display_path_survives_a_link_loop_outside_the_project(tmp_path: Path, monkeypatch) -> None:
    # resolve() raised RuntimeError on a loop when the data folder was outside the working directory.
    loop = tmp_path / "data" / "loop.yml"
    loop.parent.mkdir()
    loop.symlink_to("loop.yml")
    monkeypatch.chdir(tmp_path.parent)
    assert display_path(loop, tmp_path / "project") == str(loop)


def test_link_out_of_finds_links_leaving_their_own_folder(tmp_path: Path) -> None:
    docs, theme = tmp_path / "docs", tmp_path / "overrides"
    docs.mkdir()
    theme.mkdir()
    (tmp_path / "secret").write_text("token")
    (docs / "page.md").write_text("# ok")
    (docs / "inside.md").symlink_to("page.md")
    assert link_out_of([docs / "page.md", docs / "inside.md"], [docs, theme]) is None
    # Inside the project is not enough: the link must stay inside its own folder.
    (theme / "leak.txt").symlink_to(Path("..") / "secret")
    assert link_out_of([docs / "page.md", theme / "leak.txt"], [docs, theme]) == (theme / "leak.txt", theme)
    (docs / "loop.md").symlink_to("loop.md")
    assert link_out_of([docs / "loop.md"], [docs]) == (docs / "loop.md", docs)
    # Files outside every folder (the theme's own) are not this check's business.
    assert link_out_of([os.__file__], [docs]) is None
