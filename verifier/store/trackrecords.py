"""Reading the verdict history for learning: track records and calibration.

``verdict_counts`` reads the latest verdicts, the claims they are about and the sources
behind those claims, and counts them with the pure rule of ``verifier.scoring.trackrecord``;
``track_records`` adds each source's prior. ``reviewed_scores`` reads what calibration
compares: the score each story had when it was last confirmed or refuted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from verifier.scoring.trackrecord import TrackRecord, count_verdicts, verdict_units
from verifier.store.reading import Rows, query_in, rows_of, select_list

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class _SourcePrior(NamedTuple):
    id: int
    key: str
    name: str
    kind: str
    prior_confirmed: float
    prior_refuted: float
    prior_note: str


_PRIORS = f"SELECT {select_list(_SourcePrior, 'sources')} FROM sources"


def latest_verdicts(db: Session | Rows) -> tuple[dict[int, str], dict[int, str]]:
    """The latest verdict status per story, and per claim (claim-level verdicts only)."""
    stories: dict[int, str] = {}
    claims: dict[int, str] = {}
    rows = rows_of(db).all("SELECT story_id, claim_id, status FROM verdicts ORDER BY id")
    for story_id, claim_id, status in rows:
        if story_id is not None and claim_id is None:
            stories[story_id] = status
        elif claim_id is not None and story_id is None:
            claims[claim_id] = status
    return stories, claims


def verdict_counts(db: Session | Rows) -> dict[int, tuple[int, int]]:
    """``{source id: (confirmed, refuted)}`` over every reviewed story and claim."""
    rows = rows_of(db)
    stories, claims = latest_verdicts(rows)
    members: dict[int, list[int]] = {}
    for story_id, claim_id in query_in(
        rows, "SELECT story_id, claim_id FROM story_claims WHERE story_id IN {ids}", set(stories)
    ):
        members.setdefault(story_id, []).append(claim_id)
    claim_stories: dict[int, set[int]] = {}
    for claim_id, story_id in query_in(
        rows, "SELECT claim_id, story_id FROM story_claims WHERE claim_id IN {ids}", set(claims)
    ):
        claim_stories.setdefault(claim_id, set()).add(story_id)
    units = verdict_units(stories, claims, members, claim_stories)
    claim_ids = {c for _, ids in units.values() for c in ids}
    return count_verdicts(units, sources_behind(rows, claim_ids))


def sources_behind(
    db: Session | Rows, claim_ids: Iterable[int]
) -> dict[int, list[tuple[int, str]]]:
    """Per claim: (source id, stance) for its asserting and denying sources, and its outlet
    when the claim supports the event (someone asserts it, or nobody is cited)."""
    rows = rows_of(db)
    ids = set(claim_ids)
    found: dict[int, list[tuple[int, str]]] = {cid: [] for cid in sorted(ids)}
    stances: dict[int, set[str]] = {cid: set() for cid in ids}
    for claim_id, source_id, stance in query_in(
        rows, "SELECT claim_id, source_id, stance FROM attributions WHERE claim_id IN {ids}", ids
    ):
        stances[claim_id].add(stance)
        if source_id is not None and stance in ("asserts", "denies"):
            found[claim_id].append((source_id, stance))
    for claim_id, outlet_id in query_in(
        rows, "SELECT claims.id, articles.outlet_id FROM claims JOIN articles "
        "ON articles.id = claims.article_id WHERE claims.id IN {ids}", ids
    ):
        supports = "asserts" in stances[claim_id] or not stances[claim_id]
        if outlet_id is not None and supports:
            found[claim_id].append((outlet_id, "asserts"))
    return found


def track_records(
    db: Session | Rows,
    source_ids: Iterable[int] | None = None,
    *,
    reviewed_only: bool = False,
    counts: dict[int, tuple[int, int]] | None = None,
) -> list[TrackRecord]:
    """Track records of the given sources (default: all), most verdicts first."""
    reader = rows_of(db)
    counts = verdict_counts(reader) if counts is None else counts
    if source_ids is not None:
        wanted: set[int] | None = set(source_ids)
    elif reviewed_only:
        wanted = set(counts)
    else:
        wanted = None
    rows = [
        _SourcePrior(*row)
        for row in (query_in(reader, f"{_PRIORS} WHERE id IN {{ids}}", wanted)
                    if wanted is not None else reader.all(_PRIORS))
    ]
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


def reviewed_scores(db: Session | Rows) -> list[tuple[float, bool]]:
    """(score at review, confirmed?) for each story's latest confirmed/refuted verdict."""
    latest: dict[int, tuple[str, float | None]] = {}
    for story_id, status, score in rows_of(db).all(
        "SELECT story_id, status, score FROM verdicts "
        "WHERE story_id IS NOT NULL AND claim_id IS NULL ORDER BY id"
    ):
        if story_id is not None:
            latest[story_id] = (status, score)
    return [
        (score, status == "confirmed")
        for status, score in latest.values()
        if score is not None and status in ("confirmed", "refuted")
    ]
