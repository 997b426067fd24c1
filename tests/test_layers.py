"""The flow is one way: source → model → review → site, over a shared kernel, with the entry points on top.

Each module of generator/ belongs to one layer, and may import only from its own layer and the ones
below it; an arrow back up (the model importing the site, say) fails here, naming the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
KERNEL = {"errors", "escape", "catalogue", "paths", "git", "suggest", "wordmatch", "urls", "segment"}
"""Shared by every stage: errors, escaping, interface strings, paths, git, word matching, addresses."""
ENTRY = {"__init__", "__main__", "cli", "hook", "pipeline", "adopt", "ci"}
"""What users and MkDocs call: they may use everything."""
ALLOWED = {
    "kernel": {"kernel"},
    "source": {"kernel", "source"},
    "model": {"kernel", "source", "model"},
    "review": {"kernel", "source", "model", "review"},
    # A page's change history is worded by the review (its role changes) and shown by the site.
    "site": {"kernel", "model", "review", "site"},
    "entry": {"kernel", "source", "model", "review", "site", "entry"},
}
STAGES = ("source", "model", "review", "site")


def _layer(parts: tuple[str, ...]) -> str | None:
    """Return the layer of generator.<parts> (a module or a package), None when it has none."""
    head = parts[0]
    if head in STAGES:
        return head
    return "kernel" if head in KERNEL else "entry" if head in ENTRY else None


def _imports(path: Path, root: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Return (line, module below the package) for every import of the package's own modules in ``path``."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    out: list[tuple[int, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = (*base, *(node.module.split(".") if node.module else ()))
            elif node.module and node.module.split(".")[0] == root.name:
                target = tuple(node.module.split(".")[1:])
            else:
                continue
            # "from . import git" imports a module; "from .errors import X" imports from one.
            out += [(node.lineno, (*target, a.name)) for a in node.names] if not node.module and target == base else [(node.lineno, target)] if target else []
        elif isinstance(node, ast.Import):
            out += [(node.lineno, tuple(a.name.split(".")[1:])) for a in node.names if a.name.startswith(root.name + ".")]
    return out


def layer_problems(root: Path) -> list[str]:
    """Return every module without a layer and every import that goes up the layers, as ``path:line: …``."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).with_suffix("").parts
        mine = _layer(rel)
        if mine is None:
            problems.append(f"{root.name}/{'/'.join(rel)}.py: belongs to no layer (a stage package, KERNEL or ENTRY)")
            continue
        for line, target in _imports(path, root):
            theirs = _layer(target)
            if theirs is not None and theirs not in ALLOWED[mine]:
                problems.append(f"{root.name}/{'/'.join(rel)}.py:{line}: {mine} imports {theirs} ({root.name}.{'.'.join(target)})")
    return problems


def test_every_import_goes_down_the_layers() -> None:
    assert len(list(GENERATOR.rglob("*.py"))) > 30
    assert layer_problems(GENERATOR) == []


def test_an_arrow_back_up_is_seen(tmp_path: Path) -> None:
    root = tmp_path / "generator"
    for rel, text in {
        "errors.py": "", "model/__init__.py": "", "model/records.py": "from ..site.render import page\nfrom .. import errors\n",
        "site/__init__.py": "", "site/render.py": "from ..model.records import X\n", "source/load.py": "import generator.review.diff\n",
        "review/diff.py": "", "stray.py": "",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    assert layer_problems(root) == [
        "generator/model/records.py:1: model imports site (generator.site.render)",
        "generator/source/load.py:1: source imports review (generator.review.diff)",
        "generator/stray.py: belongs to no layer (a stage package, KERNEL or ENTRY)",
    ]
