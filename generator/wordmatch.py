"""Find the handbook's own words (glossary spellings) in text in time linear in the text, whatever their number.

A plain alternation ``钻石展位|钻石|…`` makes the regex engine try every word at
every position: with thousands of glossary terms, tooltips and jargon lists
took minutes. Here the words are folded into one regular expression shaped
like a trie (``钻(?:石(?:展位)?|展)``), so each position costs at most the length
of the longest word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
"""Key that marks the end of a word in a trie node (no character is the empty string)."""


def _trie(words: Iterable[str]) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = True
    return root


def _regex(root: dict) -> str:
    """Return the trie as a regex that matches the longest word at a position (greedy optional tails).

    Written with an explicit stack: words are short (the schemas cap them), but nothing here
    should depend on that for not exhausting Python's recursion limit.
    """
    done: dict[int, str] = {}
    stack: list[tuple[dict, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        children = sorted((ch, child) for ch, child in node.items() if ch != _END)
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for _, child in children)
            continue
        branches = [re.escape(ch) + done.pop(id(child)) for ch, child in children]
        if not branches:
            body = ""
        elif len(branches) == 1:
            body = branches[0]
        else:
            body = "(?:" + "|".join(branches) + ")"
        if body and _END in node:
            body = "(?:" + body + ")?"
        done[id(node)] = body
    return done[id(root)]


def longest_first(words: Iterable[str]) -> re.Pattern[str] | None:
    """Return one pattern that matches, at the leftmost position, the longest of ``words`` (钻石展位 before 钻石)."""
    unique = {w for w in words if w}
    return re.compile(_regex(_trie(unique))) if unique else None


class WordFinder:
    """Which of a fixed set of words occur anywhere in a text, overlapping ones included (钻石 inside 钻石展位)."""

    def __init__(self, words: Iterable[str]) -> None:
        unique = {w for w in words if w}
        # At every position, the longest word starting there; the shorter words starting there are its prefixes.
        self._pattern = re.compile("(?=(" + _regex(_trie(unique)) + "))") if unique else None
        self._prefixes = {w: tuple(w[:n] for n in range(1, len(w) + 1) if w[:n] in unique) for w in unique}

    def found(self, text: str) -> set[str]:
        """Return the words that occur in ``text``."""
        if self._pattern is None:
            return set()
        out: set[str] = set()
        for longest in {m.group(1) for m in self._pattern.finditer(text)}:
            out.update(self._prefixes[longest])
        return out
