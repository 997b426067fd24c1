"""When each data file last changed, from git history (not from file times, which a checkout resets)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import git

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def last_changed(data_dir: Path) -> dict[str, str]:
    """Return ``{path relative to data_dir: 'YYYY-MM-DD'}`` of the last commit touching each file.

    Outside a git checkout, without git, or for files never committed, there is
    no entry: pages then simply say nothing about when they changed.
    """
    if not git.full_history(data_dir):
        return {}
    result = git.optional(data_dir, "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", ".")
    if result is None:
        return {}
    changed: dict[str, str] = {}
    date = ""
    for line in result.text.splitlines():
        if line.startswith("\x00"):
            # Checked here so that templates may print it as it is.
            date = line[1:] if _DATE.match(line[1:]) else ""
        elif line and date and line not in changed:
            # Newest commits come first, so the first date seen for a file is its last change.
            changed[line] = date
    return changed


@dataclass(frozen=True)
class Revision:
    """One commit that changed a data file: its date, subject and the file's text before and after it."""

    commit: str
    date: str
    subject: str
    before: str | None
    """The file's text in the commit's first parent (None: the commit added the file)."""
    after: str | None
    """The file's text in the commit (None: the commit deleted it)."""
    order: int = 0
    """Place of the commit in the history, newest first: revisions of several files merge in this order."""


@dataclass(frozen=True)
class Deletion:
    """The commit that deleted a data file (its last change in the history)."""

    commit: str
    date: str
    subject: str


@dataclass
class History:
    """What git says about the data files, from a fixed number of git calls."""

    revisions: dict[str, list[Revision]] = field(default_factory=dict)
    """Path of a position file relative to the data folder → the commits that changed it, newest first (a file
    since moved or deleted included, so that a page's history can follow its renames)."""
    deleted: dict[str, Deletion] = field(default_factory=dict)
    """Path of a position or department file whose last commit deleted it → that commit."""
    committed: set[str] = field(default_factory=set)
    """Path of every position and department file the history has ever held."""


PER_FILE = 20
"""Most recent commits kept per file: a page lists its latest changes, not its whole life."""
MAX_BLOB = 1 << 20


UPSTREAM = ".handbook-upstream"
"""Written by make new beside data/: the tool's commit the company's handbook started from (generator/adopt.py)."""


def file_history(data_dir: Path) -> History:
    """Return the commits that changed the files of ``data_dir/positions`` and which position and department files were deleted.

    A few git calls whatever the history's length: one log of the two folders, then one ``cat-file --batch``
    for every version of a position file needed. Nothing outside git or in a shallow clone (as ``last_changed``).
    In a handbook started with make new, the sample's history before it is not the company's: it is left
    out, and the company's first version of each file counts as its creation.
    """
    if not git.full_history(data_dir):
        return History()
    shown = git.optional(data_dir, "rev-parse", "--show-prefix")
    upstream = _upstream(data_dir)
    log = git.optional(
        data_dir, "-c", "core.quotePath=false", "log", "--format=%x00%H %P%x00%cs%x00%s", "--name-status", "--relative", "--no-renames",
        *([f"^{upstream}"] if upstream else []), "--", "positions", "departments",
    )
    if shown is None or log is None:
        return History()
    wanted, history = _read_log(log.text)
    if not wanted:
        return history
    prefix = shown.text.strip()
    requests = [f"{c}:{prefix}{path}" for path, entries in wanted.items() for commit, parent, *_ in entries for c in (commit, parent) if c]
    blobs = _cat_files(data_dir, list(dict.fromkeys(requests)))
    for path, entries in wanted.items():
        revisions = [
            Revision(commit[:10], date, subject, blobs.get(f"{parent}:{prefix}{path}") if parent else None, blobs.get(f"{commit}:{prefix}{path}"), order)
            for commit, parent, date, subject, order in entries
        ]
        if upstream and len(entries) < PER_FILE:
            oldest = revisions[-1]
            revisions[-1] = Revision(oldest.commit, oldest.date, oldest.subject, None, oldest.after, oldest.order)
        history.revisions[path] = revisions
    return history


def _read_log(text: str) -> tuple[dict[str, list[tuple[str, str, str, str, int]]], History]:
    """Return the commits of each position file, and the deletions and paths the log shows."""
    wanted: dict[str, list[tuple[str, str, str, str, int]]] = {}
    history = History()
    commit = parent = date = subject = ""
    order = -1
    # Split on newlines only: a subject may hold a carriage return or another line separator.
    for line in text.split("\n"):
        if line.startswith("\x00"):
            _, ids, date, subject = line.split("\x00", 3)
            commit, _, parents = ids.partition(" ")
            parent = parents.split(" ")[0] if parents else ""
            date = date if _DATE.match(date) else ""
            order += 1
            continue
        status, _, path = line.partition("\t")
        if not (commit and path.endswith(".yml")):
            continue
        if path not in history.committed:
            history.committed.add(path)
            if status == "D":  # newest first: the file's last change deleted it
                history.deleted[path] = Deletion(commit[:10], date, subject)
        if path.startswith("positions/"):
            entries = wanted.setdefault(path, [])
            if len(entries) < PER_FILE:
                entries.append((commit, parent, date, subject, order))
    return wanted, history


def _upstream(data_dir: Path) -> str:
    """Return the commit make new started this handbook from, if it recorded one and git knows it."""
    try:
        recorded = (data_dir.parent / UPSTREAM).read_text("utf-8").strip()
    except OSError:
        return ""
    if not re.fullmatch(r"[0-9a-f]{7,64}", recorded):
        return ""
    return recorded if git.optional(data_dir, "cat-file", "-e", f"{recorded}^{{commit}}", timeout=60) else ""


def _cat_files(cwd: Path, names: list[str]) -> dict[str, str]:
    """Return the text of each ``commit:path`` that exists, from one ``git cat-file --batch``."""
    result = git.optional(cwd, "cat-file", "--batch", stdin="\n".join(names).encode("utf-8") + b"\n", timeout=300)
    if result is None:
        return {}
    data, pos, out = result.stdout, 0, {}
    for name in names:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = data[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "<name> missing": the file did not exist there
        size = int(header[2])
        if size <= MAX_BLOB:
            out[name] = data[pos:pos + size].decode("utf-8", errors="replace")
        pos += size + 1
    return out
