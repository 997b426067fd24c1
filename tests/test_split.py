"""The public site never crashes and never hints: every combination of marks the schemas accept builds both
sites or is one line on the mark, and no page tells that something is hidden (no lone mark, no false "top
of the organisation", no placeholder where a hidden value would be)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import generate

from conftest import apply_files, run_cli

HANDBOOK = "title: Harbor handbook\norganization: Harbor\ndescription: Staff handbook.\nlanguage: en\n"


def _position(title: str, department: str, reports_to: str | None = None, extra: str = "") -> str:
    reports = f"reports_to: {reports_to}\n" if reports_to else ""
    return f"title: {title}\ndepartment: {department}\n{reports}level: specialist\nheadcount: 3\nsummary: Does {title} work.\nresponsibilities:\n  - Works.\n{extra}"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small organisation whose top is internal: an internal head of the top department, an internal department
    above a public one, so that on the public site some lines have nothing public above them."""
    monkeypatch.chdir(tmp_path)
    files = {
        "handbook.yml": HANDBOOK + "sources:\n  - id: memo\n    title: The memo\n",
        "departments/hq.yml": "name: Headquarters\nhead: boss\nsummary: Runs it.\n",
        "departments/office.yml": "name: Front office\nparent: hq\nhead: aide\nsummary: Greets.\n",
        "departments/secret.yml": "name: Skunkworks\ninternal: true\nhead: tinkerer\nparent: hq\nsummary: Builds.\n",
        "departments/lab.yml": "name: Lab\nparent: secret\nhead: chemist\nsummary: Tests.\n",
        "positions/boss.yml": _position("Boss", "hq", extra="internal: true\n"),
        "positions/aide.yml": _position("Aide", "office", "boss", "collaboration:\n  - with: chemist\n    on: Samples\n"),
        "positions/tinkerer.yml": _position("Tinkerer", "secret", "boss"),
        "positions/chemist.yml": _position("Chemist", "lab", "tinkerer"),
    }
    apply_files(tmp_path / "data", files)
    return tmp_path / "data"


def _check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code, _, err = run_cli(capsys, "check")
    return code, err


def _public_pages(data: Path) -> dict[str, str]:
    out = data.parent / "public"
    generate(data, out, root=data.parent, audience="public")
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.md")}


def test_a_line_with_nothing_public_above_is_not_called_the_top(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys)[0] == 0
    pages = _public_pages(data)
    aide, chemist, lab = pages["positions/aide.md"], pages["positions/chemist.md"], pages["departments/lab/index.md"]
    for page in (aide, chemist):
        assert "top of the organisation" not in page and "**Reports to**" not in page
    assert "Boss" not in "".join(pages.values()) and "Tinkerer" not in "".join(pages.values())
    # The lab sits under an internal department: on the public site it has no parent line, not "top-level".
    assert "top-level department" not in lab and "**Parent department**" not in lab
    # Nor a head line where the head is hidden, nor a dash standing for it in the tables.
    hq = pages["departments/hq/index.md"]
    assert "**Head**" not in hq and "| — |" not in hq
    # Headquarters has no parent (a dash says so) and a hidden head (an empty cell says nothing).
    assert "| [Headquarters](hq/index.md) | — |  |" in pages["departments/index.md"]


def test_onboarding_made_public_names_colleagues_not_a_top(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handbook = data / "handbook.yml"
    handbook.write_text(handbook.read_text("utf-8") + "public: [position.summary, position.onboarding, position.collaboration]\n", "utf-8")
    assert _check(capsys)[0] == 0
    aide = _public_pages(data)["positions/aide.md"]
    assert "## Getting started" in aide or "onboarding" in aide
    assert "top of the organisation" not in aide and "ask your manager" not in aide
    assert "your colleagues [Chemist]" in aide


def test_an_added_mark_goes_with_the_value_it_marks(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aide = data / "positions" / "aide.yml"
    aide.write_text(aide.read_text("utf-8") + "internal_fields: [summary]\nadded: [summary, headcount]\n", "utf-8")
    assert _check(capsys)[0] == 0
    page = _public_pages(data)["positions/aide.md"]
    assert "added" not in page and "Does Aide work." not in page


@pytest.mark.parametrize(("file", "extra", "line"), [
    # The crash: sources internal in handbook.yml, public on one position; a 62-line Jinja traceback.
    ("positions/aide.yml", "sources: [memo]\npublic_fields: [sources]\n",
     "data/positions/aide.yml:13:17: public_fields[0]: 'sources' cannot be public: data/handbook.yml keeps its sources internal "
     "(add 'sources' to its public list to publish them)"),
    ("positions/aide.yml", "public_fields: [kpis]\ninternal_fields: [kpis]\n",
     "data/positions/aide.yml:12:17: public_fields[0]: 'kpis' is also in internal_fields: a part is either public or internal; keep one"),
    ("positions/boss.yml", "public_fields: [tools]\n",
     "data/positions/boss.yml:9:17: public_fields[0]: 'tools' cannot be public: it is internal (internal: true), so no part of it is"),
    ("positions/tinkerer.yml", "internal: false\n",
     "data/positions/tinkerer.yml:9:11: internal: internal: false has no effect: its department 'secret' is internal; remove it or make the department public"),
    ("departments/hq.yml", "public_fields: [head]\n",
     "data/departments/hq.yml:4:17: public_fields[0]: 'head' cannot be public: its head, 'boss', is not on the public site"),
    ("positions/aide.yml", "public_fields: [reports_to]\n",
     "data/positions/aide.yml:12:17: public_fields[0]: 'reports_to' cannot be public: every position above it is internal"),
])
def test_a_mark_that_cannot_take_effect_is_one_line(data: Path, capsys: pytest.CaptureFixture[str], file: str, extra: str, line: str) -> None:
    path = data / file
    path.write_text(path.read_text("utf-8") + extra, "utf-8")
    assert _check(capsys) == (1, [line, "1 error; nothing was written"])


def test_a_public_plan_may_not_print_a_headcount_kept_internal(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_files(data, {"plans/start.yml": "name: Start\nsummary: Day one.\ninternal: false\npositions:\n  - position: aide\n    headcount: 1\n"})
    assert _check(capsys) == (1, [
        "data/plans/start.yml:5:15: positions[0].position: this plan is public and gives a headcount for 'aide', whose headcount is internal; "
        "make its headcount public or keep the plan internal",
        "1 error; nothing was written",
    ])
    aide = data / "positions" / "aide.yml"
    aide.write_text(aide.read_text("utf-8") + "public_fields: [headcount]\n", "utf-8")
    assert _check(capsys)[0] == 0
    assert "| 1 |" in _public_pages(data)["plans/start.md"]
