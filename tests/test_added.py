"""`added:` in the data: what the compiler of a handbook added rather than took from its sources says so on the page."""

from __future__ import annotations

import html
from pathlib import Path

from conftest import FIXTURES, apply_files, run_cli
from generator.model.audience import public_view
from generator.pipeline import build_model
from generator.site.render import render

MARK = "（整理补充）"
NOTE = "标有“整理补充”的内容不是资料原文所述"
TOTALS = "其中有的岗位编制是整理时补充的"

DIRECTOR = """title: 运营总监
department: operations
reports_to: general-manager
level: director
headcount: 1
added:
  - headcount
  - reports_to
summary: 运营负责人。
responsibilities:
  - 制定运营计划
  - text: 复盘每月运营数据
    added: true
kpis:
  - 转化率
collaboration:
  - with: art-lead
    on: 店铺整体风格
escalation:
  - situation: 预算超支
    when: 推广费超出预算
    to: general-manager
    added: true
sources:
  - seed-a
"""


def _pages(project: Path) -> dict[str, str]:
    apply_files(project / "data", {"positions/operations-director.yml": DIRECTOR})
    return {k: html.unescape(v) for k, v in render(build_model(project / "data")).items()}


def _line(page: str, start: str) -> str:
    return next(line for line in page.splitlines() if line.startswith(start))


def test_marked_values_say_so_where_they_stand(project: Path) -> None:
    page = _pages(project)["positions/operations-director.md"]
    assert _line(page, "- **编制**").endswith("1 人" + MARK)
    assert _line(page, "- **汇报对象**").endswith(MARK)
    assert not _line(page, "- **职级**").endswith(MARK)
    assert "1. 复盘每月运营数据" + MARK in page and "1. 制定运营计划\n" in page
    assert "| 预算超支 | 推广费超出预算 | [总经理](general-manager.md)" + MARK + " |" in page
    assert "店铺整体风格 |" in page and "店铺整体风格" + MARK not in page
    assert NOTE in page[page.index("## 资料来源"):]
    # Nothing marked, nothing said.
    plain = {k: html.unescape(v) for k, v in render(build_model(FIXTURES / "basic")).items()}["positions/designer.md"]
    assert MARK not in plain and NOTE not in plain
    # The designer's page shows the director's added reporting line in its chain: marked there too.
    assert "[运营总监](operations-director.md)" + MARK + " → " in _pages(project)["positions/designer.md"]


def test_totals_that_count_an_added_headcount_say_so(project: Path) -> None:
    pages = _pages(project)
    assert TOTALS in pages["index.md"] and TOTALS in pages["positions/index.md"] and TOTALS in pages["departments/index.md"]
    assert _line(pages["departments/operations/index.md"], "- **编制**").endswith(MARK)  # counts the director
    assert not _line(pages["departments/art/index.md"], "- **编制**").endswith(MARK)  # does not
    assert NOTE in pages["sources.md"] and TOTALS in pages["sources.md"]
    unmarked = {k: html.unescape(v) for k, v in render(build_model(FIXTURES / "basic")).items()}
    assert not any(MARK in text or TOTALS in text or NOTE in text for text in unmarked.values())


def test_plan_figures_and_department_fields(project: Path) -> None:
    apply_files(project / "data", {
        "plans/small.yml": (FIXTURES / "basic" / "plans" / "small.yml").read_text("utf-8").replace(
            "    max: 2\n", "    max: 2\n    added:\n      - max\n"),
        "departments/art.yml": (FIXTURES / "basic" / "departments" / "art.yml").read_text("utf-8").replace(
            "head: art-lead\n", "head: art-lead\nadded:\n  - head\n").replace("  - 图片制作\n", "  - 图片制作\n  - text: 拍摄商品\n    added: true\n"),
    })
    pages = {k: html.unescape(v) for k, v in render(build_model(project / "data")).items()}
    assert "| 1–2" + MARK + " |" in pages["plans/small.md"] and NOTE in pages["plans/small.md"]
    dept = pages["departments/art/index.md"]
    assert _line(dept, "- **负责岗位**").endswith(MARK) and "1. 拍摄商品" + MARK in dept and "1. 图片制作\n" in dept


def test_the_public_site_keeps_the_marks(project: Path) -> None:
    apply_files(project / "data", {"positions/operations-director.yml": DIRECTOR})
    public = {k: html.unescape(v) for k, v in render(public_view(build_model(project / "data"))).items()}
    page = public["positions/operations-director.md"]
    assert "1. 复盘每月运营数据" + MARK in page and _line(page, "- **汇报对象**").endswith(MARK)


def test_unknown_added_field_is_an_error(project: Path, capsys) -> None:
    apply_files(project / "data", {"positions/designer.yml": (FIXTURES / "basic" / "positions" / "designer.yml").read_text("utf-8") + "added:\n  - salary\n"})
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert err[0].startswith("data/positions/designer.yml:10:5: added[0]: 'salary' is not one of: position, department, reports_to, level, headcount, summary, other_titles")


def test_an_item_the_sources_give_no_one_says_its_owner_was_chosen(project: Path) -> None:
    director = DIRECTOR.replace("  - 制定运营计划\n", "  - text: 制定运营计划\n    placed: true\n")
    apply_files(project / "data", {"positions/operations-director.yml": director})
    model = build_model(project / "data")
    page = html.unescape(render(model)["positions/operations-director.md"])
    assert "1. 制定运营计划（归属为整理补充）" in page and "1. 复盘每月运营数据" + MARK in page
    assert "归属为整理补充”的条目出自资料" in page[page.index("## 资料来源"):]
    public = html.unescape(render(public_view(model))["positions/operations-director.md"])
    assert "1. 制定运营计划（归属为整理补充）" in public
    from generator.review.compare import position_changes

    before = build_model(FIXTURES / "basic")
    changes = {c.field: c for c in position_changes(before, model, before.positions["operations-director"], model.positions["operations-director"])}
    assert changes["placed"].added == ["responsibilities: 制定运营计划"]
