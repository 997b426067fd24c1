"""The one-way flow load → validate → render → write, shared by the CLI and the MkDocs hook."""

from __future__ import annotations

from pathlib import Path

from .audience import for_audience
from .load import load
from .model import OrgModel
from .render import render
from .validate import validate
from .write import WriteReport, write_pages


def build_model(data_dir: Path, root: Path | None = None) -> OrgModel:
    """Load and validate ``data_dir``; raise DataErrors with every problem found.

    ``root`` is the project folder that messages show paths from (default: the working directory).
    """
    return validate(load(data_dir, root))


def generate(data_dir: Path, out_dir: Path, root: Path | None = None, audience: str = "internal") -> tuple[OrgModel, WriteReport]:
    """Regenerate the pages of ``data_dir`` for ``audience`` into ``out_dir``; nothing is written unless the data is valid.

    Returns the model as the audience sees it, which is what navigation, tooltips and search are built from too.
    """
    model = for_audience(build_model(data_dir, root), audience)
    return model, write_pages(out_dir, render(model), root)
