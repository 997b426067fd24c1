"""The floor of a build: parse every YAML file with CSafeLoader and convert every page with Python-Markdown, no theme.

    python tests/bench_floor.py PROJECT        (run by tests/bench.py after the pages are generated)

Prints one JSON line: seconds for each part and the pages converted. The pages are those the
build converts (the generated folder and the hand-written docs), with the project's own
Markdown extensions; MkDocs itself, the theme, search and Mermaid are left out. Nothing a
build could skip is, so a build cannot be faster than this.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import markdown
import yaml
from mkdocs.config import load_config
from mkdocs.utils import meta


def floor(project: Path) -> dict[str, float]:
    config = load_config(str(project / "mkdocs.yml"))
    pages = [f for folder in ("generated", config["docs_dir"]) for f in sorted((project / folder).rglob("*.md"))]
    start = time.perf_counter()
    for path in sorted((project / "data").rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    parsed = time.perf_counter()
    converter = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    for page in pages:
        converter.reset().convert(meta.get_data(page.read_text("utf-8"))[0])
    done = time.perf_counter()
    return {"yaml s": parsed - start, "markdown s": done - parsed, "seconds": done - start, "pages": len(pages)}


if __name__ == "__main__":
    print(json.dumps(floor(Path(sys.argv[1]))))
