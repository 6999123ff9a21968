"""``VerdictRecord`` (one entry of a verdict history) and the pure rule of which verdict
stands, kept apart from ``verifier.store.verdicts`` so the fast read paths need not import
SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from verifier.store.models import Verdict

RETRACTED = "retracted"
UNVERIFIED = "unverified"


def retract_command(claim_id: int) -> str:
    """The command that retracts a claim's standing verdict, as a fix message quotes it."""
    return f"`verifier claims retract {claim_id} --evidence ... --by NAME`"


def claim_command(claim_id: int) -> str:
    """The command that corrects a sentence read as not a claim to a claim, quoted."""
    return (f"`verifier claims correct {claim_id} --claim --certainty LEVEL "
            "--evidence ... --by NAME`")


def non_claim_fixes(claim_id: int) -> str:
    """The two fixes of a verdict standing on a sentence read as not a claim (one recorded
    before such verdicts were refused): retract it, or correct the sentence to a claim."""
    return (f"retract it ({retract_command(claim_id)}), or, if it is a claim, correct it "
            f"to one ({claim_command(claim_id)})")


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
    origin: str = "review"
    refers_to: int | None = None
    claim_id: int | None = None

    @classmethod
    def from_row(cls, row: Verdict) -> VerdictRecord:
        return cls(row.id, row.status, row.evidence, row.url, row.note, row.reviewer,
                   row.created_at, row.story_id, row.score, row.origin, row.refers_to,
                   row.claim_id)

    @property
    def is_retraction(self) -> bool:
        return self.status == RETRACTED

    def describe(self) -> str:
        """How the row came to be, in words ("retracts verdict 3", "carried from ...")."""
        if self.origin == "retraction":
            return f"retracts verdict {self.refers_to}"
        if self.origin in ("merge", "split", "move"):
            return f"verdict {self.refers_to} carried by a {self.origin}"
        if self.origin == "decision":
            return "which verdict stands after a merge"
        if self.origin == "story" and self.refers_to is not None:
            return f"with story verdict {self.refers_to}"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "origin": self.origin,
            "refers_to": self.refers_to,
            "evidence": self.evidence,
            "url": self.url,
            "note": self.note,
            "reviewer": self.reviewer,
            "created_at": self.created_at.isoformat(),
            "story_id": self.story_id,
            "score": None if self.score is None else round(self.score, 4),
        }


class Entry(Protocol):
    """What ``standing`` reads of a verdict."""

    @property
    def id(self) -> int: ...

    @property
    def refers_to(self) -> int | None: ...

    @property
    def is_retraction(self) -> bool: ...


E = TypeVar("E", bound=Entry)


def standing(rows: Iterable[E]) -> E | None:
    """Pure: the standing verdict of one target's history (id order): the latest verdict
    that no later retraction withdrew."""
    active: dict[int, E] = {}
    for row in rows:
        if row.is_retraction:
            active.pop(row.refers_to or 0, None)
        else:
            active[row.id] = row
    return active[max(active)] if active else None


def status_of(rows: Iterable[VerdictRecord]) -> str:
    found = standing(rows)
    return found.status if found else UNVERIFIED
