"""Every validation error, pinned to its exact one-line message (cases in tests/cases/errors/*.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import apply_files, run_cli

CASES = sorted((Path(__file__).parent / "cases" / "errors").glob("*.yml"))


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_error_case(case_file: Path, project: Path, capsys: pytest.CaptureFixture[str], yaml_parser: str) -> None:
    case = yaml.safe_load(case_file.read_text("utf-8"))
    apply_files(project / "data", case["files"])
    code, out, err = run_cli(capsys, "check")
    assert code == 1
    assert out == []
    count = len(case["errors"])
    assert err == case["errors"] + [f"{count} error{'s' if count != 1 else ''}; nothing was written"]


def test_there_are_cases() -> None:
    assert len(CASES) >= 15


def test_valid_fixture_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check")
    assert (code, err) == (0, [])
    assert out == ["ok: 3 departments, 5 positions, headcount 10; the public site shows 3 departments, 5 positions"]


def test_missing_data_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--data", str(tmp_path / "nowhere"), "check")
    assert code == 1
    assert err == [f"{tmp_path / 'nowhere'}: data folder not found", "1 error; nothing was written"]
