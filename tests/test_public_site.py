"""The public careers site, built end to end: nothing internal in any file it publishes.

The canary fixture puts a string holding "canary" in every place that is internal
(tests/fixtures/canary/README.md); hand-written pages and the repository URL get
one here. The public site must hold none of them, the internal site all of them, and
every "PUBLICOK" string must reach the public site, so the check fails both ways.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import site_checks
from browser import page_problems, search, serve, site_urls, visit_all
from conftest import FIXTURES
from generator.model.audience import public_view
from generator.pipeline import build_model
from site_project import env, make_command, make_project, mkdocs_build

pytestmark = pytest.mark.slow


CANARY_REPO = "https://git.example.com/hr/canary-repo"
PUBLIC_URL = "https://careers.example.com/"
CANARY = re.compile(r"canary[\w-]*", re.IGNORECASE)
HANDWRITTEN = {
    "docs/internal-notes.md": "# Internal notes\n\nCANARY-HANDWRITTEN-PAGE\n",
    "docs/join-us.md": "---\npublic: true\n---\n\n# Join us\n\nPUBLICOK-HANDWRITTEN-PAGE; see [our positions](positions/index.md).\n",
    "docs/files/canary-file.txt": "CANARY-FILE\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canary handbook built as the internal site (site/) and, by make build-public, the public one (site-public/)."""
    project = make_project(tmp_path_factory.mktemp("public"), FIXTURES / "canary")
    (project / "data" / "README.md").unlink()  # notes about the fixture, not part of the handbook
    for rel, text in HANDWRITTEN.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, "utf-8")
    internal = mkdocs_build(project, published=True, extra_env={"HANDBOOK_REPO_URL": CANARY_REPO})
    assert internal.returncode == 0, internal.stderr
    public = subprocess.run(
        make_command("build-public"), cwd=project, capture_output=True, text=True, timeout=1800,
        env=env(HANDBOOK_REPO_URL=CANARY_REPO, HANDBOOK_PUBLIC_URL=PUBLIC_URL),
    )
    assert public.returncode == 0, public.stdout + public.stderr
    return project


@pytest.fixture(scope="module")
def public_model(built: Path):
    return public_view(build_model(built / "data", root=built))


def _files(site: Path) -> dict[str, str]:
    """Every file of a built site, as text, by path (vendored browser libraries excluded: not ours)."""
    return {
        p.relative_to(site).as_posix(): p.read_text("utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and "vendor" not in p.relative_to(site).parts and p.suffix != ".gz"
    }


def _canaries(project: Path) -> set[str]:
    """Every canary string the project's data and hand-written pages hold."""
    found = set()
    for path in [*(project / "data").rglob("*.yml"), *(project / rel for rel in HANDWRITTEN)]:
        found |= {m.lower() for m in CANARY.findall(path.read_text("utf-8"))}
    return found | {"canary-repo"}


def test_no_public_file_or_path_holds_anything_internal(built: Path) -> None:
    leaks = [f"{path}: {sorted(set(CANARY.findall(text)))}" for path, text in _files(built / "site-public").items() if CANARY.search(text)]
    leaks += [path for path in _files(built / "site-public") if "canary" in path.lower()]
    assert leaks == []


def test_internal_site_shows_every_canary(built: Path) -> None:
    # The public check is only as good as the canaries: each must be visible somewhere internally.
    everything = "\n".join(f"{path}\n{text}" for path, text in _files(built / "site").items()).lower()
    canaries = _canaries(built)
    assert len(canaries) >= 35
    assert sorted(c for c in canaries if c not in everything) == []


def test_public_site_shows_everything_public(built: Path) -> None:
    everything = "\n".join(site_checks.visible_text(built / "site-public").values())
    expected = set(re.findall(r"PUBLICOK[\w-]*", "\n".join(
        p.read_text("utf-8") for p in [*(built / "data").rglob("*.yml"), built / "docs" / "join-us.md"]
    )))
    assert len(expected) >= 18
    assert sorted(e for e in expected if e not in everything) == []


def test_public_headcounts_stay_internal(built: Path) -> None:
    # 7919 is the store specialist's headcount; headcounts are not public by default.
    public = site_checks.visible_text(built / "site-public")
    internal = site_checks.visible_text(built / "site")
    assert any("7919" in text for text in internal.values())
    assert [path for path, text in public.items() if "7919" in text] == []


def test_public_site_has_no_repository_or_edit_links(built: Path) -> None:
    files = _files(built / "site-public")
    assert not any('class="md-source"' in t or 'rel="edit"' in t for t in files.values())
    assert 'class="md-source"' in (built / "site" / "index.html").read_text("utf-8")


def test_public_site_is_whole_and_links_resolve(built: Path, public_model) -> None:
    site = built / "site-public"
    assert site_checks.broken_links(site) == []
    assert site_checks.external_loads(site) == []
    assert site_checks.stable_pages(site, public_model) == []
    assert site_checks.unreachable_pages(site, public_model) == []
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{PUBLIC_URL}positions/store-specialist/</loc>" in sitemap and "join-us/" in sitemap


def test_public_build_leaves_the_internal_output_alone(built: Path) -> None:
    generated = {p.relative_to(built / "generated").as_posix() for p in (built / "generated").rglob("*.md")}
    public = {p.relative_to(built / ".public" / "generated").as_posix() for p in (built / ".public" / "generated").rglob("*.md")}
    assert "positions/canary-manager.md" in generated and "positions/canary-manager.md" not in public
    assert (built / "site" / "positions" / "canary-manager" / "index.html").is_file()


def test_public_page_linking_to_an_internal_page_fails_the_build(built: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", built / "data")
    (project / "docs" / "join-us.md").write_text("---\npublic: true\n---\n\n# Join us\n\n[Manager](positions/canary-manager.md)\n", "utf-8")
    result = subprocess.run(make_command("build-public"), cwd=project, capture_output=True, text=True, timeout=1800, env=env())
    assert result.returncode != 0
    assert "join-us.md" in result.stderr and "positions/canary-manager.md" in result.stderr
    assert not (project / "site-public").exists()


def test_public_site_works_in_a_browser(built: Path, chromium) -> None:
    site = built / "site-public"
    with serve(site) as base:
        visits = visit_all(chromium, base, site, locale="en-US")
        assert set(visits) == set(site_urls(site))
        assert page_problems(visits) == []
        assert "Join us" in visits[""]["body"]  # the public hand-written page is in the navigation
        context = chromium.new_context(locale="en-US")
        page = context.new_page()
        page.goto(base)
        _, found = search(page, "Store specialist")
        assert "/positions/store-specialist/" in found
        meta, found = search(page, "CANARY")
        assert found == [], meta
        context.close()
