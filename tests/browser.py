"""A real headless Chromium (Debian's, driven by Playwright) against a built site served on 127.0.0.1.

Playwright's own browser download needs the internet, so the system Chromium is
used through ``executable_path``. Every request that would leave 127.0.0.1 is
blocked and recorded, so a test can assert the site works offline.
"""

from __future__ import annotations

import functools
import http.server
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
HOW_TO_ENABLE = (
    "browser tests need Chromium and Playwright for Python: `apt-get install chromium fonts-noto-cjk` and "
    "`make test` (which installs playwright); or point HANDBOOK_CHROMIUM at a Chromium binary"
)
_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def chromium_path() -> str | None:
    """Return the Chromium binary to drive: $HANDBOOK_CHROMIUM, else the first one on PATH."""
    explicit = os.environ.get("HANDBOOK_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(reason: str) -> None:
    """Skip the browser tests locally; in CI they must run, so a missing browser fails instead."""
    message = f"{reason}; {HOW_TO_ENABLE}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {message}", pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closing a connection early (next page, aborted prefetch) is not a failure


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) and yield its base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(site))
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
    page.on("console", lambda msg: seen.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
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
