"""Escaping of untrusted data text: one function for each place it lands in a generated page.

Every string from the YAML files is treated as hostile: it arrives through pull
requests and readers open the result in their browsers.

| where the text lands                                | function        |
| --------------------------------------------------- | --------------- |
| Markdown inline text (also table cells)             | ``markdown``    |
| HTML text, quoted HTML attributes, tooltip titles   | ``html_text``   |
| settings the theme prints (site name, description)  | ``theme_text``  |
| YAML front matter, printed into HTML by the theme   | ``front_matter``|
| Mermaid node labels                                  | ``mermaid_label``|
| JSON inside an HTML ``<script>`` element            | ``script_json`` |
| plain text (job descriptions pasted into job boards) | ``plain_text``  |
| an HTML attribute holding several lines of text     | ``html_lines``  |

Tooltip titles need no second escape because the handbook's own tooltip script
shows them as text; Material's ``content.tooltips``, which would parse them as
HTML, is refused by the hook.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"""[\\`*_{}\[\]()#+\-.!|<>&~^=:$'"]""")
# '%', '{' and '}' because Mermaid reads %%{init: …}%% anywhere in its source as a configuration
# directive (a theme, CSS that fetches from elsewhere); the rest are label and Markdown-string syntax.
_MERMAID_ENTITIES = {
    "#": "#35;", "*": "#42;", "_": "#95;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", ";": "#59;", "`": "#96;", "\\": "#92;",
    "%": "#37;", "{": "#123;", "}": "#125;",
    # The charts' own mark for added values (generator/site/diagrams.py): in data it is only a character.
    "\u2020": "#8224;",
}
# What YAML cannot hold unescaped (it refuses the whole front matter, and the page loses its title).
_YAML_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


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


def markdown_fragment(text: str) -> str:
    """Return a piece of inline text escaped like ``markdown`` but with its edge spaces kept: the
    catalogue's "{n} 人" must keep the space between the number and 人."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split("\n")))


def html_text(value: object) -> Raw:
    """Return ``value`` escaped for HTML text or a quoted attribute."""
    return Raw(html.escape(str(value), quote=True))


def html_lines(text: str) -> Raw:
    """Return multi-line ``text`` escaped for a quoted HTML attribute, its line breaks as ``&#10;``: a raw
    blank line would end the HTML block Markdown passes through, and the rest would be read as Markdown."""
    return Raw(html.escape(text, quote=True).replace("\r", "").replace("\n", "&#10;"))


def plain_text(value: object) -> str:
    """Return ``value`` as one line of plain text: white space folded, and control and direction-override
    characters dropped, which could reorder or hide what a job board shows."""
    return _PLAIN_UNSAFE.sub("", one_line(str(value)))


def theme_text(value: object) -> Markup:
    """Return ``value`` HTML-escaped once for a setting the theme prints, such as the site name.

    Material prints ``config.site_name`` unescaped in most places and with ``| e`` in a
    few; as Markup, the escaped text is not escaped a second time there ("AT&amp;amp;T").
    """
    return Markup(html.escape(str(value), quote=True))


def front_matter(value: object) -> Raw:
    """Return ``value`` as a YAML front-matter scalar holding HTML-escaped text.

    MkDocs themes print ``page.title`` and ``page.meta`` into HTML without escaping
    them, so the value is escaped for HTML first; JSON strings are valid YAML.
    """
    text = json.dumps(html.escape(one_line(str(value)), quote=True), ensure_ascii=False)
    return Raw(_YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def mermaid_label(text: str) -> str:
    """Return the inside of a quoted Mermaid label: one line, every character Mermaid or HTML reads as syntax entity-coded."""
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in one_line(text))


def script_json(value: object) -> Raw:
    """Return ``value`` as JSON that can sit inside an HTML ``<script>`` element: no ``</script>``,
    ``<!--`` or line separator in it can end the element or the string."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return Raw(re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text))
