"""Reviewing role changes: a scripted git history of the basic fixture, then every output pinned to a golden file
(tests/cases/review/; run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and read the diff)."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_cli
from generator.review import diff_report
from generator.catalogue import catalogue
from generator.review.diff import diff
from generator.review.lists import words
from generator.pipeline import build_model
from generator.site.render import render
from site_project import VENV_BIN, env, make_command, make_project

GOLDEN = Path(__file__).parent / "cases" / "review"
ROOT = Path(__file__).resolve().parent.parent


def _git(repo: Path, *args: str, date: str = "2026-06-01") -> str:
    stamp = f"{date}T12:00:00+08:00"
    extra = dict(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
                 GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    return subprocess.run(["git", *args], cwd=repo, env=dict(os.environ, **extra), check=True, capture_output=True, text=True).stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


OPENING = """openings:
  - location: 杭州
    type: full-time
    count: 1
    posted: 2026-06-01
    valid_through: 2026-06-20
    apply:
      email: jobs@example.com
"""

STEPS = [
    # (date, subject, edit)
    ("2026-06-02", "Rename 美工 to 视觉设计", "rename"),
    ("2026-06-03", "运营专员 moves to the art group under 美工主管", "move"),
    ("2026-06-04", "Two more 运营专员", "headcount"),
    ("2026-06-05", "Reword a duty", "reword"),
    ("2026-06-06", "Open a 视觉设计 position", "opening"),
    ("2026-06-07", "Keep the director's KPIs internal", "visibility"),
    ("2026-06-08", "Fix a typo in a comment", "noop"),
]


def _apply(data: Path, step: str) -> None:
    pos = data / "positions"
    if step == "rename":
        text = (pos / "designer.yml").read_text("utf-8").replace("title: 美工\n", "title: 视觉设计\n")
        (pos / "designer.yml").unlink()
        (pos / "visual-designer.yml").write_text(text + "former_ids:\n  - designer\n", "utf-8")
        _edit(data / "plans" / "small.yml", "position: designer", "position: visual-designer")
    elif step == "move":
        _edit(pos / "operations-specialist.yml", "department: operations\nreports_to: operations-director", "department: art\nreports_to: art-lead")
    elif step == "headcount":
        _edit(pos / "operations-specialist.yml", "headcount: 2", "headcount: 4")
    elif step == "reword":
        _edit(pos / "operations-specialist.yml", "  - 商品上下架\n", "  - 商品上下架与库存核对\n  - 回复买家评价\n")
    elif step == "opening":
        (pos / "visual-designer.yml").write_text((pos / "visual-designer.yml").read_text("utf-8") + OPENING, "utf-8")
    elif step == "visibility":
        _edit(pos / "operations-director.yml", "level: director\n", "level: director\ninternal_fields:\n  - kpis\n")
    elif step == "noop":
        _edit(pos / "general-manager.yml", "title: 总经理\n", "# 公司负责人\ntitle: 总经理\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook repository whose history is the basic fixture, then one commit per step."""
    root = tmp_path_factory.mktemp("review")
    shutil.copytree(FIXTURES / "basic", root / "data")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "Basic handbook", date="2026-06-01")
    _git(root, "tag", "base")
    for date, subject, step in STEPS:
        _apply(root / "data", step)
        _git(root, "add", "-A", ".", date=date)
        _git(root, "commit", "-q", "-m", subject, date=date)
        _git(root, "tag", step)
    return root


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8")
    assert actual == path.read_text("utf-8"), f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)"


def _cli(capsys, repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[str], list[str]]:
    monkeypatch.chdir(repo)
    return run_cli(capsys, *args)


def test_the_whole_change_in_role_terms(repo: Path, capsys, monkeypatch) -> None:
    code, out, err = _cli(capsys, repo, monkeypatch, "diff", "base", "visibility", "--site-url", "https://handbook.example.com")
    assert (code, err) == (0, [])
    _golden("base-to-visibility.md", "\n".join(out) + "\n")
    code, out, _ = _cli(capsys, repo, monkeypatch, "diff", "base", "visibility", "--format", "json")
    assert code == 0
    _golden("base-to-visibility.json", "\n".join(out) + "\n")
    result = json.loads("\n".join(out))
    positions = {p["id"]: p for g in result["departments"] for p in g["positions"]}
    # A rename through former_ids is one rename, not a removal and an addition.
    assert positions["visual-designer"]["status"] == "renamed" and positions["visual-designer"]["former_id"] == "designer"
    assert "designer" not in positions
    moved = {c["field"]: c for c in positions["operations-specialist"]["changes"]}
    assert moved["department"]["before"]["id"] == "operations" and moved["department"]["after"]["id"] == "art"
    assert moved["reports_to"] == {"field": "reports_to", "before": {"id": "operations-director", "title": "运营总监"}, "after": {"id": "art-lead", "title": "美工主管"}}
    assert moved["headcount"] == {"field": "headcount", "before": 2, "after": 4}
    assert moved["responsibilities"]["reworded"][0]["before"] == "商品上下架"
    assert moved["responsibilities"]["added"] == ["回复买家评价"]
    assert result["headcount"] == {"before": 10, "after": 12}
    assert {c["field"] for c in positions["visual-designer"]["changes"]} == {"title", "openings"}
    assert positions["operations-director"]["changes"][0]["field"] == "visibility"


@pytest.mark.parametrize("step", [s for _, _, s in STEPS])
def test_each_commit_alone(repo: Path, capsys, monkeypatch, step: str) -> None:
    code, out, err = _cli(capsys, repo, monkeypatch, "diff", f"{step}~1", step)
    assert (code, err) == (0, [])
    _golden(f"step-{step}.md", "\n".join(out) + "\n")


def test_a_change_without_role_change_is_one_line(repo: Path, capsys, monkeypatch) -> None:
    code, out, _ = _cli(capsys, repo, monkeypatch, "diff", "visibility", "noop")
    assert code == 0
    assert out == [diff_report.MARKER, f"### {catalogue('zh').text('diff.title')}", "", "visibility → noop：没有岗位相关的变化。"]


def test_working_tree_and_data_folders_are_accepted(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    _, against_tree, _ = _cli(capsys, repo, monkeypatch, "diff", "base")
    _, against_head, _ = _cli(capsys, repo, monkeypatch, "diff", "base", "HEAD")
    # Everything is committed, so only the summary line's name of the head differs.
    assert against_tree[3].startswith("base → 当前修改（尚未提交）：") and against_head[3].startswith("base → HEAD：")
    assert against_tree[4:] == against_head[4:] and len(against_tree) > 10
    code, folders, _ = _cli(capsys, repo, monkeypatch, "diff", str(FIXTURES / "basic"), "data")
    assert code == 0 and folders[4:] == against_tree[4:]
    code, _, err = _cli(capsys, repo, monkeypatch, "diff", "no-such-branch")
    assert code == 1 and err[0] == "'no-such-branch' is neither a git revision nor a folder (fetch it first, e.g. git fetch origin main)"


def test_an_invalid_side_is_reported_not_compared(repo: Path, capsys, monkeypatch, tmp_path: Path) -> None:
    broken = tmp_path / "data"
    shutil.copytree(repo / "data", broken)
    _edit(broken / "positions" / "art-lead.yml", "reports_to: operations-director", "reports_to: nobody")
    code, out, err = _cli(capsys, repo, monkeypatch, "diff", "data", str(broken))
    # The summary CI posts says so, with the error, so an earlier summary never stands as current.
    assert code == 1 and err == ["the data does not validate, so the change cannot be compared: the summary lists the errors"]
    assert out[3] == f"⚠️ {broken} 的数据没有通过检查（1 个错误），无法比较岗位变化；改正后这条摘要会更新。"
    assert html.unescape(out[5]) == "- data/positions/art-lead.yml:3:13: reports_to: no position 'nobody'"


def test_every_error_is_in_the_summary_beyond_what_annotations_show(repo: Path, capsys, monkeypatch, tmp_path: Path) -> None:
    broken = tmp_path / "data"
    shutil.copytree(repo / "data", broken)
    for i in range(14):
        (broken / "positions" / f"stray-{i}.yml").write_text(f"title: 岗位{i}\n", "utf-8")
    code, out, _ = _cli(capsys, repo, monkeypatch, "diff", "data", str(broken), "--build-failed")
    text = "\n".join(out)
    assert code == 1 and out[3].startswith("⚠️ **站点构建失败**") and "每个错误都列在这里" in text
    assert text.count("stray&#45;") > 14 and "<details><summary>" in text


def test_reworded_items_are_word_level_changes() -> None:
    assert words("商品上下架", "商品上下架与库存核对") == [["=", "商品上下架"], ["+", "与库存核对"]]
    assert words("Handle refunds within 24 hours", "Handle refunds within 48 hours") == [
        ["=", "Handle refunds within "], ["-", "24"], ["+", "48"], ["=", " hours"]]


def test_long_lists_fold_into_details(repo: Path, tmp_path: Path) -> None:
    new = tmp_path / "data"
    shutil.copytree(repo / "data", new)
    duties = "".join(f"  - 新职责 {i}\n" for i in range(12))
    _edit(new / "positions" / "art-lead.yml", "responsibilities:\n", "responsibilities:\n" + duties)
    text = diff_report.to_markdown(diff(build_model(repo / "data"), build_model(new)), catalogue("zh"), "a", "b")
    assert text.count("<details><summary>其余 7 项</summary>") == 1
    assert text.count("新职责") == 12


def test_position_page_lists_its_history(repo: Path) -> None:
    pages = render(build_model(repo / "data"))
    page = pages["positions/operations-specialist.md"]
    history = page[page.index("## 变更记录 {#history"):]
    # Newest first: each commit with its date, subject and what it did to this role.
    assert history.index("- 2026-06-05 · Reword a duty") < history.index("- 2026-06-04 · Two more") < history.index("- 2026-06-03 · ")
    assert history.index("- 2026-06-03 · ") < history.index("- 2026-06-01 · Basic handbook") and "新建岗位" in history
    assert "    - 编制：2 → 4" in history
    assert "    - 汇报对象：运营总监 → 美工主管" in history
    assert "        - 改写：商品上下架**与库存核对**" in history
    assert "        - 新增：回复买家评价" in history
    renamed = pages["positions/visual-designer.md"]
    later = renamed[renamed.index("## 变更记录"):]
    # The history follows the rename: the rename is one entry from the old address, and the old file's history goes on below it.
    assert later.index("Open a 视觉设计 position") < later.index("Rename 美工 to 视觉设计 (`") < later.index("Basic handbook (`")
    assert "    - 地址（id）：designer → visual&#45;designer\n    - 岗位名称：美工 → 视觉设计" in later
    assert later.count("新建岗位") == 1 and "Basic handbook (`" in later.split("新建岗位")[0].splitlines()[-1]
    # Internal by default: the public site has no history.
    from generator.model.audience import public_view

    assert "变更记录" not in render(public_view(build_model(repo / "data")))["positions/operations-specialist.md"]


def test_history_follows_a_file_moved_into_a_sub_folder(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "moved"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    (clone / "data" / "positions" / "ops").mkdir()
    _git(clone, "mv", "data/positions/operations-specialist.yml", "data/positions/ops/operations-specialist.yml")
    _git(clone, "commit", "-q", "-m", "Group the operations files", date="2026-06-09")
    page = render(build_model(clone / "data"))["positions/operations-specialist.md"]
    history = page[page.index("## 变更记录"):]
    # The move is an entry that changed nothing for the role, and the history before it stays.
    assert "Group the operations files (`" in history and "Reword a duty" in history and history.count("新建岗位") == 1


def test_history_takes_a_bounded_number_of_git_calls(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.git
    import generator.source.history as history

    calls: list[list[str]] = []
    real = subprocess.run

    def counting(cmd, *args, **kwargs):
        if cmd and cmd[0] == "git":
            calls.append(cmd)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(generator.git.subprocess, "run", counting)
    revisions = history.file_history(repo / "data").revisions
    assert [r.subject for r in revisions["positions/operations-specialist.yml"]] == [
        "Reword a duty", "Two more 运营专员", "运营专员 moves to the art group under 美工主管", "Basic handbook"]
    assert len(calls) <= 5, calls  # shallow check, prefix, (upstream check,) one log, one cat-file: whatever the history's length


def _check_formats(repo: Path, tmp_path: Path, capsys, monkeypatch, broken: bool) -> dict[str, tuple[int, str, str]]:
    """Every format for the last commit's data: with two errors (``broken``), else with the warning of a closing opening."""
    work = tmp_path / ("broken" if broken else "warned")
    shutil.copytree(repo / "data", work / "data")
    if broken:
        _edit(work / "data" / "positions" / "art-lead.yml", "reports_to: operations-director", "reports_to: operation-director")
        _edit(work / "data" / "departments" / "art.yml", "name: 美工组\n", "name: 美工组\nowners:\n  - art team\n")
    monkeypatch.chdir(work)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-06-15")
    out = {}
    for fmt in ("text", "github", "gitlab", "json"):
        code, stdout, stderr = run_cli(capsys, "check", "--format", fmt, "--codeowners", "CODEOWNERS")
        out[fmt] = (code, "\n".join(stdout) + "\n", "\n".join(stderr) + "\n")
    return out


@pytest.mark.parametrize("case", ["errors", "warnings"])
def test_check_formats(repo: Path, tmp_path: Path, capsys, monkeypatch, case: str) -> None:
    results = _check_formats(repo, tmp_path, capsys, monkeypatch, broken=case == "errors")
    assert {code for code, _, _ in results.values()} == ({1} if case == "errors" else {0})
    _golden(f"check-{case}-text.txt", results["text"][2] + results["text"][1])
    _golden(f"check-{case}-github.txt", results["github"][1])
    _golden(f"check-{case}-gitlab.json", results["gitlab"][1])
    _golden(f"check-{case}-json.json", results["json"][1])
    issues = json.loads(results["gitlab"][1])
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
    text_lines = results["text"][2].splitlines()
    github = results["github"][1].splitlines()
    if case == "errors":
        assert issues[0]["location"] == {"path": "data/departments/art.yml", "lines": {"begin": 3}} and issues[0]["severity"] == "major"
        assert text_lines == [
            "data/departments/art.yml:3:5: owners[0]: 'art team' is not an owner: write @user, @org/team or an email address",
            "data/positions/art-lead.yml:3:13: reports_to: no position 'operation-director' (did you mean 'operations-director'?)",
            "2 errors; nothing was written",
        ]
        # The same messages as the text format, located on the YAML lines.
        assert github[1] == ("::error file=data/positions/art-lead.yml,line=3,col=13,title=reports_to::"
                             "reports_to: no position 'operation-director' (did you mean 'operations-director'?)")
    else:
        assert issues[0]["severity"] == "minor" and issues[0]["location"] == {"path": "data/positions/visual-designer.yml", "lines": {"begin": 16}}
        assert text_lines == ["data/positions/visual-designer.yml:16:20: openings[0].valid_through: warning: this opening closes in 5 days "
                              "(2026-06-20); extend valid_through if it stays open"]
        assert github[0].startswith("::warning file=data/positions/visual-designer.yml,line=16,col=20,title=openings[0].valid_through::")
        assert json.loads(results["json"][1])["ok"] is True


def test_codeowners_are_written_and_checked(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    work = tmp_path / "work"
    shutil.copytree(repo / "data", work / "data")
    _edit(work / "data" / "handbook.yml", "title: 测试手册\n", "title: 测试手册\nowners:\n  - \"@hr/people-team\"\n")
    _edit(work / "data" / "departments" / "operations.yml", "name: 运营部\n", "name: 运营部\nowners:\n  - \"@ops-lead\"\n  - ops@example.com\n")
    monkeypatch.chdir(work)
    code, out, err = run_cli(capsys, "check", "--codeowners", "CODEOWNERS")
    assert code == 1 and err[0] == (
        "CODEOWNERS: out of date with the owners named in data/ (8 rules missing, e.g. '/data/ @hr/people-team'): run make codeowners and commit the result")
    # The company's own rules for code paths, which the README's Security section asks for, stay where they are.
    (work / "CODEOWNERS").write_text("/generator/ @acme/handbook-maintainers\n", "utf-8")
    assert run_cli(capsys, "codeowners")[1] == ["wrote CODEOWNERS"]
    _golden("CODEOWNERS", (work / "CODEOWNERS").read_text("utf-8"))
    assert (work / "CODEOWNERS").read_text("utf-8").startswith("/generator/ @acme/handbook-maintainers\n")
    assert run_cli(capsys, "check", "--codeowners", "CODEOWNERS")[0] == 0
    assert run_cli(capsys, "codeowners")[1] == ["CODEOWNERS is up to date"]
    (work / "CODEOWNERS").write_text((work / "CODEOWNERS").read_text("utf-8") + "/.github/ @acme/ci\n", "utf-8")
    assert run_cli(capsys, "check", "--codeowners", "CODEOWNERS")[0] == 0
    _edit(work / "data" / "departments" / "art.yml", "name: 美工组\n", "name: 美工组\nowners:\n  - \"@art-team\"\n")
    code, _, err = run_cli(capsys, "check", "--codeowners", "CODEOWNERS")
    assert code == 1 and "4 rules missing, e.g. '/data/departments/art.yml @art-team'" in err[0]


def test_a_department_folder_routes_new_positions_at_once(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    # CODEOWNERS is read from the target branch: a new file in the folder reaches the owners in its first pull request.
    work = tmp_path / "work"
    shutil.copytree(repo / "data", work / "data")
    _edit(work / "data" / "departments" / "art.yml", "name: 美工组\n", "name: 美工组\nowners:\n  - \"@art-team\"\n")
    (work / "data" / "positions" / "art").mkdir()
    (work / "data" / "positions" / "art-lead.yml").rename(work / "data" / "positions" / "art" / "art-lead.yml")
    monkeypatch.chdir(work)
    assert run_cli(capsys, "codeowners")[1] == ["wrote CODEOWNERS"]
    lines = (work / "CODEOWNERS").read_text("utf-8").splitlines()
    assert lines.index("/data/positions/art/ @art-team") < lines.index("/data/positions/art/art-lead.yml @art-team")


def test_make_review_prints_what_ci_posts(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    project = make_project(tmp_path / "p", data=repo / "data")
    shutil.rmtree(project / "data")
    shutil.copytree(repo / ".git", project / ".git")
    _git(project, "checkout", "-q", "-f", "main")
    result = subprocess.run(make_command("review", "BASE=base"), cwd=project, capture_output=True, text=True, env=env(), timeout=600)
    assert result.returncode == 0, result.stderr
    code, out, _ = _cli(capsys, project, monkeypatch, "diff", "base")
    assert result.stdout == "\n".join(out) + "\n"
    assert result.stdout.startswith(diff_report.MARKER)


def test_ci_files_parse_and_run_the_right_commands() -> None:
    github = yaml.safe_load((ROOT / "generator" / "ci" / "github-workflow.yml").read_text("utf-8"))
    triggers = github[True] if True in github else github["on"]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    steps = github["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("generator check --format github --codeowners CODEOWNERS" in r for r in runs)
    assert "make build build-public" in runs
    review = next(s for s in steps if "make -s review" in s.get("run", ""))
    assert 'make -s review BASE="origin/$BASE_REF" BUILD_FAILED="$failed" > role-changes.md' in review["run"]
    assert review["env"]["BASE_REF"] == "${{ github.base_ref }}"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].split() == ["site/", "site-public/"]
    comment = next(s for s in steps if s.get("uses", "").startswith("actions/github-script"))
    assert diff_report.MARKER in comment["with"]["script"] and "updateComment" in comment["with"]["script"]
    assert next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))["with"]["fetch-depth"] == 0
    # HR data: nothing is published unless the documented switch is on.
    assert github["jobs"]["preview"]["if"] == "vars.HANDBOOK_PREVIEW == 'true'"
    publishing = [s for s in steps if "pages" in s.get("uses", "")]
    assert publishing and all(s["if"].endswith("vars.HANDBOOK_PREVIEW == 'true'") for s in publishing)

    gitlab = yaml.safe_load((ROOT / "generator" / "ci" / "gitlab-ci.yml").read_text("utf-8"))
    check = gitlab["handbook:check"]
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab" in line for line in check["script"])
    assert gitlab["handbook:build"]["script"][0] == "make build build-public"
    assert gitlab["handbook:build"]["artifacts"]["access"] == "developer"
    assert any(line.startswith("make -s review BASE=") and "BUILD_FAILED" in line for line in gitlab["handbook:review"]["script"])
    assert any("generator.ci.gitlab_note" in line for line in gitlab["handbook:review"]["script"])
    assert gitlab["pages"]["rules"] == [{"if": '$HANDBOOK_PREVIEW == "true"'}]
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    # The commands they name exist.
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in ("review:", "build:", "build-public:", "check:", "codeowners:"):
        assert f"\n{target}" in makefile
    assert (VENV_BIN / "python").exists()


def test_the_comment_mentions_and_references_no_one(repo: Path, tmp_path: Path) -> None:
    new = tmp_path / "data"
    shutil.copytree(repo / "data", new)
    _edit(new / "positions" / "art-lead.yml", "  - 审核设计稿\n", "  - 审核设计稿\n  - 通知 @all 和 @org/team，见 #12 与 owner/repo#3\n")
    text = diff_report.to_markdown(diff(build_model(repo / "data"), build_model(new)), catalogue("zh"), "a", "b")
    assert "通知" in text
    assert "@all" not in text and "@org" not in text and "#12" not in text and "repo#3" not in text
    assert "@\u2060all" in text


def test_a_revision_wins_over_a_folder_of_the_same_name(repo: Path, capsys, monkeypatch) -> None:
    # A pull request could add a folder named like the base branch, holding its own data.
    fake = repo / "base"
    shutil.copytree(repo / "data", fake)
    try:
        _, out, _ = _cli(capsys, repo, monkeypatch, "diff", "base")
    finally:
        shutil.rmtree(fake)
    assert "没有岗位相关的变化" not in "\n".join(out) and "岗位改名" in "\n".join(out)


def test_a_renamed_department_moves_no_one(repo: Path, tmp_path: Path) -> None:
    new = tmp_path / "data"
    shutil.copytree(repo / "data", new)
    (new / "departments" / "art.yml").rename(new / "departments" / "visual.yml")
    _edit(new / "departments" / "visual.yml", "name: 美工组\n", "name: 视觉组\nformer_ids:\n  - art\n")
    for f in (new / "positions").glob("*.yml"):
        f.write_text(f.read_text("utf-8").replace("department: art\n", "department: visual\n"), "utf-8")
    result = diff(build_model(repo / "data"), build_model(new)).to_json()
    assert [g["id"] for g in result["departments"]] == ["visual"]
    group = result["departments"][0]
    assert group["department"]["status"] == "renamed" and group["department"]["former_id"] == "art"
    assert group["positions"] == [] and group["headcount"] == {"before": 10, "after": 10}


def test_a_huge_comment_is_cut_with_a_pointer_to_the_json(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = tmp_path / "data"
    shutil.copytree(repo / "data", new)
    duties = "".join(f"  - 新职责 {i} {'很长的说明' * 40}\n" for i in range(60))
    _edit(new / "positions" / "art-lead.yml", "responsibilities:\n", "responsibilities:\n" + duties)
    monkeypatch.setattr(diff_report, "LIMIT", 5_000)
    text = diff_report.to_markdown(diff(build_model(repo / "data"), build_model(new)), catalogue("zh"), "a", "b")
    assert len(text) <= 5_000 and text.rstrip().endswith(catalogue("zh").text("diff.truncated"))


def test_a_data_folder_outside_the_repository_is_one_line(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    code, out, err = _cli(capsys, repo, monkeypatch, "--data", str(tmp_path), "diff", "base")
    assert (code, out) == (1, [])
    assert err == [f"{tmp_path}: diff compares the data folder of this repository; run it from the repository's top folder"]


def test_gitlab_note_updates_only_its_own_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.ci import gitlab_note

    body = tmp_path / "role-changes.md"
    body.write_text(diff_report.MARKER + "\nsummary\n", "utf-8")
    calls: list[tuple[str, str, dict | None]] = []
    notes = [
        {"id": 1, "author": {"id": 99}, "body": diff_report.MARKER + "\nsomeone else's copy"},
        {"id": 2, "author": {"id": 7}, "body": diff_report.MARKER + "\nours"},
    ]

    def fake(method: str, url: str, token: str, data: dict | None = None):
        calls.append((method, url, data))
        return {"id": 7} if url.endswith("/user") else notes if method == "GET" else {}

    monkeypatch.setattr(gitlab_note, "_call", fake)
    monkeypatch.setenv("HANDBOOK_GITLAB_TOKEN", "t")
    for name, value in (("CI_API_V4_URL", "https://gitlab.example.com/api/v4"), ("CI_PROJECT_ID", "5"), ("CI_MERGE_REQUEST_IID", "3")):
        monkeypatch.setenv(name, value)
    assert gitlab_note.main([str(body)]) == 0
    assert calls[-1] == ("PUT", "https://gitlab.example.com/api/v4/projects/5/merge_requests/3/notes/2", {"body": diff_report.MARKER + "\nsummary\n"})
    notes.pop()  # no note of ours yet: a new one
    assert gitlab_note.main([str(body)]) == 0
    assert calls[-1][0] == "POST" and calls[-1][1].endswith("/merge_requests/3/notes")
    monkeypatch.delenv("HANDBOOK_GITLAB_TOKEN")
    calls.clear()
    assert gitlab_note.main([str(body)]) == 0 and calls == []  # without a token, the summary stays in the job log
