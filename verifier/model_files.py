"""What the learned models' files share: their checks and the overrides that stand in for them.

The pass-1 linker (``verifier.stories.linker``), the joiner (``verifier.stories.joiner``),
the attribution filler (``verifier.analysis.attribution.filler``) and the kind chooser
(``verifier.analysis.attribution.chooser``) each ship a YAML model file with a ``format``,
an ``enabled`` switch, ``weights`` and ``meta``; each is read once (``yaml_reader``), and
measuring or training puts another model (or none) in force for a while (``ModelSlot``).
Pure: no database; the only file read is the packaged model, once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from verifier.config import data_path
from verifier.errors import ConfigError


def check_fields(raw: Any, where: str, fmt: int, expected: Collection[str],
                 optional: Collection[str] = ()) -> dict[Any, Any]:
    """``raw`` as a mapping with no unknown field (``expected`` and ``optional`` are known),
    none of ``expected`` missing, ``format`` equal to ``fmt`` and ``enabled`` true or false."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping")
    unknown = sorted(str(k) for k in raw if k not in set(expected) | set(optional))
    if unknown:
        raise ConfigError(f"{where}: field {unknown[0]!r}: unknown")
    missing = sorted(k for k in expected if k not in raw)
    if missing:
        raise ConfigError(f"{where}: field {missing[0]!r}: missing")
    if raw["format"] != fmt:
        raise ConfigError(f"{where}: field 'format': expected {fmt}")
    if not isinstance(raw["enabled"], bool):
        raise ConfigError(f"{where}: field 'enabled': expected true or false")
    return raw


def finite(value: Any) -> bool:
    """Whether a parsed value is a finite number (true and false are not numbers here)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and \
        math.isfinite(value)


def check_margin(raw: dict[Any, Any], where: str) -> float:
    """The field ``margin``: a finite number >= 0."""
    margin = raw["margin"]
    if not finite(margin) or margin < 0:
        raise ConfigError(f"{where}: field 'margin': expected a number >= 0")
    return float(margin)


def check_weights(weights: Any, where: str, field: str, known: Callable[[str], bool],
                  expected: str = "a mapping of features") -> dict[str, float]:
    """The field ``field``: a mapping of known feature names (``known``) to finite numbers."""
    if not isinstance(weights, dict):
        raise ConfigError(f"{where}: field '{field}': expected {expected}")
    for name, value in weights.items():
        if not isinstance(name, str) or not known(name):
            raise ConfigError(f"{where}: field '{field}.{name}': unknown feature")
        if not finite(value):
            raise ConfigError(f"{where}: field '{field}.{name}': expected a finite number")
    return {str(k): float(v) for k, v in weights.items()}


def check_class_weights(raw: dict[Any, Any], where: str, classes: Collection[str],
                        known: Callable[[str], bool], noun: str,
                        nouns: str) -> dict[str, dict[str, float]]:
    """The field ``weights`` of a model with a row of weights a class: each of ``classes``
    (a ``noun``; ``nouns`` in the plural) -> known feature names (``known``) -> finite
    numbers."""
    weights = raw["weights"]
    if not isinstance(weights, dict):
        raise ConfigError(f"{where}: field 'weights': expected a mapping of {nouns}")
    parsed: dict[str, dict[str, float]] = {}
    for cls, row in weights.items():
        if cls not in classes:
            raise ConfigError(f"{where}: field 'weights.{cls}': unknown {noun}")
        parsed[cls] = check_weights(row, where, f"weights.{cls}", known, "a mapping")
    return parsed


def yaml_reader(parse: Callable[[Any, str], P], what: str) -> Callable[[Path], P]:
    """A model file's reader: the YAML at a path (cached; ``what`` names it in errors),
    checked by ``parse`` (the parsed file and where it is)."""

    def read(path: Path) -> P:
        from verifier.parsecache import read_yaml_cached

        return parse(read_yaml_cached(path, what), str(path))

    return read


def check_meta(raw: dict[Any, Any], where: str) -> dict[Any, Any]:
    """The field ``meta``: a mapping (what the model was trained on and scored)."""
    meta = raw["meta"]
    if not isinstance(meta, dict):
        raise ConfigError(f"{where}: field 'meta': expected a mapping")
    return meta


class Switchable(Protocol):
    @property
    def enabled(self) -> bool: ...


M = TypeVar("M")
P = TypeVar("P", bound=Switchable)


class ModelSlot(Generic[M, P]):
    """Which model is in force: the innermost override (``use``, until ``restore``; None: the
    rules alone), else the packaged model (``read`` of the package data file ``file``, read
    once) when it is enabled."""

    def __init__(self, file: str, read: Callable[[Path], P]) -> None:
        self._file = file
        self._read = read
        self._overrides: list[M | None] = []
        self._packaged: P | None = None

    def use(self, replacement: M | None) -> None:
        self._overrides.append(replacement)

    def restore(self) -> None:
        self._overrides.pop()

    def packaged(self) -> P:
        if self._packaged is None:
            self._packaged = self._read(data_path(self._file))
        return self._packaged

    def current(self) -> M | P | None:
        if self._overrides:
            return self._overrides[-1]
        packaged = self.packaged()
        return packaged if packaged.enabled else None
