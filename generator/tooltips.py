"""Wrap glossary terms in rendered page HTML with ``<abbr title=…>`` so hovering shows their definition."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .model import Term

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_NAME = re.compile(r"^</?\s*([a-zA-Z0-9]+)")
_SKIP = {"a", "abbr", "code", "pre", "kbd", "script", "style", "title", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def term_pattern(terms: Iterable[Term]) -> re.Pattern[str] | None:
    """Return one regex matching every spelling, longest first so 钻石展位 wins over 钻石."""
    words = sorted({w for t in terms for w in t.spellings}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words))) if words else None


def add_tooltips(page_html: str, terms: tuple[Term, ...], pattern: re.Pattern[str] | None = None) -> str:
    """Return ``page_html`` with each term occurrence in ordinary text wrapped in an ``abbr`` tooltip.

    Text inside links, headings, code and diagram sources is left alone: a
    tooltip there would break the link, the anchor or the diagram.
    """
    pattern = pattern or term_pattern(terms)
    if pattern is None:
        return page_html
    titles = {w: html.escape(t.definition, quote=True) for t in terms for w in t.spellings}
    stack: list[bool] = []  # one entry per open element: whether it suppresses tooltips
    out: list[str] = []
    for part in _TAG.split(page_html):
        if part.startswith("<"):
            out.append(part)
            _track(part, stack)
        elif part and not any(stack):
            out.append(pattern.sub(lambda m: f'<abbr title="{titles[m.group()]}">{m.group()}</abbr>', part))
        else:
            out.append(part)
    return "".join(out)


def _track(tag: str, stack: list[bool]) -> None:
    match = _NAME.match(tag)
    if not match or tag.startswith("<!--"):
        return
    name = match.group(1).lower()
    if name in _VOID or tag.endswith("/>"):
        return
    if tag.startswith("</"):
        if stack:
            stack.pop()
        return
    stack.append(name in _SKIP or ('class="mermaid"' in tag))
