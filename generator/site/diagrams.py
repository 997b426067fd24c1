"""Mermaid flowcharts of the organisation, as pure functions of the model.

Every label goes through ``label()``; node ids come from validated ASCII ids,
so no data can end a string, start a statement or inject markup.

No chart draws more than ``NODE_BUDGET`` nodes: past that a flowchart stops
being readable (and Mermaid's layout slows down), so deeper levels are folded
into summary nodes that link to the page listing what they hide. Every page
also lists the same relations as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..escape import mermaid_label
from ..model.records import Department, Plan, Position
from ..model.org import OrgModel

UrlFor = Callable[[str, str], str]
"""``url_for(kind, id)`` → URL of a department or position page, relative to the page the diagram is on."""
Text = Callable[..., str]
"""``text(key, **values)`` → an interface string of the handbook's language (``Catalogue.text``)."""

NODE_BUDGET = 40
# Mermaid refuses sources longer than its maxTextSize (50,000 by default).
MAX_SOURCE = 50_000

_STYLES = (
    "classDef current fill:#fff3cd,stroke:#c98a00,stroke-width:3px",
    "classDef external stroke-dasharray:5 4",
    "classDef dept fill:#e7eefb,stroke:#3f6fc4",
    "classDef more fill:#f4f4f4,stroke:#999,stroke-dasharray:3 3",
)


def label(text: str) -> str:
    """Return ``text`` as a safe quoted Mermaid label: entity-coded specials, one line."""
    return f'"{mermaid_label(text)}"'


def node_id(kind: str, item_id: str) -> str:
    """Return the Mermaid node id for a department (``d_``) or position (``p_``); the prefix keeps ids like ``end`` legal."""
    return f"{kind[0]}_{item_id.replace('-', '_')}"


class _Chart:
    """Collect nodes, edges and links in insertion order, each once."""

    def __init__(self, url_for: UrlFor, text: Text) -> None:
        self.url_for = url_for
        self.text = text
        self.nodes: dict[str, str] = {}
        self.edges: list[str] = []
        self.links: list[str] = []
        self.classes: dict[str, list[str]] = {}

    def node(self, kind: str, item_id: str, *lines: str, css: str = "", anchor: str = "", nid: str = "") -> str:
        nid = nid or node_id(kind, item_id)
        if nid not in self.nodes:
            text = "<br/>".join(label(line)[1:-1] for line in lines)
            self.nodes[nid] = f'{nid}["{text}"]'
            self.links.append(f'click {nid} href "{self.url_for(kind, item_id)}{anchor}"')
            if css:
                self.classes.setdefault(css, []).append(nid)
        return nid

    def edge(self, a: str, b: str, dotted: bool = False) -> None:
        line = f"{a} -.-> {b}" if dotted else f"{a} --> {b}"
        if line not in self.edges:
            self.edges.append(line)

    def source(self, direction: str = "TB") -> str:
        lines = [f"flowchart {direction}", *self.nodes.values(), *self.edges, *self.links, *_STYLES]
        lines += [f"class {','.join(ids)} {css}" for css, ids in self.classes.items()]
        return "\n".join(lines) + "\n"


Kids = Callable[[str], Sequence[str]]


def fit(roots: Sequence[str], kids: Kids, budget: int = NODE_BUDGET) -> tuple[list[str], dict[str, list[str]]]:
    """Choose the nodes of a forest to draw within ``budget``, counting one summary node per folded parent.

    Whole levels are drawn from the top while they fit; the first level that
    does not fit is drawn in part, taking children from each parent in turn so
    that every branch shows its first members. Returns the drawn nodes (parents
    before children) and, for each drawn node with undrawn children, those children.
    """
    # Every drawn node with children might need a summary node later; reserve it.
    def cost(n: str) -> int:
        return 2 if kids(n) else 1

    if sum(cost(r) for r in roots) > budget:
        # Roots that do not fit are left to one summary node that the caller draws (``more_roots``).
        budget -= 1
    shown: list[str] = []
    used = 0
    for root in roots:
        if used + cost(root) > budget:
            break
        shown.append(root)
        used += cost(root)
    folded: dict[str, list[str]] = {}
    level = shown
    while level:
        parents = [n for n in level if kids(n)]
        below = [c for n in parents for c in kids(n)]
        if not below:
            break
        # The parents' reservations are spent on their children instead.
        whole = used - len(parents) + sum(cost(c) for c in below)
        if whole <= budget:
            shown += below
            used, level = whole, below
            continue
        queues = {n: list(kids(n)) for n in parents}
        taken: dict[str, list[str]] = {n: [] for n in parents}
        progress = True
        while progress:
            progress = False
            for n in parents:
                if queues[n] and used + cost(queues[n][0]) <= budget:
                    child = queues[n].pop(0)
                    taken[n].append(child)
                    used += cost(child)
                    progress = True
        for n in parents:
            shown += taken[n]
            if queues[n]:
                folded[n] = queues[n]
        # Children drawn at this level keep their own children folded.
        for n in parents:
            for c in taken[n]:
                if kids(c):
                    folded[c] = list(kids(c))
        return shown, folded
    return shown, folded


def _subtree_size(n: str, kids: Kids) -> int:
    count, pending = 0, [n]
    while pending:  # a loop, not recursion: reporting lines may be any length
        count += 1
        pending.extend(kids(pending.pop()))
    return count


def _more(chart: _Chart, parent: str, hidden: list[str], kids: Kids, key: str, kind: str, item_id: str, anchor: str) -> None:
    count = sum(_subtree_size(h, kids) for h in hidden)
    more = chart.node(kind, item_id, chart.text(key, n=count), css="more", anchor=anchor, nid=f"m_{parent}")
    chart.edge(parent, more, dotted=True)


def _more_roots(chart: _Chart, roots: Sequence[str], shown: list[str], kids: Kids, key: str, kind: str, item_id: str, anchor: str) -> None:
    """Draw one summary node for the top-level nodes that ``fit`` left out, if any."""
    drawn = set(shown)
    rest = [r for r in roots if r not in drawn]
    if rest:
        count = sum(_subtree_size(r, kids) for r in rest)
        chart.node(kind, item_id, chart.text(key, n=count), css="more", anchor=anchor, nid="m_top")


def _count(chart: _Chart, n: int | None) -> tuple[str, ...]:
    """Return the headcount line of a box, none where the site does not show the number."""
    return () if n is None else (chart.text("people", n=n),)


def _pos_node(chart: _Chart, p: Position, css: str = "") -> str:
    return chart.node("position", p.id, p.title, *_count(chart, p.headcount), css=css)


def _dept_node(chart: _Chart, model: OrgModel, d: Department, css: str = "dept") -> str:
    return chart.node("department", d.id, d.name, *_count(chart, model.total_headcount(d.id)), css=css)


def company_chart(model: OrgModel, url_for: UrlFor, text: Text) -> str:
    """Return the department tree with each department's total headcount, folded below the node budget."""
    chart = _Chart(url_for, text)

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
        _more(chart, node_id("department", dept_id), hidden, kids, "chart.more_subdepartments", "department", dept_id, "#subdepartments")
    _more_roots(chart, roots, shown, kids, "chart.more_departments", "departments", "", "")
    # Left to right: the tree is wide (many top-level departments) and shallow.
    return chart.source("LR")


def department_chart(model: OrgModel, dept: Department, url_for: UrlFor, text: Text) -> str:
    """Return a department's positions by reporting line, with outside managers and sub-departments linked."""
    chart = _Chart(url_for, text)
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
        boss = model.positions[child.head].reports_to if child.head else None
        anchor = boss if boss in ids else dept.head if dept.head in ids else None
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
        _more(chart, drawn[node], hidden, kids, key, *target)
    _more_roots(chart, roots, shown, kids, "chart.more_positions_or_subdepartments", "department", dept.id, "#positions")
    return chart.source()


def reporting_chart(model: OrgModel, pos: Position, url_for: UrlFor, text: Text) -> str:
    """Return the chain from the top of the organisation down to ``pos``, plus its direct reports."""
    chart = _Chart(url_for, text)
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
    chart = _Chart(url_for, text)
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
        chart.node("position", pos.id, pos.title, count)
    drawn = set(shown)
    for pos_id in shown:
        for c in tree[pos_id]:
            if c in drawn:
                chart.edge(node_id("position", pos_id), node_id("position", c))
    for pos_id, hidden in folded.items():
        _more(chart, node_id("position", pos_id), hidden, kids, "chart.more_positions", "plan", plan.id, "#positions")
    _more_roots(chart, roots, shown, kids, "chart.more_positions", "plan", plan.id, "#positions")
    return chart.source()

