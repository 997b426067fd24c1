"""Recruiting as recruiters and candidates meet it, in built sites of tests/fixtures/hiring (both interface
languages, internal and public builds): the copy button, jd.txt, the printable page, QR codes, structured
data, and charts that cost nothing until a reader scrolls to them."""

from __future__ import annotations

import json
import re

import pytest

from browser import ARTIFACTS, serve, show_diagrams, watch_page
from conftest import FIXTURES
from site_project import make_project, mkdocs_build, set_language

pytestmark = pytest.mark.slow


TODAY = "2026-06-15"
"""The day the fixture is built for (tests/fixtures/hiring/README.md)."""
PUBLIC_URL = "https://careers.example.com/"


@pytest.fixture(scope="module", params=["zh", "en"])
def hiring(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Return the internal and public sites of the fixture in one interface language."""
    project = make_project(tmp_path_factory.mktemp(f"hiring-{request.param}") / "p", data=FIXTURES / "hiring")
    set_language(project, request.param)
    dated = {"HANDBOOK_TODAY": TODAY, "HANDBOOK_PUBLIC_URL": PUBLIC_URL}
    internal = mkdocs_build(project, published=True, extra_env=dated)
    assert internal.returncode == 0, internal.stderr
    public = mkdocs_build(project, "-d", "site-public", extra_env=dated | {
        "HANDBOOK_AUDIENCE": "public", "HANDBOOK_OUT_DIR": ".public/generated", "HANDBOOK_SITE_URL": PUBLIC_URL,
    })
    assert public.returncode == 0, public.stderr
    return {"language": request.param, "internal": project / "site", "public": project / "site-public"}


def _jsonld(page: str) -> list[dict]:
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]


@pytest.mark.parametrize("site", ["internal", "public"])
def test_job_description_files_and_structured_data_are_published(hiring: dict, site: str) -> None:
    root = hiring[site]
    jd = (root / "positions" / "operations-specialist" / "jd.txt").read_bytes()
    text = jd.decode("utf-8-sig")
    assert jd.startswith(b"\xef\xbb\xbf") and text.splitlines()[0] == "运营专员"
    assert f"{PUBLIC_URL}positions/operations-specialist/" in text  # both sites send candidates to the careers site
    assert "EXPIRED-OPENING" not in text and "FUTURE-OPENING" not in text
    page = (root / "positions" / "operations-specialist" / "index.html").read_text("utf-8")
    postings = _jsonld(page)
    assert [p["validThrough"] for p in postings] == ["2026-07-31", "2026-06-20"]
    assert all(p["url"] == f"{PUBLIC_URL}positions/operations-specialist/" for p in postings)
    assert (root / "positions" / "operations-specialist" / "qr.svg").read_text("ascii").startswith("<svg ")
    # Nothing expired or not yet posted anywhere in the site, including the search index.
    for f in root.rglob("*"):
        if f.is_file() and f.suffix in (".html", ".json", ".txt", ".xml"):
            body = f.read_text("utf-8", errors="replace")
            assert "EXPIRED-OPENING" not in body and "FUTURE-OPENING" not in body, f
    openings = (root / "openings" / "index.html").read_text("utf-8")
    assert 'href="../positions/operations-specialist/"' in openings and 'href="../positions/designer/"' in openings
    robots = bool(re.search(r'<meta (content="noindex, nofollow" name="robots"|name="robots" content="noindex, nofollow")', page))
    assert robots == (site == "internal")


def test_copy_button_puts_the_job_description_on_the_clipboard(hiring: dict, chromium) -> None:
    site = hiring["public"]
    expected = (site / "positions" / "operations-specialist" / "jd.txt").read_text("utf-8-sig")
    context = chromium.new_context(viewport={"width": 412, "height": 860}, permissions=["clipboard-read", "clipboard-write"],
                                   locale={"zh": "zh-CN", "en": "en-US"}[hiring["language"]])
    page = context.new_page()
    seen = watch_page(context, page)
    with serve(site) as base:
        page.goto(base + "positions/operations-specialist/")
        page.locator("button.hb-copy").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        # Material's own confirmation, in the page's language.
        notice = json.loads(page.locator("#__config").text_content())["translations"]["clipboard.copied"]
        page.locator(".md-dialog").get_by_text(notice).wait_for(timeout=5_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"copied-{hiring['language']}.png"))
        page.wait_for_load_state("networkidle")
    context.close()
    assert copied.rstrip("\n") == expected.rstrip("\n")
    assert seen.blocked == [] and seen.errors == []


def test_charts_are_fetched_only_when_scrolled_to(hiring: dict, chromium) -> None:
    context = chromium.new_context(viewport={"width": 412, "height": 860})
    page = context.new_page()
    seen = watch_page(context, page)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    with serve(hiring["public"]) as base:
        page.goto(base + "positions/operations-specialist/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert not any("mermaid.min.js" in u for u in fetched), "the Mermaid library was fetched before any chart was near"
        assert page.locator("div.mermaid[data-processed]").count() == 0
        show_diagrams(page)
        assert any("mermaid.min.js" in u for u in fetched)
        assert page.locator("div.mermaid svg g.node").count() >= 3
        # Scrolling also brought the lazily loaded QR code into view: let it load while the server is up.
        page.wait_for_load_state("networkidle")
    context.close()
    assert seen.blocked == [] and seen.errors == []


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_printable_job_description_is_one_a4_page_with_its_qr_code(hiring: dict, chromium) -> None:
    page = chromium.new_page()
    with serve(hiring["public"]) as base:
        page.goto(base + "positions/operations-specialist/jd.html")
        page.emulate_media(media="print")
        qr = page.locator("figure svg")
        assert qr.is_visible()
        box = qr.bounding_box()
        assert box and 80 < box["width"] == box["height"] < 200
        assert page.locator("h1").inner_text() in (page.title())
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"jd-{hiring['language']}.pdf").write_bytes(pdf)
        page.screenshot(path=str(ARTIFACTS / f"jd-{hiring['language']}.png"), full_page=True)
    page.close()
    assert _pdf_pages(pdf) == 1
