"""Stories in the database: grouping new claims, the reviewer's corrections (rename, merge,
split, move), verdicts and retractions.

``update_stories(session, article_ids)`` (``verifier.stories.update``) is what ingest calls as
it stores articles: it groups the claims no story holds yet and adds them to existing
stories or new ones. Existing memberships are never changed by grouping, so a reviewer's
corrections (stored ``pinned``) survive any number of later ingests. Every change here marks
the stories it touches for rescoring, and a verdict or retraction also those whose sources'
track records move (``verifier.stories.scores``). Reading stories is
``verifier.stories.view``; the SQL lives in ``verifier.store``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.limits import check_length
from verifier.scoring.weights import Weights
from verifier.store import stories as db
from verifier.store import story_writes as write
from verifier.store.claims import claim_records, existing_claim_ids
from verifier.store.trackrecords import verdict_counts
from verifier.store.verdicts import (
    Decision,
    Retraction,
    add_verdict,
    carry_story_verdicts,
    check_claims,
    check_verdict,
    retract,
)
from verifier.store.verdicts import mark_claims as store_mark_claims
from verifier.stories.background import background_reason
from verifier.stories.evidence import EvidenceReader
from verifier.stories.reasons import reviewer as reviewer_reason
from verifier.stories.scores import after_verdicts, rescore
from verifier.stories.update import refresh_story_terms, story_title
from verifier.stories.update import update_stories as update_stories
from verifier.stories.view import StoryView, get_story
from verifier.stories.view import list_stories as list_stories
from verifier.vocab import OPPOSITE_VERDICT, Role

_title = story_title


def _open_story(session: Session, story_id: int, what: str) -> None:
    """Refuse ``what`` (a verdict, claims, a merge) on a story an article's deletion
    emptied: it holds no claim to judge or group with, and keeps its history as it is."""
    record = db.story_record(session, story_id)
    if record.emptied_by is not None:
        raise UsageError(
            f"story {story_id} is emptied (deleting article {record.emptied_by} took its last "
            f"claims): it takes no {what}; its verdict history stays (`verifier stories show "
            f"{story_id}`)")


def rename_story(session: Session, story_id: int, title: str) -> None:
    from verifier.textsafe import blank

    title = " ".join(title.split())
    if blank(title):
        raise UsageError("a story title cannot be empty")
    check_length("story title", title)
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
    check_claims(session, ids, why="so no story holds it", outcome="nothing was changed")
    return ids


def _move(session: Session, ids: list[int], story_id: int, action: str) -> set[int]:
    """Move claims into a story (a reviewer's ``action``: move, split or merge, stored as
    why they are there); returns the stories they left."""
    left = db.stories_of_claims(session, ids)
    write.remove_members(session, ids)
    write.add_members(session, [(story_id, c) for c in ids], pinned=True,
                      reason=reviewer_reason(action))
    refresh_story_terms(session, sorted(left | {story_id}))
    write.mark_stale(session, left | {story_id})
    return left


def move_claims(
    session: Session, claim_ids: Sequence[int], story_id: int, decision: Decision | None = None
) -> list[int]:
    """Move claims into a story (out of any other), as a pinned reviewer decision. A story
    the move empties is treated as merged into ``story_id``: its verdict is carried (or the
    reviewer's ``decision`` recorded, when verdicts disagree). Returns the verdicts written."""
    _open_story(session, story_id, "new claims")
    ids = _check_claims(session, claim_ids)
    before = verdict_counts(session)
    sources = sorted(db.stories_of_claims(session, ids) - {story_id})
    _move(session, ids, story_id, "move")
    still = db.member_story_ids(session, sources)
    emptied = [s for s in sources if s not in still]
    if emptied:
        write.set_merged_into(session, emptied, story_id)
    written = carry_story_verdicts(session, story_id, emptied, origin="move", decision=decision)
    after_verdicts(session, before, [story_id, *emptied])
    return written


def split_story(
    session: Session, story_id: int, claim_ids: Sequence[int], title: str | None = None
) -> tuple[int, list[int]]:
    """Move some of a story's claims into a new story, which carries the story's verdict;
    returns the new story's id and the verdicts written."""
    check_length("story title", title)
    db.story_record(session, story_id)
    ids = _check_claims(session, claim_ids)
    members = {m.claim_id for m in db.members(session, [story_id])[story_id]}
    outside = [str(c) for c in ids if c not in members]
    if outside:
        raise UsageError(f"claim {', '.join(outside)} is not in story {story_id}")
    if set(ids) == members:
        raise UsageError("a split must leave at least one claim in the story")
    before = verdict_counts(session)
    first = claim_records(session, ids, claims_only=False)
    new_id = write.insert_story(session, _title(title or (first[0].text if first else "")),
                                locked=bool(title))
    _move(session, ids, new_id, "split")
    write.pin_members(session, story_id)
    written = carry_story_verdicts(session, new_id, [story_id], origin="split")
    after_verdicts(session, before, [story_id, new_id])
    return new_id, written


def merge_stories(
    session: Session, target_id: int, other_ids: Sequence[int], decision: Decision | None = None
) -> list[int]:
    """Move every claim of the other stories into the target; returns the verdicts written.

    A story verdict comes along (carried to the target when it has none); when the stories'
    verdicts disagree the reviewer's ``decision`` says which stands (else ``UsageError``,
    nothing changed). An emptied story is deleted unless verdicts point at it; then it keeps
    its history and ``merged_into`` names the target, whose view shows that history too."""
    _open_story(session, target_id, "merge")
    others = [s for s in dict.fromkeys(other_ids) if s != target_id]
    if not others:
        raise UsageError("give at least one other story to merge into the target")
    for story_id in others:
        _open_story(session, story_id, "merge")
    before = verdict_counts(session)
    written = carry_story_verdicts(session, target_id, others, origin="merge",
                                   decision=decision)
    claim_ids = write.member_claim_ids(session, others)
    if claim_ids:
        _move(session, claim_ids, target_id, "merge")
    write.pin_members(session, target_id)
    with_verdicts = db.stories_with_verdicts(session, others)
    gone = [s for s in others if s not in with_verdicts]
    if gone:
        write.repoint_merged(session, gone, target_id)
        write.delete_stories(session, gone, merged_into=target_id)
    kept = [s for s in others if s in with_verdicts]
    if kept:
        write.set_merged_into(session, kept, target_id)
    after_verdicts(session, before, [target_id, *kept])
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
    and so are its background and conjecture (``verifier.stories.background``): confirming
    or refuting the event confirms or refutes neither.
    The story, and every story whose sources' track records move, is marked for rescoring.
    """
    check_verdict(status, evidence, reviewer)
    _open_story(session, story_id, "new verdict")
    before = verdict_counts(session)
    view = get_story(session, story_id, weights, EvidenceReader(session, weights, before))
    now = datetime.now(UTC)
    story_verdict = add_verdict(
        session, story_id=story_id, status=status, evidence=evidence, reviewer=reviewer,
        url=url, note=note, score=view.assessment.score, now=now,
    )
    for member in view.members:
        if member.role == Role.DECLINES:
            continue
        if member.role == Role.SUPPORTS and background_reason(member.evidence) is not None:
            continue  # the event's verdict, confirmed or not, says nothing of its background
        claim_status = status if member.role == Role.SUPPORTS else OPPOSITE_VERDICT[status]
        if member.status == claim_status:
            continue  # already so: a second verdict would say nothing new
        add_verdict(session, claim_id=member.claim_id, story_id=story_id, status=claim_status,
                    evidence=evidence, reviewer=reviewer, url=url,
                    note=note or f"marked with story {story_id}", score=member.score, now=now,
                    origin="story", refers_to=story_verdict)
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


def retract_verdict(
    session: Session,
    *,
    evidence: str,
    reviewer: str,
    claim_id: int | None = None,
    story_id: int | None = None,
    verdict_id: int | None = None,
    note: str | None = None,
) -> Retraction:
    """``verifier.store.verdicts.retract``, then mark the story and the stories whose
    sources' track records moved for rescoring."""
    before = verdict_counts(session)
    result = retract(session, claim_id=claim_id, story_id=story_id, evidence=evidence,
                     reviewer=reviewer, verdict_id=verdict_id, note=note)
    after_verdicts(session, before, [story_id] if story_id is not None else [])
    return result
