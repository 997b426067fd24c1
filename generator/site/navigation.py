"""The site's navigation: fixed entry pages, departments as nested sections, then hand-written pages.

Pure functions of the model and the hand-written pages' paths, so they are tested
without MkDocs; the hook hands the result to MkDocs as ``nav``. Labels are
HTML-escaped here because themes print navigation titles as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from ..catalogue import catalogue
from ..escape import html_text
from ..model.org import OrgModel
from ..urls import page_path

Heading = Callable[[str], str | None]
"""``heading(uri)`` → the first ``# heading`` of a hand-written page, or None."""


def navigation(model: OrgModel, handwritten: list[str], heading: Heading) -> list:
    """Return MkDocs' ``nav``: generated pages in the handbook's language, hand-written pages (their paths) after the plans."""
    text = catalogue(model.handbook.language).text

    def section(dept_id: str) -> dict:
        dept = model.departments[dept_id]
        items: list = [page_path("department", dept_id)]
        items += [page_path("position", p.id) for p in model.members(dept_id)]
        items += [section(child.id) for child in model.subdepartments(dept_id)]
        return {html_text(dept.name): items}

    def label(key: str) -> str:
        return html_text(text(key))

    return [
        {label("nav.home"): page_path("home")},
        {label("nav.org_chart"): page_path("org-chart")},
        {label("nav.departments"): [page_path("departments"), *(section(d.id) for d in model.top_departments)]},
        {label("nav.positions"): page_path("positions")},
        *([{label("nav.onboarding"): page_path("onboarding")}] if model.has_onboarding else []),
        {label("nav.openings"): page_path("openings")},
        *([{label("nav.plans"): [page_path("plans"), *(page_path("plan", p.id) for p in model.ordered_plans)]}] if model.plans else []),
        *_handwritten(handwritten, heading),
        *([{label("nav.glossary"): page_path("glossary")}] if model.glossary else []),
        *([{label("nav.sources"): page_path("sources")}] if model.handbook.sources else []),
        *([{label("nav.about"): page_path("about")}] if model.shows("about") else []),
    ]


def _handwritten(uris: list[str], heading: Heading) -> list:
    """Return hand-written pages: top-level files as they are, each folder as a section led by its index.md."""
    loose: list = []
    folders: dict[str, list[str]] = {}
    for uri in sorted(uris):
        folder, _, _ = uri.rpartition("/")
        if folder:
            folders.setdefault(folder.split("/")[0], []).append(uri)
        else:
            loose.append(uri)
    for folder, members in sorted(folders.items()):
        index = f"{folder}/index.md"
        members.sort(key=lambda u: (u != index, u))
        loose.append({html_text(heading(index) or folder): members})
    return loose


def edit_sources(model: OrgModel) -> dict[str, str]:
    """Return the YAML file each position and department page is made from, by page path: its "edit" button opens that."""
    sources = {page_path("position", p.id): p.source_file for p in model.positions.values()}
    sources.update({page_path("onboarding", p.id): p.source_file for p in model.positions.values() if model.has_onboarding})
    sources.update({page_path("department", d.id): d.source_file for d in model.departments.values()})
    return sources
