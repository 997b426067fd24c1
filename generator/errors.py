"""The two kinds of failure the generator reports to a user."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_QUOTE_MAX = 60
PER_FILE = 50
"""Most errors printed for one file."""
_FIELD_MAX = 120


def quote(value: object, limit: int = _QUOTE_MAX) -> str:
    """Return ``'value'`` for a message, shortened with an ellipsis: data quoted in an error stays one readable line."""
    text = str(value)
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in the data, printed as ``path:line:column: field: message``."""

    path: str
    """File the problem is in, as shown to the user."""
    line: int
    """1-based line of the offending node (0 when the whole file is meant)."""
    column: int
    """1-based column of the offending node."""
    field: str
    """Dotted path of the field, e.g. ``collaboration[0].with``; empty for the file itself."""
    message: str
    """What is wrong, and where possible what would be right."""

    def __str__(self) -> str:
        where = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.column}"
        # Field paths are built from the file's own keys, which may be of any length.
        field = self.field if len(self.field) <= _FIELD_MAX else self.field[:_FIELD_MAX] + "…"
        text = f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"
        return _visible(text)


def _visible(text: str) -> str:
    """Return ``text`` with every control, format and line-separator character written as an escape.

    Messages quote the data; a newline, a terminal escape (U+009B) or a right-to-left
    override in it must not break the one-line form or disguise the line in a CI log.
    """
    return "".join(_NAMED.get(ch) or _escape(ord(ch)) if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class HandbookError(Exception):
    """Raised by any stage for a problem the user must fix; the CLI and hook print it without a traceback."""

    def lines(self) -> list[str]:
        """Return the message as the lines to print."""
        return [str(self)]

    @property
    def count(self) -> int:
        """Return how many problems there are (more than the lines printed when some are folded)."""
        return len(self.lines())


class DataErrors(HandbookError):
    """Raised by validation with every data problem found in one run."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """Return one line per error, at most ``PER_FILE`` for each file: a file of 80,000 unknown fields is one mistake repeated."""
        out: list[str] = []
        shown: dict[str, int] = {}
        for error in self.errors:
            shown[error.path] = shown.get(error.path, 0) + 1
            if shown[error.path] <= PER_FILE:
                out.append(str(error))
            elif shown[error.path] == PER_FILE + 1:
                rest = sum(1 for e in self.errors if e.path == error.path) - PER_FILE
                out.append(f"{_visible(error.path)}: {rest} more error{'s' if rest != 1 else ''} in this file not shown")
        return out

    @property
    def count(self) -> int:
        return len(self.errors)
