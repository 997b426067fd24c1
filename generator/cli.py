"""Command line: ``python -m generator check|generate|new|upgrade`` (installed as ``handbook``). Parses options and calls one function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .audience import AUDIENCES
from .catalogue import LANGUAGES
from .errors import HandbookError


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code (1 when the data has errors)."""
    parser = argparse.ArgumentParser(prog="handbook", description="Validate handbook data, generate its pages, start or upgrade a company's handbook.")
    parser.add_argument("--data", type=Path, default=Path("data"), help="folder with handbook.yml, departments/ and positions/ (default: data)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the data only")
    gen = sub.add_parser("generate", help="validate, then write the Markdown pages")
    gen.add_argument("--out", type=Path, default=Path("generated"), help="folder for generated pages (default: generated)")
    gen.add_argument("--audience", choices=AUDIENCES, default="internal", help="internal handbook (default) or public careers site")
    new = sub.add_parser("new", help="start a company's own handbook: the sample moves to examples/sample/, a starter organisation takes its place")
    new.add_argument("--organization", required=True, help="the company's name, e.g. 星海跨境电商")
    new.add_argument("--language", choices=LANGUAGES, default=LANGUAGES[0], help="interface language (default: zh)")
    up = sub.add_parser("upgrade", help="take the tool's files from a later version; data/ and docs/ stay as they are")
    up.add_argument("--from", dest="source", default="upstream", help="git revision of the version to take, or a remote for its default branch (default: upstream)")
    args = parser.parse_args(argv)
    if args.command in ("new", "upgrade") and args.data != Path("data"):
        parser.error(f"{args.command} works on the project in the working directory; --data does not apply")
    try:
        if args.command == "check":
            from .pipeline import build_model

            from .audience import public_view

            from .recruiting import build_date, current_openings, expiry_warnings

            model = build_model(args.data)
            today = build_date()
            # Warnings, not errors: an opening that closes is the normal course of things, yet someone should tidy it.
            for line in expiry_warnings(model, today):
                print(line, file=sys.stderr)
            public = public_view(current_openings(model, today))
            hiring = sum(len(p.openings) for p in public.positions.values())
            print(f"ok: {len(model.departments)} departments, {len(model.positions)} positions, headcount {model.headcount}; "
                  f"the public site shows {len(public.departments)} departments, {len(public.positions)} positions"
                  + (f", {hiring} current opening{'s' if hiring != 1 else ''}" if hiring else ""))
        elif args.command == "generate":
            from .pipeline import generate

            model, report = generate(args.data, args.out, audience=args.audience)
            print(f"generated {len(report.written)} changed, {len(report.removed)} removed, {report.unchanged} unchanged files in {args.out}")
        elif args.command == "new":
            from .adopt import new_handbook

            for line in new_handbook(Path.cwd(), args.organization, args.language):
                print(line)
            print("next: make serve to see it, edit data/ (README: Start your own handbook), make test, then commit")
        else:
            from .adopt import upgrade

            for line in upgrade(Path.cwd(), args.source):
                print(line)
            print("next: make check and make test, then commit the upgrade")
    except HandbookError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        if args.command in ("check", "generate"):
            count = exc.count
            print(f"{count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    return 0
