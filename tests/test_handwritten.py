"""Hand-written pages are internal unless their front matter says public: true; a mark that is neither
true nor false is an error on its line, never a page quietly kept off the careers site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataErrors
from generator.source.handwritten import front_matter_public, public_pages
from site_project import make_project, mkdocs_build

from conftest import FIXTURES


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("---\npublic: true\n---\n# Join us\n", True),
        ("---\ntitle: Join us\npublic: true\n---\n# Join us\n", True),
        ("---\npublic: false\n---\n# Notes\n", False),
        ("---\npublic: yes\n---\n# Join us\n", True),  # YAML 1.1, as MkDocs reads front matter
        ("---\ntitle: Notes\n---\n# Notes\n", False),
        ("# Notes\n\npublic: true\n", False),  # not front matter
        ("---\npublic: true\n", False),  # never closed: MkDocs reads no front matter either
        ("", False),
    ],
)
def test_pages_are_internal_unless_they_say_public_true(text: str, public: bool) -> None:
    assert front_matter_public(text, "docs/x.md") == (public, [])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\npublic: 'true'\n---\n# Notes\n", "docs/x.md:2:9: public: expected true or false, found the text 'true' (write it without quotes)"),
        ('---\ntitle: Notes\npublic: "yes"\n---\n', "docs/x.md:3:9: public: expected true or false, found the text 'yes' (write it without quotes)"),
        ("---\npublic: 1\n---\n", "docs/x.md:2:9: public: expected true or false, found '1'"),
        ("---\npublic: [true\n---\n# Broken\n", "docs/x.md:3:1: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_a_mark_that_is_not_true_or_false_is_one_line(text: str, line: str) -> None:
    public, errors = front_matter_public(text, "docs/x.md")
    assert public is False and [str(e) for e in errors] == [line]


def test_every_broken_mark_of_every_page_is_reported_together(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "join.md").write_text("---\npublic: true\n---\n# Join\n", "utf-8")
    (docs / "a" / "one.md").write_text("---\npublic: 'true'\n---\n", "utf-8")
    (docs / "two.md").write_text("---\npublic: 'false'\n---\n", "utf-8")
    with pytest.raises(DataErrors) as caught:
        public_pages(docs, tmp_path)
    assert [line.split(":")[0] for line in caught.value.lines()] == ["docs/a/one.md", "docs/two.md"]
    (docs / "a" / "one.md").write_text("---\npublic: true\n---\n", "utf-8")
    (docs / "two.md").unlink()
    assert public_pages(docs, tmp_path) == {"join.md", "a/one.md"}


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["internal", "public"])
def test_a_quoted_mark_fails_both_builds_in_one_line(tmp_path: Path, audience: str) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    (project / "docs" / "join-us.md").write_text('---\npublic: "true"\n---\n# 加入我们\n', "utf-8")
    result = mkdocs_build(project, extra_env={"HANDBOOK_AUDIENCE": audience})
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[0].endswith("docs/join-us.md:2:9: public: expected true or false, found the text 'true' (write it without quotes)"), result.stderr
    assert "Traceback" not in result.stderr and not (project / "site").exists()
