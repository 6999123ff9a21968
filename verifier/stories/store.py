"""Stories in the database: grouping new claims, reading stories with their scores, and the
reviewer's corrections (rename, merge, split, move) and verdicts.

``update_stories(session, article_ids)`` (``verifier.stories.update``) is what ingest calls as
it stores articles: it groups the claims no story holds yet and adds them to existing
stories or new ones. Existing memberships are never changed by grouping, so a reviewer's
corrections (stored ``pinned``) survive any number of later ingests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.scoring.weights import Weights
from verifier.store.models import Claim, Story, StoryClaim, Verdict
from verifier.store.verdicts import Decision, add_verdict, carry_story_verdicts, check_verdict
from verifier.stories.background import background_reason
from verifier.stories.evidence import EvidenceReader
from verifier.stories.update import refresh_story_terms, story_title
from verifier.stories.update import update_stories as update_stories
from verifier.stories.view import StoryView, build_view

_OPPOSITE = {"confirmed": "refuted", "refuted": "confirmed", "disputed": "disputed"}


_title = story_title


# --- reading ---------------------------------------------------------------------------


def _story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None:
        raise NotFoundError(f"no story with id {story_id}")
    return story


def _members(session: Session, story_ids: Sequence[int]) -> dict[int, list[tuple[int, bool]]]:
    found: dict[int, list[tuple[int, bool]]] = {sid: [] for sid in story_ids}
    for story_id, claim_id, pinned in session.execute(
        select(StoryClaim.story_id, StoryClaim.claim_id, StoryClaim.pinned)
        .join(Claim, Claim.id == StoryClaim.claim_id)
        .where(StoryClaim.story_id.in_(list(story_ids)))
        .order_by(Claim.article_id, Claim.position)
    ):
        found[story_id].append((claim_id, pinned))
    return found


def get_story(session: Session, story_id: int, weights: Weights,
              reader: EvidenceReader | None = None) -> StoryView:
    """A story with its members, score, reasons and verdict history."""
    story = _story(session, story_id)
    reader = reader or EvidenceReader(session, weights)
    return build_view(session, story, _members(session, [story_id])[story_id], reader)


def list_stories(
    session: Session,
    weights: Weights,
    *,
    min_claims: int = 1,
    article_id: int | None = None,
    story_ids: Sequence[int] | None = None,
) -> list[StoryView]:
    """Stories with at least ``min_claims`` claims (of one article, or the ones given),
    highest score first."""
    query = select(Story)
    if story_ids is not None:
        query = query.where(Story.id.in_(list(story_ids)))
    if article_id is not None:
        query = query.where(
            Story.id.in_(
                select(StoryClaim.story_id)
                .join(Claim, Claim.id == StoryClaim.claim_id)
                .where(Claim.article_id == article_id)
            )
        )
    stories = list(session.scalars(query.order_by(Story.id)))
    members = _members(session, [s.id for s in stories])
    reader = EvidenceReader(session, weights)
    views = [
        build_view(session, s, members[s.id], reader)
        for s in stories
        if len(members[s.id]) >= min_claims
    ]
    views.sort(key=lambda v: (-v.assessment.score, v.id))
    return views


# --- reviewer's corrections ------------------------------------------------------------


def rename_story(session: Session, story_id: int, title: str) -> None:
    title = " ".join(title.split())
    if not title:
        raise UsageError("a story title cannot be empty")
    _story(session, story_id)
    session.execute(
        update(Story).where(Story.id == story_id).values(title=title[:500], title_locked=True)
    )


def _check_claims(session: Session, claim_ids: Sequence[int]) -> list[int]:
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise UsageError("give at least one claim id")
    found = set(session.scalars(select(Claim.id).where(Claim.id.in_(ids))))
    missing = [str(c) for c in ids if c not in found]
    if missing:
        raise NotFoundError(f"no claim with id {', '.join(missing)}; nothing was changed")
    return ids


def _move(session: Session, ids: list[int], story_id: int) -> None:
    left = set(session.scalars(select(StoryClaim.story_id).where(StoryClaim.claim_id.in_(ids))))
    session.execute(delete(StoryClaim).where(StoryClaim.claim_id.in_(ids)))
    session.execute(
        insert(StoryClaim), [{"story_id": story_id, "claim_id": c, "pinned": True} for c in ids]
    )
    refresh_story_terms(session, sorted(left | {story_id}))


def move_claims(
    session: Session, claim_ids: Sequence[int], story_id: int, decision: Decision | None = None
) -> list[int]:
    """Move claims into a story (out of any other), as a pinned reviewer decision. A story
    the move empties is treated as merged into ``story_id``: its verdict is carried (or the
    reviewer's ``decision`` recorded, when verdicts disagree). Returns the verdicts written."""
    _story(session, story_id)
    ids = _check_claims(session, claim_ids)
    sources = sorted(set(session.scalars(
        select(StoryClaim.story_id).where(StoryClaim.claim_id.in_(ids))
    )) - {story_id})
    _move(session, ids, story_id)
    left = set(session.scalars(
        select(StoryClaim.story_id).where(StoryClaim.story_id.in_(sources))
    ))
    emptied = [s for s in sources if s not in left]
    if emptied:
        session.execute(update(Story).where(Story.id.in_(emptied)).values(merged_into=story_id))
    return carry_story_verdicts(session, story_id, emptied, origin="move", decision=decision)


def split_story(
    session: Session, story_id: int, claim_ids: Sequence[int], title: str | None = None
) -> tuple[int, list[int]]:
    """Move some of a story's claims into a new story, which carries the story's verdict;
    returns the new story's id and the verdicts written."""
    _story(session, story_id)
    ids = _check_claims(session, claim_ids)
    members = {c for c, _ in _members(session, [story_id])[story_id]}
    outside = [str(c) for c in ids if c not in members]
    if outside:
        raise UsageError(f"claim {', '.join(outside)} is not in story {story_id}")
    if set(ids) == members:
        raise UsageError("a split must leave at least one claim in the story")
    first = session.scalar(
        select(Claim.text).where(Claim.id.in_(ids)).order_by(Claim.article_id, Claim.position)
    )
    new_id = int(session.execute(
        insert(Story).returning(Story.id),
        [{"title": _title(title or first or ""), "title_locked": bool(title),
          "status": "unverified", "created_at": datetime.now(UTC)}],
    ).scalar_one())
    _move(session, ids, new_id)
    session.execute(
        update(StoryClaim).where(StoryClaim.story_id == story_id).values(pinned=True)
    )
    return new_id, carry_story_verdicts(session, new_id, [story_id], origin="split")


def merge_stories(
    session: Session, target_id: int, other_ids: Sequence[int], decision: Decision | None = None
) -> list[int]:
    """Move every claim of the other stories into the target; returns the verdicts written.

    A story verdict comes along (carried to the target when it has none); when the stories'
    verdicts disagree the reviewer's ``decision`` says which stands (else ``UsageError``,
    nothing changed). An emptied story is deleted unless verdicts point at it; then it keeps
    its history and ``merged_into`` names the target, whose view shows that history too."""
    _story(session, target_id)
    others = [s for s in dict.fromkeys(other_ids) if s != target_id]
    if not others:
        raise UsageError("give at least one other story to merge into the target")
    for story_id in others:
        _story(session, story_id)
    written = carry_story_verdicts(session, target_id, others, origin="merge",
                                   decision=decision)
    claim_ids = list(
        session.scalars(select(StoryClaim.claim_id).where(StoryClaim.story_id.in_(others)))
    )
    if claim_ids:
        _move(session, claim_ids, target_id)
    session.execute(
        update(StoryClaim).where(StoryClaim.story_id == target_id).values(pinned=True)
    )
    with_verdicts = set(
        session.scalars(select(Verdict.story_id).where(Verdict.story_id.in_(others)))
    )
    gone = [s for s in others if s not in with_verdicts]
    if gone:
        session.execute(update(Story).where(Story.merged_into.in_(gone))
                        .values(merged_into=target_id))
        session.execute(delete(Story).where(Story.id.in_(gone)))
    kept = [s for s in others if s in with_verdicts]
    if kept:
        session.execute(update(Story).where(Story.id.in_(kept)).values(merged_into=target_id))
    return written


def mark_story(
    session: Session,
    story_id: int,
    status: str,
    *,
    evidence: str,
    reviewer: str,
    weights: Weights,
    url: str | None = None,
    note: str | None = None,
) -> StoryView:
    """Append a verdict on a story (with the score it had) and mark its claims.

    Claims that assert the event take the verdict's status; claims that only deny it take the
    opposite; refusals are left as they are (a refusal is neither true nor false of the event),
    and so are, when the story is confirmed, its background and conjecture
    (``verifier.stories.background``): confirming the event confirms neither.
    """
    check_verdict(status, evidence, reviewer)
    view = get_story(session, story_id, weights)
    now = datetime.now(UTC)
    story_verdict = add_verdict(
        session, story_id=story_id, status=status, evidence=evidence, reviewer=reviewer,
        url=url, note=note, score=view.assessment.score, now=now,
    )
    for member in view.members:
        if member.role == "declines":
            continue
        if (status == "confirmed" and member.role == "supports"
                and background_reason(member.evidence) is not None):
            continue
        claim_status = status if member.role == "supports" else _OPPOSITE[status]
        if member.status == claim_status:
            continue  # already so: a second verdict would say nothing new
        add_verdict(session, claim_id=member.claim_id, story_id=story_id, status=claim_status,
                    evidence=evidence, reviewer=reviewer, url=url,
                    note=note or f"marked with story {story_id}", score=member.score, now=now,
                    origin="story", refers_to=story_verdict)
    return get_story(session, story_id, weights)
