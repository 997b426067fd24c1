"""Find the data files, parse them safely and check each one's shape; resolve nothing across files.

Every YAML file below ``data/`` is either read or reported: nothing is dropped
without a word. Nothing outside the data folder is read, whatever a symbolic
link says, and only regular files of a bounded size are opened, so a pipe or a
device cannot hang the build.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, quote
from ..paths import display_path
from ..suggest import did_you_mean
from .document import Document
from .handwritten import page_marks
from .history import History, file_history, last_changed
from .shape import check_shape
from .yamlsource import parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 63
SINGLE_FILES = {"handbook.yml": ("handbook", True), "glossary.yml": ("glossary", False)}
"""File directly under data/ → (file kind and schema name, whether it is required)."""
FOLDERS = {"departments": "department", "positions": "position", "plans": "plan"}
"""Folder under data/ → file kind (and schema name) of the files in it, also in its sub-folders."""
RESERVED_IDS = {"index"}
"""Ids whose page path would collide with a generated listing page (positions/index.md …)."""
MAX_FILE_BYTES = 1 << 20
"""Largest data file read; a position is a few kilobytes."""
MAX_FOLDER_DEPTH = 8
"""Deepest sub-folder read below a kind's folder (data/positions/a/b/…)."""
_YAML_SUFFIXES = {".yml", ".yaml"}


@dataclass
class Records:
    """Parsed data files. Files whose shape is wrong are kept too, with ``Document.invalid`` marking
    what broke, so that the checks across files can still report everything else in them."""

    singles: dict[str, Document | None] = field(default_factory=dict)
    """kind → the document of a single file (handbook, glossary), None if it is missing or unreadable."""
    documents: dict[str, dict[str, Document]] = field(default_factory=lambda: {k: {} for k in FOLDERS.values()})
    """kind → id → document."""
    ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in FOLDERS.values()})
    """kind → every id that has a file, even an unreadable one, so that references to it do not cascade."""
    files: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in FOLDERS.values()})
    """kind → id → path of its file relative to the data folder, e.g. ``positions/ops/store-manager.yml``."""
    errors: list[DataError] = field(default_factory=list)
    folder_found: bool = True
    changed: dict[str, str] = field(default_factory=dict)
    """Path relative to the data folder → date of its last commit (empty outside git)."""
    history: History = field(default_factory=History)
    """What git says of the data files: also which were deleted, and by which commit."""
    digests: dict[str, str] = field(default_factory=dict)
    """Path of every file read, as messages show it → SHA-256 of its bytes: what the render cache is keyed on."""
    pages: dict[str, tuple[bool, str]] = field(default_factory=dict)
    """The hand-written pages beside the data folder (``docs/``), by their path there → (whether the public site shows them, title)."""


class _Loader:
    def __init__(self, data_dir: Path, root: Path | None) -> None:
        self.data_dir = data_dir
        self.root = root
        self.real = data_dir.resolve()
        self.records = Records(singles={kind: None for kind, _ in SINGLE_FILES.values()})
        self._prefix: str | None = None

    def shown(self, path: Path) -> str:
        # Every file is shown from the data folder's own shown path: resolving the project for
        # each of 5,000 files was a tenth of a no-op regeneration.
        try:
            rel = path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return display_path(path, self.root)
        if self._prefix is None:
            self._prefix = display_path(self.data_dir, self.root)
        if rel == ".":
            return self._prefix
        return rel if self._prefix == "." else f"{self._prefix}/{rel}"

    def fail(self, path: Path, message: str) -> None:
        self.records.errors.append(DataError(self.shown(path), 0, 0, "", message))

    def run(self) -> Records:
        records = self.records
        if not self.data_dir.is_dir():
            self.fail(self.data_dir, "data folder not found")
            records.folder_found = False
            return records
        if self.data_dir.is_symlink() and not self.real.is_relative_to((self.root or Path.cwd()).resolve()):
            self.fail(self.data_dir, "symbolic link to a folder outside the project; the data folder must live inside it")
            records.folder_found = False
            return records
        top = {entry.name: entry for entry in self.entries(self.data_dir)}
        for name, (kind, required) in SINGLE_FILES.items():
            if name in top and not top[name].is_file():
                self.fail(Path(top[name].path), "is a folder: it must be a file")
            elif name in top:
                doc = self.read(Path(top[name].path))
                if doc is not None:
                    records.errors.extend(check_shape(doc, kind))
                records.singles[kind] = doc
            elif required:
                self.fail(self.data_dir / name, f"missing file: {kind} settings (see generator/schemas/{kind}.schema.json)")
        for name, path in sorted((n, Path(e.path)) for n, e in top.items()):
            if name in SINGLE_FILES or name in FOLDERS:
                continue
            if path.is_dir():
                if _holds_yaml(path):
                    self.fail(path, f"unknown folder: data files go in {', '.join(f'data/{f}/' for f in FOLDERS)}{did_you_mean(name, FOLDERS)}")
            elif path.suffix.lower() in _YAML_SUFFIXES:
                expected = [*SINGLE_FILES, *(f"{f}.yml" for f in FOLDERS)]
                self.fail(path, f"not a handbook file: data/ holds {' and '.join(SINGLE_FILES)}, and the folders {', '.join(f'{f}/' for f in FOLDERS)}{did_you_mean(name, expected)}")
        for folder, kind in FOLDERS.items():
            if folder in top and top[folder].is_dir():
                for path in self.walk(Path(top[folder].path)):
                    self.one(path, kind)
        records.changed = last_changed(self.data_dir)
        records.history = file_history(self.data_dir)
        self.pages()
        return records

    def pages(self) -> None:
        """List the hand-written pages beside the data (docs/), which onboarding plans may ask to read.

        Their public marks choose what the careers site keeps, so they key the render cache too.
        A broken mark is reported by the build that publishes the pages (generator/hook.py).
        """
        docs = self.data_dir.parent / "docs"
        # A docs/ that is a link to somewhere else is not followed (the build refuses it: generator/hook.py).
        if not docs.resolve().is_relative_to(self.data_dir.parent.resolve()):
            return
        self.records.pages, _ = page_marks(docs, self.root)
        self.records.digests.update({f"{self.shown(docs)}/{page}": f"public={public} {title}" for page, (public, title) in self.records.pages.items()})

    def entries(self, folder: Path) -> list[os.DirEntry]:
        """Return the visible entries of ``folder`` that stay inside the data folder, reporting links that do not."""
        out = []
        try:
            listing = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.fail(folder, f"cannot read folder: {exc.strerror}")
            return []
        for entry in listing:
            if entry.name.startswith("."):
                self.hidden(entry)
                continue
            if entry.is_symlink() and not self.link_ok(Path(entry.path)):
                continue
            out.append(entry)
        return out

    def hidden(self, entry: os.DirEntry) -> None:
        """Report hidden YAML: a leading dot must not drop a data file without a word. Editor swap
        files (.x.yml.swp), .gitkeep and Emacs lock files (.#x.yml) are not data."""
        path = Path(entry.path)
        if entry.name.startswith(".#") or entry.name == ".git":
            return
        if entry.is_dir(follow_symlinks=False):
            if _holds_yaml(path):
                self.fail(path, "hidden folder: the YAML files in it are not read; rename it without the leading dot")
        elif path.suffix.lower() in _YAML_SUFFIXES:
            self.fail(path, "hidden file: it is not read; rename it without the leading dot")

    def link_ok(self, path: Path) -> bool:
        """Return whether a symbolic link may be followed: to a file inside the data folder."""
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
            self.fail(path, "symbolic link that leads nowhere (a loop, or a missing file)")
            return False
        if not target.is_relative_to(self.real):
            self.fail(path, "symbolic link to a file outside the data folder; data files must live inside it")
            return False
        if target.is_dir():
            self.fail(path, "symbolic link to a folder; links to folders are not followed: move the files here")
            return False
        return True

    def walk(self, folder: Path) -> list[Path]:
        """Return every file below ``folder``, sub-folders included, in a stable order."""
        files: list[Path] = []
        pending = [(folder, 0)]
        while pending:
            current, depth = pending.pop()
            for entry in self.entries(current):
                path = Path(entry.path)
                if entry.is_dir(follow_symlinks=False):
                    if not ID_PATTERN.fullmatch(entry.name) or len(entry.name) > ID_MAX:
                        # Folder names end up in paths and edit links, like file names.
                        self.fail(path, f"folder name {quote(entry.name)} is not valid: use lowercase ASCII words joined by '-', e.g. 'operations'; its files are not read")
                    elif depth + 1 > MAX_FOLDER_DEPTH:
                        self.fail(path, f"folder nested more than {MAX_FOLDER_DEPTH} levels deep; its files are not read")
                    else:
                        pending.append((path, depth + 1))
                else:
                    files.append(path)
        return sorted(files, key=lambda p: p.as_posix())

    def one(self, path: Path, kind: str) -> None:
        records = self.records
        if path.suffix != ".yml":
            if path.suffix.lower() in _YAML_SUFFIXES:
                self.fail(path, "use the .yml extension: only .yml files are read")
            return  # notes, images: not data
        file_id = path.stem
        if not ID_PATTERN.fullmatch(file_id) or len(file_id) > ID_MAX:
            self.fail(path, f"file name {quote(file_id)} is not a valid id: use at most {ID_MAX} lowercase ASCII letters or digits in words joined by '-', e.g. 'store-manager.yml'")
            return
        if file_id in RESERVED_IDS:
            self.fail(path, f"'{file_id}' is reserved for the list page; choose another file name")
            return
        if file_id in records.files[kind]:
            first = self.shown(self.data_dir / records.files[kind][file_id])
            self.fail(path, f"the id '{file_id}' is already used by {first}; file names are ids and must be unique")
            return
        records.ids[kind].add(file_id)
        records.files[kind][file_id] = path.relative_to(self.data_dir).as_posix()
        doc = self.read(path)
        if doc is None:
            return
        records.errors.extend(check_shape(doc, kind))
        records.documents[kind][file_id] = doc

    def read(self, path: Path) -> Document | None:
        """Read and parse one regular file of bounded size; report why not otherwise."""
        shown = self.shown(path)
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                self.fail(path, "not a regular file")
                return None
            if info.st_size > MAX_FILE_BYTES:
                self.fail(path, f"file is too large ({info.st_size:,} bytes, at most {MAX_FILE_BYTES:,})")
                return None
            raw = path.read_bytes()
            self.records.digests[shown] = hashlib.sha256(raw).hexdigest()
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.records.errors.append(DataError(shown, 1, 1, "", f"not UTF-8 text (byte {exc.start})"))
            return None
        except OSError as exc:
            self.fail(path, f"cannot read: {exc.strerror}")
            return None
        doc, errors = parse(text, shown)
        self.records.errors.extend(errors)
        return doc


def _holds_yaml(folder: Path) -> bool:
    """Return whether a folder that is not read holds YAML files: it is looked into, not judged."""
    for seen, (_, _, names) in enumerate(os.walk(folder)):
        if seen > 1_000 or any(Path(n).suffix.lower() in _YAML_SUFFIXES for n in names):
            return True
    return False


def load(data_dir: Path, root: Path | None = None) -> Records:
    """Read every data file below ``data_dir`` and check its shape; ``root`` is the project folder paths are shown from."""
    return _Loader(data_dir, root).run()
