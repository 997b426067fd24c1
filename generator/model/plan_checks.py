"""Check the undivided figures of a staffing plan: positions that share one figure say so of each other, alike."""

from __future__ import annotations

from ..errors import DataError
from ..source.document import Document
from ..suggest import did_you_mean
from .lookup import get


def shared_figures(doc: Document, entries: list[tuple[int, dict]], staffed: list[str]) -> list[DataError]:
    """Return what is wrong with the ``shared_with`` lists of one plan's entries (``(index, entry)`` that passed the schema)."""
    errors = []
    at = {get(doc, "positions", i, "position"): i for i, _ in entries}
    for i, _ in entries:
        pos = get(doc, "positions", i, "position")
        for j, other in enumerate(get(doc, "positions", i, "shared_with") or []):
            where = ("positions", i, "shared_with", j)
            if other == pos:
                errors.append(doc.error(where, "a position cannot share a figure with itself"))
            elif other not in at:
                errors.append(doc.error(where, f"'{other}' is not staffed by this plan{did_you_mean(other, staffed)}"))
            elif pos not in (get(doc, "positions", at[other], "shared_with") or []):
                errors.append(doc.error(where, f"'{other}' must list '{pos}' in its shared_with too: the figure is theirs together"))
            elif _group(doc, i, pos) & set(at) != _group(doc, at[other], other) & set(at):
                # Compared over staffed positions only: a misspelt one is reported once, above.
                theirs = sorted((_group(doc, at[other], other) & set(at)) - {other})
                errors.append(doc.error(where, f"'{other}' shares its figure with {', '.join(theirs)}: every position of one figure lists all the others"))
            elif _figure(doc, i) != _figure(doc, at[other]):
                errors.append(doc.error(("positions", i, "headcount"), f"differs from '{other}', which shares this figure: write the same headcount and max"))
            elif _marks(doc, i) != _marks(doc, at[other]):
                errors.append(doc.error(("positions", i, "added"), f"marks the shared figure differently from '{other}': one figure is added on every row or on none"))
    return errors


def _figure(doc: Document, i: int) -> tuple[object, object]:
    return get(doc, "positions", i, "headcount"), get(doc, "positions", i, "max")


def _marks(doc: Document, i: int) -> set[str]:
    return {"headcount", "max"} & set(get(doc, "positions", i, "added") or [])


def _group(doc: Document, i: int, pos: str) -> set[str]:
    return {pos, *(get(doc, "positions", i, "shared_with") or [])}
