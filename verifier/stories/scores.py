"""Story summaries kept current: counts, dates, score and open status in the database.

Lists (``stories list``, the web desk's, the selection of ``report --all``) read the
summary columns of ``stories`` instead of rebuilding every story. Whatever changes a story
marks it stale (``verifier.store.stories.mark_stale``): grouping new claims into it, a
reviewer's merge, split or move, a verdict on it, and a verdict anywhere that changes the
track record of a source it cites or that published it. ``refresh`` rescores the stale
stories in batches (each its own transaction, a few queries per batch), and a change of
scoring weights makes every story stale (``scored_with`` holds the weights' digest).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from verifier.scoring.score import assess
from verifier.scoring.weights import Weights, weights_digest
from verifier.store.stories import (
    StorySummary,
    count_stale,
    has_stale,
    has_unscored,
    members,
    stale_story_ids,
    stories_citing,
    story_records,
)
from verifier.store.trackrecords import is_current, keep_counts, verdict_counts
from verifier.stories.evidence import EvidenceReader
from verifier.stories.view import StoryView, build_views

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.database import Database

#: Stories rescored per transaction.
BATCH = 250


def summary_of(view: StoryView, reader: EvidenceReader, digest: str) -> StorySummary:
    """The summary columns of a story from its view. Its dates are its articles'
    publication dates: an undated article's date is unknown (not the day it was ingested),
    so a story of undated articles has none and a date filter leaves it out, as ``claims
    list --since`` leaves out their claims."""
    times = [
        record.published_at
        for a in view.articles
        if (record := reader.articles.get(a.id)) is not None and record.published_at is not None
    ]
    return StorySummary(
        id=view.id,
        claims=len(view.members),
        articles=len(view.articles),
        first_seen=min(times) if times else None,
        last_seen=max(times) if times else None,
        score=view.assessment.score,
        evidence_status=view.assessment.status,
        scored_with=digest,
    )


def summaries(
    session: Session, weights: Weights, story_ids: Sequence[int], reader: EvidenceReader,
    *, listed: bool = False, digest: str | None = None,
) -> list[StorySummary]:
    """The summary columns of these stories (those that exist, in the order given), as
    ``summary_of`` gives them from the stories' views, without what only a view needs (each
    member's own score, the verdict history): a refresh after ingest rescores thousands.
    ``listed``: the ids were read from ``stories`` in this same transaction, so they all
    exist (not looked up again). ``digest``: the weights' digest, when the caller has it (it
    hashes the whole repr of the weights: a few milliseconds a batch)."""
    if digest is None:
        digest = weights_digest(weights)
    if listed:
        ids = list(story_ids)
    else:
        records = story_records(session, story_ids)
        ids = [s for s in story_ids if s in records]
    found = members(session, ids)
    evidence = reader.groups({sid: [m.claim_id for m in rows] for sid, rows in found.items()})
    result = []
    for story_id in ids:
        claims = evidence[story_id]
        articles = [
            record for aid in dict.fromkeys(c.article_id for c in claims)
            if (record := reader.articles.get(aid)) is not None
        ]
        times = [r.published_at for r in articles if r.published_at is not None]
        assessment = assess(claims, weights)
        result.append(StorySummary(
            id=story_id,
            claims=len(claims),
            articles=len(articles),
            first_seen=min(times) if times else None,
            last_seen=max(times) if times else None,
            score=assessment.score,
            evidence_status=assessment.status,
            scored_with=digest,
        ))
    return result


def rescore(
    session: Session, weights: Weights, story_ids: Sequence[int],
    reader: EvidenceReader | None = None,
) -> list[StoryView]:
    """Rescore these stories now (in the caller's transaction); returns their views."""
    from verifier.store.story_writes import save_summaries

    reader = reader or EvidenceReader(session, weights)
    records = story_records(session, story_ids)
    views = build_views(session, [records[s] for s in story_ids if s in records], reader)
    digest = weights_digest(weights)
    save_summaries(session, [summary_of(view, reader, digest) for view in views])
    return views


def refresh(
    database: Database,
    weights: Weights,
    *,
    budget_s: float | None = None,
    unscored_only: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Rescore stale stories, ``BATCH`` at a time (a transaction each); returns how many.

    Unscored stories (new, members changed) and those scored with other weights come first
    and are always done. Those awaiting a rescore because a source's track record moved
    follow, unless ``unscored_only``, until ``budget_s`` seconds have passed (None: all);
    they keep their previous score meanwhile. ``on_start`` hears how many are stale (when
    any are), ``on_batch`` how many each batch rescored. An interrupted refresh leaves the
    rest stale for the next one.
    """
    import time

    digest = weights_digest(weights)
    with database.session_scope(write=False) as session:
        current = is_current(session)
    if not current:  # a change the kept track records do not count yet: count them again
        with database.session_scope() as session:
            keep_counts(session)
    with database.session_scope(write=False) as session:
        if not (has_unscored(session, digest) if unscored_only else has_stale(session, digest)):
            return 0
        stale = count_stale(session, digest)
        counts = verdict_counts(session)
    if on_start is not None:
        on_start(stale)
    done = 0
    started = time.monotonic()
    while True:
        with database.session_scope() as session:
            if budget_s is not None and time.monotonic() - started > budget_s:
                if not has_unscored(session, digest):
                    return done
                unscored_only = True
            ids = stale_story_ids(session, digest, BATCH, unscored_only=unscored_only)
            if not ids:
                return done
            from verifier.store.story_writes import save_summaries

            save_summaries(session, summaries(session, weights, ids,
                                              EvidenceReader(session, weights, counts),
                                              listed=True, digest=digest))
        done += len(ids)
        if on_batch is not None:
            on_batch(len(ids))


def changed_track_records(
    before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]]
) -> list[int]:
    """Sources whose (confirmed, refuted) counts differ."""
    return sorted(s for s in before.keys() | after.keys()
                  if before.get(s, (0, 0)) != after.get(s, (0, 0)))


def after_verdicts(
    session: Session, before: dict[int, tuple[int, int]], story_ids: Sequence[int] = ()
) -> int:
    """After verdicts were added in this transaction: mark the given stories changed and
    every story citing a source whose track record moved stale; returns how many."""
    from verifier.store.story_writes import mark_stale

    mark_stale(session, story_ids)
    changed = changed_track_records(before, keep_counts(session))
    citing = stories_citing(session, changed) - set(story_ids) if changed else set()
    mark_stale(session, citing, changed=False)
    return len(citing) + len(story_ids)
