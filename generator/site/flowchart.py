"""Mermaid flowcharts in general: boxes, arrows and links written safely, and a forest folded to fit a budget.

Every label goes through ``label()``; node ids come from validated ASCII ids,
so no data can end a string, start a statement or inject markup. No chart draws
more than ``NODE_BUDGET`` boxes: past that a flowchart stops being readable (and
Mermaid's layout slows down), so deeper levels are folded into summary boxes.
With every label capped by the schemas (titles and names at 100 characters), a
chart's source stays well below Mermaid's limit of 50,000 characters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..escape import mermaid_label

UrlFor = Callable[[str, str], str]
"""``url_for(kind, id)`` → URL of a department or position page, relative to the page the diagram is on."""
Text = Callable[..., str]
"""``text(key, **values)`` → an interface string of the handbook's language (``Catalogue.text``)."""

NODE_BUDGET = 40
"""Most boxes in one chart, summary boxes included."""

_STYLES = (
    "classDef current fill:#fff3cd,stroke:#c98a00,stroke-width:3px",
    "classDef external stroke-dasharray:5 4",
    "classDef dept fill:#e7eefb,stroke:#3f6fc4",
    "classDef more fill:#f4f4f4,stroke:#999,stroke-dasharray:3 3",
)


MARKER = "\u2020"
"""Beside a box's line whose value was added when compiling the handbook; escaping codes the data's own †."""


class Marked(str):
    """A box's line that ends with the MARKER: added after escaping, so no data can fake it."""


def label(text: str) -> str:
    """Return ``text`` as a safe quoted Mermaid label: entity-coded specials, one line."""
    return f'"{mermaid_label(text)}{MARKER if isinstance(text, Marked) else ""}"'


def node_id(kind: str, item_id: str) -> str:
    """Return the Mermaid node id for a department (``d_``) or position (``p_``); the prefix keeps ids like ``end`` legal."""
    return f"{kind[0]}_{item_id.replace('-', '_')}"


class Chart:
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


def subtree_size(n: str, kids: Kids) -> int:
    count, pending = 0, [n]
    while pending:  # a loop, not recursion: reporting lines may be any length
        count += 1
        pending.extend(kids(pending.pop()))
    return count


def more(chart: Chart, parent: str, hidden: list[str], kids: Kids, key: str, kind: str, item_id: str, anchor: str) -> None:
    count = sum(subtree_size(h, kids) for h in hidden)
    more = chart.node(kind, item_id, chart.text(key, n=count), css="more", anchor=anchor, nid=f"m_{parent}")
    chart.edge(parent, more, dotted=True)


def more_roots(chart: Chart, roots: Sequence[str], shown: list[str], kids: Kids, key: str, kind: str, item_id: str, anchor: str) -> None:
    """Draw one summary node for the top-level nodes that ``fit`` left out, if any."""
    drawn = set(shown)
    rest = [r for r in roots if r not in drawn]
    if rest:
        count = sum(subtree_size(r, kids) for r in rest)
        chart.node(kind, item_id, chart.text(key, n=count), css="more", anchor=anchor, nid="m_top")
