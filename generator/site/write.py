"""Write generated pages into their own folder: changed files only, stale generated files removed, nothing else touched."""

from __future__ import annotations

import json
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import HandbookError
from ..paths import display_path

MANIFEST = ".handbook-manifest.json"
"""Lists the files the generator wrote into the output folder; only these are ever deleted or overwritten."""


@dataclass
class WriteReport:
    """What one ``write_pages`` call did."""

    pages: list[str] = field(default_factory=list)
    """Every generated file of this run, whether written or unchanged: what the site is built from."""
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def safe_relative(path: str) -> str:
    """Return ``path`` normalised, or raise HandbookError if it could leave the output folder."""
    norm = posixpath.normpath(path)
    if path != norm or norm.startswith(("/", "../")) or norm in (".", "..") or "\\" in path or ":" in path or norm == MANIFEST:
        raise HandbookError(f"refusing to write outside the output folder: {path!r}")
    return norm


def read_manifest(out_dir: Path) -> set[str]:
    """Return the files the previous run generated (empty if there was none)."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    return {p for p in listed if isinstance(p, str)}


def write_pages(out_dir: Path, pages: dict[str, str], root: Path | None = None) -> WriteReport:
    """Make ``out_dir`` hold exactly ``pages`` among generated files; check everything before changing anything.

    ``root`` is the project folder that messages show paths from (default: the working directory).
    """
    targets = {safe_relative(p): text.encode("utf-8") for p, text in pages.items()}
    if out_dir.is_symlink():
        # A link committed in place of the output folder would carry every write elsewhere.
        raise HandbookError(f"refusing to write through a symbolic link: {display_path(out_dir, root)} is one; remove it and build again")
    real = out_dir.resolve()
    for rel in targets:
        # A symlinked folder inside the output must not carry writes elsewhere.
        if not (out_dir / rel).resolve().is_relative_to(real):
            raise HandbookError(f"refusing to write outside the output folder: {display_path(out_dir / rel, root)} leads out of it")
    previous = read_manifest(out_dir)
    foreign = sorted(p for p in targets if p not in previous and (out_dir / p).exists())
    if foreign:
        raise HandbookError(f"refusing to overwrite {display_path(out_dir / foreign[0], root)}: it was not made by the generator (move it away or rename the page)")
    report = WriteReport(pages=sorted(targets))
    for rel, data in sorted(targets.items()):
        dest = out_dir / rel
        try:
            # A link in place of a page (committed in a pull request) is replaced by the page itself.
            if not dest.is_symlink() and dest.read_bytes() == data:
                report.unchanged += 1
                continue
        except OSError:
            pass
        _atomic_write(dest, data)
        report.written.append(rel)
    for rel in sorted(previous - targets.keys()):
        try:
            rel = safe_relative(rel)
        except HandbookError:
            continue  # a tampered manifest must not delete files elsewhere
        dest = out_dir / rel
        # The manifest and the folder may come from a pull request: never delete through a linked
        # folder. A link itself is removed safely (its target stays).
        if _plain_parents(out_dir, rel) and (dest.is_symlink() or dest.is_file()):
            dest.unlink()
            report.removed.append(rel)
            _prune_empty_dirs(out_dir, dest.parent)
    manifest = (json.dumps(sorted(targets), ensure_ascii=False, indent=0) + "\n").encode("utf-8")
    try:
        current = None if (out_dir / MANIFEST).is_symlink() else (out_dir / MANIFEST).read_bytes()
    except OSError:
        current = None
    if current != manifest:
        _atomic_write(out_dir / MANIFEST, manifest)
    return report


def _atomic_write(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=dest.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _plain_parents(out_dir: Path, rel: str) -> bool:
    """Return whether no folder on the way from ``out_dir`` to ``rel`` is a symbolic link."""
    current = out_dir
    for part in rel.split("/")[:-1]:
        current = current / part
        if current.is_symlink():
            return False
    return True


def _prune_empty_dirs(root: Path, folder: Path) -> None:
    while folder != root and root in folder.parents and not folder.is_symlink() and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
