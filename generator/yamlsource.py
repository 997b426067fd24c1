"""Parse one YAML file into plain data while remembering where every value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError

# libyaml's parser is about 18 times faster and gives the same marks; PyYAML without it falls back.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]


@dataclass
class Document:
    """The parsed content of one data file plus the position of each value and key in it."""

    path: str
    """File name as shown in error messages."""
    data: Any
    """Plain Python data: dicts, lists, str, int, bool, None, dates."""
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of the value at each path; ``()`` is the document itself."""
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of the mapping key that introduces each path."""

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Return the best known (line, column) for a path, falling back to its nearest parent."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def error(self, path: Path, message: str, *, key: bool = False) -> DataError:
        """Return a DataError located at the value (or key) at ``path``."""
        line, column = self.where(path, key=key)
        return DataError(self.path, line, column, format_path(path), message)


def format_path(path: Path) -> str:
    """Return ``a.b[0].c`` for the path ``('a', 'b', 0, 'c')``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def parse(text: str, display_path: str) -> tuple[Document | None, list[DataError]]:
    """Parse ``text`` safely; return the document, or None and the errors that stopped it."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None, [_syntax_error(text, display_path)]
    doc = Document(display_path, None)
    if root is None:
        doc.data = {}
        return doc, []
    errors: list[DataError] = []
    doc.data = _Converter(doc, errors).convert(root, ())
    return (None, errors) if errors else (doc, [])


def _syntax_error(text: str, display_path: str) -> DataError:
    """Describe a syntax error in PyYAML's own words, which are clearer than libyaml's; only broken files pay for the second parse."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        return DataError(display_path, line, column, "", f"invalid YAML: {problem}")
    except yaml.YAMLError as exc:  # a reader error (bad encoding) has no mark
        return DataError(display_path, 1, 1, "", f"invalid YAML: {exc}")
    return DataError(display_path, 1, 1, "", "invalid YAML")


class _Converter:
    """Walk a composed node graph, building data and recording marks."""

    def __init__(self, doc: Document, errors: list[DataError]) -> None:
        self.doc = doc
        self.errors = errors
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()

    def fail(self, node: Node, path: Path, message: str) -> None:
        mark = node.start_mark
        self.errors.append(DataError(self.doc.path, mark.line + 1, mark.column + 1, format_path(path), message))

    def convert(self, node: Node, path: Path) -> Any:
        self.doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        # An alias makes the graph share a node; expanding it could blow up
        # ("billion laughs"), and data files for review should be explicit anyway.
        if id(node) in self.seen:
            self.fail(node, path, "anchors and aliases (& and *) are not supported; write the value out")
            return None
        self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.fail(node, path, f"invalid value: {exc.problem}")
            return None

    def mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, path, "merge keys (<<) are not supported; write the fields out")
                continue
            # Field names are taken literally: YAML 1.1 would read the key `on`
            # (used by collaboration entries) as the boolean true.
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str):
                self.fail(key_node, path, "field names must be text")
                continue
            line = key_node.start_mark.line + 1
            if key in result:
                self.fail(key_node, path + (key,), f"duplicate field (first given on line {first_line[key]})")
                continue
            first_line[key] = line
            self.doc.keys[path + (key,)] = (line, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, path + (key,))
        return result
