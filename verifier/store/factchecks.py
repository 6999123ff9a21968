"""Imported fact-checks in the database: stored once each, listed, read by id. (Matching
claims against them and the desk's own verdicts reads through ``verifier.store.past_reads``.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError
from verifier.ingest.factchecks import FactCheck
from verifier.store.models import FactCheck as FactCheckRow


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


def list_fact_checks(session: Session, *, limit: int | None = None,
                     offset: int = 0) -> list[StoredFactCheck]:
    query = select(FactCheckRow).order_by(FactCheckRow.id)
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return [_stored(row) for row in session.scalars(query)]


def get_fact_check(session: Session, fact_check_id: int) -> StoredFactCheck:
    row = session.get(FactCheckRow, fact_check_id)
    if row is None:
        raise NotFoundError(f"no fact-check with id {fact_check_id}")
    return _stored(row)


def fact_check_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(FactCheckRow)) or 0)
