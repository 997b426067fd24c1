"""Work shared with a forked child comes back in order, with the child's errors, and pages are the same."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.pipeline import build_model
from generator.site import halves
from generator.site.halves import map_in_halves
from generator.site.render import render
from synthetic_org import write_org


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fail_late(n: int) -> int:
    if n == 9:
        raise ValueError("item 9")
    return n


@pytest.fixture
def no_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Earlier tests of a session may leave threads running (servers, browsers), which keeps fork off."""
    monkeypatch.setattr(halves.threading, "active_count", lambda: 1)


def test_the_second_half_is_done_elsewhere_and_comes_back_in_order(no_other_threads: None) -> None:
    out = map_in_halves(_square_and_pid, list(range(10)), min_items=2)
    assert [v for v, _ in out] == [n * n for n in range(10)]
    pids = {pid for _, pid in out[5:]}
    assert {pid for _, pid in out[:5]} == {os.getpid()} and os.getpid() not in pids and len(pids) == 1


def test_an_error_in_the_second_half_is_raised_here(no_other_threads: None) -> None:
    with pytest.raises(ValueError, match="item 9"):
        map_in_halves(_fail_late, list(range(10)), min_items=2)


def test_short_lists_threads_and_the_setting_keep_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {pid for _, pid in map_in_halves(_square_and_pid, list(range(10)))} == {os.getpid()}  # below MIN_ITEMS
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    try:
        assert {pid for _, pid in map_in_halves(_square_and_pid, list(range(10)), min_items=2)} == {os.getpid()}
    finally:
        stop.set()
        helper.join()
    monkeypatch.setenv(halves.SETTING, "off")
    assert {pid for _, pid in map_in_halves(_square_and_pid, list(range(10)), min_items=2)} == {os.getpid()}


def test_pages_rendered_in_two_processes_are_the_pages_rendered_in_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_other_threads: None) -> None:
    write_org(tmp_path / "data", 300)
    model = build_model(tmp_path / "data", root=tmp_path)
    assert len(model.positions) >= halves.MIN_ITEMS
    shared = render(model)
    monkeypatch.setenv(halves.SETTING, "off")
    alone = render(model)
    assert list(shared) == list(alone) and shared == alone


def _big(n: int) -> str:
    if n == 0:
        raise KeyError("the first half fails")
    return "x" * 100_000  # more than a pipe holds: the child would block writing it


def test_a_failure_in_this_half_does_not_wait_for_the_other(no_other_threads: None) -> None:
    with pytest.raises(KeyError, match="the first half fails"):
        map_in_halves(_big, list(range(10)), min_items=2)
