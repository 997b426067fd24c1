"""Every way a handbook can grow, at the size the schemas allow, is handled in bounded time: built, or refused
in one line. The timeouts only catch hangs (a 1,500-long reporting chain once ran past 600 s); what each
costs is printed by make bench, never asserted here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import hostile_orgs
from generator.pipeline import build_model
from generator.site.render import render
from generator.site.tooltips import Tooltips
from generator.model.checks import MAX_DEPARTMENT_DEPTH, MAX_REPORTING_CHAIN

pytestmark = pytest.mark.slow


HANG = 300
"""Seconds after which a run counts as hung: far beyond what any of these takes on a slow machine."""


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, timeout=HANG)


@pytest.mark.parametrize(("kind", "size"), [
    ("reporting chain", MAX_REPORTING_CHAIN),
    ("direct reports and collaborators of one position", 3_000),
    ("glossary terms", 5_000),
    ("plan entries (5 plans)", 1_000),
    ("department depth", MAX_DEPARTMENT_DEPTH),
    ("positions with the longest onboarding plan", 1_000),
])
def test_the_largest_accepted_input_builds(tmp_path: Path, kind: str, size: int) -> None:
    hostile_orgs.CLASSES[kind](tmp_path / "data", size)
    check = _cli(tmp_path, "check")
    assert check.returncode == 0 and check.stdout.startswith("ok: "), check.stderr[-2000:]
    generated = _cli(tmp_path, "generate")
    assert generated.returncode == 0, generated.stderr[-2000:]
    pages = {f.stem for f in (tmp_path / "generated" / "positions").glob("*.md")} - {"index"}
    assert pages == {f.stem for f in (tmp_path / "data" / "positions").glob("*.yml")}


_CHAIN_TOO_LONG = "reports_to: the reporting line from the top to this position is {n} positions long; at most {limit} are supported"


def _plans_everywhere(data: Path) -> None:
    hostile_orgs.departments(data, MAX_DEPARTMENT_DEPTH, width=1)
    stages = "".join(f"    {stage}:\n      tasks:\n" + "".join(f"        - 任务{i}\n" for i in range(50))
                     for stage in ("first-day", "first-week", "first-30-days", "first-60-days", "first-90-days"))
    for dept in (data / "departments").glob("*.yml"):
        with dept.open("a", encoding="utf-8") as f:
            f.write(f"onboarding:\n  stages:\n{stages}")


@pytest.mark.parametrize(("write", "lines"), [
    (lambda data: hostile_orgs.reporting_chain(data, 1_500), [
        f"data/positions/p{MAX_REPORTING_CHAIN}.yml:3:13: " + _CHAIN_TOO_LONG.format(n=MAX_REPORTING_CHAIN + 1, limit=MAX_REPORTING_CHAIN),
    ]),
    # Each department's head reports to the head above, so its reporting line is as long as the nesting.
    (lambda data: hostile_orgs.departments(data, 1_500, width=1), [
        f"data/departments/d{MAX_DEPARTMENT_DEPTH - 1}.yml:2:9: parent: departments nest {MAX_DEPARTMENT_DEPTH + 1} levels deep here; "
        f"at most {MAX_DEPARTMENT_DEPTH} are supported",
        f"data/positions/p-d{MAX_REPORTING_CHAIN - 1}.yml:3:13: " + _CHAIN_TOO_LONG.format(n=MAX_REPORTING_CHAIN + 1, limit=MAX_REPORTING_CHAIN),
    ]),
    # 250 items in every department of a chain: the third is the first past 500, and the branch is said once.
    (lambda data: _plans_everywhere(data), [
        "data/departments/d1.yml:5:1: onboarding: the onboarding plan of this department's positions has 750 items with the handbook's "
        "and the departments' above; at most 500 are supported",
    ]),
], ids=["reporting chain", "department depth", "onboarding plan"])
def test_past_the_limit_is_one_line_per_branch(tmp_path: Path, write, lines: list[str]) -> None:
    write(tmp_path / "data")
    check = _cli(tmp_path, "check")
    assert (check.returncode, check.stdout) == (1, "")
    count = len(lines)
    assert check.stderr.splitlines() == [*lines, f"{count} error{'s' if count > 1 else ''}; nothing was written"]


def test_tooltips_for_the_largest_glossary_on_every_page(tmp_path: Path) -> None:
    # An alternation of 15,000 spellings was tried at every position of every page.
    hostile_orgs.glossary(tmp_path / "data", 5_000)
    model = build_model(tmp_path / "data", root=tmp_path)
    pages = render(model)
    tooltips = Tooltips(model.glossary)
    wrapped = [tooltips.add(f"<p>{pages[f'positions/{pos_id}.md']}</p>") for pos_id in model.positions]
    assert len(wrapped) == 100 and all(page.count("<abbr data-term=") > 90 for page in wrapped)
