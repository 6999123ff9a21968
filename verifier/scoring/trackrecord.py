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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
        from scipy.stats import beta

        tail = (1 - level) / 2
        low, high = beta.ppf([tail, 1 - tail], self.alpha, self.beta)
        return float(low), float(high)

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


def verdict_counts(session: Session) -> dict[int, tuple[int, int]]:
    """``{source id: (confirmed, refuted)}`` over every reviewed story and claim."""
    stories, claims = latest_verdicts(session)
    units: dict[tuple[str, int], str] = {
        ("story", sid): status for sid, status in stories.items() if status in _OPPOSITE
    }
    claim_units = {cid: status for cid, status in claims.items() if status in _OPPOSITE}
    members: dict[int, list[int]] = {}
    if units:
        rows = session.execute(
            select(StoryClaim.story_id, StoryClaim.claim_id).where(
                StoryClaim.story_id.in_([sid for _, sid in units])
            )
        )
        for story_id, claim_id in rows:
            members.setdefault(story_id, []).append(claim_id)
    if claim_units:
        reviewed_stories = set(stories)
        in_story = session.execute(
            select(StoryClaim.claim_id, StoryClaim.story_id).where(
                StoryClaim.claim_id.in_(list(claim_units))
            )
        )
        for claim_id, story_id in in_story:
            if story_id in reviewed_stories:
                claim_units.pop(claim_id, None)
        for claim_id, status in claim_units.items():
            units[("claim", claim_id)] = status
            members[-claim_id] = [claim_id]
    all_claims = {c for ids in members.values() for c in ids}
    behind = _sources_behind(session, all_claims)
    counts: dict[int, list[int]] = {}
    for (unit, ident), status in units.items():
        claim_ids = members.get(ident if unit == "story" else -ident, [])
        for_source: dict[int, str] = {}
        for claim_id in claim_ids:
            for source_id, stance in behind.get(claim_id, ()):
                outcome = status if stance == "asserts" else _OPPOSITE[status]
                if for_source.get(source_id) is None or stance == "asserts":
                    for_source[source_id] = outcome
        for source_id, outcome in for_source.items():
            pair = counts.setdefault(source_id, [0, 0])
            pair[0 if outcome == "confirmed" else 1] += 1
    return {sid: (c, r) for sid, (c, r) in counts.items()}


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
