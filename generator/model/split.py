"""Checks of the public/internal split, run on every build: what the public site could only show by
showing something internal, and marks that contradict each other or cannot do what they ask.

A mark that cannot take effect would let an editor believe candidates read something they do not
(``public_fields: [sources]`` while the handbook keeps its sources internal), or build a page that
gives away what is hidden; each is refused on its line, so the pull request that adds it fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from .audience import plan_is_public, public_view
from .org import OrgModel
from .records import Department, Position


@dataclass(frozen=True)
class SplitProblem:
    """One problem, located by the item it is on and the field (and, for a list of marks, the entry)."""

    kind: str
    """"department", "position" or "plan"."""
    item_id: str
    path: tuple[str | int, ...]
    message: str
    entry: str | None = None
    """The value within the list at ``path`` that the problem is about (``public_fields: [kpis]``)."""


def split_problems(model: OrgModel) -> list[SplitProblem]:
    """Return every problem of the split in ``model``, in a stable order."""
    view = public_view(model)
    return [*_mark_problems(model, view), *_total_problems(model, view), *_opening_problems(model, view), *_plan_problems(model, view)]


def _mark_problems(model: OrgModel, view: OrgModel) -> list[SplitProblem]:
    problems = []
    for kind, items in (("department", model.departments), ("position", model.positions)):
        for item in items.values():
            problems += _contradictions(kind, item)
            problems += _ineffective(kind, item, model, view)
    return problems


def _contradictions(kind: str, item: Department | Position) -> list[SplitProblem]:
    return [
        SplitProblem(kind, item.id, ("public_fields",), f"'{part}' is also in internal_fields: a part is either public or internal; keep one", part)
        for part in sorted(item.public_fields & item.internal_fields)
    ]


def _ineffective(kind: str, item: Department | Position, model: OrgModel, view: OrgModel) -> list[SplitProblem]:
    """Public marks that the rest of the data overrides: the part would silently stay off the public site."""
    shown = view.departments if kind == "department" else view.positions
    if item.id not in shown:
        whole = "it is internal (internal: true)" if item.internal is True else f"its department {getattr(item, 'department', '')!r} is internal"
        problems = [SplitProblem(kind, item.id, ("public_fields",), f"'{p}' cannot be public: {whole}, so no part of it is", p) for p in sorted(item.public_fields)]
        if item.internal is False:
            problems.append(SplitProblem(kind, item.id, ("internal",), f"internal: false has no effect: {whole}; remove it or make the department public"))
        return problems
    public = shown[item.id]
    problems = []
    for part in sorted(item.public_fields - item.internal_fields):
        why = _why_hidden(kind, part, item, model) if part in public.hidden else None
        if why:
            problems.append(SplitProblem(kind, item.id, ("public_fields",), f"'{part}' cannot be public: {why}", part))
    return problems


def _why_hidden(kind: str, part: str, item: Department | Position, model: OrgModel) -> str | None:
    if part == "sources":
        return "data/handbook.yml keeps its sources internal (add 'sources' to its public list to publish them)"
    if kind == "department" and part == "head":
        return f"its head, {item.head!r}, is not on the public site"  # type: ignore[union-attr]
    if kind == "position" and part == "reports_to":
        return "every position above it is internal"
    return None


def _total_problems(model: OrgModel, view: OrgModel) -> list[SplitProblem]:
    problems = []
    for dept in view.departments.values():
        if "headcount" in dept.hidden:
            continue
        # A public total that counts internal positions, or hidden headcounts, gives them away or is wrong.
        unseen = sorted(p.id for p in model.positions_within(dept.id) if p.id not in view.positions or view.positions[p.id].headcount is None)
        if unseen:
            problems.append(SplitProblem(
                "department", dept.id, ("public_fields",) if "headcount" in dept.public_fields else (),
                f"its headcount is public, but it counts positions whose headcount is not ({', '.join(unseen[:5])}"
                f"{' …' if len(unseen) > 5 else ''}); make their headcount public or keep this one internal",
            ))
    return problems


def _opening_problems(model: OrgModel, view: OrgModel) -> list[SplitProblem]:
    problems = []
    for pos in model.positions.values():
        # A job opening is posted to be read outside the company; it cannot be on a page the public site lacks.
        if pos.openings and "position.openings" in model.handbook.public_parts and "openings" not in pos.internal_fields and pos.id not in view.positions:
            why = "is internal" if pos.internal is True else f"belongs to internal department {pos.department!r}"
            problems.append(SplitProblem(
                "position", pos.id, ("openings",),
                f"openings are public, but this position {why}, so its job description has no public page; "
                "make the position public or add openings to its internal_fields",
            ))
    return problems


def _plan_problems(model: OrgModel, view: OrgModel) -> list[SplitProblem]:
    problems = []
    for plan_id, plan in model.plans.items():
        if not plan_is_public(plan, model.handbook.public_parts):
            continue
        # A public plan without some of its positions would show a team and a total that are not the plan's;
        # one with them would print headcounts the positions keep internal.
        for i, entry in enumerate(plan.entries):
            if entry.position not in view.positions:
                message = f"this plan is public, but position {entry.position!r} is internal; keep the plan internal or make the position public"
            elif view.positions[entry.position].headcount is None:
                message = (f"this plan is public and gives a headcount for {entry.position!r}, whose headcount is internal; "
                           "make its headcount public or keep the plan internal")
            else:
                continue
            problems.append(SplitProblem("plan", plan_id, ("positions", i, "position"), message))
    return problems
