"""Source track records: a Beta posterior over the registry prior, learned from verdicts.

A verdict on a story counts once for every source behind it: the outlets that published its
supporting claims, every source that asserts it (named officials, cited outlets, "unnamed
sources via <outlet>"), and, the other way round, every source that denied it (a denial of a
confirmed story counts as refuted for the denier). A refusal counts for nobody. Only the
latest verdict of each story counts; a verdict on a single claim counts when its story has no
verdict of its own. Everything is computed from the verdicts when read, so open claims'
scores reflect a new verdict at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verifier.scoring.beta import central_interval
from verifier.store.models import Article, Attribution, Claim, Source, StoryClaim
from verifier.store.verdicts import standing_verdicts

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


def latest_verdicts(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    """The standing verdict's status per story, and per claim (claims' own verdicts only, not
    those written with a story's); retracted verdicts do not count."""
    stories, claims = standing_verdicts(session)
    return (
        {sid: v.status for sid, v in stories.items()},
        {cid: v.status for cid, v in claims.items() if v.story_id is None},
    )


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


def verdict_counts(session: Session) -> dict[int, tuple[int, int]]:
    """``{source id: (confirmed, refuted)}`` over every reviewed story and claim."""
    stories, claims = latest_verdicts(session)
    reviewed = [sid for sid, status in stories.items() if status in _OPPOSITE]
    members: dict[int, list[int]] = {}
    if reviewed:
        rows = session.execute(
            select(StoryClaim.story_id, StoryClaim.claim_id).where(
                StoryClaim.story_id.in_(reviewed)
            )
        )
        for story_id, claim_id in rows:
            members.setdefault(story_id, []).append(claim_id)
    claim_story: dict[int, int] = {}
    claim_reviewed = [cid for cid, status in claims.items() if status in _OPPOSITE]
    if claim_reviewed:
        claim_story = dict(
            session.execute(
                select(StoryClaim.claim_id, StoryClaim.story_id).where(
                    StoryClaim.claim_id.in_(claim_reviewed)
                )
            ).all()
        )
    units = reviewed_units(stories, claims, members, claim_story)
    behind = _sources_behind(session, {c for unit in units for c in unit.claim_ids})
    return learn(units, behind)


def _sources_behind(session: Session, claim_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
    """Per claim: (source id, stance) for its asserting and denying sources, and its outlet
    when the claim supports the event (someone asserts it, or nobody is cited)."""
    ids = list(claim_ids)
    found: dict[int, list[tuple[int, str]]] = {cid: [] for cid in ids}
    if not ids:
        return found
    stances: dict[int, set[str]] = {cid: set() for cid in ids}
    for claim_id, source_id, stance in session.execute(
        select(Attribution.claim_id, Attribution.source_id, Attribution.stance).where(
            Attribution.claim_id.in_(ids)
        )
    ):
        stances[claim_id].add(stance)
        if source_id is not None and stance in ("asserts", "denies"):
            found[claim_id].append((source_id, stance))
    for claim_id, outlet_id in session.execute(
        select(Claim.id, Article.outlet_id)
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.id.in_(ids))
    ):
        supports = "asserts" in stances[claim_id] or not stances[claim_id]
        if outlet_id is not None and supports:
            found[claim_id].append((outlet_id, "asserts"))
    return found


def track_records(
    session: Session, source_ids: Iterable[int] | None = None, *, reviewed_only: bool = False
) -> list[TrackRecord]:
    """Track records of the given sources (default: all), most verdicts first."""
    counts = verdict_counts(session)
    query = select(Source)
    if source_ids is not None:
        query = query.where(Source.id.in_(list(source_ids)))
    elif reviewed_only:
        query = query.where(Source.id.in_(list(counts)))
    records = [
        TrackRecord(
            source_id=row.id,
            key=row.key,
            name=row.name,
            kind=row.kind,
            prior_confirmed=row.prior_confirmed,
            prior_refuted=row.prior_refuted,
            prior_note=row.prior_note,
            confirmed=counts.get(row.id, (0, 0))[0],
            refuted=counts.get(row.id, (0, 0))[1],
        )
        for row in session.scalars(query)
    ]
    records.sort(key=lambda r: (-(r.confirmed + r.refuted), r.name.lower()))
    return records
