"""The one-way flow load → validate → render → write, shared by the CLI and the MkDocs hook."""

from __future__ import annotations

import datetime
from pathlib import Path

from .model.audience import for_audience
from .catalogue import catalogue
from .review.changelog import with_history
from .source.load import load
from .model.org import OrgModel
from .model.openings import build_date, current_openings
from .site.recruiting import prepare
from .site.render import render
from .model.build import validate
from .site.write import WriteReport, write_pages


def build_model(data_dir: Path, root: Path | None = None) -> OrgModel:
    """Load and validate ``data_dir``; raise DataErrors with every problem found.

    ``root`` is the project folder that messages show paths from (default: the working directory).
    """
    records = load(data_dir, root)
    return with_history(validate(records), records.revisions, records.files["position"])


def generate(
    data_dir: Path, out_dir: Path, root: Path | None = None, audience: str = "internal", *,
    site_url: str = "", public_url: str = "", today: datetime.date | None = None,
) -> tuple[OrgModel, WriteReport]:
    """Regenerate the pages of ``data_dir`` for ``audience`` into ``out_dir``; nothing is written unless the data is valid.

    Openings are those current on ``today`` (default: model.openings.build_date()). Job descriptions and QR codes
    lead to ``public_url`` or ``site_url``. Returns the model as the audience sees it, which is what navigation,
    tooltips and search are built from too.
    """
    current = current_openings(build_model(data_dir, root), today or build_date())
    model = for_audience(current, audience)
    recruiting = prepare(model, catalogue(model.handbook.language), site_url=site_url, public_url=public_url)
    return model, write_pages(out_dir, render(model, recruiting=recruiting), root)
