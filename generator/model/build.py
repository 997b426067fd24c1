"""Build the OrgModel from the data files once they are checked: every later stage sees only this model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..catalogue import LANGUAGES, catalogue
from ..errors import DataError, DataErrors
from ..source.document import Document
from ..source.load import Records
from .audience import DEFAULT_PUBLIC
from .checks import check
from .lookup import get
from .onboarding import DEFAULT_STAGES, Resolver
from .onboarding_checks import oversized
from .org import OrgModel
from .records import DEFAULT_LEVELS, Collaboration, Department, Escalation, Handbook, Level, Opening, Plan, PlanEntry, Position, Salary, Source, Term
from .split import SplitProblem, split_problems


def validate(records: Records) -> OrgModel:
    """Return the model of ``records``, or raise DataErrors listing every problem including the loader's."""
    errors = check(records)
    if errors:
        raise DataErrors(errors)
    plans = onboarding_plans(records)
    too_long = oversized(records, plans)
    if too_long:
        raise DataErrors(too_long)
    model = organisation(records, plans)
    # What the public site could only show by showing something internal: checked on every build,
    # so the internal handbook's pull request already reports it.
    docs = records.documents
    split = [_split_error(docs[problem.kind][problem.item_id], problem) for problem in split_problems(model)]
    if split:
        raise DataErrors(split)
    return model


def _split_error(doc: Document, problem: SplitProblem) -> DataError:
    """Locate a problem of the split: on the entry of a list of marks it names, else on its field."""
    path = problem.path
    listed = get(doc, *path)
    if problem.entry is not None and isinstance(listed, list) and problem.entry in listed:
        path = (*path, listed.index(problem.entry))
    return doc.error(path, problem.message)


def onboarding_plans(records: Records) -> Resolver:
    """Return what resolves each position's onboarding plan from checked ``records`` (generator/model/onboarding.py)."""
    hb = records.singles["handbook"]
    assert hb is not None
    departments = records.documents["department"]
    return Resolver(
        _stages(hb.data, hb.data.get("language", LANGUAGES[0])), hb.data.get("onboarding"),
        {i: d.data.get("onboarding") for i, d in departments.items()}, lambda i: departments[i].data.get("parent"),
    )


def organisation(records: Records, plans_of: Resolver) -> OrgModel:
    """Return the model that checked ``records`` describe, their onboarding plans resolved by ``plans_of``."""
    hb = records.singles["handbook"]
    assert hb is not None
    language = hb.data.get("language", LANGUAGES[0])
    levels = hb.data.get("levels") or [{"id": i, "name": catalogue(language).text(f"level.{i}")} for i in DEFAULT_LEVELS]
    handbook = Handbook(
        title=hb.data["title"],
        organization=hb.data["organization"],
        description=hb.data["description"],
        language=language,
        levels=tuple(Level(level["id"], level["name"]) for level in levels),
        sources=tuple(Source(s["id"], s["title"], s.get("note", "")) for s in hb.data.get("sources", [])),
        source_file=hb.path,
        sample=hb.data.get("sample", False),
        public_parts=frozenset(hb.data["public"]) if "public" in hb.data else DEFAULT_PUBLIC,
        public_title=hb.data.get("public_title", ""),
        public_description=hb.data.get("public_description", ""),
        country=hb.data.get("country", ""),
        organization_url=hb.data.get("organization_url", ""),
        owners=_texts(hb.data, "owners"),
        onboarding_stages=_stages(hb.data, language),
        public_docs=frozenset(page for page, (public, _) in records.pages.items() if public),
        doc_titles=tuple((page, title) for page, (_, title) in sorted(records.pages.items())),
    )
    changed = records.changed
    files = records.files
    departments = {i: _department(i, d, changed.get(files["department"][i], "")) for i, d in sorted(records.documents["department"].items())}
    positions = {}
    for i, d in sorted(records.documents["position"].items()):
        stages, cited = plans_of.position(i, d.data["department"], d.data.get("onboarding"))
        positions[i] = replace(_position(i, d, changed.get(files["position"][i], "")), onboarding=stages, onboarding_sources=cited)
    plans = {i: _plan(i, d) for i, d in sorted(records.documents["plan"].items())}
    glossary_doc = records.singles["glossary"]
    glossary = tuple(_term(t) for t in glossary_doc.data["terms"]) if glossary_doc else ()
    return OrgModel(handbook, departments, positions, plans, glossary)


def _stages(data: dict, language: str) -> tuple[tuple[str, str], ...]:
    if "onboarding_stages" in data:
        return tuple((s["id"], s["name"]) for s in data["onboarding_stages"])
    return tuple((i, catalogue(language).text(f"stage.{i}")) for i in DEFAULT_STAGES)


def _texts(data: dict, key: str) -> tuple[str, ...]:
    # A list item is text, or {text: …, internal: true}.
    return tuple(item["text"] if isinstance(item, dict) else item for item in data.get(key, ()))


def _added(data: dict, lists: tuple[str, ...]) -> dict[str, Any]:
    """Return what a department or position marks as added when compiling rather than taken from the sources."""
    return {
        "added": frozenset(data.get("added", ())),
        "added_items": frozenset(
            (key, item["text"]) for key in lists for item in data.get(key, ()) if isinstance(item, dict) and item.get("added")
        ),
        "placed_items": frozenset(
            (key, item["text"]) for key in lists for item in data.get(key, ()) if isinstance(item, dict) and item.get("placed")
        ),
    }


def _visibility(data: dict, lists: tuple[str, ...]) -> dict[str, Any]:
    """Return the visibility fields of a department or position (see generator/model/audience.py)."""
    marked = {(key, i) for key in lists for i, item in enumerate(data.get(key, ())) if isinstance(item, dict) and item.get("internal")}
    return {
        "internal": data.get("internal"),
        "internal_fields": frozenset(data.get("internal_fields", ())),
        "public_fields": frozenset(data.get("public_fields", ())),
        "internal_items": frozenset(marked),
    }


def _department(dept_id: str, doc: Document, changed: str) -> Department:
    d = doc.data
    return Department(
        id=dept_id,
        name=d["name"],
        head=d["head"],
        summary=d["summary"],
        functions=_texts(d, "functions"),
        parent=d.get("parent"),
        other_names=_texts(d, "other_names"),
        order=d.get("order"),
        former_ids=_texts(d, "former_ids"),
        sources=_texts(d, "sources"),
        source_file=doc.path,
        changed=changed,
        owners=_texts(d, "owners"),
        **_visibility(d, ("functions",)),
        **_added(d, ("functions",)),
    )


def position_record(pos_id: str, doc: Document) -> Position:
    """Return the position one schema-valid file describes, references unchecked (a past version, for its history)."""
    return _position(pos_id, doc, "")


def _position(pos_id: str, doc: Document, changed: str) -> Position:
    d = doc.data
    return Position(
        id=pos_id,
        title=d["title"],
        department=d["department"],
        level=d["level"],
        headcount=d["headcount"],
        summary=d["summary"],
        responsibilities=_texts(d, "responsibilities"),
        reports_to=d.get("reports_to"),
        other_titles=_texts(d, "other_titles"),
        order=d.get("order"),
        requirements=_texts(d, "requirements"),
        kpis=_texts(d, "kpis"),
        collaboration=tuple(Collaboration(c["with"], c["on"], c.get("internal", False), c.get("added", False)) for c in d.get("collaboration", ())),
        escalation=tuple(Escalation(e["situation"], e.get("when", ""), e["to"], e.get("internal", False), e.get("added", False)) for e in d.get("escalation", ())),
        tools=_texts(d, "tools"),
        openings=tuple(_opening(doc, i, o) for i, o in enumerate(d.get("openings", ()))),
        former_ids=_texts(d, "former_ids"),
        sources=_texts(d, "sources"),
        source_file=doc.path,
        changed=changed,
        **_visibility(d, ("responsibilities", "requirements", "kpis", "tools")),
        **_added(d, ("responsibilities", "requirements", "kpis", "tools", "other_titles")),
    )


def _opening(doc: Document, index: int, o: dict) -> Opening:
    salary = o.get("salary")
    apply = o["apply"]
    line, column = doc.where(("openings", index, "valid_through"))
    return Opening(
        location=o["location"],
        type=o["type"],
        count=o["count"],
        posted=o["posted"],
        valid_through=o["valid_through"],
        country=o.get("country", ""),
        remote=o.get("remote", False),
        salary=Salary(salary["min"], salary.get("max"), salary.get("currency", "CNY"), salary["unit"]) if salary else None,
        apply_text=apply.get("text", ""),
        apply_email=apply.get("email", ""),
        apply_url=apply.get("url", ""),
        note=o.get("note", ""),
        at=(doc.path, line, column, f"openings[{index}].valid_through"),
    )


def _plan(plan_id: str, doc: Document) -> Plan:
    d = doc.data
    return Plan(
        id=plan_id,
        name=d["name"],
        summary=d["summary"],
        entries=tuple(
            PlanEntry(e["position"], e["headcount"], e.get("max"), e.get("note", ""), e.get("reports_to"), frozenset(e.get("added", ())), tuple(e.get("shared_with", ())))
            for e in d["positions"]
        ),
        order=d.get("order"),
        sources=_texts(d, "sources"),
        source_file=doc.path,
        internal=d.get("internal"),
    )


def _term(t: dict) -> Term:
    return Term(id=t["id"], term=t["term"], definition=t["definition"], aliases=_texts(t, "aliases"), sources=_texts(t, "sources"), internal=t.get("internal", False))
