"""The two yardsticks a build is measured against in the same run, so that ratios survive a noisy machine.

- **The floor** (tests/bench_floor.py, in its own process): parse the YAML with CSafeLoader and
  convert every page with Python-Markdown, no theme. No build can be faster.
- **The naive anchor**: plain mkdocs + mkdocs-material + mermaid2 over the same generated Markdown,
  with a minimal mkdocs.yml (no hook, default navigation, the project's Markdown extensions), as a
  company would get by pointing MkDocs at the generator's output.

Also the growth exponent: how a cost grows with the number of positions (1 is linear).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from site_project import VENV_BIN, env

NAIVE_MAX = int(os.environ.get("BENCH_NAIVE_MAX", "1000"))
"""The largest N the naive anchor is built for: it grows quadratically (every page lists every page)."""


def floor_seconds(project: Path) -> dict[str, float]:
    """Run the floor over ``project``'s data and generated pages; return its timings (seconds) and page count."""
    result = subprocess.run(
        [str(VENV_BIN / "python"), str(Path(__file__).with_name("bench_floor.py")), str(project)],
        cwd=project, env=env(), capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _markdown_extensions(mkdocs_yml: str) -> str:
    """Return the project's ``markdown_extensions:`` block as written (it may hold !!python tags)."""
    start = mkdocs_yml.index("\nmarkdown_extensions:")
    block = [mkdocs_yml[start + 1:].splitlines()[0]]
    for line in mkdocs_yml[start + 1:].splitlines()[1:]:
        if line and not line.startswith((" ", "#")):
            break
        block.append(line)
    return "\n".join(block) + "\n"


def naive_project(project: Path, dest: Path) -> Path:
    """Lay out the naive anchor for ``project``: its generated and hand-written pages in one docs folder."""
    docs = dest / "docs"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(project / "docs", docs)
    shutil.copytree(project / "generated", docs, dirs_exist_ok=True)
    config = (
        "site_name: Naive anchor\n"
        "theme:\n  name: material\n"
        "plugins:\n  - search\n  - mermaid2:\n      javascript: assets/vendor/mermaid-loader.js\n"
        + _markdown_extensions((project / "mkdocs.yml").read_text("utf-8"))
    )
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    return dest


def naive_seconds(project: Path, dest: Path) -> float:
    """Build the naive anchor of ``project`` (not strict: its default navigation warns); return wall seconds."""
    anchor = naive_project(project, dest)
    start = time.perf_counter()
    subprocess.run([str(VENV_BIN / "mkdocs"), "build", "--quiet"], cwd=anchor, env=env(), check=True, capture_output=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(anchor, ignore_errors=True)
    return seconds


def exponent(n0: float, y0: float, n1: float, y1: float) -> float | None:
    """Return k in y ∝ n^k through two measurements (1.0 is linear growth); None when it cannot be told."""
    if min(n0, y0, n1, y1) <= 0 or n0 == n1:
        return None
    return math.log(y1 / y0) / math.log(n1 / n0)


if __name__ == "__main__":
    print(naive_seconds(Path(sys.argv[1]), Path(sys.argv[2])))
