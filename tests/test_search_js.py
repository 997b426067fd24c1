"""The query preparation in overrides/assets/javascripts/search.js, run in Node (a prerequisite of the project)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from site_project import ROOT, VENDOR

CASES = {
    "FBA物流主管": "FBA 物流主管\u2e80",  # Latin against Chinese is separated; the run ends with the sentinel
    "A/B测试": "A/B 测试\u2e80",
    "跟卖": "跟卖\u2e80",
    "reporting": "reporting report",  # an English word also goes as its stem
    "policy": "policy polici",
    "-reporting": "-reporting",  # lunr's operators are left as typed
    "title:reporting": "title:reporting",
    "ACoS": "ACoS",  # acronyms are not stemmed (aco* would find account)
    "KOL": "KOL",
    "广告优化主管 (PPC)": "广告优化主管\u2e80 (PPC)",
}


def test_queries_are_prepared_for_materials_search(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    (tmp_path / "javascripts").mkdir()
    shutil.copy(ROOT / "overrides" / "assets" / "javascripts" / "search.js", tmp_path / "javascripts" / "search.js")
    shutil.copytree(ROOT / VENDOR, tmp_path / "vendor")
    script = (
        "globalThis.Worker = class { postMessage(m) { globalThis.sent = m; } };"
        f"const {{ normalise }} = await import({json.dumps((tmp_path / 'javascripts' / 'search.js').as_uri())});"
        f"const out = Object.fromEntries({json.dumps(list(CASES))}.map(q => [q, normalise(q)]));"
        "new Worker().postMessage({ type: 2, data: 'FBA物流' }); out.sent = globalThis.sent.data;"
        "new Worker().postMessage({ type: 0, data: 'FBA物流' }); out.other = globalThis.sent.data;"
        "console.log(JSON.stringify(out));"
    )
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {q: out[q] for q in CASES} == CASES
    # Only query messages are rewritten, on their way to the worker.
    assert out["sent"] == "FBA 物流\u2e80" and out["other"] == "FBA物流"
