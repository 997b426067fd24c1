"""Command line: ``python -m generator check|diff|codeowners|generate|new|upgrade`` (installed as ``handbook``).

Each command parses its options, calls one function that returns what to say, and prints it;
a HandbookError is printed as its lines, without a traceback, and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue import LANGUAGES
from .errors import HandbookError
from .model.audience import AUDIENCES
from .review.annotations import FORMATS


def _parser() -> argparse.ArgumentParser:
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
    dif.add_argument("--build-failed", action="store_true", help="say first that the site build failed (CI), so an older summary never reads as current")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code (1 when the data has errors)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in ("new", "upgrade") and args.data != Path("data"):
        parser.error(f"{args.command} works on the project in the working directory; --data does not apply")
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "diff":
            return _diff(args)
        print(_run(args), end="")
    except HandbookError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        if args.command == "generate":
            print(f"{exc.count} error{'s' if exc.count != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    return 0


def _check(args: argparse.Namespace) -> int:
    """Validate; print errors and warnings in the chosen format. Exit 1 on errors, 0 with warnings only."""
    from .pipeline import check
    from .review.annotations import layout

    report = check(args.data, args.codeowners)
    out, err = layout(report, args.format)
    print(out, end="")
    print(err, end="", file=sys.stderr)
    return 1 if report.failed else 0


def _diff(args: argparse.Namespace) -> int:
    """Print the role-change summary; exit 1 when a side does not validate (the summary then lists its errors)."""
    from .pipeline import role_diff

    text, ok = role_diff(Path.cwd(), args.data, args.base, args.head, args.format, args.site_url, build_failed=args.build_failed)
    print(text, end="")
    if not ok:
        print("the data does not validate, so the change cannot be compared: the summary lists the errors", file=sys.stderr)
    return 0 if ok else 1


def _run(args: argparse.Namespace) -> str:
    """Run a command other than check; return what it prints."""
    if args.command == "codeowners":
        from .pipeline import build_model
        from .review.codeowners import write_codeowners

        return write_codeowners(build_model(args.data), args.out) + "\n"
    if args.command == "generate":
        from .pipeline import generate

        _, report = generate(args.data, args.out, audience=args.audience)
        return f"generated {len(report.written)} changed, {len(report.removed)} removed, {report.unchanged} unchanged files in {args.out}\n"
    if args.command == "new":
        from .adopt import new_handbook

        done = new_handbook(Path.cwd(), args.organization, args.language)
        return "".join(line + "\n" for line in done) + "next: make serve to see it, edit data/ (README: Start your own handbook), make test, then commit\n"
    from .adopt import upgrade

    done = upgrade(Path.cwd(), args.source)
    return "".join(line + "\n" for line in done) + "next: make check and make test, then commit the upgrade\n"
