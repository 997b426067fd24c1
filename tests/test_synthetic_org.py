"""The synthetic organisation used by the large-org browser tests and the benchmark is valid, sized as asked and reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import build_model
from synthetic_org import write_org

N = 120


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yml"))}


def test_output_validates_and_honours_the_count(tmp_path: Path) -> None:
    summary = write_org(tmp_path / "data", N)
    model = build_model(tmp_path / "data")  # what `python -m generator check` runs; raises DataErrors on any problem
    assert summary["positions"] == len(model.positions) == N
    assert len(list((tmp_path / "data" / "positions").glob("*.yml"))) == N
    assert summary["departments"] == len(model.departments)
    assert summary["max_depth"] == 1 + max(depth for depth, _ in model.walk_departments())
    assert [d.name for d in model.top_departments] == ["总经办"]
    assert [p.title for p in model.positions.values() if p.reports_to is None] == ["总经理"]
    assert len({p.title for p in model.positions.values()}) == N
    assert len(model.glossary) >= 30
    assert any(model.jargon(model.position_texts(p)) for p in model.positions.values())


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    write_org(tmp_path / "a", N, seed=3)
    write_org(tmp_path / "b", N, seed=3)
    write_org(tmp_path / "c", N, seed=4, glossary=False)
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert a == b
    assert "glossary.yml" not in c
    assert a != c


def test_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_org(tmp_path, 10)
