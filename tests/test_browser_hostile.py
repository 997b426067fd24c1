"""Hostile data in a real Chromium: no script runs, no element is injected, no page breaks.

Glossary definitions used to run when a reader hovered the term: Material's
tooltips insert the title attribute into the page as HTML. Its navigation
does the same with a label cut short by an ellipsis. Both paths are tried here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from browser import serve, watch_page
from site_project import make_project, mkdocs_build

from conftest import FIXTURES

pytestmark = pytest.mark.slow


XSS_DEFINITION = "按点击付费<script>alert('definition')</script><img src=x onerror=alert('img')>&amp; 结束"
# Long enough that the navigation cuts it short with an ellipsis, which makes Material put it in a title.
XSS_TITLE = "<img src=x onerror=alert('nav')>" + "很长的岗位名称" * 6
# Mermaid reads %%{init: …}%% anywhere in a chart as configuration: CSS fetching from elsewhere, a new theme.
MERMAID_DIRECTIVE = "美工组%%{init:{'fontFamily':'x;background:url(//evil.example/c)','theme':'dark'}}%%"
INJECTED = """() => document.querySelectorAll('img[src="x"], [onerror]').length"""
INJECTED_SCRIPTS = """() => [...document.querySelectorAll('script:not([src])')].filter(s => /alert\\(/.test(s.textContent)).length"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(FIXTURES / "basic", data)
    glossary = data / "glossary.yml"
    glossary.write_text(
        glossary.read_text("utf-8").replace("definition: 下单的访客占全部访客的比例。", f"definition: {json.dumps(XSS_DEFINITION, ensure_ascii=False)}")
        + "  - id: forty-five\n    term: '45'\n    definition: 一个只由数字组成的术语。\n",
        "utf-8",
    )
    designer = data / "positions" / "designer.yml"
    text = designer.read_text("utf-8").replace("title: 美工", f"title: {json.dumps(XSS_TITLE, ensure_ascii=False)}")
    # '-' and '#' come out of Markdown escaping as &#45; and &#35;: the term 45 must not split them.
    designer.write_text(text.replace("summary: 制作图片。", 'summary: "制作图片 - 提升转化率 #45 与 45 个主图。"'), "utf-8")
    art = data / "departments" / "art.yml"
    art.write_text(art.read_text("utf-8").replace("name: 美工组", f"name: {json.dumps(MERMAID_DIRECTIVE, ensure_ascii=False)}"), "utf-8")
    project = make_project(tmp_path_factory.mktemp("hostile-project") / "p", data=data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _visit(browser, base: str, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = watch_page(context, page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + url)
    page.wait_for_load_state("load")
    tips = []
    for abbr in page.locator("article abbr").all():
        abbr.scroll_into_view_if_needed()
        abbr.hover()
        page.wait_for_timeout(50)
        tip = page.locator(".hb-tooltip")
        tips.append(tip.inner_text() if tip.is_visible() else "")
    # Navigation and header labels that do not fit (.md-ellipsis) get Material's title treatment on hover.
    for label in page.locator(".md-ellipsis").all():
        if label.is_visible():
            label.hover(force=True, timeout=2_000)
    page.wait_for_timeout(400)
    out = {
        "dialogs": dialogs,
        "injected": page.evaluate(INJECTED),
        "scripts": page.evaluate(INJECTED_SCRIPTS),
        "article": page.inner_text("article"),
        "charts": page.eval_on_selector_all("div.mermaid svg", "svgs => svgs.map(s => s.textContent).join(' ')"),
        "tips": tips,
        "blocked": seen.blocked,
        "errors": seen.errors,
    }
    context.close()
    return out


@pytest.mark.parametrize("url", ["glossary/", "positions/designer/", "positions/operations-director/", "plans/small/", "departments/art/", ""])
def test_hostile_data_runs_no_script_and_injects_nothing(hostile_site: Path, chromium, url: str) -> None:
    with serve(hostile_site) as base:
        seen = _visit(chromium, base, url)
    assert seen["dialogs"] == []
    assert seen["injected"] == 0 and seen["scripts"] == 0
    assert seen["blocked"] == [] and seen["errors"] == []
    # A tooltip inserted inside a character reference would leave markup visible as text.
    assert "<abbr" not in seen["article"] and "&#" not in seen["article"]


def test_chart_labels_show_a_directive_as_text(hostile_site: Path, chromium) -> None:
    with serve(hostile_site) as base:
        seen = _visit(chromium, base, "org-chart/")
    assert MERMAID_DIRECTIVE.replace(" ", "") in seen["charts"].replace(" ", "")
    assert seen["blocked"] == [] and seen["errors"] == []


def test_definitions_show_as_the_text_written(hostile_site: Path, chromium) -> None:
    with serve(hostile_site) as base:
        seen = _visit(chromium, base, "positions/operations-director/")
    assert XSS_DEFINITION in seen["tips"]
    assert seen["dialogs"] == []


def test_a_term_inside_a_character_reference_is_left_alone(hostile_site: Path, chromium) -> None:
    with serve(hostile_site) as base:
        seen = _visit(chromium, base, "positions/designer/")
    assert "制作图片 - 提升转化率 #45 与 45 个主图。" in seen["article"]
    assert "一个只由数字组成的术语。" in seen["tips"]
    assert XSS_TITLE in seen["article"]


def test_searching_hostile_text_shows_it_as_text(hostile_site: Path, chromium) -> None:
    # Material renders search results from the index as HTML: the index must hold the text escaped.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = watch_page(context, page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(hostile_site) as base:
        page.goto(base)
        page.click(".md-search__input")
        page.keyboard.type("onerror")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
        page.wait_for_timeout(500)
        results = page.inner_text(".md-search-result")
        injected = page.evaluate(INJECTED)
        context.close()  # while the server is up, so no request of the page is cut off
    assert "onerror=alert(" in results
    assert dialogs == [] and injected == 0
    assert seen.blocked == [] and seen.errors == []
