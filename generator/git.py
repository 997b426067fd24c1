"""Every call to git goes through here: bounded in time, never waiting for input, failing in one line.

Page dates and history, the role diff and ``make upgrade`` all read git. A
machine without git, a folder that is not a repository, a slow disk or a
remote asking for a password must end in one clear line (``HandbookError``)
or, for what is only nice to have (page dates and history), in nothing at all,
never in a traceback or a hang.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import HandbookError

TIMEOUT = 120
"""Seconds one git command may take; a fetch or an archive of a large history stays well below."""

# No prompt for credentials or an editor, and no lock taken by read-only commands, so a call can
# neither wait for a person nor get in the way of the person's own git commands.
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": "", "GIT_EDITOR": "true", "GIT_OPTIONAL_LOCKS": "0"}


@dataclass(frozen=True)
class Result:
    """What one git command did."""

    code: int
    stdout: bytes
    stderr: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def text(self) -> str:
        """Return the output as text (UTF-8, undecodable bytes replaced)."""
        return self.stdout.decode("utf-8", "replace")

    def lines(self) -> list[str]:
        """Return the non-blank lines of the output."""
        return [line for line in self.text.splitlines() if line.strip()]


def run(cwd: Path, *args: str, stdin: bytes | None = None, check: bool = True, timeout: float = TIMEOUT) -> Result:
    """Run ``git args`` in ``cwd``; raise a one-line HandbookError when git is missing, too slow or (``check``) fails."""
    what = _name(args)
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True, timeout=timeout, env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise HandbookError(f"git {what}: git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise HandbookError(f"git {what}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise HandbookError(f"git {what}: cannot run git: {exc.strerror or exc}") from None
    result = Result(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))
    if check and not result.ok:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise HandbookError(f"git {what} failed: {last}")
    return result


def _name(args: tuple[str, ...]) -> str:
    """Return the command and its first operand (``fetch upstream``), for messages; options are left out."""
    words: list[str] = []
    after_c = False
    for arg in args:
        if after_c or arg == "-c":
            after_c = not after_c
        elif not arg.startswith("-"):
            words.append(arg)
    return " ".join(words[:2])


def optional(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = TIMEOUT) -> Result | None:
    """Run ``git args`` for something a page can do without (dates, history): None on any failure."""
    try:
        result = run(cwd, *args, stdin=stdin, check=False, timeout=timeout)
    except HandbookError:
        return None
    return result if result.ok else None


def full_history(cwd: Path) -> bool:
    """Return whether ``cwd`` is in a git checkout with its whole history.

    Outside git, without git, or in a shallow clone (CI's default), whose single
    commit would look like the last change of every file, history says nothing.
    """
    result = optional(cwd, "rev-parse", "--is-shallow-repository", timeout=60)
    return result is not None and result.text.strip() == "false"


def is_work_tree(cwd: Path) -> bool:
    """Return whether ``cwd`` is inside a git work tree (and git can be run)."""
    result = optional(cwd, "rev-parse", "--is-inside-work-tree", timeout=60)
    return result is not None and result.text.strip() == "true"
