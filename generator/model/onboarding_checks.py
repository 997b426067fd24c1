"""Check the onboarding plans of every level against the rest of the data: stages, links, people, pages, tools.

Each plan is checked where it is written, once: an item of data/handbook.yml that names a
missing position is one error on its line, not one per position that inherits it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..errors import DataError
from ..source.document import Document, Path
from ..source.load import Records
from ..suggest import did_you_mean
from .lookup import get as _get
from .onboarding import DEFAULT_STAGES, LINKS, LISTS, Resolver
from .org import ancestry

Ref = Callable[[Document, Path, object, set[str], str, str], bool]
"""The checker's reference check: (doc, path, value, ids, kind, where) → whether it resolves; it reports what does not."""
RESERVED_STAGES = ("contacts", "terms", "progress")
"""Anchors the onboarding page uses for itself: a stage may not take them."""
MAX_PLAN_ITEMS = 500
"""Most items one position's plan may hold, inherited ones included: every level may write 50 per list of
each of 20 stages, and a deep department tree would otherwise put millions of items on the pages."""


def stage_ids(handbook: Document | None) -> list[str]:
    """Return the stage ids plans may use: data/handbook.yml's onboarding_stages, else the defaults."""
    stages = _get(handbook, "onboarding_stages") if handbook is not None else None
    if not isinstance(stages, list):
        return list(DEFAULT_STAGES)
    return [s for i in range(len(stages)) if isinstance(s := _get(handbook, "onboarding_stages", i, "id"), str)]  # type: ignore[arg-type]


def check(records: Records, ref: Ref, page_ids: set[str], source_ids: set[str] | None) -> list[DataError]:
    """Return every problem of the onboarding plans in ``records``; references missing ids go through ``ref``."""
    errors: list[DataError] = []
    handbook = records.singles["handbook"]
    stages = stage_ids(handbook)
    if handbook is not None:
        errors += _stage_scheme(handbook)
    glossary = records.singles["glossary"]
    terms = {t for i in range(len(_get(glossary, "terms") or [])) if isinstance(t := _get(glossary, "terms", i, "id"), str)} if glossary else set()
    positions = records.documents["position"]
    every_tool = {tool for doc in positions.values() for tool in _tools(doc)}
    targets = {"position": records.ids["position"], "department": records.ids["department"], "term": terms, "page": page_ids}
    plans: list[tuple[Document, str | None, set[str]]] = [(handbook, None, every_tool)] if handbook is not None else []
    plans += [(doc, None, every_tool) for doc in records.documents["department"].values()]
    plans += [(doc, pos_id, set(_tools(doc))) for pos_id, doc in positions.items()]
    for doc, pos_id, tools in plans:
        whose = "any position" if pos_id is None else "this position"
        if _get(doc, "onboarding") is None:
            continue
        for i, source in enumerate(_get(doc, "onboarding", "sources") or []):
            if source_ids is not None and doc.is_valid(("onboarding", "sources", i)):
                ref(doc, ("onboarding", "sources", i), source, source_ids, "source", " in the sources of data/handbook.yml")
        if doc is handbook and _get(doc, "onboarding", "inherit") is False:
            errors.append(doc.error(("onboarding", "inherit"), "data/handbook.yml's plan is the first one: there is nothing above it to inherit"))
        for stage, lists in _stages(doc):
            if stage not in stages:
                errors.append(doc.error(("onboarding", "stages", stage), f"no stage '{stage}'{did_you_mean(stage, stages) or ' (stages: ' + ', '.join(stages) + ')'}", key=True))
                continue
            for kind, i, raw in lists:
                at: Path = ("onboarding", "stages", stage, kind, i)
                errors += _links(doc, at, kind, raw, targets, (tools, whose), ref)
                if kind == "meet" and pos_id is not None and _target(raw, kind) == pos_id:
                    errors.append(doc.error(at, "a position cannot meet itself"))
    return errors


def _stage_scheme(doc: Document) -> list[DataError]:
    errors = []
    seen: dict[str, int] = {}
    for i in range(len(_get(doc, "onboarding_stages") or [])):
        sid = _get(doc, "onboarding_stages", i, "id")
        if not isinstance(sid, str):
            continue
        if sid in seen:
            errors.append(doc.error(("onboarding_stages", i, "id"), f"duplicate stage id '{sid}' (first used by onboarding_stages[{seen[sid]}])"))
        elif sid in RESERVED_STAGES:
            errors.append(doc.error(("onboarding_stages", i, "id"), f"'{sid}' is an anchor of the onboarding page itself; choose another id"))
        seen.setdefault(sid, i)
    return errors


def _tools(doc: Document) -> Iterator[str]:
    for i in range(len(_get(doc, "tools") or [])):
        tool = _get(doc, "tools", i)
        text = tool.get("text") if isinstance(tool, dict) else tool
        if isinstance(text, str):
            yield text


def _stages(doc: Document) -> Iterator[tuple[str, list[tuple[str, int, Any]]]]:
    """Yield each stage a plan writes with its schema-valid entries: (list name, index, entry)."""
    stages = _get(doc, "onboarding", "stages")
    for stage in stages if isinstance(stages, dict) else {}:
        lists = []
        for kind in LISTS:
            entries = _get(doc, "onboarding", "stages", stage, kind)
            for i, raw in enumerate(entries if isinstance(entries, list) else []):
                if doc.is_valid(("onboarding", "stages", stage, kind, i)):
                    lists.append((kind, i, raw))
        yield stage, lists


def _target(raw: Any, kind: str) -> str | None:
    if isinstance(raw, str):
        return raw if kind == "meet" else None
    return raw.get("position") if isinstance(raw, dict) else None


def _links(doc: Document, at: Path, kind: str, raw: Any, targets: dict[str, set[str]], tools: tuple[set[str], str], ref: Ref) -> list[DataError]:
    """Check what one entry links to: how many things, and that each exists."""
    if isinstance(raw, str):
        if kind == "meet":
            ref(doc, at, raw, targets["position"], "position", "")
        return []
    named = [name for name in LINKS if name in raw]
    if kind == "read" and not named:
        return [doc.error(at, "name what to read: page, position, department or term")]
    if len(named) > 1:
        return [doc.error((*at, named[1]), f"an item links to one thing; this one names {' and '.join(named)}")]
    for name in named:
        if name == "tool":
            if raw[name] not in tools[0]:
                listed = f"in the tools of {tools[1]}{did_you_mean(raw[name], tools[0])}" if tools[0] else f"({tools[1]} lists no tools)"
                return [doc.error((*at, name), f"no tool '{raw[name]}' {listed}")]
        elif name == "page":
            if raw[name] not in targets["page"]:
                return [doc.error((*at, name), f"no page '{raw[name]}' under docs/{did_you_mean(raw[name], targets['page'])}")]
        else:
            ref(doc, (*at, name), raw[name], targets[name], "glossary term" if name == "term" else name, "")
    return []


def oversized(records: Records, resolver: Resolver) -> list[DataError]:
    """Return, for schema-valid and consistent ``records``, each plan that makes a position's plan longer than
    MAX_PLAN_ITEMS: reported once, on the department whose plan is too long, or else on the position.
    ``resolver`` is the one the model is then built with: each department's plan is resolved once."""
    handbook = records.singles["handbook"]
    assert handbook is not None
    departments = records.documents["department"]
    everyone = resolver.size(None)
    if everyone > MAX_PLAN_ITEMS:
        return [handbook.error(("onboarding",), f"the onboarding plan every position takes has {everyone} items; at most {MAX_PLAN_ITEMS} are supported", key=True)]
    errors = []
    too_long = {i for i in departments if resolver.size(i) > MAX_PLAN_ITEMS}
    for dept_id, doc in sorted(departments.items()):
        # Once per branch: the departments under one that is too long are too, and need no line of their own.
        above = ancestry(doc.data.get("parent"), lambda i: departments[i].data.get("parent"))
        if dept_id in too_long and not too_long.intersection(above):
            at: Path = ("onboarding",) if "onboarding" in doc.data else ("name",)
            errors.append(doc.error(at, f"the onboarding plan of this department's positions has {resolver.size(dept_id)} items with the handbook's "
                                        f"and the departments' above; at most {MAX_PLAN_ITEMS} are supported", key=True))
    for doc in records.documents["position"].values():
        dept, own = doc.data["department"], doc.data.get("onboarding")
        if dept in too_long:
            continue  # said once, on the department
        count = resolver.size(dept, own)
        if count > MAX_PLAN_ITEMS:
            errors.append(doc.error(("onboarding",), f"this position's onboarding plan has {count} items with what it inherits; at most {MAX_PLAN_ITEMS} are supported", key=True))
    return errors
