"""Skip rendering when nothing it depends on changed: the regeneration every build and every save starts with.

Rendering and writing 5,000 positions take seconds even when no page changes. The pages are a pure
function of the data folder's files, what git says about them, the build's settings (audience, site
addresses, the day) and the generator's own code; a digest of all of these is the cache key. A hit
also needs every page still on disk as the generator last wrote it (same size and modification
time): a page edited, removed or replaced by hand, a folder restored from elsewhere, any doubt,
and the pages are rendered and written again. So a stale cache can cost a render, never publish
stale content.

The cache lives in the project, in ``.cache/handbook/`` (README: Performance), which
``make clean`` removes. It holds JSON only: a digest and file sizes and times, nothing executed or
unpickled, so a cache file committed in a pull request can at worst cause a render.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .write import MANIFEST

FOLDER = Path(".cache") / "handbook"
"""Where the cache lives, relative to the project folder."""
_VERSION = 1
_CODE = Path(__file__).resolve().parent.parent


def _code_digest() -> bytes:
    """Digest the generator's own files on every run (7 ms): Jinja reloads an edited template under mkdocs serve."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*")):
        if "__pycache__" not in path.parts and path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(_CODE).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def input_key(sources: dict[str, str], settings: dict[str, str], history: str) -> str:
    """Return the digest of everything the pages are made from.

    ``sources`` maps each data file the loader read to the digest of its bytes (Records.digests):
    the files themselves are not read a second time.
    """
    digest = hashlib.sha256(f"handbook-render-cache {_VERSION}\n".encode())
    digest.update(_code_digest())
    digest.update(json.dumps([settings, sorted(sources.items())], sort_keys=True).encode("utf-8"))
    digest.update(history.encode("utf-8"))
    return digest.hexdigest()


def _cache_file(root: Path, audience: str) -> Path | None:
    """Return the cache file, or None when a link on its way could carry reads or writes out of the project."""
    path = root / FOLDER / f"render-{audience}.json"
    if any(p.is_symlink() for p in (root / FOLDER.parts[0], root / FOLDER, path)):
        return None
    return path


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.lstat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns] if stat.S_ISREG(info.st_mode) else None


def cached_pages(root: Path, audience: str, key: str, out_dir: Path) -> list[str] | None:
    """Return the pages of the last run when ``key`` is its key and its files are untouched; else None."""
    path = _cache_file(root, audience)
    if path is None:
        return None
    try:
        entry = json.loads(path.read_text("utf-8"))
        if entry["key"] != key or entry["out"] != str(out_dir.resolve()):
            return None
        stamps: dict[str, list[int]] = entry["files"]
        for rel, stamp in stamps.items():
            if _stamp(out_dir / rel) != stamp:
                return None
        return [rel for rel in stamps if rel != MANIFEST]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(root: Path, audience: str, key: str, out_dir: Path, files: Iterable[str]) -> None:
    """Record ``key`` and the written files' stamps; a cache that cannot be written is simply not kept."""
    stamps = {rel: _stamp(out_dir / rel) for rel in files}
    if any(stamp is None for stamp in stamps.values()):
        return
    path = _cache_file(root, audience)
    if path is None:
        return
    entry = {"key": key, "out": str(out_dir.resolve()), "files": stamps}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


