"""Shared helpers: a scratch project built from a fixture, and the CLI run in it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a scratch folder holding ``data/`` copied from the basic fixture, and make it the working directory."""
    shutil.copytree(FIXTURES / "basic", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def apply_files(data_dir: Path, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files below ``data_dir``."""
    for rel, text in files.items():
        path = data_dir / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    """Run ``python -m generator`` in-process; return exit code, stdout lines and stderr lines."""
    from generator.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def python() -> str:
    return sys.executable
