"""make test installs the browser only when it is missing and can be installed without a password; make browser says why not."""

from __future__ import annotations

import pytest

import browser_setup


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], list[str]]]:
    made: list[tuple[list[str], list[str]]] = []
    monkeypatch.setattr(browser_setup, "install", lambda packages, prefix: made.append((packages, prefix)) or True)
    monkeypatch.delenv("HANDBOOK_NO_BROWSER_INSTALL", raising=False)
    return made


def test_nothing_happens_when_the_browser_is_there(monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    monkeypatch.setattr(browser_setup, "missing", lambda: [])
    assert browser_setup.main(["ensure"]) == 0 and calls == []


def test_missing_pieces_are_installed_without_a_prompt(monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    monkeypatch.setattr(browser_setup, "missing", lambda: ["fonts-noto-cjk"])
    monkeypatch.setattr(browser_setup, "privilege", lambda: ["sudo", "-n"])
    assert browser_setup.main(["ensure"]) == 0
    assert calls == [(["fonts-noto-cjk"], ["sudo", "-n"])]


def test_make_test_stays_quiet_where_it_cannot_install(monkeypatch: pytest.MonkeyPatch, calls: list, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(browser_setup, "missing", lambda: ["chromium", "fonts-noto-cjk"])
    monkeypatch.setattr(browser_setup, "privilege", lambda: None)
    assert browser_setup.main(["ensure"]) == 0 and calls == []
    assert capsys.readouterr().err == ""  # the test run's last line says it instead
    assert browser_setup.main(["install"]) == 1 and calls == []
    assert capsys.readouterr().err.startswith("make browser: needs apt-get (Debian or Ubuntu) and root or sudo")


def test_make_test_installs_nothing_when_told_not_to(monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    monkeypatch.setattr(browser_setup, "missing", lambda: ["chromium"])
    monkeypatch.setattr(browser_setup, "privilege", lambda: [])
    monkeypatch.setenv("HANDBOOK_NO_BROWSER_INSTALL", "1")
    assert browser_setup.main(["ensure"]) == 0 and calls == []
    assert browser_setup.main(["install"]) == 0 and calls == [(["chromium"], [])]
