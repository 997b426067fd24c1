"""Onboarding plans: inheritance and override, the stage scheme, the public view, the pages, the role diff, the starter."""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES
from generator.adopt import _write_starter
from generator.errors import DataErrors
from generator.model.audience import public_view
from generator.model.onboarding import CHECKABLE
from generator.model.org import OrgModel
from generator.model.records import Position
from generator.pipeline import build_model
from generator.review.compare import position_changes
from generator.site.render import render


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + textwrap.dedent(text).lstrip("\n"), "utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The basic fixture (company → operations → art) with a plan at every level, and two hand-written pages."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "basic", folder)
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "docs" / "guide" / "welcome.md").write_text("# 欢迎 <新人>\n\n内部页面。\n", "utf-8")
    (tmp_path / "docs" / "open.md").write_text("---\npublic: true\n---\n# 公开须知\n", "utf-8")
    _append(folder / "handbook.yml", """
        onboarding:
          sources: [seed-a]
          stages:
            first-week:
              tasks: [熟悉流程]
            first-day:
              tasks:
                - 领取电脑
                - text: 读欢迎页
                  page: guide/welcome.md
                - text: 读公开须知
                  page: open.md
              meet: [general-manager]
              access:
                - text: 开通财务系统
                  internal: true
    """)
    _append(folder / "departments" / "operations.yml", """
        onboarding:
          stages:
            first-30-days:
              goals: [独立上新]
            first-day:
              tasks: [领取电脑, 参加运营例会]
              meet:
                - position: operations-director
                  why: 了解本月目标
    """)
    _append(folder / "departments" / "art.yml", """
        onboarding:
          stages:
            first-week:
              inherit: false
              added: true
              tasks:
                - text: 学习设计规范
                  added: true
    """)
    return folder


def html_text(html: str) -> str:
    """Return what a browser shows of ``html``: the tags gone, the entities decoded."""
    return htmllib.unescape(re.sub(r"<[^>]*>", "", html))


def _plan(pos: Position) -> dict[str, dict[str, list[str]]]:
    """Return a position's plan as stage id → list → item texts (the target for links without text)."""
    return {s.id: {kind: [i.text or i.link[1] for i in items] for kind, items in s.lists()} for s in pos.onboarding}  # type: ignore[index]


def test_levels_add_up_in_stage_order_and_a_stage_can_start_afresh(data: Path) -> None:
    model = build_model(data)
    designer = _plan(model.positions["designer"])
    assert list(designer) == ["first-day", "first-week", "first-30-days"]  # the scheme's order, not the files'
    # The handbook's items, then the departments' from the top; an item restated lower down counts once.
    assert designer["first-day"] == {"tasks": ["领取电脑", "读欢迎页", "读公开须知", "参加运营例会"],
                                     "meet": ["general-manager", "了解本月目标"], "access": ["开通财务系统"]}
    assert designer["first-week"] == {"tasks": ["学习设计规范"]}  # art's inherit: false replaced the handbook's
    assert designer["first-30-days"] == {"goals": ["独立上新"]}
    assert [s.added for s in model.positions["designer"].onboarding] == [False, True, False]
    assert model.positions["designer"].onboarding_sources == ("seed-a",)
    # A plan of the handbook asks everyone to meet the general manager, except the general manager.
    manager = _plan(model.positions["general-manager"])
    assert "meet" not in manager["first-day"] and manager["first-week"] == {"tasks": ["熟悉流程"]}


def test_a_position_adds_to_its_plan_or_replaces_it(data: Path) -> None:
    _append(data / "positions" / "operations-specialist.yml", """
        onboarding:
          stages:
            first-day:
              tasks: [领取电脑, 认识美工]
    """)
    _append(data / "positions" / "art-lead.yml", """
        onboarding:
          inherit: false
          stages:
            first-60-days:
              goals: [带好新人]
    """)
    model = build_model(data)
    assert _plan(model.positions["operations-specialist"])["first-day"]["tasks"] == ["领取电脑", "读欢迎页", "读公开须知", "参加运营例会", "认识美工"]
    assert _plan(model.positions["art-lead"]) == {"first-60-days": {"goals": ["带好新人"]}}
    assert model.positions["art-lead"].onboarding_sources == ()  # the handbook's plan and its source are not taken


@pytest.mark.parametrize(("language", "first"), [("zh", "入职第一天"), ("en", "First day")])
def test_default_stages_are_named_in_the_interface_language(data: Path, language: str, first: str) -> None:
    _append(data / "handbook.yml", f"language: {language}\n")
    model = build_model(data)
    assert model.positions["designer"].onboarding[0].name == first
    pages = render(model)
    assert f"## {first} {{#first-day}}" in pages["positions/designer/onboarding.md"]


def test_a_company_names_its_own_stages(data: Path) -> None:
    text = (data / "handbook.yml").read_text("utf-8").replace("first-30-days", "probation").replace("first-week", "week-one")
    (data / "handbook.yml").write_text(text + "onboarding_stages:\n  - {id: first-day, name: 报到}\n  - {id: week-one, name: 第一周}\n"
                                       "  - {id: probation, name: 试用期}\n", "utf-8")
    for dept in ("operations", "art"):
        path = data / "departments" / f"{dept}.yml"
        path.write_text(path.read_text("utf-8").replace("first-30-days", "probation").replace("first-week", "week-one"), "utf-8")
    model = build_model(data)
    assert [(s.id, s.name) for s in model.positions["designer"].onboarding] == [("first-day", "报到"), ("week-one", "第一周"), ("probation", "试用期")]


def _rendered(model: OrgModel) -> dict[str, str]:
    return render(model)


def test_pages_list_the_plan_and_the_checklist_ticks_every_item_once(data: Path) -> None:
    model = build_model(data)
    pages = _rendered(model)
    designer = model.positions["designer"]
    page = pages["positions/designer/onboarding.md"]
    keys = re.findall(r'data-key="([0-9a-f]{12})"', page)
    assert len(keys) == len(set(keys)) == sum(len(items) for s in designer.onboarding for kind, items in s.lists() if kind in CHECKABLE)
    assert "](../../../guide/welcome.md)" not in page and "[欢迎 &lt;新人&gt;](../../guide/welcome.md)" not in page
    assert "[读欢迎页](../../guide/welcome.md)" in page  # a hand-written page, relative to the checklist
    assert "](../operations-director.md)" in page and "了解本月目标" in page
    assert "{#first-weeks" in pages["positions/designer.md"] and "学习设计规范" in pages["positions/designer.md"]
    assert "](designer/onboarding.md)" in pages["positions/designer.md"]
    index = pages["onboarding/index.md"]
    assert all(f"](../positions/{p}/onboarding.md)" in index for p in model.positions)
    assert "](onboarding/index.md)" in pages["index.md"]


def test_a_tick_stays_with_its_item_when_the_plan_around_it_changes(data: Path) -> None:
    before = re.findall(r'data-key="(\w+)"> 参加运营例会', _rendered(build_model(data))["positions/designer/onboarding.md"])
    path = data / "departments" / "operations.yml"
    path.write_text(path.read_text("utf-8").replace("tasks: [领取电脑, 参加运营例会]", "tasks: [先看看, 领取电脑, 参加运营例会]"), "utf-8")
    after = re.findall(r'data-key="(\w+)"> 参加运营例会', _rendered(build_model(data))["positions/designer/onboarding.md"])
    assert before == after and len(before) == 1


def test_without_plans_there_are_no_checklists_and_the_anchor_stays(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "basic", tmp_path / "data")
    pages = render(build_model(tmp_path / "data"))
    assert not any("onboarding" in path for path in pages)
    assert '<div id="first-weeks" class="hb-anchor"></div>' in pages["positions/designer.md"]


def test_onboarding_is_internal_by_default(data: Path) -> None:
    public = public_view(build_model(data))
    assert all(not p.onboarding for p in public.positions.values())
    pages = render(public)
    assert not any("onboarding" in path for path in pages)
    assert "{#first-weeks" not in pages["positions/designer.md"] and 'id="first-weeks"' in pages["positions/designer.md"]


def test_a_public_plan_drops_internal_items_and_links_to_what_the_public_site_hides(data: Path) -> None:
    _append(data / "handbook.yml", """
        public: [position.summary, position.responsibilities, position.onboarding, department.summary]
    """)
    _append(data / "positions" / "operations-director.yml", "internal: true\n")
    public = public_view(build_model(data))
    designer = _plan(public.positions["designer"])
    assert designer["first-day"] == {"tasks": ["领取电脑", "读欢迎页", "读公开须知", "参加运营例会"], "meet": ["general-manager"]}
    links = {i.text: i.link for s in public.positions["designer"].onboarding for _, items in s.lists() for i in items}
    # The internal page's task stays as text; the public page keeps its link; the internal position's meeting goes.
    assert links["读欢迎页"] is None and links["读公开须知"] == ("page", "open.md")
    assert public.positions["designer"].onboarding_sources == ()  # sources are not public here
    page = render(public)["positions/designer/onboarding.md"]
    assert "开通财务系统" not in page and "了解本月目标" not in page and "welcome.md" not in page


def test_data_text_arrives_as_text(data: Path) -> None:
    hostile = '<script>alert(1)</script> [x](javascript:alert(1)) *a* `b` {#id} <img src=x onerror=alert(1)>'
    _append(data / "positions" / "designer.yml", f"""
        onboarding:
          stages:
            first-day:
              tasks: [{json.dumps(hostile)}]
              meet:
                - position: art-lead
                  why: {json.dumps(hostile)}
    """)
    pages = render(build_model(data))
    for path in ("positions/designer/onboarding.md", "positions/designer.md"):
        html = markdown.markdown(pages[path].split("---\n", 2)[2], extensions=["attr_list", "tables"])
        assert "<script" not in html and "<img" not in html and 'href="javascript' not in html, path
        assert hostile in html_text(html), path  # shown as written


def test_a_renamed_position_forwards_its_checklist(data: Path) -> None:
    _append(data / "positions" / "designer.yml", "former_ids: [artist]\n")
    page = render(build_model(data))["positions/artist/onboarding/index.html"]
    assert "../../designer/onboarding/" in page


def test_the_role_diff_reports_what_changed_in_each_roles_plan(data: Path) -> None:
    old = build_model(data)
    path = data / "handbook.yml"
    path.write_text(path.read_text("utf-8").replace("tasks: [熟悉流程]", "tasks: [熟悉流程, 熟悉工具]"), "utf-8")
    new = build_model(data)
    changes = position_changes(old, new, old.positions["general-manager"], new.positions["general-manager"])
    assert [(c.field, c.name, c.added) for c in changes] == [("onboarding.tasks", "第一周", ["熟悉工具"])]
    # The art department's own first week replaced the handbook's: its positions' pages do not change.
    assert position_changes(old, new, old.positions["designer"], new.positions["designer"]) == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_starters_commented_examples_are_valid_once_uncommented(tmp_path: Path, language: str) -> None:
    folder = tmp_path / "data"
    _write_starter(folder, "星海" if language == "zh" else "Northwind", language)
    found = 0
    for path in folder.rglob("*.yml"):
        lines, inside = [], False
        for line in path.read_text("utf-8").splitlines():
            if re.match(r"# onboarding(_stages)?:", line):
                inside, found = True, found + 1
            elif inside and not line.startswith("#   "):
                inside = False
            lines.append(line[2:] if inside else line)
        path.write_text("\n".join(lines) + "\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "welcome.md").write_text("# Welcome\n", "utf-8")
    model = build_model(folder)
    assert found == 4  # the stage scheme and the plans of the handbook, the department and a position
    assert any(p.onboarding for p in model.positions.values())


def test_a_plan_past_the_limit_is_refused_on_the_file_that_makes_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "basic", folder)

    def stages(prefix: str) -> str:
        return "".join(f"    {stage}:\n      tasks:\n" + "".join(f"        - {prefix}{stage}{i}\n" for i in range(50))
                       for stage in ("first-day", "first-week", "first-30-days", "first-60-days", "first-90-days"))

    _append(folder / "handbook.yml", "onboarding:\n  stages:\n" + stages("全员"))
    _append(folder / "positions" / "designer.yml", "onboarding:\n  stages:\n" + stages("美工") + "      access: [设计软件]\n")
    with pytest.raises(DataErrors) as caught:
        build_model(folder)
    lines = caught.value.lines()
    assert len(lines) == 1 and lines[0].endswith(
        "positions/designer.yml:9:1: onboarding: this position's onboarding plan has 501 items with what it inherits; at most 500 are supported"
    )


def test_one_item_written_twice_is_public_unless_every_level_keeps_it_internal(data: Path) -> None:
    _append(data / "handbook.yml", "public: [position.summary, position.responsibilities, position.onboarding]\n")
    path = data / "handbook.yml"
    path.write_text(path.read_text("utf-8").replace("meet: [general-manager]", "meet:\n        - {position: art-lead, internal: true}"), "utf-8")
    _append(data / "positions" / "designer.yml", """
        onboarding:
          stages:
            first-day:
              meet: [art-lead]
              tasks:
                - {text: 领取电脑, added: true}
    """)
    model = build_model(data)
    meet = model.positions["designer"].onboarding[0].meet
    tasks = {i.text: i for i in model.positions["designer"].onboarding[0].tasks}
    assert [(i.link, i.internal) for i in meet] == [(("position", "art-lead"), False), (("position", "operations-director"), False)]
    assert tasks["领取电脑"].added  # restated as added: marked
    assert [i.link for i in public_view(model).positions["designer"].onboarding[0].meet] == [("position", "art-lead"), ("position", "operations-director")]
    # Only the operations specialist writes nothing: there the handbook's internal meeting stays internal.
    assert all(i.link != ("position", "art-lead") for i in public_view(model).positions["operations-specialist"].onboarding[0].meet)


def test_a_tool_shows_on_the_public_site_only_where_the_role_lists_it_publicly(data: Path) -> None:
    _append(data / "handbook.yml", "public: [position.summary, position.responsibilities, position.tools, position.onboarding]\n")
    _append(data / "positions" / "designer.yml", """
        tools:
          - Photoshop
          - {text: 内部素材库, internal: true}
        onboarding:
          stages:
            first-day:
              access:
                - {text: 开通素材库, tool: 内部素材库}
                - {text: 安装软件, tool: Photoshop}
    """)
    access = {i.text: i.link for i in public_view(build_model(data)).positions["designer"].onboarding[0].access}
    assert access == {"开通素材库": None, "安装软件": ("tool", "Photoshop")}
    assert "内部素材库" not in render(public_view(build_model(data)))["positions/designer/onboarding.md"]


def test_a_plan_past_the_limit_for_everyone_is_one_line_on_handbook_yml(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "basic", folder)
    stages = "".join(f"    {stage}:\n      tasks:\n" + "".join(f"        - 任务{i}\n" for i in range(50)) + "      access:\n"
                     + "".join(f"        - 账号{i}\n" for i in range(50)) for stage in ("first-day", "first-week", "first-30-days", "first-60-days"))
    stages += "    first-90-days:\n      goals:\n" + "".join(f"        - 目标{i}\n" for i in range(50))
    stages += "      tasks:\n" + "".join(f"        - 收尾{i}\n" for i in range(50)) + "      access: [最后一个账号]\n"
    _append(folder / "handbook.yml", "onboarding:\n  stages:\n" + stages)
    with pytest.raises(DataErrors) as caught:
        build_model(folder)
    lines = caught.value.lines()
    assert len(lines) == 1 and lines[0].endswith("handbook.yml:7:1: onboarding: the onboarding plan every position takes has 501 items; at most 500 are supported")


def test_a_page_to_read_is_a_plain_path(data: Path) -> None:
    _append(data / "positions" / "designer.yml", """
        onboarding:
          stages:
            first-day:
              read:
                - page: "a.md){onclick=alert(1)}(b.md"
    """)
    with pytest.raises(DataErrors) as caught:
        build_model(data)
    assert "is not a page under docs/" in caught.value.lines()[0]


def test_the_role_diff_reads_the_pages_beside_the_data_at_each_revision(data: Path) -> None:
    from generator.pipeline import role_diff

    root = data.parent
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "HOME": str(root), "PATH": os.environ["PATH"]}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    path = data / "handbook.yml"
    path.write_text(path.read_text("utf-8").replace("tasks: [熟悉流程]", "tasks: [熟悉流程, 熟悉工具]"), "utf-8")
    text, valid = role_diff(root, data, "HEAD", None, fmt="json")
    assert valid, text
    changed = {p["id"]: p for g in json.loads(text)["departments"] for p in g["positions"]}
    assert changed["general-manager"]["changes"][0]["added"] == ["熟悉工具"]
