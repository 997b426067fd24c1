"""A company's own handbook in one command, and later versions of the tool without conflicts.

The repository is split in two by ownership. The handbook (``COMPANY_PATHS``:
``data/``, ``docs/``, the company's CI and owners files) belongs to the company
and is never touched by an upgrade. Everything else at the top of the
repository is the tool, and ``upgrade`` replaces it whole with the version
taken. Upstream, ``data/`` and ``docs/`` hold the sample handbook; ``new``
moves them to ``examples/sample/``, where ``upgrade`` keeps refreshing them,
and writes a starter organisation in their place. Nothing is merged, so
nothing can conflict.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tarfile
import tempfile
from importlib import resources
from pathlib import Path

from . import git
from .catalogue import LANGUAGES, catalogue
from .errors import HandbookError
from .pipeline import build_model
from .source.document import text_problem
from .source.yamlsource import parse

BASE = ".handbook-upstream"
"""The upstream commit a company's tool files come from, written by new and upgrade: an upgrade removes
only paths that commit had and the new version drops, never a file of the company's own."""
CI_FILES = {"github-workflow.yml": ".github/workflows/handbook.yml", "gitlab-ci.yml": ".gitlab-ci.yml"}
"""CI templates shipped in generator/ci/ → where make new puts them in a company's repository."""
COMPANY_PATHS = ("data", "docs", "examples", ".git", ".github", ".gitlab", ".gitlab-ci.yml", "CODEOWNERS", BASE)
"""Top-level paths an upgrade never touches: the company's handbook, its CI and its owners."""
SAMPLE = Path("examples") / "sample"
"""Where the sample handbook lives once a company has its own (its data/ and docs/)."""
TITLE_MAX = 100
"""The schema's limit on handbook.yml's title, which is the organisation's name plus a word or two."""
_PLACEHOLDER = re.compile(r"\{(title|organization|description)\}")


def is_sample(data_dir: Path) -> bool:
    """Return whether ``data_dir`` holds the bundled sample handbook (``sample: true`` in handbook.yml)."""
    path = data_dir / "handbook.yml"
    return path.is_file() and not path.is_symlink() and is_sample_text(path.read_text("utf-8-sig"))


def is_sample_text(text: str) -> bool:
    """Return whether ``text``, a handbook.yml, marks the bundled sample."""
    doc, _ = parse(text, "handbook.yml")
    return doc is not None and isinstance(doc.data, dict) and doc.data.get("sample") is True


def new_handbook(root: Path, organization: str, language: str = LANGUAGES[0]) -> list[str]:
    """Move the sample to examples/sample/ and write a starter organisation for ``organization``; return what was done.

    The starter is written and validated in a scratch folder first: a name it cannot use
    stops here, with the sample still in place, so the command can simply be run again.
    """
    if language not in LANGUAGES:
        raise HandbookError(f"unknown language '{language}': use one of {', '.join(LANGUAGES)}")
    organization = " ".join(organization.split())
    problem = text_problem(organization) or ("" if organization else "is empty")
    title = catalogue(language).text("starter.title", organization=organization)
    if problem:
        raise HandbookError(f"the organisation's name {problem}, e.g. make new ORG=\"星海跨境电商\"")
    if len(title) > TITLE_MAX:
        raise HandbookError(f"the organisation's name is too long: the handbook's title would have {len(title)} characters, at most {TITLE_MAX}")
    data, docs = root / "data", root / "docs"
    if data.exists() and not is_sample(data):
        raise HandbookError("data/ already holds a handbook of its own (no 'sample: true' in data/handbook.yml); nothing was changed")
    with tempfile.TemporaryDirectory() as scratch:
        starter = Path(scratch) / "data"
        _write_starter(starter, organization, language)
        try:
            build_model(starter)
        except HandbookError as exc:
            raise HandbookError(f"the starter for this name does not validate: {exc.lines()[0]}") from None
        done: list[str] = []
        if data.exists():
            _replace(data, root / SAMPLE / "data")
            done.append(f"moved the sample's data/ to {SAMPLE.as_posix()}/data/")
        if _move_sample_docs(docs, root / SAMPLE / "docs"):
            done.append(f"moved the sample's hand-written pages from docs/ to {SAMPLE.as_posix()}/docs/")
        shutil.copytree(starter, data)
    docs.mkdir(exist_ok=True)
    (docs / ".gitkeep").touch()
    done.append(f"wrote a starter organisation for {organization} to data/ (interface language: {language})")
    for template, target in CI_FILES.items():
        # The company's own from here on (COMPANY_PATHS): an existing one is left as it is.
        if not (root / target).exists():
            (root / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(__file__).parent / "ci" / template, root / target)
            done.append(f"wrote {target}: pull-request checks and the role-change summary (README: Reviewing changes)")
    # Outside git (a downloaded copy, or no git at all) there is no upstream commit to record:
    # make upgrade then says it needs a checkout.
    head = git.optional(root, "rev-parse", "--verify", "-q", "HEAD")
    if head is not None:
        (root / BASE).write_text(head.text.strip() + "\n", "utf-8")
    return done


def _move_sample_docs(docs: Path, target: Path) -> bool:
    """Move every page of docs/ to ``target``, except the browser files the build fetches (assets/vendor)."""
    pages = [p for p in _entries(docs) if p.name != "assets"] + [p for p in _entries(docs / "assets") if p.name != "vendor"]
    if not pages:
        return False
    if target.exists():
        shutil.rmtree(target)
    for path in pages:
        dest = target / path.relative_to(docs)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), dest)
    return True


def _entries(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")] if folder.is_dir() else []


def _write_starter(data: Path, organization: str, language: str) -> None:
    text = catalogue(language).text
    # JSON strings are YAML strings: no name can end the value or start another field. One pass,
    # so a name that itself reads "{organization}" is not filled in again.
    values = {
        "title": text("starter.title", organization=organization),
        "organization": organization,
        "description": text("starter.description", organization=organization),
    }
    starter = resources.files(__package__).joinpath("starter", language)
    for rel in ("handbook.yml", "departments/management.yml", "positions/general-manager.yml", "positions/executive-assistant.yml"):
        content = starter.joinpath(rel).read_text("utf-8")
        if rel == "handbook.yml":
            content = _PLACEHOLDER.sub(lambda m: json.dumps(values[m.group(1)], ensure_ascii=False), content)
        target = data / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")


def upgrade(root: Path, source: str) -> list[str]:
    """Replace the tool's files with those of the git revision ``source`` (e.g. upstream) and refresh the sample.

    The tool's files are every top-level path of ``source`` or of this checkout that is not
    the company's (``COMPANY_PATHS``): a path the new version adds arrives, one it drops goes.
    """
    repo = _Git(root)
    remote = source.split("/", 1)[0]
    if remote in repo.lines("remote"):
        repo.run("fetch", "--quiet", remote)
        if source == remote:
            # A remote's name alone means its default branch, whatever it is called.
            repo.run("remote", "set-head", remote, "--auto")
            source = f"{remote}/HEAD"
    if not repo.run("rev-parse", "--verify", "--quiet", f"{source}^{{commit}}", check=False).ok:
        raise HandbookError(f"no revision '{source}': add the project you adopted as a remote (git remote add upstream <url>), or name a branch, e.g. FROM=upstream/main")
    theirs = set(repo.lines("ls-tree", "--name-only", source))
    tool = sorted((theirs | _previous_tool(repo, root)) - set(COMPANY_PATHS))
    dirty = repo.lines("status", "--porcelain", "--", *tool)
    if dirty:
        raise HandbookError(f"commit or stash your changes to the tool's files first ({dirty[0].strip()}); an upgrade replaces them")
    for path in tool:
        repo.run("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", path)
        target = root / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        if path in theirs:
            repo.run("checkout", source, "--", path)
    (root / BASE).write_text(repo.lines("rev-parse", f"{source}^{{commit}}")[0] + "\n", "utf-8")
    repo.run("add", "--", BASE)
    done = [f"replaced the tool's files ({', '.join(tool)}) with {source}"]
    if repo.run("cat-file", "-e", f"{source}:data/handbook.yml", check=False).ok and is_sample_text(repo.show(f"{source}:data/handbook.yml")):
        # Before make new, the sample is this checkout's data/ and docs/; after, it is examples/sample/.
        home = Path(".") if is_sample(root / "data") else SAMPLE
        for part in ("data", "docs"):
            _replace_from_git(repo, source, part, root / home / part)
            repo.run("add", "-A", "--", (home / part).as_posix())
        done.append(f"refreshed the sample in {(home.as_posix() + '/') if home != Path('.') else 'data/ and docs/'} from {source}")
    return done


def _previous_tool(repo: _Git, root: Path) -> set[str]:
    """Return the top-level paths of the upstream commit this checkout's tool files came from (empty if unknown)."""
    try:
        base = (root / BASE).read_text("utf-8").strip()
    except OSError:
        return set()
    if not re.fullmatch(r"[0-9a-f]{40}", base) or not repo.run("cat-file", "-e", f"{base}^{{commit}}", check=False).ok:
        return set()
    return set(repo.lines("ls-tree", "--name-only", base))


def _replace(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(source), target)


def _replace_from_git(repo: _Git, revision: str, folder: str, target: Path) -> None:
    """Make ``target`` hold exactly ``folder`` of ``revision`` (the sample's data/ or docs/), keeping fetched browser files."""
    archive = repo.run("archive", "--format=tar", revision, folder).stdout
    vendor = target / "assets" / "vendor"
    kept = Path(tempfile.mkdtemp()) / "vendor" if vendor.is_dir() else None
    if kept:
        shutil.move(str(vendor), kept)
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
    if kept:
        vendor.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(kept), vendor)


class _Git:
    """git in the checkout being upgraded; every failure is one HandbookError line."""

    def __init__(self, root: Path) -> None:
        self.root = root
        if not git.is_work_tree(root):
            raise HandbookError("upgrade needs a git checkout (and git): the tool's files are taken from a git revision")

    def run(self, *args: str, check: bool = True) -> git.Result:
        return git.run(self.root, *args, check=check, timeout=300)

    def lines(self, *args: str) -> list[str]:
        return self.run(*args).lines()

    def show(self, spec: str) -> str:
        return self.run("show", spec).text
