"""The role changes a diff finds, as plain data: what a report words and ``--format json`` prints."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


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
    moved: bool = False
    """The same items in another order."""
    name: str = ""
    """What the change is about when it is not the field itself (a plan's position, by its name)."""

    def to_json(self) -> dict:
        out: dict[str, Any] = {"field": self.field}
        if self.name:
            out["name"] = self.name
        if self.added or self.removed or self.reworded or self.moved:
            out.update(added=self.added, removed=self.removed, reworded=self.reworded)
            if self.moved:
                out["moved"] = True
        else:
            out.update(before=self.before, after=self.after)
        return out


@dataclass
class ItemDiff:
    """A position, department, plan or glossary term that was added, removed, renamed or changed."""

    kind: str
    """"position", "department", "plan" or "term"."""
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
    """The department's total, sub-departments included, as its page shows it."""

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
    glossary: list[ItemDiff] = field(default_factory=list)
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
            "glossary": [t.to_json() for t in self.glossary],
            "plans": [p.to_json() for p in self.plans],
            "handbook": [c.to_json() for c in self.handbook],
        }
