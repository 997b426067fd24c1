"""Every address of the handbook in one place: the file each page is written to and the URL it is served at.

Recruiting posts, QR codes, posters and pull-request comments link these addresses, so they are
fixed by the id alone (``/positions/<id>/``, ``/departments/<id>/``) and written nowhere else: pages,
job-description files, QR codes, forwarding pages of former ids and the role diff all ask here.
"""

from __future__ import annotations

import functools

FIXED = {
    "home": "index.md",
    "org-chart": "org-chart.md",
    "departments": "departments/index.md",
    "positions": "positions/index.md",
    "plans": "plans/index.md",
    "openings": "openings.md",
    "glossary": "glossary.md",
    "sources": "sources.md",
    "about": "about.md",
    "onboarding": "onboarding/index.md",
}
"""The handbook's own pages, by kind."""
SHARED = ("jd.txt", "jd.html", "qr.svg")
"""What a recruiter shares of a position, beside its page: the text, the printable page and the QR code."""


def page_path(kind: str, item_id: str = "") -> str:
    """Return the path (relative to the output root) that a page or file is written to; its URL follows from it."""
    if kind == "department":
        return f"departments/{item_id}/index.md"
    if kind == "position":
        return f"positions/{item_id}.md"
    if kind == "plan":
        return f"plans/{item_id}.md"
    if kind == "onboarding" and item_id:
        return f"positions/{item_id}/onboarding.md"
    if kind == "former-onboarding":
        return f"positions/{item_id}/onboarding/index.html"
    if kind in SHARED:
        return f"positions/{item_id}/{kind}"
    if kind == "former-position":
        return f"positions/{item_id}/index.html"
    if kind == "former-department":
        return f"departments/{item_id}/index.html"
    return FIXED[kind]


def page_url(path: str) -> str:
    """Return the directory-style URL of a Markdown path, relative to the site root ('' for the home page)."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return f"{stem}/" if stem else ""


def url(kind: str, item_id: str = "") -> str:
    """Return the URL of a page relative to the site root (``positions/<id>/``)."""
    return page_url(page_path(kind, item_id))


def absolute(base: str, kind: str, item_id: str = "") -> str:
    """Return the published address of a page under ``base`` (a site address, with or without its final '/')."""
    return base.rstrip("/") + "/" + url(kind, item_id)


def forward(item_id: str) -> str:
    """Return where the forwarding page of a former id leads, relative to it: former ids sit beside current ones."""
    return f"../{item_id}/"


@functools.lru_cache(maxsize=65536)
def relative(target: str, base_dir: str) -> str:
    """Return ``target`` relative to ``base_dir``, both relative to the output root.

    posixpath.relpath gives the same answer but resolves both against the working
    directory on every call, which was a third of rendering time at 1,000 positions.
    """
    t = [p for p in target.split("/") if p]
    b = [p for p in base_dir.split("/") if p]
    common = 0
    while common < min(len(t), len(b)) and t[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(b) - common) + t[common:]) or "."
