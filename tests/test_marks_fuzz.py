"""Random combinations of the marks the schemas accept, on an organisation with every kind of relation:
each builds both sites, or is refused in clean one-line errors; no traceback, no page that calls a cut
line the top or shows a placeholder for a hidden value. Seeded: HANDBOOK_FUZZ_SEED, HANDBOOK_MARKS_COUNT."""

from __future__ import annotations

import json
import os
import re
import random
import shutil
from pathlib import Path

import pytest
import yaml

from generator.errors import DataErrors
from generator.pipeline import generate
from generator.source.yamlsource import parse

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


SEED = int(os.environ.get("HANDBOOK_FUZZ_SEED", "20261202"))
COUNT = int(os.environ.get("HANDBOOK_MARKS_COUNT", "120"))
_SCHEMAS = ROOT / "generator" / "schemas"


def _enum(schema: str, field: str) -> list[str]:
    return json.loads((_SCHEMAS / f"{schema}.schema.json").read_text("utf-8"))["properties"][field]["items"]["enum"]


POSITION_PARTS = _enum("position", "public_fields")
DEPARTMENT_PARTS = _enum("department", "public_fields")
HANDBOOK_PARTS = _enum("handbook", "public")
POSITION_ADDED = _enum("position", "added")
DEPARTMENT_ADDED = _enum("department", "added")
TOP = {"position": ("top of the organisation", "组织最高岗位", "组织的最高岗位"), "department": ("top-level department", "一级部门")}
"""What a page says of an item with nothing above it: false, and a hint, on the page of one whose line was cut."""
LONE_MARK = re.compile(r"(?m)^\s*(?:&#40;added&#41;|（整理补充）)\s*$")
"""An added mark standing where its value was hidden."""


def _marks(rng: random.Random, data: dict, parts: list[str], added: list[str]) -> dict:
    # Sparse, as in real data: most items carry no mark, so that many combinations build.
    if rng.random() < 0.06:
        data["internal"] = rng.random() < 0.7
    for key in ("internal_fields", "public_fields"):
        if rng.random() < 0.12:
            data[key] = rng.sample(parts, rng.randint(1, 2))
    if rng.random() < 0.3:
        data["added"] = rng.sample(added, rng.randint(1, 2))
    for key in ("responsibilities", "functions", "requirements"):
        if key in data and rng.random() < 0.2:
            data[key] = [{"text": t, "internal": rng.random() < 0.5, "added": rng.random() < 0.5} if isinstance(t, str) else t for t in data[key]]
    return data


def _load(path: Path) -> dict:
    # The handbook's own reader: PyYAML's would read the key "on" of collaboration entries as true.
    doc, errors = parse(path.read_text("utf-8"), path.name)
    assert doc is not None, errors
    return doc.data


def _mutate(source: Path, target: Path, rng: random.Random) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    # The hand-written pages beside the data, which its onboarding plans may ask to read.
    docs = target.parent / "docs"
    if (source.parent / "docs").is_dir() and not docs.exists():
        shutil.copytree(source.parent / "docs", docs)
    handbook = _load(target / "handbook.yml")
    if rng.random() < 0.7:
        handbook["public"] = rng.sample(HANDBOOK_PARTS, rng.randint(0, len(HANDBOOK_PARTS) // 2))
    (target / "handbook.yml").write_text(yaml.safe_dump(handbook, allow_unicode=True), "utf-8")
    for kind, parts, added in (("positions", POSITION_PARTS, POSITION_ADDED), ("departments", DEPARTMENT_PARTS, DEPARTMENT_ADDED)):
        for path in (target / kind).glob("*.yml"):
            data = _marks(rng, _load(path), parts, added)
            path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for path in (target / "plans").glob("*.yml"):
        plan = _load(path)
        if rng.random() < 0.5:
            plan["internal"] = rng.random() < 0.5
        path.write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")


def _hints(data: Path, public: Path) -> list[str]:
    """Return the public pages that call a cut line the top, or show an added mark with nothing beside it."""
    problems = []
    for kind, above in (("position", "reports_to"), ("department", "parent")):
        for source in (data / f"{kind}s").glob("*.yml"):
            page = public / f"{kind}s" / (f"{source.stem}.md" if kind == "position" else f"{source.stem}/index.md")
            if page.is_file() and above in _load(source) and any(w in page.read_text("utf-8") for w in TOP[kind]):
                problems.append(f"{page.relative_to(public)}: called the top")
    problems += [f"{p.relative_to(public)}: a lone added mark" for p in public.rglob("*.md") if LONE_MARK.search(p.read_text("utf-8"))]
    return problems


@pytest.mark.parametrize("fixture", ["canary", "orgs/tricky-zh/data"])
def test_any_combination_of_marks_builds_both_sites_or_is_refused_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: str) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-06-15")
    monkeypatch.chdir(tmp_path)
    rng = random.Random(f"{SEED}-{fixture}")
    outcomes = {"built": 0, "refused": 0}
    for n in range(COUNT):
        data = tmp_path / "data"
        _mutate(FIXTURES / fixture, data, rng)
        try:
            for audience in ("internal", "public"):
                generate(data, tmp_path / audience, root=tmp_path, audience=audience)
        except DataErrors as exc:
            lines = exc.lines()
            assert lines and all(line.startswith("data/") and "\n" not in line for line in lines), (n, lines)
            outcomes["refused"] += 1
            continue
        assert _hints(data, tmp_path / "public") == [], n
        outcomes["built"] += 1
    # Both paths are exercised: many combinations build, many are refused. (About a fifth of the canary's
    # random combinations build; the bound leaves room for the stream to change when the schemas' enums do.)
    assert outcomes["built"] > COUNT // 10 and outcomes["refused"] > COUNT // 10, outcomes
