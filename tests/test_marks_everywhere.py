"""A value marked `added:` is marked on every page that shows it: tables, lists, outlines, chart boxes, plan
comparisons and totals; the job description a recruiter pastes stays clean."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, apply_files
from generator.pipeline import build_model
from generator.site.diagrams import MARKER
from generator.site.render import render

MARK = "（整理补充）"


@pytest.fixture
def pages(project: Path) -> dict[str, str]:
    """The basic fixture with every markable value of one position, one department and one plan entry marked."""
    def edit(path: str, old: str, new: str) -> str:
        text = (FIXTURES / "basic" / path).read_text("utf-8")
        assert old in text, (path, old)
        return text.replace(old, new, 1)

    apply_files(project / "data", {
        # The designer: no source names it, nor its department, manager, level or number.
        "positions/designer.yml": edit("positions/designer.yml", "headcount: 5\n",
                                       "headcount: 5\nadded: [position, department, reports_to, level, headcount]\n"),
        "departments/art.yml": edit("departments/art.yml", "head: art-lead\n", "head: art-lead\nadded: [parent, head]\n"),
        "plans/small.yml": edit("plans/small.yml", "    max: 2\n", "    max: 2\n    reports_to: operations-director\n    added: [headcount, max, reports_to]\n"),
    })
    return {k: html.unescape(v) for k, v in render(build_model(project / "data")).items()}


def _row(page: str, link: str) -> str:
    """Return the table row whose first cell links to ``link``, or else the first list line that does."""
    lines = page.splitlines()
    first = next((line for line in lines if line.startswith("|") and f"]({link})" in line.split("|")[1]), None)
    return first or next(line for line in lines if f"]({link})" in line and line.lstrip().startswith("-"))


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def test_a_position_s_marks_follow_it_into_every_table_and_list(pages: dict[str, str]) -> None:
    own = pages["positions/designer.md"]
    assert "这个岗位不是资料所述" in own
    # Its department's table: the title, its level, its manager and its number.
    title, level, boss, count = _cells(_row(pages["departments/art/index.md"], "../../positions/designer.md"))
    assert all(cell.endswith(MARK) for cell in (title, level, boss, count)), (title, level, boss, count)
    # Its department's totals count its number.
    assert next(line for line in pages["departments/art/index.md"].splitlines() if line.startswith("| **本部门合计**")).endswith(MARK + " |")
    # Every position's table also names its department.
    cells = _cells(_row(pages["positions/index.md"], "designer.md"))
    assert cells[0].endswith(MARK) and cells[1].endswith(MARK), cells
    # Its manager's list of direct reports: the reporting line and the number.
    reports = _row(pages["positions/art-lead.md"], "designer.md")
    assert f"[美工](designer.md){MARK}（5 人{MARK}）" in reports, reports


def test_a_department_s_placement_and_head_are_marked_wherever_they_are_listed(pages: dict[str, str]) -> None:
    listing = _cells(_row(pages["departments/index.md"], "art/index.md"))
    assert listing[1].endswith(MARK) and listing[2].endswith(MARK), listing
    under = _cells(_row(pages["departments/operations/index.md"], "../art/index.md"))
    assert under[0].endswith(MARK) and under[1].endswith(MARK), under
    outline = _row(pages["org-chart.md"], "departments/art/index.md")
    assert outline.count(MARK) >= 3, outline  # its placement, its head, and a total counting the designer's number
    assert MARK in _row(pages["index.md"], "departments/art/index.md")


def test_chart_boxes_carry_the_marker_and_the_chart_explains_it(pages: dict[str, str]) -> None:
    for path in ("departments/art/index.md", "positions/art-lead.md", "positions/designer.md", "org-chart.md", "plans/small.md"):
        chart = re.search(r'<div class="mermaid"[^>]*>(.*?)</div>', pages[path], re.S)
        assert chart and MARKER in chart.group(1), path
        assert f"图中标 {MARKER} 的框" in pages[path], path
    # A box with nothing added has no marker.
    chart = re.search(r'<div class="mermaid"[^>]*>(.*?)</div>', pages["positions/operations-specialist.md"], re.S)
    assert chart and MARKER not in chart.group(1)


def test_plan_figures_are_marked_in_the_plan_the_comparison_and_the_totals(pages: dict[str, str]) -> None:
    cells = _cells(_row(pages["plans/small.md"], "../positions/designer.md"))
    assert cells[0].endswith(MARK) and cells[2].endswith(MARK) and cells[3] == "1–2" + MARK, cells
    total = next(line for line in pages["plans/small.md"].splitlines() if line.startswith("| **合计**"))
    assert MARK in total
    comparison = pages["plans/index.md"]
    assert _cells(_row(comparison, "../positions/designer.md"))[1] == "1–2" + MARK
    assert MARK in next(line for line in comparison.splitlines() if line.startswith("| **合计**"))


def test_the_job_description_stays_clean(pages: dict[str, str]) -> None:
    # What a recruiter pastes into a job board: the designer's own, though its every field is marked.
    shared = [path for path in pages if path.endswith(("jd.txt", "jd.html"))]
    assert "positions/designer/jd.txt" in shared
    for path in shared:
        assert MARK not in pages[path] and MARKER not in pages[path], path


def test_an_undivided_figure_shows_as_undivided_and_counts_once(project: Path) -> None:
    # The sources give one figure for the art lead and the designer together: 3 (say, 美工组，3人).
    plan = (FIXTURES / "basic" / "plans" / "small.yml").read_text("utf-8").replace(
        "  - position: designer\n    headcount: 1\n    max: 2\n",
        "  - position: designer\n    headcount: 3\n    shared_with: [art-lead]\n  - position: art-lead\n    headcount: 3\n    shared_with: [designer]\n")
    apply_files(project / "data", {"plans/small.yml": plan})
    model = build_model(project / "data")
    assert model.plans["small"].total == 1 + 3 and model.plans["small"].shared_groups == (("designer", "art-lead"),)
    pages = {k: html.unescape(v) for k, v in render(model).items()}
    rows = [_cells(_row(pages["plans/small.md"], f"../positions/{p}.md")) for p in ("designer", "art-lead")]
    assert rows[0][3] == "3（与[美工主管](../positions/art-lead.md)合计）" and rows[1][3] == "3（与[美工](../positions/designer.md)合计）"
    comparison = pages["plans/index.md"]
    assert [_cells(_row(comparison, f"../positions/{p}.md"))[1] for p in ("designer", "art-lead")] == ["3（合计）", "3（合计）"]
    assert "[小团队](small.md)：[美工](../positions/designer.md)、[美工主管](../positions/art-lead.md)合计 3 人" in comparison
    assert "|\n\n标“合计”的是" in comparison  # a paragraph of its own, not a row of the table above
    assert "合计 3 人" in re.search(r'<div class="mermaid"[^>]*>(.*?)</div>', pages["plans/small.md"], re.S).group(1)  # type: ignore[union-attr]


def test_a_total_is_marked_only_for_the_figures_it_counts(project: Path) -> None:
    plan = (FIXTURES / "basic" / "plans" / "small.yml").read_text("utf-8").replace(
        "    max: 2\n", "    max: 2\n    reports_to: operations-director\n    added: [reports_to]\n")
    apply_files(project / "data", {"plans/small.yml": plan})
    pages = {k: html.unescape(v) for k, v in render(build_model(project / "data")).items()}
    total = next(line for line in pages["plans/small.md"].splitlines() if line.startswith("| **合计**"))
    assert MARK not in total and _cells(_row(pages["plans/small.md"], "../positions/designer.md"))[2].endswith(MARK)


def test_only_the_generator_writes_the_chart_marker(project: Path) -> None:
    # A title holding the marker's character: shown as written, never taken for a mark.
    designer = (FIXTURES / "basic" / "positions" / "designer.yml").read_text("utf-8").replace("title: 美工\n", "title: 美工†设计\n")
    apply_files(project / "data", {"positions/designer.yml": designer})
    page = render(build_model(project / "data"))["departments/art/index.md"]
    chart = re.search(r'<div class="mermaid"[^>]*>(.*?)</div>', page, re.S)
    assert chart and MARKER not in chart.group(1) and "#8224;" in chart.group(1)
    assert "图中标" not in page
