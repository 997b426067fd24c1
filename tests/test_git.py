"""Every git call goes through one runner: no git, no repository, a slow or prompting git end in one line or in nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator import git
from generator.adopt import BASE, new_handbook, upgrade
from generator.errors import HandbookError
from generator.source.history import file_history, last_changed
from generator.review.revisions import data_at

from conftest import FIXTURES, run_cli
from test_adopt import _sample_copy


def _fake_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str | None) -> None:
    """Put a folder first on PATH that holds ``script`` as git (None: no git at all on PATH)."""
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    if script is not None:
        exe = bin_dir / "git"
        exe.write_text("#!/bin/sh\n" + script, "utf-8")
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    else:
        monkeypatch.setenv("PATH", str(bin_dir))


def test_no_git_is_one_line_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_git(tmp_path, monkeypatch, None)
    with pytest.raises(HandbookError) as caught:
        git.run(tmp_path, "log")
    assert caught.value.lines() == ["git log: git is not installed or not on PATH"]
    assert git.optional(tmp_path, "log") is None
    assert not git.full_history(tmp_path) and not git.is_work_tree(tmp_path)
    assert last_changed(tmp_path) == {} and file_history(tmp_path).revisions == {}


def test_a_git_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_git(tmp_path, monkeypatch, "exec sleep 30\n")
    with pytest.raises(HandbookError) as caught:
        git.run(tmp_path, "fetch", "--quiet", "upstream", timeout=0.5)
    assert caught.value.lines() == ["git fetch upstream: no answer within 0.5 s"]


def test_a_git_that_asks_for_input_gets_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A credential prompt reads the terminal; the runner gives it an empty input and no prompt, never the user's.
    _fake_git(tmp_path, monkeypatch, 'read answer; echo "prompt=$GIT_TERMINAL_PROMPT answer=[$answer]"; exit 128\n')
    result = git.run(tmp_path, "fetch", check=False, timeout=10)
    assert (result.code, result.text.strip()) == (128, "prompt=0 answer=[]")


def test_a_failing_git_says_its_last_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_git(tmp_path, monkeypatch, 'echo "hint: a hint" >&2; echo "fatal: not a git repository" >&2; exit 128\n')
    with pytest.raises(HandbookError) as caught:
        git.run(tmp_path, "rev-parse", "HEAD")
    assert caught.value.lines() == ["git rev-parse HEAD failed: fatal: not a git repository"]


def test_outside_a_repository_pages_have_no_dates_and_the_diff_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # tmp_path may lie inside some checkout
    assert last_changed(tmp_path / "data") == {}
    with pytest.raises(HandbookError, match="neither a git revision nor a folder"), data_at(tmp_path, "main"):
        pass


def test_make_new_works_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # It wrote data/ and docs/, then died with a traceback calling git.
    project = _sample_copy(tmp_path)
    _fake_git(tmp_path, monkeypatch, None)
    done = new_handbook(project, "某公司")
    assert any("starter organisation" in line for line in done)
    assert (project / "data" / "handbook.yml").is_file() and not (project / BASE).exists()


def test_upgrade_and_diff_without_git_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.copytree(FIXTURES / "basic", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    _fake_git(tmp_path, monkeypatch, None)
    with pytest.raises(HandbookError, match="^upgrade needs a git checkout"):
        upgrade(tmp_path, "upstream")
    code, out, err = run_cli(capsys, "diff", "main")
    assert code == 1 and out == [] and len(err) == 1 and "Traceback" not in err[0], err
