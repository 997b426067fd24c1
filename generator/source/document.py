"""One data file as the later stages see it: plain data, with the line and column of every value and key.

Also what handbook text may hold: no control characters, no direction overrides, something visible.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..errors import DataError

Path = tuple[str | int, ...]
"""Where a value sits in a file: field names and list indexes from the top (``('openings', 0, 'count')``)."""

# Never meaningful in handbook text, and each does harm: control characters break YAML front
# matter and terminals, bidirectional overrides make text read differently than it is stored.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f]")
# Unicode's default-ignorable code points (DerivedCoreProperties.txt) and blank-looking letters:
# a title made of these alone renders as nothing, so its links and headings are invisible.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


@dataclass
class Document:
    """The parsed content of one data file plus the position of each value and key in it."""

    path: str
    """File name as shown in error messages."""
    data: Any
    """Plain Python data: dicts, lists, str, int, float, bool, None."""
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of the value at each path; ``()`` is the document itself."""
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of the mapping key that introduces each path."""
    has_float: bool = False
    """Whether any value is a decimal number: JSON Schema counts 1.0 as an integer, the handbook does not."""
    invalid: set[Path] = field(default_factory=set)
    """Paths whose values broke the schema; checks across files skip them (their error is already reported)."""

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Return the best known (line, column) for a path, falling back to its nearest parent."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def error(self, path: Path, message: str, *, key: bool = False) -> DataError:
        """Return a DataError located at the value (or key) at ``path``."""
        line, column = self.where(path, key=key)
        return DataError(self.path, line, column, format_path(path), message)

    def is_valid(self, path: Path) -> bool:
        """Return whether no part of ``path`` failed the schema."""
        return not any(path[:n] in self.invalid for n in range(len(path) + 1))


def format_path(path: Path) -> str:
    """Return ``a.b[0].c`` for the path ``('a', 'b', 0, 'c')``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def text_problem(value: str) -> str | None:
    """Return why ``value`` cannot be handbook text, or None."""
    bad = _FORBIDDEN.search(value)
    if bad:
        return f"contains the invisible character U+{ord(bad.group()):04X}, which handbook text may not hold; remove it"
    if value and not any(_visible(ch) for ch in value):
        return "has no visible text"
    return None


def _visible(ch: str) -> bool:
    # Letters, digits, punctuation and symbols; not spaces, controls, lone combining marks or ignorables.
    return unicodedata.category(ch)[0] in "LNPS" and not _IGNORABLE.match(ch)
