"""The MkDocs hook refuses configurations that would silently break the handbook."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator import hook
from site_project import make_project

from conftest import FIXTURES


pytestmark = pytest.mark.slow


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


@pytest.mark.parametrize(("page", "error"), [
    ("index.md", "docs/index.md has the same path as a generated page; rename or move it"),
    # docs/positions.md is published at /positions/, where the generated positions/index.md is.
    ("positions.md", "docs/positions.md is published at the address of a generated page (/positions/); rename or move it"),
])
def test_generated_page_may_not_shadow_a_handwritten_one(tmp_path: Path, page: str, error: str) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    (project / "docs" / page).write_text("# 手写页面\n", "utf-8")
    from site_project import mkdocs_build

    result = mkdocs_build(project)
    assert result.returncode == 1
    # Named from the project, not by an absolute path.
    assert f"ERROR   -  {error}\n" in result.stderr
    assert (project / "docs" / page).read_text("utf-8") == "# 手写页面\n"


def test_material_tooltips_are_refused(tmp_path: Path) -> None:
    # They insert title text into the page as HTML, and titles carry handbook data.
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    config = _config(project)
    config.theme["features"].append("content.tooltips")
    with pytest.raises(PluginError, match="content.tooltips must stay off"):
        hook.on_config(config)


def test_search_segmenter_cache_goes_to_the_user_cache_folder(tmp_path: Path) -> None:
    # Not the system temp folder (9 MB on every build), and not the repository: jieba unmarshals
    # whatever cache it finds, and a pull request could commit one.
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    temp, user_cache = tmp_path / "tmp", tmp_path / "xdg"
    temp.mkdir()
    result = mkdocs_build(project, extra_env={"TMPDIR": str(temp), "XDG_CACHE_HOME": str(user_cache)})
    assert result.returncode == 0, result.stderr
    assert list(temp.iterdir()) == []
    assert (user_cache / "role-handbook" / "jieba.cache").stat().st_size > 1_000_000
    # The project's own cache folder holds only the render cache's JSON (generator/site/rendercache.py).
    assert sorted(p.name for p in (project / ".cache").rglob("*") if p.is_file()) == ["render-internal.json"]
    assert "Building prefix dict" not in result.stderr


def test_a_docs_link_leading_out_of_the_project_stops_the_build(tmp_path: Path) -> None:
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwords.md").write_text("# 机密\n", "utf-8")
    (project / "docs" / "leak").symlink_to(secret)
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "ERROR   -  docs/leak/passwords.md is a symbolic link that leads out of docs/; it would be published\n" in result.stderr
    assert not (project / "site" / "leak").exists()


@pytest.mark.parametrize("where", ["docs/notes.txt", "overrides/assets/leak.txt"])
def test_a_link_to_another_file_of_the_project_is_not_published(tmp_path: Path, where: str) -> None:
    # Inside the project is not enough: docs/notes.txt -> ../.git/config would publish a token.
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic c2VjcmV0\n", "utf-8")
    link = project / where
    link.symlink_to(Path(*[".."] * (len(Path(where).parts) - 1)) / ".git" / "config")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert f"ERROR   -  {where} is a symbolic link that leads out of {where.split('/')[0]}/; it would be published\n" in result.stderr


def test_generated_folder_may_not_be_a_link(tmp_path: Path) -> None:
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "generated").symlink_to(elsewhere)
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "refusing to write through a symbolic link: generated is one; remove it and build again" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_data_folder_may_not_lead_out_of_the_project(tmp_path: Path) -> None:
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    shutil.move(project / "data", tmp_path / "outside")
    (project / "data").symlink_to(tmp_path / "outside")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "ERROR   -  handbook: data: symbolic link to a folder outside the project; the data folder must live inside it\n" in result.stderr


def test_a_committed_generated_folder_cannot_publish_other_files(tmp_path: Path) -> None:
    # generated/ with a manifest naming extra files came with a pull request: only this build's pages are published.
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    assert mkdocs_build(project).returncode == 0
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic c2VjcmV0\n", "utf-8")
    generated = project / "generated"
    (generated / "leak.md").symlink_to(Path("..") / ".git" / "config")
    manifest = generated / ".handbook-manifest.json"
    listed = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps(listed + ["leak.md", "ghost.md"]), "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "leak").exists() and not (project / "site" / "ghost").exists()
    assert not any("c2VjcmV0" in p.read_text("utf-8", errors="replace") for p in (project / "site").rglob("*.html"))
    assert json.loads(manifest.read_text("utf-8")) == listed  # rewritten to what this build made
    assert not (generated / "leak.md").is_symlink() and (project / ".git" / "config").exists()


def test_openings_that_expired_are_told_through_the_plugin_logger_and_do_not_fail_a_strict_build(tmp_path: Path) -> None:
    # A strict build that stopped on an expired opening would leave it listed on the published site.
    from site_project import mkdocs_build

    project = make_project(tmp_path / "p", data=FIXTURES / "hiring")
    result = mkdocs_build(project, extra_env={"HANDBOOK_TODAY": "2026-06-15"})
    assert result.returncode == 0, result.stderr
    told = [line for line in result.stderr.splitlines() if "valid_through: warning:" in line]
    assert told and all(line.startswith("INFO    -  handbook: data/positions/") for line in told), told


def test_settings_are_read_when_mkdocs_configures_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not at import: under make serve the module stays loaded while the environment of each build is read anew.
    monkeypatch.setenv("HANDBOOK_AUDIENCE", "everyone")
    with pytest.raises(PluginError, match="HANDBOOK_AUDIENCE must be one of internal, public, not 'everyone'"):
        hook.on_config(_config(make_project(tmp_path / "p", data=FIXTURES / "basic")))
    monkeypatch.setenv("HANDBOOK_AUDIENCE", "public")
    monkeypatch.setenv("HANDBOOK_OUT_DIR", ".public/generated")
    hook.on_config(_config(make_project(tmp_path / "q", data=FIXTURES / "basic")))
    assert hook._current().settings == hook.Settings(out_dir=".public/generated", audience="public")
