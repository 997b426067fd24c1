"""Untrusted text must come out of Markdown and front matter exactly as typed, never as markup."""

from __future__ import annotations

import html

import markdown as md
import pytest
import yaml

from generator.escape import Raw, front_matter, markdown, mermaid_label, script_json

HOSTILE = [
    "*强调* _下划线_ `代码`",
    "<script>alert(1)</script>",
    "[链接](http://evil.example) ![图](x.png)",
    "# 标题 {#anchor} | 竖线 |",
    "1. 列表 - 减号 + 加号",
    "&amp; &lt; \\ 反斜杠",
    "多行\n\n第二段\n- 列表",
]


def _render(text: str) -> str:
    return md.markdown(text, extensions=["tables", "attr_list", "admonition", "toc"])


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escape_renders_as_plain_text(text: str) -> None:
    out = _render(markdown(text))
    assert out.startswith("<p>") and out.endswith("</p>")
    inner = out[len("<p>") : -len("</p>")]
    assert "<" not in inner.replace("&lt;", "")
    assert html.unescape(inner) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escape_is_inert_inside_a_table_cell(text: str) -> None:
    out = _render(f"| a | b |\n| --- | --- |\n| {markdown(text)} | x |")
    assert out.count("<td>") == 2
    assert "<script" not in out and "<a " not in out and "<img" not in out


def test_raw_passes_through() -> None:
    assert markdown(Raw("[a](b.md)")) == "[a](b.md)"


@pytest.mark.parametrize("text", HOSTILE + ['含"引号"\'与\'冒号: 值'])
def test_front_matter_is_yaml_holding_html_escaped_text(text: str) -> None:
    assert yaml.safe_load(front_matter(text)) == html.escape(" ".join(text.split()), quote=True)


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!-- x", "a\u2028b", {"k": "&amp;"}])
def test_script_json_cannot_end_the_script_element(value) -> None:
    import json

    out = script_json(value)
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == value


def test_mermaid_label_is_one_line_without_syntax() -> None:
    out = mermaid_label('a"]; click x href "javascript:alert(1)"\n<b>#1;')
    assert out == "a#quot;]#59; click x href #quot;javascript:alert(1)#quot; #lt;b#gt;#35;1#59;"


def test_mermaid_label_cannot_hold_a_directive() -> None:
    out = mermaid_label("美工%%{init:{'themeCSS':'x'}}%%")
    assert "%" not in out and "{" not in out and "}" not in out
    assert out == "美工#37;#37;#123;init:#123;'themeCSS':'x'#125;#125;#37;#37;"


@pytest.mark.parametrize("text", ["制作\x7f图片", "a\x9bb", "x\ufffey", "\U0001f600 ok"])
def test_front_matter_holds_what_yaml_cannot(text: str) -> None:
    # A raw DEL made the whole front matter unreadable: the page lost its title and description.
    assert yaml.safe_load(front_matter(text)) == html.escape(" ".join(text.split()), quote=True)
