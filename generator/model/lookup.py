"""Reading a checked file: the values that passed the schema, and nothing that did not."""

from __future__ import annotations

from typing import Any

from ..source.document import Document


def get(doc: Document, *path: str | int) -> Any:
    """Return the value at ``path`` when it exists and passed the schema, else None.

    Files with schema errors are still checked against each other; their broken
    parts are skipped here, so each problem is reported once, by the schema.
    """
    if not doc.is_valid(path):
        return None
    node = doc.data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
        elif not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
