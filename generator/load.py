"""Find the data files, parse them safely and check each one's shape; resolve nothing across files."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .history import last_changed
from .shape import check_shape
from .yamlsource import Document, parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 63
SINGLE_FILES = {"handbook.yml": ("handbook", True), "glossary.yml": ("glossary", False)}
"""File directly under data/ → (file kind and schema name, whether it is required)."""
FOLDERS = {"departments": "department", "positions": "position", "plans": "plan"}
"""Folder under data/ → file kind (and schema name) of the files in it."""
RESERVED_IDS = {"index"}
"""Ids whose page path would collide with a generated listing page (positions/index.md …)."""


@dataclass
class Records:
    """Parsed, shape-checked data files; only files without shape errors are kept as documents."""

    singles: dict[str, Document | None] = field(default_factory=dict)
    """kind → the document of a single file (handbook, glossary), None if it is missing or broken."""
    documents: dict[str, dict[str, Document]] = field(default_factory=lambda: {k: {} for k in FOLDERS.values()})
    """kind → id → document."""
    ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in FOLDERS.values()})
    """kind → every id that has a file, even a broken one, so that references to it do not cascade."""
    errors: list[DataError] = field(default_factory=list)
    folder_found: bool = True
    changed: dict[str, str] = field(default_factory=dict)
    """Path relative to the data folder → date of its last commit (empty outside git)."""


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it is below it, for error messages."""
    try:
        return Path(os.path.relpath(path)).as_posix() if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def read_document(path: Path) -> tuple[Document | None, list[DataError]]:
    """Read and parse one file."""
    shown = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [DataError(shown, 1, 1, "", f"not UTF-8 text (byte {exc.start})")]
    except OSError as exc:
        return None, [DataError(shown, 0, 0, "", f"cannot read: {exc.strerror}")]
    return parse(text, shown)


def load(data_dir: Path) -> Records:
    """Read every data file below ``data_dir`` and check its shape."""
    records = Records(singles={kind: None for kind, _ in SINGLE_FILES.values()})
    if not data_dir.is_dir():
        records.errors.append(DataError(display_path(data_dir), 0, 0, "", "data folder not found"))
        records.folder_found = False
        return records
    for name, (kind, required) in SINGLE_FILES.items():
        path = data_dir / name
        records.singles[kind] = None
        if path.is_file():
            doc, errors = read_document(path)
            errors = errors or check_shape(doc, kind)  # type: ignore[arg-type]
            records.errors.extend(errors)
            records.singles[kind] = None if errors else doc
        elif required:
            records.errors.append(DataError(display_path(path), 0, 0, "", f"missing file: {kind} settings (see generator/schemas/{kind}.schema.json)"))
    for folder, kind in FOLDERS.items():
        for path in sorted((data_dir / folder).glob("*")):
            _load_one(records, path, kind)
    records.changed = last_changed(data_dir)
    return records


def _load_one(records: Records, path: Path, kind: str) -> None:
    shown = display_path(path)
    if path.suffix == ".yaml":
        records.errors.append(DataError(shown, 0, 0, "", "use the .yml extension: only .yml files are read"))
        return
    if path.suffix != ".yml" or not path.is_file():
        return
    file_id = path.stem
    if not ID_PATTERN.fullmatch(file_id) or len(file_id) > ID_MAX:
        records.errors.append(
            DataError(shown, 0, 0, "", f"file name '{file_id}' is not a valid id: use at most {ID_MAX} lowercase ASCII letters or digits in words joined by '-', e.g. 'store-manager.yml'")
        )
        return
    if file_id in RESERVED_IDS:
        records.errors.append(DataError(shown, 0, 0, "", f"'{file_id}' is reserved for the list page; choose another file name"))
        return
    records.ids[kind].add(file_id)
    doc, errors = read_document(path)
    if doc is not None:
        errors = check_shape(doc, kind)
    records.errors.extend(errors)
    if not errors:
        records.documents[kind][file_id] = doc  # type: ignore[assignment]
