"""The public/internal split on the model: what the careers site may show, decided part by part.

The canary fixture holds a string with "canary" in every internal place and "PUBLICOK" in
public ones (tests/fixtures/canary/README.md); the end-to-end check is test_public_site.py.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, apply_files, run_cli
from generator.model.audience import DEFAULT_PUBLIC, PublicMark, for_audience, public_marks, public_view
from generator.pipeline import build_model, generate

CANARY = FIXTURES / "canary"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory):
    # Copied, so that file paths in the model do not hold the fixture's name.
    root = tmp_path_factory.mktemp("audience")
    shutil.copytree(CANARY, root / "data")
    return build_model(root / "data", root=root)


@pytest.fixture
def canary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project holding the canary fixture as data/, as the working directory."""
    shutil.copytree(CANARY, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def _strings(value: object) -> list[str]:
    """Every string a model holds, however deep."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [s for v in value for s in _strings(v)]
    return []


def test_public_view_holds_no_internal_string(model) -> None:
    view = public_view(model)
    leaked = sorted({s for s in _strings(view) if "canary" in s.lower()})
    assert leaked == []
    # …and the check can fail: the internal model is full of them.
    assert len({s for s in _strings(model) if "canary" in s.lower()}) >= 20


def test_public_view_keeps_what_is_public(model) -> None:
    shown = " ".join(_strings(public_view(model)))
    expected = {s for s in _strings(model) for word in s.split() if word.startswith("PUBLICOK")}
    assert expected and all(s in shown for s in expected)


def test_internal_audience_sees_the_model_unchanged(model) -> None:
    assert for_audience(model, "internal") is model


def test_reporting_lines_and_departments_close_over_internal_ones(model) -> None:
    view = public_view(model)
    # store-specialist reports to an internal manager, who reports to the general manager.
    assert model.positions["store-specialist"].reports_to == "canary-manager"
    assert view.positions["store-specialist"].reports_to == "general-manager"
    # studio sits under an internal department, which sits under company.
    assert model.departments["studio"].parent == "canary-lab"
    assert view.departments["studio"].parent == "company"
    assert view.positions["photographer"].reports_to == "general-manager"
    # The store's head is internal: the public site names no head rather than a wrong one.
    assert view.departments["store"].head is None and "head" in view.departments["store"].hidden


def test_entries_marked_internal_or_naming_internal_positions_are_dropped(model) -> None:
    copywriter = public_view(model).positions["copywriter"]
    assert [c.on for c in copywriter.collaboration] == ["Product pages PUBLICOK-COLLABORATION"]
    assert [e.situation for e in copywriter.escalation] == ["Late copy PUBLICOK-ESCALATION"]
    assert copywriter.requirements == () and "requirements" in copywriter.hidden  # internal_fields


def test_headcounts_and_totals_are_unknown_on_the_default_public_site(model) -> None:
    view = public_view(model)
    # Only the one made public (public_fields: [headcount], for the public launch plan).
    assert [p.id for p in view.positions.values() if p.headcount is not None] == ["general-manager"]
    assert view.headcount is None and all(view.total_headcount(d) is None for d in view.departments)
    assert model.headcount == 7925


def test_handbook_public_list_replaces_the_default(model) -> None:
    handbook = dataclasses.replace(model.handbook, public_parts=frozenset({"position.summary", "position.headcount", "department.headcount"}))
    view = public_view(dataclasses.replace(model, handbook=handbook))
    specialist = view.positions["store-specialist"]
    assert specialist.headcount == 7919 and specialist.responsibilities == () and specialist.level in model.levels
    assert "level" in specialist.hidden and "responsibilities" in specialist.hidden
    assert view.glossary == ()  # not listed, so not public
    # Positions were left out, so the whole company's total is not shown even where headcounts are.
    assert view.headcount is None


def test_public_fields_put_a_part_on_the_public_site(model) -> None:
    assert "position.collaboration" not in DEFAULT_PUBLIC
    assert public_view(model).positions["copywriter"].collaboration  # public_fields: [collaboration]
    assert public_view(model).positions["store-specialist"].collaboration == ()


def test_plans_are_internal_unless_made_public(model) -> None:
    assert sorted(public_view(model).plans) == ["launch"]
    assert sorted(model.plans) == ["canary-plan", "launch"]


def test_internal_handbook_marks_what_the_public_site_leaves_out(model) -> None:
    marks = public_marks(model)
    assert marks[("position", "canary-manager")] == PublicMark(whole=True)
    assert marks[("position", "canary-lab-lead")] == PublicMark(whole=True)  # its department is internal
    assert marks[("department", "canary-lab")] == PublicMark(whole=True)
    assert marks[("plan", "canary-plan")] == PublicMark(whole=True)
    assert marks[("plan", "launch")] == PublicMark()
    specialist = marks[("position", "store-specialist")]
    assert specialist.parts == ("kpis", "headcount", "collaboration", "escalation", "tools", "openings", "sources")
    assert specialist.items == 1  # one responsibility marked internal
    copywriter = marks[("position", "copywriter")]
    # requirements by internal_fields; one collaboration and one escalation entry marked, one with an internal position.
    assert copywriter.parts == ("requirements", "headcount") and copywriter.items == 3


def test_pages_say_what_the_public_site_leaves_out(tmp_path: Path) -> None:
    generate(CANARY, tmp_path / "internal", root=tmp_path)
    generate(CANARY, tmp_path / "public", root=tmp_path, audience="public")
    assert "Internal only" in (tmp_path / "internal" / "positions" / "canary-manager.md").read_text("utf-8")
    assert not (tmp_path / "public" / "positions" / "canary-manager.md").exists()
    specialist = (tmp_path / "internal" / "positions" / "store-specialist.md").read_text("utf-8")
    assert "On the public careers site this page leaves out&#58; Key results, Headcount," in specialist
    public_pages = "".join(p.read_text("utf-8") for p in (tmp_path / "public").rglob("*.md"))
    assert "Internal only" not in public_pages and "leaves out" not in public_pages


def test_public_title_and_description_name_the_public_site(model) -> None:
    handbook = public_view(model).handbook
    assert handbook.title == "Harbor Goods careers PUBLICOK-TITLE"
    assert handbook.description == "Roles at Harbor Goods. PUBLICOK-DESCRIPTION"
    assert handbook.sources == ()  # "sources" is not public here


def test_public_plan_naming_an_internal_position_fails_on_its_line(canary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = (canary / "plans" / "launch.yml").read_text("utf-8")
    apply_files(canary, {"plans/launch.yml": plan + "  - position: canary-manager\n    headcount: 1\n"})
    line = plan.count("\n") + 1
    code, out, err = run_cli(capsys, "check")
    assert code == 1 and out == []
    assert err == [
        f"data/plans/launch.yml:{line}:15: positions[1].position: this plan is public, but position 'canary-manager' is internal; "
        "keep the plan internal or make the position public",
        "1 error; nothing was written",
    ]


def test_public_headcount_counting_internal_positions_fails_on_its_line(canary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = (canary / "departments" / "store.yml").read_text("utf-8")
    apply_files(canary, {"departments/store.yml": store + "public_fields:\n  - headcount\n"})
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    line = store.count("\n") + 2  # the list under public_fields
    assert err[0].startswith(f"data/departments/store.yml:{line}:3: public_fields: its headcount is public, but it counts positions whose headcount is not (")
    assert "canary-manager" in err[0] and err[-1] == "1 error; nothing was written"


def test_split_is_checked_on_every_build_not_only_the_public_one(canary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = (canary / "departments" / "store.yml").read_text("utf-8")
    apply_files(canary, {"departments/store.yml": store + "public_fields:\n  - headcount\n"})
    code, _, err = run_cli(capsys, "generate", "--out", "generated")
    assert code == 1 and "its headcount is public" in err[0]
    assert not Path("generated").exists()


def test_visibility_fields_are_checked_against_the_schema(canary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    specialist = (canary / "positions" / "general-manager.yml").read_text("utf-8")
    apply_files(canary, {"positions/general-manager.yml": specialist + "internal_fields:\n  - salary\ninternal: maybe\n"})
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert any("internal_fields[0]" in e and "salary" in e for e in err), err
    assert any(": internal:" in e for e in err), err
