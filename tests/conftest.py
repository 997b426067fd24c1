"""Shared helpers: a scratch project built from a fixture, and the CLI run in it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from site_project import make_project, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORGS = FIXTURES / "orgs"
"""Organisations written as real companies write them, on which the generic suite runs as on data/."""
HANDBOOKS = [
    name for name in ["own", *sorted(p.name for p in ORGS.iterdir() if (p / "data").is_dir())]
    if name in os.environ.get("HANDBOOK_TEST_HANDBOOKS", name).split(",")
]
"""What the generic site and browser suite checks: this project's data/ and docs/ ("own": the sample, or a
company's own handbook after make new), then each fixture organisation, so that the tool is proven on data
unlike the sample and a company's CI cannot go red on data that make check accepts. HANDBOOK_TEST_HANDBOOKS
(comma-separated names, e.g. "own") runs it on fewer."""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a scratch folder holding ``data/`` copied from the basic fixture, and make it the working directory."""
    shutil.copytree(FIXTURES / "basic", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test under libyaml's parser and under PyYAML's own: what the loader says must not depend on which is installed."""
    import yaml

    from generator.source import yamlsource

    if request.param == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml")
    monkeypatch.setattr(yamlsource, "_LOADER", yaml.CSafeLoader if request.param == "libyaml" else yaml.SafeLoader)
    return request.param


def apply_files(data_dir: Path, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files below ``data_dir``."""
    for rel, text in files.items():
        path = data_dir / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    """Run ``python -m generator`` in-process; return exit code, stdout lines and stderr lines."""
    from generator.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def python() -> str:
    return sys.executable


@pytest.fixture(scope="session", params=HANDBOOKS)
def handbook_source(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """Return the data/ and docs/ folders of one handbook the generic suite checks (see HANDBOOKS)."""
    if request.param == "own":
        return ROOT / "data", ROOT / "docs"
    return ORGS / request.param / "data", ORGS / request.param / "docs"


@pytest.fixture(scope="session")
def artifact_prefix(handbook_source: tuple[Path, Path]) -> str:
    """Return what names the screenshots and PDFs of one handbook in test-artifacts/ (nothing for this project's own)."""
    data = handbook_source[0]
    return "" if data == ROOT / "data" else f"{data.parent.name}-"


def _built(project: Path) -> Path:
    result = mkdocs_build(project, published=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project


@pytest.fixture(scope="session")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a scratch project holding this project's data/ and docs/ (the sample, or a company's own
    handbook) built with --strict, as published (site and repository URLs set)."""
    return _built(make_project(tmp_path_factory.mktemp("handbook")))


@pytest.fixture(scope="session")
def handbook_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, handbook_source: tuple[Path, Path]) -> Path:
    """Return a scratch project holding one handbook of HANDBOOKS built as ``own_site`` is (the same build for this project's own)."""
    data, docs = handbook_source
    if data == ROOT / "data":
        return request.getfixturevalue("own_site")
    return _built(make_project(tmp_path_factory.mktemp("handbook"), data=data, docs=docs))


@pytest.fixture(scope="session")
def public_site(handbook_site: Path) -> Path:
    """Return the public careers site of the same handbook (as make build-public builds it), in site-public/."""
    result = mkdocs_build(handbook_site, "-d", "site-public", published=True, extra_env={"HANDBOOK_AUDIENCE": "public", "HANDBOOK_OUT_DIR": ".public/generated"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return handbook_site / "site-public"


@pytest.fixture(scope="session")
def handbook_model(handbook_site: Path):
    """Return the model of the handbook built by ``handbook_site``."""
    from generator.pipeline import build_model

    return build_model(handbook_site / "data", root=handbook_site)


@pytest.fixture(scope="session")
def own_model(own_site: Path):
    """Return the model of this project's own handbook, as ``own_site`` built it."""
    from generator.pipeline import build_model

    return build_model(own_site / "data", root=own_site)


@pytest.fixture(scope="session")
def chromium():
    """Return a headless Debian Chromium driven by Playwright; skipped (failed under CI) when either is missing."""
    from browser import _CHROMIUM_ARGS, chromium_path, unavailable

    executable = chromium_path()
    if executable is None:
        unavailable("no Chromium found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=_CHROMIUM_ARGS)
        yield browser
        browser.close()


_SLOW_FIXTURES = {"chromium", "own_site", "handbook_site", "public_site", "handbook_model", "own_model"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow every test that needs a built site or a browser, wherever it is written (make test-fast leaves them out)."""
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201 - a hook wrapper
    """Fold the skips for want of a browser into one line of the summary, wherever the test is written."""
    import browser

    outcome = yield
    report = outcome.get_result()
    if report.skipped and isinstance(report.longrepr, tuple) and browser.UNAVAILABLE in str(report.longrepr[2]):
        report.longrepr = (browser.__file__, browser.unavailable.__code__.co_firstlineno, report.longrepr[2])


def pytest_unconfigure(config: pytest.Config) -> None:
    """End a run that could not drive a browser with one line saying so: those tests matter most for what readers see."""
    from browser import UNAVAILABLE

    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [r for r in reporter.stats.get("skipped", []) if UNAVAILABLE in str(getattr(r, "longrepr", ""))]
    if skipped:
        reason = str(skipped[0].longrepr[2]).removeprefix("Skipped: ")
        reporter.write_sep("!", f"{len(skipped)} {reason}", yellow=True, bold=True)
