"""A scratch copy of the project for end-to-end builds, using the real generator package and vendored assets."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def make_project(dest: Path, data: Path | None = None) -> Path:
    """Copy mkdocs.yml, docs/, overrides/ and data/ (or ``data``) to ``dest``; link generator/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)  # copy2 keeps mtimes, so make sees nothing to reinstall
    # The sample's practice pages link to sample positions, which a fixture's data does not have.
    skip = shutil.ignore_patterns("practices") if data else None
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, copy_function=shutil.copy2, ignore=skip)
    shutil.copytree(data or ROOT / "data", dest / "data")
    (dest / "generator").symlink_to(ROOT / "generator")
    return dest


SITE_URL = "https://handbook.example.com/"
REPO_URL = "https://git.example.com/hr/handbook"


def env(**extra: str) -> dict[str, str]:
    """Return the environment for MkDocs and make in a scratch project."""
    out = dict(os.environ)
    for name in ("HANDBOOK_SITE_URL", "HANDBOOK_REPO_URL", "HANDBOOK_EDIT_URI", "HANDBOOK_CACHE_DIR", "XDG_CACHE_HOME"):
        out.pop(name, None)  # the developer's own settings must not leak into test builds
    out.update(extra)
    out["NO_MKDOCS_2_WARNING"] = "1"
    out["PATH"] = f"{VENV_BIN}{os.pathsep}{out.get('PATH', '')}"
    return out


def mkdocs_build(project: Path, *args: str, published: bool = False, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project``; ``published`` sets a site and a repository URL as a deployment would."""
    extra = {"HANDBOOK_SITE_URL": SITE_URL, "HANDBOOK_REPO_URL": REPO_URL} if published else {}
    extra |= extra_env or {}
    return subprocess.run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", *args], cwd=project, env=env(**extra), capture_output=True, text=True, timeout=1800
    )


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now, for a server under test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_text(url: str) -> str:
    """Return the body at ``url``, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return ""
