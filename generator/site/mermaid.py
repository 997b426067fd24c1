"""mermaid2's work on a page, done without re-reading the page: its scripts added after the theme has written it.

mermaid2 re-parses every page that holds a chart with BeautifulSoup and writes it out again, to find
the charts and add two scripts at the end of the body: two thirds of a large build. The generator
knows which pages hold its charts, so the hook hides their mark from mermaid2 (which then passes the
page by) and adds the same scripts, built from mermaid2's own settings, to the page as the theme wrote
it. Pages the generator cannot vouch for (a hand-written page with a Markdown mermaid fence, which
mermaid2 turns into a chart) are left to mermaid2.
"""

from __future__ import annotations

import posixpath

CHART = 'class="mermaid"'
"""How the generator marks a chart (generator/templates/_macros.md.j2), and how mermaid2 finds one."""
_FENCES = ("language-mermaid", 'code class="mermaid"', "pre.mermaid", '<pre class="mermaid"')


def defer(html: str, token: str) -> str | None:
    """Return the article with its charts marked by ``token`` instead, so mermaid2 skips it; None when it must see it."""
    if CHART not in html or token in html or any(fence in html for fence in _FENCES):
        return None
    return html.replace(CHART, f'class="{token}"')


def finish(html: str, token: str, scripts: str) -> str:
    """Return the written page with its charts marked again and ``scripts`` at the end of its body."""
    html = html.replace(f'class="{token}"', CHART)
    end = html.rfind("</body>")
    return html[:end] + scripts + html[end:] if end >= 0 else html + scripts


def scripts(javascript: str, page_url: str, arguments_js: str) -> str:
    """Return the two scripts mermaid2 adds to a page with charts (its library, then ``mermaid.initialize``)."""
    if not javascript.startswith("http"):
        # As mermaid2 does: a local library relative to the page's own folder.
        javascript = posixpath.relpath(javascript, posixpath.dirname(page_url) or ".")
    if javascript.endswith(".mjs"):
        return f'<script type="module">import mermaid from "{javascript}";\nmermaid.initialize({arguments_js});</script>'
    return f'<script src="{javascript}"></script><script>mermaid.initialize({arguments_js});</script>'
