"""Interface language: one catalogue per language, complete, and nothing of the other language in a built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue import LANGUAGES, catalogue
from site_checks import built_text, visible_text
from site_project import ROOT, make_project, mkdocs_build, set_language

from conftest import FIXTURES

pytestmark = pytest.mark.slow


_KEY_USE = re.compile(r"""\b(?:t|tx|text|chart\.text)\(\s*["']([a-z_.]+)["']""")


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    zh, en = catalogue("zh"), catalogue("en")
    assert zh.keys() == en.keys()
    assert {k: zh.placeholders(k) for k in zh.keys()} == {k: en.placeholders(k) for k in en.keys()}


def test_every_key_the_templates_and_code_use_exists() -> None:
    keys = catalogue("zh").keys()
    sources = [*(ROOT / "generator" / "templates").glob("*.j2"), *(ROOT / "generator").rglob("*.py")]
    used = {key for path in sources for key in _KEY_USE.findall(path.read_text("utf-8"))}
    used |= {f"level.{i}" for i in ("executive", "director", "manager", "lead", "specialist", "assistant")}
    assert len(used) > 100
    assert sorted(used - keys) == []


def _fragments(language: str) -> set[str]:
    """Return the pieces of interface text that could only come from ``language``'s catalogue."""
    out = set()
    for key in catalogue(language).keys():
        if key in ("html_lang", "locale"):
            continue
        values = [v for k, v in catalogue(language).strings.items() if k == key or k.startswith(key + ".")]
        for value in values:
            for piece in re.split(r"\{[a-z_]+\}", value):
                piece = piece.strip(" ：:，,。.；;（）()“”\"'—–-")
                # Chinese of two characters or more; English of two words, or one long one ("positions" alone is also a URL).
                if len(re.findall(r"[\u4e00-\u9fff]", piece)) >= 2 or (piece.isascii() and (" " in piece or len(piece) >= 10)):
                    out.add(piece)
    return out


def _contains(text: str, piece: str) -> bool:
    # Latin pieces as whole words: "Level" is not in "Levels" of a data value.
    return re.search(rf"(?<![A-Za-z]){re.escape(piece)}(?![A-Za-z])", text) is not None if piece.isascii() else piece in text


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    out = {}
    for language in LANGUAGES:
        project = make_project(tmp_path_factory.mktemp(f"lang-{language}") / "p", data=FIXTURES / "crossborder")
        set_language(project, language)
        result = mkdocs_build(project, published=True)
        assert result.returncode == 0, result.stderr
        out[language] = built_text(project / "site") | {f"visible:{k}": v for k, v in visible_text(project / "site").items()}
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_interface_string_of_the_other_language_in_the_site(builds: dict[str, dict[str, str]], language: str) -> None:
    data = "\n".join(p.read_text("utf-8") for p in (FIXTURES / "crossborder").rglob("*.yml"))
    other = next(lang for lang in LANGUAGES if lang != language)
    foreign = {piece for piece in _fragments(other) if piece not in data}
    assert len(foreign) > 50
    seen = {path: text for path, text in builds[language].items() if path.startswith("visible:")}
    leaks = sorted({f"{path}: {piece}" for path, text in seen.items() for piece in foreign if _contains(text, piece)})
    assert leaks == [], "\n".join(leaks[:20])
    # And the theme speaks the language too: page language, search language, link previews.
    home = builds[language]["index.html"]
    assert re.search(rf'<html[^>]* lang="{language}"', home)
    assert f'"lang":["{language}"]' in builds[language]["search/search_index.json"].replace(" ", "")
    assert f'content="{catalogue(language).text("locale")}"' in home


def test_nothing_else_of_another_language_shows(builds: dict[str, dict[str, str]]) -> None:
    # Beyond the catalogues: the theme, Markdown and MkDocs print words of their own (a heading link's
    # title, the 404 page, the footer). In the Chinese site no Latin word may show that the data does not
    # hold; in the English site no Chinese.
    data = "\n".join(p.read_text("utf-8") for p in (FIXTURES / "crossborder").rglob("*.yml"))
    # Ids are data too, though they are file names: job descriptions end with the page's address.
    data += "\n" + "\n".join(p.stem for p in (FIXTURES / "crossborder").rglob("*.yml")) + "\nhttps handbook example com positions"
    # The Chinese interface names a few technical things in Latin (make check, data/, YAML); the
    # repository link's label comes from its host.
    allowed = {w.lower() for v in catalogue("zh").strings.values() for w in re.findall(r"[A-Za-z]{3,}", v)} | {"git"}
    latin = set()
    for path, text in builds["zh"].items():
        if path.startswith("visible:"):
            latin |= {w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() not in data.lower() and w.lower() not in allowed}
    assert latin == set()
    han = set()
    for path, text in builds["en"].items():
        if path.startswith("visible:"):
            han |= {run for run in re.findall(r"[\u4e00-\u9fff]+", text) if run not in data}
    assert han == set()


def test_chart_labels_are_in_the_language(builds: dict[str, dict[str, str]]) -> None:
    page = builds["en"]["visible:positions/ppc-lead/index.html"]
    assert "1 person" in page and "人" not in page.replace("人员", "")


def test_english_site_uses_english_words(builds: dict[str, dict[str, str]]) -> None:
    page = builds["en"]["positions/ppc-lead/index.html"]
    for words in ("Responsibilities", "Reports to", "When you are stuck", "Getting started", "1 person"):
        assert words in page, words
    assert "Lead" in page  # the default level names are the interface language's


def test_a_company_level_scheme_names_the_levels(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "crossborder")
    handbook = project / "data" / "handbook.yml"
    handbook.write_text(handbook.read_text("utf-8") + "levels:\n  - id: p8\n    name: P8 总监\n  - id: p5\n    name: P5 专员\n", "utf-8")
    for path in (project / "data" / "positions").glob("*.yml"):
        text = path.read_text("utf-8")
        level = "p8" if "level: executive" in text or "level: manager" in text else "p5"
        path.write_text(re.sub(r"^level: \w+$", f"level: {level}", text, flags=re.M), "utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    index = (project / "site" / "positions" / "index.html").read_text("utf-8")
    assert "P8 总监" in index and "P5 专员" in index and "专员级" not in index
