"""MkDocs hook (listed under ``hooks:`` in mkdocs.yml): runs the generator inside every build and serve.

Glue only: it reads its settings once per build in ``on_config``, hands MkDocs what the
generator made, and logs through MkDocs' plugin logger. It validates and writes pages in
``on_pre_build``, before MkDocs cleans the site folder, so bad data aborts the build with
the previous site intact.
"""

from __future__ import annotations

import logging
import os
import posixpath
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mermaid2 import pyjs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.catalogue import catalogue
from generator.errors import HandbookError
from generator.escape import theme_text
from generator.model.audience import AUDIENCES
from generator.model.org import OrgModel
from generator.paths import display_path, link_out_of
from generator.pipeline import generate
from generator.site import mermaid
from generator.site.navigation import edit_sources, navigation
from generator.site.searchindex import UnsupportedSearch, material_worker, prepare_search
from generator.site.searchpages import SectionsElsewhere, wanted
from generator.site.searchwords import handbook_words, prepare_segmenter, search_config
from generator.site.tooltips import Tooltips
from generator.source.handwritten import page_title, public_pages
from generator.source.settings import site_settings

log = get_plugin_logger("handbook")



@dataclass(frozen=True)
class Settings:
    """What the environment says about this build (the Makefile's targets set it)."""

    data_dir: str = "data"
    """HANDBOOK_DATA_DIR: make sample points it (and docs_dir in mkdocs.yml) at the sample once a company has its own."""
    out_dir: str = "generated"
    """HANDBOOK_OUT_DIR: where the pages are generated; each site has its own, so two builds never touch each other's."""
    audience: str = "internal"
    """HANDBOOK_AUDIENCE: "public" for the careers site, with nothing internal (generator/model/audience.py)."""
    public_url: str = ""
    """HANDBOOK_PUBLIC_URL: where the careers site is published; the internal handbook's QR codes lead there too."""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        settings = cls(
            environ.get("HANDBOOK_DATA_DIR", cls.data_dir), environ.get("HANDBOOK_OUT_DIR", cls.out_dir),
            environ.get("HANDBOOK_AUDIENCE", cls.audience), environ.get("HANDBOOK_PUBLIC_URL", cls.public_url),
        )
        if settings.audience not in AUDIENCES:
            raise PluginError(f"HANDBOOK_AUDIENCE must be one of {', '.join(AUDIENCES)}, not {settings.audience!r}")
        return settings


@dataclass
class _Build:
    """What one build carries from event to event; on_config starts a new one (a rebuild under serve included)."""

    settings: Settings
    model: OrgModel | None = None
    pages: list[str] = field(default_factory=list)
    """Exactly the pages this build generated (not the manifest on disk, which a pull request could carry)."""
    public_pages: set[str] = field(default_factory=set)
    tooltips: Tooltips | None = None
    charts: str = ""
    """The mark hiding this build's charts from mermaid2 until their page is written (generator/site/mermaid.py); '' when off."""
    chart_arguments: str = ""
    """mermaid2's arguments as the JavaScript it writes (formatting them took 3 ms a page)."""
    deferred: set[str] = field(default_factory=set)
    """Pages whose charts wait for their scripts."""
    words: list[str] = field(default_factory=list)
    """The handbook's own words (searchwords.handbook_words): taught to jieba, split out in the search index."""
    sections: SectionsElsewhere | None = None
    """Material's per-page search work, in a second process for a large site (generator/site/searchpages.py)."""


# MkDocs runs one build at a time and calls its events in order, so one holder suffices.
_build: _Build | None = None
_told: set[str] = set()
"""Notices given once per make serve, not on every rebuild."""


def _current() -> _Build:
    if _build is None:
        raise PluginError("generator/hook.py must be listed under hooks: in mkdocs.yml (its on_config did not run)")
    return _build


def _model() -> OrgModel:
    build = _current()
    if build.model is None:
        raise PluginError("the handbook's pages were not generated (on_pre_build did not run)")
    return build.model


def _search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


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
    global _build
    if _build is not None and _build.sections is not None:
        _build.sections.stop()  # a rebuild under make serve whose predecessor failed
    settings = Settings.from_environ(os.environ)
    _build = _Build(settings)
    if settings.audience == "public":
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
    site = site_settings(root / settings.data_dir, settings.audience)
    text = catalogue(site.language).text
    config.site_name = theme_text(site.title)
    config.site_description = theme_text(site.description)
    config.theme["language"] = site.language
    # The few words the theme templates (main.html, 404.html) and Markdown print themselves.
    config.extra["handbook_locale"] = text("locale")
    # The internal handbook asks search engines to stay out, should it ever be reachable from outside.
    config.extra["handbook_audience"] = settings.audience
    config.extra["handbook_text"] = {key: theme_text(text(f"page.{key}")) for key in ("not_found", "not_found_text", "not_found_home", "not_found_positions")}
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = text("page.permalink")
    search = _search_plugin(config)
    if search is not None:
        for key, value in search_config(site.language).items():
            search.config[key] = value
        try:
            config.extra["handbook_search_worker"] = material_worker(config.theme.dirs)
        except UnsupportedSearch as exc:
            raise PluginError(str(exc)) from exc
    if settings.data_dir != "data":  # make sample: rebuild when the sample's data changes, not the company's
        config.watch.append(str(root / settings.data_dir))
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
    build, root = _current(), _root(config)
    plugin: Any = config.plugins.get("mermaid2")  # configured by now: on_pre_build follows every on_config
    # mermaid2's own loading modes other than its javascript setting stay mermaid2's to handle.
    if plugin is not None and not plugin.extra_javascript and not plugin.activate_custom_loader:
        build.charts = f"hb-chart-{secrets.token_hex(6)}"
        build.chart_arguments = pyjs.dumps(plugin.mermaid_args)
    settings = build.settings
    try:
        model, report = generate(
            root / settings.data_dir, root / settings.out_dir, root, settings.audience,
            site_url=config.site_url or "", public_url=settings.public_url, on_warning=log.info,
        )
        # Checked on both sites' builds, so the internal handbook's pull request already fails on a broken mark.
        build.public_pages = public_pages(Path(config.docs_dir), root)
        build.words = handbook_words(model)
        prepare_segmenter(build.words)
    except HandbookError as exc:
        for line in exc.lines():
            log.error(line)
        raise PluginError(f"{exc.count} error{'s' if exc.count != 1 else ''} in the data; the site was not built") from None
    if not (config.site_url or settings.public_url) and "no-url" not in _told:
        _told.add("no-url")
        log.info("no site address (HANDBOOK_SITE_URL or HANDBOOK_PUBLIC_URL): position pages carry no QR code and job descriptions no link")
    if report.written or report.removed:
        log.info(f"{len(report.written)} page{'s' if len(report.written) != 1 else ''} written, {len(report.removed)} removed in {settings.out_dir}/")
    build.model, build.pages, build.tooltips = model, report.pages, Tooltips(model.glossary)
    search = _search_plugin(config)
    if search is not None and getattr(search, "search_index", None) is not None and wanted(len(report.pages)):
        build.sections = SectionsElsewhere(search)


def on_build_error(error: Exception) -> None:
    if _build is not None and _build.sections is not None:
        _build.sections.stop()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build, model, root = _current(), _model(), _root(config)
    out = root / build.settings.out_dir
    docs_rel = posixpath.relpath(Path(config.docs_dir).resolve().as_posix(), root.as_posix())
    sources = edit_sources(model)
    if build.settings.audience == "public":
        _keep_public_only(files, Path(config.docs_dir), build.public_pages)
    # A hand-written docs/onboarding.md is published where the generated onboarding/index.md is: MkDocs would keep one.
    published = {f.dest_uri: f.src_uri for f in files}
    for uri in build.pages:
        if files.get_file_from_path(uri) is not None:
            shown = display_path(Path(config.docs_dir) / uri, root)
            raise PluginError(f"{shown} has the same path as a generated page; rename or move it")
        file = File(uri, src_dir=str(out), dest_dir=config.site_dir, use_directory_urls=True)
        if file.dest_uri in published:
            shown = display_path(Path(config.docs_dir) / published[file.dest_uri], root)
            raise PluginError(f"{shown} is published at the address of a generated page (/{file.url}); rename or move it")
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
        ours = set(build.pages)
        handwritten = [f.src_uri for f in files.documentation_pages() if f.src_uri not in ours]
        config.nav = navigation(model, handwritten, lambda uri: _first_heading(files, uri))
    return files


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    try:
        prepare_search(Path(config.site_dir) / "search", _current().words)
    except UnsupportedSearch as exc:
        raise PluginError(f"{display_path(Path(config.site_dir), _root(config))}/{exc}") from exc


def on_page_content(page_html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    page_html = build.tooltips.add(page_html) if build.tooltips is not None else page_html
    deferred = mermaid.defer(page_html, build.charts) if build.charts else None
    if deferred is None:
        return page_html
    build.deferred.add(page.file.src_uri)
    return deferred


@event_priority(-50)  # after mermaid2, which passed the page by
def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    build = _current()
    if page.file.src_uri not in build.deferred:
        return output
    plugin: Any = config.plugins["mermaid2"]
    return mermaid.finish(output, build.charts, mermaid.scripts(plugin.javascript, page.url, build.chart_arguments))


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
    return page_title(Path(file.abs_src_path).read_text("utf-8-sig")) or None


def _project_relative(root: Path, shown: str) -> str:
    path = Path(shown)
    return (path.resolve().relative_to(root) if path.is_absolute() or path.exists() else path).as_posix()
