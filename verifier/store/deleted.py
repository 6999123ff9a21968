"""What a deleted article left: ``articles show 3`` and ``claims show 25`` of an article
deleted by mistake say who deleted it, when and why, and where its verdicts are, instead
of "no article with id 3" (as ``stories show`` says where a merged story went:
``verifier.store.merged_stories``). Read only on the not-found path."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from verifier.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows

_ROW = "SELECT id, title, deleted_by, deleted_at, reason, claims FROM deleted_articles"


def _describe(row: Any) -> str:
    from verifier.store.reading import as_utc

    title = f" “{row[1]}”" if row[1] else ""
    when = as_utc(row[3])
    on = f" on {when:%Y-%m-%d}" if when is not None else ""
    return f"article {row[0]}{title} was deleted by {row[2]}{on} (reason: {row[4]})"


def no_article(db: Session | Rows, article_id: int) -> NotFoundError:
    """The error for an article id with no row: who deleted it, when it was deleted."""
    from verifier.store.reading import rows_of

    found = rows_of(db).all(f"{_ROW} WHERE id = :id", {"id": article_id})
    if not found:
        return NotFoundError(f"no article with id {article_id}")
    return NotFoundError(f"{_describe(found[0])}; the verdicts on its claims are kept "
                         "(`verifier articles orphaned`, the desk's Orphaned page)")


def deleted_with(db: Session | Rows, claim_id: int) -> str | None:
    """How the deleted article that held claim ``claim_id`` went ("article 2 “...” was
    deleted by ann on 2026-12-06 (reason: ...)"); None if no deleted article held it."""
    from verifier.store.reading import rows_of

    rows = rows_of(db).all(f"{_ROW} WHERE last_claim >= :id ORDER BY id", {"id": claim_id})
    for row in rows:
        try:
            held = json.loads(row[5] or "{}")
        except ValueError:
            continue
        if str(claim_id) in held:
            return _describe(row)
    return None


def no_claim(db: Session | Rows, claim_id: int) -> NotFoundError:
    """The error for a claim id with no row: the deleted article it went with, if any."""
    went = deleted_with(db, claim_id)
    if went is not None:
        return NotFoundError(
            f"claim {claim_id} went with its article: {went}; its verdicts are "
            "kept (`verifier articles orphaned`, the desk's Orphaned page)")
    return NotFoundError(f"no claim with id {claim_id}")
