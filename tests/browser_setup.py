"""The browser the browser tests drive: find it, or install Debian's Chromium and a Chinese font.

    python tests/browser_setup.py install   (make browser: install, or say in one line why it cannot)
    python tests/browser_setup.py ensure    (make test: install only when missing and possible without a
                                             password prompt; otherwise say nothing, and the test run's last
                                             line tells how many browser tests did not run)

Debian's packages are used because Playwright's own browser download needs the internet beyond the
package registries; any other Chromium or Chrome can be named with HANDBOOK_CHROMIUM instead.
HANDBOOK_NO_BROWSER_INSTALL=1 keeps make test from installing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium_path  # noqa: E402

PACKAGES = ("chromium", "fonts-noto-cjk")


def has_chinese_font() -> bool:
    """Return whether fontconfig knows a font for Chinese (without one, pages render as boxes); True where it cannot tell."""
    if shutil.which("fc-list") is None:
        return True
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=60)
    return bool(found.stdout.strip())


def missing() -> list[str]:
    """Return the Debian packages the browser tests still need here."""
    return [p for p, there in zip(PACKAGES, (chromium_path() is not None, has_chinese_font()), strict=True) if not there]


def privilege() -> list[str] | None:
    """Return the prefix that runs apt-get as root without asking for a password, or None."""
    if shutil.which("apt-get") is None:
        return None
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True, timeout=60).returncode == 0:
        return ["sudo", "-n"]
    return None


def install(packages: list[str], prefix: list[str]) -> bool:
    """Install ``packages`` with apt-get; return whether it worked."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = [[*prefix, "apt-get", "update", "-qq"], [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]]
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            print(f"browser tests: {' '.join(step[len(prefix):3])} failed: {last}", file=sys.stderr)
            return False
    return True


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "ensure"
    needed = missing()
    if not needed:
        if command == "install":
            print(f"browser tests: using {chromium_path()}")
        return 0
    prefix = privilege()
    if command == "ensure" and (prefix is None or os.environ.get("HANDBOOK_NO_BROWSER_INSTALL")):
        return 0
    if prefix is None:
        print("make browser: needs apt-get (Debian or Ubuntu) and root or sudo; elsewhere install Chromium or Chrome "
              "and set HANDBOOK_CHROMIUM to it", file=sys.stderr)
        return 1
    print(f"browser tests: installing Debian's {' and '.join(needed)} (make browser) …", file=sys.stderr)
    ok = install(needed, prefix)
    return 0 if ok or command == "ensure" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
