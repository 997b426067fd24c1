"""MkDocs hook (listed under ``hooks:`` in mkdocs.yml): runs the generator inside every build and serve.

It validates and writes pages in ``on_pre_build``, before MkDocs cleans the
site folder, so bad data aborts the build with the previous site intact.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.model.audience import AUDIENCES
from generator.catalogue import catalogue
from generator.errors import HandbookError
from generator.escape import theme_text
from generator.source.handwritten import public_pages
from generator.site.navigation import navigation
from generator.paths import cache_dir, display_path, link_out_of
from generator.pipeline import generate
from generator.urls import page_path
from generator.site.searchwords import handbook_words, prepare_segmenter, search_config, split_search_index
from generator.source.settings import site_settings
from generator.site.tooltips import Tooltips

log = get_plugin_logger("handbook")

# make sample points these (and docs_dir in mkdocs.yml) at the sample once a company has its own handbook.
DATA_DIR = os.environ.get("HANDBOOK_DATA_DIR", "data")
OUT_DIR = os.environ.get("HANDBOOK_OUT_DIR", "generated")
# make build-public sets "public": the careers site, with nothing internal (generator/audience.py).
AUDIENCE = os.environ.get("HANDBOOK_AUDIENCE", "internal")

# Where the public careers site is published: QR codes and job descriptions of the internal handbook lead there.
PUBLIC_URL = os.environ.get("HANDBOOK_PUBLIC_URL", "")

# MkDocs calls the hooks of one build in sequence; this carries the model from
# on_pre_build to on_files of the same build (a rebuild under serve replaces it).
_last: dict[str, Any] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before the search plugin and mermaid2 read their settings
def on_config(config: MkDocsConfig) -> None:
    if "content.tooltips" in (config.theme.get("features") or []):
        raise PluginError(
            "theme feature content.tooltips must stay off: it inserts title text into the page as HTML, so handbook data "
            "could run script in readers' browsers (glossary tooltips are shown by the handbook's own script)"
        )
    if not config.use_directory_urls:
        raise PluginError("use_directory_urls must stay true: position and department URLs are /positions/<id>/ and /departments/<id>/")
    if AUDIENCE not in AUDIENCES:
        raise PluginError(f"HANDBOOK_AUDIENCE must be one of {', '.join(AUDIENCES)}, not {AUDIENCE!r}")
    if AUDIENCE == "public":
        # The careers site shows no repository and no edit links: they lead to the raw data.
        config.repo_url = None
    if not config.repo_url:
        # mkdocs.yml sets edit_uri for when HANDBOOK_REPO_URL is given; without a repository it has nothing to edit.
        config.edit_uri = None
    try:
        import jieba  # noqa: F401
    except ImportError as exc:
        raise PluginError("Chinese search needs jieba at build time: pip install jieba (make serve installs it)") from exc
    # data/handbook.yml names the site; mkdocs.yml stays the same for every company. Themes print
    # these without escaping them, as they print page titles.
    root = _root(config)
    settings = site_settings(root / DATA_DIR, AUDIENCE)
    text = catalogue(settings.language).text
    config.site_name = theme_text(settings.title)
    config.site_description = theme_text(settings.description)
    config.theme["language"] = settings.language
    # The few words the theme templates (main.html, 404.html) and Markdown print themselves.
    config.extra["handbook_locale"] = text("locale")
    # The internal handbook asks search engines to stay out, should it ever be reachable from outside.
    config.extra["handbook_audience"] = AUDIENCE
    config.extra["handbook_text"] = {key: theme_text(text(f"page.{key}")) for key in ("not_found", "not_found_text", "not_found_home", "not_found_positions")}
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = text("page.permalink")
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        for key, value in search_config(settings.language).items():
            search.config[key] = value
    if DATA_DIR != "data":  # make sample: rebuild when the sample's data changes, not the company's
        config.watch.append(str(root / DATA_DIR))
    # make serve prints the address, each rebuild and any data error: not one INFO line per page
    # from mermaid2, nor a warning about --dirty, which make serve chooses on purpose.
    logging.getLogger("mkdocs.plugins.mermaid2").setLevel(logging.WARNING)
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyNotice) for f in build_log.filters):
        build_log.addFilter(_DirtyNotice())


class _DirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def on_pre_build(config: MkDocsConfig) -> None:
    root = _root(config)
    try:
        model, report = generate(root / DATA_DIR, root / OUT_DIR, root, AUDIENCE, site_url=config.site_url or "", public_url=PUBLIC_URL)
        # Checked on both sites' builds, so the internal handbook's pull request already fails on a broken mark.
        _last["public_pages"] = public_pages(Path(config.docs_dir), root)
        prepare_segmenter(handbook_words(model), cache_dir())
    except HandbookError as exc:
        for line in exc.lines():
            log.error(line)
        raise PluginError(f"{exc.count} error{'s' if exc.count != 1 else ''} in the data; the site was not built") from None
    if not (config.site_url or PUBLIC_URL) and "no-url" not in _last:
        _last["no-url"] = True  # once per serve, not on every rebuild
        log.info("no site address (HANDBOOK_SITE_URL or HANDBOOK_PUBLIC_URL): position pages carry no QR code and job descriptions no link")
    if report.written or report.removed:
        log.info(f"{len(report.written)} page{'s' if len(report.written) != 1 else ''} written, {len(report.removed)} removed in {OUT_DIR}/")
    _last["model"] = model
    _last["pages"] = report.pages
    _last["tooltips"] = Tooltips(model.glossary)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    model = _last["model"]
    root = _root(config)
    out = root / OUT_DIR
    docs_rel = posixpath.relpath(Path(config.docs_dir).resolve().as_posix(), root.as_posix())
    sources = {page_path("position", p.id): p.source_file for p in model.positions.values()}
    sources.update({page_path("department", d.id): d.source_file for d in model.departments.values()})
    if AUDIENCE == "public":
        _keep_public_only(files, Path(config.docs_dir), _last["public_pages"])
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
        handwritten = [f.src_uri for f in files.documentation_pages() if f.src_uri not in ours]
        config.nav = navigation(model, handwritten, lambda uri: _first_heading(files, uri))
    return files


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    split_search_index(Path(config.site_dir) / "search" / "search_index.json", handbook_words(_last["model"]))


def on_page_content(page_html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    tooltips: Tooltips = _last["tooltips"]
    return tooltips.add(page_html)


def _keep_public_only(files: Files, docs_dir: Path, public: set[str]) -> None:
    """Leave out every hand-written page that does not say ``public: true``, and every other file of docs/
    but the shared assets (vendored scripts, images for public pages under docs/assets/)."""
    docs = Path(os.path.abspath(docs_dir))
    for f in list(files):
        if not f.abs_src_path or not Path(os.path.abspath(f.abs_src_path)).is_relative_to(docs):
            continue  # the theme's files
        if f.is_documentation_page():
            keep = f.src_uri in public
        else:
            keep = f.src_uri.startswith("assets/")
        if not keep:
            files.remove(f)


def _first_heading(files: Files, uri: str) -> str | None:
    file = files.get_file_from_path(uri)
    if file is None or not file.abs_src_path:
        return None
    for line in Path(file.abs_src_path).read_text("utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def _project_relative(root: Path, shown: str) -> str:
    path = Path(shown)
    return (path.resolve().relative_to(root) if path.is_absolute() or path.exists() else path).as_posix()
