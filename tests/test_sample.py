"""The bundled sample handbook's own facts: its positions, pages and wording.

Skipped when data/ is not the sample (``sample: true`` in data/handbook.yml):
after ``make new`` a company's data has none of these, and the generic tests
(test_site.py, test_browser.py) check its handbook instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import open_page, serve, watch_page
from generator.adopt import is_sample
from site_checks import parse
from site_project import ROOT

pytestmark = pytest.mark.skipif(not is_sample(ROOT / "data"), reason="data/ is not the bundled sample (no 'sample: true' in data/handbook.yml)")


def test_the_sample_is_complete(handbook_site: Path, handbook_model) -> None:
    model = handbook_model
    assert (len(model.departments), len(model.positions), len(model.plans)) == (18, 44, 4)
    assert len(model.glossary) >= 25 and len(model.handbook.sources) == 5
    pages = [p for p in (handbook_site / "site").rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 60


def test_pages_cite_their_sources_and_say_what_the_sources_leave_out(handbook_site: Path) -> None:
    # The sample is compiled from articles: an empty section says so, and the page lists its sources.
    html = (handbook_site / "site" / "positions" / "store-manager" / "index.html").read_text("utf-8")
    requirements = html[html.index('id="requirements"') : html.index('id="kpis"')]
    assert "资料中未列出。" in requirements
    assert 'id="sources"' in html and "成熟的电商运营团队组织架构由哪些构成" in html
    assert (handbook_site / "site" / "sources" / "index.html").is_file()


def test_store_manager_page(handbook_site: Path, handbook_model) -> None:
    page = handbook_site / "site" / "positions" / "store-manager" / "index.html"
    store = handbook_model.positions["store-manager"]
    meta = {a.get("name"): a.get("content") for tag, a in parse(page).tags if tag == "meta"}
    assert meta["description"].startswith(f"{store.title}（运营部）：")
    edit = [a["href"] for tag, a in parse(page).tags if tag == "a" and a.get("rel") == "edit"]
    assert edit == ["https://git.example.com/hr/handbook/edit/main/data/positions/store-manager.yml"]


def test_practice_pages_are_listed_with_readable_anchors(handbook_site: Path) -> None:
    home = (handbook_site / "site" / "index.html").read_text("utf-8")
    assert "团队实践" in home  # the hand-written section, in the navigation
    ids = parse(handbook_site / "site" / "practices" / "collaboration" / "index.html").ids
    # A Chinese heading without an explicit anchor keeps a readable one instead of _1.
    assert "资料来源" in ids and "daily-standup" in ids


def test_every_data_file_points_editors_at_its_schema() -> None:
    files = sorted((ROOT / "data").rglob("*.yml"))
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        kind = path.stem if path.parent.name == "data" else path.parent.name[:-1]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema == (ROOT / "generator" / "schemas" / f"{kind}.schema.json").resolve(), path


def test_through_train_shows_its_definition_on_hover(handbook_site: Path, handbook_model, chromium) -> None:
    term = next(t for t in handbook_model.glossary if t.term == "直通车")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = watch_page(context, page)
    with serve(handbook_site / "site") as base:
        open_page(page, base + "positions/through-train-specialist/")
        page.locator("article abbr", has_text="直通车").first.hover()
        tip = page.locator(".hb-tooltip")
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.inner_text() == term.definition
        context.close()  # while the server is up, so no request of the page is cut off
    assert seen.blocked == [] and seen.errors == []
