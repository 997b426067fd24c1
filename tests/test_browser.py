"""Whatever data/ holds, as a reader sees it: every page in headless Chromium, offline, with working charts and search.

Nothing here names a position of the sample, so these tests check an adopting
company's own handbook as well; the sample's own facts are in test_sample.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser import (
    ARTIFACTS, open_page, page_problems, pages_of_their_own, redirect_problems, search, search_problems, serve, show_diagrams, site_urls, visit_all,
    watch_page,
)
from site_project import SITE_URL


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(handbook_site: Path):
    with serve(handbook_site / "site") as url:
        yield url


def _locale(model) -> str:
    """Return the browser locale of a reader of this handbook."""
    return {"zh": "zh-CN", "en": "en-US"}[model.handbook.language]


@pytest.fixture
def tab(chromium, handbook_model):
    """Return a fresh page and what it does; nothing may leave 127.0.0.1."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=_locale(handbook_model))
    page = context.new_page()
    seen = watch_page(context, page)
    yield page, seen
    context.close()


@pytest.fixture(scope="module")
def visits(handbook_site: Path, handbook_model, base: str, chromium) -> dict[str, dict]:
    """Open every page of the site once; the tests below check the records."""
    return visit_all(chromium, base, handbook_site / "site", locale=_locale(handbook_model))


def test_every_page_renders_offline_with_its_diagrams(handbook_site: Path, handbook_model, visits: dict[str, dict]) -> None:
    model = handbook_model
    assert set(site_urls(handbook_site / "site")) == set(visits)
    assert page_problems(visits) == []
    assert redirect_problems(visits) == []
    former = {f"positions/{old}/" for p in model.positions.values() for old in p.former_ids}
    former |= {f"positions/{old}/onboarding/" for p in model.positions.values() for old in p.former_ids} if model.has_onboarding else set()
    former |= {f"departments/{old}/" for d in model.departments.values() for old in d.former_ids}
    assert {url for url, v in visits.items() if v["landed"] != url} == former, "exactly the former ids forward"
    charts = sum(len(v["diagrams"]) for v in visits.values())
    assert charts >= len(model.positions) + len(model.departments) + len(model.plans) + 1, "every position, department and plan page and the org chart have a chart"


def test_pages_have_titles_descriptions_and_link_previews(handbook_model, visits: dict[str, dict]) -> None:
    site_name = handbook_model.handbook.title
    problems = []
    for url, seen in pages_of_their_own(visits).items():
        h1, meta, title = seen["h1"], seen["meta"], seen["title"]
        expected_title = site_name if url == "" else f"{h1} - {site_name}"
        if title != expected_title:
            problems.append(f"/{url}: <title> {title!r}, expected {expected_title!r}")
        if not meta.get("description") or (url and meta["description"] == meta.get("og:site_name")):
            problems.append(f"/{url}: no page description")
        if meta.get("og:url") != SITE_URL + url:
            problems.append(f"/{url}: og:url {meta.get('og:url')!r}")
        if meta.get("og:title") != title or meta.get("og:description") != meta.get("description"):
            problems.append(f"/{url}: og:title/og:description differ from the page's")
    assert problems == [], "\n".join(problems)


def test_edit_button_opens_the_yaml_source(base: str, tab, handbook_model) -> None:
    page, _ = tab
    pos = handbook_model.ordered_positions[0]
    open_page(page, base + f"positions/{pos.id}/")
    assert page.get_attribute("a[rel=edit]", "href") == f"https://git.example.com/hr/handbook/edit/main/{pos.source_file}"
    dept = handbook_model.top_departments[0]
    open_page(page, base + f"departments/{dept.id}/")
    assert page.get_attribute("a[rel=edit]", "href").endswith(f"/edit/main/{dept.source_file}")


def _click_node(page, node: str) -> None:
    """Click the chart box whose Mermaid id is ``node`` (p_… or d_…), as a reader clicks it."""
    page.locator(f"div.mermaid svg g.node[id^='flowchart-{node}-']").first.click()
    page.wait_for_load_state("load")


def test_chart_boxes_lead_to_their_pages(base: str, tab, handbook_model) -> None:
    page, seen = tab
    model = handbook_model
    dept = model.top_departments[0]
    open_page(page, base + "org-chart/")
    _click_node(page, "d_" + dept.id.replace("-", "_"))
    assert urlsplit(page.url).path == f"/departments/{dept.id}/"

    show_diagrams(page)
    member = model.members(dept.id)[0]
    _click_node(page, "p_" + member.id.replace("-", "_"))
    assert urlsplit(page.url).path == f"/positions/{member.id}/"

    # The position with most reports that has a manager: its chart links to all of them.
    managed = [p for p in model.positions.values() if p.reports_to]
    if not managed:
        pytest.skip("no position reports to another")
    pos = max(managed, key=lambda p: (len(model.direct_reports(p.id)), p.id))
    open_page(page, base + f"positions/{pos.id}/")
    hrefs = page.eval_on_selector_all("div.mermaid svg a", "as => as.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))")
    targets = {urlsplit(urljoin(page.url, h)).path for h in hrefs}
    expected = {f"/positions/{p.id}/" for p in model.direct_reports(pos.id)} | {f"/positions/{pos.reports_to}/"}
    assert expected <= targets
    _click_node(page, "p_" + pos.reports_to.replace("-", "_"))
    assert urlsplit(page.url).path == f"/positions/{pos.reports_to}/"
    assert seen.blocked == [] and seen.errors == []


def test_search_finds_every_title_name_and_term_where_it_is_written(visits: dict[str, dict], base: str, tab, handbook_model) -> None:
    page, seen = tab
    model = handbook_model
    # Checklists are left out of the index on purpose: each repeats its position page's plan (onboarding.md.j2).
    checklists = {f"positions/{p.id}/onboarding/" for p in model.positions.values()}
    texts = {f"/{url}": v["article"] for url, v in pages_of_their_own(visits).items() if url not in checklists}
    queries = {p.title: f"/positions/{p.id}/" for p in model.positions.values()}
    queries |= {d.name: f"/departments/{d.id}/" for d in model.departments.values()}
    queries |= {t.term: "/glossary/" for t in model.glossary}
    open_page(page, base)
    page.click(".md-search__input")
    problems = search_problems(page, queries, texts)
    assert problems == [], "\n".join(problems)
    # Diagram sources are not indexed: their keywords appear on every chart page and find nothing.
    for query in ("classDef", "flowchart"):
        meta, found = search(page, query)
        assert found == [], (query, meta)
    assert seen.blocked == [] and seen.errors == []


def _term_on_a_position(model):
    used = [(t, p) for p in model.ordered_positions for t in model.jargon(model.position_texts(p)) if t.term in p.summary or t.term in " ".join(p.responsibilities)]
    if not used:
        pytest.skip("no glossary term appears in a position's summary or duties")
    return used[0]


def test_hovering_or_focusing_a_term_shows_its_definition(base: str, tab, handbook_model) -> None:
    page, _ = tab
    term, pos = _term_on_a_position(handbook_model)
    open_page(page, base + f"positions/{pos.id}/")
    # The first occurrence holds the definition and is focusable; hovering takes its title away for a while.
    abbr = page.locator(f"article abbr[data-term='{term.id}'][tabindex]").first
    assert abbr.get_attribute("title") == term.definition
    abbr.hover()
    tip = page.locator(".hb-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    assert tip.inner_text() == term.definition
    assert abbr.get_attribute("aria-describedby") == "hb-tooltip"
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden", timeout=5_000)
    assert abbr.get_attribute("title") == term.definition  # given back for assistive technology
    # Keyboard: the first occurrence of each term can be reached with Tab.
    abbr.focus()
    tip.wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=5_000)


def test_tapping_a_term_on_a_phone_shows_its_definition(base: str, chromium, handbook_model) -> None:
    # A tap sends mouseenter and click together; the definition must stay until a tap elsewhere.
    term, pos = _term_on_a_position(handbook_model)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale=_locale(handbook_model))
    page = context.new_page()
    seen = watch_page(context, page)
    open_page(page, base + f"positions/{pos.id}/")
    page.locator(f"article abbr[data-term='{term.id}']").first.tap()
    tip = page.locator(".hb-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(400)
    assert tip.is_visible() and tip.inner_text() == term.definition
    page.locator("article h1").tap()
    tip.wait_for(state="hidden", timeout=5_000)
    context.close()
    assert seen.blocked == [] and seen.errors == []


def public_job_description(model, pos) -> bool:
    """Return whether a position has a public job description (and so a QR code on a published site)."""
    from generator.model.audience import public_view

    return pos.id in public_view(model).positions


def _printed_position(model):
    """Return the position whose printed page shows most: a manager and the most reports."""
    return max(model.positions.values(), key=lambda p: (p.reports_to is not None, len(model.direct_reports(p.id)), p.id))


def test_position_prints_as_a_clean_job_description(base: str, tab, handbook_model, artifact_prefix: str) -> None:
    page, _ = tab
    pos = _printed_position(handbook_model)
    open_page(page, base + f"positions/{pos.id}/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer", "a[rel=edit]"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    chart = page.locator("div.mermaid svg").first
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 50
    assert box["x"] + box["width"] <= page.viewport_size["width"]
    assert page.locator("article h2#responsibilities").is_visible()
    # The QR code of the page's address prints with it; the copy button and share links do not.
    if public_job_description(handbook_model, pos):
        assert page.locator("img.hb-qr").is_visible()
        assert not page.locator("button.hb-copy").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{artifact_prefix}print-position.png"), full_page=True)
    pdf = ARTIFACTS / f"{artifact_prefix}position.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000


def _onboarded_position(model):
    """Return the position with the longest checklist; skip a handbook without onboarding plans."""
    if not model.has_onboarding:
        pytest.skip("this handbook has no onboarding plans")
    return max(model.positions.values(), key=lambda p: (sum(len(items) for s in p.onboarding for _, items in s.lists()), p.id))


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_onboarding_checklist_keeps_its_ticks_in_this_browser(base: str, chromium, handbook_model, artifact_prefix: str) -> None:
    pos = _onboarded_position(handbook_model)
    context = chromium.new_context(viewport={"width": 412, "height": 860}, locale=_locale(handbook_model))
    page = context.new_page()
    seen = watch_page(context, page)
    url = base + f"positions/{pos.id}/onboarding/"
    open_page(page, url)
    ticks = page.locator("input.hb-tick")
    count = ticks.count()
    assert count > 0 and page.locator(".hb-onboarding-tools").is_visible()
    ticks.first.check()
    ticks.last.check()
    ticks.first.uncheck()
    ticks.first.check()
    shown = page.locator(".hb-progress").inner_text()
    page.reload()
    page.wait_for_load_state("networkidle")
    expected = [i in (0, count - 1) for i in range(count)]
    assert [ticks.nth(i).is_checked() for i in range(count)] == expected
    assert page.locator(".hb-progress").inner_text() == shown and str(min(count, 2)) in shown and str(count) in shown
    # Per position: another role's checklist starts unticked; nothing was sent anywhere (watch_page).
    other = next((p for p in handbook_model.positions.values() if p.id != pos.id and p.onboarding), None)
    if other is not None:
        open_page(page, base + f"positions/{other.id}/onboarding/")
        assert page.locator("input.hb-tick:checked").count() == 0
        open_page(page, url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{artifact_prefix}onboarding.png"), full_page=True)
    page.locator("button.hb-reset").click()
    page.reload()
    assert page.locator("input.hb-tick:checked").count() == 0
    context.close()
    assert seen.blocked == [] and seen.errors == []


def test_a_renamed_roles_checklist_keeps_the_ticks_made_at_its_old_address(base: str, tab, handbook_model) -> None:
    renamed = [p for p in handbook_model.positions.values() if p.former_ids and p.onboarding]
    if not renamed:
        pytest.skip("no renamed position with an onboarding plan")
    pos, page = renamed[0], tab[0]
    url = base + f"positions/{pos.id}/onboarding/"
    open_page(page, url)
    key = page.locator("input.hb-tick").first.get_attribute("data-key")
    old = urlsplit(url).path.replace(f"/positions/{pos.id}/", f"/positions/{pos.former_ids[0]}/")
    page.evaluate("([old, key]) => localStorage.setItem(`handbook-onboarding:${old}`, JSON.stringify({[key]: 1}))", [old, key])
    page.reload()
    assert page.locator("input.hb-tick").first.is_checked()
    assert page.evaluate("(old) => localStorage.getItem(`handbook-onboarding:${old}`)", old) is None


def test_onboarding_checklist_prints_alone_and_as_a_packet(base: str, tab, handbook_model, artifact_prefix: str) -> None:
    pos = _onboarded_position(handbook_model)
    page, seen = tab
    open_page(page, base + f"positions/{pos.id}/onboarding/")
    page.locator("input.hb-tick").first.check()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".hb-onboarding-tools", "a[rel=edit]"):
        if page.locator(chrome).count():
            assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    # Boxes stay boxes, ticked as on screen; a link prints its address after its text.
    assert page.locator("input.hb-tick").first.is_visible() and page.locator("input.hb-tick").first.is_checked()
    link = page.locator("article a[data-print-href]").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("data-print-href").startswith(base) and base in after
    alone = page.pdf(format="A4", prefer_css_page_size=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{artifact_prefix}onboarding.pdf").write_bytes(alone)
    # The packet: the position page first, on pages of its own, then the checklist; the print dialog is the browser's.
    page.emulate_media(media="screen")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.locator("button.hb-packet").click()
    page.wait_for_function("() => window.printed === 1")
    role = page.locator("article .hb-packet-role")
    assert role.locator("h1").inner_text().strip() == pos.title
    assert role.locator("#first-weeks, .mermaid, button").count() == 0
    assert role.locator("a[data-print-href]").count() > 0
    page.emulate_media(media="print")
    packet = page.pdf(format="A4", prefer_css_page_size=True)
    (ARTIFACTS / f"{artifact_prefix}onboarding-packet.pdf").write_bytes(packet)
    page.screenshot(path=str(ARTIFACTS / f"{artifact_prefix}onboarding-packet.png"), full_page=True)
    assert _pdf_pages(packet) > _pdf_pages(alone) >= 1
    assert seen.blocked == [] and seen.errors == []


@pytest.mark.parametrize("name", ["home", "org-chart", "department", "position"])
def test_screenshots_for_review(base: str, tab, handbook_model, name: str, artifact_prefix: str) -> None:
    page, seen = tab
    url = {
        "home": "",
        "org-chart": "org-chart/",
        "department": f"departments/{max(handbook_model.departments.values(), key=lambda d: (len(handbook_model.members(d.id)), d.id)).id}/",
        "position": f"positions/{_printed_position(handbook_model).id}/",
    }[name]
    open_page(page, base + url)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{artifact_prefix}{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert seen.blocked == [] and seen.errors == []


def test_renamed_position_keeps_its_old_link_and_anchor(tmp_path: Path, chromium) -> None:
    from conftest import FIXTURES
    from site_project import make_project, mkdocs_build

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "basic", data)
    designer = data / "positions" / "designer.yml"
    designer.write_text(designer.read_text("utf-8") + "former_ids:\n  - visual-designer\n", "utf-8")
    project = make_project(tmp_path / "p", data=data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    context = chromium.new_context()
    page = context.new_page()
    seen = watch_page(context, page)
    with serve(project / "site") as base:
        page.goto(base + "positions/visual-designer/#responsibilities")
        page.wait_for_url("**/positions/designer/#responsibilities")
        assert page.locator("article h1").inner_text().startswith("美工")
        # The page must finish loading while the server is still up, or its last requests fail.
        show_diagrams(page)
        page.wait_for_load_state("networkidle")
        context.close()
    assert seen.blocked == [] and seen.errors == []
