"""Known words become separate search words, whatever jieba made of them; the visible text does not change."""

from __future__ import annotations


from generator.site.searchwords import WordSplitter, split_words

Z = "\u200b"


def _words(text: str) -> list[str]:
    return [w for w in text.split(Z) if w]


def test_known_word_inside_a_longer_word_is_cut_out() -> None:
    splitter = WordSplitter(["策划", "旺旺"])
    assert _words(splitter.split_text(f"{Z}负责{Z}文案策划{Z}和{Z}阿里旺旺{Z}")) == ["负责", "文案", "策划", "和", "阿里", "旺旺"]


def test_word_that_jieba_cut_across_is_joined() -> None:
    splitter = WordSplitter(["面单", "核对"])
    assert _words(splitter.split_text(f"{Z}准确无误{Z}地核{Z}对面{Z}单{Z}与{Z}")) == ["准确无误", "地", "核对", "面单", "与"]


def test_nested_words_keep_every_edge() -> None:
    splitter = WordSplitter(["淘宝直通车", "直通车", "直通车专员"])
    assert _words(splitter.split_text(f"{Z}淘宝直通车专员{Z}")) == ["淘宝", "直通车", "专员"]


def test_text_reads_the_same_and_other_text_is_untouched() -> None:
    splitter = WordSplitter(["面单", "a", "长"])  # one-character and non-Chinese words are ignored
    text = f"<p>{Z}打印{Z}面{Z}单{Z}，SKU 12.5 长{Z}度</p>"
    out = splitter.split_text(text)
    assert out.replace(Z, "") == text.replace(Z, "")
    assert f"{Z}面单{Z}" in out
    assert "SKU 12.5 长" in out


def test_index_data_is_split_in_place() -> None:
    data = {"config": {"lang": ["zh"]}, "docs": [{"location": "a/", "title": f"{Z}文案策划{Z}", "text": f"{Z}阿里旺旺{Z}"}]}
    split_words(data, ["策划", "旺旺"])
    doc = data["docs"][0]
    assert _words(doc["title"]) == ["文案", "策划"] and _words(doc["text"]) == ["阿里", "旺旺"]
