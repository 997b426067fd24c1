"""When each data file last changed, from git history (not from file times, which a checkout resets)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def last_changed(data_dir: Path) -> dict[str, str]:
    """Return ``{path relative to data_dir: 'YYYY-MM-DD'}`` of the last commit touching each file.

    Outside a git checkout, without git, or for files never committed, there is
    no entry: pages then simply say nothing about when they changed.
    """
    try:
        shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=data_dir, capture_output=True, text=True, timeout=60)
        if shallow.stdout.strip() != "false":
            # Outside git, or a shallow clone (CI's default), whose oldest commit would look like the last change of every file.
            return {}
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "."],
            cwd=data_dir, capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    changed: dict[str, str] = {}
    date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            # Checked here so that templates may print it as it is.
            date = line[1:] if _DATE.match(line[1:]) else ""
        elif line and date and line not in changed:
            # Newest commits come first, so the first date seen for a file is its last change.
            changed[line] = date
    return changed
