"""Helpers for tests that mutate parsed data: every path into a value, and a copy with one path replaced."""

from __future__ import annotations

import copy
from collections.abc import Iterator


def paths(value, prefix: tuple = ()) -> Iterator[tuple]:
    """Yield the path of ``value`` itself and of everything inside it, parents first."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*prefix, i))


def replaced(data, path: tuple, new):
    """Return a deep copy of ``data`` with the value at ``path`` (not the root) set to ``new``."""
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return out
