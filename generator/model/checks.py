"""Check the data files against each other: references, cycles, depths, uniqueness; every problem is collected."""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath
from typing import Any

from ..errors import DataError, quote
from ..source.document import Document, Path
from ..source.load import Records
from ..suggest import did_you_mean
from . import onboarding_checks
from .lookup import get
from .org import plan_manager
from .plan_checks import shared_figures
from .records import DEFAULT_LEVELS

MAX_DEPARTMENT_DEPTH = 12
"""Deepest department nesting: each level is a level of the site's navigation and outlines."""
MAX_REPORTING_CHAIN = 30
"""Longest reporting line, top to bottom: twice what the largest companies have, and each page lists its own."""


def _items(doc: Document, *path: str | int) -> list[tuple[int, dict]]:
    """Return ``(index, entry)`` for each entry of the list at ``path`` that passed the schema."""
    value = get(doc, *path)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict) and doc.is_valid((*path, i))]


def _has(doc: Document, name: str) -> bool:
    """Return whether the file gives ``name`` at all, valid or not."""
    return isinstance(doc.data, dict) and name in doc.data


def _level_ids(hb: Document | None) -> list[str] | None:
    """Return the level ids positions may use, most senior first; None when handbook.yml's own levels are broken."""
    if hb is None or not isinstance(get(hb), dict) or not _has(hb, "levels"):
        return list(DEFAULT_LEVELS)
    levels = get(hb, "levels")
    ids = [get(hb, "levels", i, "id") for i in range(len(levels))] if isinstance(levels, list) else [None]
    return [i for i in ids if isinstance(i, str)] if all(isinstance(i, str) for i in ids) else None


def _source_ids(hb: Document | None) -> set[str] | None:
    """Return the source ids handbook.yml declares; None when they are broken, so that citations are
    not reported on top of handbook.yml's own errors."""
    if hb is None or not isinstance(get(hb), dict):
        return None
    if not _has(hb, "sources"):
        return set()
    sources = get(hb, "sources")
    ids = [get(hb, "sources", i, "id") for i in range(len(sources))] if isinstance(sources, list) else [None]
    return {i for i in ids if isinstance(i, str)} if all(isinstance(i, str) for i in ids) else None


def check(records: Records) -> list[DataError]:
    """Return every problem of ``records``: the loader's, then those between files."""
    checker = _Checker(records)
    checker.run()
    return checker.errors


def _deleted(records: Records) -> dict[tuple[str, str], str]:
    """Return, per (kind, id) of a position or department file that git had and the data no longer has, what deleted it."""
    history = records.history
    out: dict[tuple[str, str], str] = {}
    for path in sorted(history.committed):
        folder, _, rest = path.partition("/")
        kind, file_id = folder.rstrip("s"), PurePosixPath(rest).stem
        if kind not in ("position", "department") or file_id in records.ids[kind]:
            continue
        deletion = history.deleted.get(path)
        if deletion is not None:
            out[(kind, file_id)] = f": data/{path} was deleted in {deletion.commit} ({deletion.date}, {quote(deletion.subject)}), and this still names it"
        else:
            out.setdefault((kind, file_id), f": data/{path} is deleted in the working copy (not committed yet), and this still names it")
    return out


class _Checker:
    def __init__(self, records: Records) -> None:
        self.records = records
        self.errors: list[DataError] = list(records.errors)
        self.depts = records.documents["department"]
        self.positions = records.documents["position"]
        self.dept_ids = records.ids["department"]
        self.pos_ids = records.ids["position"]
        self.source_ids = _source_ids(records.singles["handbook"])
        self.level_ids = _level_ids(records.singles["handbook"])
        self.gone = _deleted(records)
        self.renamed = {
            (kind, old): item_id for kind, docs in (("department", self.depts), ("position", self.positions)) for item_id, doc in docs.items()
            for old in (get(doc, "former_ids") or []) if isinstance(old, str)
        }

    def run(self) -> None:
        if self.records.singles["handbook"]:
            self._unique_sources(self.records.singles["handbook"])
            self._unique_levels(self.records.singles["handbook"])
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
        self.errors += onboarding_checks.check(self.records, self._ref, set(self.records.pages), self.source_ids)
        self._cycles(self.depts, "parent", "department parent cycle")
        self._cycles(self.positions, "reports_to", "reporting cycle")
        self._depth(self.depts, "parent", MAX_DEPARTMENT_DEPTH, "departments nest {depth} levels deep here; at most {limit} are supported")
        self._depth(
            self.positions, "reports_to", MAX_REPORTING_CHAIN,
            "the reporting line from the top to this position is {depth} positions long; at most {limit} are supported",
        )

    def _ref(self, doc: Document, path: Path, value: object, ids: set[str], kind: str, where: str = "") -> bool:
        """Report a reference to a missing id; return whether it resolves."""
        if not isinstance(value, str) or value in ids:
            return isinstance(value, str)
        renamed = self.renamed.get((kind, value))
        if renamed:
            why = f"{where}: it was renamed to '{renamed}' (former_ids), name '{renamed}' here"
        else:
            why = where + (self.gone.get((kind, value)) or did_you_mean(value, ids))
        self.errors.append(doc.error(path, f"no {kind} '{value}'{why}"))
        return False

    def _common(self, file_id: str, doc: Document) -> None:
        own = get(doc, "id")
        if own is not None and own != file_id:
            self.errors.append(doc.error(("id",), f"'{own}' does not match the file name '{file_id}.yml' (rename the file or fix the id)"))
        self._cite(doc, ())

    def _cite(self, doc: Document, path: Path) -> None:
        """Check the ``sources`` list found at ``path`` in ``doc`` against handbook.yml."""
        if self.source_ids is None:
            return
        sources = get(doc, *path, "sources")
        for i, source in enumerate(sources if isinstance(sources, list) else []):
            if doc.is_valid((*path, "sources", i)):
                self._ref(doc, (*path, "sources", i), source, self.source_ids, "source", " in the sources of data/handbook.yml")

    def _unique_sources(self, doc: Document) -> None:
        seen: set[str] = set()
        for i, _source in _items(doc, "sources"):
            sid = get(doc, "sources", i, "id")
            if sid in seen:
                self.errors.append(doc.error(("sources", i, "id"), f"duplicate source id '{sid}'"))
            if sid is not None:
                seen.add(sid)

    def _unique_levels(self, doc: Document) -> None:
        seen: dict[str, int] = {}
        for i, _level in _items(doc, "levels"):
            level_id = get(doc, "levels", i, "id")
            if level_id in seen:
                self.errors.append(doc.error(("levels", i, "id"), f"duplicate level id '{level_id}' (first used by levels[{seen[level_id]}])"))
            elif level_id is not None:
                seen[level_id] = i

    def _department(self, dept_id: str, doc: Document) -> None:
        self._common(dept_id, doc)
        self._ref(doc, ("parent",), get(doc, "parent"), self.dept_ids, "department")
        head = get(doc, "head")
        if self._ref(doc, ("head",), head, self.pos_ids, "position") and head in self.positions:
            home = get(self.positions[head], "department")
            if home is not None and home != dept_id:
                self.errors.append(doc.error(("head",), f"position '{head}' belongs to department '{home}'; a head must belong to the department it leads"))

    def _position(self, pos_id: str, doc: Document) -> None:
        self._common(pos_id, doc)
        level = get(doc, "level")
        if self.level_ids is not None and level is not None and level not in self.level_ids:
            hb = self.records.singles["handbook"]
            own = hb is not None and _has(hb, "levels")
            hint = did_you_mean(level, self.level_ids) or ("" if own else " (a company's own levels are declared in data/handbook.yml)")
            self.errors.append(doc.error(("level",), f"{quote(level)} is not one of: {', '.join(self.level_ids)}{hint}"))
        dept = get(doc, "department")
        self._ref(doc, ("department",), dept, self.dept_ids, "department")
        if _has(doc, "reports_to"):
            self._ref(doc, ("reports_to",), get(doc, "reports_to"), self.pos_ids, "position")
        elif dept in self.depts and _has(self.depts[dept], "parent"):
            self.errors.append(
                doc.error(("reports_to",), f"missing: only a position in a top-level department can be at the top of the organisation, and '{dept}' has a parent")
            )
        for i, _item in _items(doc, "collaboration"):
            self._not_self(doc, ("collaboration", i, "with"), get(doc, "collaboration", i, "with"), pos_id, "collaborate with")
        for i, _item in _items(doc, "escalation"):
            self._not_self(doc, ("escalation", i, "to"), get(doc, "escalation", i, "to"), pos_id, "escalate to")
        for i, _item in _items(doc, "openings"):
            self._opening(doc, ("openings", i))

    def _opening(self, doc: Document, at: Path) -> None:
        dates = {}
        for key in ("posted", "valid_through"):
            value = get(doc, *at, key)
            if value is None:
                continue
            try:
                dates[key] = datetime.date.fromisoformat(value)
            except ValueError:
                self.errors.append(doc.error((*at, key), f"{quote(value)} is not a date (YYYY-MM-DD)"))
        if len(dates) == 2 and dates["valid_through"] < dates["posted"]:
            self.errors.append(doc.error((*at, "valid_through"), f"{dates['valid_through']} is before the date posted ({dates['posted']})"))
        low, high = get(doc, *at, "salary", "min"), get(doc, *at, "salary", "max")
        if low is not None and high is not None and high < low:
            self.errors.append(doc.error((*at, "salary", "max"), f"must be at least the minimum ({low:g}), found {high:g}"))

    def _plan(self, plan_id: str, doc: Document) -> None:
        self._common(plan_id, doc)
        entries = _items(doc, "positions")
        staffed = [p for i, _ in entries if (p := get(doc, "positions", i, "position")) is not None]
        seen: dict[str, int] = {}
        for i, _entry in entries:
            pos = get(doc, "positions", i, "position")
            self._ref(doc, ("positions", i, "position"), pos, self.pos_ids, "position")
            if pos in seen:
                self.errors.append(doc.error(("positions", i, "position"), f"'{pos}' is already listed as positions[{seen[pos]}]"))
            if pos is not None:
                seen.setdefault(pos, i)
            boss = get(doc, "positions", i, "reports_to")
            if boss is not None and boss not in staffed:
                self.errors.append(doc.error(("positions", i, "reports_to"), f"'{boss}' is not staffed by this plan{did_you_mean(boss, staffed)}"))
            elif boss is not None and boss == pos:
                self.errors.append(doc.error(("positions", i, "reports_to"), "a position cannot report to itself"))
            low, high = get(doc, "positions", i, "headcount"), get(doc, "positions", i, "max")
            if low is not None and high is not None and high < low:
                self.errors.append(doc.error(("positions", i, "max"), f"must be at least the headcount ({low}), found {high}"))
        self.errors += shared_figures(doc, entries, staffed)
        self._plan_cycles(doc, entries)

    def _plan_cycles(self, doc: Document, entries: list[tuple[int, dict]]) -> None:
        """Report a loop in a plan's chart: explicit reports_to, or else the nearest staffed manager, must lead to a top."""
        explicit: dict[str, str | None] = {}
        index: dict[str, int] = {}
        for i, _ in entries:
            pos = get(doc, "positions", i, "position")
            if pos is not None and pos not in index:
                explicit[pos] = get(doc, "positions", i, "reports_to")
                index[pos] = i

        def org_parent(pos: str) -> str | None:
            boss = get(self.positions[pos], "reports_to") if pos in self.positions else None
            return boss if isinstance(boss, str) else None

        def parent(pos: str) -> str | None:
            return plan_manager(pos, explicit, org_parent)

        reported: set[str] = set()
        for start in index:
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
        for i, _term in _items(doc, "terms"):
            term_id = get(doc, "terms", i, "id")
            if term_id in ids:
                self.errors.append(doc.error(("terms", i, "id"), f"duplicate term id '{term_id}' (first used by terms[{ids[term_id]}])"))
            if term_id is not None:
                ids.setdefault(term_id, i)
            aliases = get(doc, "terms", i, "aliases")
            spellings: list[tuple[Path, Any]] = [(("terms", i, "term"), get(doc, "terms", i, "term"))]
            spellings += [(("terms", i, "aliases", j), a) for j, a in enumerate(aliases if isinstance(aliases, list) else [])]
            for path, word in spellings:
                if not isinstance(word, str) or not doc.is_valid(path):
                    continue
                if word in words and words[word] != i:
                    self.errors.append(doc.error(path, f"{quote(word)} is already defined by terms[{words[word]}]"))
                words.setdefault(word, i)
            self._cite(doc, ("terms", i))

    def _not_self(self, doc: Document, path: Path, target: object, pos_id: str, verb: str) -> None:
        if target == pos_id:
            self.errors.append(doc.error(path, f"a position cannot {verb} itself"))
        else:
            self._ref(doc, path, target, self.pos_ids, "position")

    def _former_ids(self) -> None:
        for kind, docs, current in (("department", self.depts, self.dept_ids), ("position", self.positions, self.pos_ids)):
            owner: dict[str, str] = {}
            for item_id, doc in docs.items():
                former = get(doc, "former_ids")
                for i, old in enumerate(former if isinstance(former, list) else []):
                    if not doc.is_valid(("former_ids", i)):
                        continue
                    if old in current:
                        self.errors.append(doc.error(("former_ids", i), f"'{old}' is the id of an existing {kind}; a former id must not be reused"))
                    elif old in owner and owner[old] != item_id:
                        self.errors.append(doc.error(("former_ids", i), f"'{old}' is already a former id of {kind} '{owner[old]}'"))
                    owner.setdefault(old, item_id)

    def _link(self, docs: dict[str, Document], node: str, field: str) -> str | None:
        value = get(docs[node], field)
        return value if isinstance(value, str) else None

    def _cycles(self, docs: dict[str, Document], field: str, what: str) -> None:
        reported: set[frozenset[str]] = set()
        done: set[str] = set()
        for start in sorted(docs):
            path: list[str] = []
            on_path: set[str] = set()
            node: str | None = start
            while node is not None and node in docs and node not in done and node not in on_path:
                path.append(node)
                on_path.add(node)
                node = self._link(docs, node, field)
            if node is not None and node in on_path:
                loop = path[path.index(node):]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    first = loop.index(min(loop))
                    loop = loop[first:] + loop[:first]
                    chain = " → ".join(loop + [loop[0]])
                    self.errors.append(docs[loop[0]].error((field,), f"{what}: {chain}"))
            done.update(path)

    def _depth(self, docs: dict[str, Document], field: str, limit: int, message: str) -> None:
        """Report the first item of each branch that lies deeper than ``limit`` along ``field`` (parent, reports_to).

        Every page lists its chain up to the top, so an unbounded chain would make the site grow with
        its square; each item is walked once.
        """
        level: dict[str, int] = {}
        for start in sorted(docs):
            chain: list[str] = []
            node: str | None = start
            while node is not None and node in docs and node not in level and node not in chain:
                chain.append(node)
                node = self._link(docs, node, field)
            if node is not None and node in chain:
                continue  # a cycle, reported on its own
            base = level.get(node, 0) if node is not None else 0
            for depth, item in enumerate(reversed(chain), start=base + 1):
                level[item] = depth
                if depth == limit + 1:
                    self.errors.append(docs[item].error((field,), message.format(depth=depth, limit=limit)))
