"""Command line: ``python -m generator check|generate``. Parses options and calls the pipeline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import HandbookError
from .pipeline import build_model, generate


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code (1 when the data has errors)."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="Validate handbook data and generate its pages.")
    parser.add_argument("--data", type=Path, default=Path("data"), help="folder with handbook.yml, departments/ and positions/ (default: data)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the data only")
    gen = sub.add_parser("generate", help="validate, then write the Markdown pages")
    gen.add_argument("--out", type=Path, default=Path("generated"), help="folder for generated pages (default: generated)")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            model = build_model(args.data)
            print(f"ok: {len(model.departments)} departments, {len(model.positions)} positions, headcount {model.headcount}")
        else:
            model, report = generate(args.data, args.out)
            print(f"generated {len(report.written)} changed, {len(report.removed)} removed, {report.unchanged} unchanged pages in {args.out}")
    except HandbookError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        count = exc.count
        print(f"{count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    return 0
