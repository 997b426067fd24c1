"""Mermaid sources stay well-formed whatever the titles contain."""

from __future__ import annotations

import re
from dataclasses import replace

from generator import diagrams
from generator.load import load
from generator.validate import validate

from conftest import FIXTURES

HOSTILE = 'a"]; click p_x call alert(1) %% <img src=x onerror=alert(1)> #quot; `md` \\ end\nB[x]'
LINE = re.compile(
    r'^(flowchart (TB|LR)'
    r'|[pd]_[a-z0-9_]+\["[^"]*"\]'
    r'|[pd]_[a-z0-9_]+ (-->|-\.->) [pd]_[a-z0-9_]+'
    r'|click [pd]_[a-z0-9_]+ href "[a-z0-9./_-]*"'
    r'|classDef [a-z]+ [^;"<>]+'
    r'|class [pd]_[a-z0-9_,]+ [a-z]+)$'
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


def _all_sources(model) -> list[str]:
    out = [diagrams.company_chart(model, _url)]
    out += [diagrams.department_chart(model, d, _url) for d in model.departments.values()]
    out += [diagrams.reporting_chart(model, p, _url) for p in model.positions.values()]
    return out


def test_label_escapes_every_special_character() -> None:
    out = diagrams.label(HOSTILE)
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
    src = diagrams.reporting_chart(model, model.positions["operations-director"], _url)
    assert "p_general_manager --> p_operations_director" in src
    assert "p_operations_director --> p_art_lead" in src
    assert "p_operations_director --> p_operations_specialist" in src
    assert 'click p_art_lead href "../positions/art-lead/"' in src
    assert "class p_operations_director current" in src
    assert "p_designer" not in src


def test_department_chart_links_subdepartments_and_outside_manager() -> None:
    model = _model()
    src = diagrams.department_chart(model, model.departments["operations"], _url)
    assert "p_operations_director --> d_art" in src
    assert "class p_general_manager external" in src
    assert 'click d_art href "../departments/art/"' in src


def test_company_chart_shows_departments_with_total_headcount() -> None:
    src = diagrams.company_chart(_model(), _url)
    assert 'd_company["公司<br/>10 人"]' in src
    assert "d_company --> d_operations" in src and "d_operations --> d_art" in src
    assert "p_" not in src
