"""Search in a handbook that mixes Chinese and Latin text (a cross-border seller), in both interface languages.

Material's search missed exact titles such as FBA物流主管, found "(PPC)" but not
PPC, and turned 跟卖 into 跟*, ranking pages that only contain 跟 above the term.
"""

from __future__ import annotations


import pytest

from browser import open_page, pages_of_their_own, search, search_problems, serve, visit_all, watch_page
from generator.pipeline import build_model
from site_project import make_project, mkdocs_build, set_language

from conftest import FIXTURES

pytestmark = pytest.mark.slow


LATIN = ["PPC", "A/B", "KOL", "SKU", "ODR", "ACoS", "FBA", "Listing"]


@pytest.fixture(scope="module", params=["zh", "en"])
def crossborder(request, tmp_path_factory: pytest.TempPathFactory, chromium):
    """Build the cross-border fixture in one interface language; yield (base URL, model, page texts)."""
    project = make_project(tmp_path_factory.mktemp(f"crossborder-{request.param}") / "p", data=FIXTURES / "crossborder")
    set_language(project, request.param)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    model = build_model(project / "data", root=project)
    with serve(project / "site") as base:
        visits = visit_all(chromium, base, project / "site")
        yield base, model, {f"/{url}": v["article"] for url, v in pages_of_their_own(visits).items()}


@pytest.fixture
def searching(crossborder, chromium):
    base, model, texts = crossborder
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = watch_page(context, page)
    open_page(page, base)
    page.click(".md-search__input")
    yield page, model, texts
    context.close()
    assert seen.blocked == [] and seen.errors == []


def test_exact_titles_names_and_terms_are_found_and_ranked_first(searching) -> None:
    page, model, texts = searching
    queries = {p.title: f"/positions/{p.id}/" for p in model.positions.values()}
    queries |= {d.name: f"/departments/{d.id}/" for d in model.departments.values()}
    queries |= {t.term: "/glossary/" for t in model.glossary}
    assert {"FBA物流主管", "广告优化主管 (PPC)", "Listing优化主管", "KOL合作专员", "跟卖", "A/B测试"} <= set(queries)
    problems = search_problems(page, queries, texts)
    assert problems == [], "\n".join(problems)
    # A title is its page's best match: nothing ranks above it.
    for title in ("FBA物流主管", "广告优化主管 (PPC)", "Listing优化主管"):
        assert search(page, title)[1][0] == queries[title], title


@pytest.mark.parametrize("word", LATIN)
def test_latin_words_are_found_wherever_they_are_written(searching, word: str) -> None:
    # Written inside brackets, against Chinese (A/B测试, KOL合作专员) or after a full-width colon.
    page, _, texts = searching
    _, found = search(page, word)
    expected = {url for url, text in texts.items() if word.lower() in text.lower()}
    assert expected and expected <= set(found), sorted(expected - set(found))


@pytest.mark.parametrize("crossborder", ["en"], indirect=True)  # the Chinese interface has no English words to inflect
def test_english_words_are_found_in_every_form(searching, crossborder) -> None:
    page, model, texts = searching
    assert model.handbook.language == "en"
    # "responsibility" finds the Responsibilities sections, "handbooks" the about page: the query is stemmed.
    for query, needle in (("responsibility", "Responsibilities"), ("handbooks", "handbook"), ("reporting", "Reports to")):
        _, found = search(page, query)
        expected = {url for url, text in texts.items() if needle in text}
        assert expected and expected <= set(found), (query, sorted(expected - set(found)))
