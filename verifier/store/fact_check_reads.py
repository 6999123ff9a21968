"""Reading imported fact-checks without SQLAlchemy: plain SQL through
``verifier.store.reading.Rows``, so ``factchecks list`` answers through the stdlib driver as
``claims list`` does (importing SQLAlchemy alone took it to half a second)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from verifier.store.reading import Rows, converter, rows_of, select_list

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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


_ROW = converter(StoredFactCheck, "fact_checks")
_SELECT = f"SELECT {select_list(StoredFactCheck, 'fact_checks')} FROM fact_checks"


def list_fact_checks(db: Session | Rows, *, limit: int, offset: int = 0
                     ) -> list[StoredFactCheck]:
    """A page of the imported fact-checks, oldest first."""
    found = rows_of(db).all(f"{_SELECT} ORDER BY id LIMIT :limit OFFSET :offset",
                            {"limit": limit, "offset": offset})
    return [_ROW(row) for row in found]


def fact_check_count(db: Session | Rows) -> int:
    ((count,),) = rows_of(db).all("SELECT COUNT(*) FROM fact_checks")
    return int(count or 0)
