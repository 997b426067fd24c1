"""Material's search plugin's work on each page, done in a second process while MkDocs renders the next pages.

For every page, Material's search plugin parses the HTML with Python's HTMLParser and cuts its
Chinese with jieba: a fifth of a 1,000-position build, in MkDocs' one process, while the machine's
second core waits. Here the same code, Material's own ``SearchIndex.add_entry_from_context``, runs
in a second process: MkDocs hands each page over as it is rendered, and the sections come back, in
page order, just before Material writes its index. The index is the one Material would have made
(tests/test_searchpages.py). Small sites keep Material's own way: starting a process would cost
more than it saves, and so does make serve, which rebuilds a few pages per edit.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
from dataclasses import dataclass
from typing import Any

MIN_PAGES = 100
"""Fewest pages for which the second process pays for its start (the sample's 170 build 0.5 s sooner)."""
SETTING = "HANDBOOK_SEARCH_PROCESS"
"""``on`` or ``off`` overrides the page count (tests compare both)."""


@dataclass
class _Page:
    """What Material's SearchIndex reads of a page."""

    meta: dict[str, Any]
    content: str
    toc: Any
    url: str
    title: str


def wanted(pages: int) -> bool:
    """Return whether a build of ``pages`` documentation pages indexes them in a second process."""
    setting = os.environ.get(SETTING, "").strip().lower()
    if setting in ("on", "off"):
        return setting == "on"
    return pages >= MIN_PAGES and (os.cpu_count() or 1) > 1


def _index_pages(inbox: Any, outbox: Any, config: dict[str, Any], words: list[str] | None, dictionaries: tuple[str | None, str | None]) -> None:
    """The second process: Material's SearchIndex over the pages it is sent, then its sections sent back.

    ``words`` is None in a forked process, whose jieba already knows them (adding a word twice raises
    its frequency, and so changes the cuts); a fresh process loads what the build's jieba loaded."""
    try:
        from material.plugins.search.plugin import SearchIndex, jieba  # type: ignore[import-untyped]

        if jieba is not None and words is not None:
            main, user = dictionaries
            # As Material's on_config: a dictionary that is not a file is warned about there, not loaded.
            if main and os.path.isfile(main):
                jieba.set_dictionary(main)
            if user and os.path.isfile(user):
                jieba.load_userdict(user)
            for word in words:
                jieba.add_word(word)
        index = SearchIndex(**config)
        while (page := inbox.get()) is not None:
            index.add_entry_from_context(pickle.loads(page))
        outbox.put(("sections", index.entries))
    except BaseException as exc:  # noqa: BLE001 - reported to the build, which fails on it
        outbox.put(("error", f"{type(exc).__name__}: {exc}"))


class SectionsElsewhere:
    """Takes Material's per-page search work over for one build."""

    def __init__(self, plugin: Any, words: list[str]) -> None:
        self._index = plugin.search_index
        # fork shares jieba's loaded dictionary; a process with threads (make serve) starts afresh instead.
        forked = threading.active_count() == 1
        context: Any = multiprocessing.get_context("fork" if forked else "spawn")
        self._inbox, self._outbox = context.Queue(), context.Queue()
        dictionaries = (plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user"))
        args = (self._inbox, self._outbox, self._index.config, None if forked else words, dictionaries)
        self._process = context.Process(target=_index_pages, args=args, daemon=True)
        self._process.start()
        generate = self._index.generate_search_index

        def finish_then_generate(prev: Any) -> Any:
            self._index.entries.extend(self.finish())
            return generate(prev)

        self._index.add_entry_from_context = self.add
        self._index.generate_search_index = finish_then_generate

    def add(self, page: Any) -> None:
        # Pickled here, so that a page that cannot travel fails the build instead of going missing.
        self._inbox.put(pickle.dumps(_Page(dict(page.meta), page.content or "", page.toc, page.url, str(page.meta.get("title", page.title)))))

    def finish(self) -> list[dict[str, Any]]:
        """Return the sections of every page handed over, in their order, once the second process is done."""
        self._inbox.put(None)
        while True:
            try:
                kind, value = self._outbox.get(timeout=1)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    self.stop()
                    raise RuntimeError(f"search index: the second process ended (exit code {self._process.exitcode})") from None
        self._process.join()
        if kind != "sections":
            self.stop()
            raise RuntimeError(f"search index: {value}")
        return list(value)

    def stop(self) -> None:
        """End the second process of a build that failed before its index was written."""
        # Pages still queued for a process that will not read them must not hold this one at exit.
        self._inbox.cancel_join_thread()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
