"""A company's own handbook in one command, and later versions of the tool without conflicts.

The repository is split in two by ownership. The tool (``TOOL_PATHS``: the
generator, theme, tests, build files) belongs to the project and is replaced
whole by ``upgrade``. The handbook (``data/`` and ``docs/``) belongs to the
company and is never touched by an upgrade. Upstream, ``data/`` and ``docs/``
hold the sample handbook; ``new`` moves them to ``examples/sample/``, where
``upgrade`` keeps refreshing them, and writes a starter organisation in their
place. Nothing is merged, so nothing can conflict.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
from importlib import resources
from pathlib import Path

from .catalogue import LANGUAGES, catalogue
from .errors import HandbookError
from .yamlsource import parse

TOOL_PATHS = (".ci", ".gitignore", "Makefile", "README.md", "generator", "mkdocs.yml", "overrides", "pyproject.toml", "tests")
"""What an upgrade replaces: everything that is the tool rather than a company's handbook."""
SAMPLE = Path("examples") / "sample"
"""Where the sample handbook lives once a company has its own (its data/ and docs/)."""
MAX_NAME = 100


def is_sample(data_dir: Path) -> bool:
    """Return whether ``data_dir`` holds the bundled sample handbook (``sample: true`` in handbook.yml)."""
    path = data_dir / "handbook.yml"
    return path.is_file() and not path.is_symlink() and is_sample_text(path.read_text("utf-8-sig"))


def is_sample_text(text: str) -> bool:
    """Return whether ``text``, a handbook.yml, marks the bundled sample."""
    doc, _ = parse(text, "handbook.yml")
    return doc is not None and isinstance(doc.data, dict) and doc.data.get("sample") is True


def new_handbook(root: Path, organization: str, language: str = LANGUAGES[0]) -> list[str]:
    """Move the sample to examples/sample/ and write a starter organisation for ``organization``; return what was done."""
    organization = " ".join(organization.split())
    if not organization or len(organization) > MAX_NAME:
        raise HandbookError(f"the organisation's name must be 1 to {MAX_NAME} characters, e.g. make new ORG=\"星海跨境电商\"")
    if language not in LANGUAGES:
        raise HandbookError(f"unknown language '{language}': use one of {', '.join(LANGUAGES)}")
    data, docs = root / "data", root / "docs"
    if data.exists() and not is_sample(data):
        raise HandbookError("data/ already holds a handbook of its own (no 'sample: true' in data/handbook.yml); nothing was changed")
    done: list[str] = []
    if data.exists():
        _replace(data, root / SAMPLE / "data")
        done.append(f"moved the sample's data/ to {SAMPLE.as_posix()}/data/")
    # Everything in docs/ is the sample's, except the browser files the build fetches (assets/vendor).
    sample_docs = [p for p in _entries(docs) if p.name != "assets"] + [p for p in _entries(docs / "assets") if p.name != "vendor"]
    if sample_docs:
        target = root / SAMPLE / "docs"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for path in sample_docs:
            dest = target / path.relative_to(docs)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), dest)
        done.append(f"moved the sample's hand-written pages from docs/ to {SAMPLE.as_posix()}/docs/")
    docs.mkdir(exist_ok=True)
    (docs / ".gitkeep").touch()
    _write_starter(data, organization, language)
    done.append(f"wrote a starter organisation for {organization} to data/ (interface language: {language})")
    return done


def _entries(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")] if folder.is_dir() else []


def _write_starter(data: Path, organization: str, language: str) -> None:
    text = catalogue(language).text
    values = {
        # JSON strings are YAML strings: no name can end the value or start another field.
        "title": json.dumps(text("starter.title", organization=organization), ensure_ascii=False),
        "organization": json.dumps(organization, ensure_ascii=False),
        "description": json.dumps(text("starter.description", organization=organization), ensure_ascii=False),
    }
    starter = resources.files(__package__).joinpath("starter", language)
    for rel in ("handbook.yml", "departments/management.yml", "positions/general-manager.yml", "positions/executive-assistant.yml"):
        content = starter.joinpath(rel).read_text("utf-8")
        if rel == "handbook.yml":
            for key, value in values.items():
                content = content.replace("{" + key + "}", value)
        target = data / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")


def upgrade(root: Path, source: str) -> list[str]:
    """Replace the tool's files with those of the git revision ``source`` (e.g. upstream/main) and refresh the sample."""
    git = _Git(root)
    remote = source.split("/", 1)[0]
    if remote in git.lines("remote"):
        git.run("fetch", "--quiet", remote)
        if source == remote:
            # A remote's name alone means its default branch, whatever it is called.
            git.run("remote", "set-head", remote, "--auto")
            source = f"{remote}/HEAD"
    if git.run("rev-parse", "--verify", "--quiet", f"{source}^{{commit}}", check=False).returncode != 0:
        raise HandbookError(f"no revision '{source}': add the project you adopted as a remote (git remote add upstream <url>), or name a branch, e.g. FROM=upstream/main")
    dirty = git.lines("status", "--porcelain", "--", *TOOL_PATHS)
    if dirty:
        raise HandbookError(f"commit or stash your changes to the tool's files first ({dirty[0].strip()}); an upgrade replaces them")
    done: list[str] = []
    for path in TOOL_PATHS:
        git.run("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", path)
        target = root / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        if git.run("cat-file", "-e", f"{source}:{path}", check=False).returncode == 0:
            git.run("checkout", source, "--", path)
    done.append(f"replaced {', '.join(TOOL_PATHS)} with {source}")
    if git.run("cat-file", "-e", f"{source}:data/handbook.yml", check=False).returncode == 0 and is_sample_text(git.show(f"{source}:data/handbook.yml")):
        for part in ("data", "docs"):
            _replace_from_git(git, source, part, root / SAMPLE / part)
        done.append(f"refreshed the sample in {SAMPLE.as_posix()}/ from {source}")
    return done


def _replace(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(source), target)


def _replace_from_git(git: _Git, revision: str, folder: str, target: Path) -> None:
    """Make ``target`` hold exactly ``folder`` of ``revision`` (the sample's data/ or docs/)."""
    archive = git.run("archive", "--format=tar", revision, folder, binary=True).stdout
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            rel = Path(member.name).relative_to(folder) if member.name != folder else Path(".")
            if not member.isfile() or ".." in rel.parts:
                continue  # folders are made as needed; a link in the archive is not followed
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]


class _Git:
    def __init__(self, root: Path) -> None:
        self.root = root
        if self.run("rev-parse", "--is-inside-work-tree", check=False).stdout.strip() != "true":
            raise HandbookError("upgrade needs a git checkout: the tool's files are taken from a git revision")

    def run(self, *args: str, check: bool = True, binary: bool = False) -> subprocess.CompletedProcess:
        try:
            result = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=not binary, timeout=300)
        except (OSError, subprocess.SubprocessError) as exc:
            raise HandbookError(f"git {args[0]} failed: {exc}") from None
        if check and result.returncode != 0:
            err = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
            raise HandbookError(f"git {' '.join(args[:2])} failed: {(err.strip().splitlines() or ['no message'])[-1]}")
        return result

    def lines(self, *args: str) -> list[str]:
        return [line for line in self.run(*args).stdout.splitlines() if line.strip()]

    def show(self, spec: str) -> str:
        return self.run("show", spec).stdout
