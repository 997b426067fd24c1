"""CODEOWNERS from the data: each department's files are reviewed by its owners (GitHub and GitLab read the same syntax).

Owners are written in data/ (``owners`` in data/handbook.yml for the handbook-wide files, in each
department for its own file and its positions'), where a pull request that changes a role can change
them too; a sub-department without owners has its parent's. ``make check`` fails when the committed
file no longer matches.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..model.org import OrgModel

HEADER = (
    "# Written by `make codeowners` from the owners in data/ (handbook.yml and departments/*.yml).\n"
    "# Change owners there, then run make codeowners: make check fails while this file is out of date.\n"
)


def _path(source_file: str) -> str:
    return "/" + source_file.lstrip("/")


def codeowners(model: OrgModel) -> str:
    """Return the CODEOWNERS text of ``model`` ('' when no owner is named anywhere)."""
    lines: list[str] = []
    top = model.handbook.owners
    if top:
        data = str(Path(model.handbook.source_file).parent.as_posix())
        lines.append(f"/{data}/ {' '.join(top)}")
        # Who may change the review rules themselves.
        lines.append(f"/CODEOWNERS {' '.join(top)}")
    owners: dict[str, tuple[str, ...]] = {}
    for _, dept in model.walk_departments():
        owners[dept.id] = dept.owners or (owners[dept.parent] if dept.parent else ())
        if not owners[dept.id]:
            continue
        who = " ".join(owners[dept.id])
        lines.append(f"{_path(dept.source_file)} {who}")
        lines += [f"{_path(p.source_file)} {who}" for p in model.members(dept.id)]
    if not lines:
        return ""
    return HEADER + "\n".join(lines) + "\n"


def write_codeowners(model: OrgModel, out: Path) -> str:
    """Write ``out`` from the owners in ``model`` when it changed; return what was done, as one line."""
    text = codeowners(model)
    if not text:
        return "no owners in data/: nothing to write (add owners: to data/handbook.yml or a department)"
    if out.exists() and out.read_text("utf-8") == text:
        return f"{out} is up to date"
    out.write_text(text, "utf-8")
    return f"wrote {out}"


def stale_codeowners(model: OrgModel, data_dir: Path, path: Path) -> list[DataError]:
    """Return an error when the CODEOWNERS file does not hold what the data says (none when neither names owners)."""
    expected = codeowners(model)
    current = path.read_text("utf-8") if path.is_file() else ""
    if current == expected or (not expected and not current.startswith(HEADER)):
        return []
    if not expected:
        return [DataError(path.as_posix(), 0, 0, "", "no owners are named in data/ any more: delete this file, or run make codeowners")]
    return [DataError(path.as_posix(), 0, 0, "", "out of date with the owners named in data/: run make codeowners and commit the result")]
