"""Reading the verdict history for learning: track records and calibration.

``verdict_counts`` reads the latest verdicts, the claims they are about and the sources
behind those claims, and counts them with the pure rule of ``verifier.scoring.trackrecord``;
``track_records`` adds each source's prior. ``reviewed_scores`` reads what calibration
compares: the score each story had when it was last confirmed or refuted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from verifier.scoring.trackrecord import TrackRecord, count_verdicts, verdict_units
from verifier.store.tables import columns_of, table

VERDICTS = table("verdicts")
STORY_CLAIMS = table("story_claims")
ATTRIBUTIONS = table("attributions")
CLAIMS = table("claims")
ARTICLES = table("articles")
SOURCES = table("sources")
BATCH = 900
_RECORD_FIELDS = columns_of(
    "sources", ("id", "key", "name", "kind", "prior_confirmed", "prior_refuted", "prior_note")
)


def latest_verdicts(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    """The latest verdict status per story, and per claim (claim-level verdicts only)."""
    stories: dict[int, str] = {}
    claims: dict[int, str] = {}
    rows = session.execute(
        select(VERDICTS.c.story_id, VERDICTS.c.claim_id, VERDICTS.c.status)
        .order_by(VERDICTS.c.id)
    )
    for story_id, claim_id, status in rows:
        if story_id is not None and claim_id is None:
            stories[story_id] = status
        elif claim_id is not None and story_id is None:
            claims[claim_id] = status
    return stories, claims


def verdict_counts(session: Session) -> dict[int, tuple[int, int]]:
    """``{source id: (confirmed, refuted)}`` over every reviewed story and claim."""
    stories, claims = latest_verdicts(session)
    members: dict[int, list[int]] = {}
    for chunk in _chunks(list(stories)):
        for story_id, claim_id in session.execute(
            select(STORY_CLAIMS.c.story_id, STORY_CLAIMS.c.claim_id)
            .where(STORY_CLAIMS.c.story_id.in_(chunk))
        ):
            members.setdefault(story_id, []).append(claim_id)
    claim_stories: dict[int, set[int]] = {}
    for chunk in _chunks(list(claims)):
        for claim_id, story_id in session.execute(
            select(STORY_CLAIMS.c.claim_id, STORY_CLAIMS.c.story_id)
            .where(STORY_CLAIMS.c.claim_id.in_(chunk))
        ):
            claim_stories.setdefault(claim_id, set()).add(story_id)
    units = verdict_units(stories, claims, members, claim_stories)
    claim_ids = {c for _, ids in units.values() for c in ids}
    return count_verdicts(units, sources_behind(session, claim_ids))


def sources_behind(
    session: Session, claim_ids: Iterable[int]
) -> dict[int, list[tuple[int, str]]]:
    """Per claim: (source id, stance) for its asserting and denying sources, and its outlet
    when the claim supports the event (someone asserts it, or nobody is cited)."""
    ids = sorted(set(claim_ids))
    found: dict[int, list[tuple[int, str]]] = {cid: [] for cid in ids}
    stances: dict[int, set[str]] = {cid: set() for cid in ids}
    for chunk in _chunks(ids):
        for claim_id, source_id, stance in session.execute(
            select(ATTRIBUTIONS.c.claim_id, ATTRIBUTIONS.c.source_id, ATTRIBUTIONS.c.stance)
            .where(ATTRIBUTIONS.c.claim_id.in_(chunk))
        ):
            stances[claim_id].add(stance)
            if source_id is not None and stance in ("asserts", "denies"):
                found[claim_id].append((source_id, stance))
        for claim_id, outlet_id in session.execute(
            select(CLAIMS.c.id, ARTICLES.c.outlet_id)
            .join(ARTICLES, ARTICLES.c.id == CLAIMS.c.article_id)
            .where(CLAIMS.c.id.in_(chunk))
        ):
            supports = "asserts" in stances[claim_id] or not stances[claim_id]
            if outlet_id is not None and supports:
                found[claim_id].append((outlet_id, "asserts"))
    return found


def track_records(
    session: Session,
    source_ids: Iterable[int] | None = None,
    *,
    reviewed_only: bool = False,
    counts: dict[int, tuple[int, int]] | None = None,
) -> list[TrackRecord]:
    """Track records of the given sources (default: all), most verdicts first."""
    counts = verdict_counts(session) if counts is None else counts
    query = select(*_RECORD_FIELDS)
    if source_ids is not None:
        wanted = sorted(set(source_ids))
    elif reviewed_only:
        wanted = sorted(counts)
    else:
        wanted = None
    rows = (
        [row for chunk in _chunks(wanted)
         for row in session.execute(query.where(SOURCES.c.id.in_(chunk)))]
        if wanted is not None else list(session.execute(query))
    )
    records = [
        TrackRecord(
            source_id=row.id,
            key=row.key,
            name=row.name,
            kind=row.kind,
            prior_confirmed=row.prior_confirmed,
            prior_refuted=row.prior_refuted,
            prior_note=row.prior_note,
            confirmed=counts.get(row.id, (0, 0))[0],
            refuted=counts.get(row.id, (0, 0))[1],
        )
        for row in rows
    ]
    records.sort(key=lambda r: (-(r.confirmed + r.refuted), r.name.lower()))
    return records


def reviewed_scores(session: Session) -> list[tuple[float, bool]]:
    """(score at review, confirmed?) for each story's latest confirmed/refuted verdict."""
    latest: dict[int, tuple[str, float | None]] = {}
    for story_id, status, score in session.execute(
        select(VERDICTS.c.story_id, VERDICTS.c.status, VERDICTS.c.score)
        .where(VERDICTS.c.story_id.is_not(None), VERDICTS.c.claim_id.is_(None))
        .order_by(VERDICTS.c.id)
    ):
        if story_id is not None:
            latest[story_id] = (status, score)
    return [
        (score, status == "confirmed")
        for status, score in latest.values()
        if score is not None and status in ("confirmed", "refuted")
    ]


def _chunks(ids: Sequence[int], size: int = BATCH) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
