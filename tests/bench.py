"""Benchmark: generate and build synthetic organisations of N positions and print what it costs.

    python tests/bench.py [N ...]        (make bench: N = 100 and 1000)

Prints, per N: load+validate, render+write, no-op regeneration, `mkdocs build
--strict` (with mermaid2), peak memory, files written, site and search-index
size, and — when Chromium is available — how long the search box takes to
answer on a fresh page. Then the sample handbook: the steps of `make build`, and
how long a saved YAML edit takes to be served by `mkdocs serve`. Last, the inputs at the edge of what the
schemas accept (tests/hostile_orgs.py) and the seeded fuzz run: what each costs, since their tests only catch hangs.
Timing lives here, never in the unit tests.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.source.load import load  # noqa: E402
from generator.site.render import render  # noqa: E402
from generator.model.build import validate  # noqa: E402
from generator.site.write import write_pages  # noqa: E402
from generator.pipeline import generate  # noqa: E402
from bench_anchor import NAIVE_MAX, exponent, floor_seconds, naive_seconds  # noqa: E402
from site_project import VENV_BIN, env, free_port, get_text, make_project  # noqa: E402
from synthetic_org import write_org  # noqa: E402
import hostile_orgs  # noqa: E402

QUERY_TIMEOUT = 30
SERVE_N = 1000
"""The organisation size at which a saved edit under mkdocs serve is timed (besides the sample)."""


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _run_measured(cmd: list[str], cwd: Path) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Run ``cmd``; return wall seconds, peak RSS in MB of the process tree's largest member, and the result."""
    probe = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
        "sys.exit(r.returncode)"
    )
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, env=env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak_kb = int(result.stderr.strip().splitlines()[-1]) if result.stderr.strip() else 0
    return wall, peak_kb // 1024, result


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _search_latency(site: Path, query: str) -> tuple[float | None, float | None]:
    """Seconds from opening a page to the search box showing results for ``query``, and the kilobytes of
    search index downloaded until then, compressed as a web server sends them; None without Chromium."""
    try:
        from browser import _CHROMIUM_ARGS, chromium_path, serve
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None, None
    executable = chromium_path()
    if executable is None:
        return None, None
    fetched: list[int] = []
    with serve(site, compress=True) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=_CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", lambda r: fetched.append(int(r.headers.get("content-length") or 0)) if "/search/" in r.url else None)
        start = time.perf_counter()
        page.goto(base)
        page.click(".md-search__input")
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        page.wait_for_function(
            "() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=QUERY_TIMEOUT * 1000
        )
        elapsed = time.perf_counter() - start
        index_kb = sum(fetched) / 1e3
        browser.close()
        return elapsed, index_kb


def bench_org(n: int, work: Path) -> dict[str, object]:
    data = work / f"org-{n}"
    write_org(data, n)
    project = make_project(work / f"project-{n}", data=data)
    out = project / "generated"
    row: dict[str, object] = {"positions": n}
    t_load, model = _timed(lambda: validate(load(project / "data")))
    t_write, report = _timed(lambda: write_pages(out, render(model)))
    row["load+validate s"] = t_load
    row["render+write s"] = t_write
    row["positions/s"] = n / (t_load + t_write)
    row["files written"] = len(report.written)
    t_noop, (_, again) = _timed(lambda: generate(project / "data", out, project))
    row["no-op regen s"] = t_noop
    row["no-op files written"] = len(again.written)
    wall, peak, result = _run_measured([str(VENV_BIN / "mkdocs"), "build", "--strict", "--quiet"], project)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed at N={n}:\n{result.stderr[-3000:]}")
    row["mkdocs build s"] = wall
    floor = floor_seconds(project)
    row["floor s"] = floor["seconds"]
    row["naive anchor s"] = naive_seconds(project, work / f"naive-{n}") if n <= NAIVE_MAX else None
    row["peak memory MB"] = peak
    site = project / "site"
    row["site MB"] = _size(site) / 1e6
    row["search index MB"] = _size(site / "search") / 1e6
    title = next(iter(model.positions.values())).title
    row["search answer s"], row["search KB before results"] = _search_latency(site, title)
    if n == SERVE_N:
        first = sorted((project / "data" / "positions").glob("*.yml"))[0]
        row["serve: edit served s"] = serve_edit(project, f"positions/{first.stem}/", first)
    return row


def bench_sample(work: Path) -> dict[str, object]:
    project = make_project(work / "sample")
    row: dict[str, object] = {}
    check, _, _ = _run_measured([str(VENV_BIN / "python"), "-m", "generator", "check"], project)
    build, peak, result = _run_measured([str(VENV_BIN / "mkdocs"), "build", "--strict", "--quiet", "-d", "site.tmp"], project)
    if result.returncode != 0:
        raise SystemExit(f"sample build failed:\n{result.stderr[-3000:]}")
    row["make build s (check + build)"] = check + build
    row["peak memory MB"] = peak
    row["serve: edit served s"] = serve_edit(project, "positions/store-manager/", project / "data" / "positions" / "store-manager.yml")
    return row


def serve_edit(project: Path, page: str, path: Path) -> float:
    """Seconds from saving an edit to ``path`` (its summary) to ``page`` serving it under `make serve`'s mkdocs serve."""
    port = free_port()
    proc = subprocess.Popen(
        [str(VENV_BIN / "mkdocs"), "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.monotonic() + 600
        while "</html>" not in get_text(url):
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.2)
        marker = "基准测试标记"
        text = path.read_text("utf-8")
        start = time.perf_counter()
        path.write_text(text.replace("summary: ", f"summary: {marker}", 1), "utf-8")
        while marker not in get_text(url):
            if time.perf_counter() - start > 120:
                raise SystemExit("the edit was not served within 120 s")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


HOSTILE_SIZES = {
    "reporting chain": 30, "direct reports and collaborators of one position": 5_000, "glossary terms": 5_000,
    "plan entries (5 plans)": 1_000, "department depth": 12,
}
"""The largest each writer of tests/hostile_orgs.py may go within the schemas' caps (5,000 stands for a large company)."""


def bench_hostile(work: Path) -> list[tuple[str, int, float, float, int]]:
    """Return (input, size, check s, generate s, files) for each edge input, and the fuzz run's slowest document."""
    rows = []
    for kind, size in HOSTILE_SIZES.items():
        project = work / f"hostile-{len(rows)}"
        hostile_orgs.CLASSES[kind](project / "data", size)
        check, _, result = _run_measured([str(VENV_BIN / "python"), "-m", "generator", "check"], project)
        if result.returncode != 0:
            raise SystemExit(f"{kind} at {size} was refused:\n{result.stderr[-2000:]}")
        generate, _, _ = _run_measured([str(VENV_BIN / "python"), "-m", "generator", "generate"], project)
        rows.append((kind, size, check, generate, sum(1 for f in (project / "generated").rglob("*") if f.is_file())))
    return rows


def bench_fuzz(work: Path) -> tuple[float, dict[str, int]]:
    import shutil

    from test_fuzz import COUNT, SEED, fuzz

    data = work / "fuzz" / "data"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "basic", data)
    cwd = os.getcwd()
    os.chdir(data.parent)
    try:
        return fuzz(data, SEED, COUNT)
    finally:
        os.chdir(cwd)


def print_ratios(rows: list[dict[str, object]]) -> None:
    """Print the build against the floor and the naive anchor of the same run, and the growth exponents."""
    for r in rows:
        build, floor, naive = r["mkdocs build s"], r["floor s"], r["naive anchor s"]
        print(f"N={r['positions']}: build / floor: {build / floor:.1f}×")  # type: ignore[operator]
        print(f"N={r['positions']}: build / naive anchor: " + (f"{build / naive:.2f}×" if naive else "n/a (BENCH_NAIVE_MAX)"))  # type: ignore[operator]
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        for key in ("mkdocs build s", "peak memory MB", "no-op regen s"):
            k = exponent(a["positions"], a[key], b["positions"], b[key])  # type: ignore[arg-type]
            print(f"growth exponent of {key}, N={a['positions']} → {b['positions']}: " + ("n/a" if k is None else f"{k:.2f} (1 = linear)"))


def _fmt(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return str(value)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000]
    print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(tmp)
        rows = []
        for n in sizes:
            print(f"… N={n}", file=sys.stderr)
            rows.append(bench_org(n, work))
        keys = [k for k in rows[0] if k != "positions"]
        header = ["measure", *(f"N={r['positions']}" for r in rows)]
        if len(rows) > 1:
            header.append(f"ratio {rows[-1]['positions']}/{rows[0]['positions']}")
        lines = [header]
        for key in keys:
            values = [r[key] for r in rows]
            line = [key, *(_fmt(v) for v in values)]
            if len(rows) > 1:
                a, b = values[0], values[-1]
                line.append(f"{b / a:.1f}×" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a else "")
            lines.append(line)
        widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
        for line in lines:
            print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)))
        print_ratios(rows)
        print()
        print("sample handbook")
        for key, value in bench_sample(work).items():
            print(f"  {key}: {_fmt(value)}")
        print()
        print("inputs at the schemas' limits (check / generate, seconds)")
        for kind, size, check, generate, files in bench_hostile(work):
            print(f"  {kind}, {size:,}: {check:.2f} / {generate:.2f} ({files:,} files)")
        slowest, outcomes = bench_fuzz(work)
        print(f"  fuzz: slowest of {sum(outcomes.values())} mutated documents {slowest:.2f} s ({outcomes['errors']} refused, {outcomes['valid']} valid)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
