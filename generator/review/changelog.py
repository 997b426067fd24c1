"""Each position's change history (变更记录): the commits that changed its YAML file, each with what it
did to the role, worked out by the role diff on the file's two versions (never on the YAML text).

The history follows the position, not one path: a file moved into a sub-folder keeps its earlier
commits (the id is the file's name), and a position renamed through ``former_ids`` takes the history of
its old file, the rename itself one entry that says what the old address was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..model.org import OrgModel
from ..model.records import HistoryEntry, Position
from ..source.history import PER_FILE, Revision
from ..source.shape import check_shape
from ..source.yamlsource import parse
from .changes import Change
from .compare import Renames, position_changes


@dataclass(frozen=True)
class _Version:
    """A commit's before and after of one position, with the id each version had."""

    revision: Revision
    before: tuple[str, str] | None
    """(id, text) before the commit; None where the commit created the position."""
    after: tuple[str, str] | None


def with_history(model: OrgModel, revisions: dict[str, list[Revision]]) -> OrgModel:
    """Return ``model`` with each position's history; ``revisions`` maps paths below data/ to their commits."""
    by_id: dict[str, list[tuple[str, Revision]]] = {}
    for path, entries in revisions.items():
        file_id = PurePosixPath(path).stem
        by_id.setdefault(file_id, []).extend((file_id, r) for r in entries)
    positions = {}
    for pos_id, pos in model.positions.items():
        versions = _versions([e for i in (pos_id, *pos.former_ids) for e in by_id.get(i, [])])
        positions[pos_id] = replace(pos, history=tuple(_entry(model, v) for v in versions)) if versions else pos
    return replace(model, positions=positions)


def _versions(entries: list[tuple[str, Revision]]) -> list[_Version]:
    """Merge the commits of a position's files, newest first: a commit that deleted one file and added another
    (a rename, a move) is one version from the old text to the new."""
    merged: dict[int, _Version] = {}
    for file_id, r in entries:
        before = (file_id, r.before) if r.before is not None else None
        after = (file_id, r.after) if r.after is not None else None
        seen = merged.get(r.order)
        if seen is not None:
            before, after = seen.before or before, seen.after or after
        merged[r.order] = _Version(r, before, after)
    return [merged[k] for k in sorted(merged)][:PER_FILE]


def _entry(model: OrgModel, version: _Version) -> HistoryEntry:
    r = version.revision
    before = _record(*version.before) if version.before else None
    after = _record(*version.after) if version.after else None
    changes: tuple[Change, ...] = ()
    if before is not None and after is not None:
        renamed = before.id != after.id
        found = position_changes(model, model, before, after, Renames({before.id: after.id}, {}) if renamed else Renames({}, {}))
        changes = tuple(([Change("id", before.id, after.id)] if renamed else []) + found)
    return HistoryEntry(r.date, r.subject, r.commit, changes, created=version.before is None)


def _record(pos_id: str, text: str) -> Position | None:
    """Return a position as one version of its file describes it (None when that version does not pass its schema)."""
    from ..model.build import position_record

    doc, errors = parse(text, f"positions/{pos_id}.yml")
    if doc is None or errors or check_shape(doc, "position"):
        return None
    return position_record(pos_id, doc)
