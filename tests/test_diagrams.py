"""Mermaid sources stay well-formed whatever the titles contain."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.site import diagrams, flowchart
from generator.catalogue import catalogue
from generator.source.load import load
from generator.model.build import validate

from conftest import FIXTURES

HOSTILE = 'a"]; click p_x call alert(1) %% <img src=x onerror=alert(1)> #quot; `md` \\ end\nB[x]'
LINE = re.compile(
    r'^(flowchart (TB|LR)'
    r'|[pdm]_[a-z0-9_]+\["[^"]*"\]'
    r'|[pdm]_[a-z0-9_]+ (-->|-\.->) [pdm]_[a-z0-9_]+'
    r'|click [pdm]_[a-z0-9_]+ href "[a-z0-9./_-]*(#[a-z-]+)?"'
    r'|classDef [a-z]+ [^;"<>]+'
    r'|class [pdm]_[a-z0-9_,]+ [a-z]+)$'
)


def _model():
    return validate(load(FIXTURES / "basic"))


def _hostile_model():
    model = _model()
    positions = {k: replace(p, title=HOSTILE) for k, p in model.positions.items()}
    departments = {k: replace(d, name=HOSTILE) for k, d in model.departments.items()}
    return type(model)(model.handbook, departments, positions)


def _url(kind: str, item_id: str) -> str:
    return f"../{kind}s/{item_id}/"


TEXT = catalogue("zh").text


def _all_sources(model) -> list[str]:
    out = [diagrams.company_chart(model, _url, TEXT)]
    out += [diagrams.department_chart(model, d, _url, TEXT) for d in model.departments.values()]
    out += [diagrams.reporting_chart(model, p, _url, TEXT) for p in model.positions.values()]
    return out


def test_label_escapes_every_special_character() -> None:
    out = flowchart.label(HOSTILE)
    assert out.startswith('"') and out.endswith('"')
    inner = re.sub(r"#\w+;", "", out[1:-1])  # Mermaid entity codes are the only ';' left
    for ch in '"<>;`\\\n#&*_':
        assert ch not in inner
    assert "#35;quot#59;" in out  # a literal entity in the title stays literal text


def test_every_line_of_every_diagram_is_well_formed() -> None:
    for source in _all_sources(_hostile_model()):
        for line in source.splitlines():
            assert LINE.match(line), line


def test_reporting_chart_has_chain_and_reports() -> None:
    model = _model()
    src = diagrams.reporting_chart(model, model.positions["operations-director"], _url, TEXT)
    assert "p_general_manager --> p_operations_director" in src
    assert "p_operations_director --> p_art_lead" in src
    assert "p_operations_director --> p_operations_specialist" in src
    assert 'click p_art_lead href "../positions/art-lead/"' in src
    assert "class p_operations_director current" in src
    assert "p_designer" not in src


def test_department_chart_links_subdepartments_and_outside_manager() -> None:
    model = _model()
    src = diagrams.department_chart(model, model.departments["operations"], _url, TEXT)
    assert "p_operations_director --> d_art" in src
    assert "class p_general_manager external" in src
    assert 'click d_art href "../departments/art/"' in src


def test_company_chart_shows_departments_with_total_headcount() -> None:
    src = diagrams.company_chart(_model(), _url, TEXT)
    assert 'd_company["公司<br/>10 人"]' in src
    assert "d_company --> d_operations" in src and "d_operations --> d_art" in src
    assert "p_" not in src


def _forest(spec: dict[str, list[str]]):
    return lambda n: spec.get(n, [])


def _drawn_count(shown: list[str], folded: dict[str, list[str]]) -> int:
    return len(shown) + len(folded)


def test_fit_keeps_a_small_tree_whole() -> None:
    kids = _forest({"a": ["b", "c"], "b": ["d"]})
    assert flowchart.fit(["a"], kids) == (["a", "b", "c", "d"], {})


def test_fit_folds_a_wide_level_and_counts_the_summary() -> None:
    kids = _forest({"boss": [f"r{i}" for i in range(60)]})
    shown, folded = flowchart.fit(["boss"], kids, budget=40)
    assert shown == ["boss"] + [f"r{i}" for i in range(38)]
    assert folded == {"boss": [f"r{i}" for i in range(38, 60)]}
    assert _drawn_count(shown, folded) == 40


def test_fit_takes_children_from_every_branch_in_turn() -> None:
    spec = {"top": ["a", "b"], "a": [f"a{i}" for i in range(30)], "b": [f"b{i}" for i in range(30)]}
    shown, folded = flowchart.fit(["top"], _forest(spec), budget=20)
    assert {"a0", "b0", "a6", "b6"} <= set(shown)
    assert set(folded) == {"a", "b"}
    assert _drawn_count(shown, folded) <= 20


def test_fit_leaves_surplus_roots_to_the_caller() -> None:
    roots = [f"t{i}" for i in range(50)]
    shown, folded = flowchart.fit(roots, _forest({}), budget=40)
    assert shown == roots[:39] and folded == {}


def test_fit_keeps_room_for_the_callers_summary_when_roots_overflow() -> None:
    # 30 roots with two children each: the level expansion must not spend the slot kept for the roots' summary.
    spec = {f"t{i}": [f"t{i}a", f"t{i}b"] for i in range(30)}
    roots = list(spec)
    shown, folded = flowchart.fit(roots, _forest(spec), budget=40)
    assert len(shown) < 30 + 60
    assert _drawn_count(shown, folded) + 1 <= 40


def test_fit_stays_within_budget_on_random_forests() -> None:
    import random

    rng = random.Random(7)
    for _ in range(300):
        size = rng.randint(1, 400)
        # Several roots: every node below n_roots hangs under an earlier node.
        n_roots = rng.choice([1, 1, 3, 30, 80])
        parent = {f"n{i}": f"n{rng.randrange(i)}" for i in range(n_roots, max(size, n_roots))}
        spec: dict[str, list[str]] = {}
        for child, boss in parent.items():
            spec.setdefault(boss, []).append(child)
        roots = [f"n{i}" for i in range(n_roots)]
        budget = rng.randint(3, 60)
        shown, folded = flowchart.fit(roots, _forest(spec), budget=budget)
        left_out = [r for r in roots if r not in shown]
        assert _drawn_count(shown, folded) + (1 if left_out else 0) <= budget
        assert all(parent[n] in shown for n in shown if n in parent), "a drawn node hangs under an undrawn one"
        hidden_roots = [h for hs in folded.values() for h in hs] + left_out
        covered = set(shown)
        stack = list(hidden_roots)
        while stack:
            n = stack.pop()
            covered.add(n)
            stack.extend(spec.get(n, []))
        assert covered == {f"n{i}" for i in range(max(size, n_roots))}, "some node is neither drawn nor summarised"


def test_chart_words_follow_the_interface_language() -> None:
    src = diagrams.company_chart(_model(), _url, catalogue("en").text)
    assert 'd_company["公司<br/>10 people"]' in src and "人" not in src.replace("公司", "")
