"""The records of the validated organisation: departments, positions, plans, the glossary, the handbook's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..catalogue import LANGUAGES
from .onboarding import Stage

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
    """What the public site shows by default (``position.summary``, ``glossary`` …); see generator/model/audience.py."""
    public_title: str = ""
    public_description: str = ""
    """The public site's name and home page paragraph where they differ from title and description."""
    country: str = ""
    """ISO 3166 code of where openings are, unless an opening names its own."""
    owners: tuple[str, ...] = ()
    """Reviewers of the handbook-wide files (CODEOWNERS)."""
    organization_url: str = ""
    onboarding_stages: tuple[tuple[str, str], ...] = ()
    """(id, name) of each stage of a new hire's first weeks, in order (generator/model/onboarding.py)."""
    public_docs: frozenset[str] = frozenset()
    """Hand-written pages (docs-relative paths) the public site shows: a plan may ask to read only these there."""
    doc_titles: tuple[tuple[str, str], ...] = ()
    """(docs-relative path, first heading) of every hand-written page, for links to them."""


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
    """One commit that changed a position's file, and what it did to the role (``generator/review/changelog.py``)."""

    date: str
    subject: str
    commit: str
    changes: tuple = ()
    """``generator.diff.Change`` records; empty when the commit created the file or a version did not validate."""
    created: bool = False


@dataclass(frozen=True, kw_only=True)
class Entity:
    """What departments and positions share: where they come from, how they sort, who may see them, what was added."""

    order: int | None = None
    """Sort key among siblings; items without one come after every numbered item."""
    former_ids: tuple[str, ...] = ()
    """Ids before a rename: each keeps a page that forwards to this one."""
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
    """Parts the page must not show: set by the public view (generator/model/audience.py), empty in the internal handbook."""
    added: frozenset[str] = frozenset()
    """Fields whose value was added when compiling the handbook rather than taken from its sources (marked on the page)."""
    added_items: frozenset[tuple[str, str]] = frozenset()
    """(field, text) of list items marked added; by text, so filtering a list for the public site keeps them."""
    placed_items: frozenset[tuple[str, str]] = frozenset()
    """(field, text) of list items the sources state but give to no one: their owner was chosen when compiling."""


@dataclass(frozen=True)
class Department(Entity):
    """One department; ``parent`` and ``head`` are ids."""

    id: str
    name: str
    head: str | None
    """None where the public site does not show who leads it."""
    summary: str
    functions: tuple[str, ...]
    parent: str | None = None
    other_names: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    """Reviewers of this department's files (CODEOWNERS)."""


@dataclass(frozen=True)
class Position(Entity):
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
    requirements: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()
    collaboration: tuple[Collaboration, ...] = ()
    escalation: tuple[Escalation, ...] = ()
    tools: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = field(default=(), compare=False)
    """Commits that changed the position's file, newest first (empty outside git and in shallow clones);
    not part of a position's identity (positions are hashed, and a change record holds lists)."""
    openings: tuple[Opening, ...] = ()
    """In the validated model every opening written; the model pages are rendered from keeps the current ones (generator/model/openings.py)."""
    onboarding: tuple[Stage, ...] = ()
    """The resolved plan of a new hire's first weeks: the handbook's, the departments' and the position's own."""
    onboarding_sources: tuple[str, ...] = ()
    """Ids of the sources the levels of that plan cite."""

    @property
    def has_added(self) -> bool:
        """Whether the page marks anything as added (and so explains the mark)."""
        return bool(self.added or self.added_items or self.placed_items or any(c.added for c in self.collaboration) or any(e.added for e in self.escalation)
                    or any(s.has_added for s in self.onboarding))


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
    shared_with: tuple[str, ...] = ()
    """Positions whose one undivided figure (headcount, max) this entry shares: the figure is theirs together."""


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

    @cached_property
    def _counted(self) -> tuple[PlanEntry, ...]:
        """Return the entries a total adds up: an undivided figure once, on the first of the positions sharing it."""
        seen: set[str] = set()
        out = []
        for e in self.entries:
            if e.position not in seen:
                out.append(e)
            seen.update((e.position, *e.shared_with))
        return tuple(out)

    @cached_property
    def shared_groups(self) -> tuple[tuple[str, ...], ...]:
        """Return each set of positions that share one undivided figure, in entry order, each once."""
        return tuple((e.position, *e.shared_with) for e in self._counted if e.shared_with)

    @property
    def total(self) -> int:
        """Return the headcount of the plan (lower bounds)."""
        return sum(e.headcount for e in self._counted)

    @property
    def total_max(self) -> int:
        """Return the headcount of the plan when every range is at its upper bound."""
        return sum(e.max if e.max is not None else e.headcount for e in self._counted)

    @property
    def has_added(self) -> bool:
        """Return whether the plan marks anything of an entry (a figure, a manager) as added when compiling it."""
        return any(e.added for e in self.entries)

    @property
    def figures_added(self) -> bool:
        """Return whether a total of the plan counts a figure added when compiling it."""
        return any({"headcount", "max"} & e.added for e in self._counted)

    @property
    def range_max(self) -> int | None:
        """Return the upper end of the plan's headcount where its ranges make it a range, else None."""
        return self.total_max if self.total_max != self.total else None


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
