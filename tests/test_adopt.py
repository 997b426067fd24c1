"""A company's own handbook in one command (make new), and later versions of the tool without conflicts (make upgrade)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import site_checks
from generator.adopt import SAMPLE, is_sample, new_handbook
from generator.errors import HandbookError
from generator.pipeline import build_model
from site_project import ROOT, VENDOR, copy_repository, env, make_command

from conftest import FIXTURES

pytestmark = pytest.mark.slow


ORG = '星海跨境电商 "Stellar": #1'


def _sample_copy(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "data", project / "data")
    (project / "docs" / "guide").mkdir(parents=True)
    (project / "docs" / "guide" / "index.md").write_text("# 指南\n", "utf-8")
    (project / "docs" / "assets" / "vendor").mkdir(parents=True)
    (project / "docs" / "assets" / "vendor" / "mermaid.min.js").write_text("//", "utf-8")
    handbook = project / "data" / "handbook.yml"
    if not is_sample(project / "data"):  # the project's own data after make new: stand in a sample
        handbook.write_text(handbook.read_text("utf-8") + "sample: true\n", "utf-8")
    return project


@pytest.mark.parametrize("language", ["zh", "en"])
def test_new_moves_the_sample_and_writes_a_valid_starter(tmp_path: Path, language: str) -> None:
    project = _sample_copy(tmp_path)
    before = sorted(p.relative_to(project / "data") for p in (project / "data").rglob("*"))
    (project / ".gitlab-ci.yml").write_text("# the company's own\n", "utf-8")
    done = new_handbook(project, ORG, language)
    assert len(done) == 4
    # Pull-request CI arrives with the starter; a CI file the company already has stays as it is.
    assert (project / ".github" / "workflows" / "handbook.yml").read_bytes() == (ROOT / "generator" / "ci" / "github-workflow.yml").read_bytes()
    assert (project / ".gitlab-ci.yml").read_text("utf-8") == "# the company's own\n"
    assert sorted(p.relative_to(project / SAMPLE / "data") for p in (project / SAMPLE / "data").rglob("*")) == before
    assert (project / SAMPLE / "docs" / "guide" / "index.md").is_file() and not (project / "docs" / "guide").exists()
    assert (project / "docs" / "assets" / "vendor" / "mermaid.min.js").is_file()  # fetched by the build, not the sample's
    model = build_model(project / "data", root=project)
    assert model.handbook.organization == ORG and model.handbook.language == language and not model.handbook.sample
    assert ORG in model.handbook.title
    assert len(model.positions) == 2 and all(p.department in model.departments for p in model.positions.values())


def test_new_refuses_to_replace_a_company_handbook(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "basic", tmp_path / "data")
    with pytest.raises(HandbookError, match="data/ already holds a handbook of its own"):
        new_handbook(tmp_path, "某公司")
    assert (tmp_path / "data" / "positions" / "designer.yml").is_file()


@pytest.mark.parametrize(
    "name, language, message",
    [
        ("", "zh", "the organisation's name is empty"),
        ("\u3000", "zh", "the organisation's name is empty"),
        ("长" * 97, "zh", "the organisation's name is too long: the handbook's title would have 101 characters, at most 100"),
        ("A" * 95, "en", "the organisation's name is too long: the handbook's title would have 109 characters, at most 100"),
        ("A\x01B", "zh", "the organisation's name contains the invisible character U+0001"),
        ("\u202e组工美", "zh", "the organisation's name contains the invisible character U+202E"),
    ],
)
def test_new_refuses_a_name_it_cannot_use_and_changes_nothing(tmp_path: Path, name: str, language: str, message: str) -> None:
    # It used to move the sample first and write a starter that did not validate; make new then
    # refused to run again ("data/ already holds a handbook").
    project = _sample_copy(tmp_path)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    with pytest.raises(HandbookError) as caught:
        new_handbook(project, name, language)
    assert str(caught.value).startswith(message)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


@pytest.mark.parametrize("name", ["{organization} Ltd", "{title}", 'Price$mart "&" #1: {x}'])
def test_new_takes_any_name_literally(tmp_path: Path, name: str) -> None:
    project = _sample_copy(tmp_path)
    new_handbook(project, name, "en")
    assert build_model(project / "data", root=project).handbook.organization == name


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _clone_of(upstream: Path, dest: Path) -> Path:
    """Commit ``upstream`` as a repository and return ``dest``, a clone of it whose remote is named upstream."""
    _git(upstream, "init", "-q", "-b", "main")
    _git(upstream, "add", "-A")
    _git(upstream, "commit", "-q", "-m", "upstream")
    _git(dest.parent, "clone", "-q", str(upstream), str(dest))
    _git(dest, "remote", "rename", "origin", "upstream")
    return dest


def _make(cwd: Path, *targets: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*make_command(*targets), *(f"{k}={v}" for k, v in variables.items())], cwd=cwd, env=env(), capture_output=True, text=True, timeout=900)


def _sample_strings(data: Path, starter: Path) -> set[str]:
    """Return the sample's own names and words (titles, terms, organisation …) that the starter does not share."""
    starter_text = "\n".join(p.read_text("utf-8") for p in starter.rglob("*.yml"))
    handbook = yaml.safe_load((data / "handbook.yml").read_text("utf-8"))
    strings = {handbook["title"], handbook["organization"], *(s["title"] for s in handbook.get("sources", []))}
    for kind, key in (("positions", "title"), ("departments", "name"), ("plans", "name")):
        strings |= {yaml.safe_load(p.read_text("utf-8"))[key] for p in (data / kind).rglob("*.yml")}
    if (data / "glossary.yml").is_file():
        strings |= {t["term"] for t in yaml.safe_load((data / "glossary.yml").read_text("utf-8"))["terms"]}
    return {s for s in strings if s not in starter_text and len(s) >= 2}


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh clone of this repository as upstream, and a company's clone of it after make new and make build."""
    base = tmp_path_factory.mktemp("adopt")
    upstream = copy_repository(base / "upstream")
    if not is_sample(upstream / "data"):  # this project's own copy already adopted: give upstream back a sample
        shutil.rmtree(upstream / "data")
        shutil.copytree(upstream / SAMPLE / "data", upstream / "data")
    company = _clone_of(upstream, base / "company")
    shutil.copytree(ROOT / VENDOR, company / VENDOR)  # fetched by make from npm; ignored by git
    # The name reaches the starter as typed: make must not expand its $ (or run $(shell …)).
    new = _make(company, "new", ORG="星海跨境电商 $(shell touch pwned)$x", LANGUAGE="en")
    assert not (company / "pwned").exists()
    assert new.returncode == 0, new.stderr
    _git(company, "add", "-A")
    _git(company, "commit", "-q", "-m", "our handbook")
    build = _make(company, "build")
    assert build.returncode == 0, build.stderr
    return {"upstream": upstream, "company": company}


def test_adopted_site_passes_the_site_checks(adopted: dict[str, Path]) -> None:
    company = adopted["company"]
    site, model = company / "site", build_model(company / "data", root=company)
    assert model.handbook.organization == "星海跨境电商 $(shell touch pwned)$x" and model.handbook.language == "en"
    assert site_checks.stable_pages(site, model) == []
    assert site_checks.broken_links(site) == []
    assert site_checks.external_loads(site) == []
    assert site_checks.unreachable_pages(site, model) == []


def test_not_one_string_of_the_sample_is_left(adopted: dict[str, Path]) -> None:
    # Pages, search index, sitemap, 404 and link previews: nothing names the sample.
    company = adopted["company"]
    strings = _sample_strings(company / SAMPLE / "data", company / "data")
    assert len(strings) > 50
    texts = site_checks.built_text(company / "site") | site_checks.visible_text(company / "site")
    leaks = sorted({f"{path}: {s}" for path, text in texts.items() for s in strings if s in text})
    assert leaks == [], "\n".join(leaks[:20])
    assert not (company / "site" / "sources").exists() and not (company / "site" / "practices").exists()
    assert "<title>星海跨境电商 $(shell touch pwned)$x role handbook</title>" in (company / "site" / "index.html").read_text("utf-8")


def test_the_acceptance_suite_runs_on_the_adopted_handbook(adopted: dict[str, Path]) -> None:
    # The generic site tests pass on the company's data; the sample's own tests step aside.
    company = adopted["company"]
    result = subprocess.run(
        [str(Path(env()["PATH"].split(":")[0]) / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_site.py", "tests/test_sample.py", "-rs"],
        # The fixture organisations are checked by this suite itself; here the company's own data is the point.
        cwd=company, env=env(HANDBOOK_TEST_HANDBOOKS="own"), capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"\d+ passed", result.stdout) and "data/ is not the bundled sample" in result.stdout, result.stdout[-2000:]


def test_the_sample_stays_available(adopted: dict[str, Path]) -> None:
    company = adopted["company"]
    assert is_sample(company / SAMPLE / "data") and (company / SAMPLE / "docs" / "practices" / "index.md").is_file()
    shutil.copytree(company / VENDOR, company / SAMPLE / VENDOR, dirs_exist_ok=True)  # what make sample does
    result = subprocess.run(
        [str(Path(env()["PATH"].split(":")[0]) / "mkdocs"), "build", "--strict", "-d", str(company / "sample-site")],
        cwd=company, env=env(HANDBOOK_DATA_DIR=f"{SAMPLE}/data", HANDBOOK_DOCS_DIR=f"{SAMPLE}/docs", HANDBOOK_OUT_DIR=".sample/generated"),
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr
    sample_title = yaml.safe_load((company / SAMPLE / "data" / "handbook.yml").read_text("utf-8"))["title"]
    assert f"<title>{sample_title}</title>" in (company / "sample-site" / "index.html").read_text("utf-8")
    assert (company / "sample-site" / "practices" / "index.html").is_file()


def test_upgrade_takes_the_tool_and_the_sample_but_never_the_company_data(adopted: dict[str, Path]) -> None:
    upstream, company = adopted["upstream"], adopted["company"]
    own = {p.relative_to(company).as_posix(): p.read_bytes() for folder in ("data", "docs") for p in (company / folder).rglob("*") if p.is_file() and "vendor" not in p.parts}
    # Upstream moves on: a template changes, a file is added, one is removed, the sample is corrected.
    template = upstream / "generator" / "templates" / "about.md.j2"
    template.write_text(template.read_text("utf-8") + "\n<!-- newer upstream -->\n", "utf-8")
    (upstream / "generator" / "catalogues" / "NOTES.txt").write_text("new upstream file\n", "utf-8")
    (upstream / "LICENSE").write_text("MIT\n", "utf-8")  # a top-level path the older version did not know
    (upstream / "tests" / "mutate.py").unlink()
    shutil.rmtree(upstream / ".ci")  # a top-level path the newer version drops
    position = next((upstream / "data" / "positions").glob("*.yml"))
    position.write_text(position.read_text("utf-8").replace("summary: ", "summary: 上游更正：", 1), "utf-8")
    _git(upstream, "add", "-A")
    _git(upstream, "commit", "-q", "-m", "upstream moves on")
    # The company writes its own page and a file of its own at the top meanwhile.
    (company / "docs" / "intro.md").write_text("# 我们的手册\n", "utf-8")
    (company / "deploy.sh").write_text("#!/bin/sh\n", "utf-8")
    _git(company, "add", "-A")
    _git(company, "commit", "-q", "-m", "our page")
    own["docs/intro.md"] = (company / "docs" / "intro.md").read_bytes()

    result = _make(company, "upgrade")
    assert result.returncode == 0, result.stderr
    assert "replaced" in result.stdout and "refreshed the sample" in result.stdout
    status = _git(company, "status", "--porcelain")
    assert not re.search(r"^(UU|AA|DD|U.|.U) ", status, re.M), status  # no conflicts
    assert {p.relative_to(company).as_posix(): p.read_bytes() for folder in ("data", "docs") for p in (company / folder).rglob("*") if p.is_file() and "vendor" not in p.parts} == own
    assert "newer upstream" in (company / "generator" / "templates" / "about.md.j2").read_text("utf-8")
    assert (company / "generator" / "catalogues" / "NOTES.txt").is_file() and not (company / "tests" / "mutate.py").exists()
    assert (company / "LICENSE").read_text("utf-8") == "MIT\n"
    assert (company / "deploy.sh").read_text("utf-8") == "#!/bin/sh\n"  # the company's, never the tool's
    assert not (company / ".ci").exists()
    assert "上游更正：" in (company / SAMPLE / "data" / "positions" / position.name).read_text("utf-8")
    # Everything the upgrade changed is staged, the refreshed sample included: git diff --cached shows it all.
    assert not [line for line in status.splitlines() if not line.startswith(("M  ", "A  ", "D  ", "R  "))], status
    _git(company, "add", "-A")
    _git(company, "commit", "-q", "-m", "upgrade")
    assert _make(company, "build").returncode == 0


def test_upgrade_before_make_new_refreshes_the_sample_in_place(tmp_path: Path) -> None:
    # A checkout that still holds the sample in data/: the sample there is what gets newer,
    # no second copy appears in examples/sample/.
    upstream = copy_repository(tmp_path / "upstream")
    if not is_sample(upstream / "data"):
        pytest.skip("this project's data/ is no longer the sample")
    clone = _clone_of(upstream, tmp_path / "clone")
    position = next((upstream / "data" / "positions").glob("*.yml"))
    position.write_text(position.read_text("utf-8").replace("summary: ", "summary: 上游更正：", 1), "utf-8")
    _git(upstream, "commit", "-q", "-am", "sample corrected")
    result = _make(clone, "upgrade")
    assert result.returncode == 0, result.stderr
    assert "上游更正：" in (clone / "data" / "positions" / position.name).read_text("utf-8")
    assert not (clone / SAMPLE).exists()


def test_upgrade_refuses_local_changes_to_the_tool(adopted: dict[str, Path]) -> None:
    company = adopted["company"]
    (company / "mkdocs.yml").write_text((company / "mkdocs.yml").read_text("utf-8") + "# local tweak\n", "utf-8")
    result = _make(company, "upgrade")
    assert result.returncode != 0
    assert "commit or stash your changes to the tool's files first" in result.stderr and "mkdocs.yml" in result.stderr
    assert (company / "mkdocs.yml").read_text("utf-8").endswith("# local tweak\n")
    _git(company, "checkout", "--", "mkdocs.yml")


def test_make_new_needs_a_name(tmp_path: Path) -> None:
    project = copy_repository(tmp_path / "p")
    result = _make(project, "new")
    assert result.returncode == 2 and 'usage: make new ORG="Your Company"' in result.stderr
    assert json.dumps(sorted(p.name for p in (project / "data").iterdir())) == json.dumps(sorted(p.name for p in (ROOT / "data").iterdir()))
