"""Material's search index, prepared at build time and split so that a query downloads only what it needs.

Material's worker downloads every page's text and builds a lunr index in the reader's browser
before the first result: 11 s at 5,000 positions. Here the same index is built once, in Python,
and written in parts (overrides/assets/javascripts/search/worker.js answers from them):

- ``search_index.json`` keeps Material's settings, which its page-side highlighting reads, and
  names the version of the parts; it no longer holds the documents.
- ``handbook/terms.json``: every index word, in the order lunr sorts them, and where each
  posting shard starts. The worker needs them all to cut a Chinese query into words.
- ``handbook/docs.json``: each section's address and title (anchors and titles numbered, since
  职责 and #duties recur on every page), and where each text chunk starts.
- ``handbook/p<k>.json``: for a run of words, lunr's term number and, per field, which sections
  hold it how often. A query loads the shards of the words it can match, usually two or three.
- ``handbook/t<k>.json``: the text of a run of sections, loaded for the results shown.

Words are cut exactly as Material's worker cuts them (its ``extract`` and ``tokenize``, and its
pipeline: nothing for Chinese, English stop words for English), so the worker scores with lunr's
own code and gets Material's numbers; tests/test_search_worker.py compares the two in Node.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .searchstop import ENGLISH_STOP_WORDS
from .searchwords import split_words

FOLDER = "handbook"
# Raw bytes per shard: a few are loaded per query, and each stays small once compressed.
POSTING_BYTES = 24_000
TEXT_BYTES = 32_000
# JavaScript's \s, which the separator is written in; Python's \s differs (\x1c-\x1f, \x85, \ufeff).
_JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


_ANGLE = re.compile("[<>]")


class UnsupportedSearch(ValueError):
    """Search settings this index cannot reproduce, or a search folder it will not write to; a path in
    the message is relative to the site folder."""


def separator_pattern(separator: str) -> re.Pattern[str]:
    """Compile Material's word separator (a JavaScript pattern) with JavaScript's meaning of \\s."""
    if "\\s" in separator.replace("[\\s", ""):
        raise UnsupportedSearch(f"search separator {separator!r}: \\s is supported only inside a [...] class")
    return re.compile(separator.replace("[\\s", "[" + _JS_SPACE))


def text_sections(value: str) -> Iterator[str]:
    """Yield the text between HTML tags, as Material's ``extract`` cuts a field (a stray > ends a tag too).

    Only < and > move its cursor, so the scan jumps from one to the next; which tags are open
    changes nothing about the text it yields."""
    start = 0
    for match in _ANGLE.finditer(value):
        end = match.start()
        if value[end] == "<":
            if end > start:
                yield value[start:end]
                start = end
        else:
            start = end + 1
    if len(value) > start:
        yield value[start:]


def tokens(value: object, separator: re.Pattern[str]) -> list[str]:
    """Return a field's words as Material's tokenizer makes them: cut at the separator, lower-cased."""
    if value is None:
        return []
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        for section in text_sections(str(item)):
            out += [w.lower() for w in separator.split(section) if w]
    return out


def js_order(term: str) -> bytes:
    """Sort key of JavaScript's default sort (UTF-16 code units), which lunr's word set requires."""
    return term.encode("utf-16-be", "surrogatepass")


@dataclass
class _Postings:
    number: int  # lunr's term index: the order in which the word first appeared
    fields: list[list[int]] = field(default_factory=list)  # per field: section, count, section, count …


@dataclass
class SearchParts:
    """The files of a split index, by path inside the search folder."""

    files: dict[str, bytes]
    version: str


def _pipeline(config: dict[str, Any]) -> Any:
    lang, pipeline = config.get("lang"), config.get("pipeline")
    if lang == ["zh"] and pipeline == ["stemmer"]:
        return lambda words: words  # lunr.zh's stemmer returns words as they are
    if lang == ["en"] and pipeline == ["stopWordFilter"]:
        return lambda words: [w for w in words if w not in ENGLISH_STOP_WORDS]
    raise UnsupportedSearch(f"search settings lang={lang} pipeline={pipeline} are not supported by the prepared index")


def _postings(docs: list[dict[str, Any]], fields: list[str], config: dict[str, Any]) -> dict[str, _Postings]:
    separator, pipeline = separator_pattern(config["separator"]), _pipeline(config)
    index: dict[str, _Postings] = {}
    # Titles such as 职责 recur in every position: each distinct value is cut and counted once.
    counted: dict[str, dict[str, int]] = {}
    for number, doc in enumerate(docs):
        for f, name in enumerate(fields):
            value = doc.get(name)
            counts = counted.get(value) if isinstance(value, str) else None
            if counts is None:
                counts = {}
                for word in pipeline(tokens(value, separator)):
                    counts[word] = counts.get(word, 0) + 1
                if isinstance(value, str):
                    counted[value] = counts
            for word, count in counts.items():
                # lunr numbers words in the order they first appear; a dict keeps that order.
                if word not in index:
                    index[word] = _Postings(len(index), [[] for _ in fields])
                index[word].fields[f] += (number, count)
    return index


def _delta(flat: list[int]) -> list[int]:
    """Sections as gaps from the previous one: small numbers, fewer bytes."""
    out: list[int] = []
    last = 0
    for i in range(0, len(flat), 2):
        out += (flat[i] - last, flat[i + 1])
        last = flat[i]
    return out


def _numbered(values: Iterable[str], table: dict[str, int]) -> list[int]:
    """Number each value by its first appearance: section titles and anchors (职责, #duties) recur on every page."""
    return [table.setdefault(value, len(table)) for value in values]


def _short_locations(locations: Iterable[str], anchors: dict[str, int]) -> list[str | int]:
    """Write a section of the page named last as the number of its anchor; other addresses whole."""
    out: list[str | int] = []
    last: str | None = None
    for location in locations:
        path, hash_, fragment = location.partition("#")
        if hash_ and path == last:
            out.append(anchors.setdefault(fragment, len(anchors)))
        else:
            out.append(location)
            last = path
    return out


def _long_locations(short: Iterable[str | int], anchors: list[str]) -> list[str]:
    out: list[str] = []
    last = ""
    for entry in short:
        if isinstance(entry, int):
            out.append(f"{last}#{anchors[entry]}")
        else:
            out.append(entry)
            last = entry.partition("#")[0]
    return out


def _dump(value: object) -> bytes:
    # Chinese as UTF-8 rather than \u escapes (half the bytes), unless a lone surrogate has no UTF-8 form.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def _shards(items: Iterable[bytes], limit: int) -> tuple[list[int], list[list[bytes]]]:
    """Cut a sequence into runs of about ``limit`` bytes; return where each run starts and the runs."""
    starts: list[int] = []
    runs: list[list[bytes]] = []
    size = limit
    for i, item in enumerate(items):
        if size >= limit:
            starts.append(i)
            runs.append([])
            size = 0
        runs[-1].append(item)
        size += len(item) + 1
    return starts, runs


def _join(run: list[bytes]) -> bytes:
    return b"[" + b",".join(run) + b"]"


def split_index(data: dict[str, Any]) -> SearchParts:
    """Build the split index from Material's ``search_index.json`` content."""
    config, docs = data["config"], data.get("docs", [])
    fields = list(config["fields"])
    index = _postings(docs, fields, config)
    terms = sorted(index, key=js_order)
    posting_starts, posting_runs = _shards((_dump([index[t].number, *map(_delta, index[t].fields)]) for t in terms), POSTING_BYTES)
    text_starts, text_runs = _shards((_dump(doc.get("text", "")) for doc in docs), TEXT_BYTES)
    anchors: dict[str, int] = {}
    titles: dict[str, int] = {}
    locations = _short_locations((doc["location"] for doc in docs), anchors)
    title_of = _numbered((doc.get("title", "") for doc in docs), titles)
    heads: dict[str, Any] = {"locations": locations, "anchors": list(anchors), "title_of": title_of, "titles": list(titles), "texts": text_starts}
    tags = {str(i): doc["tags"] for i, doc in enumerate(docs) if "tags" in doc}
    boosts = {str(i): doc["boost"] for i, doc in enumerate(docs) if "boost" in doc}
    heads |= {"tags": tags} if tags else {}
    heads |= {"boosts": boosts} if boosts else {}
    files = {f"{FOLDER}/p{k}.json": _join(run) for k, run in enumerate(posting_runs)}
    files |= {f"{FOLDER}/t{k}.json": _join(run) for k, run in enumerate(text_runs)}
    named = {"terms": _dump({"terms": terms, "shards": posting_starts}), "docs": _dump(heads)}
    digest = hashlib.sha256()
    for name, content in [*sorted(files.items()), *named.items()]:
        digest.update(name.encode() + b"\0" + content + b"\0")
    version = digest.hexdigest()[:16]
    # The worker fetches these two as it starts, before it knows the version: they name it themselves.
    for name, content in named.items():
        files[f"{FOLDER}/{name}.json"] = b'{"version":"' + version.encode() + b'",' + content[1:]
    files["search_index.json"] = _dump({"config": {**config, "prepared": {"version": version, "folder": FOLDER}}, "docs": []})
    return SearchParts(files, version)


def write_parts(folder: Path, parts: SearchParts) -> None:
    """Replace the search folder's prepared parts with ``parts``; files of an earlier, larger index go.

    A link in the way is removed, never followed: the site folder is MkDocs' to clean, and nothing
    written here may land outside it."""
    own = folder / FOLDER
    for link in (folder, own):
        if link.is_symlink():
            raise UnsupportedSearch(f"{link.relative_to(folder.parent).as_posix()} is a symbolic link; the search index is not written through it")
    own.mkdir(parents=True, exist_ok=True)
    for stale in own.iterdir():
        if f"{FOLDER}/{stale.name}" not in parts.files and (stale.is_symlink() or stale.suffix == ".json"):
            stale.unlink()
    for name, content in parts.files.items():
        path = folder / name
        if path.is_symlink():
            path.unlink()
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)


def read_docs(folder: Path) -> list[dict[str, Any]]:
    """Return the sections of a split index as Material listed them (location, title, text, tags, boost)."""
    own = folder / FOLDER
    heads = json.loads((own / "docs.json").read_text("utf-8"))
    texts: list[str] = []
    for k in range(len(heads["texts"])):
        texts += json.loads((own / f"t{k}.json").read_text("utf-8"))
    docs: list[dict[str, Any]] = []
    locations = _long_locations(heads["locations"], heads["anchors"])
    for i, (location, title) in enumerate(zip(locations, (heads["titles"][t] for t in heads["title_of"]), strict=True)):
        doc: dict[str, Any] = {"location": location, "title": title, "text": texts[i]}
        for key, listed in (("tags", heads.get("tags", {})), ("boost", heads.get("boosts", {}))):
            if str(i) in listed:
                doc[key] = listed[str(i)]
        docs.append(doc)
    return docs


def prepare_search(folder: Path, words: Iterable[str]) -> None:
    """Replace Material's search index in ``folder`` with the split one, known words split out of longer ones."""
    path = folder / "search_index.json"
    if path.is_symlink():
        raise UnsupportedSearch(f"{folder.name}/{path.name} is a symbolic link; the search index is not read through it")
    if not path.is_file():
        return
    data = json.loads(path.read_text("utf-8"))
    split_words(data, words)
    write_parts(folder, split_index(data))


def material_worker(theme_dirs: Iterable[str]) -> str:
    """Return the path, inside the site, of Material's search worker, which the site's pages are told to
    replace with the prepared index's (overrides/main.html)."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob("assets/javascripts/workers/search.*.min.js"))
        if found:
            return found[0].relative_to(folder).as_posix()
    raise UnsupportedSearch("Material's search worker (assets/javascripts/workers/search.*.min.js) is not in the theme")
