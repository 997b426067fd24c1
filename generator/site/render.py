"""Turn the model into Markdown pages, ``{relative path: text}``, through the Jinja templates."""

from __future__ import annotations

import functools
import posixpath

import jinja2
import markupsafe

from ..catalogue import Catalogue, catalogue
from ..errors import HandbookError
from ..escape import Raw, front_matter, html_lines, html_text, markdown, script_json
from ..model.audience import PART_LABELS, PublicMark, public_marks
from ..model.org import OrgModel
from ..model.records import Department, Plan, Position
from ..review.diff_report import change_lines
from ..urls import forward, page_path, page_url, relative
from . import diagrams
from .checklist import Checklist
from .halves import map_in_halves
from .recruiting import Recruiting, prepare


class _Page:
    """Link helpers for one page being rendered."""

    def __init__(self, path: str, text: Catalogue) -> None:
        self.path = path
        self.url = page_url(path)
        self._dir = posixpath.dirname(path)
        self._text = text

    def link(self, kind: str, item_id: str = "") -> Raw:
        """Return a relative link to another page's Markdown file (MkDocs checks and rewrites it)."""
        return Raw(relative(page_path(kind, item_id), self._dir))

    # Written here rather than as template macros: a Jinja macro call cost more than
    # the rest of a position page, and pages hold dozens of these links.
    def docs_link(self, docs_path: str) -> Raw:
        """Return a relative link to a hand-written page, by its path under docs/ (MkDocs checks and rewrites it)."""
        return Raw(relative(docs_path, self._dir))

    def position_link(self, p: Position) -> Raw:
        """Return a Markdown link to a position, its title escaped."""
        return Raw(f"[{markdown(p.title)}]({self.link('position', p.id)})")

    def department_link(self, d: Department) -> Raw:
        """Return a Markdown link to a department, its name escaped."""
        return Raw(f"[{markdown(d.name)}]({self.link('department', d.id)})")

    def plan_link(self, plan: Plan) -> Raw:
        """Return a Markdown link to a staffing plan, its name escaped."""
        return Raw(f"[{markdown(plan.name)}]({self.link('plan', plan.id)})")

    def page_link(self, text: str, kind: str) -> Raw:
        """Return a Markdown link to one of the fixed pages (org chart, glossary …) with ``text`` escaped."""
        return Raw(f"[{markdown(text)}]({self.link(kind)})")

    def external_link(self, text: str, href: str) -> Raw:
        """Return a link out of the site as inline HTML. Python-Markdown reads links and emphasis even inside the
        attributes of inline HTML, so the address is entity-coded like Markdown text (every character either
        syntax could read); the browser decodes the entities back into the address as written."""
        return Raw(f'<a href="{markdown(href)}" rel="nofollow noopener">{markdown(text)}</a>')

    def anchor_link(self, text: str, anchor: str) -> Raw:
        """Return a Markdown link to a section of this page."""
        return Raw(f"[{markdown(text)}](#{anchor})")

    def position_links(self, positions: list[Position]) -> Raw:
        """Return links to ``positions`` joined by the language's list separator."""
        return Raw(self._text.md("list_sep").join(self.position_link(p) for p in positions))

    def href(self, kind: str, item_id: str = "") -> str:
        """Return a relative URL to another page, for diagrams, which MkDocs does not rewrite."""
        rel = relative(page_url(page_path(kind, item_id)), self.url)
        return "./" if rel == "." else rel + "/"


@functools.cache
def environment() -> jinja2.Environment:
    """Return the Jinja environment: package templates, strict variables, and Markdown escaping by default.

    One per process, so `mkdocs serve` compiles the templates once rather than on every rebuild.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        # Markdown heading anchors are written {#id}, which is Jinja's comment syntax.
        comment_start_string="{##",
        comment_end_string="##}",
        # Every {{ }} is escaped as Markdown unless it is Raw, so a template that
        # forgets a filter is safe rather than injectable.
        finalize=markdown,
    )
    env.filters.update(meta=front_matter, html=html_text, html_lines=html_lines, raw=Raw, json=script_json, md=markdown, span=span)
    env.globals.update(diagrams=diagrams, part_labels=PART_LABELS, change_lines=change_lines)
    env.tests["contains"] = lambda seq, item: item in seq
    return env


@functools.cache
def html_environment() -> jinja2.Environment:
    """Return the environment of standalone HTML files (the printable job description): HTML autoescaping."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )


def span(low: int, high: int | None) -> str:
    """Return a number, or a range of them ("2–4") where there is an upper end."""
    return str(low) if high is None else f"{low}–{high}"


def render(model: OrgModel, env: jinja2.Environment | None = None, recruiting: Recruiting | None = None) -> dict[str, str]:
    """Return every generated page of the model; raise HandbookError if two pages would share a path.

    ``recruiting`` carries the addresses job descriptions and QR codes lead to (none by default).
    """
    env = env or environment()
    text = catalogue(model.handbook.language)
    recruiting = recruiting or prepare(model, text)
    pages: dict[str, str] = {}
    # The internal handbook says on each page what the public site leaves out; the public site says nothing.
    # The recruiting view is that public view already: it is not cut a second time.
    marks = public_marks(model, recruiting.public) if model.audience == "internal" else {}

    def add(path: str, content: str) -> None:
        # Two outputs on one path would silently lose one (Pelican's writer refuses them the same way).
        if path in pages:
            raise HandbookError(f"two generated pages would be written to {path}")
        pages[path] = content

    def page_text(template: str, path: str, **context: object) -> str:
        page = _Page(path, text)
        return env.get_template(template).render(
            model=model, page=page, t=text.md, tx=text.text, catalogue=text, recruiting=recruiting,
            checklist=Checklist(model, page, text), **context,
        )

    def emit(template: str, path: str, **context: object) -> None:
        add(path, page_text(template, path, **context))

    for template, kind in _fixed_pages(model):
        emit(template, page_path(kind))
    for plan in model.plans.values():
        emit("plan.md.j2", page_path("plan", plan.id), plan=plan, mark=marks.get(("plan", plan.id), PublicMark()))
    for dept in model.departments.values():
        emit("department.md.j2", page_path("department", dept.id), dept=dept, mark=marks.get(("department", dept.id), PublicMark()))

    def position_files(pos: Position) -> tuple[tuple[str, str], dict[str, str]]:
        path = page_path("position", pos.id)
        files = _job_description(pos, recruiting, text)
        # Without any plan there are no checklists, and position pages say nothing of first weeks.
        if model.has_onboarding:
            files[page_path("onboarding", pos.id)] = page_text("onboarding.md.j2", page_path("onboarding", pos.id), pos=pos)
        return (path, page_text("position.md.j2", path, pos=pos, mark=marks.get(("position", pos.id), PublicMark()))), files

    # Most of a large handbook's rendering, shared between two processes where that pays (halves.py):
    # every position's page, then every position's job-description files, as before.
    rendered = map_in_halves(position_files, list(model.positions.values()))
    for path, content in [page for page, _ in rendered] + [item for _, files in rendered for item in files.items()]:
        add(path, content)
    for path, title, target in _forwarding_pages(model):
        emit("redirect.html.j2", path, title=title, target=target)
    return pages


def _fixed_pages(model: OrgModel) -> list[tuple[str, str]]:
    """Return (template, page kind) of the handbook's own pages that this model has."""
    optional = [
        ("about.md.j2", "about", model.shows("about")), ("sources.md.j2", "sources", bool(model.handbook.sources)),
        ("glossary.md.j2", "glossary", bool(model.glossary)), ("plans.md.j2", "plans", bool(model.plans)),
        # A handbook without any plan has no checklists, and no page to pick one from.
        ("onboarding_index.md.j2", "onboarding", model.has_onboarding),
    ]
    always = [("home.md.j2", "home"), ("org_chart.md.j2", "org-chart"), ("departments.md.j2", "departments"), ("positions.md.j2", "positions"), ("openings.md.j2", "openings")]
    return always + [(template, kind) for template, kind, shown in optional if shown]


def _forwarding_pages(model: OrgModel) -> list[tuple[str, str, str]]:
    """Return (path, title, target) of the page at each former id, which forwards to the current one."""
    out = [(page_path("former-department", old), d.name, forward(d.id)) for d in model.departments.values() for old in d.former_ids]
    for pos in model.positions.values():
        out += [(page_path("former-position", old), pos.title, forward(pos.id)) for old in pos.former_ids]
        if model.has_onboarding:
            # The checklist a manager sent on day one keeps working after a rename, as the page does.
            out += [(page_path("former-onboarding", old), pos.title, f"../{forward(pos.id)}onboarding/") for old in pos.former_ids]
    return out


def _job_description(pos: Position, recruiting: Recruiting, text: Catalogue) -> dict[str, str]:
    """Return the files a recruiter shares for one position: jd.txt, the printable jd.html, the QR code."""
    jd = recruiting.jd_text(pos)
    shown = recruiting.shown(pos)
    if not jd or shown is None:
        return {}
    qr = recruiting.qr_svg(pos)
    html = html_environment().get_template("jd.html.j2").render(
        pos=shown, model=recruiting.public, recruiting=recruiting, tx=text.text, lang=text.text("html_lang"),
        qr=markupsafe.Markup(qr), url=recruiting.url(pos),
    )
    # A byte-order mark, so a browser shows the Chinese text right when the server names no charset.
    files = {page_path("jd.txt", pos.id): "\ufeff" + jd, page_path("jd.html", pos.id): html}
    if qr:
        files[page_path("qr.svg", pos.id)] = qr
    return files
