"""Organisations at the edges of what the schemas accept, one per way a handbook can grow: the inputs whose
cost must stay linear (or be refused in one line). Used by tests/test_bounded_time.py (only catching hangs)
and by make bench (tests/bench.py), which prints what each costs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

_HANDBOOK = "title: 边界测试手册\norganization: 边界测试公司\ndescription: 用来测试规模上限的组织。\n"


def _position(title: str, department: str, reports_to: str | None, extra: str = "") -> str:
    reports = f"reports_to: {reports_to}\n" if reports_to else ""
    return (
        f"title: {title}\ndepartment: {department}\n{reports}level: specialist\nheadcount: 1\n"
        f"summary: 负责直通车与钻展的日常投放。\nresponsibilities:\n  - 负责推广计划的日常执行\n{extra}"
    )


def _start(data: Path, head: str = "p0") -> None:
    if data.exists():
        shutil.rmtree(data)
    (data / "departments").mkdir(parents=True)
    (data / "positions").mkdir()
    (data / "handbook.yml").write_text(_HANDBOOK, "utf-8")
    (data / "departments" / "d.yml").write_text(f"name: 测试部\nhead: {head}\nsummary: 测试。\n", "utf-8")


def reporting_chain(data: Path, length: int) -> None:
    """One line of ``length`` positions, each reporting to the one before."""
    _start(data)
    for i in range(length):
        (data / "positions" / f"p{i}.yml").write_text(_position(f"岗位{i}", "d", f"p{i - 1}" if i else None), "utf-8")


def star(data: Path, size: int) -> None:
    """One manager with ``size - 1`` direct reports, each of which also names the manager as a collaborator."""
    _start(data)
    for i in range(size):
        collaboration = "collaboration:\n  - with: p0\n    on: 每周对齐推广预算\n" if i else ""
        (data / "positions" / f"p{i}.yml").write_text(_position(f"岗位{i}", "d", "p0" if i else None, collaboration), "utf-8")


def glossary(data: Path, terms: int) -> None:
    """A glossary of ``terms`` terms (the schema's cap is 5,000), each with aliases, used by every position."""
    star(data, 100)
    lines = ["terms:"]
    for i in range(terms):
        lines += [f"  - id: t{i}", f"    term: 术语{i:04d}", f"    aliases: [别名{i:04d}, 简称{i:04d}]", f"    definition: 第{i}个术语的定义。"]
    # Positions use the terms, so tooltips and jargon lists have work on every page.
    used = "".join(f"  - 掌握术语{i:04d}与别名{(i * 7) % terms:04d}\n" for i in range(0, terms, max(1, terms // 90)))
    (data / "glossary.yml").write_text("\n".join(lines) + "\n", "utf-8")
    for path in (data / "positions").glob("*.yml"):
        path.write_text(path.read_text("utf-8") + "requirements:\n" + used, "utf-8")


def plans(data: Path, entries: int, count: int = 5) -> None:
    """``count`` staffing plans of ``entries`` positions each (the schema's cap is 1,000 per plan)."""
    star(data, entries)
    (data / "plans").mkdir()
    for k in range(count):
        rows = "".join(f"  - position: p{i}\n    headcount: {1 + (i + k) % 3}\n" for i in range(entries))
        (data / "plans" / f"plan-{k}.yml").write_text(f"name: 方案{k}\nsummary: 第{k}种编制。\npositions:\n{rows}", "utf-8")


def departments(data: Path, depth: int, width: int = 4) -> None:
    """A department tree ``depth`` levels deep, ``width`` wide at the top two levels, then one per level."""
    _start(data, head="p-d")
    (data / "positions" / "p-d.yml").write_text(_position("总经理", "d", None), "utf-8")
    frontier, made = ["d"], 0
    for level in range(depth - 1):
        below = []
        for parent in frontier:
            for _ in range(width if level < 2 else 1):
                dept = f"d{made}"
                made += 1
                (data / "departments" / f"{dept}.yml").write_text(f"name: 部门{made}\nparent: {parent}\nhead: p-{dept}\nsummary: 测试。\n", "utf-8")
                (data / "positions" / f"p-{dept}.yml").write_text(_position(f"负责人{made}", dept, f"p-{parent}"), "utf-8")
                below.append(dept)
        frontier = below


def onboarding(data: Path, size: int) -> None:
    """``size`` positions, each taking the longest onboarding plan accepted: 500 items from the handbook."""
    star(data, size)
    stages = "".join(
        f"    {stage}:\n      tasks:\n" + "".join(f"        - 第{stage}阶段任务{i}：熟悉直通车后台\n" for i in range(50))
        + "      access:\n" + "".join(f"        - 开通系统账号{i}\n" for i in range(50))
        for stage in ("first-day", "first-week", "first-30-days", "first-60-days", "first-90-days")
    )
    with (data / "handbook.yml").open("a", encoding="utf-8") as handbook:
        handbook.write(f"onboarding:\n  stages:\n{stages}")


CLASSES: dict[str, Callable[[Path, int], None]] = {
    "reporting chain": reporting_chain,
    "direct reports and collaborators of one position": star,
    "glossary terms": glossary,
    "plan entries (5 plans)": plans,
    "department depth": departments,
    "positions with the longest onboarding plan": onboarding,
}
"""Each way to grow, by the size parameter its writer takes."""
