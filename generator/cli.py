"""Command line: ``python -m generator check|generate|new|upgrade`` (installed as ``handbook``). Parses options and calls one function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .review.annotations import FORMATS
from .model.audience import AUDIENCES
from .catalogue import LANGUAGES
from .errors import HandbookError


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code (1 when the data has errors)."""
    parser = argparse.ArgumentParser(prog="handbook", description="Validate handbook data, generate its pages, start or upgrade a company's handbook.")
    parser.add_argument("--data", type=Path, default=Path("data"), help="folder with handbook.yml, departments/ and positions/ (default: data)")
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate the data only")
    chk.add_argument("--format", choices=FORMATS, default="text", help="text (default), github (workflow commands), gitlab (Code Quality JSON) or json")
    chk.add_argument("--codeowners", type=Path, default=None, help="also check that this CODEOWNERS file is up to date (make check: CODEOWNERS)")
    dif = sub.add_parser("diff", help="what a change does in role terms, between two git revisions or data folders")
    dif.add_argument("base", help="git revision (main, origin/main, HEAD~1) or a data folder")
    dif.add_argument("head", nargs="?", default=None, help="git revision or data folder (default: the working tree)")
    dif.add_argument("--format", choices=("markdown", "json"), default="markdown")
    dif.add_argument("--site-url", default="", help="link changed pages to this published handbook")
    own = sub.add_parser("codeowners", help="write CODEOWNERS from the owners of departments and handbook.yml")
    own.add_argument("--out", type=Path, default=Path("CODEOWNERS"), help="file to write (default: CODEOWNERS)")
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
            return _check(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "codeowners":
            from .pipeline import build_model
            from .review.codeowners import write_codeowners

            print(write_codeowners(build_model(args.data), args.out))
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


def _check(args: argparse.Namespace) -> int:
    """Validate; print errors and warnings in the chosen format. Exit 1 on errors, 0 with warnings only."""
    from .review import annotations
    from .model.audience import public_view
    from .errors import DataError, DataErrors
    from .pipeline import build_model
    from .model.openings import build_date, current_openings, expiry_warnings

    findings: list[tuple[DataError, str]] = []
    text_errors: list[str] = []
    summary = ""
    try:
        model = build_model(args.data)
        today = build_date()
        # Warnings, not errors: an opening that closes is the normal course of things, yet someone should tidy it.
        findings += [(w, "warning") for w in expiry_warnings(model, today)]
        if args.codeowners is not None:
            from .review.codeowners import stale_codeowners

            stale = stale_codeowners(model, args.data, args.codeowners)
            findings += [(e, "error") for e in stale]
            text_errors += [str(e) for e in stale]
        public = public_view(current_openings(model, today))
        hiring = sum(len(p.openings) for p in public.positions.values())
        summary = (f"ok: {len(model.departments)} departments, {len(model.positions)} positions, headcount {model.headcount}; "
                   f"the public site shows {len(public.departments)} departments, {len(public.positions)} positions"
                   + (f", {hiring} current opening{'s' if hiring != 1 else ''}" if hiring else ""))
    except DataErrors as exc:
        findings += [(e, "error") for e in exc.errors]
        text_errors = exc.lines()  # at most 50 lines per file
    except HandbookError as exc:
        findings += [(DataError(args.data.as_posix(), 0, 0, "", line), "error") for line in exc.lines()]
        text_errors = exc.lines()
    errors = sum(1 for _, s in findings if s == "error")
    if errors:
        summary = f"{errors} error{'s' if errors != 1 else ''}; nothing was written"
    if args.format == "json":
        print(annotations.as_json(findings, summary), end="")
    elif args.format == "gitlab":
        print(annotations.gitlab(findings), end="")
        print(summary, file=sys.stderr)
    elif args.format == "github":
        for line in annotations.github(findings):
            print(line)
        print(summary, file=sys.stderr if errors else sys.stdout)
    else:
        for line in text_errors + [annotations.text_line(e, sev) for e, sev in findings if sev == "warning"]:
            print(line, file=sys.stderr)
        print(summary, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def _diff(args: argparse.Namespace) -> int:
    from .catalogue import catalogue
    from .review.diff import diff
    from .review.diff_report import to_json, to_markdown
    from .review.revisions import WORKING_TREE, model_at

    root = Path.cwd()
    resolved = args.data.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise HandbookError(f"{args.data}: diff compares the data folder of this repository; run it from the repository's top folder")
    data = resolved.relative_to(root.resolve()).as_posix()
    head = args.head or WORKING_TREE
    old = model_at(root, args.base, data)
    new = model_at(root, head, data)
    result = diff(old, new)
    if args.format == "json":
        print(to_json(result, args.base, head), end="")
    else:
        print(to_markdown(result, catalogue(new.handbook.language), args.base, head, args.site_url), end="")
    return 0
