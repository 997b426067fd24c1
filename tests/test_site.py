"""End to end: whatever data/ holds (the sample, or a company's own handbook) builds with --strict into a site that works.

Nothing here names a position or a number of the sample: these tests are an
adopting company's acceptance suite. The sample's own facts are tested in test_sample.py.
"""

from __future__ import annotations

import html as html_lib
import json
import subprocess
from pathlib import Path

import pytest

import site_checks
from site_project import env, make_command, make_project, mkdocs_build

from conftest import FIXTURES


pytestmark = pytest.mark.slow


def test_every_position_and_department_has_a_stable_page(handbook_site: Path, handbook_model) -> None:
    assert site_checks.stable_pages(handbook_site / "site", handbook_model) == []


def test_every_position_with_a_plan_has_its_checklist(handbook_site: Path, handbook_model) -> None:
    assert site_checks.onboarding_problems(handbook_site / "site", handbook_model) == []


def test_all_internal_links_and_anchors_resolve(handbook_site: Path) -> None:
    assert site_checks.broken_links(handbook_site / "site") == []


def test_nothing_is_loaded_from_outside_the_site(handbook_site: Path) -> None:
    assert site_checks.external_loads(handbook_site / "site") == []


def test_every_page_of_the_data_is_reachable_from_the_navigation(handbook_site: Path, handbook_model) -> None:
    assert site_checks.unreachable_pages(handbook_site / "site", handbook_model) == []


def test_search_index_is_segmented_and_skips_diagram_source(handbook_site: Path, handbook_model) -> None:
    index = json.loads((handbook_site / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == [handbook_model.handbook.language]
    assert site_checks.index_problems(handbook_site / "site", handbook_model) == []


def test_site_is_named_by_the_data(handbook_site: Path, handbook_model) -> None:
    # data/handbook.yml names the site: header, tab title and link previews; mkdocs.yml holds no company's name.
    home = (handbook_site / "site" / "index.html").read_text("utf-8")
    parsed = site_checks.parse(handbook_site / "site" / "index.html")
    assert parsed.title == handbook_model.handbook.title and parsed.meta("og:site_name") == handbook_model.handbook.title
    assert [a.get("lang") for tag, a in parsed.tags if tag == "html"] == [handbook_model.handbook.language]
    assert "Role handbook" not in home  # the placeholder in mkdocs.yml


def test_repository_link_fetches_nothing_and_pages_carry_only_their_nav_branch(handbook_site: Path, handbook_model) -> None:
    html = (handbook_site / "site" / "index.html").read_text("utf-8")
    # Material's data-md-component="source" makes the browser ask the GitHub/GitLab API for star counts.
    assert 'class="md-source"' in html and 'data-md-component="source"' not in html
    # navigation.prune: the home page lists departments, not every position of the company.
    listed = [p for p in handbook_model.positions.values() if f'href="positions/{p.id}/"' in html]
    assert len(listed) < max(2, len(handbook_model.positions) // 2)


def test_diagrams_use_the_local_mermaid_and_are_clickable(handbook_site: Path, handbook_model) -> None:
    site = handbook_site / "site"
    pos = next(iter(handbook_model.positions.values()))
    html = (site / "positions" / pos.id / "index.html").read_text("utf-8")
    assert site_checks.CHART.search(html)
    # mermaid2 loads the stand-in, which fetches the library itself (test_browser: only when a chart nears the viewport).
    assert '<script src="../../assets/vendor/mermaid-loader.js"></script>' in html
    assert "mermaid.min.js" not in html
    assert (site / "assets" / "vendor" / "mermaid.min.js").stat().st_size > 1_000_000
    # The browser hands mermaid the chart's text with entities decoded, as html.unescape does.
    chart = html_lib.unescape((site / "org-chart" / "index.html").read_text("utf-8"))
    for dept in handbook_model.departments.values():
        if dept.parent is None:
            assert f"click d_{dept.id.replace('-', '_')} href \"../departments/{dept.id}/\"" in chart


def test_glossary_terms_get_tooltips(handbook_site: Path, handbook_model) -> None:
    site = handbook_site / "site"
    texts = [p for p in handbook_model.positions.values() if handbook_model.jargon(handbook_model.position_texts(p))]
    if not handbook_model.glossary or not texts:
        pytest.skip("no glossary term appears on any position page")
    page = (site / "positions" / texts[0].id / "index.html").read_text("utf-8")
    assert 'data-term="' in page and 'tabindex="0"' in page


def test_handwritten_pages_are_kept_and_listed(handbook_site: Path, handbook_source: tuple[Path, Path]) -> None:
    docs = handbook_source[1]
    handwritten = sorted(p.relative_to(docs) for p in docs.rglob("*.md"))
    for rel in handwritten:
        assert (handbook_site / "docs" / rel).read_bytes() == (docs / rel).read_bytes()
        url = rel.with_suffix("").as_posix().removesuffix("/index").removesuffix("index")
        assert (handbook_site / "site" / url / "index.html").is_file(), rel


def test_failed_build_keeps_previous_site_and_reports_one_line_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    ok = subprocess.run(make_command("build"), cwd=project, env=env(), capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    designer = project / "data" / "positions" / "designer.yml"
    designer.write_text(designer.read_text("utf-8").replace("department: art", "department: nowhere"), "utf-8")
    bad = subprocess.run(make_command("build"), cwd=project, env=env(), capture_output=True, text=True)
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr
    assert "data/positions/designer.yml:2:13: department: no department 'nowhere'" in bad.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (project / "site.tmp").exists()
    # MkDocs' own warnings fail it too (mkdocs build --quiet would hide them from --strict).
    designer.write_text(designer.read_text("utf-8").replace("department: nowhere", "department: art"), "utf-8")
    (project / "docs" / "notes.md").write_text("# Notes\n\n[Gone](positions/gone.md)\n", "utf-8")
    bad = subprocess.run(make_command("build"), cwd=project, env=env(), capture_output=True, text=True)
    assert bad.returncode != 0 and "'positions/gone.md'" in bad.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before


def test_mkdocs_build_itself_fails_on_bad_data(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    (project / "data" / "positions" / "designer.yml").write_text("title: 美工\n", "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "data/positions/designer.yml:1:1: department: missing required field" in result.stderr
    assert "Traceback" not in result.stderr


HOSTILE_TITLE = 'x"]; <img src=x onerror=alert(1)> *em* [a](http://e.example) {#id} | # end'


def test_hostile_titles_cannot_inject_markup(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    for path in (project / "data" / "positions" / "designer.yml", project / "data" / "departments" / "art.yml", project / "data" / "handbook.yml"):
        text = path.read_text("utf-8")
        key = {"positions": "title: 美工", "departments": "name: 美工组"}.get(path.parent.name, "title: 测试手册")
        path.write_text(text.replace(key, key.split(":")[0] + ": " + json.dumps(HOSTILE_TITLE)), "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in site.rglob("*.html"):
        tags = site_checks.parse(page).tags
        assert not any("onerror" in attrs for _, attrs in tags), page
        assert not any(attrs.get("href") == "http://e.example" for _, attrs in tags), page
    html = (site / "positions" / "designer" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("&#60;", "&lt;").replace("&#62;", "&gt;")


def test_plan_pages_show_totals_and_comparison(handbook_site: Path, handbook_model) -> None:
    site = handbook_site / "site"
    if not handbook_model.plans:
        assert not (site / "plans").exists()
        return
    comparison = site_checks.page_text(site / "plans" / "index.html")
    for plan in handbook_model.plans.values():
        page = (site / "plans" / plan.id / "index.html").read_text("utf-8")
        assert site_checks.CHART.search(page)
        assert f"<strong>{plan.total}" in page
        assert plan.name in comparison


def test_the_site_name_is_escaped_once_wherever_the_theme_prints_it(tmp_path: Path) -> None:
    # Material prints the name raw in most places and escapes it in the logo's title: "AT&amp;amp;T".
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    handbook = project / "data" / "handbook.yml"
    handbook.write_text(handbook.read_text("utf-8").replace("title: 测试手册", 'title: "AT&T <手册>"'), "utf-8")
    assert mkdocs_build(project).returncode == 0
    home = (project / "site" / "index.html").read_text("utf-8")
    assert "<title>AT&amp;T &lt;手册&gt;</title>" in home
    assert 'title="AT&amp;T &lt;手册&gt;"' in home and "&amp;amp;" not in home and "<手册>" not in home


def test_public_site_is_whole_and_holds_only_public_pages(public_site: Path, handbook_site: Path, handbook_model) -> None:
    from generator.model.audience import public_view
    from generator.source.handwritten import front_matter_public

    view = public_view(handbook_model)
    assert site_checks.broken_links(public_site) == []
    assert site_checks.external_loads(public_site) == []
    assert site_checks.stable_pages(public_site, view) == []
    assert site_checks.unreachable_pages(public_site, view) == []
    assert site_checks.onboarding_problems(public_site, view) == []
    hidden = set(handbook_model.positions) - set(view.positions)
    assert [p for p in hidden if (public_site / "positions" / p).exists()] == []
    for page in (handbook_site / "docs").rglob("*.md"):
        url = page.relative_to(handbook_site / "docs").with_suffix("").as_posix().removesuffix("index")
        assert (public_site / url / "index.html").exists() == front_matter_public(page.read_text("utf-8"), "page")[0], page
