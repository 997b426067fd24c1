"""The one-way flow load → validate → render → write, shared by the CLI and the MkDocs hook."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from .catalogue import catalogue
from .errors import DataError, DataErrors, HandbookError
from .model.audience import for_audience, public_view
from .model.build import validate
from .model.openings import build_date, current_openings, expiry_warnings, unseen_warnings
from .model.org import OrgModel
from .review.annotations import CheckReport, text_line
from .review.changelog import with_history
from .review.codeowners import stale_codeowners
from .review.diff import diff
from .review.diff_report import invalid_json, invalid_markdown, to_json, to_markdown
from .review.revisions import WORKING_TREE, InvalidRevision, model_at
from .site import rendercache
from .site.recruiting import prepare
from .site.render import render
from .site.write import MANIFEST, WriteReport, write_pages
from .source.load import Records, load
from .source.settings import site_settings


def build_model(data_dir: Path, root: Path | None = None) -> OrgModel:
    """Load and validate ``data_dir``; raise DataErrors with every problem found.

    ``root`` is the project folder that messages show paths from (default: the working directory).
    """
    return _build(data_dir, root)[0]


def _build(data_dir: Path, root: Path | None) -> tuple[OrgModel, Records]:
    """Return the model and the records it was built from (their file digests and history key the render cache)."""
    records = load(data_dir, root)
    return with_history(validate(records), records.history.revisions), records


def generate(
    data_dir: Path, out_dir: Path, root: Path | None = None, audience: str = "internal", *,
    site_url: str = "", public_url: str = "", today: datetime.date | None = None, on_warning: Callable[[str], object] | None = None,
) -> tuple[OrgModel, WriteReport]:
    """Regenerate the pages of ``data_dir`` for ``audience`` into ``out_dir``; nothing is written unless the data is valid.

    Openings are those current on ``today`` (default: model.openings.build_date()). Job descriptions and QR codes
    lead to ``public_url`` or ``site_url``. Returns the model as the audience sees it, which is what navigation,
    tooltips and search are built from too. ``on_warning`` is told each opening that expired or closes soon.
    """
    today = today or build_date()
    model, records = _build(data_dir, root)
    if on_warning is not None:
        # Said, not failed: a build that stopped on an expired opening would keep it on the published site.
        for warning in expiry_warnings(model, today):
            on_warning(text_line(warning, "warning"))
    current = current_openings(model, today)
    model = for_audience(current, audience)
    settings = {"audience": audience, "site_url": site_url, "public_url": public_url, "today": today.isoformat()}
    project = root or Path.cwd()
    key = rendercache.input_key(records.digests, settings, repr(records.history))
    pages = rendercache.cached_pages(project, audience, key, out_dir)
    if pages is not None:
        return model, WriteReport(pages=pages, unchanged=len(pages))
    recruiting = prepare(model, catalogue(model.handbook.language), site_url=site_url, public_url=public_url)
    report = write_pages(out_dir, render(model, recruiting=recruiting), root)
    rendercache.remember(project, audience, key, out_dir, [*report.pages, MANIFEST])
    return model, report


def check(data_dir: Path, codeowners: Path | None = None, today: datetime.date | None = None) -> CheckReport:
    """Validate ``data_dir`` (and, given, that the CODEOWNERS file is current); return what was found.

    Openings that expired or close soon are warnings, not errors: an opening that closes is the normal
    course of things, yet someone should tidy it.
    """
    findings: list[tuple[DataError, str]] = []
    lines: list[str] = []
    try:
        model = build_model(data_dir)
        today = today or build_date()
        findings += [(w, "warning") for w in expiry_warnings(model, today) + unseen_warnings(model, today)]
        if codeowners is not None:
            stale = stale_codeowners(model, data_dir, codeowners)
            findings += [(e, "error") for e in stale]
            lines += [str(e) for e in stale]
        summary = _counts(model, public_view(current_openings(model, today)))
    except DataErrors as exc:
        findings += [(e, "error") for e in exc.errors]
        lines = exc.lines()
    except HandbookError as exc:
        findings += [(DataError(data_dir.as_posix(), 0, 0, "", line), "error") for line in exc.lines()]
        lines = exc.lines()
    errors = sum(1 for _, severity in findings if severity == "error")
    if errors:
        summary = f"{errors} error{'s' if errors != 1 else ''}; nothing was written"
    return CheckReport(findings, lines, summary)


def _counts(model: OrgModel, public: OrgModel) -> str:
    hiring = sum(len(p.openings) for p in public.positions.values())
    return (f"ok: {len(model.departments)} departments, {len(model.positions)} positions, headcount {model.headcount}; "
            f"the public site shows {len(public.departments)} departments, {len(public.positions)} positions"
            + (f", {hiring} current opening{'s' if hiring != 1 else ''}" if hiring else ""))


def role_diff(
    root: Path, data_dir: Path, base: str, head: str | None, fmt: str = "markdown", site_url: str = "", *, build_failed: bool = False,
) -> tuple[str, bool]:
    """Return what the change from ``base`` to ``head`` (default: the files as they are now) does in role terms,
    and whether both sides validate; a side that does not is the summary, with every error it has."""
    resolved = data_dir.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise HandbookError(f"{data_dir}: diff compares the data folder of this repository; run it from the repository's top folder")
    data = resolved.relative_to(root.resolve()).as_posix()
    head = head or WORKING_TREE
    text = catalogue(site_settings(resolved, "internal").language)
    try:
        old, new = model_at(root, base, data), model_at(root, head, data)
    except InvalidRevision as exc:
        if fmt == "json":
            return invalid_json(exc.revision, exc.errors.lines(), base, head), False
        return invalid_markdown(exc.revision, exc.errors.lines(), text, base, head, build_failed=build_failed), False
    result = diff(old, new)
    if fmt == "json":
        return to_json(result, base, head), True
    return to_markdown(result, catalogue(new.handbook.language), base, head, site_url, build_failed=build_failed), True
