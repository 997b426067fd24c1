"""Site-wide names from data/handbook.yml, read when MkDocs is configured, before anything is built.

MkDocs needs the site name and the theme's language before the build starts;
the build itself validates handbook.yml fully and reports its errors. So this
reads leniently: a missing or broken file gives neutral defaults here, and one
clear error line later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogue import LANGUAGES
from .shape import check_shape
from .yamlsource import parse

_MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class SiteSettings:
    """What the theme shows before a page is rendered."""

    title: str = "Handbook"
    description: str = ""
    language: str = LANGUAGES[0]


def site_settings(data_dir: Path, audience: str = "internal") -> SiteSettings:
    """Return the title, description and interface language declared in ``data_dir/handbook.yml``
    for the internal handbook or the public site."""
    path = data_dir / "handbook.yml"
    try:
        # The loader refuses a link here (and says so); this read must not follow one either.
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return SiteSettings()
        doc, _ = parse(path.read_text("utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError):
        return SiteSettings()
    if doc is None or check_shape(doc, "handbook"):
        return SiteSettings()
    data = doc.data
    language = data.get("language", LANGUAGES[0])
    if audience == "public":
        return SiteSettings(data.get("public_title", data["title"]), data.get("public_description", data["description"]), language)
    return SiteSettings(data["title"], data["description"], language)
