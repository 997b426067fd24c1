"""Glossary tooltips go into running text only."""

from __future__ import annotations

from generator.model.records import Term
from generator.site.tooltips import add_tooltips

TERMS = (Term("diamond-booth", "钻展", "展示广告。", aliases=("钻石展位",)), Term("through-train", "直通车", '按点击付费的"搜索"广告<推广>。'))


def test_terms_in_text_get_an_escaped_title() -> None:
    out = add_tooltips("<p>开通直通车和钻石展位。</p>", TERMS)
    assert out == (
        '<p>开通<abbr data-term="through-train" title="按点击付费的&quot;搜索&quot;广告&lt;推广&gt;。" tabindex="0">直通车</abbr>和'
        '<abbr data-term="diamond-booth" title="展示广告。" tabindex="0">钻石展位</abbr>。</p>'
    )


def test_links_headings_code_and_diagrams_are_left_alone() -> None:
    page = (
        '<h2 id="x">直通车</h2><p><a href="y">直通车</a> <code>钻展</code></p>'
        '<div class="mermaid" data-search-exclude>p_a["直通车"]</div><ul><li>钻展<br/>直通车</li></ul>'
    )
    out = add_tooltips(page, TERMS)
    assert out.count("<abbr") == 2
    assert '<h2 id="x">直通车</h2>' in out and '<a href="y">直通车</a>' in out and "<code>钻展</code>" in out
    assert 'p_a["直通车"]</div>' in out
    assert '<li><abbr data-term="diamond-booth" title="展示广告。" tabindex="0">钻展</abbr><br/><abbr data-term="through-train" title=' in out


def test_no_terms_no_change() -> None:
    assert add_tooltips("<p>直通车</p>", ()) == "<p>直通车</p>"


def test_a_term_inside_a_character_reference_is_not_split() -> None:
    # Markdown escaping writes '-' as &#45;: a term '45' used to get an <abbr> inside the reference.
    out = add_tooltips("<p>a&#45;b &amp; 45</p>", (Term("n", "45", "四十五"),))
    assert out == '<p>a-b &amp; <abbr data-term="n" title="四十五" tabindex="0">45</abbr></p>'


def test_text_without_a_term_keeps_its_references_as_written() -> None:
    page = "<p>a&#45;b &amp; &#60;c&#62;</p>"
    assert add_tooltips(page, TERMS) == page


def test_raw_text_elements_and_attributes_are_never_touched() -> None:
    page = (
        '<script>if (a<b) x = "直通车 <p>";</script><style>p::after{content:"直通车"}</style>'
        '<p title="直通车>钻展" data-x=\'a>b\'>直通车</p><textarea>钻展</textarea><!-- 直通车 -->'
    )
    out = add_tooltips(page, TERMS)
    assert out.count("<abbr") == 1
    assert out.startswith('<script>if (a<b) x = "直通车 <p>";</script><style>p::after{content:"直通车"}</style>')
    assert '<p title="直通车>钻展" data-x=\'a>b\'><abbr' in out and out.endswith("</p><textarea>钻展</textarea><!-- 直通车 -->")


def test_definitions_are_escaped_once_for_the_attribute() -> None:
    term = Term("x", "直通车", "<img src=x onerror=alert(1)> & \"引号\"")
    out = add_tooltips("<p>直通车</p>", (term,))
    assert out == '<p><abbr data-term="x" title="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;引号&quot;" tabindex="0">直通车</abbr></p>'


def test_a_page_holds_each_definition_once() -> None:
    # A definition that contains its own term used to be copied into every occurrence: the page grew quadratically.
    term = Term("long", "的", "很长的释义" * 2000)
    page = "<p>" + "的" * 500 + "</p>"
    out = add_tooltips(page, (term,))
    assert out.count("很长的释义") == 2000 and out.count('data-term="long"') == 500
    assert out.startswith('<p><abbr data-term="long" title="很长的释义') and '" tabindex="0">的</abbr>' in out and out.endswith('<abbr data-term="long">的</abbr></p>')
