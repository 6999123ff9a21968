"""Credibility with reasons: a story's (or one claim's) evidence -> a score in [0, 1].

Pure. The model is a sum of log-odds contributions, each from one factor of the evidence and
each naming the sentence and words it rests on (weights in ``data/scoring.yaml``)::

    score = logistic(base + sourcing + reliability + corroboration + on_record
                     + hedging + refusals + denials)

The status without a verdict follows the same evidence: ``contested`` when a denial stands
against the event, ``corroborated`` with an on-record source or several independent origins,
else ``unconfirmed``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from verifier.scoring.corroboration import Origin, independent_origins
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence, Reliability, Words
from verifier.scoring.weights import Weights
from verifier.vocab import UNATTRIBUTED

#: Keep a probability away from 0 and 1 before taking its logit.
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Contribution:
    """One reason: ``delta`` is its log-odds contribution to the score."""

    factor: str
    reason: str
    delta: float
    evidence: tuple[Words, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "reason": self.reason,
            "delta": round(self.delta, 4),
            "evidence": [w.to_dict() for w in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """A score with the contributions that produced it, strongest first."""

    score: float
    status: str
    base: float
    contributions: tuple[Contribution, ...]
    origins: tuple[Origin, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 4),
            "status": self.status,
            "base": self.base,
            "contributions": [c.to_dict() for c in self.contributions],
            "origins": [o.to_dict() for o in self.origins],
        }


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def assess(claims: Sequence[ClaimEvidence], weights: Weights) -> Assessment:
    """Score the evidence of one story (or one claim) and explain the score."""
    supporting = [c for c in claims if c.supports]
    contributions: list[Contribution] = []
    strongest = _strongest(supporting, weights)
    if strongest is not None:
        contributions.extend(_sourcing(strongest, weights))
    origins = independent_origins(claims)
    contributions.append(_corroboration(origins, weights))
    on_record = _on_record(supporting, strongest, weights)
    if on_record:
        contributions.append(on_record)
    hedging = _hedging(supporting, weights)
    if hedging:
        contributions.append(hedging)
    for stance, factor in (("declines", "refusals"), ("denies", "denials")):
        against = _parties(claims, stance, factor, weights)
        if against:
            contributions.append(against)
    contributions.sort(key=lambda c: -abs(c.delta))
    total = weights.base + sum(c.delta for c in contributions)
    denied = any(a.stance == "denies" for c in claims for a in c.attributions)
    has_on_record = any(a.on_record for c in supporting for a in c.asserting)
    if denied:
        status = "contested"
    elif has_on_record or len(origins) >= weights.corroborated_min_origins:
        status = "corroborated"
    else:
        status = "unconfirmed"
    return Assessment(logistic(total), status, weights.base, tuple(contributions), origins)


# --- factors ---------------------------------------------------------------------------

_Strongest = tuple[ClaimEvidence, AttributionEvidence | None]


def _kind(attribution: AttributionEvidence | None) -> str:
    return attribution.speaker if attribution is not None else UNATTRIBUTED


def _strongest(supporting: Sequence[ClaimEvidence], weights: Weights) -> _Strongest | None:
    """The supporting statement with the strongest sourcing (first one wins a tie)."""
    best: _Strongest | None = None
    best_key: tuple[float, float] | None = None
    for claim in supporting:
        for attribution in claim.asserting or (None,):
            kind = _kind(attribution)
            reliability = _reliability(claim, attribution, weights)
            key = (weights.sourcing[kind], reliability.mean)
            if best_key is None or key > best_key:
                best, best_key = (claim, attribution), key
    return best


def _reliability(
    claim: ClaimEvidence, attribution: AttributionEvidence | None, weights: Weights
) -> Reliability:
    if attribution is None:
        if claim.carrier_reliability is not None:
            return claim.carrier_reliability
        confirmed, refuted = weights.default_prior[UNATTRIBUTED]
        return Reliability(confirmed, refuted, claim.carrier_name)
    if attribution.reliability is not None:
        return attribution.reliability
    confirmed, refuted = weights.default_prior[attribution.speaker]
    label = attribution.source_name or attribution.source_text
    return Reliability(confirmed, refuted, label)


def _sourcing(strongest: _Strongest, weights: Weights) -> list[Contribution]:
    claim, attribution = strongest
    kind = _kind(attribution)
    reliability = _reliability(claim, attribution, weights)
    if attribution is None:
        words = claim.sentence_words()
        who = f"the reporter's own voice ({claim.carrier_name})"
    else:
        words = claim.words(attribution.source_start, attribution.source_end,
                            attribution.source_text)
        who = f"{kind.replace('_', ' ')} source: {attribution.source_text}"
    sourcing = Contribution(
        "sourcing", f"strongest sourcing is {who}", weights.sourcing[kind], (words,)
    )
    delta = weights.reliability_weight * logit(reliability.mean)
    record = (
        f"{reliability.label}: reliability {reliability.mean:.2f} "
        f"({reliability.confirmed:g} confirmed, {reliability.refuted:g} refuted, prior included)"
    )
    return [sourcing, Contribution("reliability", record, delta, (words,))]


def _corroboration(origins: Sequence[Origin], weights: Weights) -> Contribution:
    extra = min(max(len(origins) - 1, 0), weights.max_origins)
    names = ", ".join(o.label for o in origins)
    if not origins:
        reason = "no independent origin: only unnamed sources or the reporter's own voice"
    elif len(origins) == 1:
        reason = f"one origin only ({names}); no independent corroboration"
    else:
        reason = f"{len(origins)} independent origins: {names}"
    evidence = tuple(o.evidence for o in origins)
    return Contribution("corroboration", reason, weights.per_origin * extra, evidence)


def _party_key(attribution: AttributionEvidence) -> str:
    return attribution.source_key or " ".join(attribution.source_text.lower().split())


def _on_record(
    supporting: Sequence[ClaimEvidence], strongest: _Strongest | None, weights: Weights
) -> Contribution | None:
    skip = _party_key(strongest[1]) if strongest and strongest[1] else None
    found: dict[str, Words] = {}
    for claim in supporting:
        for a in claim.asserting:
            key = _party_key(a)
            if a.on_record and key != skip and key not in found:
                found[key] = claim.words(a.source_start, a.source_end, a.source_text)
    if not found:
        return None
    count = min(len(found), weights.max_on_record)
    names = ", ".join(w.words for w in found.values())
    return Contribution(
        "on_record",
        f"{len(found)} more on-record source(s) assert it: {names}",
        weights.per_on_record * count,
        tuple(found.values()),
    )


def _hedging(supporting: Sequence[ClaimEvidence], weights: Weights) -> Contribution | None:
    stated = [c for c in supporting if c.certainty is not None]
    hedged = [c for c in stated if c.certainty in ("probable", "possible")]
    if not hedged:
        return None
    delta = sum(
        weights.probable if c.certainty == "probable" else weights.possible for c in hedged
    ) / len(stated)
    evidence = tuple(
        c.words(c.certainty_start, c.certainty_end, c.certainty_cue)
        if c.certainty_cue is not None and c.certainty_start is not None
        and c.certainty_end is not None
        else c.sentence_words()
        for c in hedged
    )
    cues = ", ".join(dict.fromkeys(f"'{w.words}'" for w in evidence))
    return Contribution(
        "hedging",
        f"{len(hedged)} of {len(stated)} supporting statements are hedged ({cues})",
        delta,
        evidence,
    )


def _parties(
    claims: Sequence[ClaimEvidence], stance: str, factor: str, weights: Weights
) -> Contribution | None:
    found: dict[str, tuple[str, Words]] = {}
    for claim in claims:
        for a in claim.attributions:
            if a.stance == stance:
                words = claim.words(a.cue_start, a.cue_end, a.cue_text)
                found.setdefault(_party_key(a), (a.source_name or a.source_text, words))
    if not found:
        return None
    if factor == "refusals":
        per, cap, verb = weights.per_refusal, weights.max_refusals, "declined or gave no answer"
    else:
        per, cap, verb = weights.per_denial, weights.max_denials, "denied it"
    names = "; ".join(name for name, _ in found.values())
    reason = f"{len(found)} party(ies) {verb}: {names}"
    evidence = tuple(words for _, words in found.values())
    return Contribution(factor, reason, per * min(len(found), cap), evidence)
