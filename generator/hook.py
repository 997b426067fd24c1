"""MkDocs hook (listed under ``hooks:`` in mkdocs.yml): runs the generator inside every build and serve.

It validates and writes pages in ``on_pre_build``, before MkDocs cleans the
site folder, so bad data aborts the build with the previous site intact.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.errors import HandbookError
from generator.escape import html_text
from generator.model import OrgModel
from generator.paths import cache_dir, display_path, link_out_of
from generator.pipeline import generate
from generator.render import page_path
from generator.searchwords import handbook_words, prepare_segmenter, split_search_index
from generator.tooltips import add_tooltips, term_pattern

log = get_plugin_logger("handbook")

DATA_DIR = "data"
OUT_DIR = "generated"

# MkDocs calls the hooks of one build in sequence; this carries the model from
# on_pre_build to on_files of the same build (a rebuild under serve replaces it).
_last: dict[str, Any] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> None:
    if "content.tooltips" in (config.theme.get("features") or []):
        raise PluginError(
            "theme feature content.tooltips must stay off: it inserts title text into the page as HTML, so handbook data "
            "could run script in readers' browsers (glossary tooltips are shown by the handbook's own script)"
        )
    if not config.use_directory_urls:
        raise PluginError("use_directory_urls must stay true: position and department URLs are /positions/<id>/ and /departments/<id>/")
    if not config.repo_url:
        # mkdocs.yml sets edit_uri for when HANDBOOK_REPO_URL is given; without a repository it has nothing to edit.
        config.edit_uri = None
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = getattr(getattr(search, "config", None), "lang", None) or []
    if "zh" in langs:
        try:
            import jieba  # noqa: F401
        except ImportError as exc:
            raise PluginError("Chinese search needs jieba at build time: pip install jieba (make serve installs it)") from exc


def on_pre_build(config: MkDocsConfig) -> None:
    root = _root(config)
    try:
        model, report = generate(root / DATA_DIR, root / OUT_DIR, root)
        prepare_segmenter(handbook_words(model), cache_dir())
    except HandbookError as exc:
        for line in exc.lines():
            log.error(line)
        raise PluginError(f"{exc.count} error{'s' if exc.count != 1 else ''} in the data; the site was not built") from None
    if report.written or report.removed:
        log.info(f"{len(report.written)} page(s) written, {len(report.removed)} removed in {OUT_DIR}/")
    _last["model"] = model
    _last["pages"] = report.pages
    _last["terms"] = term_pattern(model.glossary)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    model = _last["model"]
    root = _root(config)
    out = root / OUT_DIR
    docs_rel = posixpath.relpath(Path(config.docs_dir).resolve().as_posix(), root.as_posix())
    sources = {page_path("position", p.id): p.source_file for p in model.positions.values()}
    sources.update({page_path("department", d.id): d.source_file for d in model.departments.values()})
    # Exactly the pages this build generated: not the manifest on disk, which a pull request could carry.
    generated = _last["pages"]
    for uri in generated:
        if files.get_file_from_path(uri) is not None:
            shown = display_path(Path(config.docs_dir) / uri, root)
            raise PluginError(f"{shown} has the same path as a generated page; rename or move it")
        file = File(uri, src_dir=str(out), dest_dir=config.site_dir, use_directory_urls=True)
        if uri in sources:
            # "Edit this page" should open the YAML the page came from, not generated Markdown.
            file.edit_uri = quote(posixpath.relpath(_project_relative(root, sources[uri]), docs_rel))
        files.append(file)
    folders = [Path(config.docs_dir), out] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    escaped = link_out_of((f.abs_src_path for f in files if f.abs_src_path), folders)
    if escaped:
        path, folder = escaped
        raise PluginError(f"{display_path(path, root)} is a symbolic link that leads out of {display_path(folder, root)}/; it would be published")
    if config.nav is None:
        ours = set(generated)
        handwritten = [f for f in files.documentation_pages() if f.src_uri not in ours]
        config.nav = _nav(model, _handwritten_nav(handwritten))
    return files


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    split_search_index(Path(config.site_dir) / "search" / "search_index.json", handbook_words(_last["model"]))


def on_page_content(page_html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    model: OrgModel = _last["model"]
    return add_tooltips(page_html, model.glossary, _last["terms"])


def _handwritten_nav(pages: list[File]) -> list:
    """Return hand-written pages for the nav: top-level files as they are, each folder as a section led by its index.md."""
    loose: list = []
    folders: dict[str, list[str]] = {}
    for f in sorted(pages, key=lambda f: f.src_uri):
        folder, _, _ = f.src_uri.rpartition("/")
        if folder:
            folders.setdefault(folder.split("/")[0], []).append(f.src_uri)
        else:
            loose.append(f.src_uri)
    for folder, uris in sorted(folders.items()):
        index = f"{folder}/index.md"
        uris.sort(key=lambda u: (u != index, u))
        loose.append({html_text(_first_heading(pages, index) or folder): uris})
    return loose


def _first_heading(pages: list[File], uri: str) -> str | None:
    for f in pages:
        if f.src_uri == uri:
            for line in Path(f.abs_src_path).read_text("utf-8").splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def _project_relative(root: Path, shown: str) -> str:
    path = Path(shown)
    return (path.resolve().relative_to(root) if path.is_absolute() or path.exists() else path).as_posix()


def _nav(model: OrgModel, handwritten: list) -> list:
    """Return the navigation: fixed entry pages, then departments as nested sections holding their positions."""

    def section(dept_id: str) -> dict:
        dept = model.departments[dept_id]
        items: list = [page_path("department", dept_id)]
        items += [page_path("position", p.id) for p in model.members(dept_id)]
        items += [section(child.id) for child in model.subdepartments(dept_id)]
        # Themes print nav titles without escaping them.
        return {html_text(dept.name): items}

    return [
        {"首页": page_path("home")},
        {"组织架构图": page_path("org-chart")},
        {"部门": [page_path("departments"), *(section(d.id) for d in model.top_departments)]},
        {"岗位索引": page_path("positions")},
        *([{"编制方案": [page_path("plans"), *(page_path("plan", p.id) for p in model.ordered_plans)]}] if model.plans else []),
        *handwritten,
        *([{"术语表": page_path("glossary")}] if model.glossary else []),
        {"资料来源": page_path("sources")},
    ]
