"""The bar an earlier verdict's match must pass to be adopted in one step:
``data/adopting.yaml`` (why it is where it is is written there), loaded once, validated.

A match below it is "possibly related": shown with the verdict and its evidence, but the
reviewer marks the claim with their own evidence instead of adopting it in one action.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.yamlio import read_yaml


@dataclass(frozen=True, slots=True)
class AdoptBar:
    """``adopt``: the least similarity and the least number of shared words (terms that are
    not names) a matched reviewed claim or fact-check needs to be adopted in one step."""

    similarity: float
    words: int

    def below(self, kind: str, similarity: float, words: int) -> str:
        """Why a match of this kind falls below the bar, in words ("": it passes). A story's
        verdict (the claim was grouped into the reviewed story) passes."""
        if kind == "story":
            return ""
        short = []
        if similarity < self.similarity:
            short.append(f"similarity {similarity:.2f}, under {self.similarity:.2f}")
        if words < self.words:
            short.append("it shares only names, no word of what is said" if not words else
                         f"it shares {words} word{'s' if words != 1 else ''} beside names, "
                         f"under {self.words}")
        return "; ".join(short)


@cache
def adopt_bar(path: Path | None = None) -> AdoptBar:
    """The bar (``data/adopting.yaml`` unless ``path``); unknown or missing keys and values
    out of range are errors naming the file and the field."""
    where = path or data_path("adopting.yaml")
    raw = read_yaml(where, "adoption bar")
    if not isinstance(raw, dict) or set(raw) != {"adopt"} or not isinstance(raw["adopt"], dict):
        raise ConfigError(f"{where}: expected one section, 'adopt'")
    adopt = raw["adopt"]
    if set(adopt) != {"similarity", "words"}:
        raise ConfigError(f"{where}: field 'adopt': expected similarity and words")
    similarity, words = adopt["similarity"], adopt["words"]
    if (not isinstance(similarity, int | float) or isinstance(similarity, bool)
            or not 0 <= similarity <= 1):
        raise ConfigError(f"{where}: field 'adopt.similarity': a number from 0 to 1")
    if not isinstance(words, int) or isinstance(words, bool) or words < 0:
        raise ConfigError(f"{where}: field 'adopt.words': a whole number >= 0")
    return AdoptBar(float(similarity), words)
