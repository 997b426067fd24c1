"""The lock file is what a fresh install gets: complete, hash-pinned, within pyproject.toml's ranges, and installed."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def _pins() -> dict[str, list[tuple[Version, Marker | None, int]]]:
    """Return every pinned package with its version, marker and number of hashes."""
    pins: dict[str, list[tuple[Version, Marker | None, int]]] = {}
    current: list | None = None
    for line in LOCK.read_text("utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            entry = [Version(match["version"]), Marker(match["marker"]) if match["marker"] else None, 0]
            pins.setdefault(canonicalize_name(match["name"]), []).append(entry)  # type: ignore[arg-type]
            current = entry
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2] += 1
    return {name: [tuple(e) for e in entries] for name, entries in pins.items()}  # type: ignore[misc]


def _applies(marker: Marker | None) -> bool:
    return marker is None or marker.evaluate()


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_pin_is_exact_and_hashed() -> None:
    pins = _pins()
    assert len(pins) > 20
    unhashed = [name for name, entries in pins.items() for _, _, hashes in entries if hashes == 0]
    assert unhashed == []


def test_the_lock_fits_pyproject() -> None:
    # A dependency added or a range moved in pyproject.toml without make lock: fresh installs would not have it.
    pins = _pins()
    problems = []
    for req in _requirements():
        versions = [v for v, marker, _ in pins.get(canonicalize_name(req.name), []) if _applies(marker)]
        if not versions:
            problems.append(f"{req.name}: not in requirements.lock")
        problems += [f"{req.name}: locked {v} is outside {req.specifier}" for v in versions if v not in req.specifier]
    assert problems == [], "run make lock: " + "; ".join(problems)


def test_this_environment_has_exactly_the_locked_versions() -> None:
    # make installs from the lock, so the tests run on what a fresh machine gets.
    wrong = []
    for name, entries in _pins().items():
        for version, marker, _ in entries:
            if not _applies(marker):
                continue
            try:
                installed = Version(metadata.version(name))
            except metadata.PackageNotFoundError:
                wrong.append(f"{name}: not installed")
                continue
            if installed != version:
                wrong.append(f"{name}: {installed} installed, {version} locked")
    assert wrong == [], "reinstall with make (rm .venv/.installed): " + "; ".join(wrong)
