"""The CI templates a company gets with make new, read against the platforms' own rules: GitHub's workflow schema
and actionlint, GitLab's CI schema and its rules/workflow semantics (which jobs each kind of pipeline runs)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / "generator" / "ci" / "github-workflow.yml"
GITLAB = ROOT / "generator" / "ci" / "gitlab-ci.yml"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"


@pytest.mark.parametrize(("path", "schema"), [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")], ids=["github", "gitlab"])
def test_each_template_fits_its_platforms_published_schema(path: Path, schema: str) -> None:
    # check-jsonschema bundles SchemaStore's schemas of both platforms: checked offline.
    result = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing_in_the_github_workflow() -> None:
    # make test installs it (package.json): actionlint, built to WebAssembly, run by Node.
    node = shutil.which("node")
    assert node and ACTIONLINT.is_file(), "run make test (it runs npm ci for the Node tools)"
    result = subprocess.run([node, str(ACTIONLINT), str(GITHUB)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_find_a_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n", "utf-8")
    result = subprocess.run([shutil.which("node") or "node", str(ACTIONLINT), str(bad)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def test_a_broken_check_or_build_still_updates_the_github_summary() -> None:
    steps = {s.get("id") or s.get("name"): s for s in yaml.safe_load(GITHUB.read_text("utf-8"))["jobs"]["check"]["steps"]}
    assert steps["validate"]["continue-on-error"] and steps["build"]["continue-on-error"]
    for name in ("Role-change summary", "Post or update the summary comment", "Show the summary"):
        assert steps[name]["if"].startswith("always()"), name
    assert "BUILD_FAILED" in steps["Role-change summary"]["run"] and steps["Role-change summary"]["env"]["BUILD_OUTCOME"] == "${{ steps.build.outcome }}"
    last = list(steps.values())[-1]
    assert last["if"] == "steps.validate.outcome == 'failure' || steps.build.outcome == 'failure'" and last["run"] == "exit 1"


# GitLab's rules, as its documentation states them: the first rule that matches decides (when: never leaves the
# job out), a job whose rules match nothing is left out, and a job without rules runs in branch pipelines only.
_RESERVED = {"image", "variables", "stages", "default", "workflow", "include", "services", "before_script", "after_script", "cache"}


def _true(expr: str | None, env: dict[str, str]) -> bool:
    if expr is None:
        return True
    if "||" in expr:
        return any(_true(part, env) for part in expr.split("||"))
    if "&&" in expr:
        return all(_true(part, env) for part in expr.split("&&"))
    match = re.fullmatch(r"\s*\$(\w+)\s*(?:(==|!=)\s*\"([^\"]*)\")?\s*", expr)
    assert match, f"an expression these tests cannot read: {expr}"
    value = env.get(match[1], "")
    return bool(value) if match[2] is None else (value == match[3]) == (match[2] == "==")


def _rule(rules: list[dict], env: dict[str, str]) -> str | None:
    """Return the ``when`` of the first matching rule (None when none matches)."""
    return next((r.get("when", "on_success") for r in rules if _true(r.get("if"), env)), None)


def _pipeline(env: dict[str, str]) -> dict[str, dict] | None:
    """Return the jobs GitLab runs for a pipeline with these predefined variables, None when it runs none."""
    ci = yaml.safe_load(GITLAB.read_text("utf-8"))
    if _rule(ci["workflow"]["rules"], env) in (None, "never"):
        return None
    jobs = {}
    for name, job in ci.items():
        if name in _RESERVED or name.startswith("."):
            continue
        when = _rule(job["rules"], env) if "rules" in job else ("on_success" if env.get("CI_PIPELINE_SOURCE") != "merge_request_event" else None)
        if when not in (None, "never"):
            jobs[name] = job
    return jobs


MERGE_REQUEST = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "7", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
PUSH_WITH_MR = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "new-roles", "CI_OPEN_MERGE_REQUESTS": "hr/handbook!7"}
PUSH_TO_MAIN = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"}


@pytest.mark.parametrize("preview", ["", "true"])
def test_gitlab_runs_one_pipeline_per_push_with_everything_a_merge_request_needs(preview: str) -> None:
    extra = {"HANDBOOK_PREVIEW": preview}
    # A push to a merge request's branch: its merge-request pipeline alone, with the report, the builds and the summary.
    assert _pipeline(PUSH_WITH_MR | extra) is None
    mr = _pipeline(MERGE_REQUEST | extra)
    assert mr is not None and {"handbook:check", "handbook:build", "handbook:review"} <= set(mr)
    assert mr["handbook:check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    main = _pipeline(PUSH_TO_MAIN | extra)
    assert main is not None and {"handbook:check", "handbook:build"} <= set(main) and "handbook:review" not in main
    for jobs in (mr, main):
        # A job may only need jobs of its own pipeline, or GitLab refuses to create the pipeline at all.
        for name, job in jobs.items():
            assert set(job.get("needs", [])) <= set(jobs), (name, job.get("needs"))
    assert ("pages" in mr) == (preview == "true")


def test_the_gitlab_summary_is_posted_after_a_broken_check_or_build() -> None:
    review = _pipeline(MERGE_REQUEST)["handbook:review"]  # type: ignore[index]
    assert _rule(review["rules"], MERGE_REQUEST) == "always"
    assert any("build-ok" in line and "failed=1" in line for line in review["script"]) and any("BUILD_FAILED" in line for line in review["script"])
    assert "build-ok" in _pipeline(MERGE_REQUEST)["handbook:build"]["artifacts"]["paths"]  # type: ignore[index]
