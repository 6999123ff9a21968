"""The vocabulary every layer shares: sourcing kinds, speakers, stances, certainty, statuses.

Each set of words is declared once, here, as a ``StrEnum`` (its members compare equal to the
plain strings stored in the database and written in the YAML files). The ``Literal`` aliases
give mypy the same words for fields typed as plain strings; a test checks they agree with the
enums. Every other module imports from here: no layer keeps its own list.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Speaker(StrEnum):
    """Who stands behind an attribution (the speaker's kind)."""

    OFFICIAL = "official"
    NAMED = "named"
    MEDIA = "media"
    UNNAMED_OFFICIAL = "unnamed_official"
    UNNAMED = "unnamed"


class Stance(StrEnum):
    """What the speaker does with the claim."""

    ASSERTS = "asserts"
    DECLINES = "declines"
    DENIES = "denies"


class Kind(StrEnum):
    """The guide's printed sourcing labels, strongest first (the legend's order)."""

    OFFICIAL = "official"
    NAMED = "named"
    MEDIA = "media"
    UNNAMED_OFFICIAL = "unnamed_official"
    UNNAMED = "unnamed"
    DECLINED = "declined"
    DENIED = "denied"


class Certainty(StrEnum):
    """How firmly a sentence states its main claim."""

    CERTAIN = "certain"
    PROBABLE = "probable"
    POSSIBLE = "possible"


class ClaimStatus(StrEnum):
    """A claim's or story's review status: its latest standing verdict, else unverified."""

    UNVERIFIED = "unverified"
    CONFIRMED = "confirmed"
    REFUTED = "refuted"
    DISPUTED = "disputed"


class Role(StrEnum):
    """What a claim does for its story: asserts the event, denies it, or declines to say."""

    SUPPORTS = "supports"
    DENIES = "denies"
    DECLINES = "declines"


class StoryStatus(StrEnum):
    """What the evidence says of an unreviewed story (the scorer's status)."""

    CORROBORATED = "corroborated"
    UNCONFIRMED = "unconfirmed"
    CONTESTED = "contested"


#: Label for a claim with no attribution at all: the reporter's own voice.
UNATTRIBUTED = "unattributed"

#: Prefixes of the source keys ingest derives from a source's words (not the registry's):
#: a named party (``name:dana ortiz``), an outlet's anonymous sources (``unnamed-via:12``).
NAME_KEY = "name:"
#: Between a description's words and its article in the key of a description nothing in
#: its article resolves ("name:company@<article>": one article's "the company").
ARTICLE_MARK = "@"
UNNAMED_VIA = "unnamed-via:"
#: The source kind of an outlet's anonymous sources (one track record per outlet).
UNNAMED_VIA_OUTLET = "unnamed_via_outlet"

SpeakerName = Literal["official", "named", "media", "unnamed_official", "unnamed"]
StanceName = Literal["asserts", "declines", "denies"]
KindName = Literal[
    "official", "named", "media", "unnamed_official", "unnamed", "declined", "denied"
]
CertaintyName = Literal["certain", "probable", "possible"]

SPEAKERS: tuple[SpeakerName, ...] = tuple(s.value for s in Speaker)
STANCES: tuple[StanceName, ...] = tuple(s.value for s in Stance)
KINDS: tuple[KindName, ...] = tuple(k.value for k in Kind)
CERTAINTIES: tuple[CertaintyName, ...] = tuple(c.value for c in Certainty)
#: Every sourcing label a claim can be filtered or scored by: the kinds and ``unattributed``.
SOURCING_LABELS: tuple[str, ...] = (*KINDS, UNATTRIBUTED)
VERDICT_STATUSES: tuple[str, ...] = tuple(
    s.value for s in ClaimStatus if s is not ClaimStatus.UNVERIFIED
)
CLAIM_STATUSES: tuple[str, ...] = tuple(s.value for s in ClaimStatus)
#: The verdict a claim denying what was reviewed takes (a story's verdict marks its denials
#: so; adopting an earlier verdict for a denial too); a dispute stays one.
OPPOSITE_VERDICT: dict[str, str] = {
    ClaimStatus.CONFIRMED.value: ClaimStatus.REFUTED.value,
    ClaimStatus.REFUTED.value: ClaimStatus.CONFIRMED.value,
    ClaimStatus.DISPUTED.value: ClaimStatus.DISPUTED.value,
}
STORY_STATUSES: tuple[str, ...] = tuple(s.value for s in StoryStatus)
