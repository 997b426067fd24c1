"""Pages say when their YAML last changed, from git history; outside git they say nothing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.source.history import last_changed
from generator.pipeline import build_model
from generator.site.render import render


def _git(repo: Path, *args: str, date: str = "") -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+08:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+08:00")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_dates_come_from_the_last_commit_of_each_data_file(project: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "first", date="2025-03-01")
    designer = project / "data/positions/designer.yml"
    designer.write_text(designer.read_text("utf-8") + "\n", "utf-8")
    (project / "README.md").write_text("outside the data folder\n", "utf-8")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "second", date="2025-06-15")

    changed = last_changed(project / "data")
    assert changed["positions/designer.yml"] == "2025-06-15"
    assert changed["positions/art-lead.yml"] == "2025-03-01"
    assert "README.md" not in changed and "../README.md" not in changed

    pages = render(build_model(project / "data"))
    assert "本页内容最后修改于 2025-06-15。" in pages["positions/designer.md"]
    assert 'updated: "2025-06-15"' in pages["positions/designer.md"]
    assert "本页内容最后修改于 2025-03-01。" in pages["positions/art-lead.md"]
    assert "本页内容最后修改于 2025-03-01。" in pages["departments/art/index.md"]


def test_uncommitted_files_and_non_git_folders_have_no_date(project: Path) -> None:
    assert last_changed(project / "data") == {}
    pages = render(build_model(project / "data"))
    assert "最后修改" not in pages["positions/designer.md"]
    assert "updated:" not in pages["positions/designer.md"]
    _git(project, "init", "-q")
    assert last_changed(project / "data") == {}, "a repository without commits gives no dates"


def test_shallow_clone_gives_no_dates(project: Path, tmp_path: Path) -> None:
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "first", date="2025-03-01")
    (project / "data/positions/designer.yml").write_text("# edited\n" + (project / "data/positions/designer.yml").read_text("utf-8"), "utf-8")
    _git(project, "commit", "-q", "-am", "second", date="2025-06-15")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", project.as_uri(), str(clone)], check=True, capture_output=True)
    # Its one commit would otherwise look like the last change of every file.
    assert last_changed(clone / "data") == {}
    assert last_changed(project / "data")["positions/art-lead.yml"] == "2025-03-01"
