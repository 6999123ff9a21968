"""When an earlier verdict is offered to a claim, and when it may be adopted in one step:
``data/adopting.yaml`` (why the bars are where they are is written there), loaded once,
validated, with examples (sentences written for it) that state what each pair must give.

A reviewed claim or imported fact-check is *offered* when a tier of ``offer`` or ``adopt``
passes, and *adoptable in one step* when a tier of ``adopt`` passes; an offered match that
passes no ``adopt`` tier is "possibly related": shown with the verdict and its evidence, but
the reviewer marks the claim with their own evidence instead of adopting it in one action.
A tier reads what the claim and the reviewed text share (``verifier.stories.matching``):
the cosine of their IDF-weighted terms, how many shared terms are names and how many are
words (what is said), and the shared words' weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.parsecache import read_yaml_cached

#: A tier's fields: each the least a match needs (all given ones must hold).
TIER_FIELDS = ("similarity", "names", "words", "terms", "weight")
#: What an example pair must give.
GIVES = ("same", "related", "none")


@dataclass(frozen=True, slots=True)
class Shared:
    """What a claim and a reviewed text share: ``similarity`` (cosine of IDF-weighted terms),
    ``names`` and ``words`` (shared terms that are names, and the rest), ``weight`` (the
    shared words' IDF summed, in units of the weight of a word only one article uses: 1.5
    is one rare word and one used by a fair share of articles, or three common ones)."""

    similarity: float
    names: int
    words: int
    weight: float = math.inf

    @property
    def terms(self) -> int:
        return self.names + self.words


@dataclass(frozen=True, slots=True)
class Tier:
    """The least similarity, shared names, shared words, shared terms and shared words'
    weight a match needs (each 0 when not given)."""

    similarity: float = 0.0
    names: int = 0
    words: int = 0
    terms: int = 0
    weight: float = 0.0

    def passes(self, found: Shared) -> bool:
        return (found.similarity >= self.similarity and found.names >= self.names
                and found.words >= self.words and found.terms >= self.terms
                and found.weight >= self.weight)

    def short(self, found: Shared) -> list[str]:
        """What the match lacks for this tier, in words."""
        lacks = []
        if found.similarity < self.similarity:
            lacks.append(f"similarity {found.similarity:.2f}, under {self.similarity:.2f}")
        if found.names < self.names:
            lacks.append("it shares no name" if not found.names else
                         f"it shares {found.names} name{'s' if found.names != 1 else ''}, "
                         f"under {self.names}")
        if found.words < self.words:
            lacks.append("it shares only names, no word of what is said" if not found.words
                         else f"it shares {found.words} word{'s' if found.words != 1 else ''}"
                              f" beside names, under {self.words}")
        elif found.weight < self.weight:
            lacks.append(f"the words it shares are common (weight {found.weight:.2f}, "
                         f"under {self.weight:.2f})")
        return lacks


@dataclass(frozen=True, slots=True)
class Example:
    """A pair of sentences (written for the file) and what matching them must give:
    ``same`` (adoptable in one step), ``related`` (offered, possibly related) or ``none``;
    ``common``: words most of a desk's articles use (weighed so in the example)."""

    reviewed: str
    claim: str
    gives: str
    common: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AdoptBar:
    """``offer`` and ``adopt``: the tiers a match passes to be offered, and adopted in one
    step; ``ampersand_words``: names joined by "&" that are words, not names ("R&D")."""

    offer: tuple[Tier, ...]
    adopt: tuple[Tier, ...]
    ampersand_words: frozenset[str] = frozenset()
    examples: tuple[Example, ...] = ()

    def gives(self, found: Shared) -> str:
        """``same`` (adoptable in one step), ``related`` (offered only) or ``none``."""
        if any(t.passes(found) for t in self.adopt):
            return "same"
        return "related" if any(t.passes(found) for t in self.offer) else "none"

    def could(self, names: int, terms: int) -> bool:
        """Whether a match sharing these many names and terms could pass a tier (before
        its similarity is worked out)."""
        return any(names >= t.names and terms >= t.terms and terms - names >= t.words
                   for t in (*self.offer, *self.adopt))

    @property
    def least_terms(self) -> int:
        """The fewest shared terms any match ``could`` pass with (its names are among its
        terms, so a tier asks for at least its names and its words together)."""
        return min(max(t.terms, t.names + t.words) for t in (*self.offer, *self.adopt))

    @property
    def unnamed_words(self) -> int | None:
        """The least number of shared words of a match sharing no name (None: such a match
        is never offered): it shares one of any (n - that + 1) of the claim's n words."""
        found = [max(t.words, t.terms) for t in (*self.offer, *self.adopt) if t.names == 0]
        return min(found) if found else None

    def below(self, kind: str, similarity: float, words: int, *, names: int = 1,
              weight: float = math.inf) -> str:
        """Why a match of this kind falls below the one-step bar, in words ("": it passes).
        A story's verdict (the claim was grouped into the reviewed story) passes. Said
        against the first ``adopt`` tier whose names the match has."""
        if kind == "story":
            return ""
        found = Shared(similarity, names, words, weight)
        if any(t.passes(found) for t in self.adopt):
            return ""
        tier = next((t for t in self.adopt if names >= t.names), self.adopt[0])
        return "; ".join(tier.short(found))


def _number(value: Any, where: str, field: str, *, whole: bool = False,
            top: float | None = None) -> float:
    if (not isinstance(value, int | float) or isinstance(value, bool)
            or (whole and not isinstance(value, int)) or value < 0
            or (top is not None and value > top)):
        kind = "a whole number >= 0" if whole else (
            f"a number from 0 to {top:g}" if top is not None else "a number >= 0")
        raise ConfigError(f"{where}: field {field!r}: {kind}")
    return float(value)


def _tiers(raw: Any, where: str, section: str) -> tuple[Tier, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{where}: field {section!r}: expected a list of tiers")
    tiers = []
    for n, item in enumerate(raw):
        field = f"{section}[{n}]"
        if not isinstance(item, dict) or "similarity" not in item:
            raise ConfigError(f"{where}: field {field!r}: expected a mapping with similarity")
        unknown = sorted(str(k) for k in item if k not in TIER_FIELDS)
        if unknown:
            raise ConfigError(f"{where}: field '{field}.{unknown[0]}': unknown (expected "
                              f"{', '.join(TIER_FIELDS)})")
        tiers.append(Tier(
            similarity=_number(item["similarity"], where, f"{field}.similarity", top=1),
            names=int(_number(item.get("names", 0), where, f"{field}.names", whole=True)),
            words=int(_number(item.get("words", 0), where, f"{field}.words", whole=True)),
            terms=int(_number(item.get("terms", 0), where, f"{field}.terms", whole=True)),
            weight=_number(item.get("weight", 0), where, f"{field}.weight")))
    return tuple(tiers)


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: field 'examples': expected a list")
    found = []
    for n, item in enumerate(raw):
        field = f"examples[{n}]"
        if (not isinstance(item, dict) or not {"reviewed", "claim", "gives"} <= set(item)
                or not set(item) <= {"reviewed", "claim", "gives", "common"}):
            raise ConfigError(f"{where}: field {field!r}: expected reviewed, claim, gives "
                              "and optionally common")
        if item["gives"] not in GIVES:
            raise ConfigError(f"{where}: field '{field}.gives': one of {', '.join(GIVES)}")
        common = item.get("common", [])
        if (not isinstance(item["reviewed"], str) or not isinstance(item["claim"], str)
                or not isinstance(common, list) or not all(isinstance(w, str) for w in common)):
            raise ConfigError(f"{where}: field {field!r}: sentences and common words are text")
        found.append(Example(item["reviewed"], item["claim"], item["gives"], tuple(common)))
    return tuple(found)


@cache
def adopt_bar(path: Path | None = None) -> AdoptBar:
    """The bars (``data/adopting.yaml`` unless ``path``); unknown or missing keys and values
    out of range are errors naming the file and the field."""
    where = str(path or data_path("adopting.yaml"))
    raw = read_yaml_cached(Path(where), "adoption bar")
    sections = {"offer", "adopt", "ampersand_words", "examples"}
    if not isinstance(raw, dict) or not {"offer", "adopt"} <= set(raw) or not set(raw) <= sections:
        raise ConfigError(f"{where}: expected the sections offer and adopt (and optionally "
                          "ampersand_words and examples)")
    words = raw.get("ampersand_words", [])
    if not isinstance(words, list) or any(
            not isinstance(w, str) or w != w.lower() or "&" not in w for w in words):
        raise ConfigError(f"{where}: field 'ampersand_words': lower-case words with '&'")
    return AdoptBar(_tiers(raw["offer"], where, "offer"), _tiers(raw["adopt"], where, "adopt"),
                    frozenset(words), _examples(raw.get("examples", []), where))
