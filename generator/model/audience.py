"""Who a site is for: the rule that makes the public careers site out of the internal handbook.

Applied to the validated model before rendering, so templates, charts, search,
navigation and redirect pages only ever see what the audience may see; nothing
downstream needs to remember the rule.

What is public is decided part by part. ``data/handbook.yml`` lists the parts
the public site shows (``public:``, else ``DEFAULT_PUBLIC``); a department or
position can take a field out (``internal_fields``) or put one in
(``public_fields``), or be internal as a whole (``internal: true``); single
list items and collaboration or escalation entries can be ``internal: true``.
Plans are internal unless made public, and a plan can say ``internal: false``.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from .onboarding import Item, public_stages
from .org import OrgModel, ancestry
from .records import Department, Plan, Position

POSITION_PARTS = (
    "summary", "responsibilities", "requirements", "kpis", "level", "reports_to", "headcount",
    "other_titles", "collaboration", "escalation", "tools", "openings", "onboarding", "changed", "sources",
)
"""Parts of a position page that can be public or internal; the title and department always show."""
DEPARTMENT_PARTS = ("summary", "functions", "head", "headcount", "other_names", "changed", "sources")
"""Parts of a department page that can be public or internal; the name always shows."""
DEFAULT_PUBLIC = frozenset({
    "position.summary", "position.responsibilities", "position.requirements", "position.level", "position.reports_to",
    "position.other_titles", "position.openings", "department.summary", "department.functions", "department.head", "department.other_names",
    "glossary",
})
"""What a public careers site shows when data/handbook.yml does not say: what a candidate needs to
understand a role, nothing about headcounts, escalation contacts, internal tools or plans."""


AUDIENCES = ("internal", "public")

PART_LABELS = {
    "summary": "part.summary", "responsibilities": "section.responsibilities", "requirements": "section.requirements",
    "kpis": "section.kpis", "level": "position.level", "reports_to": "position.reports_to", "headcount": "position.headcount",
    "other_titles": "position.other_titles", "collaboration": "section.collaboration", "escalation": "section.escalation",
    "tools": "section.tools", "openings": "section.openings", "onboarding": "section.onboarding", "changed": "part.changed", "sources": "section.sources",
    "functions": "section.functions", "head": "department.head", "other_names": "department.other_names",
}
"""Catalogue key naming each part, for the internal handbook's note on what the public site leaves out."""


def hidden_parts(kind: str, item: Position | Department, public: frozenset[str]) -> frozenset[str]:
    """Return the parts of one position or department that the public site hides."""
    parts = POSITION_PARTS if kind == "position" else DEPARTMENT_PARTS
    shown = {p for p in parts if f"{kind}.{p}" in public}
    return frozenset((set(parts) - shown - set(item.public_fields)) | set(item.internal_fields))


def for_audience(model: OrgModel, audience: str) -> OrgModel:
    """Return the model a site for ``audience`` ("internal" or "public") is rendered from."""
    return model if audience == "internal" else public_view(model)


def public_view(model: OrgModel) -> OrgModel:
    """Return ``model`` as the public site may show it: internal items gone, internal parts hidden or emptied."""
    public = model.handbook.public_parts
    departments = _public_departments(model)
    positions = {p.id: p for p in model.positions.values() if p.internal is not True and p.department in departments}

    def public_boss(pos: Position) -> str | None:
        # A reporting line that passes through an internal position is shown without it, never broken.
        return next((boss for boss in ancestry(pos.reports_to, model.manager_of) if boss in positions), None)

    shown_positions = {pid: _position(p, public_boss(p), positions, public) for pid, p in positions.items()}
    shown_departments = {did: _department(d, departments, shown_positions, public) for did, d in departments.items()}
    cited = "sources" in public
    plans = {pid: _plan(plan, shown_positions, cited) for pid, plan in model.plans.items() if plan_is_public(plan, public)}
    glossary = tuple(t if cited else replace(t, sources=()) for t in model.glossary if not t.internal) if "glossary" in public else ()
    shown: dict[str, AbstractSet[str]] = {"position": set(shown_positions), "department": set(shown_departments), "term": {t.id for t in glossary}, "page": model.handbook.public_docs}
    shown_positions = {pid: _public_plan(p, shown) for pid, p in shown_positions.items()}
    handbook = replace(
        model.handbook,
        title=model.handbook.public_title or model.handbook.title,
        description=model.handbook.public_description or model.handbook.description,
        sources=model.handbook.sources if "sources" in public else (),
    )
    partial = len(shown_positions) < len(model.positions) or len(shown_departments) < len(model.departments)
    shown_plans = {k: v for k, v in plans.items() if v.entries}
    return OrgModel(handbook, shown_departments, shown_positions, shown_plans, glossary, audience="public", partial=partial)


def _public_departments(model: OrgModel) -> dict[str, Department]:
    """Return the public departments, each under its nearest public ancestor (an internal one is skipped)."""
    internal = {d.id for d in model.departments.values() if d.internal is True}
    out = {}
    for d in model.departments.values():
        if d.id in internal:
            continue
        parent = next((p for p in ancestry(d.parent, model.parent_of) if p not in internal), None)
        # With every department above it internal, its page says nothing of a parent rather than call it top-level.
        out[d.id] = replace(d, parent=parent, hidden=d.hidden | ({"parent"} if d.parent is not None and parent is None else set()))
    return out


def _visible(items: tuple, field: str, marked: frozenset[tuple[str, int]]) -> tuple:
    return tuple(item for i, item in enumerate(items) if (field, i) not in marked)


def _forced(item: Position | Department, public: frozenset[str]) -> set[str]:
    """Return the parts hidden whatever the item's own marks say (make check refuses the marks that ask otherwise)."""
    # Without the documents themselves, no page may cite them.
    return set() if "sources" in public else {"sources"}


def _position(pos: Position, boss: str | None, positions: dict[str, Position], public: frozenset[str]) -> Position:
    hidden = hidden_parts("position", pos, public) | _forced(pos, public)
    if pos.reports_to is not None and boss is None:
        # Every manager above is internal: the page says nothing of the line rather than call it the top.
        hidden |= {"reports_to"}
    marked = pos.internal_items

    def texts(field: str) -> tuple[str, ...]:
        return () if field in hidden else _visible(getattr(pos, field), field, marked)

    shown = replace(
        pos,
        summary="" if "summary" in hidden else pos.summary,
        responsibilities=texts("responsibilities"),
        requirements=texts("requirements"),
        kpis=texts("kpis"),
        tools=texts("tools"),
        openings=() if "openings" in hidden else pos.openings,
        other_titles=() if "other_titles" in hidden else pos.other_titles,
        collaboration=() if "collaboration" in hidden else tuple(
            c for i, c in enumerate(pos.collaboration) if not c.internal and ("collaboration", i) not in marked and c.with_id in positions
        ),
        escalation=() if "escalation" in hidden else tuple(
            e for i, e in enumerate(pos.escalation) if not e.internal and ("escalation", i) not in marked and e.to in positions
        ),
        reports_to=None if "reports_to" in hidden else boss,
        headcount=None if "headcount" in hidden else pos.headcount,
        changed="" if "changed" in hidden else pos.changed,
        # Never public: it is worked out from every past version of the file, internal items and all.
        history=(),
        sources=() if "sources" in hidden else pos.sources,
        hidden=hidden,
    )
    added, added_items, placed_items = _added_shown(shown, hidden)
    return replace(shown, added=added, added_items=added_items, placed_items=placed_items)


def _public_plan(pos: Position, shown: Mapping[str, AbstractSet[str]]) -> Position:
    """Return ``pos`` with its onboarding plan as the public site may show it: no internal item, no link to what it hides."""
    if "onboarding" in pos.hidden or not pos.onboarding:
        return replace(pos, onboarding=(), onboarding_sources=()) if pos.onboarding else pos

    def keep(kind: str, item: Item) -> Item | None:
        if item.internal:
            return None
        if item.link is None:
            return item
        link, target = item.link
        # A tool shows where the position's public tools list it; anything else where the site shows it.
        if target in (pos.tools if link == "tool" else shown[link]):
            return item
        # A task or a request stays, without its link; a person to meet or a reading is nothing without it.
        return replace(item, link=None) if kind in ("tasks", "access", "goals") else None

    stages = public_stages(pos.onboarding, keep)
    return replace(pos, onboarding=stages, onboarding_sources=pos.onboarding_sources if stages and "sources" not in pos.hidden else ())


def _department(dept: Department, departments: dict[str, Department], positions: dict[str, Position], public: frozenset[str]) -> Department:
    hidden = hidden_parts("department", dept, public) | _forced(dept, public) | dept.hidden
    if dept.head not in positions:
        hidden |= {"head"}
    shown = replace(
        dept,
        summary="" if "summary" in hidden else dept.summary,
        functions=() if "functions" in hidden else _visible(dept.functions, "functions", dept.internal_items),
        head=None if "head" in hidden else dept.head,
        other_names=() if "other_names" in hidden else dept.other_names,
        changed="" if "changed" in hidden else dept.changed,
        sources=() if "sources" in hidden else dept.sources,
        hidden=hidden,
    )
    added, added_items, placed_items = _added_shown(shown, hidden)
    return replace(shown, added=added, added_items=added_items, placed_items=placed_items)


Marks = tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[tuple[str, str]]]


def _added_shown(item: Position | Department, hidden: frozenset[str]) -> Marks:
    """Return the marks (fields, added items, placed items) of what the page still shows: a mark beside a hidden value would say one is there."""
    texts = {(f, t) for f in ("responsibilities", "requirements", "kpis", "tools", "other_titles", "functions") for t in getattr(item, f, ())}
    return item.added - hidden, frozenset(i for i in item.added_items if i in texts), frozenset(i for i in item.placed_items if i in texts)


def plan_is_public(plan: Plan, public: frozenset[str]) -> bool:
    """Return whether a plan is on the public site: its own ``internal: false``, else the handbook's ``plans`` part."""
    return plan.internal is False or (plan.internal is None and "plans" in public)


def _plan(plan: Plan, positions: dict[str, Position], cited: bool) -> Plan:
    entries = tuple(e for e in plan.entries if e.position in positions)
    entries = tuple(replace(e, reports_to=e.reports_to if e.reports_to in positions else None, shared_with=tuple(s for s in e.shared_with if s in positions))
                    for e in entries)
    return replace(plan, entries=entries, sources=plan.sources if cited else ())


@dataclass(frozen=True)
class PublicMark:
    """What the public site leaves out of one page of the internal handbook, so whoever edits it knows."""

    whole: bool = False
    """The page is not on the public site at all."""
    parts: tuple[str, ...] = ()
    """Parts with content here that the public site hides, in page order."""
    items: int = 0
    """List items and entries marked internal one by one."""


def public_marks(model: OrgModel, view: OrgModel | None = None) -> dict[tuple[str, str], PublicMark]:
    """Return, per ("position" | "department" | "plan", id) of the internal model, what its public page leaves out;
    ``view`` is ``public_view(model)`` when the caller has it already."""
    view = view or public_view(model)
    out: dict[tuple[str, str], PublicMark] = {}
    for kind, items, shown, parts in (
        ("position", model.positions, view.positions, POSITION_PARTS),
        ("department", model.departments, view.departments, DEPARTMENT_PARTS),
    ):
        for item_id, item in items.items():
            if item_id not in shown:
                out[(kind, item_id)] = PublicMark(whole=True)
                continue
            public = shown[item_id]
            # The date of the last change is about the page; onboarding counts where there is a plan (_has).
            hidden = tuple(p for p in parts if p in public.hidden and p != "changed" and _has(item, p))
            kept = {p for p in parts if p not in public.hidden}
            items_gone = sum(
                len(getattr(item, f)) - len(getattr(public, f))
                for f in ("responsibilities", "requirements", "kpis", "tools", "collaboration", "escalation", "functions")
                if f in kept and hasattr(item, f)
            )
            out[(kind, item_id)] = PublicMark(parts=hidden, items=items_gone)
    for plan_id in model.plans:
        out[("plan", plan_id)] = PublicMark(whole=plan_id not in view.plans)
    return out


def _has(item: Position | Department, part: str) -> bool:
    if part in ("level", "headcount"):
        return True
    if part == "head":
        return item.head is not None  # type: ignore[union-attr]
    return bool(getattr(item, part))
