"""How onboarding plans read on a page: each item as Markdown, ticked off on the checklist page.

Links go through the page's own helpers (generator/site/render.py), text through Markdown
escaping, and the checkbox carries only a hexadecimal key (generator/model/onboarding.py), so
nothing from the data reaches the HTML unescaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalogue import Catalogue
from ..escape import Raw, markdown
from ..model.onboarding import CHECKABLE, Item, Stage
from ..model.org import OrgModel
from ..model.records import Position, Term

if TYPE_CHECKING:
    from .render import _Page


LABELS = {
    "tasks": "onboarding_list.tasks", "meet": "onboarding_list.meet", "read": "onboarding_list.read",
    "access": "onboarding_list.access", "goals": "onboarding_list.goals",
}
"""Catalogue key of each list's heading, written out so that the catalogue test sees every key in use."""


class Checklist:
    """The onboarding items of one page, written for that page (its links are relative to it)."""

    def __init__(self, model: OrgModel, page: _Page, text: Catalogue) -> None:
        self.model = model
        self.page = page
        self.text = text

    def target(self, item: Item) -> tuple[str, str] | None:
        """Return (escaped name, address) of what an item links to, None for no link or a tool."""
        if item.link is None or item.link[0] == "tool":
            return None
        kind, target = item.link
        page = self.page
        if kind == "position":
            return markdown(self.model.positions[target].title), str(page.link("position", target))
        if kind == "department":
            return markdown(self.model.departments[target].name), str(page.link("department", target))
        if kind == "term":
            return markdown(self.model.terms_by_id[target].term), f"{page.link('glossary')}#{target}"
        return markdown(self.model.doc_title(target) or target), str(page.docs_link(target))

    def line(self, kind: str, item: Item) -> Raw:
        """Return one item as Markdown: a task with its link, a person or a reading with why, and the added mark."""
        text = markdown(item.text)
        found = self.target(item)
        if kind in ("meet", "read"):
            assert found is not None
            body = f"[{found[0]}]({found[1]})" + (self.text.md("sep") + text if text else "")
        elif found is not None:
            body = f"[{text}]({found[1]})"
        else:
            body = text
        if item.link is not None and item.link[0] == "tool":
            body += self.text.md("onboarding_item.tool", tool=item.link[1])
        return Raw(body + (self.text.md("added.mark") if item.added else ""))

    def tick(self, stage: Stage, kind: str, item: Item) -> Raw:
        """Return the item as a checklist entry: a labelled checkbox the page's script keeps ticked (assets/javascripts/onboarding.js)."""
        return Raw(f'<label class="hb-task"><input type="checkbox" class="hb-tick" data-key="{item.key(stage.id, kind)}"> {self.line(kind, item)}</label>')

    @staticmethod
    def label(kind: str) -> str:
        """Return the catalogue key naming one of a stage's lists."""
        return LABELS[kind]

    @staticmethod
    def checkable(kind: str) -> bool:
        return kind in CHECKABLE

    def count(self, pos: Position) -> int:
        """Return how many entries the position's checklist has."""
        return sum(len(items) for stage in pos.onboarding for kind, items in stage.lists() if kind in CHECKABLE)

    def terms(self, pos: Position) -> list[Term]:
        """Return the role's jargon: the glossary terms its page uses, then those its plan links, each once."""
        found = list(self.model.jargon(self.model.position_texts(pos)))
        linked = [self.model.terms_by_id[i.link[1]] for s in pos.onboarding for _, items in s.lists() for i in items if i.link and i.link[0] == "term"]
        return list(dict.fromkeys(found + linked))
