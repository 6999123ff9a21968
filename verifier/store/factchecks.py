"""Imported fact-checks in the database: stored once each (listed through
``verifier.store.fact_check_reads``, without SQLAlchemy). (Matching
claims against them and the desk's own verdicts reads through ``verifier.store.past_reads``.)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from verifier.ingest.factchecks import FactCheck
from verifier.store.fact_check_reads import StoredFactCheck as StoredFactCheck
from verifier.store.fact_check_reads import fact_check_count as fact_check_count
from verifier.store.fact_check_reads import list_fact_checks as list_fact_checks
from verifier.store.models import FactCheck as FactCheckRow


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
