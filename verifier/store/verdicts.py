"""Reviewers' verdicts: an append-only history; the current status is the latest verdict.

``add_verdict`` appends one verdict and sets the target's ``status`` in the caller's
transaction. ``mark_claims`` checks every id and value before it writes anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.store.models import Claim, Retraction, Story, Verdict
from verifier.vocab import VERDICT_STATUSES


@dataclass(frozen=True, slots=True)
class VerdictRecord:
    """One entry of a verdict history, as ``claims show`` and story views print it."""

    id: int
    status: str
    evidence: str
    url: str | None
    note: str | None
    reviewer: str
    created_at: datetime
    story_id: int | None
    score: float | None

    @classmethod
    def from_row(cls, row: Verdict) -> VerdictRecord:
        return cls(row.id, row.status, row.evidence, row.url, row.note, row.reviewer,
                   row.created_at, row.story_id, row.score)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "evidence": self.evidence,
            "url": self.url,
            "note": self.note,
            "reviewer": self.reviewer,
            "created_at": self.created_at.isoformat(),
            "story_id": self.story_id,
            "score": None if self.score is None else round(self.score, 4),
        }


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


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A verdict with its retraction, if it was withdrawn."""

    verdict: VerdictRecord
    claim_id: int | None
    retracted_by: str | None = None
    retracted_at: datetime | None = None
    retraction_reason: str | None = None

    @property
    def retracted(self) -> bool:
        return self.retracted_by is not None

    def to_dict(self) -> dict[str, Any]:
        data = self.verdict.to_dict()
        data["claim_id"] = self.claim_id
        data["retracted"] = None if self.retracted_by is None else {
            "by": self.retracted_by,
            "at": self.retracted_at.isoformat() if self.retracted_at else None,
            "reason": self.retraction_reason,
        }
        return data


def retracted_ids(session: Session) -> set[int]:
    """Ids of every withdrawn verdict."""
    return set(session.scalars(select(Retraction.verdict_id)))


def history(
    session: Session, *, claim_id: int | None = None, story_id: int | None = None,
    story_only: bool = False,
) -> list[HistoryEntry]:
    """The verdicts on a claim or a story, oldest first, with their retractions."""
    query = select(Verdict, Retraction).outerjoin(
        Retraction, Retraction.verdict_id == Verdict.id
    ).order_by(Verdict.id)
    if claim_id is not None:
        query = query.where(Verdict.claim_id == claim_id)
    if story_id is not None:
        query = query.where(Verdict.story_id == story_id)
        if story_only:
            query = query.where(Verdict.claim_id.is_(None))
    return [
        HistoryEntry(VerdictRecord.from_row(v), v.claim_id,
                     r.reviewer if r else None, r.created_at if r else None,
                     r.reason if r else None)
        for v, r in session.execute(query)
    ]


def retract_verdict(session: Session, verdict_id: int, *, reviewer: str, reason: str) -> list[int]:
    """Withdraw a verdict (and, for a story verdict, the claim verdicts written with it):
    append a retraction for each, and set the targets' status back to their latest standing
    verdict (or unverified). Returns the retracted verdict ids."""
    if not reason.strip():
        raise UsageError("a retraction needs a reason: why is the verdict withdrawn?")
    if not reviewer.strip():
        raise UsageError("a retraction needs the reviewer's name (--by)")
    verdict = session.get(Verdict, verdict_id)
    if verdict is None:
        raise NotFoundError(f"no verdict with id {verdict_id}")
    withdrawn = retracted_ids(session)
    if verdict_id in withdrawn:
        raise UsageError(f"verdict {verdict_id} is already retracted")
    ids = [verdict_id]
    if verdict.claim_id is None and verdict.story_id is not None:
        ids += [
            v for v in session.scalars(
                select(Verdict.id).where(
                    Verdict.story_id == verdict.story_id, Verdict.claim_id.is_not(None),
                    Verdict.created_at == verdict.created_at,
                )
            ) if v not in withdrawn
        ]
    now = datetime.now(UTC)
    session.execute(insert(Retraction), [
        {"verdict_id": v, "reason": reason.strip(), "reviewer": reviewer.strip(),
         "created_at": now}
        for v in ids
    ])
    withdrawn.update(ids)
    targets = session.execute(
        select(Verdict.claim_id, Verdict.story_id).where(Verdict.id.in_(ids))
    ).all()
    for claim_id, story_id in targets:
        if claim_id is not None:
            _restore_status(session, withdrawn, claim_id=claim_id)
        elif story_id is not None:
            _restore_status(session, withdrawn, story_id=story_id)
    return ids


def _restore_status(session: Session, withdrawn: set[int], *, claim_id: int | None = None,
                    story_id: int | None = None) -> None:
    if claim_id is not None:
        query = select(Verdict.id, Verdict.status).where(Verdict.claim_id == claim_id)
    else:
        query = select(Verdict.id, Verdict.status).where(
            Verdict.story_id == story_id, Verdict.claim_id.is_(None)
        )
    status = "unverified"
    for vid, value in session.execute(query.order_by(Verdict.id)):
        if vid not in withdrawn:
            status = value
    if claim_id is not None:
        session.execute(update(Claim).where(Claim.id == claim_id).values(status=status))
    else:
        session.execute(update(Story).where(Story.id == story_id).values(status=status))
