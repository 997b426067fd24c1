"""A generated organisation of hundreds of positions: every chart stays within the node budget and renders."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from browser import DIAGRAM_REPORT, WAIT_FOR_DIAGRAMS, serve, watch_page
from generator.site.flowchart import NODE_BUDGET
from generator.pipeline import build_model
from generator.site.render import render
from generator.urls import page_url
from site_project import ROOT
from synthetic_org import write_org

pytestmark = pytest.mark.slow


POSITIONS = 600
MAX_SOURCE = 50_000
"""Mermaid's maxTextSize: it refuses to draw a longer source."""
_DIAGRAM = re.compile(r'<div class="mermaid"[^>]*>\n(.*?)</div>', re.S)
_NODE = re.compile(r"^[pdm]_[a-z0-9_]+\[", re.M)
_CLICK = re.compile(r'^click [pdm]_[a-z0-9_]+ href "([^"#]*)(#[^"]*)?"$', re.M)
_ANCHOR = re.compile(r"\{#([a-z0-9-]+)\}")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("large") / "data"
    summary = write_org(data, POSITIONS)
    assert summary["departments"] > NODE_BUDGET and summary["max_depth"] >= 4
    model = build_model(data)
    return model, render(model)


def _charts(pages: dict[str, str]) -> dict[str, list[str]]:
    return {path: [html.unescape(s) for s in _DIAGRAM.findall(text)] for path, text in pages.items() if path.endswith(".md")}


def test_every_chart_keeps_within_the_budget_and_links_to_real_pages(large) -> None:
    model, pages = large
    urls = {page_url(path): path for path in pages if path.endswith(".md")}
    problems = []
    for path, sources in _charts(pages).items():
        here = page_url(path)
        for source in sources:
            nodes = len(_NODE.findall(source))
            if nodes > NODE_BUDGET or len(source) > MAX_SOURCE:
                problems.append(f"{path}: {nodes} nodes, {len(source)} characters")
            for target, anchor in _CLICK.findall(source):
                resolved = page_url(_resolve(here, target) + "index.md") if target != "./" else here
                if resolved not in urls:
                    problems.append(f"{path}: chart links to missing page {target}")
                elif anchor and f"{{#{anchor[1:]}}}" not in pages[urls[resolved]]:
                    problems.append(f"{path}: chart links to missing anchor {target}{anchor}")
    assert problems == []
    charts = [s for sources in _charts(pages).values() for s in sources]
    assert len(charts) >= len(model.positions) + len(model.departments), "every position and department page has a chart"
    assert all(_NODE.search(s) and _CLICK.search(s) for s in charts), "a chart without boxes or links would pass the checks above"
    company = _charts(pages)["org-chart.md"][0]
    assert "m_" in company, "the company chart of a large organisation folds its deeper levels"
    # Folding hides nothing from the reader: the text outline on the same page lists every department.
    for dept in model.departments.values():
        assert f"(departments/{dept.id}/index.md)" in pages["org-chart.md"]


def _resolve(here: str, target: str) -> str:
    parts = [p for p in here.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


def test_the_biggest_charts_render_in_chromium(large, chromium, tmp_path: Path) -> None:
    model, pages = large
    charts = _charts(pages)
    busiest = sorted(model.positions.values(), key=lambda p: (-len(model.direct_reports(p.id)), -len(model.chain(p.id)), p.id))[:25]
    chosen = ["org-chart.md", *(f"departments/{d}/index.md" for d in model.departments), *(f"positions/{p.id}.md" for p in busiest)]
    sources = [s for path in chosen for s in charts[path]]
    vendor = tmp_path / "mermaid.min.js"
    shutil.copy(ROOT / "docs" / "assets" / "vendor" / "mermaid.min.js", vendor)
    blocks = "\n".join(f'<div class="mermaid">\n{html.escape(s)}</div>' for s in sources)
    # The same Mermaid build and settings as the site (mkdocs.yml), without the rest of the page.
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><script src="mermaid.min.js"></script>'
        '<script>mermaid.initialize({startOnLoad: true, securityLevel: "strict", flowchart: {htmlLabels: true, useMaxWidth: true}});</script>'
        f"<body>{blocks}</body>",
        "utf-8",
    )
    context = chromium.new_context()
    page = context.new_page()
    seen = watch_page(context, page)
    with serve(tmp_path) as base:
        page.goto(base)
        page.wait_for_function(WAIT_FOR_DIAGRAMS, timeout=180_000)
        report = page.evaluate(DIAGRAM_REPORT)
    context.close()
    assert len(report) == len(sources) > len(model.departments)
    bad = [(chosen_i, r) for chosen_i, r in enumerate(report) if not r["svg"] or r["error"] or r["raw"] or not 0 < r["nodes"] <= NODE_BUDGET]
    assert bad == []
    assert seen.blocked == [] and seen.errors == []
