"""``handbook check --format``: the same errors and warnings as the text format, for CI systems to show on the YAML lines."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..errors import DataError

FORMATS = ("text", "github", "gitlab", "json")
GITHUB_SHOWN = 10
"""Error annotations GitHub shows per step (and warnings, separately)."""


@dataclass(frozen=True)
class CheckReport:
    """What ``handbook check`` found: every finding with its severity, and the summary line."""

    findings: list[tuple[DataError, str]]
    """(error, "error" | "warning"), in the order they are reported."""
    lines: list[str]
    """The text format's error lines: at most 50 a file, the rest counted (DataErrors.lines)."""
    summary: str

    @property
    def failed(self) -> bool:
        return any(severity == "error" for _, severity in self.findings)


def layout(report: CheckReport, fmt: str) -> tuple[str, str]:
    """Return what ``check --format fmt`` prints on standard output and on standard error."""
    if fmt == "json":
        return as_json(report.findings, report.summary), ""
    if fmt == "gitlab":
        return gitlab(report.findings), report.summary + "\n"
    if fmt == "github":
        out = "".join(line + "\n" for line in github(report.findings))
        return (out, report.summary + "\n") if report.failed else (out + report.summary + "\n", "")
    warnings = [text_line(e, severity) for e, severity in report.findings if severity == "warning"]
    err = "".join(line + "\n" for line in report.lines + warnings)
    return ("", err + report.summary + "\n") if report.failed else (report.summary + "\n", err)


def text_line(error: DataError, severity: str) -> str:
    """Return the one-line text form; warnings say so after the field."""
    return str(error if severity == "error" else DataError(error.path, error.line, error.column, error.field, f"warning: {error.message}"))


def _message(error: DataError) -> str:
    return f"{error.field}: {error.message}" if error.field else error.message


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[tuple[DataError, str]]) -> list[str]:
    """Return GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    out = []
    for error, severity in findings:
        props = [f"file={_github_property(error.path)}"]
        if error.line:
            props += [f"line={error.line}", f"col={error.column}"]
        props.append(f"title={_github_property(error.field or 'handbook')}")
        # The location is in the properties; the message is the text format's, after its location.
        out.append(f"::{severity} {','.join(props)}::{_github_data(_message(error))}")
    errors = sum(1 for _, severity in findings if severity == "error")
    if errors > GITHUB_SHOWN:
        # GitHub drops the annotations of a step past its limit without a word: say how many there are.
        out.append(f"::notice title=handbook::{errors} errors in all; GitHub marks at most {GITHUB_SHOWN} of them on the files. "
                   "The job log and the summary comment list every one.")
    return out


def gitlab(findings: list[tuple[DataError, str]]) -> str:
    """Return a GitLab Code Quality report (JSON): one issue per finding, fingerprinted by what and where, not by line."""
    issues = []
    for error, severity in findings:
        fingerprint = hashlib.sha256("\0".join((error.path, error.field, error.message)).encode("utf-8")).hexdigest()
        issues.append({
            "description": _message(error),
            "check_name": "handbook-" + ("warning" if severity == "warning" else "data"),
            "fingerprint": fingerprint,
            "severity": "major" if severity == "error" else "minor",
            "location": {"path": error.path, "lines": {"begin": max(error.line, 1)}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def as_json(findings: list[tuple[DataError, str]], summary: str = "") -> str:
    """Return every finding as plain JSON, with the text line each one prints as."""
    items = [
        {"severity": severity, "path": e.path, "line": e.line, "column": e.column, "field": e.field, "message": e.message, "text": text_line(e, severity)}
        for e, severity in findings
    ]
    return json.dumps({"ok": not any(s == "error" for _, s in findings), "summary": summary, "findings": items}, ensure_ascii=False, indent=2) + "\n"
