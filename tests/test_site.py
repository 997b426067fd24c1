"""End to end: the sample handbook builds with --strict, and the built pages hold what readers need."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.load import load
from generator.validate import validate
from site_project import ROOT, env, make_project, mkdocs_build

from conftest import FIXTURES

SECTION_ANCHORS = ["responsibilities", "requirements", "kpis", "collaboration", "escalation", "tools", "reporting-line", "sources"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append((tag, a[key] or ""))


def _tags(path: Path) -> list[tuple[str, dict]]:
    tags: list[tuple[str, dict]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append((tag, dict(attrs)))  # type: ignore[method-assign]
    parser.feed(path.read_text("utf-8"))
    return tags


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def model():
    return validate(load(ROOT / "data"))


def test_every_position_and_department_has_a_stable_page(sample_site: Path, model) -> None:
    site = sample_site / "site"
    for pos in model.positions.values():
        page = site / "positions" / pos.id / "index.html"
        links = _parse(page)
        assert set(SECTION_ANCHORS) <= links.ids, pos.id
        assert f"<title>{pos.title} - " in page.read_text("utf-8")
    for dept in model.departments.values():
        html = (site / "departments" / dept.id / "index.html").read_text("utf-8")
        assert 'id="functions"' in html and 'id="positions"' in html, dept.id
        assert dept.name in html


def test_all_internal_links_and_anchors_resolve(sample_site: Path) -> None:
    site = sample_site / "site"
    broken = []
    for page in site.rglob("*.html"):
        for _tag, ref in _parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("#", "mailto:", "data:")):
                continue
            base = site if parts.path.startswith("/") else page.parent  # 404.html links from the root
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in _parse(target).ids:
                broken.append(f"{page.relative_to(site)}: {ref} (no anchor)")
    assert broken == []


def test_nothing_is_loaded_from_outside_the_site(sample_site: Path) -> None:
    site = sample_site / "site"
    for page in site.rglob("*.html"):
        for tag, attrs in _tags(page):
            # A canonical link names the page's published address; browsers do not fetch it.
            if tag in ("script", "link", "img", "iframe", "source", "video", "audio") and attrs.get("rel") != "canonical":
                ref = attrs.get("src") or attrs.get("href") or ""
                assert not urlsplit(ref).netloc and not ref.startswith("//"), f"{page}: {ref}"
    assert not any("fonts.googleapis" in p.read_text("utf-8") for p in site.rglob("*.html"))


def test_repository_link_fetches_nothing_and_pages_carry_only_their_nav_branch(sample_site: Path, model) -> None:
    html = (sample_site / "site" / "index.html").read_text("utf-8")
    # Material's data-md-component="source" makes the browser ask the GitHub/GitLab API for star counts.
    assert 'class="md-source"' in html and 'data-md-component="source"' not in html
    # navigation.prune: the home page lists departments, not every position of the company.
    listed = [p for p in model.positions.values() if f'href="positions/{p.id}/"' in html]
    assert len(listed) < len(model.positions) // 2


def test_diagrams_use_the_local_mermaid_and_are_clickable(sample_site: Path, model) -> None:
    site = sample_site / "site"
    pos = next(iter(model.positions.values()))
    html = (site / "positions" / pos.id / "index.html").read_text("utf-8")
    assert f'<div aria-label="{pos.title}的汇报关系图，文字版见上方汇报链与直接下属" class="mermaid" data-search-exclude="" role="figure">' in html
    assert '<script src="../../assets/vendor/mermaid.min.js"></script>' in html
    assert (site / "assets" / "vendor" / "mermaid.min.js").stat().st_size > 1_000_000
    chart = (site / "org-chart" / "index.html").read_text("utf-8")
    for dept in model.departments.values():
        assert f"click d_{dept.id.replace('-', '_')} href \"../departments/{dept.id}/\"" in chart


def test_search_index_is_segmented_and_skips_diagram_source(sample_site: Path, model) -> None:
    index = json.loads((sample_site / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"]
    texts = [doc["text"] for doc in index["docs"]]
    assert not any("flowchart" in t or "click p_" in t for t in texts)
    separator = re.compile(index["config"]["separator"])
    tokens = {tok for t in texts + [d["title"] for d in index["docs"]] for tok in separator.split(t) if tok}
    # Every title, name and term is a search word of its own, however it is embedded in a sentence;
    # one that contains others (售后客服 holds 售后 and 客服) is cut at their edges so each is found.
    words = {w for w in _known_words(model) if re.fullmatch(r"[\u4e00-\u9fff]{2,}", w)}
    for word in words:
        inner = {w for w in words if w != word and w in word}
        smallest = {w for w in inner if not any(v != w and v in w for v in inner)}
        assert (smallest <= tokens) if inner else (word in tokens), word


def _known_words(model) -> list[str]:
    words = [w for p in model.positions.values() for w in (p.title, *p.other_titles)]
    words += [w for d in model.departments.values() for w in (d.name, *d.other_names)]
    return words + [s for t in model.glossary for s in t.spellings]


def test_handwritten_pages_are_kept_and_listed(sample_site: Path) -> None:
    assert (sample_site / "site" / "about" / "index.html").exists()
    assert (sample_site / "docs" / "about.md").read_bytes() == (ROOT / "docs" / "about.md").read_bytes()
    assert "关于本手册" in (sample_site / "site" / "index.html").read_text("utf-8")  # in the navigation


def test_failed_build_keeps_previous_site_and_reports_one_line_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    make = ["make", "-s", f"VENV={ROOT / '.venv'}", "-o", str(ROOT / ".venv" / ".installed"), "-o", "docs/assets/vendor/.mermaid-11.12.2"]
    ok = subprocess.run([*make, "build"], cwd=project, env=env(), capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    designer = project / "data" / "positions" / "designer.yml"
    designer.write_text(designer.read_text("utf-8").replace("department: art", "department: nowhere"), "utf-8")
    bad = subprocess.run([*make, "build"], cwd=project, env=env(), capture_output=True, text=True)
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr
    assert "data/positions/designer.yml:2:13: department: no department 'nowhere'" in bad.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (project / "site.tmp").exists()


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
    for path in (project / "data" / "positions" / "designer.yml", project / "data" / "departments" / "art.yml"):
        text = path.read_text("utf-8")
        key = "title: 美工" if "positions" in str(path) else "name: 美工组"
        path.write_text(text.replace(key, key.split(":")[0] + ": " + json.dumps(HOSTILE_TITLE)), "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in site.rglob("*.html"):
        tags = _tags(page)
        assert not any("onerror" in attrs for _, attrs in tags), page
        assert not any(attrs.get("href") == "http://e.example" for _, attrs in tags), page
    html = (site / "positions" / "designer" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("&#60;", "&lt;").replace("&#62;", "&gt;")


def test_chinese_headings_keep_readable_anchors(sample_site: Path) -> None:
    ids = _parse(sample_site / "site" / "about" / "index.html").ids
    assert "数据与页面的对应关系" in ids
    assert not any(re.fullmatch(r"_\d+", i) for i in ids)


def test_every_data_file_points_editors_at_its_schema() -> None:
    files = sorted((ROOT / "data").rglob("*.yml"))
    assert len(files) > 20
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        kind = path.stem if path.parent.name == "data" else path.parent.name[:-1]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema == (ROOT / "generator" / "schemas" / f"{kind}.schema.json").resolve(), path


def test_every_page_of_the_data_is_reachable_from_the_navigation(sample_site: Path, model) -> None:
    # Each page carries only its open branch of the navigation (navigation.prune), so follow it
    # from the home page the way a reader clicks through sections.
    site = sample_site / "site"
    urls: set[str] = set()
    queue = [""]
    while queue:
        url = queue.pop()
        for tag, a in _tags(site / url / "index.html"):
            if tag == "a" and "md-nav__link" in (a.get("class") or ""):
                target = urlsplit(urljoin(f"http://site/{url}", a.get("href") or "")).path.lstrip("/")
                if target not in urls and (site / target / "index.html").exists():
                    urls.add(target)
                    queue.append(target)
    expected = {f"positions/{i}/" for i in model.positions} | {f"departments/{i}/" for i in model.departments}
    expected |= {f"plans/{i}/" for i in model.plans} | {"plans/", "glossary/", "sources/", "org-chart/", "positions/", "departments/"}
    assert expected - urls == set()
    assert len(model.plans) >= 4 and len(model.glossary) >= 25


def test_glossary_terms_get_tooltips_and_whole_word_search(sample_site: Path, model) -> None:
    site = sample_site / "site"
    term = next(t for t in model.glossary if t.term == "直通车")
    pages_with_tooltip = [p for p in site.rglob("*.html") if f">{term.term}</abbr>" in p.read_text("utf-8")]
    assert len(pages_with_tooltip) >= 3


def test_plan_pages_show_totals_and_comparison(sample_site: Path, model) -> None:
    site = sample_site / "site"
    comparison = (site / "plans" / "index.html").read_text("utf-8")
    for plan in model.plans.values():
        page = (site / "plans" / plan.id / "index.html").read_text("utf-8")
        assert 'class="mermaid" data-search-exclude="" role="figure"' in page
        assert f"<strong>{plan.total}" in page
        assert plan.name in comparison
