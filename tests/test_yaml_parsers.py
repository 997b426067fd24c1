"""The YAML loader says the same whichever parser reads the file: libyaml (any version the lock or the
ranges allow) or PyYAML's own, with the handbook's own limits, words and line/column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.yamlsource import MAX_DEPTH, REREAD_MAX, parse

from conftest import run_cli

BROKEN = {
    # text → the one line every parser must give; libyaml alone words and places most of these differently.
    "title: 美工\ndepartment: [art\nlevel: specialist\n": "f.yml:3:6: invalid YAML: expected ',' or ']', but got ':'",
    "a: b: c\n": "f.yml:1:5: invalid YAML: mapping values are not allowed here",
    "a: [1, 2": "f.yml:1:9: invalid YAML: expected ',' or ']', but got '<stream end>'",
    "- a\nb: c\n": "f.yml:2:1: invalid YAML: expected <block end>, but found '?'",
    "a:\n  - b\n c: d\n": "f.yml:3:2: invalid YAML: expected <block end>, but found '<block mapping start>'",
    'a: "x\\q"\n': "f.yml:1:7: invalid YAML: found unknown escape character 'q'",
    "a: |\n b\nc": "f.yml:3:2: invalid YAML: could not find expected ':'",
    "{a: b": "f.yml:1:6: invalid YAML: expected ',' or '}', but got '<stream end>'",
    "a: b\n\tc: d\n": "f.yml:2:1: invalid YAML: found character '\\t' that cannot start any token",
    "a: @x\n": "f.yml:1:4: invalid YAML: found character '@' that cannot start any token",
    "[a]]\n": "f.yml:1:4: invalid YAML: expected '<document start>', but found ']'",
    "a: 'b'c\n": "f.yml:1:7: invalid YAML: expected <block end>, but found '<scalar>'",
    "x: 1\ny: 中\x1b[31m\n": "f.yml:2:5: contains the invisible character U+001B, which handbook files may not hold; remove it",
    "a: b\r\nc: \ufffe\n": "f.yml:2:4: contains the invisible character U+FFFE, which handbook files may not hold; remove it",
    # A line separator is a line break to YAML: the column counts from it.
    "a: 1\u2028b: \x01\n": "f.yml:2:4: contains the invisible character U+0001, which handbook files may not hold; remove it",
}


@pytest.mark.parametrize("text", BROKEN, ids=range(len(BROKEN)))
def test_a_broken_file_is_one_line_in_pyyaml_words(text: str, yaml_parser: str) -> None:
    doc, errors = parse(text, "f.yml")
    assert doc is None
    assert [str(e) for e in errors] == [BROKEN[text]]


def _nested(depth: int, inline: bool) -> str:
    if inline:
        return "title: " + "[" * depth + "]" * depth + "\n"
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "x\n"


# Indented nesting grows a file quadratically: 300 levels are 90 kB, far past the limit all the same.
@pytest.mark.parametrize(("inline", "depth"), [
    (True, MAX_DEPTH + 1), (True, 1_000), (True, 5_000), (True, 100_000), (False, MAX_DEPTH + 1), (False, 300),
], ids=["flow-17", "flow-1000", "flow-5000", "flow-100000", "block-17", "block-300"])
def test_deep_nesting_is_the_handbooks_own_line(depth: int, inline: bool, yaml_parser: str) -> None:
    # 100,000 levels crashed the interpreter, a few thousand raised RecursionError; libyaml 0.2.5 as bundled
    # with PyYAML 6.0.4 stops at 1,000 levels of its own, which read as "invalid YAML" at 1:1.
    doc, errors = parse(_nested(depth, inline), "f.yml")
    where = f"1:{7 + MAX_DEPTH}" if inline else f"{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}"
    assert doc is None
    assert [str(e) for e in errors] == [f"f.yml:{where}: nested more than {MAX_DEPTH} levels deep; handbook files need far fewer"]


def test_nesting_past_the_limit_after_valid_content_is_placed_where_it_starts(yaml_parser: str) -> None:
    text = "title: 美工\nsummary: 做图。\ntools: [" + "[" * 2_000 + "]" * 2_001 + "\n"
    assert [str(e) for e in parse(text, "f.yml")[1]] == [f"f.yml:3:{7 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep; handbook files need far fewer"]


def test_a_broken_file_beyond_the_reread_limit_is_still_one_located_line(yaml_parser: str) -> None:
    # Past REREAD_MAX only libyaml's own words may be given, but never a traceback, and always its line.
    text = "responsibilities:\n" + "  - 负责店铺日常运营\n" * (REREAD_MAX // 10) + "  - [x\n"
    doc, errors = parse(text, "f.yml")
    assert doc is None and len(errors) == 1
    line = text.count("\n")
    assert "invalid YAML: " in str(errors[0])
    assert errors[0].line in (line, line + 1)


def test_the_check_command_reports_deep_nesting_under_either_parser(project: Path, capsys: pytest.CaptureFixture[str], yaml_parser: str) -> None:
    (project / "data" / "positions" / "designer.yml").write_text(_nested(5_000, inline=True), "utf-8")
    code, out, err = run_cli(capsys, "check")
    assert (code, out) == (1, [])
    assert err == [f"data/positions/designer.yml:1:{7 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep; handbook files need far fewer", "1 error; nothing was written"]


def test_nesting_the_schemas_need_is_accepted(yaml_parser: str) -> None:
    nested = "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)
    doc, errors = parse(f"tools: {nested}\n", "f.yml")
    assert errors == [] and doc is not None
