"""A real headless Chromium (Debian's, driven by Playwright) against a built site served on 127.0.0.1.

Playwright's own browser download needs the internet, so the system Chromium is
used through ``executable_path``. Every request that would leave 127.0.0.1 is
blocked and recorded, so a test can assert the site works offline.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HOW_TO_ENABLE = "run `make browser` (Debian's chromium and fonts-noto-cjk), or set HANDBOOK_CHROMIUM to a Chromium or Chrome binary"
UNAVAILABLE = "browser tests did not run"
"""How every skip for want of a browser starts, so the end of the run can count them (tests/conftest.py)."""
_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


_MAC_APPS = ("/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")


def chromium_path() -> str | None:
    """Return the Chromium binary to drive: $HANDBOOK_CHROMIUM, else the first one on PATH or in the usual places."""
    explicit = os.environ.get("HANDBOOK_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return next((app for app in _MAC_APPS if Path(app).exists()), None)


def unavailable(reason: str) -> None:
    """Skip the browser tests locally; in CI they must run, so a missing browser fails instead."""
    message = f"{UNAVAILABLE}: {reason}; {HOW_TO_ENABLE}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {message}", pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int) -> bytes:
    """A file's gzip form, made once per version of the file, as a server with precompressed files
    (nginx gzip_static) sends it: timings then count the transfer, not this server's compression."""
    return gzip.compress(Path(path).read_bytes(), mtime=0)


class _CompressingHandler(_QuietHandler):
    """Serves text files gzip-compressed when the browser accepts it, as any production web server does;
    page-weight measurements (make bench) would otherwise count bytes no reader downloads."""

    _TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not (path.endswith(self._TEXT) and os.path.isfile(path) and "gzip" in self.headers.get("Accept-Encoding", "")
                and self.path.split("?")[0].endswith(("/", *self._TEXT))):
            return super().send_head()
        body = _compressed(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closing a connection early (next page, aborted prefetch) is not a failure


@contextmanager
def serve(site: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) and yield its base URL, ending in '/'; ``compress``: gzip text as web servers do."""
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Watch:
    """What one browser page did: requests it tried to make elsewhere, console errors, uncaught exceptions."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.blocked.clear()
        self.errors.clear()


# The local test server's own hiccups (a reset or dropped keep-alive socket while a lazily loaded image or
# chart is fetched): not the site's. A missing file is still an error ("… status of 404").
_TRANSPORT = ("net::ERR_CONNECTION_RESET", "net::ERR_SOCKET_NOT_CONNECTED", "net::ERR_EMPTY_RESPONSE")


def _transport(text: str) -> bool:
    return text.startswith("Failed to load resource: net::") and text.endswith(_TRANSPORT)


def watch_page(context, page) -> Watch:
    """Block every request that is not to 127.0.0.1 and record it, with console errors and page errors."""
    seen = Watch()

    def route(r) -> None:
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:
            seen.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: seen.errors.append(f"console: {msg.text}") if msg.type == "error" and not _transport(msg.text) else None)
    page.on("pageerror", lambda exc: seen.errors.append(f"pageerror: {exc}"))
    return seen


# Mermaid marks a processed block with data-processed; on a syntax error it draws an error SVG instead of the chart.
WAIT_FOR_DIAGRAMS = """() => [...document.querySelectorAll('div.mermaid')].every(d => d.getAttribute('data-processed') === 'true')"""
DIAGRAM_REPORT = """() => [...document.querySelectorAll('div.mermaid')].map(d => ({
    svg: !!d.querySelector('svg'),
    error: /Syntax error|Parse error|mermaid version/i.test(d.textContent) || !!d.querySelector('.error-icon'),
    raw: /flowchart (TB|LR)|classDef|click [pdm]_/.test(d.innerText),
    nodes: d.querySelectorAll('svg g.node').length,
}))"""


# What search is meant to cover: the article without diagrams and without the two sections the
# templates mark data-search-exclude (the onboarding summary and the source list repeat other text;
# Material drops the attribute from the page, so they are named here by their fixed anchors).
ARTICLE_TEXT = """() => {
    const a = document.querySelector('article').cloneNode(true);
    a.querySelectorAll('.mermaid, .headerlink').forEach(e => e.remove());
    // What the search index holds: the sections the generator keeps out of it are not read (the attribute
    // that says so is gone by the time the page is served).
    for (const h of [...a.querySelectorAll('h2#onboarding, h2#first-weeks, h2#sources')]) {
        let next = h.nextElementSibling;
        while (next && !/^H[12]$/.test(next.tagName)) { const gone = next; next = next.nextElementSibling; gone.remove(); }
        h.remove();
    }
    return a.innerText;
}"""
META = """() => Object.fromEntries([...document.querySelectorAll('meta[name], meta[property]')]
    .map(m => [m.getAttribute('name') || m.getAttribute('property'), m.getAttribute('content')]))"""
H1 = """() => { const h = document.querySelector('article h1').cloneNode(true); h.querySelectorAll('.headerlink').forEach(e => e.remove()); return h.innerText.trim(); }"""
# Material's own words for the search states, in the page's language.
_SEARCH_STATE = """() => {
    const t = JSON.parse(document.getElementById('__config').textContent).translations;
    const meta = document.querySelector('.md-search-result__meta').textContent.trim();
    return {meta, idle: [t['search.result.placeholder'], t['search.result.initializer']].includes(meta)};
}"""


def site_urls(site: Path) -> list[str]:
    """Return the URL (relative to the site root) of every page of a built site."""
    urls = []
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).parent.as_posix()
        if rel.split("/")[0] not in ("assets", "search"):
            urls.append("" if rel == "." else f"{rel}/")
    return urls


def show_diagrams(page, timeout: int = 20_000) -> None:
    """Scroll to each chart as a reader would (Mermaid is fetched only when one nears the viewport), then
    wait until every chart is drawn, and return to the top."""
    charts = page.locator("div.mermaid")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(WAIT_FOR_DIAGRAMS, timeout=timeout)
    page.evaluate("() => window.scrollTo(0, 0)")


def open_page(page, url: str) -> None:
    """Open ``url`` and wait until every chart on it is drawn."""
    page.goto(url)
    show_diagrams(page)


def visit_all(browser, base: str, site: Path, locale: str = "zh-CN") -> dict[str, dict]:
    """Open every page of a site once and record what the reader got."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    seen = watch_page(context, page)
    out = {}
    for url in site_urls(site):
        seen.clear()
        open_page(page, base + url)
        landed = urlsplit(page.url).path.removeprefix(urlsplit(base).path)
        out[url] = {
            # The page the reader ends up on: another one for the forwarding page of a former id.
            "landed": landed,
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


def pages_of_their_own(visits: dict[str, dict]) -> dict[str, dict]:
    """Return the visits that stayed on their page: not the forwarding pages of former ids (their reader is
    shown the new page, checked as that page)."""
    return {url: v for url, v in visits.items() if v["landed"] == url}


def redirect_problems(visits: dict[str, dict]) -> list[str]:
    """Every page that forwards the reader lands on a page of its own of the same site."""
    own = pages_of_their_own(visits)
    return [f"/{url}: forwards to /{v['landed']}, which is not a page of the site" for url, v in visits.items() if url not in own and v["landed"] not in own]


def page_problems(visits: dict[str, dict]) -> list[str]:
    """Every chart drawn (no Mermaid error, no source shown), no request elsewhere, no console error."""
    problems: list[str] = []
    for url, seen in visits.items():
        for i, d in enumerate(seen["diagrams"]):
            if not d["svg"] or d["error"] or d["raw"]:
                problems.append(f"/{url} diagram {i}: {d}")
        if "flowchart TB" in seen["body"] or "classDef" in seen["body"]:
            problems.append(f"/{url}: diagram source visible")
        problems += [f"/{url}: request left the site: {r}" for r in seen["blocked"]]
        problems += [f"/{url}: {e}" for e in seen["errors"]]
    return problems


def search(page, query: str) -> tuple[str, list[str]]:
    """Type ``query`` into the search box; return the result count line and the result pages' paths, best first."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function(f"() => ({_SEARCH_STATE})().idle")
    # A Chinese input method commits text without key events; Material searches on the key
    # that follows (the space or digit that picks the candidate). End stands in for it.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function(f"() => !({_SEARCH_STATE})().idle")
    meta = page.evaluate(_SEARCH_STATE)["meta"]
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
    return meta, list(dict.fromkeys(urlsplit(h).path for h in hrefs))


def search_problems(page, queries: dict[str, str], texts: dict[str, str]) -> list[str]:
    """For each query (a title, name or term → the page it belongs to): every page whose text holds it is
    found, and no page that lacks the whole query is listed above the query's own page."""
    problems = []
    for query, home in queries.items():
        _, found = search(page, query)
        expected = {url for url, text in texts.items() if query in text}
        if home not in expected:
            problems.append(f"{query}: its own page {home} does not show it")
        if not expected <= set(found):
            problems.append(f"{query}: not found on {sorted(expected - set(found))}")
        above = found[: found.index(home)] if home in found else found
        partial = [url for url in above if query not in texts.get(url, "")]
        if partial:
            problems.append(f"{query}: {partial} rank above {home} without containing it")
    return problems
