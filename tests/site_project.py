"""Scratch copies of the project for end-to-end builds, using the real generator package and vendored assets."""

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
VENDOR = Path("docs") / "assets" / "vendor"
"""Browser files the Makefile fetches; mermaid2 wants them inside the docs folder."""


def make_project(dest: Path, data: Path | None = None, docs: Path | None = None) -> Path:
    """Copy the build files and ``data`` (default: this project's data/ and hand-written docs/) to ``dest``; link generator/.

    With fixture ``data`` the project's own hand-written pages are left out: they belong to
    its data (the sample's practice pages link to sample positions); ``docs`` gives the fixture's own.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)  # copy2 keeps mtimes, so make sees nothing to reinstall
    shutil.copytree(ROOT / "overrides", dest / "overrides", copy_function=shutil.copy2)
    if data is None:
        shutil.copytree(ROOT / "docs", dest / "docs", copy_function=shutil.copy2)
    else:
        if docs is not None and docs.is_dir():
            shutil.copytree(docs, dest / "docs")
        shutil.copytree(ROOT / VENDOR, dest / VENDOR, copy_function=shutil.copy2)
    shutil.copytree(data or ROOT / "data", dest / "data")
    (dest / "generator").symlink_to(ROOT / "generator")
    return dest


def copy_repository(dest: Path) -> Path:
    """Copy what a fresh clone of this repository holds (tracked and new, not ignored, files) to ``dest``."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, listed.decode("utf-8").split("\0")):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


SITE_URL = "https://handbook.example.com/"
REPO_URL = "https://git.example.com/hr/handbook"


def env(**extra: str) -> dict[str, str]:
    """Return the environment for MkDocs and make in a scratch project."""
    out = dict(os.environ)
    for name in ("HANDBOOK_SITE_URL", "HANDBOOK_REPO_URL", "HANDBOOK_EDIT_URI", "HANDBOOK_CACHE_DIR", "XDG_CACHE_HOME", "HANDBOOK_DATA_DIR", "HANDBOOK_DOCS_DIR", "HANDBOOK_OUT_DIR",
                 "HANDBOOK_AUDIENCE", "HANDBOOK_PUBLIC_URL"):
        out.pop(name, None)  # the developer's own settings must not leak into test builds
    out.update(extra)
    out["NO_MKDOCS_2_WARNING"] = "1"
    out["PATH"] = f"{VENV_BIN}{os.pathsep}{out.get('PATH', '')}"
    return out


def make_command(*targets: str) -> list[str]:
    """Return ``make`` for a scratch project, reusing this project's virtualenv and vendored files (nothing is installed or fetched)."""
    stamp = next((ROOT / VENDOR).glob(".mermaid-*"))
    return ["make", "-s", f"VENV={VENV_BIN.parent}", "-o", str(VENV_BIN.parent / ".installed"), "-o", str(VENDOR / stamp.name), *targets]


def mkdocs_build(project: Path, *args: str, published: bool = False, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project``; ``published`` sets a site and a repository URL as a deployment would."""
    extra = {"HANDBOOK_SITE_URL": SITE_URL, "HANDBOOK_REPO_URL": REPO_URL} if published else {}
    extra |= extra_env or {}
    return subprocess.run(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", *args], cwd=project, env=env(**extra), capture_output=True, text=True, timeout=1800
    )


def set_language(project: Path, language: str) -> None:
    """Set the interface language in a scratch project's data/handbook.yml."""
    handbook = project / "data" / "handbook.yml"
    lines = [line for line in handbook.read_text("utf-8").splitlines() if not line.startswith("language:")]
    handbook.write_text("\n".join([*lines, f"language: {language}"]) + "\n", "utf-8")


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
