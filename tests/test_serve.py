"""Under `mkdocs serve`, saving a YAML file regenerates the page once, without a rebuild loop."""

from __future__ import annotations

import pytest

import subprocess
import time
from pathlib import Path


from site_project import VENV_BIN, env, free_port, get_text, make_project

from conftest import FIXTURES


pytestmark = pytest.mark.slow


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_yaml_edit_is_served_without_rebuild_loop(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "basic")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [str(VENV_BIN / "mkdocs"), "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env(), stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/positions/designer/"
    try:
        assert _wait_for(lambda: "制作图片" in get_text(url), 90), (tmp_path / "serve.log").read_text()
        builds = lambda: (tmp_path / "serve.log").read_text().count("Building documentation")  # noqa: E731
        assert builds() == 1
        yml = project / "data" / "positions" / "designer.yml"
        yml.write_text(yml.read_text("utf-8").replace("制作图片。", "制作商品主图与详情页。"), "utf-8")
        assert _wait_for(lambda: "制作商品主图与详情页" in get_text(url), 60), (tmp_path / "serve.log").read_text()
        time.sleep(4)  # a loop would show up as further builds here
        output = (tmp_path / "serve.log").read_text()
        assert builds() == 2, output
        # Quiet: the address and each rebuild, not a line per page from mermaid2 (about 250 for the sample).
        assert f"Serving on http://127.0.0.1:{port}/" in output and "MERMAID2" not in output and "WARNING" not in output, output
        assert len(output.splitlines()) < 20, output
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
