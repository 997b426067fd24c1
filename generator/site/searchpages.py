"""Material's search plugin's work on each page, done in a second process while MkDocs renders the next pages.

For every page, Material's search plugin parses the HTML with Python's HTMLParser and cuts its
Chinese with jieba: a fifth of a 1,000-position build, in MkDocs' one process, while the machine's
second core waits. Here the same code, Material's own ``SearchIndex.add_entry_from_context``, runs
in a second process: MkDocs hands each page over as it is rendered, and the sections come back, in
page order, just before Material writes its index. The index is the one Material would have made
(tests/test_searchpages.py). The child is forked, so it holds the build's jieba, handbook words
included; where halves.can_fork() says no (make serve, which has threads), and for small sites,
Material's own way stays: a second process would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
from dataclasses import dataclass
from typing import Any

from .halves import can_fork

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
    return can_fork() and (setting == "on" if setting in ("on", "off") else pages >= MIN_PAGES)


def _index_pages(inbox: Any, outbox: Any, config: dict[str, Any]) -> None:
    """The second process: Material's SearchIndex over the pages it is sent, then its sections sent back."""
    try:
        from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]

        index = SearchIndex(**config)
        while (page := inbox.get()) is not None:
            index.add_entry_from_context(pickle.loads(page))
        outbox.put(("sections", index.entries))
    except BaseException as exc:  # noqa: BLE001 - reported to the build, which fails on it
        outbox.put(("error", f"{type(exc).__name__}: {exc}"))


class SectionsElsewhere:
    """Takes Material's per-page search work over for one build (where ``wanted`` says so)."""

    def __init__(self, plugin: Any) -> None:
        self._index = plugin.search_index
        context: Any = multiprocessing.get_context("fork")
        self._inbox, self._outbox = context.Queue(), context.Queue()
        self._process = context.Process(target=_index_pages, args=(self._inbox, self._outbox, self._index.config), daemon=True)
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
