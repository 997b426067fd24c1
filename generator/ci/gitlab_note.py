"""Post the role-change summary on a GitLab merge request, or update the one posted before (found by its marker).

    python -m generator.ci.gitlab_note role-changes.md

Run by the handbook:review job of gitlab-ci.yml; reads GitLab's predefined CI variables and a project
access token with the api scope in HANDBOOK_GITLAB_TOKEN.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
import urllib.request
from typing import Any

from ..review.diff_report import MARKER


def _call(method: str, url: str, token: str, body: dict | None = None) -> Any:
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"PRIVATE-TOKEN": token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the GitLab API of this pipeline
        return json.loads(response.read().decode("utf-8") or "null")


def main(argv: list[str]) -> int:
    token = os.environ.get("HANDBOOK_GITLAB_TOKEN", "")
    if not token:
        print("HANDBOOK_GITLAB_TOKEN is not set: the summary is in this job's log only", file=sys.stderr)
        return 0
    body = open(argv[0], encoding="utf-8").read()
    api = os.environ["CI_API_V4_URL"]
    project = urllib.parse.quote(os.environ["CI_PROJECT_ID"], safe="")
    notes = f"{api}/projects/{project}/merge_requests/{os.environ['CI_MERGE_REQUEST_IID']}/notes"
    me = _call("GET", f"{api}/user", token)["id"]
    # Only a note this token posted: anyone can start a note with the marker.
    existing = [n for n in _call("GET", notes + "?per_page=100&sort=asc", token)
                if str(n.get("body", "")).startswith(MARKER) and n.get("author", {}).get("id") == me]
    if existing:
        _call("PUT", f"{notes}/{existing[0]['id']}", token, {"body": body})
    else:
        _call("POST", notes, token, {"body": body})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
