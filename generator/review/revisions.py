"""The handbook's data as it was at a git revision: exported to a scratch folder, then loaded and validated as usual."""

from __future__ import annotations

import io
import posixpath
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import git
from ..errors import DataErrors, HandbookError
from ..model.build import validate
from ..model.org import OrgModel
from ..source.load import load

WORKING_TREE = "working tree"


@contextmanager
def data_at(root: Path, revision: str, data: str = "data") -> Iterator[Path]:
    """Yield a folder holding ``data/`` as it was at ``revision``, or the folder itself when ``revision`` is one
    (or ``WORKING_TREE``, for the files as they are now)."""
    if revision == WORKING_TREE:
        yield root / data
        return
    check = git.run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}", check=False)
    if not check.ok:
        # A revision wins over a folder of the same name: a pull request could add a folder
        # named origin/main holding its own data and make the summary say nothing changed.
        if Path(revision).is_dir():
            yield Path(revision)
            return
        raise HandbookError(f"{revision!r} is neither a git revision nor a folder (fetch it first, e.g. git fetch origin main)")
    commit = check.text.strip()
    # The hand-written pages beside the data too: onboarding plans ask to read them (generator/source/load.py).
    docs = posixpath.join(posixpath.dirname(data), "docs")
    with tempfile.TemporaryDirectory(prefix="handbook-rev-") as tmp:
        for folder in (data, docs):
            archive = git.run(root, "archive", "--format=tar", commit, "--", folder, check=False)
            if not archive.ok:
                continue  # not in that revision: no data is reported by the loader, no pages are none
            try:
                with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                    tar.extractall(tmp, filter="data")  # no links out, no absolute paths
            except (tarfile.TarError, OSError) as exc:
                raise HandbookError(f"{revision}: cannot read {folder}/ at this revision: {exc}") from None
        yield Path(tmp) / data


class InvalidRevision(HandbookError):
    """The data at one side of a comparison does not validate: its errors, for the summary to list."""

    def __init__(self, revision: str, errors: DataErrors) -> None:
        self.revision = revision
        self.errors = errors
        shown = "the working copy" if revision == WORKING_TREE else revision
        super().__init__("\n".join([f"{shown}: the data does not validate, so it cannot be compared:", *errors.lines()]))


def model_at(root: Path, revision: str, data: str = "data") -> OrgModel:
    """Return the validated model of ``data/`` at ``revision``; raise InvalidRevision with its errors."""
    with data_at(root, revision, data) as folder:
        try:
            return validate(load(folder, folder.parent))
        except DataErrors as exc:
            raise InvalidRevision(revision, exc) from None
