"""Hand-written pages (``docs/``): which of them the public careers site shows, from their front matter.

A page is internal unless its front matter says ``public: true``, since nothing shows what it
holds. A mark that is not true or false (``public: "true"``, quoted) is an error on its line,
never quietly read as "internal": the editor meant to publish the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, DataErrors, quote
from ..paths import display_path
from .yamlsource import parse

# MkDocs' own pattern for front matter (mkdocs/utils/meta.py), so that both read the same block.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_public(text: str, shown: str) -> tuple[bool, list[DataError]]:
    """Return whether one page's front matter says ``public: true``, and what is wrong with its mark."""
    block = _FRONT_MATTER.match(text)
    if not block:
        return False, []
    doc, errors = parse(block.group(1), shown)
    # Lines in the page count the opening '---'.
    if errors:
        return False, [DataError(e.path, e.line + 1 if e.line else 0, e.column, e.field, e.message) for e in errors]
    assert doc is not None
    value = doc.data.get("public") if isinstance(doc.data, dict) else None
    if value is None or isinstance(value, bool):
        return value is True, []
    line, column = doc.where(("public",))
    found = f"the text {quote(value)} (write it without quotes)" if isinstance(value, str) else quote(value)
    return False, [DataError(shown, line + 1, column, "public", f"expected true or false, found {found}")]


_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\{[^}\n]*\})?[ \t]*")


def page_title(text: str) -> str:
    """Return a page's title as the navigation shows it: its front matter's ``title``, else its first ``# heading``
    outside code blocks, else ''."""
    block = _FRONT_MATTER.match(text)
    if block:
        doc, errors = parse(block.group(1), "page")
        title = doc.data.get("title") if doc is not None and not errors and isinstance(doc.data, dict) else None
        if isinstance(title, str) and title.strip():
            return title.strip()
    fence = ""
    for line in text[block.end() if block else 0:].splitlines():
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = "" if fence == marker else fence or marker
        elif not fence and (found := _HEADING.fullmatch(line)):
            return found.group(1).strip()
    return ""


def page_marks(docs_dir: Path, root: Path | None) -> tuple[dict[str, tuple[bool, str]], list[DataError]]:
    """Return every page of ``docs_dir`` (docs-relative path → whether the public site shows it, and its title),
    and the broken marks."""
    marks: dict[str, tuple[bool, str]] = {}
    errors: list[DataError] = []
    if not docs_dir.is_dir():
        return marks, errors
    inside = docs_dir.resolve()
    for page in sorted(docs_dir.rglob("*.md")):
        if not page.is_file() or not page.resolve().is_relative_to(inside):
            continue  # a link out of docs/ is not read; the build refuses it (generator/hook.py)
        try:
            text = page.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(DataError(display_path(page, root), 0, 0, "", f"cannot be read as UTF-8 text: {exc}"))
            continue
        is_public, problems = front_matter_public(text, display_path(page, root))
        errors += problems
        marks[page.relative_to(docs_dir).as_posix()] = (is_public, page_title(text))
    return marks, errors


def public_pages(docs_dir: Path, root: Path) -> set[str]:
    """Return the docs-relative paths of the pages of ``docs_dir`` that the public site shows; raise DataErrors,
    with every broken mark of every page, when a page's front matter cannot say."""
    marks, errors = page_marks(docs_dir, root)
    if errors:
        raise DataErrors(errors)
    return {page for page, (public, _) in marks.items() if public}
