"""The generator adds mermaid2's scripts to its own chart pages instead of letting mermaid2 re-read them: the same
scripts mermaid2 would add, from mermaid2's own settings; pages it cannot vouch for are still mermaid2's."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mermaid2 import pyjs
from mkdocs.config import load_config

from generator.site import mermaid
from site_project import make_project, mkdocs_build

from conftest import FIXTURES

PAGE = '<html><body><article><div class="mermaid">flowchart TB\na --> b</div></article>\n</body>\n</html>'


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>.*?</script>", html, re.S)


@pytest.mark.parametrize("url", ["positions/designer/", "", "org-chart/"])
def test_the_scripts_are_the_ones_mermaid2_adds(tmp_path: Path, url: str) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["mermaid2"]
    plugin.on_config(config)
    theirs = plugin.on_post_page(PAGE, config=config, page=SimpleNamespace(title="x", url=url))
    token = "hb-chart-test"
    deferred = mermaid.defer(PAGE, token)
    assert deferred is not None and "mermaid" not in deferred
    # mermaid2 passes a page without its mark by, untouched.
    assert plugin.on_post_page(deferred, config=config, page=SimpleNamespace(title="x", url=url)) == deferred
    ours = mermaid.finish(deferred, token, mermaid.scripts(plugin.javascript, url, pyjs.dumps(plugin.mermaid_args)))
    assert _scripts(ours) == _scripts(theirs) and len(_scripts(ours)) == 2
    assert '<div class="mermaid">' in ours


@pytest.mark.parametrize("html", [
    '<pre><code class="language-mermaid">flowchart TB</code></pre><div class="mermaid">x</div>',  # a Markdown fence: mermaid2 converts it
    '<div class="mermaid">x</div> hb-chart-test',  # the mark is already in the text
    "<p>no chart</p>",
])
def test_pages_the_generator_cannot_vouch_for_stay_mermaid2s(html: str) -> None:
    assert mermaid.defer(html, "hb-chart-test") is None


@pytest.mark.slow
def test_a_handwritten_fence_is_still_drawn(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    (project / "docs" / "flow.md").write_text("# 流程\n\n```mermaid\nflowchart TB\n  a --> b\n```\n", "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "flow" / "index.html").read_text("utf-8")
    assert '<div class="mermaid">' in page and page.count("mermaid-loader.js") == 1
    generated = (project / "site" / "positions" / "designer" / "index.html").read_text("utf-8")
    assert generated.count('<div class="mermaid"') >= 1 and generated.count("mermaid-loader.js") == 1 and "hb-chart-" not in generated
