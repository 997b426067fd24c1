"""A new hire's first weeks (入职计划): the plan each position inherits and extends, stage by stage.

Plans are written at three levels: ``data/handbook.yml`` for everyone, a department for its
positions and every department under it, a position for that role. Each level adds its items
to what the levels above give, stage by stage and list by list; ``inherit: false`` on a plan or
on one stage starts that level afresh. The result is resolved once here, so the pages, the public
view and the role diff all see the same finished plan (generator/schemas/onboarding.schema.json).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_STAGES = ("first-day", "first-week", "first-30-days", "first-60-days", "first-90-days")
"""Stage ids when data/handbook.yml declares no ``onboarding_stages``; their names come from the catalogue."""
LISTS = ("tasks", "meet", "read", "access", "goals")
"""What a stage lists, in the order its pages show them."""
LINKS = ("page", "position", "department", "term", "tool")
"""What an item can link to: a hand-written page, a position, a department, a glossary term, one of the role's tools."""
CHECKABLE = ("tasks", "meet", "read", "access")
"""Lists whose items the new hire ticks off; goals are how the stage is judged, not something to do."""


@dataclass(frozen=True)
class Item:
    """One entry of a stage's list: a task, a person to meet, something to read or request, a goal."""

    text: str
    """The task, request or goal; for a person to meet or a reading, why (may be empty)."""
    link: tuple[str, str] | None = None
    """(kind, target): kind is one of LINKS; a person to meet links their position, a reading what to read."""
    internal: bool = False
    added: bool = False
    """Added when compiling the handbook, not taken from its sources."""

    def key(self, stage: str, kind: str) -> str:
        """Return the stable id the checklist stores a tick under: the same item keeps its tick when others move."""
        target = "\x1f".join(self.link) if self.link else ""
        return hashlib.sha256(f"{stage}\x1e{kind}\x1e{self.text}\x1e{target}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Stage:
    """One stage of a position's resolved plan."""

    id: str
    name: str
    tasks: tuple[Item, ...] = ()
    meet: tuple[Item, ...] = ()
    read: tuple[Item, ...] = ()
    access: tuple[Item, ...] = ()
    goals: tuple[Item, ...] = ()
    added: bool = False
    """The sources say what the stage holds but not when: placing it in this stage was done when compiling the handbook."""

    def lists(self) -> list[tuple[str, tuple[Item, ...]]]:
        """Return (list name, items) of the lists that have items, in page order."""
        return [(name, items) for name in LISTS if (items := getattr(self, name))]

    @property
    def has_added(self) -> bool:
        return self.added or any(item.added for _, items in self.lists() for item in items)


def item(kind: str, raw: Any) -> Item:
    """Return one schema-valid list entry as an Item (text shorthand included)."""
    if isinstance(raw, str):
        return Item(text="", link=("position", raw)) if kind == "meet" else Item(text=raw)
    link = next(((name, raw[name]) for name in LINKS if name in raw), None)
    text = raw.get("why", "") if kind in ("meet", "read") else raw["text"]
    return Item(text=text, link=link, internal=raw.get("internal", False), added=raw.get("added", False))


def public_stages(stages: tuple[Stage, ...], keep: Callable[[str, Item], Item | None]) -> tuple[Stage, ...]:
    """Return ``stages`` with each item as ``keep(list name, item)`` has it (None: left out), and no empty stage."""
    out = []
    for stage in stages:
        # A task whose link the audience may not see can become the same as another: it is listed, and ticked, once.
        lists = {kind: _unique(kind, tuple(kept for entry in getattr(stage, kind) if (kept := keep(kind, entry)) is not None), "") for kind in LISTS}
        if any(lists.values()):
            out.append(Stage(stage.id, stage.name, **lists, added=stage.added))
    return tuple(out)


Lists = dict[str, dict[str, tuple[Item, ...]]]
"""stage id → list name → items. The list name ``added`` holds one empty item where a level
marked the stage's timing as added (see Stage.added)."""
_TIMING = (Item(""),)


@dataclass(frozen=True)
class _Partial:
    """A plan as it stands after some levels: its stages' lists, and the sources those levels cite."""

    stages: Lists
    sources: tuple[str, ...] = ()


def _apply(before: _Partial, plan: Mapping[str, Any] | None) -> _Partial:
    """Return the plan after one more level: ``plan`` (one level's ``onboarding`` mapping) added to ``before``."""
    if not plan:
        return before
    fresh = plan.get("inherit") is False
    out: Lists = {} if fresh else dict(before.stages)
    for stage_id, stage in plan.get("stages", {}).items():
        lists = {} if stage.get("inherit") is False else dict(out.get(stage_id, {}))
        if stage.get("added"):
            lists["added"] = _TIMING
        for name in LISTS:
            if name in stage:
                lists[name] = lists.get(name, ()) + tuple(item(name, raw) for raw in stage[name])
        out[stage_id] = lists
    sources = () if fresh else before.sources
    return _Partial(out, tuple(dict.fromkeys(sources + tuple(plan.get("sources", ())))))


class Resolver:
    """Resolve each position's plan from the handbook's, its departments' (top first) and its own.

    A department's plan is resolved once and shared by its positions and sub-departments,
    so a large handbook costs one pass over its departments plus one step per position.
    """

    def __init__(self, stages: tuple[tuple[str, str], ...], handbook: Mapping[str, Any] | None,
                 departments: Mapping[str, Mapping[str, Any] | None], parent: Callable[[str], str | None]) -> None:
        self.stages = stages
        self._handbook = _apply(_Partial({}), handbook)
        self._plans = departments
        self._parent = parent
        self._resolved: dict[str, _Partial] = {}

    def department(self, dept_id: str) -> _Partial:
        """Return the plan a department gives its positions (validation has ruled out cycles)."""
        chain: list[str] = []
        current: str | None = dept_id
        while current is not None and current not in self._resolved:
            chain.append(current)
            current = self._parent(current)
        lists = self._resolved[current] if current is not None else self._handbook
        for dept in reversed(chain):
            lists = self._resolved[dept] = _apply(lists, self._plans.get(dept))
        return self._resolved[dept_id]

    def size(self, dept_id: str | None, own: Mapping[str, Any] | None = None) -> int:
        """Return how many items a department's plan (None: the handbook's), and a position's own on top, holds before repeats are dropped."""
        plan = _apply(self.department(dept_id) if dept_id is not None else self._handbook, own)
        return sum(len(items) for lists in plan.stages.values() for kind, items in lists.items() if kind in LISTS)

    def position(self, pos_id: str, dept_id: str, own: Mapping[str, Any] | None) -> tuple[tuple[Stage, ...], tuple[str, ...]]:
        """Return a position's plan, its stages with items in the handbook's stage order, and the sources it cites."""
        plan = _apply(self.department(dept_id), own)
        out = []
        for stage_id, name in self.stages:
            given = plan.stages.get(stage_id, {})
            kept = {kind: _unique(kind, given.get(kind, ()), pos_id) for kind in LISTS}
            if any(kept.values()):
                out.append(Stage(stage_id, name, **kept, added="added" in given))
        return tuple(out), plan.sources if out else ()


def _unique(kind: str, items: tuple[Item, ...], me: str) -> tuple[Item, ...]:
    """Return ``items`` without repeats (a level restating what a level above says; a person or a reading
    counts once, by what it names) and, among people to meet, without the position itself."""
    seen: dict[object, int] = {}
    out: list[Item] = []
    for entry in items:
        same = entry.link if kind in ("meet", "read") else (entry.text, entry.link)
        if kind == "meet" and entry.link == ("position", me):
            continue
        if same in seen:
            # One item written twice is internal only where every level says so, and added where any does.
            first = out[seen[same]]
            out[seen[same]] = Item(first.text, first.link, first.internal and entry.internal, first.added or entry.added)
            continue
        seen[same] = len(out)
        out.append(entry)
    return tuple(out)
