"""Writing stories: new stories and memberships from grouping, the reviewer's edits, and the
summary columns (``verifier.store.stories`` reads them; this module needs SQLAlchemy, the
read paths do not).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from verifier.store.stories import (
    BATCH,
    StorySummary,
)
from verifier.store.tables import clip, table

STORIES = table("stories")
STORY_CLAIMS = table("story_claims")
CLAIMS = table("claims")


def mark_stale(session: Session, story_ids: Iterable[int], *, changed: bool = True) -> None:
    """Mark stories for rescoring. ``changed``: their members or verdicts changed now, so
    their score is void (NULL: lists rescore them first); else only a source's track record
    moved, and the old score stands until the rescore (``scored_with`` NULL)."""
    ids = sorted(set(story_ids))
    values: dict[str, Any] = {"scored_with": None}
    if changed:
        values["updated_at"] = datetime.now(UTC)
        values["score"] = None
    for chunk in _chunks(ids):
        session.execute(update(STORIES).where(STORIES.c.id.in_(chunk)).values(**values))


def save_summaries(session: Session, summaries: Sequence[StorySummary]) -> None:
    """Write the summary columns of the given stories (one ``executemany``)."""
    if not summaries:
        return
    session.connection().execute(
        update(STORIES).where(STORIES.c.id == _bind("sid")).values(
            claims=_bind("claims"), articles=_bind("articles"),
            first_seen=_bind("first_seen"), last_seen=_bind("last_seen"),
            score=_bind("score"), evidence_status=_bind("evidence_status"),
            scored_with=_bind("scored_with"),
        ),
        [
            {"sid": s.id, "claims": s.claims, "articles": s.articles,
             "first_seen": s.first_seen, "last_seen": s.last_seen, "score": s.score,
             "evidence_status": s.evidence_status, "scored_with": s.scored_with}
            for s in summaries
        ],
    )


def _bind(name: str) -> Any:
    return bindparam(name)


# --- grouping --------------------------------------------------------------------------


def insert_story(session: Session, title: str, *, locked: bool) -> int:
    now = datetime.now(UTC)
    return int(session.execute(
        insert(STORIES).returning(STORIES.c.id),
        [{"title": clip("stories", "title", title), "title_locked": locked,
          "status": "unverified", "created_at": now, "updated_at": now}],
    ).scalar_one())


def add_members(
    session: Session, memberships: Sequence[tuple[int, int]], *, pinned: bool = False
) -> None:
    """(story id, claim id) memberships, with one ``executemany``."""
    if memberships:
        session.connection().execute(
            insert(STORY_CLAIMS),
            [{"story_id": s, "claim_id": c, "pinned": pinned} for s, c in memberships],
        )


def remove_members(session: Session, claim_ids: Sequence[int]) -> None:
    for chunk in _chunks(claim_ids):
        session.execute(delete(STORY_CLAIMS).where(STORY_CLAIMS.c.claim_id.in_(chunk)))


def pin_members(session: Session, story_id: int) -> None:
    session.execute(
        update(STORY_CLAIMS).where(STORY_CLAIMS.c.story_id == story_id).values(pinned=True)
    )


def member_claim_ids(session: Session, story_ids: Sequence[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(story_ids):
        found.extend(session.scalars(
            select(STORY_CLAIMS.c.claim_id).where(STORY_CLAIMS.c.story_id.in_(chunk))))
    return found


def rename(session: Session, story_id: int, title: str) -> None:
    session.execute(update(STORIES).where(STORIES.c.id == story_id).values(
        title=clip("stories", "title", title), title_locked=True))


def set_merged_into(session: Session, story_ids: Sequence[int], target_id: int) -> None:
    for chunk in _chunks(story_ids):
        session.execute(update(STORIES).where(STORIES.c.id.in_(chunk))
                        .values(merged_into=target_id))


def repoint_merged(session: Session, story_ids: Sequence[int], target_id: int) -> None:
    """Stories merged into these (about to be deleted) are merged into ``target_id``."""
    for chunk in _chunks(story_ids):
        session.execute(update(STORIES).where(STORIES.c.merged_into.in_(chunk))
                        .values(merged_into=target_id))


def delete_stories(session: Session, story_ids: Sequence[int]) -> None:
    for chunk in _chunks(story_ids):
        session.execute(delete(STORIES).where(STORIES.c.id.in_(chunk)))


def _chunks(ids: Sequence[int] | Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]
