"""CODEOWNERS from the data: each department's files are reviewed by its owners (GitHub and GitLab read the same syntax).

Owners are written in data/ (``owners`` in data/handbook.yml for the handbook-wide files, in each
department for its own file and its positions'), where a pull request that changes a role can change
them too; a sub-department without owners has its parent's. The generated rules stand between two
marker lines: whatever a company writes outside them (rules for code paths, say) is its own, kept by
``make codeowners`` and left alone by ``make check``, which fails when the marked block is stale and
names the lines that differ.

A department's positions grouped in a folder named after it (``data/positions/<department>/``) are
routed by the folder too: GitHub and GitLab read CODEOWNERS from the target branch, so a new position
reaches its department's owners in the very pull request that adds it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..errors import DataError
from ..model.org import OrgModel

BEGIN = "# BEGIN handbook owners: written by `make codeowners` from data/ (handbook.yml and departments/*.yml); do not edit"
END = "# END handbook owners: your own rules go before this block (defaults) or after it (they win)"
LEGACY = "# Written by `make codeowners` from the owners in data/"
"""First line of the files earlier versions wrote whole: replaced whole."""


def _path(source_file: str) -> str:
    return "/" + source_file.lstrip("/")


def rules(model: OrgModel) -> list[str]:
    """Return the generated rules of ``model``, later ones winning over earlier ones (empty when no owner is named)."""
    lines: list[str] = []
    top = model.handbook.owners
    data = PurePosixPath(model.handbook.source_file).parent.as_posix()
    if top:
        lines.append(f"/{data}/ {' '.join(top)}")
        # Who may change the review rules themselves.
        lines.append(f"/CODEOWNERS {' '.join(top)}")
    owners: dict[str, tuple[str, ...]] = {}
    folders: list[str] = []
    files: list[str] = []
    for _, dept in model.walk_departments():
        owners[dept.id] = dept.owners or (owners[dept.parent] if dept.parent else ())
        if not owners[dept.id]:
            continue
        who = " ".join(owners[dept.id])
        for kind in ("positions", "departments"):
            # Folders before files: a file of another department in the folder keeps its own owners.
            if any(PurePosixPath(f).parent.name == dept.id and f.startswith(f"{data}/{kind}/") for f in _sources(model)):
                folders.append(f"/{data}/{kind}/{dept.id}/ {who}")
        files.append(f"{_path(dept.source_file)} {who}")
        files += [f"{_path(p.source_file)} {who}" for p in model.members(dept.id)]
    return lines + folders + files


def _sources(model: OrgModel) -> list[str]:
    return [p.source_file for p in model.positions.values()] + [d.source_file for d in model.departments.values()]


def _split(text: str) -> tuple[str, list[str], str] | None:
    """Return (before, generated lines, after) of a CODEOWNERS text with a marked block; None without one."""
    lines = text.splitlines()
    if BEGIN not in lines or END not in lines[lines.index(BEGIN):]:
        return None
    start = lines.index(BEGIN)
    end = lines.index(END, start)
    before, after = "\n".join(lines[:start]), "\n".join(lines[end + 1:])
    return (before + "\n" if before else ""), lines[start + 1: end], (after + "\n" if after else "")


def codeowners(model: OrgModel, current: str = "") -> str:
    """Return the CODEOWNERS text: ``current`` with its marked block replaced (appended when it has none), or ''."""
    generated = rules(model)
    parts = _split(current)
    if parts is None:
        own = "" if current.startswith(LEGACY) else current
        before, after = (own.rstrip("\n") + "\n\n" if own.strip() else ""), ""
    else:
        before, _, after = parts
    if not generated and not (before + after).strip():
        return ""
    block = "\n".join([BEGIN, *generated, END]) + "\n" if generated else ""
    return before + block + after


def write_codeowners(model: OrgModel, out: Path) -> str:
    """Write ``out`` from the owners in ``model`` when it changed; return what was done, as one line."""
    current = out.read_text("utf-8") if out.is_file() else ""
    text = codeowners(model, current)
    if not rules(model):
        return "no owners in data/: nothing to write (add owners: to data/handbook.yml or a department)"
    if text == current:
        return f"{out} is up to date"
    out.write_text(text, "utf-8")
    return f"wrote {out}"


def stale_codeowners(model: OrgModel, data_dir: Path, path: Path) -> list[DataError]:
    """Return an error when the marked block of the CODEOWNERS file does not hold what the data says, naming what differs."""
    expected = rules(model)
    current = path.read_text("utf-8") if path.is_file() else ""
    parts = _split(current)
    if parts is None and not expected and not current.startswith(LEGACY):
        return []  # no owners anywhere, and no file (or only the company's own rules)
    have = parts[1] if parts is not None else []
    if have == expected:
        return []
    shown = path.as_posix()
    if not expected:
        return [DataError(shown, 0, 0, "", "no owners are named in data/ any more: run make codeowners to remove the generated block")]
    missing = [line for line in expected if line not in have]
    extra = [line for line in have if line not in expected]
    what = (f"{len(missing)} rule{'s' if len(missing) != 1 else ''} missing, e.g. '{missing[0]}'" if missing
            else f"{len(extra)} rule{'s' if len(extra) != 1 else ''} no longer meant, e.g. '{extra[0]}'" if extra else "rules in another order")
    return [DataError(shown, 0, 0, "", f"out of date with the owners named in data/ ({what}): run make codeowners and commit the result")]
