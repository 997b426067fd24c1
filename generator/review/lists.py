"""Two versions of a list of texts (duties, requirements, key results): what was added, removed and reworded.

A reworded item is paired with its earlier wording by similarity (a Chinese character counting as a word,
which is cheap) and shown as a change word by word (Chinese cut by jieba), not as a removal plus an addition.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from .. import segment

SIMILAR = 0.5
"""Least similarity (difflib ratio over words) for a removed and an added item to count as one reworded item."""
MAX_PAIRS = 400
"""Most removed × added items compared for rewording; beyond it they are listed as removed and added, so a
list rewritten wholesale cannot make every build compare thousands of long texts."""
_TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.S)


def words(before: str, after: str) -> list[list[str]]:
    """Return a word-level diff: ``[op, text]`` runs, op ``=`` kept, ``-`` removed, ``+`` added (Chinese cut into words)."""
    a, b = segment.words(before), segment.words(after)
    out: list[list[str]] = []

    def push(op: str, text: str) -> None:
        if text:
            if out and out[-1][0] == op:
                out[-1][1] += text
            else:
                out.append([op, text])

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push("=", "".join(a[i1:i2]))
        else:
            push("-", "".join(a[i1:i2]))
            push("+", "".join(b[j1:j2]))
    return out


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, _TOKEN.findall(a), _TOKEN.findall(b), autojunk=False)
    # The cheap upper bound first: most pairs are plainly different.
    return matcher.ratio() if matcher.quick_ratio() >= SIMILAR else 0.0


class ListChange(NamedTuple):
    """What changed in a list of texts."""

    added: list[str]
    removed: list[str]
    reworded: list[dict]
    """``{"before", "after", "words"}`` per reworded item, ``words`` as ``words()`` gives them."""
    moved: bool = False
    """The same items in another order: pages show them in the order written."""


def compare(before: tuple[str, ...], after: tuple[str, ...]) -> ListChange | None:
    """Return the items added, removed and reworded between two lists of texts, or that only their order
    changed; None when the lists are the same."""
    if before == after:
        return None
    removed = [t for t in before if t not in after]
    added = [t for t in after if t not in before]
    if not removed and not added:
        return ListChange([], [], [], moved=True)
    reworded = []
    # The most similar pairs first, each item in one pair at most.
    candidates = [(i, r, j, a) for i, r in enumerate(removed) for j, a in enumerate(added)] if len(removed) * len(added) <= MAX_PAIRS else []
    pairs = sorted(((_similarity(r, a), i, j) for i, r, j, a in candidates), key=lambda x: (-x[0], x[1], x[2]))
    used_r: set[int] = set()
    used_a: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if score < SIMILAR or i in used_r or j in used_a:
            continue
        used_r.add(i)
        used_a.add(j)
        matched.append((j, i))
    for j, i in sorted(matched):
        reworded.append({"before": removed[i], "after": added[j], "words": words(removed[i], added[j])})
    return ListChange(
        added=[a for j, a in enumerate(added) if j not in used_a],
        removed=[r for i, r in enumerate(removed) if i not in used_r],
        reworded=reworded,
    )
