"""Work on a list in two processes: the second half in a forked child, the first here, results in order.

Rendering the positions' pages is most of a large regeneration and needs nothing but the model,
which a forked child already holds; a machine with two cores does it in about half the time.
Where fork is unsafe or unavailable (a process with threads, such as make serve, or a system
without fork) or the list is short, the work stays in this process. The result is the same
either way (tests/test_halves.py).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 200
"""Shortest list worth a second process."""
SETTING = "HANDBOOK_PARALLEL"
"""``off`` keeps all work in this process (tests compare both)."""


def can_fork() -> bool:
    """Whether a second process may be forked from this one: fork exists, a second core waits, and no
    thread could be holding a lock the child would inherit (make serve has threads: it rebuilds a few
    pages per edit, where a second process would not pay anyway)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _usable() -> bool:
    return os.environ.get(SETTING, "").strip().lower() != "off" and can_fork()


def map_in_halves(fn: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """Return ``[fn(item) for item in items]``, computing the second half in a forked child when that pays."""
    if len(items) < min_items or not _usable():
        return [fn(item) for item in items]
    middle = len(items) // 2
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        receive.close()  # the parent's end: were it left open here, a parent that stopped reading would leave this blocked
        try:
            payload = pickle.dumps(("ok", [fn(item) for item in items[middle:]]), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - the parent raises it as its own
            try:
                payload = pickle.dumps(("raise", exc))
            except Exception:  # noqa: BLE001 - an exception that cannot travel goes as its traceback
                payload = pickle.dumps(("error", traceback.format_exc()))
        send.send_bytes(payload)
        send.close()

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    try:
        first = [fn(item) for item in items[:middle]]
        try:
            kind, second = pickle.loads(receive.recv_bytes())
        except EOFError:
            kind, second = "error", f"it ended with exit code {process.exitcode}"
    except BaseException:
        process.terminate()  # this half failed: the other half is not waited for
        raise
    finally:
        receive.close()
        process.join()
    if kind == "raise":
        raise second
    if kind != "ok":
        raise RuntimeError(f"the second process failed: {second}")
    return first + second
