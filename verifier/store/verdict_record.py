"""``VerdictRecord``: one entry of a verdict history (kept apart from ``verdicts`` so the fast
read paths need not import SQLAlchemy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verifier.store.models import Verdict


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
