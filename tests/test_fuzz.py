"""Random and mutated data files: only clean one-line errors come out, never a traceback or a hang.

The mutations are seeded, so a failure reproduces; the offending file is saved
to test-artifacts/. HANDBOOK_FUZZ_SEED and HANDBOOK_FUZZ_COUNT explore further.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import time
from pathlib import Path

import pytest
import yaml

from generator.errors import HandbookError
from generator.pipeline import build_model
from generator.site.render import render
from generator.source.yamlsource import parse

from mutate import paths

from conftest import FIXTURES

SEED = int(os.environ.get("HANDBOOK_FUZZ_SEED", "20261123"))
COUNT = int(os.environ.get("HANDBOOK_FUZZ_COUNT", "600"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "fuzz"
HANG = 60
"""Seconds after which one document counts as hung; how long documents take is printed by make bench."""
ERROR_LINE = re.compile(r"^(?P<path>data(?:/[^:\n]+)?)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<rest>[^\n]+)$")
CORE_TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!seq", "!!map", "!!timestamp", "!!binary", "!!merge", "!!value", "!"]
ODD_SCALARS = ["", "_", "-", "+", ".", "0x", "0o", "0b", ":", "1:", "1__", "._", ".e", "1e", "~", "''", '""', "<<", "=", "x" * 41]

TOKENS = [
    ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object/apply:os.system ", "!!python/name:os.system", "!!int ",
    "!!float ", "!!bool ", "!!binary ", "!!timestamp ", "!!set ", "!custom ", "<<: ", "? ", "|", ">", "'", '"', "#", "%TAG ! tag:yaml.org,2002:\n",
    "---\n", "...\n", "\t", "\x00", "\ufeff", "\u2028", "9" * 60, "1.0e+30", ".nan", ".inf", "2024-02-30", "~", "0x1F", "0o17", "1_000", "190:20:30",
    "on", "no", "null", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&#45;", "]]>", "{{ x }}", "{% x %}", "直通车", "  ", "\n",
    "../../etc/passwd", "index", "reports_to: ", "department: ", "head: ", "parent: ", "former_ids: ", "\\", "\r\n",
]


def hostile_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth < 25 and roll < 0.15:
        return [hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 25 and roll < 0.25:
        keys = ["title", "department", "reports_to", "with", "on", "to", "situation", "id", "term", "x", "", "<b>"]
        return {rng.choice(keys): hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return rng.choice([
        None, True, False, 0, -1, 1, 10**30, -(10**30), 1.0, 1.5, float("inf"), "", " ", "x" * rng.randint(1, 5000),
        "store-manager", "general-manager", "designer", "art", "operations", "Index", "a" * 64, "-a-", "a--b", "x\n",
        rng.choice(TOKENS), "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 6))), chr(rng.randint(1, 0x10FFFF)).replace("\ud800", "?"),
    ])


def mutate_structure(text: str, rng: random.Random) -> str:
    data = yaml.safe_load(text)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(list(paths(data)))
        if not path:
            data = hostile_value(rng)
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if rng.random() < 0.2 and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = hostile_value(rng)
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError):
        return text


def mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        at = rng.randint(0, len(text))
        if op == 0:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif op == 1:
            text = text[:at] + text[at + rng.randint(1, 20):]
        else:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == 2:
                lines.insert(j, lines[i])
            elif op == 3:
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip()
            text = "\n".join(lines)
    return text


def deep_text(rng: random.Random) -> str:
    depth = rng.choice([20, 1_000, 50_000])
    opener, closer = rng.choice([("[", "]"), ("{a: ", "}")])
    return "title: " + opener * depth + closer * depth


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def _line_count(text: str) -> int:
    # YAML also breaks lines at U+0085, U+2028 and U+2029; one more for a mark at the very end.
    return len(re.findall("\r\n|[\n\r\x85\u2028\u2029]", text)) + 2


def assert_clean(line: str, root: Path, texts: dict[str, str]) -> None:
    """Assert that ``line`` is one ``path[:line:column]: message`` line naming a real place."""
    match = ERROR_LINE.match(line)
    assert match and len(line) <= 1_000, line
    assert (root / match["path"]).exists() or (root / match["path"]).is_symlink() or match["path"] in ("data/departments", "data/positions"), line
    if match["line"]:
        lines = _line_count(texts.get(match["path"], ""))
        assert 1 <= int(match["line"]) <= lines and int(match["column"]) >= 1, line


def _check_one(data: Path, rel: str, text: str, label: str) -> tuple[float, bool]:
    """Run one document through load → validate → render; return the time taken and whether it was valid."""
    target = data / rel
    original = target.read_bytes()
    target.write_text(text, "utf-8", errors="surrogatepass")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    start = time.perf_counter()
    valid = True
    try:
        try:
            render(build_model(data))
        except HandbookError as exc:
            valid = False
            texts = {f"data/{p.relative_to(data).as_posix()}": p.read_text("utf-8", errors="replace") for p in data.rglob("*.yml")}
            for line in exc.lines():
                assert_clean(line, data.parent, texts)
    except (AssertionError, _Timeout, Exception) as exc:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        saved = ARTIFACTS / f"{label}.yml"
        saved.write_text(text, "utf-8", errors="surrogatepass")
        raise AssertionError(f"{label} ({rel}, saved to {saved}): {type(exc).__name__}: {exc}") from exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        target.write_bytes(original)
    return time.perf_counter() - start, valid


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "basic", tmp_path / "data")
    return tmp_path / "data"


def fuzz(data: Path, seed: int = SEED, count: int = COUNT) -> tuple[float, dict[str, int]]:
    """Run ``count`` seeded mutations of the files of ``data`` through the pipeline; return the slowest time and the outcomes."""
    rng = random.Random(seed)
    files = sorted(p.relative_to(data).as_posix() for p in data.rglob("*.yml"))
    originals = {rel: (data / rel).read_text("utf-8") for rel in files}
    slowest = 0.0
    outcomes = {"valid": 0, "errors": 0}
    for n in range(count):
        rel = rng.choice(files)
        kind = rng.random()
        if kind < 0.45:
            text = mutate_text(originals[rel], rng)
        elif kind < 0.9:
            text = mutate_structure(originals[rel], rng)
        elif kind < 0.95:
            text = deep_text(rng)
        else:
            text = yaml.safe_dump(hostile_value(rng), allow_unicode=True)
        elapsed, valid = _check_one(data, rel, text, f"seed{seed}-{n}")
        slowest = max(slowest, elapsed)
        outcomes["valid" if valid else "errors"] += 1
    return slowest, outcomes


def test_mutated_documents_give_only_clean_error_lines(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data.parent)
    _, outcomes = fuzz(data)
    # Both paths were exercised: some mutations stay valid (and are rendered), most are refused.
    assert outcomes["valid"] > COUNT // 50 and outcomes["errors"] > COUNT // 2, outcomes


def _parse_clean(text: str) -> None:
    doc, errors = parse(text, "data/x.yml")
    assert (doc is None) == bool(errors), text
    for error in errors:
        assert ERROR_LINE.match(str(error)) and error.path == "data/x.yml", (text, str(error))
        assert error.line == 0 or 1 <= error.line <= _line_count(text), (text, str(error))


@pytest.mark.parametrize("tag", CORE_TAGS)
def test_every_core_tag_with_every_odd_value(tag: str) -> None:
    # One inserted token ("!!int" before a newline) crashed PyYAML's constructor, and random mutation missed it.
    for value in ODD_SCALARS:
        for text in (f"a: {tag} {value}\n", f"- {tag} {value}\n", f"a: {tag}\n", f"{tag} {value}\n", f"a: [{tag} {value}]\n"):
            _parse_clean(text)


def test_random_token_soup_never_crashes_the_parser() -> None:
    rng = random.Random(SEED)
    units = TOKENS + ODD_SCALARS + CORE_TAGS + list("abc:-[]{}#&*!|>'\"%@`\n\t 0123456789")
    for _ in range(COUNT * 3):
        _parse_clean("".join(rng.choice(units) for _ in range(rng.randint(0, 60))))
