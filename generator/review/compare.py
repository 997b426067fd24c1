"""Two versions of one record compared as the readers of either site see them, and as its approvers care.

The rule: a change is whatever changes what a page shows (a title, an item's order, a mark, a level's
name) or who must approve (owners). Renames are resolved before anything is compared: every id of the
old version is mapped to its new id, and every reference is shown by the name it has now, so a renamed
position changes nothing on the pages of those who report to it, work with it or are led by it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any

from ..catalogue import catalogue
from ..model.onboarding import LISTS, Item
from ..model.org import OrgModel
from ..model.records import Department, Entity, Opening, Plan, PlanEntry, Position, Term
from .changes import Change
from .lists import compare

TEXT_LISTS = ("responsibilities", "requirements", "kpis", "tools")
_NOT_SHOWN = {"id", "source_file", "changed", "history", "hidden"}
"""Fields no page shows as such (the id is the address, compared as a rename; the date and history follow git)."""


@dataclass(frozen=True)
class Renames:
    """Old id → new id of every position and department the change kept or renamed."""

    positions: dict[str, str]
    departments: dict[str, str]

    def position(self, old_id: str | None) -> str | None:
        return None if old_id is None else self.positions.get(old_id, old_id)

    def department(self, old_id: str | None) -> str | None:
        return None if old_id is None else self.departments.get(old_id, old_id)


NO_RENAMES = Renames({}, {})


class Names:
    """How references read: by their name in the new version where it still exists, else in the old one."""

    def __init__(self, old: OrgModel, new: OrgModel) -> None:
        self.old, self.new = old, new

    def position(self, pos_id: str | None) -> str | None:
        for model in (self.new, self.old):
            if pos_id in model.positions:
                return model.positions[pos_id].title
        return pos_id

    def department(self, dept_id: str | None) -> str | None:
        for model in (self.new, self.old):
            if dept_id in model.departments:
                return model.departments[dept_id].name
        return dept_id

    def linked(self, kind: str, target: str) -> str:
        """Return a hand-written page by its title and a glossary term by its word (a tool is its own name)."""
        for model in (self.new, self.old):
            if kind == "page" and (title := model.doc_title(target)):
                return title
            if kind == "term" and target in model.terms_by_id:
                return model.terms_by_id[target].term
        return target

    def source(self, source_id: str) -> str:
        for model in (self.new, self.old):
            if source_id in model.sources:
                return model.sources[source_id].title
        return source_id


def ref(pos_id: str | None, names: Names) -> dict | None:
    """Return a reference to a position as the report shows it."""
    return None if pos_id is None else {"id": pos_id, "title": names.position(pos_id)}


def dept_ref(dept_id: str | None, names: Names) -> dict | None:
    return None if dept_id is None else {"id": dept_id, "name": names.department(dept_id)}


def scalar(out: list[Change], name: str, before: Any, after: Any, *, shown: Any = None) -> None:
    """Record a changed single value; ``shown`` is (before, after) as the report names them, when not the values."""
    if before != after:
        out.append(Change(name, *(shown if shown is not None else (before, after))))


def items(out: list[Change], name: str, before: Iterable[str], after: Iterable[str]) -> None:
    """Record a changed list of texts: added, removed, reworded, or only reordered."""
    found = compare(tuple(before), tuple(after))
    if found is not None:
        out.append(Change(name, added=found.added, removed=found.removed, reworded=found.reworded, moved=found.moved))


def _visibility(item: Entity, lists: tuple[str, ...]) -> dict:
    """Return the visibility marks of an item, list items named by their text."""
    return {
        "internal": item.internal,
        "internal_fields": sorted(item.internal_fields),
        "public_fields": sorted(item.public_fields),
        "internal_items": sorted(f"{f}: {getattr(item, f)[i]}" for f, i in item.internal_items if f in lists and i < len(getattr(item, f))),
    }


def _marks(item: Entity) -> list[str]:
    """Return what an item marks as added when compiling the handbook: fields, and list items by their text."""
    return sorted(item.added) + sorted(f"{f}: {text}" for f, text in item.added_items)


def entity(out: list[Change], a: Department | Position, b: Department | Position, names: Names, lists: tuple[str, ...]) -> None:
    """Record the changes of what departments and positions share: order, sources, marks, addresses."""
    scalar(out, "order", a.order, b.order)
    items(out, "sources", [names.source(s) for s in a.sources], [names.source(s) for s in b.sources])
    items(out, "added", _marks(a), _marks(b))
    items(out, "placed", sorted(f"{f}: {text}" for f, text in a.placed_items), sorted(f"{f}: {text}" for f, text in b.placed_items))
    scalar(out, "visibility", _visibility(a, lists), _visibility(b, lists))
    # The rename itself lists the old id among the new one's former ids: that is the rename, reported as such.
    items(out, "former_ids", a.former_ids, [f for f in b.former_ids if f != a.id])


def position_changes(old: OrgModel, new: OrgModel, a: Position, b: Position, renames: Renames = NO_RENAMES) -> list[Change]:
    """Return what changed in one position, in the order its page shows it."""
    names = Names(old, new)
    out: list[Change] = []
    scalar(out, "title", a.title, b.title)
    items(out, "other_titles", a.other_titles, b.other_titles)
    scalar(out, "department", renames.department(a.department), b.department,
           shown=(dept_ref(a.department, names), dept_ref(b.department, names)))
    scalar(out, "reports_to", renames.position(a.reports_to), b.reports_to, shown=(ref(a.reports_to, names), ref(b.reports_to, names)))
    scalar(out, "level", old.level_name(a.level) if a.level in old.levels else a.level, new.level_name(b.level) if b.level in new.levels else b.level)
    scalar(out, "headcount", a.headcount, b.headcount)
    scalar(out, "summary", a.summary, b.summary)
    for name in TEXT_LISTS[:3]:
        items(out, name, getattr(a, name), getattr(b, name))
    items(out, "collaboration", _collaboration(a, renames, names), _collaboration(b, NO_RENAMES, names))
    items(out, "escalation", _escalation(a, renames, names), _escalation(b, NO_RENAMES, names))
    items(out, "tools", a.tools, b.tools)
    items(out, "openings", [opening(o) for o in a.openings], [opening(o) for o in b.openings])
    out += onboarding_changes(a, b, renames, names)
    entity(out, a, b, names, TEXT_LISTS)
    out += _unshown(a, b, _POSITION_FIELDS)
    return out


def onboarding_changes(a: Position, b: Position, renames: Renames, names: Names) -> list[Change]:
    """Return what changed in a position's resolved onboarding plan, one change per stage and list.

    The plan as the position's pages show it, inherited items included: a change to the handbook's
    plan is a change to every role that takes it, and is reported on each."""
    text = catalogue(names.new.handbook.language).text
    before = {s.id: s for s in a.onboarding}
    after = {s.id: s for s in b.onboarding}
    out: list[Change] = []
    for stage_id in [*after, *(i for i in before if i not in after)]:
        old, new = before.get(stage_id), after.get(stage_id)
        stage = (new or old).name  # type: ignore[union-attr]
        for kind in LISTS:
            was = [_plan_item(kind, i, renames, names, text) for i in (getattr(old, kind) if old else ())]
            now = [_plan_item(kind, i, NO_RENAMES, names, text) for i in (getattr(new, kind) if new else ())]
            found: list[Change] = []
            items(found, f"onboarding.{kind}", was, now)
            out += [dataclasses.replace(change, name=stage) for change in found]
        if old and new and old.added != new.added:
            timing = {True: text("diff.timing.added"), False: text("diff.timing.stated")}
            out.append(Change("onboarding.timing", timing[old.added], timing[new.added], name=stage))
    items(out, "onboarding.sources", [names.source(i) for i in a.onboarding_sources], [names.source(i) for i in b.onboarding_sources])
    return out


def _plan_item(kind: str, item: Item, renames: Renames, names: Names, text: Callable[..., str]) -> str:
    """Return one plan item as its page reads it: the text, what it links to by name, the marks."""
    target = ""
    if item.link is not None:
        link, value = item.link
        if link == "position":
            target = names.position(renames.position(value)) or value
        elif link == "department":
            target = names.department(renames.department(value)) or value
        else:
            target = names.linked(link, value)
    if kind in ("meet", "read"):
        line = f"{target}{text('sep')}{item.text}" if item.text else target
    else:
        line = f"{item.text} → {target}" if target else item.text
    return line + (f" ({text('diff.internal')})" if item.internal else "") + (text("added.mark") if item.added else "")


def _collaboration(p: Position, renames: Renames, names: Names) -> list[str]:
    return [f"{names.position(renames.position(c.with_id))}: {c.on}" for c in p.collaboration]


def _escalation(p: Position, renames: Renames, names: Names) -> list[str]:
    return [f"{e.situation}{' (' + e.when + ')' if e.when else ''} → {names.position(renames.position(e.to))}" for e in p.escalation]


def opening(o: Opening) -> str:
    """Return an opening in one line, where it hires first."""
    salary = ""
    if o.salary:
        top = f"–{o.salary.max:g}" if o.salary.max is not None else ""
        salary = f", {o.salary.min:g}{top} {o.salary.currency}/{o.salary.unit}"
    return f"{o.location}{' (remote)' if o.remote else ''}, {o.type}, {o.count}{salary}, {o.posted} → {o.valid_through}"


def department_changes(old: OrgModel, new: OrgModel, a: Department, b: Department, renames: Renames = NO_RENAMES) -> list[Change]:
    """Return what changed in one department, in the order its page shows it."""
    names = Names(old, new)
    out: list[Change] = []
    scalar(out, "name", a.name, b.name)
    items(out, "other_names", a.other_names, b.other_names)
    scalar(out, "parent", renames.department(a.parent), b.parent, shown=(dept_ref(a.parent, names), dept_ref(b.parent, names)))
    scalar(out, "head", renames.position(a.head), b.head, shown=(ref(a.head, names), ref(b.head, names)))
    scalar(out, "summary", a.summary, b.summary)
    items(out, "functions", a.functions, b.functions)
    items(out, "owners", a.owners, b.owners)
    entity(out, a, b, names, ("functions",))
    out += _unshown(a, b, _DEPARTMENT_FIELDS)
    return out


def added_position(new: OrgModel, p: Position) -> list[Change]:
    """Return what a new position is: its level, manager, headcount, duties and openings."""
    names = Names(new, new)
    out = [Change("level", None, new.level_name(p.level)), Change("reports_to", None, ref(p.reports_to, names)), Change("headcount", None, p.headcount)]
    out += [Change(name, added=list(getattr(p, name))) for name in ("responsibilities", "requirements") if getattr(p, name)]
    out += [Change("openings", added=[opening(o) for o in p.openings])] if p.openings else []
    return [c for c in out if c.after is not None or c.added]


def added_department(new: OrgModel, d: Department) -> list[Change]:
    """Return what a new department is: headed by whom, under which department (or at the top)."""
    names = Names(new, new)
    return [Change("head", None, ref(d.head, names)), Change("parent", None, dept_ref(d.parent, names) or {"top": True})]


def plan_changes(old: OrgModel, new: OrgModel, a: Plan, b: Plan, renames: Renames = NO_RENAMES) -> list[Change]:
    """Return what changed in a staffing plan: its settings, then each position it staffs, by the position's name."""
    names = Names(old, new)
    out: list[Change] = []
    scalar(out, "name", a.name, b.name)
    scalar(out, "summary", a.summary, b.summary)
    before = {renames.position(e.position) or e.position: e for e in a.entries}
    after = {e.position: e for e in b.entries}
    for pos_id in [p for p in after if p not in before]:
        out.append(Change("entry", None, _entry(after[pos_id], names), name=names.position(pos_id) or pos_id))
    for pos_id in [p for p in before if p not in after]:
        out.append(Change("entry", _entry(before[pos_id], names, renames), None, name=names.position(pos_id) or pos_id))
    for pos_id in [p for p in after if p in before]:
        was, now = _entry(before[pos_id], names, renames), _entry(after[pos_id], names)
        if was != now:
            out.append(Change("entry", was, now, name=names.position(pos_id) or pos_id))
    scalar(out, "total", _span(a.total, a.range_max), _span(b.total, b.range_max))
    items(out, "sources", [names.source(s) for s in a.sources], [names.source(s) for s in b.sources])
    scalar(out, "order", a.order, b.order)
    scalar(out, "visibility", a.internal, b.internal)
    return out


def _span(low: int, high: int | None) -> str:
    return str(low) if high is None else f"{low}–{high}"


def _entry(e: PlanEntry, names: Names, renames: Renames = NO_RENAMES) -> dict:
    """Return one staffed position of a plan as its table row reads: headcount, manager in the plan, note, marks."""
    return {
        "headcount": e.headcount,
        "max": e.max,
        "reports_to": names.position(renames.position(e.reports_to)) if e.reports_to else None,
        "note": e.note,
        "added": sorted(e.added),
        "shared_with": sorted(names.position(renames.position(s)) or s for s in e.shared_with),
    }


def term_changes(a: Term, b: Term, names: Names) -> list[Change]:
    """Return what changed in one glossary term."""
    out: list[Change] = []
    scalar(out, "term", a.term, b.term)
    items(out, "aliases", a.aliases, b.aliases)
    scalar(out, "definition", a.definition, b.definition)
    items(out, "sources", [names.source(s) for s in a.sources], [names.source(s) for s in b.sources])
    scalar(out, "visibility", a.internal or None, b.internal or None)
    return out


def handbook_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    """Return what changed in data/handbook.yml; a new level scheme first, since positions' levels are named by it."""
    ha, hb = old.handbook, new.handbook
    out: list[Change] = []
    # The scheme as a whole, most senior first: its order is its meaning.
    scalar(out, "levels", [lv.name for lv in ha.levels], [lv.name for lv in hb.levels])
    scalar(out, "onboarding_stages", [name for _, name in ha.onboarding_stages], [name for _, name in hb.onboarding_stages])
    for name in ("title", "organization", "description", "public_title", "public_description", "language", "country", "organization_url"):
        scalar(out, name, getattr(ha, name), getattr(hb, name))
    if ha.public_parts != hb.public_parts:
        out.append(Change("public", sorted(ha.public_parts - hb.public_parts), sorted(hb.public_parts - ha.public_parts)))
    items(out, "owners", ha.owners, hb.owners)
    items(out, "sources", [s.title for s in ha.sources], [s.title for s in hb.sources])
    return out


def _shown_fields(kind: type, handled: set[str]) -> list[str]:
    return [f.name for f in fields(kind) if f.name not in handled and f.name not in _NOT_SHOWN]


_POSITION_FIELDS = {
    "title", "other_titles", "department", "reports_to", "level", "headcount", "summary", *TEXT_LISTS, "collaboration", "escalation", "openings",
    "onboarding", "onboarding_sources", "order", "sources", "added", "added_items", "placed_items", "internal", "internal_fields", "public_fields", "internal_items", "former_ids",
}
_DEPARTMENT_FIELDS = {
    "name", "other_names", "parent", "head", "summary", "functions", "owners",
    "order", "sources", "added", "added_items", "placed_items", "internal", "internal_fields", "public_fields", "internal_items", "former_ids",
}


def _unshown(a: Any, b: Any, handled: set[str], describe: Callable[[Any], Any] = repr) -> list[Change]:
    """Return a plain change for any other field that differs: a field added to the records is reported, never silent."""
    return [Change(name, describe(getattr(a, name)), describe(getattr(b, name)))
            for name in _shown_fields(type(a), handled) if getattr(a, name) != getattr(b, name)]


def unhandled(kind: type) -> list[str]:
    """Return the fields of a record kind that no comparison here words (tests/test_review.py keeps this empty)."""
    handled = {Position: _POSITION_FIELDS, Department: _DEPARTMENT_FIELDS}.get(kind, set())
    return _shown_fields(kind, handled)
