"""Rendering: stable paths and anchors, byte-identical output, and the CLI's all-or-nothing writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.source.load import load
from generator.site.render import render
from generator.urls import page_url
from generator.model.build import validate

from conftest import FIXTURES, apply_files, run_cli


def test_pages_and_urls() -> None:
    pages = render(validate(load(FIXTURES / "basic")))
    assert sorted(pages) == [
        "about.md",
        "departments/art/index.md",
        "departments/company/index.md",
        "departments/index.md",
        "departments/operations/index.md",
        "glossary.md",
        "index.md",
        "openings.md",
        "org-chart.md",
        "plans/index.md",
        "plans/small.md",
        "positions/art-lead.md",
        "positions/art-lead/jd.html",
        "positions/art-lead/jd.txt",
        "positions/designer.md",
        "positions/designer/jd.html",
        "positions/designer/jd.txt",
        "positions/general-manager.md",
        "positions/general-manager/jd.html",
        "positions/general-manager/jd.txt",
        "positions/index.md",
        "positions/operations-director.md",
        "positions/operations-director/jd.html",
        "positions/operations-director/jd.txt",
        "positions/operations-specialist.md",
        "positions/operations-specialist/jd.html",
        "positions/operations-specialist/jd.txt",
        "sources.md",
    ]
    assert page_url("positions/designer.md") == "positions/designer/"
    assert page_url("departments/art/index.md") == "departments/art/"
    assert page_url("index.md") == ""


def test_position_page_has_fixed_ascii_anchors() -> None:
    page = render(validate(load(FIXTURES / "basic")))["positions/operations-director.md"]
    for anchor in ["responsibilities", "requirements", "kpis", "collaboration", "escalation", "tools", "reporting-line"]:
        assert f"{{#{anchor}}}" in page
    # Sections that repeat other text stay out of the search index, keeping their anchors.
    for anchor in ["onboarding", "sources"]:
        assert f'{{#{anchor} data-search-exclude="true"}}' in page
    assert page.startswith('---\ntitle: "运营总监"\n')
    assert "[总经理](general-manager.md)" in page
    assert "| [美工主管](art-lead.md) | 店铺整体风格 |" in page
    assert "| 预算超支 | 推广费超出预算 | [总经理](general-manager.md) |" in page


def test_department_page_rolls_up_headcount() -> None:
    page = render(validate(load(FIXTURES / "basic")))["departments/operations/index.md"]
    assert "| **本部门合计** | | | **3** |" in page
    assert "| **含下属部门合计** | | | **9** |" in page


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    # A second copy whose files are created in the opposite order must give the same pages.
    other = tmp_path / "copy"
    other.mkdir()
    for src in sorted((FIXTURES / "basic").rglob("*"), reverse=True):
        dest = other / src.relative_to(FIXTURES / "basic")
        if src.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    # Both copies are outside git: the fixture in this repository would add commit dates.
    first = tmp_path / "first"
    shutil.copytree(FIXTURES / "basic", first)
    a = render(validate(load(first)))
    b = render(validate(load(other)))
    assert a == b
    assert render(validate(load(first))) == a


def test_failed_generate_leaves_previous_output_untouched(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "generate")[0] == 0
    out = project / "generated"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    apply_files(project / "data", {"positions/designer.yml": "title: [broken\n", "positions/art-lead.yml": None})
    code, _, err = run_cli(capsys, "generate")
    assert code == 1
    assert all("Traceback" not in line for line in err)
    assert err[-1] == "3 errors; nothing was written"
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_noop_generate_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "generate")[1] == ["generated 28 changed, 0 removed, 0 unchanged files in generated"]
    assert run_cli(capsys, "generate")[1] == ["generated 0 changed, 0 removed, 28 unchanged files in generated"]


def test_position_page_has_onboarding_built_from_data() -> None:
    page = render(validate(load(FIXTURES / "basic")))["positions/operations-director.md"]
    section = page[page.index("## 入职指引 {#onboarding") : page.index("## 资料来源")]
    assert "上级 [总经理](general-manager.md)" in section
    assert "协作同事 [美工主管](art-lead.md)" in section
    assert "预算超支找[总经理](general-manager.md)" in section
    assert "[转化率](../glossary.md#conversion-rate)" in section


def test_plan_pages_total_ranges_and_compare() -> None:
    pages = render(validate(load(FIXTURES / "basic")))
    assert "**总编制**：2–3 人" in pages["plans/small.md"]
    # The chart's relation (designer under the director in this plan) is in the table too.
    assert (
        "| [美工](../positions/designer.md) | [美工组](../departments/art/index.md) | [运营总监](../positions/operations-director.md) | 1–2 | 视销量增加 |"
        in pages["plans/small.md"]
    )
    assert "| [美工](../positions/designer.md) | 1–2 |" in pages["plans/index.md"]


def test_sources_page_lists_every_source_with_its_citations() -> None:
    page = render(validate(load(FIXTURES / "basic")))["sources.md"]
    assert "## 资料甲 {#seed-a}" in page
    assert "[运营总监](positions/operations-director.md)" in page and "[小团队](plans/small.md)" in page


def test_contacts_include_who_names_you_once() -> None:
    model = validate(load(FIXTURES / "basic"))
    assert [p.id for p in model.contacts(model.positions["art-lead"])] == ["operations-director"]
    assert [p.id for p in model.contacts(model.positions["operations-director"])] == ["art-lead"]
    page = render(model)["positions/art-lead.md"]
    assert "协作同事 [运营总监](operations-director.md)" in page


def test_former_ids_lead_to_the_renamed_page_keeping_the_anchor(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "basic", data)
    for rel, old in (("positions/designer.yml", "visual-designer"), ("departments/art.yml", "design-team")):
        path = data / rel
        path.write_text(path.read_text("utf-8") + f"former_ids:\n  - {old}\n", "utf-8")
    pages = render(validate(load(data)))
    page = pages["positions/visual-designer/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../designer/">' in page
    assert '<script>location.replace("../designer/" + location.hash);</script>' in page
    assert "<title>美工</title>" in page
    assert 'href="../art/"' in pages["departments/design-team/index.html"]
