"""Writing stories: new stories and memberships from grouping, the reviewer's edits, and the
summary columns (``verifier.store.stories`` reads them; this module needs SQLAlchemy, the
read paths do not).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from verifier.store.stories import (
    BATCH,
    StorySummary,
)
from verifier.store.tables import clip, table

STORIES = table("stories")
STORY_CLAIMS = table("story_claims")
CLAIMS = table("claims")
VERDICTS = table("verdicts")
DELETED_STORIES = table("deleted_stories")

#: The largest story id ever given: stored stories and those a merge deleted. SQLite numbers
#: a new row from the largest stored id, so a deleted newest story's id came back.
LAST_STORY_ID = ("SELECT max((SELECT coalesce(max(id), 0) FROM stories), "
                 "(SELECT coalesce(max(id), 0) FROM deleted_stories))")


def next_story_id(connection: Any) -> int:
    """The id a new story gets on SQLite: after every id ever given (see ``LAST_STORY_ID``)."""
    return int(connection.exec_driver_sql(LAST_STORY_ID).scalar_one()) + 1


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


def save_summaries(
    session: Session, summaries: Sequence[StorySummary],
    versions: Mapping[int, Any] | None = None,
) -> None:
    """Write the summary columns of the given stories (an ``executemany`` or two).

    ``versions`` (``story_versions`` read where the summaries were worked out, in another
    transaction): only stories whose members and verdicts have not changed since are
    written; the others stay stale for the next rescore."""
    if not summaries:
        return
    rows: list[dict[str, Any]] = [
        {"sid": s.id, "claims": s.claims, "articles": s.articles,
         "first_seen": s.first_seen, "last_seen": s.last_seen, "score": s.score,
         "evidence_status": s.evidence_status, "scored_with": s.scored_with}
        for s in summaries
    ]
    statement = update(STORIES).where(STORIES.c.id == _bind("sid")).values(
        claims=_bind("claims"), articles=_bind("articles"),
        first_seen=_bind("first_seen"), last_seen=_bind("last_seen"),
        score=_bind("score"), evidence_status=_bind("evidence_status"),
        scored_with=_bind("scored_with"),
    )
    if versions is None:
        session.connection().execute(statement, rows)
        return
    # the time as stored, compared as stored (``story_versions`` reads it untyped)
    same = statement.where(text("updated_at = :version"))
    unset = statement.where(STORIES.c.updated_at.is_(None))
    stamped = [{**row, "version": versions[row["sid"]]} for row in rows
               if versions.get(row["sid"]) is not None]
    if stamped:
        session.connection().execute(same, stamped)
    bare = [row for row in rows if row["sid"] in versions and versions[row["sid"]] is None]
    if bare:
        session.connection().execute(unset, bare)


def story_versions(session: Session, story_ids: Sequence[int]) -> dict[int, Any]:
    """Each story's ``updated_at`` as the driver gives it (it changes with its members and
    verdicts): what ``save_summaries`` checks before writing summaries made elsewhere."""
    from verifier.store.reading import query_in, rows_of

    return dict(query_in(rows_of(session), "SELECT id, updated_at FROM stories "
                         "WHERE id IN {ids}", list(story_ids)))


def verdict_mark(session: Session) -> tuple[int, int]:
    """How many verdicts there are and the newest id: verdicts are only ever appended, so
    track records can only have moved if this has."""
    count, newest = session.connection().execute(
        select(func.count(), func.max(VERDICTS.c.id))).one()
    return int(count), int(newest or 0)


def _bind(name: str) -> Any:
    return bindparam(name)


# --- grouping --------------------------------------------------------------------------


def insert_story(session: Session, title: str, *, locked: bool) -> int:
    now = datetime.now(UTC)
    values: dict[str, Any] = {"title": clip("stories", "title", title), "title_locked": locked,
                              "status": "unverified", "created_at": now, "updated_at": now}
    connection = session.connection()
    if connection.dialect.name == "sqlite":  # never an id a deleted story had
        values["id"] = next_story_id(connection)
    return int(session.execute(insert(STORIES).returning(STORIES.c.id), [values]).scalar_one())


def add_members(
    session: Session, memberships: Sequence[tuple[int, int]], *, pinned: bool = False,
    reason: str | None = None,
) -> None:
    """(story id, claim id) memberships, with one ``executemany``; ``reason``: why they
    joined (stored JSON, ``verifier.stories.reasons``)."""
    if memberships:
        session.connection().execute(
            insert(STORY_CLAIMS),
            [{"story_id": s, "claim_id": c, "pinned": pinned, "reason": reason}
             for s, c in memberships],
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


def delete_stories(session: Session, story_ids: Sequence[int],
                   merged_into: int | None = None) -> None:
    """Delete stories, recording each id (and the story its claims went to) in
    ``deleted_stories``: no new story is given one of these ids."""
    if story_ids:
        now = datetime.now(UTC)
        session.execute(insert(DELETED_STORIES), [
            {"id": s, "merged_into": merged_into, "deleted_at": now} for s in story_ids])
    for chunk in _chunks(story_ids):
        session.execute(delete(STORIES).where(STORIES.c.id.in_(chunk)))


def _chunks(ids: Sequence[int] | Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]
