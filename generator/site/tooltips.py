"""Wrap glossary terms in rendered page HTML with ``<abbr title=…>`` so hovering shows their definition.

Only text nodes are touched. Character references are decoded before matching
(a term ``45`` must not split ``&#45;``) and text is re-escaped around each
match; the contents of raw-text elements (script, style, title …), links,
headings, code and diagram sources pass through unchanged.

The definition goes into the ``title`` attribute of a term's first occurrence
on the page, escaped once; later occurrences name the term (``data-term``), so
a page holds each definition once however often the term appears. The
handbook's own script (``overrides/assets/javascripts/glossary.js``) shows it
as text; Material's ``content.tooltips`` would insert it into the page as HTML,
which is why the hook refuses that feature.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from ..escape import html_text
from ..model.records import Term
from ..wordmatch import longest_first

# A comment, a doctype or processing instruction, or a tag whose quoted attribute values may hold '>'.
_TOKEN = re.compile(r"""<!--.*?-->|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_NAME = re.compile(r"^<(/?)([A-Za-z][^\s/>]*)")
_RAW = {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "template"}
"""Elements whose content is not parsed as markup: passed through up to their end tag."""
_SKIP = {"a", "abbr", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "math", "button", "select", "option", "label", "dfn"}
"""Elements whose text must stay as it is: a tooltip would break a link, an anchor or a control."""
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_MERMAID = re.compile(r"""\bclass\s*=\s*["'][^"']*\bmermaid\b""")


class Tooltips:
    """The glossary's tooltips, prepared once per build: one matcher and one table of definitions for every page."""

    def __init__(self, terms: Iterable[Term]) -> None:
        terms = tuple(terms)
        # One regex matching every spelling, longest first so 钻石展位 wins over 钻石, in time linear in the text.
        self.pattern = longest_first(w for t in terms for w in t.spellings)
        self.titles: dict[str, tuple[str, str]] = {w: (t.id, html_text(t.definition)) for t in terms for w in t.spellings}

    def add(self, page_html: str) -> str:
        """Return ``page_html`` with each term occurrence in ordinary text wrapped in an ``abbr`` tooltip."""
        if self.pattern is None:
            return page_html
        return _add(page_html, self.pattern, self.titles)


def add_tooltips(page_html: str, terms: tuple[Term, ...]) -> str:
    """Return ``page_html`` with the tooltips of ``terms`` (for one page; a build prepares ``Tooltips`` once)."""
    return Tooltips(terms).add(page_html)


def _add(page_html: str, pattern: re.Pattern[str], titles: dict[str, tuple[str, str]]) -> str:
    seen: set[str] = set()
    out: list[str] = []
    skipping: Counter[str] = Counter()
    inside = 0  # sum of skipping's counts: whether any skipped element is open, without summing per text node
    pos, end = 0, len(page_html)
    while pos < end:
        match = _TOKEN.search(page_html, pos)
        text = page_html[pos : match.start() if match else end]
        out.append(text if inside or not text else _wrap(text, pattern, titles, seen))
        if not match:
            break
        tag = match.group()
        out.append(tag)
        pos = match.end()
        name_match = _NAME.match(tag)
        if not name_match:
            continue  # comment, doctype
        closing, name = name_match.group(1) == "/", name_match.group(2).lower()
        raw_end = None
        if not closing and name in _RAW:
            raw_end = re.compile(rf"</{re.escape(name)}\s*>", re.I)
        elif not closing and name == "div" and _MERMAID.search(tag):
            raw_end = re.compile(r"</div\s*>", re.I)  # diagram source: escaped text, no tags inside
        if raw_end is not None:
            stop = raw_end.search(page_html, pos)
            pos = stop.start() if stop else end
            out.append(page_html[match.end() : pos])
        elif name in _SKIP and name not in _VOID:
            if closing:
                if skipping[name] > 0:
                    skipping[name] -= 1
                    inside -= 1
            elif not tag.endswith("/>"):
                skipping[name] += 1
                inside += 1
    return "".join(out)


def _wrap(text: str, pattern: re.Pattern[str], titles: dict[str, tuple[str, str]], seen: set[str]) -> str:
    plain = html.unescape(text)
    if not pattern.search(plain):
        return text
    out: list[str] = []
    last = 0
    for m in pattern.finditer(plain):
        out.append(html_text(plain[last : m.start()]))
        term_id, definition = titles[m.group()]
        # The first occurrence carries the definition and is reachable by keyboard; later ones refer to it.
        first = "" if term_id in seen else f' title="{definition}" tabindex="0"'
        seen.add(term_id)
        out.append(f'<abbr data-term="{html_text(term_id)}"{first}>{html_text(m.group())}</abbr>')
        last = m.end()
    out.append(html_text(plain[last:]))
    return "".join(out)
