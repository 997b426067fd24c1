"""The sample handbook as a reader sees it: every page in headless Chromium, offline, with working charts and search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser import ARTIFACTS, DIAGRAM_REPORT, WAIT_FOR_DIAGRAMS, serve, watch_page
from generator.pipeline import build_model
from generator.render import page_url
from site_project import ROOT, SITE_URL

SITE_NAME = "电商运营团队岗位手册"
# What search is meant to cover: the article without diagrams and without the two sections the
# templates mark data-search-exclude (the onboarding summary and the source list repeat other text;
# Material drops the attribute from the page, so they are named here by their fixed anchors).
ARTICLE_TEXT = """() => {
    const a = document.querySelector('article').cloneNode(true);
    a.querySelectorAll('.mermaid, .headerlink').forEach(e => e.remove());
    for (const h of [...a.querySelectorAll('h2#onboarding, h2#sources')]) {
        let next = h.nextElementSibling;
        while (next && !/^H[12]$/.test(next.tagName)) { const gone = next; next = next.nextElementSibling; gone.remove(); }
        h.remove();
    }
    return a.innerText;
}"""
META = """() => Object.fromEntries([...document.querySelectorAll('meta[name], meta[property]')]
    .map(m => [m.getAttribute('name') || m.getAttribute('property'), m.getAttribute('content')]))"""
H1 = """() => { const h = document.querySelector('article h1').cloneNode(true); h.querySelectorAll('.headerlink').forEach(e => e.remove()); return h.innerText.trim(); }"""


@pytest.fixture(scope="module")
def model():
    return build_model(ROOT / "data")


@pytest.fixture(scope="module")
def base(sample_site: Path):
    with serve(sample_site / "site") as url:
        yield url


@pytest.fixture
def tab(chromium):
    """Return a fresh page and what it does; nothing may leave 127.0.0.1."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = watch_page(context, page)
    yield page, seen
    context.close()


def _generated_urls(project: Path) -> list[str]:
    manifest = json.loads((project / "generated" / ".handbook-manifest.json").read_text("utf-8"))
    files = manifest["files"] if isinstance(manifest, dict) else manifest
    return sorted(page_url(path) for path in files if path.endswith(".md"))


def _all_urls(site: Path) -> list[str]:
    urls = []
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).parent.as_posix()
        if rel.split("/")[0] not in ("assets", "search"):
            urls.append("" if rel == "." else f"{rel}/")
    return urls


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(WAIT_FOR_DIAGRAMS, timeout=20_000)


@pytest.fixture(scope="module")
def visits(sample_site: Path, base: str, chromium) -> dict[str, dict]:
    """Open every page of the site once and record what the reader got; the tests below check the records."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = watch_page(context, page)
    out = {}
    for url in _all_urls(sample_site / "site"):
        seen.clear()
        _open(page, base + url)
        out[url] = {
            "diagrams": page.evaluate(DIAGRAM_REPORT),
            "body": page.inner_text("body"),
            "article": page.evaluate(ARTICLE_TEXT),
            "h1": page.evaluate(H1),
            "title": page.title(),
            "meta": page.evaluate(META),
            "blocked": list(seen.blocked),
            "errors": list(seen.errors),
        }
    context.close()
    return out


def test_every_page_renders_offline_with_its_diagrams(sample_site: Path, visits: dict[str, dict]) -> None:
    generated = _generated_urls(sample_site)
    assert set(generated) <= set(visits) and len(generated) > 60
    problems: list[str] = []
    charts = 0
    for url, seen in visits.items():
        for i, d in enumerate(seen["diagrams"]):
            charts += 1
            if not d["svg"] or d["error"] or d["raw"]:
                problems.append(f"/{url} diagram {i}: {d}")
        if "flowchart TB" in seen["body"] or "classDef" in seen["body"]:
            problems.append(f"/{url}: diagram source visible")
        problems += [f"/{url}: request left the site: {r}" for r in seen["blocked"]]
        problems += [f"/{url}: {e}" for e in seen["errors"]]
    assert problems == [], "\n".join(problems)
    assert charts >= 44 + 18 + 4 + 1, "every position, department and plan page and the org chart have a chart"


def test_pages_have_titles_descriptions_and_link_previews(sample_site: Path, visits: dict[str, dict], model) -> None:
    problems = []
    for url in _generated_urls(sample_site):
        h1, meta, title = visits[url]["h1"], visits[url]["meta"], visits[url]["title"]
        expected_title = SITE_NAME if url == "" else f"{h1} - {SITE_NAME}"
        if title != expected_title:
            problems.append(f"/{url}: <title> {title!r}, expected {expected_title!r}")
        if not meta.get("description") or (url and meta["description"] == meta.get("og:site_name")):
            problems.append(f"/{url}: no page description")
        if meta.get("og:url") != SITE_URL + url:
            problems.append(f"/{url}: og:url {meta.get('og:url')!r}")
        if meta.get("og:title") != title or meta.get("og:description") != meta.get("description"):
            problems.append(f"/{url}: og:title/og:description differ from the page's")
    assert problems == [], "\n".join(problems)
    store = model.positions["store-manager"]
    assert visits["positions/store-manager/"]["meta"]["description"].startswith(f"{store.title}（")


def test_edit_button_opens_the_yaml_source(base: str, tab) -> None:
    page, _ = tab
    _open(page, base + "positions/store-manager/")
    assert page.get_attribute("a[rel=edit]", "href") == "https://git.example.com/hr/handbook/edit/main/data/positions/store-manager.yml"
    _open(page, base + "departments/operations-center/")
    assert page.get_attribute("a[rel=edit]", "href").endswith("/edit/main/data/departments/operations-center.yml")
    _open(page, base + "about/")
    assert page.get_attribute("a[rel=edit]", "href").endswith("/edit/main/docs/about.md")


def _click_node(page, node: str) -> None:
    """Click the chart box whose Mermaid id is ``node`` (p_… or d_…), as a reader clicks it."""
    page.locator(f"div.mermaid svg g.node[id^='flowchart-{node}-']").first.click()
    page.wait_for_load_state("load")


def test_chart_boxes_lead_to_their_pages(base: str, tab, model) -> None:
    page, seen = tab
    _open(page, base + "org-chart/")
    _click_node(page, "d_operations_center")
    assert urlsplit(page.url).path == "/departments/operations-center/"

    page.wait_for_function(WAIT_FOR_DIAGRAMS)
    member = model.members("operations-center")[0]
    _click_node(page, "p_" + member.id.replace("-", "_"))
    assert urlsplit(page.url).path == f"/positions/{member.id}/"

    # A position with both a manager and reports: the chart links to all of them.
    pos = max((p for p in model.positions.values() if p.reports_to), key=lambda p: (len(model.direct_reports(p.id)), p.id))
    _open(page, base + f"positions/{pos.id}/")
    hrefs = page.eval_on_selector_all("div.mermaid svg a", "as => as.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))")
    targets = {urlsplit(urljoin(page.url, h)).path for h in hrefs}
    expected = {f"/positions/{p.id}/" for p in model.direct_reports(pos.id)} | {f"/positions/{pos.reports_to}/"}
    assert expected <= targets and len(expected) > 2
    _click_node(page, "p_" + pos.reports_to.replace("-", "_"))
    assert urlsplit(page.url).path == f"/positions/{pos.reports_to}/"
    assert seen.blocked == [] and seen.errors == []


def _search(page, query: str) -> tuple[str, set[str]]:
    """Type ``query`` into the search box and return the result count line and every result page's path."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("() => /键入/.test(document.querySelector('.md-search-result__meta').textContent)")
    # A Chinese input method commits text without key events; Material searches on the key
    # that follows (the space or digit that picks the candidate). End stands in for it.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function("() => !/键入|正在/.test(document.querySelector('.md-search-result__meta').textContent)")
    meta = page.inner_text(".md-search-result__meta")
    total = int("".join(ch for ch in meta if ch.isdigit()) or 0)
    # Material renders results in batches as the list is scrolled to its end.
    for _ in range(200):
        if page.locator(".md-search-result__item").count() >= total:
            break
        page.eval_on_selector(".md-search__scrollwrap", "e => { e.scrollTop = 0; }")
        page.wait_for_timeout(20)
        page.eval_on_selector(".md-search__scrollwrap", "e => { e.scrollTop = e.scrollHeight; }")
        page.wait_for_timeout(40)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href)")
    return meta, {urlsplit(h).path for h in hrefs}


def test_search_finds_every_title_name_and_term_where_it_is_written(visits: dict[str, dict], base: str, tab, model) -> None:
    page, seen = tab
    texts = {f"/{url}": seen_page["article"] for url, seen_page in visits.items()}
    own = {p.title: f"/positions/{p.id}/" for p in model.positions.values()}
    own |= {d.name: f"/departments/{d.id}/" for d in model.departments.values()}
    own |= {t.term: "/glossary/" for t in model.glossary}

    _open(page, base)
    page.click(".md-search__input")
    problems = []
    for query, home in own.items():
        _, found = _search(page, query)
        expected = {url for url, text in texts.items() if query in text}
        assert home in expected
        if not expected <= found:
            problems.append(f"{query}: not found on {sorted(expected - found)}")
    assert problems == [], "\n".join(problems)

    # Diagram sources are not indexed: their keywords appear on every chart page and find nothing.
    for query in ("classDef", "flowchart"):
        meta, found = _search(page, query)
        assert found == set(), (query, meta)
    assert seen.blocked == [] and seen.errors == []


def test_hovering_a_term_shows_its_definition(base: str, tab, model) -> None:
    page, _ = tab
    term = next(t for t in model.glossary if t.term == "直通车")
    _open(page, base + "positions/through-train-specialist/")
    abbr = page.locator("article abbr", has_text=term.term).first
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



def test_tapping_a_term_on_a_phone_shows_its_definition(base: str, chromium, model) -> None:
    # A tap sends mouseenter and click together; the definition must stay until a tap elsewhere.
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    seen = watch_page(context, page)
    used = [(t, p) for t in model.glossary for p in model.ordered_positions if t.term in p.summary]
    if not used:
        pytest.skip("no glossary term appears in a position summary")
    term, owner = used[0]
    _open(page, base + f"positions/{owner.id}/")
    page.locator("article abbr", has_text=term.term).first.tap()
    tip = page.locator(".hb-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(400)
    assert tip.is_visible() and tip.inner_text() == term.definition
    page.locator("article h1").tap()
    tip.wait_for(state="hidden", timeout=5_000)
    context.close()
    assert seen.blocked == [] and seen.errors == []


def test_position_prints_as_a_clean_job_description(base: str, tab) -> None:
    page, _ = tab
    _open(page, base + "positions/store-manager/")
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
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "print-store-manager.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / "store-manager.pdf"), format="A4")
    assert (ARTIFACTS / "store-manager.pdf").stat().st_size > 10_000


@pytest.mark.parametrize(
    "name, url",
    [("home", ""), ("org-chart", "org-chart/"), ("department", "departments/operations-center/"), ("position", "positions/store-manager/")],
)
def test_screenshots_for_review(base: str, tab, name: str, url: str) -> None:
    page, seen = tab
    _open(page, base + url)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
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
    context.close()
    assert seen.blocked == [] and seen.errors == []
