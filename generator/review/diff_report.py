"""A role diff worded for a pull-request comment (Markdown, in the handbook's language) or as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..catalogue import Catalogue
from ..escape import markdown as _markdown
from ..escape import markdown_fragment as _fragment
from ..model.audience import PART_LABELS
from ..urls import absolute
from .diff import Change, ItemDiff, RoleDiff

Text = Callable[..., str]
"""``text(key, **values)``: an interface string (``Catalogue.text``)."""

MARKER = "<!-- handbook-role-diff -->"
"""First line of the comment: CI finds its own comment by it and updates it in place."""
LIMIT = 60_000
"""Longest comment posted (GitHub takes 65,536 characters); the JSON format has everything."""
_NO_LINK = {"@": "@\u2060", "#": "#\u2060"}


def _unlink(text: str) -> str:
    # GitHub and GitLab turn @name, #12 and owner/repo#12 in a comment into mentions and references,
    # which would notify people named in role data; a word joiner after @ and # keeps the text as it reads.
    return "".join(_NO_LINK.get(ch, ch) for ch in text)


def markdown(value: object) -> str:
    """Data text for the comment or page: inert Markdown that mentions and references no one."""
    return _markdown(_unlink(str(value)))


def markdown_fragment(text: str) -> str:
    return _fragment(_unlink(text))


FOLD = 6
"""Lists longer than this are folded into <details>, so a big change stays a readable comment."""


def to_json(result: RoleDiff, base: str, head: str) -> str:
    return json.dumps({"base": base, "head": head, **result.to_json()}, ensure_ascii=False, indent=2) + "\n"


class _Writer:
    def __init__(self, text: Catalogue, site_url: str, unit: str = "  ") -> None:
        self.t = text.text
        self.site = site_url.rstrip("/") + "/" if site_url else ""
        self.unit = unit
        """Indent of a nested list: two spaces for GitHub and GitLab, four for Python-Markdown."""

    def name(self, item: ItemDiff) -> str:
        label = markdown(item.name)
        if self.site and item.status != "removed" and item.kind in ("position", "department"):
            return f"[{label}]({absolute(self.site, item.kind, item.id)})"
        return label

    def ref(self, value: dict | None) -> str:
        if value is None:
            return self.t("diff.none")
        return markdown(value.get("title") or value.get("name") or value["id"])

    def value(self, change: Change, value: Any) -> str:
        if value is None:
            return self.t("diff.none")
        if change.field in ("reports_to", "department", "parent", "head"):
            return self.ref(value)
        if isinstance(value, list):
            return markdown(self.t("list_sep").join(map(str, value))) or self.t("diff.none")
        return markdown(value)

    def whole(self, internal: bool | None) -> str:
        return self.t("diff.internal") if internal else self.t("diff.public") if internal is False else self.t("diff.default")

    def parts(self, names: list[str]) -> str:
        return self.t("list_sep").join(self.t(PART_LABELS[n]) if n in PART_LABELS else n for n in names)

    def visibility_lines(self, change: Change, kind: str) -> list[str]:
        """Return what a visibility change does, part by part: the public site gains or loses what."""
        a, b = change.before, change.after
        out = []
        if a["internal"] != b["internal"]:
            out.append(self.t("diff.visibility.whole", kind=self.t(f"diff.kind.{kind}"), before=self.whole(a["internal"]), after=self.whole(b["internal"])))
        for key, gained, lost in (("internal_fields", "now_internal", "no_longer_internal"), ("public_fields", "now_public", "no_longer_public")):
            more = [f for f in b[key] if f not in a[key]]
            fewer = [f for f in a[key] if f not in b[key]]
            if more:
                out.append(self.t(f"diff.visibility.{gained}", parts=self.parts(more)))
            if fewer:
                out.append(self.t(f"diff.visibility.{lost}", parts=self.parts(fewer)))
        if a["internal_items"] != b["internal_items"]:
            out.append(self.t("diff.visibility.items", before=len(a["internal_items"]), after=len(b["internal_items"])))
        return out

    def change(self, change: Change, indent: str, kind: str = "position") -> list[str]:
        label = self.t(f"diff.field.{change.field}")
        if change.field == "visibility":
            # Flagged: what candidates can read on the public site changes.
            said = (self.t("clause_sep").join(self.visibility_lines(change, kind)) if isinstance(change.before, dict)
                    else f"{self.whole(change.before)} → {self.whole(change.after)}")
            return [f"{indent}- {markdown(label)} ⚠️{self.t('sep')}{markdown(said)}"]
        if not (change.added or change.removed or change.reworded):
            return [f"{indent}- {markdown(label)}{self.t('sep')}{self.value(change, change.before)} → {self.value(change, change.after)}"]
        lines = [f"{indent}- {markdown(label)}{self.t('sep')}"]
        inner = indent + self.unit
        items = [f"{inner}- {self.t('diff.added', text=markdown(text))}" for text in change.added]
        items += [f"{inner}- {self.t('diff.removed', text='~~' + markdown(text) + '~~')}" for text in change.removed]
        items += [f"{inner}- {self.t('diff.reworded', text=self.words(r['words']))}" for r in change.reworded]
        return lines + self.fold(items, inner)

    def words(self, runs: list[list[str]]) -> str:
        out = []
        for op, text in runs:
            text = " ".join(text.split("\n"))
            if op == "=" or not text.strip():
                # Edge spaces kept: "美工 × 2" must not become "美工× 2" around a changed word.
                out.append(markdown_fragment(text))
                continue
            # Markers must touch the text to count, so edge spaces go outside them.
            core = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            marker = "~~" if op == "-" else "**"
            out.append(f"{lead}{marker}{markdown_fragment(core)}{marker}{trail}")
        return "".join(out)

    def fold(self, lines: list[str], indent: str) -> list[str]:
        if len(lines) <= FOLD:
            return lines
        rest = len(lines) - FOLD + 1
        return lines[: FOLD - 1] + [f"{indent}<details><summary>{self.t('diff.more', n=rest)}</summary>", ""] + lines[FOLD - 1:] + ["", f"{indent}</details>"]

    def item(self, item: ItemDiff) -> list[str]:
        head = f"- **{self.t(f'diff.status.{item.kind}.{item.status}')}** {self.name(item)}"
        if item.former_id:
            head += f" (`{item.former_id}` → `{item.id}`)"
        else:
            head += f" (`{item.id}`)"
        lines = [head]
        for change in item.changes:
            lines += self.change(change, self.unit, item.kind)
        return lines


def to_markdown(result: RoleDiff, text: Catalogue, base: str, head: str, site_url: str = "") -> str:
    """Return the pull-request comment: one line when nothing changed for any role."""
    t = text.text
    w = _Writer(text, site_url)
    lines = [MARKER, f"### {t('diff.title')}", ""]
    if result.empty:
        lines.append(t("diff.no_change", base=base, head=head))
        return "\n".join(lines) + "\n"
    counts = result.counts()
    summary = [t(f"diff.count.{key}", n=n) for key, n in sorted(counts.items())]
    if result.headcount != (None, None):
        summary.append(t("diff.total", before=_n(result.headcount[0], t), after=_n(result.headcount[1], t)))
    lines.append(t("diff.summary", base=base, head=head, changes=t("list_sep").join(summary) or t("diff.other_only")))
    lines.append("")
    for g in result.groups:
        title = markdown(g.name)
        if g.headcount[0] != g.headcount[1]:
            title += t("diff.dept_headcount", before=_n(g.headcount[0], t), after=_n(g.headcount[1], t))
        lines += [f"#### {title}", ""]
        items = ([g.department] if g.department else []) + g.positions
        body = [line for item in items for line in w.item(item)]
        lines += body + [""]
    if result.glossary:
        lines += [f"#### {t('diff.glossary')}", ""]
        lines += w.fold([line for c in result.glossary for line in _term(c, t)], "") + [""]
    if result.plans:
        lines += [f"#### {t('diff.plans')}", ""]
        lines += [line for item in result.plans for line in w.item(item)] + [""]
    if result.handbook:
        lines += [f"#### {t('diff.handbook')}", ""]
        lines += [line for c in result.handbook for line in w.change(c, "")] + [""]
    comment = "\n".join(lines).rstrip("\n") + "\n"
    if len(comment) > LIMIT:
        cut = comment.rfind("\n", 0, LIMIT - 200)
        comment = comment[:cut] + "\n\n" + t("diff.truncated") + "\n"
    return comment


def _n(value: int | None, t: Text) -> str:
    return t("diff.none") if value is None else str(value)


def _term(change: Change, t: Text) -> list[str]:
    if change.before is None:
        return [f"- {t('diff.added', text=markdown(change.after))}"]
    if change.after is None:
        return [f"- {t('diff.removed', text='~~' + markdown(change.before) + '~~')}"]
    return [f"- {t('diff.reworded', text=markdown(change.before) + ' → ' + markdown(change.after))}"]


def change_lines(changes: Iterable[Change], text: Catalogue, indent: str = "    ") -> list[str]:
    """Return Markdown list lines for ``changes`` on a handbook page (Python-Markdown nests by four spaces)."""
    writer = _Writer(text, "", unit="    ")
    return [line for change in changes for line in writer.change(change, indent)]
