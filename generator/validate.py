"""Check references between files and build the OrgModel; every problem is collected before failing."""

from __future__ import annotations

from .errors import DataError, DataErrors
from .load import Records
from .model import Collaboration, Department, Escalation, Handbook, OrgModel, Plan, PlanEntry, Position, Source, Term, plan_manager
from .suggest import did_you_mean
from .yamlsource import Document, Path


def validate(records: Records) -> OrgModel:
    """Return the model of ``records``, or raise DataErrors listing every problem including the loader's."""
    check = _Checker(records)
    check.run()
    if check.errors:
        raise DataErrors(check.errors)
    return check.model()


class _Checker:
    def __init__(self, records: Records) -> None:
        self.records = records
        self.errors: list[DataError] = list(records.errors)
        self.depts = records.documents["department"]
        self.positions = records.documents["position"]
        self.dept_ids = records.ids["department"]
        self.pos_ids = records.ids["position"]
        hb = records.singles["handbook"]
        # None when handbook.yml is broken: its own errors are reported, not every citation.
        self.source_ids = {s["id"] for s in hb.data.get("sources", [])} if hb else None

    def run(self) -> None:
        if self.records.singles["handbook"]:
            self._unique_sources(self.records.singles["handbook"])
        for kind, ids in (("department", self.dept_ids), ("position", self.pos_ids)):
            if not ids and self.records.folder_found:
                self.errors.append(DataError(f"data/{kind}s", 0, 0, "", f"no {kind}s found: add at least one data/{kind}s/<id>.yml"))
        for dept_id, doc in self.depts.items():
            self._department(dept_id, doc)
        for pos_id, doc in self.positions.items():
            self._position(pos_id, doc)
        for plan_id, doc in self.records.documents["plan"].items():
            self._plan(plan_id, doc)
        if self.records.singles["glossary"]:
            self._glossary(self.records.singles["glossary"])
        self._former_ids()
        self._cycles(self.depts, "parent", "department parent cycle")
        self._cycles(self.positions, "reports_to", "reporting cycle")

    def _ref(self, doc: Document, path: Path, value: str | None, ids: set[str], kind: str, where: str = "") -> bool:
        """Report a reference to a missing id; return whether it resolves."""
        if value is None or value in ids:
            return value is not None
        self.errors.append(doc.error(path, f"no {kind} '{value}'{where}{did_you_mean(value, ids)}"))
        return False

    def _common(self, file_id: str, doc: Document) -> None:
        data = doc.data
        if "id" in data and data["id"] != file_id:
            self.errors.append(doc.error(("id",), f"'{data['id']}' does not match the file name '{file_id}.yml' (rename the file or fix the id)"))
        self._cite(doc, (), data)

    def _cite(self, doc: Document, path: Path, data: dict) -> None:
        """Check the ``sources`` list of ``data`` (found at ``path`` in ``doc``) against handbook.yml."""
        if self.source_ids is not None:
            for i, source in enumerate(data.get("sources", [])):
                self._ref(doc, (*path, "sources", i), source, self.source_ids, "source", " in the sources of data/handbook.yml")

    def _unique_sources(self, doc: Document) -> None:
        seen: set[str] = set()
        for i, source in enumerate(doc.data.get("sources", [])):
            if source["id"] in seen:
                self.errors.append(doc.error(("sources", i, "id"), f"duplicate source id '{source['id']}'"))
            seen.add(source["id"])

    def _department(self, dept_id: str, doc: Document) -> None:
        data = doc.data
        self._common(dept_id, doc)
        self._ref(doc, ("parent",), data.get("parent"), self.dept_ids, "department")
        head = data["head"]
        if self._ref(doc, ("head",), head, self.pos_ids, "position") and head in self.positions:
            home = self.positions[head].data["department"]
            if home != dept_id:
                self.errors.append(doc.error(("head",), f"position '{head}' belongs to department '{home}'; a head must belong to the department it leads"))

    def _position(self, pos_id: str, doc: Document) -> None:
        data = doc.data
        self._common(pos_id, doc)
        dept = data["department"]
        self._ref(doc, ("department",), dept, self.dept_ids, "department")
        if "reports_to" in data:
            self._ref(doc, ("reports_to",), data["reports_to"], self.pos_ids, "position")
        elif dept in self.depts and "parent" in self.depts[dept].data:
            self.errors.append(
                doc.error(("reports_to",), f"missing: only a position in a top-level department can be at the top of the organisation, and '{dept}' has a parent")
            )
        for i, item in enumerate(data.get("collaboration", [])):
            self._not_self(doc, ("collaboration", i, "with"), item["with"], pos_id, "collaborate with")
        for i, item in enumerate(data.get("escalation", [])):
            self._not_self(doc, ("escalation", i, "to"), item["to"], pos_id, "escalate to")

    def _plan(self, plan_id: str, doc: Document) -> None:
        self._common(plan_id, doc)
        staffed = [e["position"] for e in doc.data["positions"]]
        seen: dict[str, int] = {}
        for i, entry in enumerate(doc.data["positions"]):
            pos = entry["position"]
            self._ref(doc, ("positions", i, "position"), pos, self.pos_ids, "position")
            if pos in seen:
                self.errors.append(doc.error(("positions", i, "position"), f"'{pos}' is already listed as positions[{seen[pos]}]"))
            seen.setdefault(pos, i)
            boss = entry.get("reports_to")
            if boss is not None and boss not in staffed:
                self.errors.append(doc.error(("positions", i, "reports_to"), f"'{boss}' is not staffed by this plan{did_you_mean(boss, staffed)}"))
            elif boss == pos:
                self.errors.append(doc.error(("positions", i, "reports_to"), "a position cannot report to itself"))
            if "max" in entry and entry["max"] < entry["headcount"]:
                self.errors.append(doc.error(("positions", i, "max"), f"must be at least the headcount ({entry['headcount']}), found {entry['max']}"))
        self._plan_cycles(doc, staffed)

    def _plan_cycles(self, doc: Document, staffed: list[str]) -> None:
        """Report a loop in a plan's chart: explicit reports_to, or else the nearest staffed manager, must lead to a top."""
        explicit = {e["position"]: e.get("reports_to") for e in doc.data["positions"]}
        index = {e["position"]: i for i, e in reversed(list(enumerate(doc.data["positions"])))}

        def org_parent(pos: str) -> str | None:
            return self.positions[pos].data.get("reports_to") if pos in self.positions else None

        def parent(pos: str) -> str | None:
            return plan_manager(pos, explicit, org_parent)

        reported: set[str] = set()
        for start in staffed:
            path, current = [start], parent(start)
            while current is not None and current not in path and current not in reported:
                path.append(current)
                current = parent(current)
            if current is not None and current in path:
                loop = path[path.index(current):]
                # A loop through the organisation's own reports_to alone is reported once, on the positions.
                if not reported.intersection(loop) and any(explicit.get(p) for p in loop):
                    first = min(loop, key=lambda p: index[p])
                    ring = loop[loop.index(first):] + loop[: loop.index(first)] + [first]
                    field = ("positions", index[first], "reports_to") if explicit.get(first) else ("positions", index[first], "position")
                    self.errors.append(doc.error(field, f"reporting cycle in this plan: {' → '.join(ring)}"))
                reported.update(loop)

    def _glossary(self, doc: Document) -> None:
        ids: dict[str, int] = {}
        words: dict[str, int] = {}
        for i, term in enumerate(doc.data["terms"]):
            if term["id"] in ids:
                self.errors.append(doc.error(("terms", i, "id"), f"duplicate term id '{term['id']}' (first used by terms[{ids[term['id']]}])"))
            ids.setdefault(term["id"], i)
            for j, word in enumerate([term["term"], *term.get("aliases", [])]):
                path = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
                if word in words and words[word] != i:
                    self.errors.append(doc.error(path, f"'{word}' is already defined by terms[{words[word]}]"))
                words.setdefault(word, i)
            self._cite(doc, ("terms", i), term)

    def _not_self(self, doc: Document, path: Path, target: str, pos_id: str, verb: str) -> None:
        if target == pos_id:
            self.errors.append(doc.error(path, f"a position cannot {verb} itself"))
        else:
            self._ref(doc, path, target, self.pos_ids, "position")

    def _former_ids(self) -> None:
        for kind, docs, current in (("department", self.depts, self.dept_ids), ("position", self.positions, self.pos_ids)):
            owner: dict[str, str] = {}
            for item_id, doc in docs.items():
                for i, old in enumerate(doc.data.get("former_ids", [])):
                    if old in current:
                        self.errors.append(doc.error(("former_ids", i), f"'{old}' is the id of an existing {kind}; a former id must not be reused"))
                    elif old in owner and owner[old] != item_id:
                        self.errors.append(doc.error(("former_ids", i), f"'{old}' is already a former id of {kind} '{owner[old]}'"))
                    owner.setdefault(old, item_id)

    def _cycles(self, docs: dict[str, Document], field: str, what: str) -> None:
        reported: set[frozenset[str]] = set()
        done: set[str] = set()
        for start in sorted(docs):
            path: list[str] = []
            node: str | None = start
            while node is not None and node in docs and node not in done and node not in path:
                path.append(node)
                node = docs[node].data.get(field)
            if node is not None and node in path:
                loop = path[path.index(node):]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    first = loop.index(min(loop))
                    loop = loop[first:] + loop[:first]
                    chain = " → ".join(loop + [loop[0]])
                    self.errors.append(docs[loop[0]].error((field,), f"{what}: {chain}"))
            done.update(path)

    def model(self) -> OrgModel:
        hb = self.records.singles["handbook"]
        assert hb is not None
        handbook = Handbook(
            title=hb.data["title"],
            organization=hb.data["organization"],
            description=hb.data["description"],
            sources=tuple(Source(s["id"], s["title"], s.get("note", "")) for s in hb.data.get("sources", [])),
            source_file=hb.path,
        )
        changed = self.records.changed
        departments = {i: _department(i, d, changed.get(f"departments/{i}.yml", "")) for i, d in sorted(self.depts.items())}
        positions = {i: _position(i, d, changed.get(f"positions/{i}.yml", "")) for i, d in sorted(self.positions.items())}
        plans = {i: _plan(i, d) for i, d in sorted(self.records.documents["plan"].items())}
        glossary_doc = self.records.singles["glossary"]
        glossary = tuple(_term(t) for t in glossary_doc.data["terms"]) if glossary_doc else ()
        return OrgModel(handbook, departments, positions, plans, glossary)


def _texts(data: dict, key: str) -> tuple[str, ...]:
    return tuple(data.get(key, ()))


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
    )


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
        collaboration=tuple(Collaboration(c["with"], c["on"]) for c in d.get("collaboration", ())),
        escalation=tuple(Escalation(e["situation"], e.get("when", ""), e["to"]) for e in d.get("escalation", ())),
        tools=_texts(d, "tools"),
        former_ids=_texts(d, "former_ids"),
        sources=_texts(d, "sources"),
        source_file=doc.path,
        changed=changed,
    )


def _plan(plan_id: str, doc: Document) -> Plan:
    d = doc.data
    return Plan(
        id=plan_id,
        name=d["name"],
        summary=d["summary"],
        entries=tuple(PlanEntry(e["position"], e["headcount"], e.get("max"), e.get("note", ""), e.get("reports_to")) for e in d["positions"]),
        order=d.get("order"),
        sources=_texts(d, "sources"),
        source_file=doc.path,
    )


def _term(t: dict) -> Term:
    return Term(id=t["id"], term=t["term"], definition=t["definition"], aliases=_texts(t, "aliases"), sources=_texts(t, "sources"))
