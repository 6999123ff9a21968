"""Stories in the database: grouping new claims, reading stories with their scores, and the
reviewer's corrections (rename, merge, split, move) and verdicts.

``update_stories(session, article_ids)`` is what ingest calls after storing articles: it
groups the claims no story holds yet (``verifier.stories.grouping``) and adds them to existing
stories or new ones. Existing memberships are never changed by grouping, so a reviewer's
corrections (stored ``pinned``) survive any number of later ingests.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.scoring.weights import Weights
from verifier.store.models import Attribution, Claim, Story, StoryClaim, Verdict
from verifier.store.verdicts import add_verdict, check_verdict
from verifier.stories.evidence import EvidenceReader
from verifier.stories.grouping import Group, Item, assign, words
from verifier.stories.view import StoryView, build_view

#: The tables, for Core bulk inserts.
STORIES = cast(Table, Story.__table__)
STORY_CLAIMS = cast(Table, StoryClaim.__table__)
#: How many of the most recent stories new claims are compared with.
CANDIDATE_STORIES = 2000
TITLE_LENGTH = 120
_OPPOSITE = {"confirmed": "refuted", "refuted": "confirmed", "disputed": "disputed"}


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def update_stories(session: Session, article_ids: Iterable[int] | None = None) -> list[int]:
    """Group the claims of ``article_ids`` (default: every article) that no story holds yet.

    Returns the ids of the stories created or extended, in order.
    """
    query = select(Claim.id, Claim.article_id, Claim.position, Claim.text).where(
        Claim.is_claim.is_(True),
        ~Claim.id.in_(select(StoryClaim.claim_id)),
    )
    if article_ids is not None:
        query = query.where(Claim.article_id.in_(list(article_ids)))
    rows = session.execute(query.order_by(Claim.article_id, Claim.position)).all()
    if not rows:
        return []
    kinds: dict[int, list[str]] = {}
    sources: dict[int, list[str]] = {}
    for claim_id, kind, source in session.execute(
        select(Attribution.claim_id, Attribution.kind, Attribution.source_text)
        .where(Attribution.claim_id.in_([r.id for r in rows]))
        .order_by(Attribution.claim_id, Attribution.position)
    ):
        kinds.setdefault(claim_id, []).append(kind)
        sources.setdefault(claim_id, []).append(source or "")
    items = [
        Item(r.id, r.article_id, r.position, r.text, tuple(kinds.get(r.id, ())),
             tuple(sources.get(r.id, ())))
        for r in rows
    ]
    existing = _candidate_groups(session)
    before = {id(g): len(g.members) for g in existing}
    texts: dict[Hashable, str] = {r.id: r.text for r in rows}
    grown = [
        (cast(int | None, group.story), group.members[before.get(id(group), 0):])
        for group in assign(items, existing)
    ]
    grown = [(story_id, members) for story_id, members in grown if members]
    return _save_groups(session, grown, texts)


def _save_groups(
    session: Session, grown: list[tuple[int | None, list[Hashable]]], texts: dict[Hashable, str]
) -> list[int]:
    """New stories and memberships with two statements, however many groups grew (a
    statement per group cost more than the grouping itself); returns the story ids."""
    connection = session.connection()
    now = datetime.now(UTC)
    fresh = [{"title": _title(texts[members[0]]), "title_locked": False,
              "status": "unverified", "created_at": now}
             for story_id, members in grown if story_id is None]
    new_ids = iter(connection.scalars(
        STORIES.insert().returning(STORIES.c.id, sort_by_parameter_order=True), fresh
    ).all() if fresh else ())
    touched = [int(story_id) if story_id is not None else next(new_ids)
               for story_id, _ in grown]
    memberships = [{"story_id": story_id, "claim_id": claim_id, "pinned": False}
                   for story_id, (_, members) in zip(touched, grown, strict=True)
                   for claim_id in members]
    if memberships:
        connection.execute(STORY_CLAIMS.insert(), memberships)
    return touched


def _candidate_groups(session: Session) -> list[Group]:
    """The most recent stories as groups (members, words, articles) to match against."""
    recent = select(Story.id).order_by(Story.id.desc()).limit(CANDIDATE_STORIES).subquery()
    groups: dict[int, Group] = {}
    for story_id, claim_id, article_id, text in session.execute(
        select(StoryClaim.story_id, Claim.id, Claim.article_id, Claim.text)
        .join(Claim, Claim.id == StoryClaim.claim_id)
        .where(StoryClaim.story_id.in_(select(recent.c.id)))
        .order_by(StoryClaim.story_id, Claim.article_id, Claim.position)
    ):
        group = groups.setdefault(story_id, Group(story=story_id))
        group.members.append(claim_id)
        group.words.update(words(text))
        group.docs.add(article_id)
    return [groups[k] for k in sorted(groups)]


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


def move_claims(session: Session, claim_ids: Sequence[int], story_id: int) -> None:
    """Move claims into a story (out of any other), as a pinned reviewer decision."""
    _story(session, story_id)
    ids = _check_claims(session, claim_ids)
    session.execute(delete(StoryClaim).where(StoryClaim.claim_id.in_(ids)))
    session.execute(
        insert(StoryClaim), [{"story_id": story_id, "claim_id": c, "pinned": True} for c in ids]
    )


def split_story(
    session: Session, story_id: int, claim_ids: Sequence[int], title: str | None = None
) -> int:
    """Move some of a story's claims into a new story; returns the new story's id."""
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
    new_id = session.execute(
        insert(Story).returning(Story.id),
        [{"title": _title(title or first or ""), "title_locked": bool(title),
          "status": "unverified", "created_at": datetime.now(UTC)}],
    ).scalar_one()
    move_claims(session, ids, int(new_id))
    session.execute(
        update(StoryClaim).where(StoryClaim.story_id == story_id).values(pinned=True)
    )
    return int(new_id)


def merge_stories(session: Session, target_id: int, other_ids: Sequence[int]) -> int:
    """Move every claim of the other stories into the target. An emptied story is deleted
    unless verdicts point at it (the history stays; the empty story is then hidden)."""
    _story(session, target_id)
    others = [s for s in dict.fromkeys(other_ids) if s != target_id]
    if not others:
        raise UsageError("give at least one other story to merge into the target")
    for story_id in others:
        _story(session, story_id)
    claim_ids = list(
        session.scalars(select(StoryClaim.claim_id).where(StoryClaim.story_id.in_(others)))
    )
    if claim_ids:
        move_claims(session, claim_ids, target_id)
    session.execute(
        update(StoryClaim).where(StoryClaim.story_id == target_id).values(pinned=True)
    )
    with_verdicts = set(
        session.scalars(select(Verdict.story_id).where(Verdict.story_id.in_(others)))
    )
    gone = [s for s in others if s not in with_verdicts]
    if gone:
        session.execute(delete(Story).where(Story.id.in_(gone)))
    return target_id


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
    opposite; refusals are left as they are (a refusal is neither true nor false of the event).
    """
    check_verdict(status, evidence, reviewer)
    view = get_story(session, story_id, weights)
    now = datetime.now(UTC)
    add_verdict(session, story_id=story_id, status=status, evidence=evidence,
                reviewer=reviewer, url=url, note=note, score=view.assessment.score, now=now)
    for member in view.members:
        if member.role == "declines":
            continue
        claim_status = status if member.role == "supports" else _OPPOSITE[status]
        add_verdict(session, claim_id=member.claim_id, story_id=story_id, status=claim_status,
                    evidence=evidence, reviewer=reviewer, url=url,
                    note=note or f"marked with story {story_id}", score=member.score, now=now)
    return get_story(session, story_id, weights)
