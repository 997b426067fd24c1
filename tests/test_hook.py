"""The MkDocs hook refuses configurations that would silently break the handbook."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator import hook
from site_project import make_project

from conftest import FIXTURES


def _config(project: Path, **overrides):
    return load_config(str(project / "mkdocs.yml"), **overrides)


def test_build_fails_loudly_without_jieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    config = _config(project)
    monkeypatch.setitem(sys.modules, "jieba", None)  # makes `import jieba` raise ImportError
    with pytest.raises(PluginError, match="Chinese search needs jieba"):
        hook.on_config(config)


def test_directory_urls_are_required(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    with pytest.raises(PluginError, match="use_directory_urls"):
        hook.on_config(_config(project, use_directory_urls=False))


def test_generated_page_may_not_shadow_a_handwritten_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    (project / "docs" / "index.md").write_text("# 手写首页\n", "utf-8")
    from site_project import mkdocs_build

    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "index.md has the same path as a generated page" in result.stderr
    assert (project / "docs" / "index.md").read_text("utf-8") == "# 手写首页\n"
