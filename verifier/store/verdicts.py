"""Reviewers' verdicts: an append-only history; the current status is the latest verdict.

``add_verdict`` appends one verdict and sets the target's ``status`` in the caller's
transaction. ``mark_claims`` checks every id and value before it writes anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.store.models import Claim, Story, Verdict
from verifier.store.verdict_record import VerdictRecord as VerdictRecord
from verifier.vocab import VERDICT_STATUSES


def check_verdict(status: str, evidence: str | None, reviewer: str | None) -> None:
    """Raise ``UsageError`` unless status is a verdict and evidence and reviewer are given."""
    if status not in VERDICT_STATUSES:
        raise UsageError(
            f"unknown status {status!r} (a verdict is one of {', '.join(VERDICT_STATUSES)})"
        )
    if not (evidence or "").strip():
        raise UsageError("a verdict needs evidence (--evidence): what shows it?")
    if not (reviewer or "").strip():
        raise UsageError("a verdict needs the reviewer's name (--by)")


def add_verdict(
    session: Session,
    *,
    status: str,
    evidence: str,
    reviewer: str,
    claim_id: int | None = None,
    story_id: int | None = None,
    url: str | None = None,
    note: str | None = None,
    score: float | None = None,
    now: datetime | None = None,
) -> int:
    """Append a verdict on a claim and/or a story and update their status; returns its id.

    ``score`` records the credibility score the target had when it was reviewed.
    """
    check_verdict(status, evidence, reviewer)
    if claim_id is None and story_id is None:
        raise UsageError("a verdict needs a claim or a story")
    if claim_id is not None:
        if session.scalar(select(Claim.id).where(Claim.id == claim_id)) is None:
            raise NotFoundError(f"no claim with id {claim_id}")
        session.execute(update(Claim).where(Claim.id == claim_id).values(status=status))
    if story_id is not None:
        if session.scalar(select(Story.id).where(Story.id == story_id)) is None:
            raise NotFoundError(f"no story with id {story_id}")
        session.execute(update(Story).where(Story.id == story_id).values(status=status))
    verdict_id = session.execute(
        insert(Verdict).returning(Verdict.id),
        [
            {
                "claim_id": claim_id,
                "story_id": story_id,
                "status": status,
                "evidence": evidence.strip(),
                "url": (url or "").strip() or None,
                "note": (note or "").strip() or None,
                "reviewer": reviewer.strip(),
                "score": score,
                "created_at": now or datetime.now(UTC),
            }
        ],
    ).scalar_one()
    return int(verdict_id)


def mark_claims(
    session: Session,
    claim_ids: Iterable[int],
    status: str,
    *,
    evidence: str,
    reviewer: str,
    url: str | None = None,
    note: str | None = None,
) -> list[int]:
    """Append the same verdict to each claim; all ids are checked before anything is written."""
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise UsageError("give at least one claim id")
    check_verdict(status, evidence, reviewer)
    found = set(session.scalars(select(Claim.id).where(Claim.id.in_(ids))))
    missing = [claim_id for claim_id in ids if claim_id not in found]
    if missing:
        listed = ", ".join(str(m) for m in missing)
        raise NotFoundError(f"no claim with id {listed}; nothing was marked")
    now = datetime.now(UTC)
    return [
        add_verdict(
            session,
            claim_id=claim_id,
            status=status,
            evidence=evidence,
            reviewer=reviewer,
            url=url,
            note=note,
            now=now,
        )
        for claim_id in ids
    ]
