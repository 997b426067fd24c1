"""The role-change summary tells a reviewer the whole truth, in the names they know: one scripted pull
request per kind of change, each pinned to a golden summary (tests/cases/review/classes/; UPDATE_GOLDEN=1
rewrites them) and held to what a reader of either site sees or who must approve."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest

from conftest import FIXTURES, run_cli
from generator.pipeline import build_model

GOLDEN = Path(__file__).parent / "cases" / "review" / "classes"


def _git(repo: Path, *args: str) -> str:
    stamp = "2026-06-01T12:00:00+08:00"
    extra = dict(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
                 GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    return subprocess.run(["git", *args], cwd=repo, env=dict(os.environ, **extra), check=True, capture_output=True, text=True).stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def _prepare(d: Path) -> None:
    """More than the basic fixture holds: two duties to reorder, a manager in the plan."""
    _edit(d / "positions" / "designer.yml", "  - 制作主图和详情页\n", "  - 制作主图和详情页\n  - 拍摄商品照片\n")


def _other_title(d: Path) -> None:
    _append(d / "positions" / "designer.yml", "other_titles:\n  - 视觉设计师\n")


def _plan_manager(d: Path) -> None:
    _edit(d / "plans" / "small.yml", "    max: 2\n", "    max: 2\n    reports_to: operations-director\n")


def _reorder(d: Path) -> None:
    _edit(d / "positions" / "designer.yml", "  - 制作主图和详情页\n  - 拍摄商品照片\n", "  - 拍摄商品照片\n  - 制作主图和详情页\n")


def _owners(d: Path) -> None:
    _append(d / "departments" / "art.yml", "owners:\n  - \"@acme/design-leads\"\n")


def _rename(d: Path) -> None:
    # The head of 美工组, manager of 美工 and collaborator of 运营总监: renamed, with a new title.
    pos = d / "positions"
    text = (pos / "art-lead.yml").read_text("utf-8").replace("title: 美工主管\n", "title: 设计主管\n")
    (pos / "art-lead.yml").unlink()
    (pos / "design-lead.yml").write_text(text + "former_ids:\n  - art-lead\n", "utf-8")
    _edit(d / "departments" / "art.yml", "head: art-lead", "head: design-lead")
    _edit(pos / "designer.yml", "reports_to: art-lead", "reports_to: design-lead")
    _edit(pos / "operations-director.yml", "with: art-lead", "with: design-lead")


def _levels(d: Path) -> None:
    _append(d / "handbook.yml", "levels:\n  - id: m3\n    name: M3 总监\n  - id: m2\n    name: M2 经理\n  - id: p5\n    name: P5 专员\n"
            "  - id: m4\n    name: M4 高管\n")
    for f, old, new in (("general-manager", "executive", "m4"), ("operations-director", "director", "m3"), ("design-lead", "manager", "m2"),
                        ("designer", "specialist", "p5"), ("operations-specialist", "specialist", "p5")):
        _edit(d / "positions" / f"{f}.yml", f"level: {old}\n", f"level: {new}\n")


def _new_department(d: Path) -> None:
    (d / "departments" / "service.yml").write_text("name: 客服部\nhead: service-lead\nsummary: 接待顾客。\n", "utf-8")
    (d / "positions" / "service-lead.yml").write_text(
        "title: 客服主管\ndepartment: service\nlevel: m2\nheadcount: 1\nsummary: 带领客服。\nresponsibilities:\n  - 排班与质检\n"
        "openings:\n  - location: 杭州市余杭区\n    type: full-time\n    count: 1\n    posted: 2026-01-01\n    valid_through: 2099-12-31\n"
        "    apply:\n      email: jobs@example.com\n", "utf-8")


def _internal_duty(d: Path) -> None:
    _edit(d / "positions" / "designer.yml", "  - 拍摄商品照片\n", "  - text: 拍摄商品照片\n    internal: true\n")


def _headcounts(d: Path) -> None:
    _edit(d / "positions" / "designer.yml", "headcount: 5", "headcount: 7")
    _edit(d / "plans" / "small.yml", "    headcount: 1\n    max: 2\n", "    headcount: 2\n    max: 3\n")


def _reword(d: Path) -> None:
    _edit(d / "positions" / "designer.yml", "  - 制作主图和详情页\n", "  - 制作主图和店铺首页\n")


def _reorganisation(d: Path) -> None:
    # Eight new positions in the service department, duties of every kind: a long comment folds its lists.
    for i in range(1, 9):
        duties = "".join(f"  - 第{j}项职责\n" for j in range(1, 9))
        (d / "positions" / f"agent-{i}.yml").write_text(
            f"title: 客服专员{i}\ndepartment: service\nreports_to: service-lead\nlevel: p5\nheadcount: 2\nsummary: 接待。\nresponsibilities:\n{duties}", "utf-8")


def _formatting(d: Path) -> None:
    path = d / "positions" / "general-manager.yml"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("# 公司负责人\n" + "\n".join(reversed(lines[:4])) + "\n" + "\n".join(lines[4:]) + "\n", "utf-8")
    _edit(d / "departments" / "company.yml", "name: 公司\n", "name: \"公司\"\n")


STEPS = [
    ("other-title", _other_title), ("plan-manager", _plan_manager), ("reorder", _reorder), ("owners", _owners), ("rename", _rename),
    ("levels", _levels), ("new-department", _new_department), ("internal-duty", _internal_duty), ("headcounts", _headcounts),
    ("reword", _reword), ("reorganisation", _reorganisation), ("formatting", _formatting),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("classes")
    shutil.copytree(FIXTURES / "basic", root / "data")
    _prepare(root / "data")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    for name, step in STEPS:
        step(root / "data")
        _git(root, "add", "-A", ".")
        _git(root, "commit", "-q", "-m", name)
        _git(root, "tag", name)
    return root


def _summary(repo: Path, capsys, monkeypatch, step: str) -> str:
    monkeypatch.chdir(repo)
    code, out, err = run_cli(capsys, "diff", f"{step}~1", step)
    assert (code, err) == (0, [])
    return "\n".join(out) + "\n"


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, "utf-8")
    assert actual == path.read_text("utf-8"), f"{path.name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_each_kind_of_change(repo: Path, capsys, monkeypatch, step: str) -> None:
    summary = _summary(repo, capsys, monkeypatch, step)
    _golden(step, summary)
    # Only a change of formatting says that nothing changed for any role.
    assert ("没有岗位相关的变化" in summary) == (step == "formatting"), summary
    # People read names, never ids: an id shows only as an item's own, in code.
    prose = re.sub(r"`[^`]*`", "", summary)
    models = [build_model(repo / "data")]
    ids = {i for m in models for i in (*m.positions, *m.departments, *m.levels)} | {"art-lead", "executive", "director", "manager", "specialist"}
    assert [i for i in sorted(ids) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", prose)] == [], prose


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.items = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.items += tag == "li"

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _rendered(markdown: str) -> tuple[str, str, int]:
    """Return a comment as GitHub renders it (cmark-gfm): the HTML, its text and its number of list items."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE)
    parser = _Text()
    parser.feed(html)
    return html, "".join(parser.parts), parser.items


GOLDENS = sorted(GOLDEN.glob("*.md")) + sorted(GOLDEN.parent.glob("*.md"))


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_the_comment_reads_right_once_github_renders_it(path: Path) -> None:
    markdown = path.read_text("utf-8")
    html, text, items = _rendered(markdown)
    # Every list line is a list item: the nesting survives the renderer.
    assert items == len(re.findall(r"(?m)^\s*- ", markdown))
    # No marker is left as text, and old and new never touch: "~~2~~**3**" read as 23.
    assert "**" not in text and "~~" not in text
    assert not re.search(r"</del>\s*<strong>|</strong>\s*<del>", html), html
    # Nobody named in the data is mentioned or notified.
    assert not re.search(r"@\w", text)


def test_numbers_and_words_that_changed_read_apart(repo: Path, capsys, monkeypatch) -> None:
    _, text, _ = _rendered(_summary(repo, capsys, monkeypatch, "headcounts"))
    assert "美工：编制 1–2 人 → 2–3 人" in text and "编制：5 → 7" in text
    html, text, _ = _rendered(_summary(repo, capsys, monkeypatch, "reword"))
    assert "制作主图和 → 店铺首页" not in text and "详情页 → 店铺首页" in text, text


def test_a_large_change_folds_its_lists(repo: Path, capsys, monkeypatch) -> None:
    html, text, _ = _rendered(_summary(repo, capsys, monkeypatch, "reorganisation"))
    assert "新增 8 个岗位" in text and html.count("<details>") == 8 and "其余 3 项" in text


def _clone(repo: Path, dest: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(repo), str(dest)], check=True, capture_output=True)
    return dest


def test_a_deleted_position_others_still_name_is_said_to_be_deleted(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    clone = _clone(repo, tmp_path / "deleted")
    (clone / "data" / "positions" / "design-lead.yml").unlink()
    monkeypatch.chdir(clone)
    code, _, err = run_cli(capsys, "check")
    assert code == 1
    assert ("data/positions/designer.yml:3:13: reports_to: no position 'design-lead': data/positions/design-lead.yml is deleted in the working copy "
            "(not committed yet), and this still names it") in err, err
    _git(clone, "commit", "-q", "-am", "Remove 设计主管")
    code, _, err = run_cli(capsys, "check")
    commit = _git(clone, "rev-parse", "--short=10", "HEAD").strip()
    assert code == 1 and (f"data/departments/art.yml:3:7: head: no position 'design-lead': data/positions/design-lead.yml was deleted in {commit} "
                          "(2026-06-01, 'Remove 设计主管'), and this still names it") in err, err


def test_a_current_opening_the_careers_site_will_not_list_is_a_warning(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    clone = _clone(repo, tmp_path / "unseen")
    _append(clone / "data" / "handbook.yml", "public: [position.summary, position.responsibilities]\n")
    monkeypatch.chdir(clone)
    code, out, err = run_cli(capsys, "check")
    assert code == 0 and len(err) == 1 and err[0].startswith("data/positions/service-lead.yml:")
    assert "warning: this opening is current, but data/handbook.yml keeps openings internal, so the careers site does not list it" in err[0]


def test_a_reference_to_a_renamed_position_names_its_new_id(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    clone = _clone(repo, tmp_path / "renamed")
    _edit(clone / "data" / "positions" / "designer.yml", "reports_to: design-lead", "reports_to: art-lead")
    monkeypatch.chdir(clone)
    code, _, err = run_cli(capsys, "check")
    assert code == 1 and err[0] == "data/positions/designer.yml:3:13: reports_to: no position 'art-lead': it was renamed to 'design-lead' (former_ids), name 'design-lead' here"
