"""The scoring weights: ``data/scoring.yaml`` (or a desk's own copy) loaded and validated.

Which file: ``--scoring`` option > ``$VERIFIER_SCORING`` > the packaged default. Errors name
the file and the field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.vocab import SPEAKERS, UNATTRIBUTED
from verifier.yamlio import read_yaml

SCORING_ENV = "VERIFIER_SCORING"
SOURCING_KEYS = (*SPEAKERS, UNATTRIBUTED)


@dataclass(frozen=True, slots=True)
class Weights:
    """Log-odds weights of the credibility model (see data/scoring.yaml for their meaning)."""

    base: float
    sourcing: dict[str, float]
    reliability_weight: float
    default_prior: dict[str, tuple[float, float]]
    per_origin: float
    max_origins: int
    per_on_record: float
    max_on_record: int
    probable: float
    possible: float
    per_refusal: float
    max_refusals: int
    per_denial: float
    max_denials: int
    corroborated_min_origins: int


def weights_digest(weights: Weights) -> str:
    """A short digest of the weights (stored with the scores computed with them)."""
    import hashlib

    return hashlib.sha256(repr(weights).encode("utf-8")).hexdigest()[:16]


def scoring_path(option: str | None = None) -> Path:
    value = option or os.environ.get(SCORING_ENV)
    return Path(value).expanduser() if value else data_path("scoring.yaml")


def load_weights(path: Path | None = None) -> Weights:
    """Read and validate a scoring file (the packaged default when ``path`` is None)."""
    path = path or scoring_path()
    return parse_weights(read_yaml(path, "scoring file"), str(path))


def parse_weights(raw: Any, where: str) -> Weights:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of weights")
    reader = _Reader(raw, where)
    sourcing = {key: reader.number(f"sourcing.{key}") for key in SOURCING_KEYS}
    prior = {}
    for key in SOURCING_KEYS:
        field = f"reliability.default_prior.{key}"
        pair = reader.get(field)
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(_is_number(v) and v > 0 for v in pair)
        ):
            raise ConfigError(f"{where}: field '{field}': expected [confirmed, refuted] > 0")
        prior[key] = (float(pair[0]), float(pair[1]))
    return Weights(
        base=reader.number("base"),
        sourcing=sourcing,
        reliability_weight=reader.number("reliability.weight"),
        default_prior=prior,
        per_origin=reader.number("corroboration.per_origin"),
        max_origins=reader.count("corroboration.max_origins"),
        per_on_record=reader.number("on_record.per_source"),
        max_on_record=reader.count("on_record.max_sources"),
        probable=reader.number("hedging.probable"),
        possible=reader.number("hedging.possible"),
        per_refusal=reader.number("refusals.per_party"),
        max_refusals=reader.count("refusals.max_parties"),
        per_denial=reader.number("denials.per_party"),
        max_denials=reader.count("denials.max_parties"),
        corroborated_min_origins=reader.count("status.corroborated_min_origins"),
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Reader:
    def __init__(self, raw: dict[str, Any], where: str) -> None:
        self.raw = raw
        self.where = where

    def get(self, dotted: str) -> Any:
        node: Any = self.raw
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(f"{self.where}: field '{dotted}': missing")
            node = node[part]
        return node

    def number(self, dotted: str) -> float:
        value = self.get(dotted)
        if not _is_number(value):
            raise ConfigError(f"{self.where}: field '{dotted}': expected a number")
        return float(value)

    def count(self, dotted: str) -> int:
        value = self.get(dotted)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{self.where}: field '{dotted}': expected a whole number >= 0")
        return value
