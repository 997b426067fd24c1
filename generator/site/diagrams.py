"""The handbook's charts, as pure functions of the model: the company's departments, one department, a
reporting line, a staffing plan. Folded boxes link to the page listing what they hide, and every page
lists the same relations as text (generator/site/flowchart.py draws them)."""

from __future__ import annotations

from ..model.org import OrgModel
from ..model.records import Department, Plan, Position
from .flowchart import MARKER, NODE_BUDGET, Chart, Marked, Text, UrlFor, fit, more, more_roots, node_id

__all__ = ["MARKER", "company_chart", "department_chart", "plan_chart", "reporting_chart"]
"""MARKER is read by the templates: a chart that shows it gets a legend (generator/templates/_macros.md.j2)."""


def _marked(text: str, flag: bool) -> str:
    return Marked(text) if flag else text

_POSITION_MARKS = frozenset({"position", "headcount", "reports_to", "department"})


def _count(chart: Chart, n: int | None, marked: bool = False) -> tuple[str, ...]:
    """Return the headcount line of a box, none where the site does not show the number."""
    return () if n is None else (_marked(chart.text("people", n=n), marked),)


def _pos_node(chart: Chart, p: Position, css: str = "") -> str:
    # The position itself, its line up or its department: the title carries the marker; its number: the count.
    title = _marked(p.title, bool(p.added & (_POSITION_MARKS - {"headcount"})))
    return chart.node("position", p.id, title, *_count(chart, p.headcount, "headcount" in p.added), css=css)


def _dept_node(chart: Chart, model: OrgModel, d: Department, css: str = "dept") -> str:
    name = _marked(d.name, bool({"parent", "head"} & d.added))
    return chart.node("department", d.id, name, *_count(chart, model.total_headcount(d.id), model.headcount_added(d.id)), css=css)


def company_chart(model: OrgModel, url_for: UrlFor, text: Text) -> str:
    """Return the department tree with each department's total headcount, folded below the node budget."""
    chart = Chart(url_for, text)

    def kids(dept_id: str) -> list[str]:
        return [c.id for c in model.subdepartments(dept_id)]

    roots = [d.id for d in model.top_departments]
    shown, folded = fit(roots, kids)
    for dept_id in shown:
        d = model.departments[dept_id]
        me = _dept_node(chart, model, d)
        if d.parent is not None:
            chart.edge(node_id("department", d.parent), me)
    for dept_id, hidden in folded.items():
        more(chart, node_id("department", dept_id), hidden, kids, "chart.more_subdepartments", "department", dept_id, "#subdepartments")
    more_roots(chart, roots, shown, kids, "chart.more_departments", "departments", "", "")
    # Left to right: the tree is wide (many top-level departments) and shallow.
    return chart.source("LR")


def department_chart(model: OrgModel, dept: Department, url_for: UrlFor, text: Text) -> str:
    """Return a department's positions by reporting line, with outside managers and sub-departments linked."""
    chart = Chart(url_for, text)
    members = model.members(dept.id)
    ids = {p.id for p in members}
    children = model.subdepartments(dept.id)
    # One forest over positions ("p:<id>") and sub-departments ("d:<id>"), so one budget covers both.
    tree: dict[str, list[str]] = {}
    roots: list[str] = []
    for p in members:
        tree.setdefault(f"p:{p.id}", [])
        if p.reports_to is None:
            roots.append(f"p:{p.id}")
        else:
            boss = f"p:{p.reports_to}"
            if p.reports_to not in ids and boss not in tree:
                tree[boss] = []
                roots.append(boss)
            tree.setdefault(boss, []).append(f"p:{p.id}")
    for child in children:
        # Under the manager of its head, else under this department's head; at the top where neither is shown.
        manager = model.positions[child.head].reports_to if child.head else None
        anchor = manager if manager in ids else dept.head if dept.head in ids else None
        if anchor is None:
            tree[f"d:{child.id}"] = []
            roots.append(f"d:{child.id}")
        else:
            tree.setdefault(f"p:{anchor}", []).append(f"d:{child.id}")

    def kids(key: str) -> list[str]:
        return tree.get(key, [])

    def draw(key: str) -> str:
        kind, _, item_id = key.partition(":")
        if kind == "d":
            return _dept_node(chart, model, model.departments[item_id])
        return _pos_node(chart, model.positions[item_id], css="" if item_id in ids else "external")

    shown, folded = fit(roots, kids)
    drawn = {key: draw(key) for key in shown}
    for key in shown:
        for c in kids(key):
            if c in drawn:
                chart.edge(drawn[key], drawn[c])
    for node, hidden in folded.items():
        # Only positions have children here; sub-departments are leaves that link to their own charts.
        depts = sum(h.startswith("d:") for h in hidden)
        key = "chart.more_subdepartments" if depts == len(hidden) else "chart.more_positions_or_subdepartments" if depts else "chart.more_positions"
        target = ("department", dept.id, "#subdepartments") if depts == len(hidden) else ("position", node.partition(":")[2], "#reporting-line")
        more(chart, drawn[node], hidden, kids, key, *target)
    more_roots(chart, roots, shown, kids, "chart.more_positions_or_subdepartments", "department", dept.id, "#positions")
    return chart.source()


def reporting_chart(model: OrgModel, pos: Position, url_for: UrlFor, text: Text) -> str:
    """Return the chain from the top of the organisation down to ``pos``, plus its direct reports."""
    chart = Chart(url_for, text)
    chain = model.chain(pos.id)
    # An absurdly deep chain keeps its top and its last links; the page lists all of it.
    keep_tail = NODE_BUDGET // 2
    if len(chain) > keep_tail + 1:
        top, skipped, chain = chain[0], chain[1:-keep_tail], chain[-keep_tail:]
        first = _pos_node(chart, top)
        gap = chart.node("position", pos.id, text("chart.middle_levels", n=len(skipped)), css="more", anchor="#reporting-line", nid="m_chain")
        chart.edge(first, gap)
        previous = gap
    else:
        previous = ""
    for p in chain:
        me = _pos_node(chart, p, css="current" if p.id == pos.id else "")
        if previous:
            chart.edge(previous, me)
        previous = me
    reports = model.direct_reports(pos.id)
    room = NODE_BUDGET - len(chart.nodes)
    shown = reports if len(reports) <= room else reports[: room - 1]
    for r in shown:
        chart.edge(previous, _pos_node(chart, r))
    if len(shown) < len(reports):
        more = chart.node("position", pos.id, text("chart.more_reports", n=len(reports) - len(shown)), css="more", anchor="#reporting-line", nid="m_reports")
        chart.edge(previous, more, dotted=True)
    return chart.source()


def plan_chart(model: OrgModel, plan: Plan, url_for: UrlFor, text: Text) -> str:
    """Return the positions a staffing plan staffs, each under its nearest staffed manager."""
    chart = Chart(url_for, text)
    entries = {e.position: e for e in plan.entries}
    tree: dict[str, list[str]] = {e.position: [] for e in plan.entries}
    roots: list[str] = []
    for e in plan.entries:
        boss = model.plan_parent(plan, e.position)
        (tree[boss] if boss is not None else roots).append(e.position)

    def kids(pos_id: str) -> list[str]:
        return tree[pos_id]

    shown, folded = fit(roots, kids)
    for pos_id in shown:
        pos, entry = model.positions[pos_id], entries[pos_id]
        count = text("people_range", low=entry.headcount, high=entry.max) if entry.max is not None else text("people", n=entry.headcount)
        count = text("chart.shared", count=count) if entry.shared_with else count
        title = _marked(pos.title, "reports_to" in entry.added or "position" in pos.added)
        chart.node("position", pos.id, title, _marked(count, bool({"headcount", "max"} & entry.added)))
    drawn = set(shown)
    for pos_id in shown:
        for c in tree[pos_id]:
            if c in drawn:
                chart.edge(node_id("position", pos_id), node_id("position", c))
    for pos_id, hidden in folded.items():
        more(chart, node_id("position", pos_id), hidden, kids, "chart.more_positions", "plan", plan.id, "#positions")
    more_roots(chart, roots, shown, kids, "chart.more_positions", "plan", plan.id, "#positions")
    return chart.source()

