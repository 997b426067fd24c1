"""Loading: nothing outside the data folder is read, no file is dropped without a word, no depth crashes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.errors import DataErrors
from generator.source.load import MAX_FILE_BYTES, load
from generator.pipeline import build_model
from generator.site.render import render
from generator.model.build import validate
from generator.model.checks import MAX_DEPARTMENT_DEPTH, MAX_REPORTING_CHAIN

from conftest import FIXTURES, run_cli

POSITION = """title: {title}
department: {department}
{reports}level: specialist
headcount: 1
summary: 测试。
responsibilities:
  - 测试
"""


def _errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run_cli(capsys, "check")
    assert code == 1 and out == []
    assert all("Traceback" not in line for line in err)
    return err[:-1]


def test_a_link_to_a_file_outside_the_data_folder_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = project / "secret.yml"
    secret.write_text("title: 机密\n", "utf-8")
    (project / "data" / "positions" / "evil.yml").symlink_to(secret)
    assert _errors(capsys) == ["data/positions/evil.yml: symbolic link to a file outside the data folder; data files must live inside it"]


def test_a_link_loop_and_a_dangling_link_are_one_line_each(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "data" / "positions" / "loop.yml").symlink_to("loop.yml")
    (project / "data" / "positions" / "gone.yml").symlink_to("nowhere.yml")
    assert _errors(capsys) == [
        "data/positions/gone.yml: symbolic link that leads nowhere (a loop, or a missing file)",
        "data/positions/loop.yml: symbolic link that leads nowhere (a loop, or a missing file)",
    ]


def test_a_link_to_a_folder_is_reported_not_followed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "data" / "positions" / "more").symlink_to(project / "data" / "departments")
    assert _errors(capsys) == ["data/positions/more: symbolic link to a folder; links to folders are not followed: move the files here"]


def test_a_link_inside_the_data_folder_is_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = project / "data"
    (data / "positions" / "designer.yml").rename(data / "designer.source")
    (data / "positions" / "designer.yml").symlink_to("../designer.source")
    code, out, err = run_cli(capsys, "check")
    assert (code, err) == (0, [])


def test_a_pipe_is_refused_without_waiting_for_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(project / "data" / "positions" / "pipe.yml")
    assert _errors(capsys) == ["data/positions/pipe.yml: not a regular file"]


def test_an_oversized_file_is_refused_unread(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = project / "data" / "positions" / "big.yml"
    big.write_text("title: " + "长" * MAX_FILE_BYTES + "\n", "utf-8")
    size = big.stat().st_size
    assert _errors(capsys) == [f"data/positions/big.yml: file is too large ({size:,} bytes, at most {MAX_FILE_BYTES:,})"]


def test_files_in_sub_folders_are_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    positions = project / "data" / "positions"
    (positions / "art" / "team").mkdir(parents=True)
    (positions / "designer.yml").rename(positions / "art" / "team" / "designer.yml")
    model = build_model(project / "data")
    assert model.positions["designer"].source_file == "data/positions/art/team/designer.yml"
    assert run_cli(capsys, "check")[1] == ["ok: 3 departments, 5 positions, headcount 10; the public site shows 3 departments, 5 positions"]


def test_hidden_files_and_notes_are_not_data(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    positions = project / "data" / "positions"
    (positions / ".designer.yml.swp").write_bytes(b"\x00\x01binary swap")
    (positions / "README.md").write_text("# 说明\n", "utf-8")
    code, _, err = run_cli(capsys, "check")
    assert (code, err) == (0, [])


def _chain_of_departments(data: Path, count: int) -> None:
    shutil.rmtree(data / "departments")
    shutil.rmtree(data / "positions")
    shutil.rmtree(data / "plans")
    (data / "departments").mkdir()
    (data / "positions").mkdir()
    for i in range(count):
        parent = f"parent: d{i - 1}\n" if i else ""
        (data / "departments" / f"d{i}.yml").write_text(f"name: 部门{i}\n{parent}head: p{i}\nsummary: 测试。\nfunctions:\n  - 测试\n", "utf-8")
        reports = "reports_to: p0\n" if i else ""  # a short reporting line: only the departments nest deep
        (data / "positions" / f"p{i}.yml").write_text(POSITION.format(title=f"岗位{i}", department=f"d{i}", reports=reports), "utf-8")


def test_departments_nested_past_the_limit_are_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1,500 nested departments raised RecursionError in the build.
    _chain_of_departments(project / "data", 1_500)
    (project / "data" / "glossary.yml").unlink()
    errors = _errors(capsys)
    deepest = MAX_DEPARTMENT_DEPTH
    assert errors == [f"data/departments/d{deepest}.yml:2:9: parent: departments nest {deepest + 1} levels deep here; at most {deepest} are supported"]


def test_departments_nested_to_the_limit_build(project: Path) -> None:
    _chain_of_departments(project / "data", MAX_DEPARTMENT_DEPTH)
    (project / "data" / "glossary.yml").unlink()
    pages = render(build_model(project / "data"))
    assert f"departments/d{MAX_DEPARTMENT_DEPTH - 1}/index.md" in pages


def _reporting_line(data: Path, count: int) -> None:
    positions = data / "positions"
    shutil.rmtree(positions)
    shutil.rmtree(data / "plans")
    positions.mkdir()
    for dept in ("art", "operations"):
        (data / "departments" / f"{dept}.yml").unlink()
    company = data / "departments" / "company.yml"
    company.write_text(company.read_text("utf-8").replace("head: general-manager", "head: p0"), "utf-8")
    for i in range(count):
        reports = f"reports_to: p{i - 1}\n" if i else ""
        (positions / f"p{i}.yml").write_text(POSITION.format(title=f"岗位{i}", department="company", reports=reports), "utf-8")
    (data / "glossary.yml").unlink()


def test_a_reporting_line_to_the_limit_renders_folded(project: Path) -> None:
    # A 1,500-long reporting chain raised RecursionError, then made every page list it: a site that grew with its square.
    _reporting_line(project / "data", MAX_REPORTING_CHAIN)
    model = validate(load(project / "data"))
    pages = render(model)
    last = f"p{MAX_REPORTING_CHAIN - 1}"
    assert len(model.chain(last)) == MAX_REPORTING_CHAIN
    assert "中间 " in pages[f"positions/{last}.md"]  # the chart folds the middle of the chain


@pytest.mark.parametrize("count", [MAX_REPORTING_CHAIN + 1, 1_500])
def test_a_reporting_line_past_the_limit_is_one_line(project: Path, capsys: pytest.CaptureFixture[str], count: int) -> None:
    _reporting_line(project / "data", count)
    limit = MAX_REPORTING_CHAIN
    assert _errors(capsys) == [
        f"data/positions/p{limit}.yml:3:13: reports_to: the reporting line from the top to this position is {limit + 1} positions long; at most {limit} are supported"
    ]


def test_data_errors_name_files_relative_to_the_project(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "basic", project / "data")
    (project / "data" / "positions" / "designer.yml").write_text("title: 美工\n", "utf-8")
    with pytest.raises(DataErrors) as caught:
        build_model(project / "data", root=project)  # the working directory is elsewhere, as under `mkdocs -f`
    assert all(line.startswith("data/positions/designer.yml:1:1: ") for line in caught.value.lines())


def test_hidden_yaml_is_reported_and_other_folders_are_not_judged(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = project / "data"
    (data / "positions" / ".draft.yml").write_text("title: 草稿\n", "utf-8")
    (data / "positions" / ".old").mkdir()
    (data / "positions" / ".old" / "x.yml").write_text("title: 旧\n", "utf-8")
    (data / "positions" / ".#designer.yml").symlink_to("user@host.1234")  # an Emacs lock file while editing
    # Not data: no name rules apply inside a folder of images.
    (data / "images" / "Team Photos").mkdir(parents=True)
    (data / "images" / "Team Photos" / "a.png").write_bytes(b"\x89PNG")
    (data / "glossary.yml").unlink()
    (data / "glossary.yml").mkdir()
    (data / "glossary.yml" / "terms.yml").write_text("terms: []\n", "utf-8")
    assert _errors(capsys) == [
        "data/glossary.yml: is a folder: it must be a file",
        "data/positions/.draft.yml: hidden file: it is not read; rename it without the leading dot",
        "data/positions/.old: hidden folder: the YAML files in it are not read; rename it without the leading dot",
    ]
