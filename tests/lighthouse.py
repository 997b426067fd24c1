"""Lighthouse (npm, mobile preset) against the system Chromium: what a candidate's phone gets.

    python tests/lighthouse.py            (part of make bench; needs node_modules from npm install)

Builds the public careers site of this project's data (the sample, or a company's own handbook)
and of the recruiting fixture (current openings on a fixed date), and the internal handbook's longest onboarding
checklist (when there are plans), serves each compressed as a web
server would, and prints per page the four category scores, bytes transferred, first and largest
contentful paint, and whether the Mermaid library was fetched during the load. Targets (issue 12):
performance ≥ 95, accessibility, best practices and SEO 100, on a position page and the openings page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browser import chromium_path, serve  # noqa: E402
from site_project import ROOT, make_project, mkdocs_build  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
FIXTURE_DATE = "2026-06-15"
"""The day tests/fixtures/hiring is built for (its README)."""
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _public_site(work: Path, data: Path | None, today: str | None, audience: str = "public") -> Path:
    project = work if (work / "mkdocs.yml").exists() else make_project(work, data=data)
    extra = {"HANDBOOK_AUDIENCE": audience, "HANDBOOK_OUT_DIR": f".{audience}/generated"}
    if today:
        extra["HANDBOOK_TODAY"] = today
    result = mkdocs_build(project, "-d", f"site-{audience}", published=True, extra_env=extra)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr}")
    return project / f"site-{audience}"


def _audit(url: str, out: Path) -> dict:
    chrome = chromium_path()
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", "--form-factor=mobile",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": chrome or ""}, check=True, timeout=300,
    )
    report = json.loads(out.read_text("utf-8"))
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "kB": round(sum(r.get("transferSize", 0) for r in requests) / 1024),
        "FCP s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 1),
        "LCP s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
        "TBT ms": round(audits["total-blocking-time"]["numericValue"]),
        "mermaid": "fetched" if any("mermaid.min.js" in r["url"] for r in requests) else "not fetched",
        "failed": [ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                   if ref.get("weight") and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1 and c != "performance"],
    }


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("lighthouse: not installed (make bench runs npm install)")
        return 1
    if chromium_path() is None:
        print("lighthouse: no Chromium (apt-get install chromium)")
        return 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sites = {
            "handbook": _public_site(work / "handbook", None, None),
            "recruiting fixture": _public_site(work / "hiring", ROOT / "tests" / "fixtures" / "hiring", FIXTURE_DATE),
        }
        from generator.pipeline import build_model

        model = build_model(work / "handbook" / "data", root=work / "handbook")
        # The position page with the most to show: a manager with reports, so a reporting chart with several boxes.
        busiest = max((p for p in model.positions.values() if p.reports_to), key=lambda p: (len(model.direct_reports(p.id)), p.id))
        pages = [
            ("handbook", f"positions/{busiest.id}/"),
            ("handbook", "openings/"),
            ("recruiting fixture", "positions/operations-specialist/"),
            ("recruiting fixture", "openings/"),
        ]
        if model.has_onboarding:
            # What a new hire opens on a phone on day one: the longest checklist of the internal handbook.
            sites["internal handbook"] = _public_site(work / "handbook", None, None, audience="internal")
            longest = max(model.positions.values(), key=lambda p: (sum(len(items) for s in p.onboarding for _, items in s.lists()), p.id))
            pages.append(("internal handbook", f"positions/{longest.id}/onboarding/"))
        for i, (site, path) in enumerate(pages):
            with serve(sites[site], compress=True) as base:
                rows.append((f"{site}: /{path}", _audit(base + path, work / f"report-{i}.json")))
    header = ["page", *CATEGORIES, "kB", "FCP s", "LCP s", "TBT ms", "mermaid"]
    print("Lighthouse, mobile preset (simulated slow 4G, 4x CPU slowdown), public site served gzip-compressed:")
    print(" | ".join(header))
    for name, r in rows:
        print(" | ".join([name, *(str(r[h]) for h in header[1:])]))
        if name.startswith("internal handbook") and "is-crawlable" in r["failed"]:
            # The internal handbook asks search engines to stay out (robots noindex): its SEO score says so.
            r["failed"].remove("is-crawlable")
            print("    SEO: not crawlable, as the internal handbook means to be (robots noindex)")
        if r["failed"]:
            print(f"    below 100: {', '.join(r['failed'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
