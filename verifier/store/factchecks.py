"""Past verdicts in the database: imported fact-checks, and the desk's own reviewed claims
and stories, read for matching new claims against them (``verifier.stories.matching``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError
from verifier.ingest.factchecks import FactCheck
from verifier.store.models import Attribution, Claim, StoryClaim
from verifier.store.models import FactCheck as FactCheckRow
from verifier.store.verdicts import (
    VerdictRecord,
    standing,
    standing_verdicts,
    verdict_history,
)


@dataclass(frozen=True, slots=True)
class StoredFactCheck:
    id: int
    claim: str
    rating: str
    verdict: str
    publisher: str
    url: str | None
    published_at: datetime | None
    claim_author: str | None
    origin: str
    terms: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "claim": self.claim, "rating": self.rating, "verdict": self.verdict,
            "publisher": self.publisher, "url": self.url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "claim_author": self.claim_author, "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """A claim with a standing verdict: what a new claim may be matched against."""

    id: int
    article_id: int
    text: str
    start: int
    status: str
    evidence: str
    url: str | None
    reviewer: str
    story_id: int | None


def save_fact_checks(
    session: Session, checks: Sequence[tuple[FactCheck, str]], now: datetime | None = None
) -> tuple[int, int]:
    """Store fact-checks (each with its packed grouping terms) not stored yet; returns
    (added, already stored)."""
    keys = [check.key for check, _ in checks]
    known = set(session.scalars(select(FactCheckRow.key).where(FactCheckRow.key.in_(keys))))
    rows, seen = [], set(known)
    stamp = now or datetime.now(UTC)
    for check, terms in checks:
        if check.key in seen:
            continue
        seen.add(check.key)
        rows.append({
            "key": check.key, "claim": check.claim, "rating": check.rating,
            "verdict": check.verdict, "publisher": check.publisher, "url": check.url,
            "published_at": check.published, "claim_author": check.claim_author,
            "rating_value": check.rating_value, "origin": check.origin[:2000],
            "terms": terms, "imported_at": stamp,
        })
    if rows:
        session.execute(insert(FactCheckRow), rows)
    return len(rows), len(checks) - len(rows)


def _stored(row: FactCheckRow) -> StoredFactCheck:
    return StoredFactCheck(row.id, row.claim, row.rating, row.verdict, row.publisher, row.url,
                           row.published_at, row.claim_author, row.origin, row.terms)


def list_fact_checks(session: Session, *, limit: int | None = None) -> list[StoredFactCheck]:
    query = select(FactCheckRow).order_by(FactCheckRow.id)
    if limit is not None:
        query = query.limit(limit)
    return [_stored(row) for row in session.scalars(query)]


def get_fact_check(session: Session, fact_check_id: int) -> StoredFactCheck:
    row = session.get(FactCheckRow, fact_check_id)
    if row is None:
        raise NotFoundError(f"no fact-check with id {fact_check_id}")
    return _stored(row)


def fact_check_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(FactCheckRow)) or 0)


def reviewed_claims(session: Session, *, exclude: int | None = None) -> list[ReviewedClaim]:
    """Every claim with a standing verdict, with that verdict's evidence."""
    claims = session.execute(
        select(Claim.id, Claim.article_id, Claim.text, Claim.start, Claim.status,
               StoryClaim.story_id)
        .outerjoin(StoryClaim, StoryClaim.claim_id == Claim.id)
        .where(Claim.status != "unverified", Claim.id != (exclude or 0))
        .order_by(Claim.id)
    ).all()
    if not claims:
        return []
    _, verdicts = standing_verdicts(session)
    found = []
    for c in claims:
        verdict = verdicts.get(c.id)
        if verdict is None:
            continue
        found.append(ReviewedClaim(c.id, c.article_id, c.text, c.start, verdict.status,
                                   verdict.evidence, verdict.url, verdict.reviewer, c.story_id))
    return found


def source_spans(session: Session, claim_ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    """Per claim, the article offsets of its attributions' source and cue words (what a
    claim's wording says about who said it, not about the event)."""
    found: dict[int, list[tuple[int, int]]] = {}
    for batch in (list(claim_ids)[i:i + 500] for i in range(0, len(claim_ids), 500)):
        for claim_id, s_start, s_end, c_start, c_end in session.execute(
            select(Attribution.claim_id, Attribution.source_start, Attribution.source_end,
                   Attribution.cue_start, Attribution.cue_end)
            .where(Attribution.claim_id.in_(batch))
        ):
            found.setdefault(claim_id, []).extend([(s_start, s_end), (c_start, c_end)])
    return found


def claim_for_matching(session: Session, claim_id: int) -> tuple[str, int, int | None, str]:
    """A claim's text, start offset, story id and status; ``NotFoundError`` if none."""
    row = session.execute(
        select(Claim.text, Claim.start, StoryClaim.story_id, Claim.status)
        .outerjoin(StoryClaim, StoryClaim.claim_id == Claim.id)
        .where(Claim.id == claim_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return row.text, row.start, row.story_id, row.status


def story_standing(session: Session, story_id: int) -> VerdictRecord | None:
    """The story's standing verdict (not retracted), if any."""
    return standing(verdict_history(session, story_id=story_id))
