"""Each position's change history (变更记录): the commits that changed its YAML file, each with what it
did to the role, worked out by the role diff on the file's two versions (never on the YAML text)."""

from __future__ import annotations

from dataclasses import replace

from ..model.org import OrgModel
from ..model.records import HistoryEntry, Position
from ..source.history import Revision
from ..source.shape import check_shape
from ..source.yamlsource import parse
from .changes import Change
from .compare import position_changes


def with_history(model: OrgModel, revisions: dict[str, list[Revision]], files: dict[str, str]) -> OrgModel:
    """Return ``model`` with each position's history; ``files`` maps position id → its path below data/."""
    positions = {}
    for pos_id, pos in model.positions.items():
        entries = revisions.get(files.get(pos_id, ""), [])
        positions[pos_id] = replace(pos, history=tuple(_entry(model, pos_id, r) for r in entries)) if entries else pos
    return replace(model, positions=positions)


def _entry(model: OrgModel, pos_id: str, revision: Revision) -> HistoryEntry:
    before, after = _record(pos_id, revision.before), _record(pos_id, revision.after)
    changes: tuple[Change, ...] = ()
    if before is not None and after is not None:
        changes = tuple(position_changes(model, model, before, after))
    return HistoryEntry(revision.date, revision.subject, revision.commit, changes, created=revision.before is None)


def _record(pos_id: str, text: str | None) -> Position | None:
    """Return a position as one version of its file describes it (None when that version does not pass its schema)."""
    from ..model.build import position_record

    if text is None:
        return None
    doc, errors = parse(text, f"positions/{pos_id}.yml")
    if doc is None or errors or check_shape(doc, "position"):
        return None
    return position_record(pos_id, doc)
