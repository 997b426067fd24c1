"""The search worker that answers from the prepared index returns what Material's own worker returns.

Both run in Node (tests/search_harness.mjs) on the same index: Material's from the documents
Material listed, ours from the parts generator/site/searchindex.py wrote. Results, scores and
highlighting must be equal, for every title, every index word and lunr's query operators.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from generator.site.searchindex import UnsupportedSearch, read_docs, split_index, write_parts
from generator.site.searchstop import ENGLISH_STOP_WORDS
from generator.site.searchwords import SEPARATOR, search_config
from site_project import ROOT, VENDOR

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
OURS = ROOT / "overrides" / "assets" / "javascripts" / "search"
HARNESS = Path(__file__).parent / "search_harness.mjs"
MAX_WORDS = 3000  # index words queried one by one; a larger handbook is sampled evenly
OPERATORS = ["+{}", "-{}", "{}~1", "*{}", "title:{}", "text:{}", "{}^10", '"{} {}"', "{} -{}"]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    return node


def _material_worker(site: Path) -> Path:
    found = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert found, "Material's search worker is not in the site"
    return found[0]


def _answers(site: Path, worker: Path, setup: dict, queries: list[str], work: Path) -> dict:
    (work / "setup.json").write_text(json.dumps(setup, ensure_ascii=False), "utf-8")
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    result = subprocess.run(
        [_node(), str(HARNESS), str(worker), str(site), str(work / "setup.json"), str(work / "queries.json")],
        capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _plain(title: str) -> str:
    return re.sub(r"<[^>]+>|\u200b", "", title).strip()


def _queries(site: Path) -> list[str]:
    docs = read_docs(site / "search")
    terms = json.loads((site / "search" / "handbook" / "terms.json").read_text("utf-8"))["terms"]
    step = max(1, len(terms) // MAX_WORDS)
    words = terms[::step]
    queries = sorted({_plain(d["title"]) for d in docs} - {""}) + words + sorted({w[:1] for w in words})
    sample = [w for w in words if re.fullmatch(r"\w+", w)][:: max(1, len(words) // 20)]
    queries += [op.format(w, w) for w in sample for op in OPERATORS]
    return queries


def _compare(site: Path, work: Path, queries: list[str]) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    config = {k: v for k, v in index["config"].items() if k != "prepared"}
    options = {"suggest": False}
    theirs = _answers(site, _material_worker(site), {"config": config, "docs": read_docs(site / "search"), "options": options}, queries, work)
    ours = _answers(site, site / "assets" / "javascripts" / "search" / "worker.js", {"config": index["config"], "docs": [], "options": options}, queries, work)
    problems = []
    for a, b in zip(theirs["answers"], ours["answers"], strict=True):
        (expected,) = a["results"]
        expected["items"] = [[{k: v for k, v in item.items() if k != "parent"} for item in group] for group in expected["items"]]
        final = b["results"][-1]
        if final != expected:
            problems.append(f"{a['query']!r}: {json.dumps(final, ensure_ascii=False)[:300]} != {json.dumps(expected, ensure_ascii=False)[:300]}")
        for early in b["results"][:-1]:
            # A first answer lists the same results in the same order; the first ten groups are complete.
            if [[i["location"] for i in g] for g in early["items"]] != [[i["location"] for i in g] for g in final["items"]] or early["items"][:10] != final["items"][:10]:
                problems.append(f"{a['query']!r}: the first answer differs from the complete one")
    return problems


@pytest.mark.slow
def test_prepared_search_answers_as_materials_worker(handbook_site: Path, tmp_path: Path) -> None:
    site = handbook_site / "site"
    problems = _compare(site, tmp_path, _queries(site))
    assert problems == [], "\n".join(problems[:20])


# Text that Material's tokenizer and the Python one could cut differently: markup, stray brackets,
# white space that JavaScript and Python disagree on, case mappings beyond ASCII, astral characters.
HOSTILE = [
    ("a/", "标题 Title", "<p>运营\u200b主管</p> <code>x<y</code> a > b c/>d </p>e<br/>f <b>粗</b>"),
    ("a/#s", "Σ ΣΑΣ İstanbul", "x\x1cy z\x85w u\ufeffv s\u00a0t p\u2028q 𝐀𝐁 ǅ ß ﬁ"),
    ("b/", "<p>tag in title</p>", "< lone <<< >> ><a href='x'>link</a> <!-- c --> &lt;x&gt;"),
    ("b/#t", "", "repeat repeat repeat reporting reports the and of"),
    ("#home-section", "首页一节", "an address that starts with #, after another page's"),
    ("", "首页", "the home page"),
    ("#home-other", "首页另一节", "a section of the page named last"),
    ("c/#orphan", "无页之节", "a section whose page is not listed before it"),
]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_words_are_cut_as_materials_tokenizer_cuts_them(tmp_path: Path, language: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(MATERIAL_JS / "workers", site / "assets" / "javascripts" / "workers")
    shutil.copytree(MATERIAL_JS / "lunr", site / "assets" / "javascripts" / "lunr")
    shutil.copytree(OURS, site / "assets" / "javascripts" / "search")
    shutil.copytree(ROOT / VENDOR, site / "assets" / "vendor")
    config = {**search_config(language), "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}
    docs = [{"location": loc, "title": title, "text": text} for loc, title, text in HOSTILE]
    docs[1]["tags"] = ["Tag One", "标签"]
    docs[3]["boost"] = 2
    write_parts(site / "search", split_index({"config": config, "docs": docs}))
    terms = json.loads((site / "search" / "handbook" / "terms.json").read_text("utf-8"))["terms"]
    raw = {w for _, title, text in HOSTILE for w in re.split(r"[\s<>/=']+", f"{title} {text}") if w}
    problems = _compare(site, tmp_path, sorted(set(terms) | raw | {"-repeat", "repeat~1", "*port"}))
    assert problems == [], "\n".join(problems[:20])
    assert read_docs(site / "search") == docs


def test_the_stop_words_are_lunrs() -> None:
    source = (ROOT / VENDOR / "lunr.min.js").read_text("utf-8")
    listed = re.search(r"generateStopWordFilter\(\[([^\]]*)\]\)", source)
    assert listed is not None
    assert set(json.loads(f"[{listed.group(1)}]")) == ENGLISH_STOP_WORDS


def test_parts_are_deterministic_and_stale_ones_removed(tmp_path: Path) -> None:
    config = {**search_config("zh"), "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
    docs = [{"location": f"p{i}/", "title": f"岗位{i}", "text": " ".join(f"w{i}x{j}" for j in range(500))} for i in range(60)]
    big = split_index({"config": config, "docs": docs})
    assert big.files == split_index({"config": config, "docs": docs}).files
    assert sum(name.startswith("handbook/t") for name in big.files) > 1 and sum(name.startswith("handbook/p") for name in big.files) > 1
    write_parts(tmp_path, big)
    small = split_index({"config": config, "docs": docs[:1]})
    kept = tmp_path / "handbook" / "docs.json"
    write_parts(tmp_path, small)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json")) == sorted(small.files)
    before = kept.stat().st_mtime_ns
    write_parts(tmp_path, small)
    assert kept.stat().st_mtime_ns == before  # unchanged parts are not written again
    assert json.loads((tmp_path / "search_index.json").read_text("utf-8"))["config"]["prepared"]["version"] == small.version != big.version
    assert SEPARATOR == config["separator"]


def test_links_in_the_search_folder_are_never_written_through(tmp_path: Path) -> None:
    config = {**search_config("zh"), "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
    parts = split_index({"config": config, "docs": [{"location": "a/", "title": "岗位", "text": "职责"}]})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "terms.json").write_text("keep", "utf-8")
    site = tmp_path / "site" / "search"
    (site / "handbook").mkdir(parents=True)
    (site / "search_index.json").symlink_to(outside / "terms.json")
    (site / "handbook" / "docs.json").symlink_to(outside / "terms.json")
    (site / "handbook" / "old.json").symlink_to(outside / "terms.json")
    write_parts(site, parts)
    assert (outside / "terms.json").read_text("utf-8") == "keep"
    assert not any(p.is_symlink() for p in site.rglob("*"))
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "handbook").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsupportedSearch, match=r"^linked/handbook is a symbolic link"):
        write_parts(linked, parts)
    assert sorted(p.name for p in outside.iterdir()) == ["terms.json"]
