"""Typed rule schemas: every lexicon rule is a frozen dataclass built from its YAML mapping.

A module that owns a lexicon declares one schema per rule type (a frozen dataclass whose
fields are the rule's keys) and loads the file with ``load_rules(name, {type: schema})``.
``build`` checks the mapping against the schema: a key the schema does not declare, a missing
required key, or a value of the wrong type is a ``ConfigError`` naming the file, the rule and
the field ("attribution_frames.yaml: rule 'attr.deny.denied': unknown field 'stanse'").

Field types understood: ``str``, ``bool``, ``int``, ``Literal[...]`` (the value must be one of
them), ``Pattern`` (a regular expression, compiled once to check it, no named groups),
``X | None``, ``tuple[X, ...]`` (a YAML list), ``Examples`` and another such dataclass (a
YAML mapping, checked the same way).

Examples state what they must yield: ``"The ministry denied the report. -> denied"`` (the
printed labels of the example's last sentence, comma-separated; ``unattributed`` for none);
a test analyses every example of every rule and checks it (``tests/test_lexicon_examples.py``).
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from verifier.errors import ConfigError

T = TypeVar("T")

#: Written between an example sentence and the labels it must yield.
ARROW = " -> "
#: The label of an example that must yield no attribution.
UNATTRIBUTED = "unattributed"


class Pattern(str):
    """A regular expression in a rule (checked when the rule is built)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Example:
    """An example sentence (with the sentences before it, if it needs them) and, when stated,
    the labels its last sentence must yield (``()`` for unattributed)."""

    text: str
    labels: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Examples:
    """Sentences a rule must fire on (``match``) and must not fire on (``no_match``)."""

    match: tuple[Example, ...]
    no_match: tuple[Example, ...] = ()


def parse_example(raw: str, allowed: frozenset[str] | None, where: str) -> Example:
    """``"text -> label, label"`` as an ``Example`` (the labels checked against ``allowed``)."""
    if ARROW not in raw:
        return Example(raw)
    text, _, tail = raw.rpartition(ARROW)
    labels = tuple(sorted(part.strip() for part in tail.split(",") if part.strip()))
    if labels == (UNATTRIBUTED,):
        labels = ()
    if allowed is not None:
        for label in labels:
            if label not in allowed:
                raise ConfigError(f"{where}: unknown label {label!r} in example {raw!r}")
    return Example(text.strip(), labels)


def build(schema: type[T], raw: Mapping[str, Any], where: str,
          labels: frozenset[str] | None = None) -> T:
    """An instance of the dataclass ``schema`` from a YAML mapping, strictly checked."""
    assert is_dataclass(schema)
    hints, schema_fields, declared = _shape(schema)
    unknown = sorted(set(raw) - declared)
    if unknown:
        raise ConfigError(
            f"{where}: unknown field {unknown[0]!r} (this rule type has: "
            f"{', '.join(sorted(declared))})"
        )
    values: dict[str, Any] = {}
    for item in schema_fields:
        if item.name in raw:
            values[item.name] = _convert(hints[item.name], raw[item.name],
                                         f"{where}: field {item.name!r}", labels)
        elif item.default is MISSING and item.default_factory is MISSING:
            raise ConfigError(f"{where}: field {item.name!r} is required")
    return schema(**values)


@cache
def _shape(schema: type[Any]) -> tuple[dict[str, Any], tuple[Field[Any], ...], frozenset[str]]:
    """A rule type's resolved field types, its fields and their names, read once a type:
    ``get_type_hints`` evaluates every annotation's string again at each call (start-up
    built several hundred rules through it, about 1% of a day's ingest)."""
    return get_type_hints(schema), fields(schema), frozenset(f.name for f in fields(schema))


def _convert(hint: Any, value: Any, where: str, labels: frozenset[str] | None) -> Any:
    """``value`` read as the field type ``hint`` (the types the module's docstring lists);
    a value of the wrong shape is a ``ConfigError`` naming ``where``."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in get_args(hint) if a is not type(None)]
        return _convert(options[0], value, where, labels)
    if origin is Literal:
        allowed = get_args(hint)
        if value not in allowed:
            raise ConfigError(f"{where}: {value!r} is not one of {', '.join(map(str, allowed))}")
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list")
        (item,) = get_args(hint)[:1]
        return tuple(_convert(item, v, f"{where}[{i}]", labels) for i, v in enumerate(value))
    if hint is Examples:
        return _examples(value, where, labels)
    if isinstance(hint, type) and is_dataclass(hint):
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping")
        return build(hint, value, where, labels)
    if hint is Pattern:
        return _pattern(value, where)
    return _plain(hint, value, where)


def _plain(hint: Any, value: Any, where: str) -> Any:
    """A ``bool``, a whole number >= 0 or a non-empty string."""
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false")
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{where}: expected a whole number >= 0")
        return value
    if hint is str:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: expected a non-empty string")
        return value
    raise TypeError(f"schema type {hint!r} is not supported")  # a programming error


def _pattern(value: Any, where: str) -> Pattern:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a regular expression")
    pattern = Pattern(value)
    try:
        # compiled as the ``Pattern`` the rule builders compile: ``re`` caches by the
        # string's type too, so the builder's compile of this rule is then a cache hit
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression: {exc}") from exc
    if compiled.groupindex:
        raise ConfigError(f"{where}: named groups are not allowed")
    return pattern


def _examples(value: Any, where: str, labels: frozenset[str] | None) -> Examples:
    if not isinstance(value, dict) or set(value) - {"match", "no_match"}:
        raise ConfigError(f"{where}: expected a mapping with 'match' (and 'no_match')")
    match = value.get("match") or []
    no_match = value.get("no_match") or []
    if not match or not isinstance(match, list) or not isinstance(no_match, list):
        raise ConfigError(f"{where}: needs a non-empty 'match' list (and a 'no_match' list)")
    if not all(isinstance(e, str) for e in [*match, *no_match]):
        raise ConfigError(f"{where}: every example is a sentence (a string)")
    return Examples(
        tuple(parse_example(e, labels, where) for e in match),
        tuple(parse_example(e, labels, where) for e in no_match),
    )


def load_rules(
    name: str,
    schemas: Mapping[str, type[Any]],
    labels: frozenset[str] | None = None,
) -> tuple[Any, ...]:
    """The rules of ``data/lexicons/<name>.yaml``, each built with the schema of its type.

    ``labels``: the labels an example may state (None: any).
    """
    from verifier.rules.lexicon import load_lexicon, rule_where

    built = []
    for raw in load_lexicon(name):
        where = rule_where(name, raw["id"])
        schema = schemas.get(raw["type"])
        if schema is None:
            raise ConfigError(
                f"{where}: field 'type': {raw['type']!r} is not one of {', '.join(sorted(schemas))}"
            )
        built.append(build(schema, raw, where, labels))
    return tuple(built)


__all__ = ["ARROW", "Example", "Examples", "Pattern", "build", "load_rules", "parse_example"]
