"""Parse one YAML file into plain data while remembering where every value came from.

Data files arrive through pull requests, so the parser accepts only what the
schemas need: one document of mappings, lists, text, whole numbers, numbers,
true/false and null. It builds the data from PyYAML's event stream in a loop,
never by recursion, so no nesting can exhaust the stack; nesting deeper than
any schema needs is refused at the first level too many. Explicit tags other
than the core scalar ones (``!!python/…``, ``!!binary``, ``!!set``, custom
``!tags``) are errors, on lists and mappings as on text, and so are anchors,
aliases and merge keys, which hide content from review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from yaml.nodes import ScalarNode

from ..errors import DataError, quote
from .document import Document, Path, format_path, text_problem

# libyaml's parser is about 18 times faster and gives the same marks; PyYAML without it falls back.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 16
"""Deepest nesting of lists and mappings accepted; the schemas need five (plan → positions → entry → field)."""
MAX_NUMBER_LENGTH = 40
"""Longest number accepted, in characters: far above any headcount, far below Python's 4,300-digit limit."""


_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1 resolution to text, null, true/false, whole and decimal numbers only: a date-like value
    such as ``2024-02-30`` is text (a date field checks its own format), never a crash in the date
    constructor, and a value ``=`` or ``<<`` is text too (a ``<<`` key is refused on its own)."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _SCALAR_TAGS]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_RESOLVER = _Resolver()
_CONSTRUCTOR = SafeConstructor()


REREAD_MAX = 128 * 1024
"""Longest start of a broken file re-read with PyYAML's pure-Python parser for its wording (about 0.5 s at most)."""
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML counts as a line break, so that line numbers agree with its marks."""


def parse(text: str, display_path: str) -> tuple[Document | None, list[DataError]]:
    """Parse ``text`` safely; return the document, or None and the errors that stopped it."""
    doc, errors, failure, _ = _read(text, display_path, _LOADER)
    if failure is not None:
        return None, _explain(text, display_path, failure)
    if errors or doc is None:
        return None, errors
    if doc.data is None:
        doc.data = {}  # an empty file: its missing fields are reported by the schema
    return doc, []


class _Reading(NamedTuple):
    """One pass of a parser over a file's text."""

    doc: Document | None
    errors: list[DataError]
    failure: yaml.YAMLError | None
    """The parser's own error, if it raised one."""
    stopped: bool
    """Whether a check abandoned the file first (nesting, a second document): its errors are then the file's."""


def _read(text: str, display_path: str, loader: Any) -> _Reading:
    """Build a document from ``text`` with ``loader``'s parser."""
    doc = Document(display_path, None)
    builder = _Builder(doc, [])
    try:
        builder.run(yaml.parse(text, Loader=loader))
    except yaml.YAMLError as exc:
        return _Reading(None, builder.errors, exc, False)
    return _Reading(doc, builder.errors, None, builder.stopped)


def _explain(text: str, display_path: str, failure: yaml.YAMLError) -> list[DataError]:
    """Word a syntax error the same way whatever libyaml is installed, or none: in PyYAML's own words and marks."""
    mark = getattr(failure, "problem_mark", None) or getattr(failure, "context_mark", None)
    if _LOADER is not yaml.SafeLoader and mark is not None:
        # libyaml reads up to 1,024 characters ahead and has a nesting limit of its own (1,000 levels in
        # PyYAML 6.0.4): the text before its mark, read again, reaches the handbook's own limit first.
        before = _read(text[: mark.index], display_path, _LOADER)
        if before.stopped:
            return before.errors
        # PyYAML's words are clearer than libyaml's and the same everywhere. Only the start of the file,
        # up to the line after libyaml's mark, is read again, so a huge hostile file costs no more.
        cut = _line_end(text, mark.line + 1)
        if cut <= REREAD_MAX:
            again = _read(text[:cut], display_path, yaml.SafeLoader)
            if again.stopped:
                return again.errors
            again_mark = getattr(again.failure, "problem_mark", None)
            # An error at the end of a cut text may be the cut's own doing.
            if again.failure is not None and (cut == len(text) or (again_mark is not None and again_mark.index < cut)):
                failure = again.failure
    return [_syntax_error(text, display_path, failure)]


def _line_end(text: str, line: int) -> int:
    """Return the offset just after the line break that ends line ``line`` (counted from 0), or the end of the text."""
    for number, match in enumerate(_BREAK.finditer(text)):
        if number == line:
            return match.end()
    return len(text)


def _syntax_error(text: str, display_path: str, exc: yaml.YAMLError) -> DataError:
    """Return one located line for a parser's error."""
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML allows nowhere (a control character, U+FFFE), said as for text. libyaml counts
        # its position in bytes, PyYAML in characters: the first such character is found here instead.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        offset = found.start() if found else 0
        breaks = [m.end() for m in _BREAK.finditer(text, 0, offset)]
        line, column = len(breaks) + 1, offset - (breaks[-1] if breaks else 0) + 1
        code = ord(found.group()) if found else 0
        return DataError(display_path, line, column, "", f"contains the invisible character U+{code:04X}, which handbook files may not hold; remove it")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        return DataError(display_path, line, column, "", f"invalid YAML: {problem}")
    return DataError(display_path, 1, 1, "", "invalid YAML")


class _Stop(Exception):
    """Raised to abandon a file after an error that makes the rest meaningless (nesting, a second document)."""


@dataclass
class _Frame:
    """An open list or mapping while its events are read."""

    container: Any
    """The list or dict being filled; None when the collection is being skipped."""
    path: Path
    is_key: bool = False
    """A list or mapping used as a field name: refused, and the value after it skipped."""
    key: str | None = None
    """In a mapping: the field whose value comes next, once its key has been read (None: skip that value)."""
    expect_key: bool = True
    first_line: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Turn an event stream into plain data with marks, in one loop."""

    def __init__(self, doc: Document, errors: list[DataError]) -> None:
        self.doc = doc
        self.errors = errors
        self.stack: list[_Frame] = []
        self.documents = 0
        self.stopped = False
        """Whether a check abandoned the file (nesting, a second document): its errors are then the file's."""

    def fail(self, event: Any, path: Path, message: str) -> None:
        mark = event.start_mark
        self.errors.append(DataError(self.doc.path, mark.line + 1, mark.column + 1, format_path(path), message))

    def run(self, events: Any) -> None:
        try:
            for event in events:
                self.step(event)
        except _Stop:
            self.stopped = True

    def step(self, event: Any) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event, (), "only one YAML document per file: remove the second '---' and what follows")
                raise _Stop
            return
        if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            frame = self.stack.pop()
            parent = self.stack[-1] if self.stack else None
            if frame.is_key and parent is not None:
                parent.key, parent.expect_key = None, False
            else:
                self.done(parent)
            return
        if not isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
            return  # stream and document boundaries
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.expect_key:
            self.key(parent, event)
            return
        path, skip = self.place(parent)
        if isinstance(event, AliasEvent):
            self.fail(event, path, "anchors and aliases (& and *) are not supported; write the value out")
            self.done(parent)
            return
        if event.anchor is not None:
            self.fail(event, path, "anchors and aliases (& and *) are not supported; write the value out")
        if isinstance(event, ScalarEvent):
            value = self.scalar(event, path)
            if not skip:
                self.attach(parent, path, event, value)
            self.done(parent)
            return
        kind = "map" if isinstance(event, MappingStartEvent) else "seq"
        if event.tag not in (None, "!", _CORE + kind):
            self.fail(event, path, f"YAML tag {quote(_short(event.tag))} is not supported: write plain lists and fields")
            skip = True
        container: Any = None if skip else ({} if kind == "map" else [])
        if not skip:
            self.attach(parent, path, event, container)
        self.open(event, path, container)

    def place(self, parent: _Frame | None) -> tuple[Path, bool]:
        """Return the path of the value that comes next, and whether it is to be skipped."""
        if parent is None:
            return (), False
        if parent.container is None:
            return parent.path, True
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container)), False
        if parent.key is None:
            return parent.path, True  # the value of a refused field name
        return (*parent.path, parent.key), False

    def attach(self, parent: _Frame | None, path: Path, event: Any, value: Any) -> None:
        self.doc.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if parent is None:
            self.doc.data = value
        elif isinstance(parent.container, list):
            parent.container.append(value)
        else:
            parent.container[parent.key] = value

    def done(self, parent: _Frame | None) -> None:
        """Make a mapping wait for its next field name once a value is complete."""
        if parent is not None and isinstance(parent.container, dict):
            parent.key, parent.expect_key = None, True

    def open(self, event: Any, path: Path, container: Any, *, is_key: bool = False) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, (), f"nested more than {MAX_DEPTH} levels deep; handbook files need far fewer")
            raise _Stop
        self.stack.append(_Frame(container, path, is_key=is_key))

    def key(self, parent: _Frame, event: Any) -> None:
        parent.key, parent.expect_key = None, False  # until the name is accepted, the value is skipped
        if isinstance(event, CollectionStartEvent):
            self.fail(event, parent.path, "field names must be text")
            self.open(event, parent.path, None, is_key=True)
            return
        if isinstance(event, AliasEvent) or event.anchor is not None:
            self.fail(event, parent.path, "anchors and aliases (& and *) are not supported; write the value out")
            return
        if event.tag not in (None, "!", _CORE + "str"):
            self.fail(event, parent.path, "field names must be text")
            return
        name = event.value
        if name == "<<" and event.implicit[0]:
            self.fail(event, parent.path, "merge keys (<<) are not supported; write the fields out")
            return
        # Field names are taken literally: YAML 1.1 would read the key `on`
        # (used by collaboration entries) as the boolean true.
        line = event.start_mark.line + 1
        if name in parent.first_line:
            self.fail(event, (*parent.path, name), f"duplicate field (first given on line {parent.first_line[name]})")
            return
        parent.first_line[name] = line
        parent.key = name
        self.doc.keys[(*parent.path, name)] = (line, event.start_mark.column + 1)

    def scalar(self, event: ScalarEvent, path: Path) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = _CORE + "str" if tag == "!" else _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
        elif tag not in _SCALAR_TAGS:
            self.fail(event, path, f"YAML tag {quote(_short(tag))} is not supported: write plain text, numbers or true/false")
            return None
        value = event.value
        kind = tag[len(_CORE):]
        if kind == "str":
            problem = text_problem(value)
            if problem:
                self.fail(event, path, problem)
                return None
            return value
        if kind == "null" and _NULL.match(value):
            return None
        if kind == "bool" and _BOOL.match(value):
            return value.lower() in ("yes", "true", "on")
        if kind in ("int", "float") and len(value) > MAX_NUMBER_LENGTH:
            self.fail(event, path, f"number is too long ({len(value)} characters, at most {MAX_NUMBER_LENGTH})")
            return None
        if kind in ("int", "float") and value.strip("_+-"):  # PyYAML indexes into the value: '' and '_' crash it
            # libyaml's marks are its own class, which PyYAML's constructor takes as well as its own.
            node = ScalarNode(tag, value, cast(Any, event.start_mark), cast(Any, event.end_mark))
            try:
                if kind == "int":
                    return _CONSTRUCTOR.construct_yaml_int(node)
                number = _CONSTRUCTOR.construct_yaml_float(node)
                self.doc.has_float = True
                return number
            except (ValueError, OverflowError, IndexError, yaml.YAMLError):
                pass
        self.fail(event, path, f"{quote(value)} is not a valid value for !!{kind}")
        return None


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
