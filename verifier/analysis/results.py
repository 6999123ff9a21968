"""The analyser's results: small immutable values that point into the original text.

Every label carries its evidence: the words (as a ``Span`` with character offsets into the
article text as given, not a cleaned copy) and the id of the rule that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from verifier.vocab import (
    CERTAINTIES,
    KINDS,
    SPEAKERS,
    STANCES,
    UNATTRIBUTED,
)
from verifier.vocab import CertaintyName as Certainty
from verifier.vocab import KindName as Kind
from verifier.vocab import SpeakerName as Speaker
from verifier.vocab import StanceName as Stance

__all__ = [
    "CERTAINTIES", "KINDS", "SPEAKERS", "STANCES", "UNATTRIBUTED",
    "Attribution", "Certainty", "Kind", "Span", "Speaker", "Stance", "kind_of",
]


@dataclass(frozen=True, slots=True)
class Span:
    """Words of the original text: ``text == original[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as a reader sees it, with offsets into the original text."""

    text: str
    start: int
    end: int


def kind_of(speaker: Speaker, stance: Stance) -> Kind:
    """The guide's label of an attribution: the stance for a refusal or denial, else the
    speaker's kind."""
    if stance == "declines":
        return "declined"
    if stance == "denies":
        return "denied"
    return speaker


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who stands behind a claim and what they do with it, with the words that say so.

    ``source`` may point into an earlier sentence when the speaker is carried over
    (a pronoun, a back-reference or an untagged quote continuation); ``carried`` says so.
    """

    speaker: Speaker
    stance: Stance
    source: Span
    cue: Span
    rule: str
    carried: bool = False
    #: why a learned component proposed it (its score and the features that weighed most),
    #: and/or why the speaker has its kind when no words showed it: a name rule's declared
    #: fallback ("no office evidence: ..."); empty when the ``rule`` ids and ``evidence``
    #: say it all
    reason: str = ""
    #: the words of this sentence that stand for a speaker named elsewhere: a carried one
    #: ("he", "the official") or the relative pronoun of "X, who said ..." (the source is X);
    #: None when the source is named here or nothing here names it (a quote going on)
    mention: Span | None = None
    #: the words elsewhere in the article that showed the speaker's kind when its own words
    #: do not (a bare "Roe" typed by "Finance Minister Jane Roe" two paragraphs up, "Roe's
    #: government", "his post as finance minister"); None when the source's own words decide
    evidence: Span | None = None

    @property
    def kind(self) -> Kind:
        """The guide's label: the stance for a refusal or denial, else the speaker's kind."""
        return kind_of(self.speaker, self.stance)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "stance": self.stance,
            "source": self.source.to_dict(),
            "cue": self.cue.to_dict(),
            "rule": self.rule,
            "carried": self.carried,
            **({"reason": self.reason} if self.reason else {}),
            **({"mention": self.mention.to_dict()} if self.mention is not None else {}),
            **({"evidence": self.evidence.to_dict()} if self.evidence is not None else {}),
        }


@dataclass(frozen=True, slots=True)
class CertaintyLabel:
    """How firmly a claim is stated; ``cue`` is None for a plain assertion."""

    value: Certainty
    cue: Span | None
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "cue": self.cue.to_dict() if self.cue else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class SentenceAnalysis:
    """A sentence with its claim decision, attributions and certainty."""

    index: int
    text: str
    start: int
    end: int
    claim: bool
    claim_rule: str
    certainty: CertaintyLabel | None
    attributions: tuple[Attribution, ...]

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """The printed sourcing labels, in order of appearance."""
        return tuple(a.kind for a in self.attributions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claim": self.claim,
            "claim_rule": self.claim_rule,
            "certainty": self.certainty.value if self.certainty else None,
            "certainty_evidence": self.certainty.to_dict() if self.certainty else None,
            "attributions": [a.to_dict() for a in self.attributions],
        }


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """The analysis of one article text. ``outlet`` is the publishing outlet, if known."""

    text: str
    sentences: tuple[SentenceAnalysis, ...]
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "sentences": [s.to_dict() for s in self.sentences],
        }
