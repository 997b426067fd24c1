"""When each data file last changed, from git history (not from file times, which a checkout resets)."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


PER_FILE = 20
"""Most recent commits kept per file: a page lists its latest changes, not its whole life."""
MAX_BLOB = 1 << 20


UPSTREAM = ".handbook-upstream"
"""Written by make new beside data/: the tool's commit the company's handbook started from (generator/adopt.py)."""


def file_revisions(data_dir: Path, folder: str = "positions") -> dict[str, list[Revision]]:
    """Return ``{path relative to data_dir: [newest first]}`` for the files below ``data_dir/folder``.

    A few git calls whatever the history's length: one log of the folder, then one ``cat-file --batch``
    for every version needed. Nothing outside git or in a shallow clone (as ``last_changed``). In a
    handbook started with make new, the sample's history before it is not the company's: it is left
    out, and the company's first version of each file counts as its creation.
    """
    if not git.full_history(data_dir):
        return {}
    shown = git.optional(data_dir, "rev-parse", "--show-prefix")
    upstream = _upstream(data_dir)
    log = git.optional(
        data_dir, "-c", "core.quotePath=false", "log", "--format=%x00%H %P%x00%cs%x00%s", "--name-only", "--relative", "--no-renames",
        *([f"^{upstream}"] if upstream else []), "--", folder,
    )
    if shown is None or log is None:
        return {}
    prefix = shown.text.strip()
    wanted: dict[str, list[tuple[str, str, str, str]]] = {}
    commit = parent = date = subject = ""
    # Split on newlines only: a subject may hold a carriage return or another line separator.
    for line in log.text.split("\n"):
        if line.startswith("\x00"):
            _, ids, date, subject = line.split("\x00", 3)
            commit, _, parents = ids.partition(" ")
            parent = parents.split(" ")[0] if parents else ""
            date = date if _DATE.match(date) else ""
        elif line and commit and line.endswith(".yml"):
            entries = wanted.setdefault(line, [])
            if len(entries) < PER_FILE:
                entries.append((commit, parent, date, subject))
    if not wanted:
        return {}
    requests = []
    for path, entries in wanted.items():
        for commit, parent, _, _ in entries:
            requests.append(f"{commit}:{prefix}{path}")
            if parent:
                requests.append(f"{parent}:{prefix}{path}")
    blobs = _cat_files(data_dir, list(dict.fromkeys(requests)))
    out: dict[str, list[Revision]] = {}
    for path, entries in wanted.items():
        out[path] = [
            Revision(commit[:10], date, subject, blobs.get(f"{parent}:{prefix}{path}") if parent else None, blobs.get(f"{commit}:{prefix}{path}"))
            for commit, parent, date, subject in entries
        ]
        if upstream and len(entries) < PER_FILE:
            oldest = out[path][-1]
            out[path][-1] = Revision(oldest.commit, oldest.date, oldest.subject, None, oldest.after)
    return out


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
