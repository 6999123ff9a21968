"""Reviewers' corrections as the read paths see them (``claims show``): the records and
one plain-SQL read, with no SQLAlchemy import (``verifier.store.corrections`` writes them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows


@dataclass(frozen=True, slots=True)
class SourcingLabel:
    """One sourcing label of a corrected sentence: a kind and the source's words."""

    kind: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "source": self.source}


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    id: int
    article_sha256: str
    start: int
    end: int
    text: str
    claim: bool
    certainty: str | None
    sourcing: tuple[SourcingLabel, ...]
    note: str | None
    reviewer: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "claim": self.claim, "certainty": self.certainty,
            "sourcing": [s.to_dict() for s in self.sourcing], "note": self.note,
            "reviewer": self.reviewer, "created_at": self.created_at.isoformat(),
        }


def sentence_corrections(db: Session | Rows, article_id: int,
                         start: int) -> list[CorrectionRecord]:
    """The corrections of one stored sentence, oldest first (the latest counts), found by its
    article's id and the sentence's start."""
    from verifier.store.article_reads import article_sha256
    from verifier.store.reading import as_utc, rows_of

    rows = rows_of(db)
    sha = article_sha256(rows, article_id)
    found = rows.all(
        "SELECT id, article_sha256, start, \"end\", text, is_claim, certainty, sourcing, note, "
        "reviewer, created_at FROM corrections WHERE article_sha256 = :sha AND start = :start "
        "ORDER BY id", {"sha": sha, "start": start})
    return [CorrectionRecord(
        id=int(r[0]), article_sha256=str(r[1]), start=int(r[2]), end=int(r[3]), text=str(r[4]),
        claim=bool(r[5]), certainty=r[6],
        sourcing=tuple(SourcingLabel(s["kind"], s["source"]) for s in json.loads(r[7])),
        note=r[8], reviewer=str(r[9]), created_at=as_utc(r[10]) or datetime.now(UTC),
    ) for r in found]
