"""Rules as data: the cue lexicons in ``verifier/data/lexicons/*.yaml``.

A lexicon file is a YAML mapping ``{rules: [...]}``. Every rule is a mapping with at least

- ``id``: unique across all lexicon files (it is the rule id printed as evidence);
- ``type``: one of the small closed set of rule types the owning module compiles;
- ``examples``: ``{match: [...], no_match: [...]}`` sentences; a test analyses each one and
  checks that the rule id appears (or does not appear) in the evidence of the result.

The owning module (segmentation, claim filter, certainty, attribution) turns the validated
mappings into compiled, immutable rules. Loading is cached; files are read once per process.
Importing this module installs ``verifier.rules.patterncache``: a process that loads the
lexicons compiles hundreds of patterns, and builds them from the kept code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.parsecache import read_yaml_cached
from verifier.rules.patterncache import install

install()

LEXICON_DIR = "lexicons"


def lexicon_files() -> list[Path]:
    """Every packaged lexicon file, sorted by name."""
    return sorted(data_path(LEXICON_DIR).glob("*.yaml"))


@cache
def load_lexicon(name: str) -> tuple[dict[str, Any], ...]:
    """The validated rule mappings of ``data/lexicons/<name>.yaml``."""
    return _validate(data_path(LEXICON_DIR) / f"{name}.yaml")


@cache
def load_data(name: str) -> dict[str, Any]:
    """A whole lexicon file as a mapping, for files that also hold plain word lists."""
    return _read(data_path(LEXICON_DIR) / f"{name}.yaml")


def rule_where(name: str, rule_id: str) -> str:
    """How an error names a rule: its file and its id."""
    return f"{name}.yaml: rule {rule_id!r}"


def _read(path: Path) -> dict[str, Any]:
    raw = read_yaml_cached(path, "lexicon file")
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping")
    return raw


def _validate(path: Path) -> tuple[dict[str, Any], ...]:
    raw = _read(path)
    rules = raw.get("rules")
    if not isinstance(rules, list):
        raise ConfigError(f"{path}: expected a 'rules' list")
    seen: set[str] = set()
    for number, rule in enumerate(rules, start=1):
        where = f"{path.name}: rule {number}"
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
            raise ConfigError(f"{where}: expected a mapping with an 'id'")
        where = f"{path.name}: rule {rule['id']!r}"
        if rule["id"] in seen:
            raise ConfigError(f"{where}: duplicate id")
        seen.add(rule["id"])
        if not isinstance(rule.get("type"), str):
            raise ConfigError(f"{where}: field 'type' is required")
        examples = rule.get("examples")
        if (
            not isinstance(examples, dict)
            or not examples.get("match")
            or not all(isinstance(e, str) for e in examples.get("match", []))
            or not all(isinstance(e, str) for e in examples.get("no_match", []) or [])
        ):
            raise ConfigError(
                f"{where}: field 'examples' needs a non-empty 'match' list (and 'no_match')"
            )
    return tuple(rules)
