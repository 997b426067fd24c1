"""Check each data file against its published JSON Schema and word the errors for people."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema
from referencing import Registry, Resource

from ..errors import DataError, quote
from ..suggest import did_you_mean
from .document import Document, Path

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema for a file kind (``position``, ``department``, ``handbook``)."""
    text = resources.files("generator").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """JSON Schema patterns are ECMA-262 regexes, where ``$`` ends the text; Python's ``$`` also
    matches before a final newline, which would let an id like ``"old\\n"`` through."""
    if validator.is_type(instance, "string") and not re.search(re.sub(r"(?<!\\)\$$", r"\\Z", pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# JSON Schema counts 1.0 as an integer; a headcount of 1.0 or 1e+30 is a mistake, not a number of people.
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}, type_checker=_TYPES)


SHARED = ("onboarding",)
"""Schemas that others refer to by file name (``"$ref": "onboarding.schema.json"``), as editors resolve them too."""


@cache
def _registry() -> Registry:
    return Registry().with_resources((f"{name}.schema.json", Resource.from_contents(schema(name))) for name in SHARED)


def _shared(uri: str) -> Any:
    """Return a shared schema for fastjsonschema, by its file name; a reference to anything else is a bug."""
    name = uri.rsplit("/", 1)[-1].removesuffix(".schema.json")
    if name not in SHARED:
        raise ValueError(f"no shared schema {uri!r}")
    return _without_ref_siblings(schema(name))


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    return _Validator(schema(kind), registry=_registry())


@cache
def _fast_validator(kind: str) -> Any:
    # The schemas' $ids are bare file names, so their references to each other have no scheme.
    return fastjsonschema.compile(_without_ref_siblings(schema(kind)), handlers={"": _shared})


def _without_ref_siblings(node: Any) -> Any:
    """Return the schema with ``{"$ref": r, k: v}`` as ``{"allOf": [{"$ref": r}, {k: v}]}``.

    Draft 2020-12 applies keywords beside ``$ref``; fastjsonschema follows draft 7,
    which ignores them (``minItems`` beside a ``$ref`` would be lost).
    """
    if isinstance(node, list):
        return [_without_ref_siblings(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _without_ref_siblings(v) for k, v in node.items()}
    if "$ref" in out and len(out) > 1:
        rest = {k: v for k, v in out.items() if k not in ("$ref", "description")}
        if rest:
            return {"allOf": [{"$ref": out["$ref"]}, rest]}
    return out


def check_shape(doc: Document, kind: str) -> list[DataError]:
    """Return one error per schema violation in ``doc``, located at the offending key or value."""
    # The compiled check accepts a valid file some 50 times faster; only a file it rejects
    # goes through jsonschema, the reference, which finds every error and where it is.
    # A file with a decimal number always does: the compiled check would take 1.0 as a whole number.
    if not doc.has_float:
        try:
            _fast_validator(kind)(doc.data)
            return []
        except fastjsonschema.JsonSchemaException:
            pass
    errors: list[DataError] = []
    found = list(_validator(kind).iter_errors(doc.data))
    # A value of the wrong type gets that one error, not also "must be at most …" about the same value.
    mistyped = {tuple(e.absolute_path) for e in found if e.validator == "type"}
    for err in found:
        path = tuple(err.absolute_path)
        if path in mistyped and err.validator != "type":
            continue
        errors.extend(_explain(doc, path, err))
        # Checks across files skip what is reported here. A missing field is simply absent;
        # an unknown field is set aside on its own, not with the mapping that holds it.
        if err.validator == "additionalProperties":
            instance: Any = err.instance
            schema: Any = err.schema
            doc.invalid.update((*path, name) for name in instance if name not in schema.get("properties", {}))
        elif err.validator != "required":
            doc.invalid.add(path)
    return errors


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false (quote it: YAML reads yes/no/on/off/true/false as a boolean)"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return f"the decimal number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


# What each pattern of the schemas asks for, by the pattern; any other pattern is an id's.
_PATTERNS = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "is not a date (YYYY-MM-DD)",
    "^https?://[^\\s<>\"'`]+$": "is not a web address: it must start with https:// or http:// and hold no spaces or quotes",
    "^[^@\\s<>\"'()\\[\\],;:\\\\]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$": "is not an email address",
    "^[A-Z]{2}$": "is not a two-letter country code (ISO 3166, e.g. CN)",
    "^[A-Z]{3}$": "is not a three-letter currency code (ISO 4217, e.g. CNY)",
    "^(?![./])(?!.*(^|/)\\.\\.?(/|$))[^\\s<>\"'`#?\\\\()\\[\\]{}*|]+\\.md$": "is not a page under docs/: write its path there, e.g. practices/training.md (no spaces, quotes, brackets or Markdown signs)",
    "^(@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})$": "is not an owner: write @user, @org/team or an email address",
}


def _explain(doc: Document, path: Path, err: jsonschema.ValidationError) -> list[DataError]:
    # Typed "Any | Unset" by the stubs: set on every error jsonschema reports.
    kind: Any = err.validator
    expected: Any = err.validator_value
    value: Any = err.instance
    schema: Any = err.schema
    if kind == "required":
        missing = [name for name in expected if name not in value]
        return [doc.error(path + (name,), "missing required field") for name in missing]
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        return [
            doc.error(path + (name,), f"unknown field{did_you_mean(name, known)}", key=True)
            for name in value
            if name not in known
        ]
    if kind == "type":
        wanted = " or ".join(_TYPE_NAMES[t] for t in ([expected] if isinstance(expected, str) else expected))
        return [doc.error(path, f"expected {wanted}, found {_found(value)}")]
    if kind in ("minItems", "minLength") and expected == 1:
        return [doc.error(path, "must not be empty")]
    if kind == "maxItems":
        return [doc.error(path, f"has {len(value)} entries, at most {expected}")]
    if kind == "maxLength":
        return [doc.error(path, f"is too long ({len(value)} characters, at most {expected})")]
    if kind == "minimum":
        return [doc.error(path, f"must be at least {expected}, found {value}")]
    if kind == "maximum":
        return [doc.error(path, f"must be at most {expected}, found {value}")]
    if kind == "enum":
        choices = ", ".join(str(c) for c in expected)
        hint = did_you_mean(value, map(str, expected)) if isinstance(value, str) else ""
        return [doc.error(path, f"{quote(value)} is not one of: {choices}{hint}")]
    if kind == "anyOf":
        # A list item is text or {text: …, internal: true}: explain it against the form it resembles.
        if isinstance(value, dict):  # the mapping form is the second alternative
            return [e for sub in err.context if sub.schema_path[0] == 1 for e in _explain(doc, tuple(sub.absolute_path), sub)]
        if isinstance(value, str):  # text of the wrong form (an id that is not one): why the text form refused it
            return [e for sub in err.context if sub.schema_path[0] == 0 for e in _explain(doc, tuple(sub.absolute_path), sub)]
        return [doc.error(path, f"expected text, found {_found(value)}")]
    if kind == "pattern":
        what = _PATTERNS.get(expected, "is not a valid id: use lowercase ASCII words joined by '-', e.g. 'store-manager'")
        return [doc.error(path, f"{quote(value)} {what}")]
    if kind == "minProperties":
        return [doc.error(path, f"give at least one of: {', '.join(schema.get('properties', {}))}")]
    return [doc.error(path, err.message)]
