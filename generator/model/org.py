"""The validated organisation as later stages ask about it: trees, reporting lines, members, totals, order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..wordmatch import WordFinder
from .records import Department, Handbook, Level, Plan, Position, Source, Term


def ancestry(start: str | None, parent: Callable[[str], str | None]) -> Iterator[str]:
    """Yield ``start`` and every item above it, one ``parent`` step at a time (a manager, a parent department).

    It stops at the top, or where the line comes back to an item already seen: validation uses it
    before it knows that nothing cycles, and reports the cycles itself.
    """
    seen: set[str] = set()
    current = start
    while current is not None and current not in seen:
        seen.add(current)
        yield current
        current = parent(current)


def plan_manager(pos_id: str, named: dict[str, str | None], org_parent: Callable[[str], str | None]) -> str | None:
    """Return the manager a staffing plan charts ``pos_id`` under.

    That is the manager the plan names for it, or else its nearest manager up the
    organisation's reporting chain that the plan also staffs (None at the top).
    ``named`` maps every staffed position to the manager the plan names for it.
    Validation uses this before the chain is known to be acyclic, hence ``seen``.
    """
    boss = named.get(pos_id)
    if boss is not None and boss in named and boss != pos_id:
        return boss
    # The first one up the line that the plan staffs; in cyclic data (reported by validation) the line may come back.
    found = next((p for p in ancestry(org_parent(pos_id), org_parent) if p in named or p == pos_id), None)
    return found if found in named else None


def _order(order: int | None) -> int:
    """Return the sort rank of an optional ``order``: items without one come after every numbered item."""
    return order if order is not None else 1 << 30


def _department_key(d: Department) -> tuple[int, str]:
    return (_order(d.order), d.id)


@dataclass(frozen=True)
class OrgModel:
    """Everything the renderer sees. Built only by validation, so every reference resolves and nothing cycles."""

    handbook: Handbook
    departments: dict[str, Department] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    glossary: tuple[Term, ...] = ()
    audience: str = "internal"
    """Who the site is for: "internal" (everything) or "public" (generator/model/audience.py made this model)."""
    partial: bool = False
    """Whether positions or departments were left out (the public view): a total of what remains would mislead."""

    def shows(self, part: str) -> bool:
        """Return whether the site shows a handbook-wide part (``about``, ``sources`` …): the internal one shows all."""
        return self.audience == "internal" or part in self.handbook.public_parts

    def positions_of(self, ids: tuple[str, ...]) -> list[Position]:
        """Return the positions of ``ids``, in that order."""
        return [self.positions[i] for i in ids]

    @cached_property
    def has_onboarding(self) -> bool:
        """Return whether any position has an onboarding plan: only then does the site have checklist pages."""
        return any(p.onboarding for p in self.positions.values())

    @cached_property
    def levels(self) -> dict[str, Level]:
        """Return the levels by id, most senior first."""
        return {level.id: level for level in self.handbook.levels}

    @cached_property
    def _level_rank(self) -> dict[str, int]:
        return {level_id: rank for rank, level_id in enumerate(self.levels)}

    def _position_key(self, p: Position) -> tuple[int, int, str]:
        return (_order(p.order), self._level_rank[p.level], p.id)

    def level_name(self, level_id: str) -> str:
        """Return the name of a level, as the handbook calls it."""
        return self.levels[level_id].name

    @cached_property
    def top_departments(self) -> list[Department]:
        """Return the departments without a parent, in display order."""
        return sorted((d for d in self.departments.values() if d.parent is None), key=_department_key)

    @cached_property
    def _children(self) -> dict[str, list[Department]]:
        out: dict[str, list[Department]] = {d: [] for d in self.departments}
        for d in sorted(self.departments.values(), key=_department_key):
            if d.parent is not None:
                out[d.parent].append(d)
        return out

    @cached_property
    def _members(self) -> dict[str, list[Position]]:
        out: dict[str, list[Position]] = {d: [] for d in self.departments}
        for p in sorted(self.positions.values(), key=self._position_key):
            out[p.department].append(p)
        return out

    @cached_property
    def _reports(self) -> dict[str, list[Position]]:
        out: dict[str, list[Position]] = {p: [] for p in self.positions}
        for p in sorted(self.positions.values(), key=self._position_key):
            if p.reports_to is not None:
                out[p.reports_to].append(p)
        return out

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Return the sources by id."""
        return {s.id: s for s in self.handbook.sources}

    def subdepartments(self, dept_id: str) -> list[Department]:
        """Return the direct children of a department, in display order."""
        return self._children[dept_id]

    def walk_departments(self) -> list[tuple[int, Department]]:
        """Return every department with its depth, parents before children, siblings in display order."""
        out: list[tuple[int, Department]] = []
        # A stack, not recursion: no depth of data can exhaust Python's.
        pending = [(0, d) for d in reversed(self.top_departments)]
        while pending:
            depth, d = pending.pop()
            out.append((depth, d))
            pending.extend((depth + 1, child) for child in reversed(self._children[d.id]))
        return out

    def members(self, dept_id: str) -> list[Position]:
        """Return the positions of one department (not of its sub-departments), in display order."""
        return self._members[dept_id]

    def direct_reports(self, pos_id: str) -> list[Position]:
        """Return the positions that report to ``pos_id``, in display order."""
        return self._reports[pos_id]

    def chain(self, pos_id: str) -> list[Position]:
        """Return the reporting chain from the top of the organisation down to ``pos_id`` inclusive."""
        return [self.positions[p] for p in ancestry(pos_id, self.manager_of)][::-1]

    def manager_of(self, pos_id: str) -> str | None:
        """Return the id of the position ``pos_id`` reports to (None at the top)."""
        return self.positions[pos_id].reports_to

    def parent_of(self, dept_id: str) -> str | None:
        """Return the id of the department ``dept_id`` belongs to (None for a top-level one)."""
        return self.departments[dept_id].parent

    def own_headcount(self, dept_id: str) -> int | None:
        """Return the headcount of one department's own positions; None where it is not shown."""
        counts = [p.headcount for p in self._members[dept_id]]
        return None if "headcount" in self.departments[dept_id].hidden or None in counts else sum(counts)  # type: ignore[arg-type]

    @cached_property
    def _totals(self) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for _, d in reversed(self.walk_departments()):  # children before parents
            parts = [self.own_headcount(d.id), *(out[c.id] for c in self._children[d.id])]
            out[d.id] = None if None in parts else sum(parts)  # type: ignore[arg-type]
        return out

    def total_headcount(self, dept_id: str) -> int | None:
        """Return the headcount of a department including all its sub-departments; None where it is not shown."""
        return self._totals[dept_id]

    @cached_property
    def has_added(self) -> bool:
        """Return whether any page marks a value as added when compiling the handbook (the sources page explains the mark)."""
        return any(p.has_added for p in self.positions.values()) or any(d.added or d.added_items or d.placed_items for d in self.departments.values())

    def citing(self, source_id: str) -> tuple[list[Department], list[Position], list[Plan]]:
        """Return the departments, positions and plans that cite a source, each in page order."""
        return (
            [d for d in self.departments.values() if source_id in d.sources],
            [p for p in self.ordered_positions if source_id in p.sources],
            [p for p in self.ordered_plans if source_id in p.sources],
        )

    def counts_subdepartments(self, dept_id: str) -> bool:
        """Return whether the site shows the total headcount of any of a department's sub-departments."""
        return any(self.total_headcount(c.id) is not None for c in self._children[dept_id])

    def headcount_added(self, dept_id: str | None = None) -> bool:
        """Return whether a headcount total (of a department and its sub-departments, or of everyone) counts an added figure."""
        return self._counts_added[dept_id]

    @cached_property
    def _counts_added(self) -> dict[str | None, bool]:
        # Asked of every department on every page that lists departments or charts them: worked out once.
        out: dict[str | None, bool] = {d: any("headcount" in p.added for p in self.positions_within(d)) for d in self.departments}
        out[None] = any("headcount" in p.added for p in self.positions.values())
        return out

    @cached_property
    def terms_by_id(self) -> dict[str, Term]:
        """Return the glossary's terms by id."""
        return {t.id: t for t in self.glossary}

    @cached_property
    def _doc_titles(self) -> dict[str, str]:
        return dict(self.handbook.doc_titles)

    def doc_title(self, path: str) -> str:
        """Return the title of a hand-written page (its path under docs/), or '' when it has none."""
        return self._doc_titles.get(path, "")

    @cached_property
    def _within(self) -> dict[str, list[Position]]:
        out: dict[str, list[Position]] = {d: [] for d in self.departments}
        for p in self.positions.values():
            for dept in ancestry(p.department, self.parent_of):
                out[dept].append(p)
        return out

    def positions_within(self, dept_id: str) -> list[Position]:
        """Return the positions of a department and of all its sub-departments."""
        return self._within[dept_id]

    @cached_property
    def headcount(self) -> int | None:
        """Return the headcount of the whole organisation; None where any part of it is not shown."""
        counts = [p.headcount for p in self.positions.values()]
        return None if self.partial or None in counts or any("headcount" in d.hidden for d in self.departments.values()) else sum(counts)  # type: ignore[arg-type]

    @cached_property
    def ordered_positions(self) -> list[Position]:
        """Return all positions grouped by department in tree order."""
        return [p for _, d in self.walk_departments() for p in self._members[d.id]]

    @cached_property
    def ordered_plans(self) -> list[Plan]:
        """Return the staffing plans in comparison-page order."""
        return sorted(self.plans.values(), key=lambda p: (_order(p.order), p.id))

    @cached_property
    def planned_positions(self) -> list[Position]:
        """Return the positions that some staffing plan staffs, in page order."""
        staffed = {e.position for plan in self.plans.values() for e in plan.entries}
        return [p for p in self.ordered_positions if p.id in staffed]

    @cached_property
    def _collaborators_of(self) -> dict[str, list[Position]]:
        # By id: comparing the positions themselves compares every field (a star of 5,000 took seconds).
        out: dict[str, dict[str, Position]] = {p: {} for p in self.positions}
        for p in sorted(self.positions.values(), key=self._position_key):
            for c in p.collaboration:
                out[c.with_id].setdefault(p.id, p)
        return {k: list(v.values()) for k, v in out.items()}

    def collaborators_of(self, pos_id: str) -> list[Position]:
        """Return the positions that name ``pos_id`` among their collaborators."""
        return self._collaborators_of[pos_id]

    def contacts(self, pos: Position) -> list[Position]:
        """Return whom a position works with: its own collaborators, then those that name it, each once."""
        out = {c.with_id: self.positions[c.with_id] for c in pos.collaboration}
        for p in self.collaborators_of(pos.id):
            out.setdefault(p.id, p)
        return list(out.values())

    @cached_property
    def _spellings(self) -> WordFinder:
        return WordFinder(s for t in self.glossary for s in t.spellings)

    def jargon(self, texts: list[str]) -> list[Term]:
        """Return the glossary terms that occur in any of ``texts``, in glossary order."""
        found = self._spellings.found("\n".join(texts))
        return [t for t in self.glossary if not found.isdisjoint(t.spellings)] if found else []

    def position_texts(self, pos: Position) -> list[str]:
        """Return every free text of a position, for finding the jargon it uses."""
        return [
            pos.title, pos.summary, *pos.responsibilities, *pos.requirements, *pos.kpis, *pos.tools,
            *(c.on for c in pos.collaboration), *(e.situation + e.when for e in pos.escalation),
        ]

    def plan_parent(self, plan: Plan, pos_id: str) -> str | None:
        """Return the manager ``pos_id`` is charted under in ``plan`` (see ``plan_manager``)."""
        return plan_manager(pos_id, plan.named_managers, lambda p: self.positions[p].reports_to)
