"""Split indexed Chinese words around the handbook's own words, so a search finds them inside longer ones.

Material's search matches word prefixes, and jieba keeps compounds whole: without
this, 策划 would not find 文案策划 and 旺旺 would not find 阿里旺旺. Splitting only
inserts zero-width spaces (Material's word separator), so result snippets read
exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from ..model.org import OrgModel
from ..segment import segmenter

_ZWSP = "\u200b"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_WORD = re.compile(f"[{_HAN}]{{2,}}")
# Material wraps each run of Han characters in zero-width spaces and puts one between jieba's words.
_RUN = re.compile(f"[{_HAN}{_ZWSP}]+")


# Besides white space and hyphens (Material's default), words end at CJK and ASCII punctuation and
# brackets, so that "(PPC)", "（A/B测试）" or "ODR：" index PPC, a/b and ODR. The slash stays inside a
# word (A/B). No lookbehind: older Safari, and WeChat's browser on older iPhones, cannot compile it.
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：（）()\[\]【】「」『』《》〈〉“”‘’\"',;:!?|]+"


def search_config(language: str) -> dict[str, object]:
    """Return Material's search settings for an interface language.

    Chinese words are segmented at build time by jieba whatever the language, so an
    English handbook still finds its Chinese terms. The index is never stemmed: Material
    matches every query term as a prefix, and lunr does not stem such terms, so a stemmed
    index would find nothing; overrides/assets/javascripts/search.js stems the query instead.
    English drops its stop words; Chinese keeps only its identity stemmer, since its stop word
    list holds words such as 人 that people search for.
    """
    if language == "en":
        return {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"]}
    return {"lang": ["zh"], "separator": SEPARATOR, "pipeline": ["stemmer"]}


def handbook_words(model: OrgModel) -> list[str]:
    """Return the handbook's own Chinese words: titles, department names and glossary spellings."""
    words = [w for p in model.positions.values() for w in (p.title, *p.other_titles)]
    words += [w for d in model.departments.values() for w in (d.name, *d.other_names)]
    words += [w for t in model.glossary for w in t.spellings]
    return sorted({w for w in words if _WORD.fullmatch(w)})


def prepare_segmenter(words: Iterable[str]) -> None:
    """Teach jieba, which Material's search uses, the handbook's own words, so that it cuts at their edges
    rather than across them."""
    jieba = segmenter()
    if jieba is None:
        return
    for word in words:
        jieba.add_word(word)


class WordSplitter:
    """Re-cut segmented Chinese text so that every known word is a word of its own.

    jieba's cuts inside a known word are dropped (地核|对面|单 becomes 地|核对|面单
    for 面单), and a cut is added at both edges of every occurrence, also inside
    jieba's words (文案策划 becomes 文案|策划 for 策划).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._cuts: dict[str, str] = {}
        self._trie: dict = {}
        for word in words:
            if _WORD.fullmatch(word):
                node = self._trie
                for ch in word:
                    node = node.setdefault(ch, {})
                node[""] = True

    def _occurrences(self, plain: str) -> Iterable[tuple[int, int]]:
        trie, n = self._trie, len(plain)
        for i in range(n):
            node, j = trie, i
            while j < n and plain[j] in node:
                node = node[plain[j]]
                j += 1
                if "" in node:
                    yield i, j

    def split_run(self, run: str) -> str:
        # The same runs recur on every page (headings, labels, shared duties): each is cut once.
        cut = self._cuts.get(run)
        if cut is None:
            cut = self._cuts[run] = self._split_run(run)
        return cut

    def _split_run(self, run: str) -> str:
        core = run.strip(_ZWSP)
        if not core:
            return run
        lead, trail = run[: len(run) - len(run.lstrip(_ZWSP))], run[len(run.rstrip(_ZWSP)):]
        pieces = [p for p in core.split(_ZWSP) if p]
        plain = "".join(pieces)
        occurrences = list(self._occurrences(plain))
        if not occurrences:
            return run
        cuts, offset = set(), 0
        for piece in pieces[:-1]:
            offset += len(piece)
            cuts.add(offset)
        for i, j in occurrences:
            cuts.difference_update(range(i + 1, j))
        for i, j in occurrences:
            cuts.update((i, j))
        edges = [0, *sorted(cuts - {0, len(plain)}), len(plain)]
        return lead + _ZWSP.join(plain[a:b] for a, b in pairwise(edges)) + trail

    def split_text(self, text: str) -> str:
        return _RUN.sub(lambda m: self.split_run(m.group()), text)


def split_words(data: dict, words: Iterable[str]) -> None:
    """Split known words out of longer ones in the titles and text of Material's search index data."""
    splitter = WordSplitter(words)
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = splitter.split_text(doc[key])
