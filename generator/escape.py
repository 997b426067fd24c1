"""Escaping of untrusted data text for each place it lands in a generated page."""

from __future__ import annotations

import html
import json
import re

_MD_SPECIAL = re.compile(r"""[\\`*_{}\[\]()#+\-.!|<>&~^=:$'"]""")


class Raw(str):
    """Text that is already safe where it is placed; templates output it unchanged."""


def one_line(text: str) -> str:
    """Return ``text`` with every run of white space, newlines included, folded to one space."""
    return " ".join(str(text).split())


def markdown(value: object) -> str:
    """Return ``value`` as inert inline Markdown: one line, every syntax character as an HTML entity.

    Entities render as the character itself, but neither Markdown nor HTML reads
    them as syntax, so a title like ``*a* <b>`` shows exactly as typed.
    """
    if isinstance(value, Raw):
        return value
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", one_line(str(value)))


def html_text(value: object) -> Raw:
    """Return ``value`` escaped for HTML text or a quoted attribute."""
    return Raw(html.escape(str(value), quote=True))


def front_matter(value: object) -> Raw:
    """Return ``value`` as a YAML front-matter scalar holding HTML-escaped text.

    MkDocs themes print ``page.title`` and ``page.meta`` into HTML without escaping
    them, so the value is escaped for HTML first; JSON strings are valid YAML.
    """
    return Raw(json.dumps(html.escape(one_line(str(value)), quote=True), ensure_ascii=False))
