"""One URL scheme: every page, shared file, forwarding page and diff link takes its address from generator/urls.py."""

from __future__ import annotations

import pytest

from generator import urls
from generator.errors import HandbookError
from generator.model.build import validate
from generator.site import render as render_module
from generator.source.load import load

from conftest import FIXTURES


def test_the_addresses_recruiting_posts_link_are_fixed_by_the_id() -> None:
    assert urls.url("position", "store-manager") == "positions/store-manager/"
    assert urls.url("department", "operations") == "departments/operations/"
    assert urls.url("plan", "small") == "plans/small/"
    assert urls.url("home") == "" and urls.url("glossary") == "glossary/" and urls.url("openings") == "openings/"
    assert [urls.page_path(kind, "x") for kind in urls.SHARED] == ["positions/x/jd.txt", "positions/x/jd.html", "positions/x/qr.svg"]
    assert urls.page_path("former-position", "old") == "positions/old/index.html" and urls.forward("new") == "../new/"
    for base in ("https://jobs.example.com", "https://jobs.example.com/"):
        assert urls.absolute(base, "position", "x") == "https://jobs.example.com/positions/x/"


def test_relative_links_between_pages() -> None:
    assert urls.relative("positions/x/jd.txt", "positions") == "x/jd.txt"
    assert urls.relative("departments/a/index.md", "positions") == "../departments/a/index.md"
    assert urls.relative("positions/", "positions/") == "."


def test_no_two_outputs_share_a_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # Job-description files pass the same check as pages: one that lands on a page's path stops the build.
    model = validate(load(FIXTURES / "basic"))
    monkeypatch.setattr(render_module, "_job_description", lambda pos, recruiting, text: {urls.page_path("position", pos.id): "x"})
    with pytest.raises(HandbookError, match="two generated pages would be written to positions/"):
        render_module.render(model)
