"""What a change does in role terms: two validated models in, a structured list of role changes out.

Works on models, never on YAML text, so moving a key, re-indenting or reordering files is no change,
and a rename through ``former_ids`` is one rename rather than a removal and an addition. The result is
plain data (``RoleDiff.to_json()``); ``generator/review/diff_report.py`` words it for a pull request.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model.org import OrgModel
from ..model.records import Department, Opening, PlanEntry, Position
from .lists import compare

TEXT_LISTS = ("responsibilities", "requirements", "kpis", "tools")


@dataclass
class Change:
    """One changed field: ``before`` → ``after``, or the items added, removed and reworded of a list."""

    field: str
    before: Any = None
    after: Any = None
    # dataclasses.field, spelt out: the attribute above is named field too.
    added: list = dataclasses.field(default_factory=list)
    removed: list = dataclasses.field(default_factory=list)
    reworded: list = dataclasses.field(default_factory=list)
    """[{"before": text, "after": text, "words": [["=", "…"], ["-", "…"], ["+", "…"]]}]"""

    def to_json(self) -> dict:
        out: dict[str, Any] = {"field": self.field}
        if self.added or self.removed or self.reworded:
            out.update(added=self.added, removed=self.removed, reworded=self.reworded)
        else:
            out.update(before=self.before, after=self.after)
        return out


@dataclass
class ItemDiff:
    """A position or department that was added, removed, renamed or changed."""

    kind: str
    """"position" or "department"."""
    id: str
    name: str
    status: str
    """"added", "removed", "renamed" or "changed"."""
    former_id: str = ""
    changes: list[Change] = field(default_factory=list)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"kind": self.kind, "id": self.id, "name": self.name, "status": self.status}
        if self.former_id:
            out["former_id"] = self.former_id
        out["changes"] = [c.to_json() for c in self.changes]
        return out


@dataclass
class DepartmentGroup:
    """The changes under one department (its id in the new model, or the old one if it was removed)."""

    id: str
    name: str
    department: ItemDiff | None = None
    positions: list[ItemDiff] = field(default_factory=list)
    headcount: tuple[int | None, int | None] = (None, None)

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name,
            "department": self.department.to_json() if self.department else None,
            "headcount": {"before": self.headcount[0], "after": self.headcount[1]},
            "positions": [p.to_json() for p in self.positions],
        }


@dataclass
class RoleDiff:
    """Everything that changed between two models, grouped by department."""

    groups: list[DepartmentGroup] = field(default_factory=list)
    headcount: tuple[int | None, int | None] = (None, None)
    glossary: list[Change] = field(default_factory=list)
    plans: list[ItemDiff] = field(default_factory=list)
    handbook: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.groups or self.glossary or self.plans or self.handbook)

    def counts(self) -> dict[str, int]:
        """Return how many positions and departments were added, removed, renamed and changed."""
        out: dict[str, int] = {}
        for g in self.groups:
            for item in ([g.department] if g.department else []) + g.positions:
                key = f"{item.kind}s_{item.status}"
                out[key] = out.get(key, 0) + 1
        return out

    def to_json(self) -> dict:
        return {
            "empty": self.empty,
            "counts": self.counts(),
            "headcount": {"before": self.headcount[0], "after": self.headcount[1]},
            "departments": [g.to_json() for g in self.groups],
            "glossary": [c.to_json() for c in self.glossary],
            "plans": [p.to_json() for p in self.plans],
            "handbook": [c.to_json() for c in self.handbook],
        }


def list_change(name: str, before: tuple[str, ...], after: tuple[str, ...]) -> Change | None:
    """Return the change of the list ``name`` (items added, removed and reworded); None if only their order changed."""
    compared = compare(before, after)
    return None if compared is None else Change(name, added=compared.added, removed=compared.removed, reworded=compared.reworded)


def _title(model: OrgModel, pos_id: str) -> str:
    # A past version of a file may name a position that no longer exists: it is shown by its id.
    return model.positions[pos_id].title if pos_id in model.positions else pos_id


def _ref(model: OrgModel, pos_id: str | None) -> dict | None:
    if pos_id is None:
        return None
    return {"id": pos_id, "title": _title(model, pos_id)}


def _dept(model: OrgModel, dept_id: str | None) -> dict | None:
    if dept_id is None:
        return None
    return {"id": dept_id, "name": model.departments[dept_id].name if dept_id in model.departments else dept_id}


def _visibility(item: Position | Department) -> dict:
    return {
        "internal": item.internal,
        "internal_fields": sorted(item.internal_fields),
        "public_fields": sorted(item.public_fields),
        "internal_items": sorted(f"{f}[{i}]" for f, i in item.internal_items),
    }


def _entries(items: tuple, describe: Callable[[Any], str]) -> tuple[str, ...]:
    return tuple(describe(x) for x in items)


def position_changes(old: OrgModel, new: OrgModel, a: Position, b: Position, renamed: dict[str, str] | None = None,
                     renamed_departments: dict[str, str] | None = None) -> list[Change]:
    """Return what changed in one position between two models (ids of related positions named by their titles);
    ``renamed`` maps old position ids to new ones, so a renamed manager is no change of manager, and
    ``renamed_departments`` old department ids to new ones, so a renamed department is no move."""
    renamed = renamed or {}
    renamed_departments = renamed_departments or {}
    out: list[Change] = []
    for name in ("title", "level", "summary"):
        if getattr(a, name) != getattr(b, name):
            out.append(Change(name, getattr(a, name), getattr(b, name)))
    if renamed_departments.get(a.department, a.department) != b.department:
        out.append(Change("department", _dept(old, a.department), _dept(new, b.department)))
    if (renamed.get(a.reports_to, a.reports_to) if a.reports_to else None) != b.reports_to:
        out.append(Change("reports_to", _ref(old, a.reports_to), _ref(new, b.reports_to)))
    if a.headcount != b.headcount:
        out.append(Change("headcount", a.headcount, b.headcount))
    for name in TEXT_LISTS:
        change = list_change(name, getattr(a, name), getattr(b, name))
        if change:
            out.append(change)
    collab = list_change(
        "collaboration",
        _entries(a.collaboration, lambda c: f"{_title(old, c.with_id)}: {c.on}"),
        _entries(b.collaboration, lambda c: f"{_title(new, c.with_id)}: {c.on}"),
    )
    escalation = list_change(
        "escalation",
        _entries(a.escalation, lambda e: f"{e.situation}{' (' + e.when + ')' if e.when else ''} → {_title(old, e.to)}"),
        _entries(b.escalation, lambda e: f"{e.situation}{' (' + e.when + ')' if e.when else ''} → {_title(new, e.to)}"),
    )
    openings = list_change("openings", _entries(a.openings, _opening), _entries(b.openings, _opening))
    out += [c for c in (collab, escalation, openings) if c]
    if _visibility(a) != _visibility(b):
        out.append(Change("visibility", _visibility(a), _visibility(b)))
    return out


def _opening(o: Opening) -> str:
    salary = ""
    if o.salary:
        top = f"–{o.salary.max:g}" if o.salary.max is not None else ""
        salary = f", {o.salary.min:g}{top} {o.salary.currency}/{o.salary.unit}"
    return f"{o.location}{' (remote)' if o.remote else ''}, {o.type}, {o.count}{salary}, {o.posted} → {o.valid_through}"


def department_changes(old: OrgModel, new: OrgModel, a: Department, b: Department) -> list[Change]:
    out: list[Change] = []
    for name in ("name", "summary"):
        if getattr(a, name) != getattr(b, name):
            out.append(Change(name, getattr(a, name), getattr(b, name)))
    if a.parent != b.parent:
        out.append(Change("parent", _dept(old, a.parent), _dept(new, b.parent)))
    if a.head != b.head:
        out.append(Change("head", _ref(old, a.head), _ref(new, b.head)))
    change = list_change("functions", a.functions, b.functions)
    if change:
        out.append(change)
    if _visibility(a) != _visibility(b):
        out.append(Change("visibility", _visibility(a), _visibility(b)))
    return out


def _matching(old_items: dict, new_items: dict) -> tuple[dict[str, str], list[str], list[str]]:
    """Return (new id → old id for kept and renamed items, added new ids, removed old ids); a rename is
    a new item whose former_ids hold an id the old model had and the new one does not."""
    pairs: dict[str, str] = {}
    for new_id, item in new_items.items():
        if new_id in old_items:
            pairs[new_id] = new_id
        else:
            former = [f for f in item.former_ids if f in old_items and f not in new_items]
            if former:
                pairs[new_id] = former[0]
    taken = set(pairs.values())
    added = [i for i in new_items if i not in pairs]
    removed = [i for i in old_items if i not in taken]
    return pairs, added, removed


def diff(old: OrgModel, new: OrgModel) -> RoleDiff:
    """Return the role changes from ``old`` to ``new``, grouped by department in the new model's order
    (departments only in the old model last)."""
    result = RoleDiff(headcount=(old.headcount, new.headcount) if old.headcount != new.headcount else (None, None))
    groups = _Groups(old, new)
    dept_renamed = _department_items(old, new, groups)
    _position_items(old, new, groups, dept_renamed)
    result.groups = groups.ordered()
    result.glossary = _glossary_changes(old, new)
    result.plans = _plan_changes(old, new)
    result.handbook = _handbook_changes(old, new)
    return result


class _Groups:
    """The changes of each department's group, in the new model's department order (departments only in the old model last)."""

    def __init__(self, old: OrgModel, new: OrgModel) -> None:
        self.old, self.new = old, new
        self.groups: dict[str, DepartmentGroup] = {}
        self.order = [d.id for _, d in new.walk_departments()] + [d.id for _, d in old.walk_departments() if d.id not in new.departments]
        self.new_to_old: dict[str, str] = {}

    def get(self, dept_id: str, model: OrgModel) -> DepartmentGroup:
        if dept_id not in self.groups:
            self.groups[dept_id] = DepartmentGroup(dept_id, model.departments[dept_id].name)
        return self.groups[dept_id]

    def ordered(self) -> list[DepartmentGroup]:
        """Return the groups with their headcount totals, positions in a stable order."""
        for dept_id, g in self.groups.items():
            old_id = self.new_to_old.get(dept_id, dept_id)
            before = self.old.total_headcount(old_id) if old_id in self.old.departments else None
            after = self.new.total_headcount(dept_id) if dept_id in self.new.departments else None
            g.headcount = (before, after)
            g.positions.sort(key=lambda item: ({"added": 0, "renamed": 1, "changed": 2, "removed": 3}[item.status], item.id))
        return [self.groups[d] for d in self.order if d in self.groups]


def _department_items(old: OrgModel, new: OrgModel, groups: _Groups) -> dict[str, str]:
    """Record each department added, removed, renamed or changed; return {old id: new id} of the renamed and kept."""
    dept_pairs, dept_added, dept_removed = _matching(old.departments, new.departments)
    for new_id, old_id in dept_pairs.items():
        a, b = old.departments[old_id], new.departments[new_id]
        changes = department_changes(old, new, a, b)
        if changes or old_id != new_id:
            groups.get(new_id, new).department = ItemDiff("department", new_id, b.name, "renamed" if old_id != new_id else "changed",
                                                          old_id if old_id != new_id else "", changes)
    for dept_id in dept_added:
        d = new.departments[dept_id]
        groups.get(dept_id, new).department = ItemDiff("department", dept_id, d.name, "added", changes=[
            Change("parent", None, _dept(new, d.parent))])
    for dept_id in dept_removed:
        groups.get(dept_id, old).department = ItemDiff("department", dept_id, old.departments[dept_id].name, "removed")
    groups.new_to_old = dict(dept_pairs)
    return {o: n for n, o in dept_pairs.items()}


def _position_items(old: OrgModel, new: OrgModel, groups: _Groups, dept_renamed: dict[str, str]) -> None:
    """Record each position added, removed, renamed or changed in its department's group."""
    pos_pairs, pos_added, pos_removed = _matching(old.positions, new.positions)
    for new_id, old_id in pos_pairs.items():
        a, b = old.positions[old_id], new.positions[new_id]
        changes = position_changes(old, new, a, b, {o: n for n, o in pos_pairs.items()}, dept_renamed)
        if changes or old_id != new_id:
            groups.get(b.department, new).positions.append(
                ItemDiff("position", new_id, b.title, "renamed" if old_id != new_id else "changed", old_id if old_id != new_id else "", changes))
    for pos_id in pos_added:
        p = new.positions[pos_id]
        groups.get(p.department, new).positions.append(ItemDiff("position", pos_id, p.title, "added", changes=[
            c for c in (Change("reports_to", None, _ref(new, p.reports_to)), Change("headcount", None, p.headcount),
                        Change("responsibilities", added=list(p.responsibilities))) if c.after is not None or c.added]))
    for pos_id in pos_removed:
        p = old.positions[pos_id]
        dept = dept_renamed.get(p.department, p.department)
        g = groups.get(dept, new if dept in new.departments else old)
        g.positions.append(ItemDiff("position", pos_id, p.title, "removed", changes=[Change("headcount", p.headcount, None)]))


def _glossary_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    old_terms = {t.id: t for t in old.glossary}
    new_terms = {t.id: t for t in new.glossary}
    out = []
    for term_id in new_terms.keys() - old_terms.keys():
        out.append(Change("term", None, f"{new_terms[term_id].term}: {new_terms[term_id].definition}"))
    for term_id in old_terms.keys() - new_terms.keys():
        out.append(Change("term", f"{old_terms[term_id].term}: {old_terms[term_id].definition}", None))
    for term_id in sorted(old_terms.keys() & new_terms.keys()):
        a, b = old_terms[term_id], new_terms[term_id]
        if (a.term, a.definition, a.aliases, a.internal) != (b.term, b.definition, b.aliases, b.internal):
            out.append(Change("term", f"{a.term}: {a.definition}", f"{b.term}: {b.definition}"))
    return sorted(out, key=lambda c: (str(c.after or c.before)))


def _plan_line(model: OrgModel, e: PlanEntry) -> str:
    return f"{model.positions[e.position].title if e.position in model.positions else e.position} × {e.headcount}{'–' + str(e.max) if e.max else ''}"


def _plan_changes(old: OrgModel, new: OrgModel) -> list[ItemDiff]:
    out = []
    for plan_id in sorted(old.plans.keys() | new.plans.keys()):
        a, b = old.plans.get(plan_id), new.plans.get(plan_id)
        if a is None or b is None:
            plan = a or b
            assert plan is not None
            out.append(ItemDiff("plan", plan_id, plan.name, "added" if a is None else "removed", changes=[
                Change("total", a.total if a else None, b.total if b else None)]))
            continue
        entry = list_change("positions", tuple(_plan_line(old, e) for e in a.entries), tuple(_plan_line(new, e) for e in b.entries))
        changes = [c for c in (Change("name", a.name, b.name) if a.name != b.name else None, entry,
                               Change("total", a.total, b.total) if a.total != b.total else None,
                               Change("visibility", a.internal, b.internal) if a.internal != b.internal else None) if c]
        if changes:
            out.append(ItemDiff("plan", plan_id, b.name, "changed", changes=changes))
    return out


def _handbook_changes(old: OrgModel, new: OrgModel) -> list[Change]:
    ha, hb = old.handbook, new.handbook
    out = [Change(name, getattr(ha, name), getattr(hb, name))
           for name in ("title", "organization", "description", "public_title", "public_description", "language") if getattr(ha, name) != getattr(hb, name)]
    if ha.public_parts != hb.public_parts:
        out.append(Change("public", sorted(ha.public_parts - hb.public_parts), sorted(hb.public_parts - ha.public_parts)))
    if [(lv.id, lv.name) for lv in ha.levels] != [(lv.id, lv.name) for lv in hb.levels]:
        out.append(Change("levels", [lv.name for lv in ha.levels], [lv.name for lv in hb.levels]))
    return out
