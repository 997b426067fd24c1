"""Error lines stay one readable line whatever the data quotes in them."""

from __future__ import annotations

from generator.errors import DataError, quote


def test_invisible_characters_are_written_as_escapes() -> None:
    # A terminal escape (U+009B), a right-to-left override or a line separator could disguise a line in a CI log.
    error = DataError("data/x.yml", 3, 5, "a\x9b2J\u202eevil\u2028x", "found 'm\n\t\x00' 直通车")
    assert str(error) == "data/x.yml:3:5: a\\x9b2J\\u202eevil\\u2028x: found 'm\\n\\t\\x00' 直通车"


def test_long_field_paths_and_quotes_are_shortened() -> None:
    assert str(DataError("data/x.yml", 1, 1, "k" * 500, "m")) == f"data/x.yml:1:1: {'k' * 120}…: m"
    assert quote("长" * 100) == "'" + "长" * 60 + "…'"


def test_astral_characters_are_escaped_in_full() -> None:
    assert str(DataError("data/x.yml", 1, 1, "", "tag \U000e0041 here")) == "data/x.yml:1:1: tag \\U000e0041 here"


def test_one_file_prints_at_most_fifty_lines() -> None:
    from generator.errors import PER_FILE, DataErrors

    errors = DataErrors([DataError("data/a.yml", i, 1, f"k{i}", "unknown field") for i in range(1, 201)] + [DataError("data/b.yml", 1, 1, "", "x")])
    lines = errors.lines()
    assert len(lines) == PER_FILE + 2 and errors.count == 201
    assert lines[PER_FILE] == "data/a.yml: 150 more errors in this file not shown"
    assert lines[-1] == "data/b.yml:1:1: x"
