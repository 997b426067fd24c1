"""The compiled fast path never accepts a file that the reference validator (jsonschema) rejects."""

from __future__ import annotations

import random

import pytest
import yaml

from generator.source.shape import _fast_validator, _validator
from mutate import paths, replaced

from conftest import FIXTURES

_FIXTURES = [FIXTURES / "basic", FIXTURES / "crossborder"]
_SAMPLES = {
    "position": sorted(p for f in _FIXTURES for p in (f / "positions").glob("*.yml"))[:8],
    "department": sorted(p for f in _FIXTURES for p in (f / "departments").glob("*.yml"))[:6],
    "plan": sorted((FIXTURES / "basic" / "plans").glob("*.yml")),
    "handbook": [f / "handbook.yml" for f in _FIXTURES],
    "glossary": [f / "glossary.yml" for f in _FIXTURES],
}
_ODD_VALUES = [None, True, 0, -1, 1.5, "", "x", "Bad Id", "ok-id\n", ["ok-id\n"], [], [""], {}, {"x": 1}, ["a", 1]]


@pytest.mark.parametrize("kind", sorted(_SAMPLES))
def test_fast_and_reference_validators_agree_on_mutations(kind: str) -> None:
    rng = random.Random(kind)
    fast, reference = _fast_validator(kind), _validator(kind)
    checked = 0
    for path in _SAMPLES[kind]:
        data = yaml.safe_load(path.read_text("utf-8"))
        for where in [p for p in paths(data) if p]:
            for new in rng.sample(_ODD_VALUES, 4):
                mutated = replaced(data, where, new)
                try:
                    fast(mutated)
                    accepted = True
                except Exception:
                    accepted = False
                assert accepted == reference.is_valid(mutated), (path.name, where, new)
                checked += 1
        extra = dict(data, unexpected_field=1)
        assert not reference.is_valid(extra)
    assert checked > 20
