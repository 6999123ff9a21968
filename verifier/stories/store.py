"""Stories: grouping new claims, reading stories with their scores, and the reviewer's
corrections (rename, merge, split, move) and verdicts.

``update_stories(session, article_ids)`` is what ingest calls after storing articles: it
groups the claims no story holds yet (``verifier.stories.grouping``) and adds them to existing
stories or new ones. Existing memberships are never changed by grouping, so a reviewer's
corrections (stored ``pinned``) survive any number of later ingests. Every change marks the
stories it touches for rescoring (``verifier.stories.scores``). The SQL lives in
``verifier.store.stories`` (reads) and ``verifier.store.story_writes``; reading stories is
``verifier.stories.view`` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from datetime import UTC, datetime
from typing import cast

from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.scoring.weights import Weights
from verifier.store import stories as db
from verifier.store import story_writes as write
from verifier.store.claims import attribution_records, claim_records, existing_claim_ids
from verifier.store.trackrecords import verdict_counts
from verifier.store.verdicts import add_verdict, check_verdict
from verifier.store.verdicts import mark_claims as store_mark_claims
from verifier.stories.evidence import EvidenceReader
from verifier.stories.grouping import Group, Item, assign, words
from verifier.stories.scores import after_verdicts, rescore
from verifier.stories.view import StoryView, get_story

#: How many of the most recent stories new claims are compared with.
CANDIDATE_STORIES = 2000
TITLE_LENGTH = 120
_OPPOSITE = {"confirmed": "refuted", "refuted": "confirmed", "disputed": "disputed"}


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def update_stories(session: Session, article_ids: Iterable[int] | None = None) -> list[int]:
    """Group the claims of ``article_ids`` (default: every article) that no story holds yet.

    Returns the ids of the stories created or extended, in order; they are marked for
    rescoring.
    """
    rows = write.ungrouped_claims(session, None if article_ids is None else list(article_ids))
    if not rows:
        return []
    kinds: dict[int, list[str]] = {}
    sources: dict[int, list[str]] = {}
    for claim_id, found in attribution_records(session, [r.id for r in rows]).items():
        kinds[claim_id] = [a.kind for a in found]
        sources[claim_id] = [a.source_text or "" for a in found]
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
    new_ids = iter(write.insert_stories(
        session, [_title(texts[members[0]]) for story_id, members in grown if story_id is None]
    ))
    touched = [int(story_id) if story_id is not None else next(new_ids)
               for story_id, _ in grown]
    write.add_members(session, [(story_id, cast(int, claim_id))
                             for story_id, (_, members) in zip(touched, grown, strict=True)
                             for claim_id in members])
    write.mark_stale(session, touched)
    return touched


def _candidate_groups(session: Session) -> list[Group]:
    """The most recent stories as groups (members, words, articles) to match against."""
    groups: dict[int, Group] = {}
    for member in write.candidate_members(session, CANDIDATE_STORIES):
        group = groups.setdefault(member.story_id, Group(story=member.story_id))
        group.members.append(member.claim_id)
        group.words.update(words(member.text))
        group.docs.add(member.article_id)
    return [groups[k] for k in sorted(groups)]


# --- reviewer's corrections ------------------------------------------------------------


def rename_story(session: Session, story_id: int, title: str) -> None:
    title = " ".join(title.split())
    if not title:
        raise UsageError("a story title cannot be empty")
    db.story_record(session, story_id)
    write.rename(session, story_id, title)


def _check_claims(session: Session, claim_ids: Sequence[int]) -> list[int]:
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise UsageError("give at least one claim id")
    found = existing_claim_ids(session, ids)
    missing = [str(c) for c in ids if c not in found]
    if missing:
        raise NotFoundError(f"no claim with id {', '.join(missing)}; nothing was changed")
    return ids


def move_claims(session: Session, claim_ids: Sequence[int], story_id: int) -> None:
    """Move claims into a story (out of any other), as a pinned reviewer decision."""
    db.story_record(session, story_id)
    ids = _check_claims(session, claim_ids)
    left = db.stories_of_claims(session, ids)
    write.remove_members(session, ids)
    write.add_members(session, [(story_id, c) for c in ids], pinned=True)
    write.mark_stale(session, left | {story_id})


def split_story(
    session: Session, story_id: int, claim_ids: Sequence[int], title: str | None = None
) -> int:
    """Move some of a story's claims into a new story; returns the new story's id."""
    db.story_record(session, story_id)
    ids = _check_claims(session, claim_ids)
    members = {m.claim_id for m in db.members(session, [story_id])[story_id]}
    outside = [str(c) for c in ids if c not in members]
    if outside:
        raise UsageError(f"claim {', '.join(outside)} is not in story {story_id}")
    if set(ids) == members:
        raise UsageError("a split must leave at least one claim in the story")
    first = claim_records(session, ids, claims_only=False)
    new_id = write.insert_story(session, _title(title or (first[0].text if first else "")),
                             locked=bool(title))
    move_claims(session, ids, new_id)
    write.pin_members(session, story_id)
    return new_id


def merge_stories(session: Session, target_id: int, other_ids: Sequence[int]) -> int:
    """Move every claim of the other stories into the target. An emptied story is deleted
    unless verdicts point at it (the history stays; the empty story is then hidden)."""
    db.story_record(session, target_id)
    others = [s for s in dict.fromkeys(other_ids) if s != target_id]
    if not others:
        raise UsageError("give at least one other story to merge into the target")
    for story_id in others:
        db.story_record(session, story_id)
    claim_ids = write.member_claim_ids(session, others)
    if claim_ids:
        move_claims(session, claim_ids, target_id)
    write.pin_members(session, target_id)
    with_verdicts = db.stories_with_verdicts(session, others)
    write.delete_stories(session, [s for s in others if s not in with_verdicts])
    write.mark_stale(session, [target_id, *with_verdicts])
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
    The story and every story whose sources' track records move are marked for rescoring.
    """
    check_verdict(status, evidence, reviewer)
    before = verdict_counts(session)
    view = get_story(session, story_id, weights, EvidenceReader(session, weights, before))
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
    after_verdicts(session, before, [story_id])
    return rescore(session, weights, [story_id])[0]


def mark_claims(
    session: Session,
    claim_ids: Sequence[int],
    status: str,
    *,
    evidence: str,
    reviewer: str,
    url: str | None = None,
    note: str | None = None,
) -> list[int]:
    """``verifier.store.verdicts.mark_claims``, then mark the stories whose sources' track
    records moved for rescoring; returns the verdict ids."""
    before = verdict_counts(session)
    verdict_ids = store_mark_claims(session, claim_ids, status, evidence=evidence,
                                    reviewer=reviewer, url=url, note=note)
    after_verdicts(session, before)
    return verdict_ids
