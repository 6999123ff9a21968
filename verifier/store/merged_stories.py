"""Where a story a merge deleted went: ``stories merge`` (CLI or desk) deletes an emptied
story that no verdict points at and records the merge in the audit log; a later
``stories show 5`` says "story 5 was merged into story 1" from that record (following a
chain of merges to a story that still exists) instead of "no story with id 5"."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from verifier.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows

_MERGES = ("SELECT target, detail FROM audit_log WHERE action = 'story-merge' "
           "ORDER BY id DESC")
_EXISTS = "SELECT id FROM stories WHERE id = :id"


class MergedStoryError(NotFoundError):
    """A story id a merge deleted: ``target`` is the story holding its claims now."""

    def __init__(self, story_id: int, target: int) -> None:
        super().__init__(f"story {story_id} was merged into story {target}: its claims "
                         "are there")
        self.story_id = story_id
        self.target = target


def merged_target(db: Session | Rows, story_id: int) -> int | None:
    """The existing story the merges recorded for ``story_id`` lead to, or None."""
    from verifier.store.reading import rows_of

    rows = rows_of(db)
    into: dict[int, int] = {}
    for target, detail in rows.all(_MERGES):  # newest first: the latest merge of an id wins
        try:
            merged = json.loads(detail or "{}").get("merged") or []
            kept = int(str(target).removeprefix("story "))
        except (ValueError, AttributeError):
            continue
        for other in merged:
            if isinstance(other, int) and other != kept:
                into.setdefault(other, kept)
    seen = {story_id}
    current = into.get(story_id)
    while current is not None and current not in seen:
        if rows.all(_EXISTS, {"id": current}):
            return current
        seen.add(current)
        current = into.get(current)
    return None


def no_story(db: Session | Rows, story_id: int) -> NotFoundError:
    """The error for a story id with no row: where it was merged, when a merge says."""
    target = merged_target(db, story_id)
    if target is not None:
        return MergedStoryError(story_id, target)
    return NotFoundError(f"no story with id {story_id}")
