"""Source track records: a Beta posterior over the registry prior, learned from verdicts.

A verdict on a story counts once for every source behind it: the outlets that stated it in
their own voice (not one that relayed a party's claim or denial: the party answers for it),
every source that asserts it (named officials, cited outlets, "unnamed
sources via <outlet>"), and, the other way round, every source that denied it (a denial of a
confirmed story counts as refuted for the denier). A refusal counts for nobody; nor do words
stored as a party that name nobody a reader could identify ("Contrary to reports", "the
report is true": ``verifier.scoring.corroboration.identifiable``, the test that keeps them
from being origins), while an outlet's anonymous sources keep their record per outlet. Only the
latest verdict of each story counts; a verdict on a single claim counts when its story has no
verdict of its own. Pure: ``answering``, ``reviewed_units`` and ``learn`` turn the rows
``verifier.store.trackrecords`` reads into counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verifier.scoring.beta import central_interval

if TYPE_CHECKING:
    from verifier.scoring.evidence import AttributionEvidence
    from verifier.scoring.terms import CorroborationParams

#: The interval ``interval()`` reports by default.
LEVEL = 0.9
_OPPOSITE = {"confirmed": "refuted", "refuted": "confirmed"}


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """A source's prior pseudo-counts and the verdicts counted for it."""

    source_id: int
    key: str
    name: str
    kind: str
    prior_confirmed: float
    prior_refuted: float
    prior_note: str
    confirmed: int = 0
    refuted: int = 0

    @property
    def alpha(self) -> float:
        return self.prior_confirmed + self.confirmed

    @property
    def beta(self) -> float:
        return self.prior_refuted + self.refuted

    @property
    def mean(self) -> float:
        """Posterior mean: the chance a claim this source stands behind is confirmed."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def prior_mean(self) -> float:
        return self.prior_confirmed / (self.prior_confirmed + self.prior_refuted)

    def interval(self, level: float = LEVEL) -> tuple[float, float]:
        """The central credible interval of the posterior Beta distribution."""
        return central_interval(level, self.alpha, self.beta)

    def to_dict(self) -> dict[str, Any]:
        low, high = self.interval()
        return {
            "source_id": self.source_id,
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "prior": {
                "confirmed": self.prior_confirmed,
                "refuted": self.prior_refuted,
                "mean": round(self.prior_mean, 4),
                "note": self.prior_note,
            },
            "confirmed": self.confirmed,
            "refuted": self.refuted,
            "mean": round(self.mean, 4),
            "interval": {"level": LEVEL, "low": round(low, 4), "high": round(high, 4)},
        }


@dataclass(frozen=True, slots=True)
class ReviewedUnit:
    """One reviewed story, or a claim reviewed on its own: its outcome and its claims."""

    outcome: str
    claim_ids: tuple[int, ...]


def reviewed_units(
    story_verdicts: Mapping[int, str],
    claim_verdicts: Mapping[int, str],
    story_members: Mapping[int, Sequence[int]],
    claim_story: Mapping[int, int],
) -> list[ReviewedUnit]:
    """Which verdicts teach the track records. Pure.

    ``story_verdicts`` and ``claim_verdicts`` hold each target's latest verdict; only
    confirmed and refuted teach anything. A story's verdict covers its member claims; a
    claim's own verdict counts when its story (``claim_story``) has no verdict of its own.
    """
    units = [
        ReviewedUnit(status, tuple(story_members.get(story_id, ())))
        for story_id, status in story_verdicts.items()
        if status in _OPPOSITE
    ]
    units += [
        ReviewedUnit(status, (claim_id,))
        for claim_id, status in claim_verdicts.items()
        if status in _OPPOSITE and claim_story.get(claim_id) not in story_verdicts
    ]
    return units


def learn(
    units: Iterable[ReviewedUnit], behind: Mapping[int, Sequence[tuple[int, str]]]
) -> dict[int, tuple[int, int]]:
    """``{source id: (confirmed, refuted)}``: the learning rule. Pure.

    ``behind`` gives, per claim, the (source id, stance) pairs standing behind it: asserting
    sources and the publishing outlet count with the unit's outcome, denying sources with the
    opposite one. Each source counts once per unit, and asserting wins when a source both
    asserts and denies within one unit.
    """
    counts: dict[int, list[int]] = {}
    for unit in units:
        for_source: dict[int, str] = {}
        for claim_id in unit.claim_ids:
            for source_id, stance in behind.get(claim_id, ()):
                outcome = unit.outcome if stance == "asserts" else _OPPOSITE[unit.outcome]
                if source_id not in for_source or stance == "asserts":
                    for_source[source_id] = outcome
        for source_id, outcome in for_source.items():
            pair = counts.setdefault(source_id, [0, 0])
            pair[0 if outcome == "confirmed" else 1] += 1
    return {sid: (c, r) for sid, (c, r) in counts.items()}


@dataclass(frozen=True, slots=True)
class Statement:
    """One stored claim as the learning rule reads it: its text and offset, its article's
    outlet, and its attributions with the registry source each was linked to (if any)."""

    claim_id: int
    outlet_id: int | None
    text: str
    start: int
    attributions: tuple[tuple[AttributionEvidence, int | None], ...]


def answering(statements: Iterable[Statement]) -> dict[int, list[tuple[int, str]]]:
    """Per claim: (source id, stance) for its asserting and denying sources, and its outlet
    when the claim is in the outlet's own voice (nobody is cited). Pure but for the
    packaged word lists it reads.

    A verdict credits or blames whoever asserted: an outlet that relays a party's claim or a
    party's denial ("officials said ...", "the ministry denied ...") reported it correctly
    whatever the verdict; the party it quotes answers for it (its anonymous sources as
    "unnamed sources via" the outlet), and so does an outlet cited as relaying another source
    ("Foreign Policy reported, citing senior officials": the officials answer, ``_relaying``).
    A source a reader could not identify (``keeps_record``: words taken for a party, "the
    report is true") answers for nothing. A statement in its own voice that tells of a
    denial or of what is not settled (``own_voice.doubt_words``: "Border deal denied",
    "Contradictory news about the leader's death") does not state the event either: it
    counts for nobody."""
    from verifier.scoring.corroboration import searched

    doubt = _doubt_pattern()
    found: dict[int, list[tuple[int, str]]] = {}
    for statement in statements:
        behind = found.setdefault(statement.claim_id, [])
        asserting = [(a, sid) for a, sid in statement.attributions
                     if sid is not None and a.stance == "asserts"]
        behind.extend((sid, a.stance) for a, sid in statement.attributions
                      if sid is not None and a.stance == "denies"
                      and keeps_record(statement, a))
        relays = (_relaying(statement.text, statement.start, [a for a, _ in asserting])
                  if len(asserting) > 1 else {})
        behind.extend((sid, "asserts") for n, (a, sid) in enumerate(asserting)
                      if n not in relays and keeps_record(statement, a))
        if statement.outlet_id is not None and not statement.attributions and (
                doubt is None or searched(doubt, statement.text) is None):
            behind.append((statement.outlet_id, "asserts"))
    return found


def keeps_record(statement: Statement, attribution: AttributionEvidence) -> bool:
    """Whether the source of ``attribution`` (its ``source_key`` and ``source_name`` read
    with it) learns from a verdict on ``statement``: an outlet's anonymous sources
    (``unnamed-via:``, one record per outlet, or per article when the outlet is unknown),
    else a source a reader can identify, by the test that decides whether it is an origin
    (``verifier.scoring.corroboration.identifiable`` with the packaged ``identity`` lists,
    not a ``--scoring`` file's: kept counts must not depend on the command that counted
    them). Words taken for a party ("Contrary to reports", "There have been media reports")
    keep no record."""
    from verifier.scoring.corroboration import identifiable
    from verifier.scoring.evidence import ClaimEvidence
    from verifier.vocab import UNNAMED_VIA

    key = attribution.source_key
    if key is not None and key.startswith(UNNAMED_VIA):
        return True
    claim = ClaimEvidence(statement.claim_id, 0, statement.text, statement.start,
                          statement.start + len(statement.text), None, None, None, None,
                          (attribution,), "", "")
    return identifiable(claim, attribution, *_identity())


@functools.lru_cache(maxsize=1)
def _identity() -> tuple[frozenset[str], frozenset[str], frozenset[str], int, frozenset[str],
                        frozenset[str]]:
    """The packaged ``identity`` lists ``identifiable`` reads: nameless words, institution
    heads, indefinite words, heading letters, record words and issued words."""
    from verifier.scoring.weights import load_weights

    identity = load_weights().identity
    return (frozenset(identity.nameless_words), frozenset(identity.institution_heads),
            frozenset(identity.indefinite_words), identity.heading_letters,
            frozenset(identity.record_words), frozenset(identity.issued_words))


@functools.lru_cache(maxsize=1)
def _doubt_pattern() -> re.Pattern[str] | None:
    """The packaged ``own_voice.doubt_words`` (not a ``--scoring`` file's: kept counts must not
    depend on the command that counted them)."""
    from verifier.scoring.corroboration import phrase_pattern
    from verifier.scoring.terms import OwnVoiceParams
    from verifier.scoring.weights import load_weights

    words = load_weights().term("own_voice", OwnVoiceParams).doubt_words
    return phrase_pattern(words) if words else None


def _relaying(text: str, start: int, said: list[AttributionEvidence]) -> dict[int, str]:
    """The outlets among a statement's asserting sources that vouch for nothing of their own
    (``verifier.scoring.corroboration.set_aside`` with the packaged ``corroboration``
    words: they relay another source of the sentence, "Foreign Policy reported, citing
    senior officials"; received its statement; or credit a picture): the source they relay
    answers for the statement, as it is the origin when scoring."""
    if not any(a.speaker == "media" for a in said):
        return {}
    from verifier.scoring.corroboration import set_aside
    from verifier.scoring.evidence import ClaimEvidence

    cues = _corroboration()
    claim = ClaimEvidence(0, 0, text, start, start + len(text), None, None, None, None,
                          tuple(said), "", "")
    return set_aside(claim, said, cues.relay_cues, cues.credit_words, cues.receiving_cues)


@functools.lru_cache(maxsize=1)
def _corroboration() -> CorroborationParams:
    from verifier.scoring.terms import CorroborationParams
    from verifier.scoring.weights import load_weights

    return load_weights().term("corroboration", CorroborationParams)
