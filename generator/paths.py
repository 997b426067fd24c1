"""File paths as users see them in messages: relative to the project, never absolute when avoidable."""

from __future__ import annotations

import os
from collections.abc import Iterable
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
    if Path(os.path.abspath(path)).is_relative_to(base):
        return True
    try:
        return path.resolve().is_relative_to(base)
    except (OSError, RuntimeError):  # a link loop (RuntimeError before Python 3.13)
        return False


def link_out_of(paths: Iterable[str | Path], folders: Iterable[Path]) -> tuple[Path, Path] | None:
    """Return the first of ``paths`` that lies in one of ``folders`` but leads out of it through a
    symbolic link, with that folder; None when there is none.

    Whatever a site is built from must stay inside its folder: MkDocs would publish
    the target of ``docs/notes.txt -> ../.git/config``.
    """
    roots = [(Path(os.path.abspath(f)), Path(f).resolve()) for f in folders]
    for raw in paths:
        path = Path(os.path.abspath(raw))
        for lexical, real in roots:
            if path.is_relative_to(lexical):
                try:
                    escaped = not path.resolve().is_relative_to(real)
                except (OSError, RuntimeError):
                    escaped = True
                if escaped:
                    return path, lexical
    return None


def cache_dir() -> Path:
    """Return the folder for build caches (jieba's dictionary): $HANDBOOK_CACHE_DIR, else role-handbook
    in the user's cache folder ($XDG_CACHE_HOME or ~/.cache).

    Not the system temp folder, and not the repository: jieba unmarshals whatever cache it finds,
    and a file committed in a pull request must never be what it reads.
    """
    explicit = os.environ.get("HANDBOOK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "role-handbook"
