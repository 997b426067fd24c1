"""Interface strings, one catalogue per language (``generator/catalogues/<language>.yml``).

Every word a page, chart, navigation label or redirect page shows that does not
come from the data lives in a catalogue, under a dotted key. Placeholders are
written ``{name}``. Catalogue text is escaped like data, so a translator cannot
break a page; values passed in are escaped too unless they are already Markdown
(``Raw``), such as links built by the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .escape import Raw, markdown, markdown_fragment

LANGUAGES = ("zh", "en")
"""Interface languages, the first the default."""
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Catalogue:
    """The interface strings of one language."""

    language: str
    strings: dict[str, str]

    def _pick(self, key: str, values: dict[str, object]) -> str:
        """Return the string of ``key``, or of its plural form for ``values['n']`` (``key.one`` / ``key.other``)."""
        if key in self.strings:
            return self.strings[key]
        return self.strings[f"{key}.one" if values.get("n") == 1 else f"{key}.other"]

    def text(self, key: str, **values: object) -> str:
        """Return the string ``key`` as plain text, placeholders filled with ``values`` as given."""
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self._pick(key, values))

    def md(self, key: str, **values: object) -> Raw:
        """Return the string ``key`` as inline Markdown: its own text and every value escaped, Raw values kept."""
        parts = _PLACEHOLDER.split(self._pick(key, values))
        # split() alternates literal text and placeholder names.
        return Raw("".join(markdown_fragment(part) if i % 2 == 0 else markdown(values[part]) for i, part in enumerate(parts)))

    def keys(self) -> set[str]:
        """Return every key, plural forms under their common key."""
        return {re.sub(r"\.(one|other)$", "", k) for k in self.strings}

    def placeholders(self, key: str) -> set[str]:
        """Return the placeholder names of ``key`` (of all its plural forms)."""
        forms = [v for k, v in self.strings.items() if k == key or re.fullmatch(re.escape(key) + r"\.(one|other)", k)]
        return {name for form in forms for name in _PLACEHOLDER.findall(form)}


@cache
def catalogue(language: str) -> Catalogue:
    """Return the catalogue of ``language`` (one of LANGUAGES)."""
    text = resources.files(__package__).joinpath("catalogues", f"{language}.yml").read_text("utf-8")
    return Catalogue(language, {str(k): str(v) for k, v in yaml.safe_load(text).items()})
