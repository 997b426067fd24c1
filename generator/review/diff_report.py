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
from .changes import Change, ItemDiff, RoleDiff

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
_REFS = ("reports_to", "department", "parent", "head")
"""Fields whose values are references, shown by name."""
_LABELLED = ("added", "placed", "public")
"""Fields whose values are field names, shown by their labels."""


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

    def value(self, change: Change, value: Any) -> str:
        """Return one value of a change as a reader names it: people and departments by name, fields by label."""
        if value is None:
            return self.t("diff.none")
        if change.field in _REFS:
            if value.get("top"):
                return self.t("diff.top_level")
            return markdown(value.get("title") or value.get("name") or value["id"])
        if change.field == "visibility" and not isinstance(value, dict):
            return self.whole(value)
        if change.field == "entry":
            return self.entry(value)
        if isinstance(value, list):
            shown = [self.label(v) if change.field in _LABELLED else str(v) for v in value]
            return markdown(self.t("list_sep").join(shown)) if shown else self.t("diff.none")
        return markdown(value)

    def label(self, value: str) -> str:
        """Return a field (``summary``), a part (``position.kpis``) or a list item (``responsibilities: text``) as readers call it."""
        field, _, item = value.partition(": ")
        part = field.split(".", 1)[-1]
        name = self.t(PART_LABELS[part]) if part in PART_LABELS else self.t(f"diff.field.{part}")
        return name + (self.t("diff.item", text=item) if item else "")

    def people(self, value: dict) -> str:
        low, high = value["headcount"], value.get("max")
        return self.t("people_range", low=low, high=high) if high is not None else self.t("people", n=low)

    def entry(self, value: dict) -> str:
        """Return one staffed position of a plan: its headcount, its manager in the plan, its note and marks."""
        parts = [self.people(value)]
        if value.get("reports_to"):
            parts.append(self.t("diff.entry.reports_to", name=value["reports_to"]))
        if value.get("note"):
            parts.append(value["note"])
        if value.get("added"):
            parts.append(self.t("diff.entry.added", fields=self.t("list_sep").join(self.label(f) for f in value["added"])))
        if value.get("shared_with"):
            parts.append(self.t("diff.entry.shared", positions=self.t("list_sep").join(value["shared_with"])))
        return markdown(self.t("comma").join(parts))

    def entry_change(self, a: dict, b: dict) -> str:
        """Return only what changed in a staffed position of a plan, each part old → new."""
        none = self.t("diff.none")
        parts = []
        if (a["headcount"], a.get("max")) != (b["headcount"], b.get("max")):
            parts.append(f"{self.t('diff.field.headcount')} {self.people(a)} → {self.people(b)}")
        for key, label in (("reports_to", "diff.field.reports_to"), ("note", "diff.field.note")):
            if a.get(key) != b.get(key):
                parts.append(f"{self.t(label)} {a.get(key) or none} → {b.get(key) or none}")
        if a.get("added") != b.get("added"):
            parts.append(f"{self.t('diff.field.added')} {self.value(Change('added'), a.get('added'))} → {self.value(Change('added'), b.get('added'))}")
        if a.get("shared_with", []) != b.get("shared_with", []):
            shared = [self.t("list_sep").join(side.get("shared_with", [])) or none for side in (a, b)]
            parts.append(f"{self.t('diff.field.shared_with')} {shared[0]} → {shared[1]}")
        return markdown(self.t("clause_sep").join(parts))

    def whole(self, internal: bool | None) -> str:
        return self.t("diff.internal") if internal else self.t("diff.public") if internal is False else self.t("diff.default")

    def parts(self, names: list[str]) -> str:
        return self.t("list_sep").join(self.t(PART_LABELS[n]) if n in PART_LABELS else n for n in names)

    def visibility_lines(self, change: Change, kind: str) -> list[str]:
        """Return what a visibility change does, part by part and item by item: the public site gains or loses what."""
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
        more = [i for i in b["internal_items"] if i not in a["internal_items"]]
        fewer = [i for i in a["internal_items"] if i not in b["internal_items"]]
        if more:
            out.append(self.t("diff.visibility.items_internal", items=self.t("list_sep").join(self.label(i) for i in more)))
        if fewer:
            out.append(self.t("diff.visibility.items_public", items=self.t("list_sep").join(self.label(i) for i in fewer)))
        return out

    def change(self, change: Change, indent: str, kind: str = "position", status: str = "changed") -> list[str]:
        field = self.t(f"diff.field.{change.field}")
        label = markdown(change.name) if change.field == "entry" else field
        if change.field.startswith("onboarding.") and change.name:
            label = self.t("diff.onboarding", list=field, stage=markdown(change.name))
        if change.field == "visibility" and isinstance(change.before, dict):
            # Flagged: what candidates can read on the public site changes.
            said = self.t("clause_sep").join(self.visibility_lines(change, kind))
            return [f"{indent}- {label} ⚠️{self.t('sep')}{markdown(said)}"]
        flag = " ⚠️" if change.field == "visibility" else ""
        if change.moved:
            return [f"{indent}- {label}{self.t('sep')}{self.t('diff.reordered')}"]
        if change.field == "entry" and change.before is not None and change.after is not None:
            return [f"{indent}- {label}{self.t('sep')}{self.entry_change(change.before, change.after)}"]
        if change.field == "entry" and (change.before is None or change.after is None):
            # A position the plan now staffs, or no longer does.
            said = self.value(change, change.after if change.before is None else change.before)
            key = "diff.added" if change.before is None else "diff.removed"
            return [f"{indent}- {self.t(key, text=label + self.t('sep') + said)}"]
        if not (change.added or change.removed or change.reworded):
            if status in ("added", "removed"):
                # A new or removed item is described, not compared with nothing.
                shown = self.value(change, change.after if status == "added" else change.before)
                return [f"{indent}- {label}{flag}{self.t('sep')}{shown}"]
            return [f"{indent}- {label}{flag}{self.t('sep')}{self.value(change, change.before)} → {self.value(change, change.after)}"]
        inner = indent + self.unit
        lines = [f"{indent}- {label}{self.t('sep')}"]
        items = [f"{inner}- {self.t('diff.added', text=markdown(text))}" for text in change.added]
        items += [f"{inner}- {self.t('diff.removed', text='~~' + markdown(text) + '~~')}" for text in change.removed]
        items += [f"{inner}- {self.t('diff.reworded', text=self.words(r['words']))}" for r in change.reworded]
        return lines + self.fold(items, inner)

    def words(self, runs: list[list[str]]) -> str:
        out = []
        for i, (op, text) in enumerate(runs):
            text = " ".join(text.split("\n"))
            if op == "=" or not text.strip():
                # Edge spaces kept: "美工 × 2" must not become "美工× 2" around a changed word.
                out.append(markdown_fragment(text))
                continue
            # Markers must touch the text to count, so edge spaces go outside them.
            core = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            marker = "~~" if op == "-" else "**"
            # A replaced word reads "old → new" once rendered: struck and bold text side by side ran together (23 for 2 → 3).
            arrow = " → " if op == "+" and i and runs[i - 1][0] == "-" and runs[i - 1][1].strip() else ""
            out.append(f"{arrow}{lead}{marker}{markdown_fragment(core)}{marker}{trail}")
        return "".join(out)

    def fold(self, lines: list[str], indent: str, keep: int = FOLD) -> list[str]:
        if len(lines) <= keep:
            return lines
        rest = len(lines) - keep + 1
        return lines[: keep - 1] + [f"{indent}<details><summary>{self.t('diff.more', n=rest)}</summary>", ""] + lines[keep - 1:] + ["", f"{indent}</details>"]

    def item(self, item: ItemDiff) -> list[str]:
        head = f"- **{self.t(f'diff.status.{item.kind}.{item.status}')}** {self.name(item)}"
        if item.former_id:
            head += f" (`{item.former_id}` → `{item.id}`)"
        else:
            head += f" (`{item.id}`)"
        lines = [head]
        for change in item.changes:
            lines += self.change(change, self.unit, item.kind, item.status)
        return lines


def revision_label(revision: str, text: Catalogue) -> str:
    """Return how the summary names a revision: the files as they are now are the working copy, in the reader's language."""
    from .revisions import WORKING_TREE

    return text.text("diff.working_tree") if revision == WORKING_TREE else revision


def _head(text: Catalogue, build_failed: bool) -> list[str]:
    lines = [MARKER, f"### {text.text('diff.title')}", ""]
    # A broken build must not leave an earlier summary standing as if it were current.
    return lines + ([text.text("diff.build_failed"), ""] if build_failed else [])


def to_markdown(result: RoleDiff, text: Catalogue, base: str, head: str, site_url: str = "", *, build_failed: bool = False) -> str:
    """Return the pull-request comment: one line when nothing changed for any role."""
    t = text.text
    w = _Writer(text, site_url)
    base, head = revision_label(base, text), revision_label(head, text)
    lines = _head(text, build_failed)
    if result.empty:
        lines.append(t("diff.no_change", base=base, head=head))
        return "\n".join(lines) + "\n"
    counts = result.counts()
    summary = [t(f"diff.count.{key}", n=n) for key, n in sorted(counts.items())]
    if result.headcount != (None, None):
        summary.append(t("diff.total", before=_n(result.headcount[0], t), after=_n(result.headcount[1], t)))
    lines.append(t("diff.summary", base=base, head=head, changes=t("list_sep").join(summary) or t("diff.other_only")))
    lines.append("")
    # A new level scheme first: the positions below are named by it.
    levels = [c for c in result.handbook if c.field == "levels"]
    if levels:
        lines += [f"#### {t('diff.handbook')}", ""] + [line for c in levels for line in w.change(c, "")] + [""]
    for g in result.groups:
        title = markdown(g.name)
        if g.headcount[0] != g.headcount[1]:
            title += t("diff.dept_headcount", before=_n(g.headcount[0], t), after=_n(g.headcount[1], t))
        lines += [f"#### {title}", ""]
        items = ([g.department] if g.department else []) + g.positions
        lines += [line for item in items for line in w.item(item)] + [""]
    for heading, part in (("diff.glossary", result.glossary), ("diff.plans", result.plans)):
        if part:
            lines += [f"#### {t(heading)}", ""] + [line for item in part for line in w.item(item)] + [""]
    settings = [c for c in result.handbook if c.field != "levels"]
    if settings:
        lines += [f"#### {t('diff.handbook')}", ""] + [line for c in settings for line in w.change(c, "")] + [""]
    comment = "\n".join(lines).rstrip("\n") + "\n"
    if len(comment) > LIMIT:
        cut = comment.rfind("\n", 0, LIMIT - 200)
        comment = comment[:cut] + "\n\n" + t("diff.truncated") + "\n"
    return comment


ANNOTATED = 10
"""Errors a code host marks on the files per step (GitHub: 10); the summary lists every one."""


def invalid_markdown(revision: str, errors: list[str], text: Catalogue, base: str, head: str, *, build_failed: bool = False) -> str:
    """Return the comment for a change whose data does not validate: how many errors, and every one of them."""
    t = text.text
    w = _Writer(text, "")
    lines = _head(text, build_failed) + [t("diff.invalid", revision=revision_label(revision, text), n=len(errors)), ""]
    if len(errors) > ANNOTATED:
        lines += [t("diff.invalid_all", n=ANNOTATED), ""]
    lines += w.fold([f"- {markdown(e)}" for e in errors], "", keep=ANNOTATED + 1) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def invalid_json(revision: str, errors: list[str], base: str, head: str) -> str:
    return json.dumps({"base": base, "head": head, "valid": False, "invalid": revision, "errors": errors}, ensure_ascii=False, indent=2) + "\n"


def _n(value: int | None, t: Text) -> str:
    return t("diff.none") if value is None else str(value)


def change_lines(changes: Iterable[Change], text: Catalogue, indent: str = "    ") -> list[str]:
    """Return Markdown list lines for ``changes`` on a handbook page (Python-Markdown nests by four spaces)."""
    writer = _Writer(text, "", unit="    ")
    return [line for change in changes for line in writer.change(change, indent)]
