"""Editing one value of a parsed YAML document, for the config validation tests."""

from __future__ import annotations


def set_at(raw: dict[str, object], path: tuple[str, ...], value: object) -> None:
    """Set ``raw[path[0]][path[1]]...`` to ``value`` (every step but the last must exist)."""
    node = raw
    for key in path[:-1]:
        child = node[key]
        assert isinstance(child, dict)
        node = child
    node[path[-1]] = value
