"""Mermaid flowcharts of the organisation, as pure functions of the model.

Every label goes through ``label()``; node ids come from validated ASCII ids,
so no data can end a string, start a statement or inject markup.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Department, OrgModel, Plan, Position

UrlFor = Callable[[str, str], str]
"""``url_for(kind, id)`` → URL of a department or position page, relative to the page the diagram is on."""

_ENTITIES = {"#": "#35;", "*": "#42;", "_": "#95;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", ";": "#59;", "`": "#96;", "\\": "#92;"}
_STYLES = (
    "classDef current fill:#fff3cd,stroke:#c98a00,stroke-width:3px",
    "classDef external stroke-dasharray:5 4",
    "classDef dept fill:#e7eefb,stroke:#3f6fc4",
)


def label(text: str) -> str:
    """Return ``text`` as a safe quoted Mermaid label: entity-coded specials, one line."""
    flat = " ".join(text.split())
    return '"' + "".join(_ENTITIES.get(ch, ch) for ch in flat) + '"'


def node_id(kind: str, item_id: str) -> str:
    """Return the Mermaid node id for a department (``d_``) or position (``p_``); the prefix keeps ids like ``end`` legal."""
    return f"{kind[0]}_{item_id.replace('-', '_')}"


class _Chart:
    """Collect nodes, edges and links in insertion order, each once."""

    def __init__(self, url_for: UrlFor) -> None:
        self.url_for = url_for
        self.nodes: dict[str, str] = {}
        self.edges: list[str] = []
        self.links: list[str] = []
        self.classes: dict[str, list[str]] = {}

    def node(self, kind: str, item_id: str, *lines: str, css: str = "") -> str:
        nid = node_id(kind, item_id)
        if nid not in self.nodes:
            text = "<br/>".join(label(line)[1:-1] for line in lines)
            self.nodes[nid] = f'{nid}["{text}"]'
            self.links.append(f'click {nid} href "{self.url_for(kind, item_id)}"')
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


def _pos_node(chart: _Chart, p: Position, css: str = "") -> str:
    return chart.node("position", p.id, p.title, f"{p.headcount} 人", css=css)


def _dept_node(chart: _Chart, model: OrgModel, d: Department, css: str = "dept") -> str:
    return chart.node("department", d.id, d.name, f"{model.total_headcount(d.id)} 人", css=css)


def company_chart(model: OrgModel, url_for: UrlFor) -> str:
    """Return the department tree with each department's total headcount."""
    chart = _Chart(url_for)
    for _, d in model.walk_departments():
        me = _dept_node(chart, model, d)
        if d.parent is not None:
            chart.edge(node_id("department", d.parent), me)
    # Left to right: the tree is wide (many top-level departments) and shallow.
    return chart.source("LR")


def department_chart(model: OrgModel, dept: Department, url_for: UrlFor) -> str:
    """Return a department's positions by reporting line, with outside managers and sub-departments linked."""
    chart = _Chart(url_for)
    members = model.members(dept.id)
    ids = {p.id for p in members}
    for p in members:
        me = _pos_node(chart, p)
        if p.reports_to is not None:
            boss = model.positions[p.reports_to]
            up = _pos_node(chart, boss) if boss.id in ids else _pos_node(chart, boss, css="external")
            chart.edge(up, me)
    for child in model.subdepartments(dept.id):
        head = model.positions[child.head]
        anchor = head.reports_to if head.reports_to in ids else dept.head
        chart.edge(node_id("position", anchor), _dept_node(chart, model, child))
    return chart.source()


def reporting_chart(model: OrgModel, pos: Position, url_for: UrlFor) -> str:
    """Return the chain from the top of the organisation down to ``pos``, plus its direct reports."""
    chart = _Chart(url_for)
    previous = ""
    for p in model.chain(pos.id):
        me = _pos_node(chart, p, css="current" if p.id == pos.id else "")
        if previous:
            chart.edge(previous, me)
        previous = me
    for r in model.direct_reports(pos.id):
        chart.edge(previous, _pos_node(chart, r))
    return chart.source()


def plan_chart(model: OrgModel, plan: Plan, url_for: UrlFor) -> str:
    """Return the positions a staffing plan staffs, each under its nearest staffed manager."""
    chart = _Chart(url_for)
    for entry in plan.entries:
        pos = model.positions[entry.position]
        count = f"{entry.headcount}–{entry.max} 人" if entry.max is not None else f"{entry.headcount} 人"
        chart.node("position", pos.id, pos.title, count)
    for entry in plan.entries:
        boss = model.plan_parent(plan, entry.position)
        if boss is not None:
            chart.edge(node_id("position", boss), node_id("position", entry.position))
    return chart.source()
