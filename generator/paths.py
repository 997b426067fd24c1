"""File paths as users see them in messages: relative to the project, never absolute when avoidable."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str, root: Path | None = None) -> str:
    """Return ``path`` relative to ``root`` (default: the working directory) when it is inside it, else as given."""
    base = (root or Path.cwd()).resolve()
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else Path.cwd() / candidate
    try:
        return Path(os.path.relpath(absolute, base)).as_posix() if _inside(absolute, base) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _inside(path: Path, base: Path) -> bool:
    # Compared without resolving symlinks in ``path`` itself: a link is shown where it is, not where it leads.
    return Path(os.path.abspath(path)).is_relative_to(base) or path.resolve().is_relative_to(base)
