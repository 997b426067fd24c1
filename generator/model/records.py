"""The validated organisation: frozen records plus the relations later stages ask about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from ..catalogue import LANGUAGES
from ..wordmatch import WordFinder

DEFAULT_LEVELS = ("executive", "director", "manager", "lead", "specialist", "assistant")
"""Level ids when data/handbook.yml declares no level scheme, most senior first; their names come from the catalogue."""


@dataclass(frozen=True)
class Source:
    """A document the handbook content is taken from."""

    id: str
    title: str
    note: str = ""


@dataclass(frozen=True)
class Level:
    """One level of the company's level scheme."""

    id: str
    name: str


@dataclass(frozen=True)
class Handbook:
    """Handbook-wide settings from data/handbook.yml."""

    title: str
    organization: str
    description: str
    language: str = LANGUAGES[0]
    """Interface language: the catalogue of interface strings, the theme's and the search's language."""
    levels: tuple[Level, ...] = ()
    """The level scheme, most senior first."""
    sources: tuple[Source, ...] = ()
    source_file: str = "data/handbook.yml"
    sample: bool = False
    """Whether this is the project's bundled sample handbook."""
    public_parts: frozenset[str] = frozenset()
    """What the public site shows by default (``position.summary``, ``glossary`` …); see generator/audience.py."""
    public_title: str = ""
    public_description: str = ""
    """The public site's name and home page paragraph where they differ from title and description."""
    country: str = ""
    """ISO 3166 code of where openings are, unless an opening names its own."""
    owners: tuple[str, ...] = ()
    """Reviewers of the handbook-wide files (CODEOWNERS)."""
    organization_url: str = ""


@dataclass(frozen=True)
class Collaboration:
    """Whom a position works with, and on what."""

    with_id: str
    on: str
    internal: bool = False
    added: bool = False
    """Added when compiling the handbook, not taken from its sources."""


@dataclass(frozen=True)
class Escalation:
    """In which situation a position hands a problem to which other position."""

    situation: str
    when: str
    to: str
    internal: bool = False
    added: bool = False
    """Added when compiling the handbook, not taken from its sources."""


@dataclass(frozen=True)
class Salary:
    """A salary range; ``max`` is None for "from ``min``"."""

    min: float
    max: float | None
    currency: str
    unit: str
    """hour, day, week, month or year."""


@dataclass(frozen=True)
class Opening:
    """One dated requisition (招聘) for a position: listed from ``posted`` through ``valid_through``."""

    location: str
    type: str
    """full-time, part-time, intern, contract or temporary."""
    count: int
    posted: str
    valid_through: str
    """Dates as YYYY-MM-DD text, checked by validation."""
    country: str = ""
    remote: bool = False
    salary: Salary | None = None
    apply_text: str = ""
    apply_email: str = ""
    apply_url: str = ""
    note: str = ""
    at: tuple[str, int, int, str] = ("", 0, 0, "")
    """Where ``valid_through`` is written (file, line, column, field path), for warnings about expiry."""


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that changed a position's file, and what it did to the role (``generator/changelog.py``)."""

    date: str
    subject: str
    commit: str
    changes: tuple = ()
    """``generator.diff.Change`` records; empty when the commit created the file or a version did not validate."""
    created: bool = False


@dataclass(frozen=True)
class Department:
    """One department; ``parent`` and ``head`` are ids."""

    id: str
    name: str
    head: str | None
    """None where the public site does not show who leads it."""
    summary: str
    functions: tuple[str, ...]
    parent: str | None = None
    other_names: tuple[str, ...] = ()
    order: int | None = None
    former_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    source_file: str = ""
    """Path of the YAML file, relative to the project root."""
    changed: str = ""
    """Date (YYYY-MM-DD) of the last commit that changed the YAML file; empty if unknown."""
    internal: bool | None = None
    """True: the whole item is internal; False: public even where its kind is not; None: its kind's default."""
    internal_fields: frozenset[str] = frozenset()
    public_fields: frozenset[str] = frozenset()
    internal_items: frozenset[tuple[str, int]] = frozenset()
    """(field, index) of list items marked internal."""
    hidden: frozenset[str] = frozenset()
    """Parts the page must not show: set by the public view (generator/audience.py), empty in the internal handbook."""
    owners: tuple[str, ...] = ()
    """Reviewers of this department's files (CODEOWNERS)."""
    added: frozenset[str] = frozenset()
    """Fields whose value was added when compiling the handbook rather than taken from its sources (marked on the page)."""
    added_items: frozenset[tuple[str, str]] = frozenset()
    """(field, text) of list items marked added; by text, so filtering a list for the public site keeps them."""


@dataclass(frozen=True)
class Position:
    """One position; ``department``, ``reports_to`` and the ids inside relations are ids."""

    id: str
    title: str
    department: str
    level: str
    headcount: int | None
    """None where the public site hides it."""
    summary: str
    responsibilities: tuple[str, ...]
    reports_to: str | None = None
    other_titles: tuple[str, ...] = ()
    order: int | None = None
    requirements: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()
    collaboration: tuple[Collaboration, ...] = ()
    escalation: tuple[Escalation, ...] = ()
    tools: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = field(default=(), compare=False)
    """Commits that changed the position's file, newest first (empty outside git and in shallow clones);
    not part of a position's identity (positions are hashed, and a change record holds lists)."""
    openings: tuple[Opening, ...] = ()
    """In the validated model every opening written; the model pages are rendered from keeps the current ones (generator/recruiting.py)."""
    former_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    source_file: str = ""
    """Path of the YAML file, relative to the project root."""
    changed: str = ""
    """Date (YYYY-MM-DD) of the last commit that changed the YAML file; empty if unknown."""
    internal: bool | None = None
    """True: the whole item is internal; False: public even where its kind is not; None: its kind's default."""
    internal_fields: frozenset[str] = frozenset()
    public_fields: frozenset[str] = frozenset()
    internal_items: frozenset[tuple[str, int]] = frozenset()
    """(field, index) of list items marked internal."""
    hidden: frozenset[str] = frozenset()
    """Parts the page must not show: set by the public view (generator/audience.py), empty in the internal handbook."""
    added: frozenset[str] = frozenset()
    """Fields whose value was added when compiling the handbook rather than taken from its sources (marked on the page)."""
    added_items: frozenset[tuple[str, str]] = frozenset()
    """(field, text) of list items marked added; by text, so filtering a list for the public site keeps them."""

    @property
    def has_added(self) -> bool:
        """Whether the page marks anything as added (and so explains the mark)."""
        return bool(self.added or self.added_items or any(c.added for c in self.collaboration) or any(e.added for e in self.escalation))


@dataclass(frozen=True)
class PlanEntry:
    """One staffed position in a staffing plan; ``max`` is set when the sources give a range."""

    position: str
    headcount: int
    max: int | None = None
    note: str = ""
    reports_to: str | None = None
    """Plan-specific manager; small teams often report straight to the 店长."""
    added: frozenset[str] = frozenset()
    """Figures added when compiling the plan rather than taken from its sources."""


@dataclass(frozen=True)
class Plan:
    """A staffing plan (编制方案): which positions, how many people, at one stage of the company."""

    id: str
    name: str
    summary: str
    entries: tuple[PlanEntry, ...]
    order: int | None = None
    sources: tuple[str, ...] = ()
    source_file: str = ""
    internal: bool | None = None

    @cached_property
    def _by_position(self) -> dict[str, PlanEntry]:
        return {e.position: e for e in self.entries}

    def entry(self, pos_id: str) -> PlanEntry | None:
        """Return the plan's entry for a position, None where the plan does not staff it."""
        return self._by_position.get(pos_id)

    @cached_property
    def named_managers(self) -> dict[str, str | None]:
        """Return every staffed position with the manager the plan names for it (None where it names none)."""
        return {e.position: e.reports_to for e in self.entries}

    @property
    def total(self) -> int:
        """Return the headcount of the plan (lower bounds)."""
        return sum(e.headcount for e in self.entries)

    @property
    def total_max(self) -> int:
        """Return the headcount of the plan when every range is at its upper bound."""
        return sum(e.max if e.max is not None else e.headcount for e in self.entries)


@dataclass(frozen=True)
class Term:
    """A glossary entry; ``aliases`` are other spellings that get the same tooltip."""

    id: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    internal: bool = False

    @property
    def spellings(self) -> tuple[str, ...]:
        """Return the term and its aliases."""
        return (self.term, *self.aliases)


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
    seen = {pos_id}
    current = org_parent(pos_id)
    while current is not None and current not in named and current not in seen:
        seen.add(current)
        current = org_parent(current)
    return current if current in named else None


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
    """Who the site is for: "internal" (everything) or "public" (generator/audience.py made this model)."""
    partial: bool = False
    """Whether positions or departments were left out (the public view): a total of what remains would mislead."""

    def shows(self, part: str) -> bool:
        """Return whether the site shows a handbook-wide part (``about``, ``sources`` …): the internal one shows all."""
        return self.audience == "internal" or part in self.handbook.public_parts

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
        out: list[Position] = []
        current: str | None = pos_id
        while current is not None:
            out.append(self.positions[current])
            current = self.positions[current].reports_to
        return out[::-1]

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

    def headcount_added(self, dept_id: str | None = None) -> bool:
        """Return whether a headcount total (of a department and its sub-departments, or of everyone) counts an added figure."""
        counted = self.positions.values() if dept_id is None else self.positions_within(dept_id)
        return any("headcount" in p.added for p in counted)

    @cached_property
    def _within(self) -> dict[str, list[Position]]:
        out: dict[str, list[Position]] = {d: [] for d in self.departments}
        for p in self.positions.values():
            current: str | None = p.department
            while current is not None:
                out[current].append(p)
                current = self.departments[current].parent
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
