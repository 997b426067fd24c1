"""The render cache: a regeneration with nothing changed renders nothing, and any change or doubt renders again."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.site import rendercache

DAY = datetime.date(2026, 1, 5)


def _generate(project: Path, **kwargs: object):
    return generate(project / "data", project / "generated", project, today=kwargs.pop("today", DAY), **kwargs)  # type: ignore[arg-type]


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count calls of render from here on."""
    import generator.pipeline as pipeline

    calls: list[int] = []
    real = pipeline.render

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "render", counting)
    return calls


def test_unchanged_data_is_not_rendered_again_and_reports_the_same_pages(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, first = _generate(project)
    calls = _rendered(monkeypatch)
    _, again = _generate(project)
    assert calls == [] and again.written == [] and again.removed == []
    assert again.pages == first.pages and again.unchanged == len(first.pages)
    assert (project / rendercache.FOLDER).is_dir()


@pytest.mark.parametrize("change", ["data", "page edited", "page removed", "manifest", "day", "audience", "address", "cache"])
def test_any_change_or_doubt_renders_again(project: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    _, first = _generate(project)
    page = project / "generated" / first.pages[0]
    kwargs: dict[str, object] = {}
    if change == "data":
        target = sorted((project / "data").rglob("*.yml"))[0]
        target.write_text(target.read_text("utf-8") + "\n# a comment\n", "utf-8")
    elif change == "page edited":
        page.write_text("tampered\n", "utf-8")
    elif change == "page removed":
        page.unlink()
    elif change == "manifest":
        manifest = project / "generated" / ".handbook-manifest.json"
        manifest.write_text(manifest.read_text("utf-8") + " ", "utf-8")
    elif change == "day":
        kwargs["today"] = DAY + datetime.timedelta(days=1)
    elif change == "audience":
        kwargs["audience"] = "public"
    elif change == "address":
        kwargs["site_url"] = "https://handbook.example.com/"
    else:
        (project / rendercache.FOLDER / "render-internal.json").write_text("{not json", "utf-8")
    calls = _rendered(monkeypatch)
    _, again = _generate(project, **kwargs)
    assert calls == [1]
    if change in ("page edited", "page removed"):
        assert again.written == [first.pages[0]] and page.read_text("utf-8") != "tampered\n"


def test_a_linked_cache_folder_is_neither_read_nor_written(project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (project / ".cache").symlink_to(outside, target_is_directory=True)
    _generate(project)
    assert list(outside.rglob("*")) == []
    calls = _rendered(monkeypatch)
    _generate(project)
    assert calls == [1]


def test_cache_holds_only_a_digest_and_file_stamps(project: Path) -> None:
    _, report = _generate(project)
    data = json.loads((project / rendercache.FOLDER / "render-internal.json").read_text("utf-8"))
    assert set(data) == {"key", "out", "files"} and len(data["key"]) == 64
    assert set(data["files"]) == {*report.pages, ".handbook-manifest.json"}
    assert all(stamp == [os.stat(project / "generated" / rel).st_size, os.stat(project / "generated" / rel).st_mtime_ns] for rel, stamp in data["files"].items())
