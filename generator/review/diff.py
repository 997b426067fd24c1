"""What a change does in role terms: two validated models in, a structured list of role changes out.

Works on models, never on YAML text, so moving a key, re-indenting or reordering files is no change.
Renames through ``former_ids`` are resolved first, so a rename is one rename and changes nothing else
(generator/review/compare.py compares each record). The result is plain data (generator/review/changes.py);
generator/review/diff_report.py words it for a pull request.
"""

from __future__ import annotations

from ..model.org import OrgModel
from .changes import Change, DepartmentGroup, ItemDiff, RoleDiff
from .compare import (
    Names,
    Renames,
    added_department,
    added_position,
    department_changes,
    handbook_changes,
    plan_changes,
    position_changes,
    term_changes,
)


def matching(old_items: dict, new_items: dict) -> tuple[dict[str, str], list[str], list[str]]:
    """Return (new id → old id for kept and renamed items, added new ids, removed old ids); a rename is
    a new item whose former_ids hold an id the old model had and the new one does not."""
    pairs: dict[str, str] = {}
    for new_id, item in new_items.items():
        if new_id in old_items:
            pairs[new_id] = new_id
        else:
            former = [f for f in getattr(item, "former_ids", ()) if f in old_items and f not in new_items]
            if former:
                pairs[new_id] = former[0]
    taken = set(pairs.values())
    added = [i for i in new_items if i not in pairs]
    removed = [i for i in old_items if i not in taken]
    return pairs, added, removed


def diff(old: OrgModel, new: OrgModel) -> RoleDiff:
    """Return the role changes from ``old`` to ``new``, grouped by department in the new model's order
    (departments only in the old model last)."""
    dept_pairs, dept_added, dept_removed = matching(old.departments, new.departments)
    pos_pairs, pos_added, pos_removed = matching(old.positions, new.positions)
    renames = Renames({o: n for n, o in pos_pairs.items()}, {o: n for n, o in dept_pairs.items()})
    groups = _Groups(old, new, renames)
    for new_id, old_id in dept_pairs.items():
        dept_a, dept_b = old.departments[old_id], new.departments[new_id]
        changes = department_changes(old, new, dept_a, dept_b, renames)
        if changes or old_id != new_id:
            status = "renamed" if old_id != new_id else "changed"
            groups.department(new_id, ItemDiff("department", new_id, dept_b.name, status, _former(old_id, new_id), changes))
    for dept_id in dept_added:
        d = new.departments[dept_id]
        groups.department(dept_id, ItemDiff("department", dept_id, d.name, "added", changes=added_department(new, d)))
    for dept_id in dept_removed:
        groups.department(dept_id, ItemDiff("department", dept_id, old.departments[dept_id].name, "removed"), removed=True)
    for new_id, old_id in pos_pairs.items():
        a, b = old.positions[old_id], new.positions[new_id]
        changes = position_changes(old, new, a, b, renames)
        if changes or old_id != new_id:
            groups.position(b.department, ItemDiff("position", new_id, b.title, "renamed" if old_id != new_id else "changed", _former(old_id, new_id), changes))
    for pos_id in pos_added:
        p = new.positions[pos_id]
        groups.position(p.department, ItemDiff("position", pos_id, p.title, "added", changes=added_position(new, p)))
    for pos_id in pos_removed:
        p = old.positions[pos_id]
        item = ItemDiff("position", pos_id, p.title, "removed", changes=[Change("headcount", p.headcount, None)])
        groups.position(renames.department(p.department) or p.department, item, removed=True)
    result = RoleDiff(headcount=(old.headcount, new.headcount) if old.headcount != new.headcount else (None, None))
    result.groups = groups.ordered()
    result.glossary = _glossary(old, new)
    result.plans = _plans(old, new, renames)
    result.handbook = handbook_changes(old, new)
    return result


def _former(old_id: str, new_id: str) -> str:
    return old_id if old_id != new_id else ""


class _Groups:
    """The changes of each department's group, in the new model's department order (departments only in the old model last)."""

    def __init__(self, old: OrgModel, new: OrgModel, renames: Renames) -> None:
        self.old, self.new, self.renames = old, new, renames
        self.groups: dict[str, DepartmentGroup] = {}
        self.order = [d.id for _, d in new.walk_departments()] + [d.id for _, d in old.walk_departments() if d.id not in new.departments]

    def _get(self, dept_id: str, removed: bool) -> DepartmentGroup:
        if dept_id not in self.groups:
            model = self.old if removed and dept_id not in self.new.departments else self.new
            self.groups[dept_id] = DepartmentGroup(dept_id, model.departments[dept_id].name)
        return self.groups[dept_id]

    def department(self, dept_id: str, item: ItemDiff, removed: bool = False) -> None:
        self._get(dept_id, removed).department = item

    def position(self, dept_id: str, item: ItemDiff, removed: bool = False) -> None:
        self._get(dept_id, removed).positions.append(item)

    def ordered(self) -> list[DepartmentGroup]:
        """Return the groups with their totals (sub-departments included, as the pages count), positions in a stable order."""
        old_ids = {n: o for o, n in self.renames.departments.items()}
        for dept_id, g in self.groups.items():
            old_id = old_ids.get(dept_id, dept_id)
            before = self.old.total_headcount(old_id) if old_id in self.old.departments else None
            after = self.new.total_headcount(dept_id) if dept_id in self.new.departments else None
            g.headcount = (before, after)
            g.positions.sort(key=lambda item: ({"added": 0, "renamed": 1, "changed": 2, "removed": 3}[item.status], item.id))
        return [self.groups[d] for d in self.order if d in self.groups]


def _glossary(old: OrgModel, new: OrgModel) -> list[ItemDiff]:
    names = Names(old, new)
    before, after = {t.id: t for t in old.glossary}, {t.id: t for t in new.glossary}
    out = [ItemDiff("term", i, t.term, "added", changes=[Change("definition", None, t.definition)]) for i, t in after.items() if i not in before]
    out += [ItemDiff("term", i, t.term, "removed") for i, t in before.items() if i not in after]
    for term_id in [i for i in after if i in before]:
        changes = term_changes(before[term_id], after[term_id], names)
        if changes:
            out.append(ItemDiff("term", term_id, after[term_id].term, "changed", changes=changes))
    return out


def _plans(old: OrgModel, new: OrgModel, renames: Renames) -> list[ItemDiff]:
    out = []
    for plan_id in sorted(old.plans.keys() | new.plans.keys()):
        a, b = old.plans.get(plan_id), new.plans.get(plan_id)
        if a is None and b is not None:
            out.append(ItemDiff("plan", plan_id, b.name, "added", changes=[Change("total", None, b.total)]))
        elif b is None and a is not None:
            out.append(ItemDiff("plan", plan_id, a.name, "removed", changes=[Change("total", a.total, None)]))
        elif a is not None and b is not None:
            changes = plan_changes(old, new, a, b, renames)
            if changes:
                out.append(ItemDiff("plan", plan_id, b.name, "changed", changes=changes))
    return out
