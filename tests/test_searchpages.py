"""Material's per-page search work in a second process gives the index Material makes itself."""

from __future__ import annotations

import filecmp
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

from generator.site import halves
from generator.site.searchpages import MIN_PAGES, SETTING, SectionsElsewhere, wanted
from generator.site.searchwords import prepare_segmenter, search_config
from site_project import make_project, mkdocs_build

from conftest import ORGS

WORD = "运营主管乙"  # a word of this test alone: teaching it to jieba changes no other test
PAGES = [
    SimpleNamespace(meta={"title": "岗位"}, content="<h1 id='a'>运营主管乙</h1><p>负责店铺运营</p><h2 id='b'>职责</h2><p>直通车 推广</p>", toc=[], url="positions/a/", title="岗位"),
    SimpleNamespace(meta={"search": {"exclude": True}}, content="<p>hidden</p>", toc=[], url="hidden/", title="Hidden"),
    SimpleNamespace(meta={"tags": ["标签"], "search": {"boost": 2}}, content="<h1 id='c'>Reports</h1><p>reporting lines</p>", toc=[], url="c/", title="C"),
]


def _config() -> dict:
    return {**search_config("zh"), "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}, "jieba_dict": None, "jieba_dict_user": None}


def test_sections_come_back_as_materials_index_makes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    prepare_segmenter([WORD])  # as the build teaches jieba the handbook's words; the forked process has them too
    expected = SearchIndex(**_config())
    for page in PAGES:
        expected.add_entry_from_context(page)
    plugin = SimpleNamespace(search_index=SearchIndex(**_config()), config=_config())
    elsewhere = SectionsElsewhere(plugin)
    for page in PAGES:
        plugin.search_index.add_entry_from_context(page)
    data = plugin.search_index.generate_search_index(None)
    assert plugin.search_index.entries == expected.entries and len(expected.entries) == 3
    assert expected.entries[0]["title"] == WORD  # cut whole: the word reached the second process
    assert data == expected.generate_search_index(None)
    elsewhere.stop()


def test_a_process_with_threads_keeps_materials_own_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(halves.threading, "active_count", lambda: 1)
    monkeypatch.setenv(SETTING, "on")
    assert wanted(1)
    monkeypatch.delenv(SETTING)
    assert wanted(MIN_PAGES) and not wanted(MIN_PAGES - 1)
    monkeypatch.setattr(halves.threading, "active_count", lambda: 3)  # make serve: its server's threads
    monkeypatch.setenv(SETTING, "on")
    assert not wanted(10_000)


@pytest.mark.slow
def test_a_site_indexed_in_a_second_process_is_the_same_site(tmp_path: Path) -> None:
    sites = {}
    for setting in ("off", "on"):
        project = make_project(tmp_path / setting, data=ORGS / "tricky-zh" / "data", docs=ORGS / "tricky-zh" / "docs")
        result = mkdocs_build(project, extra_env={"HANDBOOK_SEARCH_PROCESS": setting})
        assert result.returncode == 0, result.stderr
        sites[setting] = project / "site"
    compared = filecmp.dircmp(sites["off"], sites["on"])

    def differences(c: filecmp.dircmp) -> list[str]:
        out = c.left_only + c.right_only + c.diff_files + c.funny_files
        return out + [f for sub in c.subdirs.values() for f in differences(sub)]

    assert differences(compared) == []
    assert (sites["on"] / "search" / "handbook" / "terms.json").is_file()


def test_a_failing_second_process_fails_the_build_instead_of_hanging() -> None:
    plugin = SimpleNamespace(search_index=SearchIndex(**_config()), config=_config())
    elsewhere = SectionsElsewhere(plugin)
    broken = SimpleNamespace(meta={"search": "not a mapping"}, content="<p>x</p>", toc=[], url="x/", title="X")  # Material fails on it
    plugin.search_index.add_entry_from_context(broken)
    for _ in range(50):  # more than a pipe holds, queued for a process that has stopped reading
        plugin.search_index.add_entry_from_context(SimpleNamespace(**{**vars(PAGES[0]), "content": "<p>" + "长" * 20_000 + "</p>"}))
    with pytest.raises(RuntimeError, match="search index"):
        plugin.search_index.generate_search_index(None)
    elsewhere.stop()
