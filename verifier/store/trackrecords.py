"""Reading the verdict history for learning: track records and calibration.

``verdict_counts`` reads the latest verdicts, the claims they are about and the sources
behind those claims, and counts them with the pure rule of ``verifier.scoring.trackrecord``;
``track_records`` adds each source's prior. ``reviewed_scores`` reads what calibration
compares: the score each story had when it was last confirmed or refuted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NamedTuple

from verifier.scoring.evidence import AttributionEvidence
from verifier.scoring.trackrecord import (
    Statement,
    TrackRecord,
    answering,
    learn,
    reviewed_units,
)
from verifier.store.reading import Rows, converter, query_in, rows_of, select_list
from verifier.store.verdict_record import RETRACTED, VerdictRecord, standing

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


_VERDICT = converter(VerdictRecord, "verdicts")
_OUTCOMES = ("confirmed", "refuted")


def standing_verdicts(
    db: Session | Rows,
) -> tuple[dict[int, VerdictRecord], dict[int, VerdictRecord]]:
    """The standing verdict of every reviewed story and claim (retractions applied; the rule
    is ``verifier.store.verdict_record.standing``)."""
    stories: dict[int, list[VerdictRecord]] = {}
    claims: dict[int, list[VerdictRecord]] = {}
    for row in rows_of(db).all(
        f"SELECT {select_list(VerdictRecord, 'verdicts')} FROM verdicts ORDER BY id"
    ):
        record = _VERDICT(row)
        if record.claim_id is not None:
            claims.setdefault(record.claim_id, []).append(record)
        elif record.story_id is not None:
            stories.setdefault(record.story_id, []).append(record)
    return (
        {sid: v for sid, found in stories.items() if (v := standing(found)) is not None},
        {cid: v for cid, found in claims.items() if (v := standing(found)) is not None},
    )


class _Entry(NamedTuple):
    """What ``standing`` reads of a verdict (no texts, no times: counting reads every
    verdict)."""

    id: int
    status: str
    refers_to: int | None
    story_id: int | None
    claim_id: int | None

    @property
    def is_retraction(self) -> bool:
        return self.status == RETRACTED


_ENTRIES = f"SELECT {select_list(_Entry, 'verdicts')} FROM verdicts ORDER BY id"


def latest_verdicts(db: Session | Rows) -> tuple[dict[int, str], dict[int, str]]:
    """The standing verdict's status per story, and per claim (claims' own verdicts only, not
    those written with a story's); retracted verdicts do not count. (The rule is
    ``standing``, as in ``standing_verdicts``, on the few columns it reads.)"""
    stories: dict[int, list[_Entry]] = {}
    claims: dict[int, list[_Entry]] = {}
    for entry in map(_Entry._make, rows_of(db).all(_ENTRIES)):
        if entry.claim_id is not None:
            claims.setdefault(entry.claim_id, []).append(entry)
        elif entry.story_id is not None:
            stories.setdefault(entry.story_id, []).append(entry)
    return (
        {sid: v.status for sid, found in stories.items() if (v := standing(found)) is not None},
        {cid: v.status for cid, found in claims.items()
         if (v := standing(found)) is not None and v.story_id is None},
    )


def verdict_counts(db: Session | Rows) -> dict[int, tuple[int, int]]:
    """``{source id: (confirmed, refuted)}`` over every reviewed story and claim (the rule is
    ``verifier.scoring.trackrecord.learn``): the kept counts (``track_record_counts``) when
    they are current, else counted from the verdicts (``count_verdicts``)."""
    rows = rows_of(db)
    return kept_counts(rows) if is_current(rows) else count_verdicts(rows)


def kept_counts(db: Session | Rows) -> dict[int, tuple[int, int]]:
    """What ``track_record_counts`` holds (current or not: see ``is_current``)."""
    return {int(s): (int(c), int(r)) for s, c, r in rows_of(db).all(
        "SELECT source_id, confirmed, refuted FROM track_record_counts ORDER BY source_id")}


def is_current(db: Session | Rows) -> bool:
    """Whether ``track_record_counts`` holds the counts: counted, and no trigger has seen a
    change since (revision 0013)."""
    found = rows_of(db).all("SELECT stale FROM track_record_state WHERE id = 1")
    return bool(found) and not found[0][0]


def count_verdicts(
    db: Session | Rows, leave_out: Collection[int] = ()
) -> dict[int, tuple[int, int]]:
    """``verdict_counts`` counted from the verdicts, their stories' members and the sources
    behind those claims (what ``track_record_counts`` keeps). ``leave_out``: claim ids
    whose verdicts are not counted (the claim's own, or its story's that covers it): the
    track records as they stood before those verdicts, for a score "before its verdict"."""
    rows = rows_of(db)
    stories, claims = latest_verdicts(rows)
    reviewed = {sid for sid, status in stories.items() if status in _OUTCOMES}
    members: dict[int, list[int]] = {}
    for story_id, claim_id in query_in(
        rows, "SELECT story_id, claim_id FROM story_claims WHERE story_id IN {ids}", reviewed
    ):
        members.setdefault(story_id, []).append(claim_id)
    claim_reviewed = {cid for cid, status in claims.items() if status in _OUTCOMES}
    claim_story: dict[int, int] = {
        claim_id: story_id for claim_id, story_id in query_in(
            rows, "SELECT claim_id, story_id FROM story_claims WHERE claim_id IN {ids}",
            claim_reviewed)
    }
    units = reviewed_units(stories, claims, members, claim_story)
    if leave_out:
        left = set(leave_out)
        units = [unit for unit in units if left.isdisjoint(unit.claim_ids)]
    return learn(units, sources_behind(rows, {c for unit in units for c in unit.claim_ids}))


def keep_counts(session: Session, *, force: bool = False) -> dict[int, tuple[int, int]]:
    """Count again and store the counts, unless they are current (``force``: count anyway,
    as ``db rebuild`` does); returns them. In a write transaction: the state row is marked
    stale first, which on PostgreSQL locks it, so a concurrent change's trigger waits for
    this transaction and marks the counts stale after it, never before."""
    from datetime import UTC, datetime

    from sqlalchemy import delete, insert, update

    from verifier.store.models import TrackRecordCount, TrackRecordState

    rows = rows_of(session)
    if not force and is_current(rows):
        return verdict_counts(rows)
    marked = session.execute(
        update(TrackRecordState).where(TrackRecordState.id == 1).values(stale=True))
    if not getattr(marked, "rowcount", 1):  # the row was deleted by hand: put it back
        session.execute(insert(TrackRecordState).values(id=1, stale=True))
    counts = count_verdicts(rows)
    kept = kept_counts(rows)
    gone = [s for s in kept if s not in counts]
    for start in range(0, len(gone), 500):
        session.execute(delete(TrackRecordCount).where(
            TrackRecordCount.source_id.in_(gone[start:start + 500])))
    changed = [{"source_id": s, "confirmed": c, "refuted": r}
               for s, (c, r) in sorted(counts.items()) if kept.get(s) != (c, r)]
    new = [row for row in changed if row["source_id"] not in kept]
    for row in changed:
        if row["source_id"] in kept:
            session.execute(update(TrackRecordCount)
                            .where(TrackRecordCount.source_id == row["source_id"])
                            .values(confirmed=row["confirmed"], refuted=row["refuted"]))
    if new:
        session.execute(insert(TrackRecordCount), new)
    session.execute(update(TrackRecordState).where(TrackRecordState.id == 1)
                    .values(stale=False, counted_at=datetime.now(UTC)))
    return counts


def sources_behind(
    db: Session | Rows, claim_ids: Iterable[int]
) -> dict[int, list[tuple[int, str]]]:
    """Per claim: (source id, stance) for whoever answers for it when it is reviewed: the
    rows this reads (each claim's attributions with their sources' keys and names, its text
    and its article's outlet) judged by ``verifier.scoring.trackrecord.answering``."""
    rows = rows_of(db)
    ids = set(claim_ids)
    said: dict[int, list[tuple[AttributionEvidence, int | None]]] = {cid: [] for cid in ids}
    for (claim_id, source_id, stance, speaker, source_text, source_start, source_end,
         cue_text, cue_start, cue_end, key, name) in query_in(
        rows, "SELECT a.claim_id, a.source_id, a.stance, a.speaker, a.source_text, "
        "a.source_start, a.source_end, a.cue_text, a.cue_start, a.cue_end, s.key, s.name "
        "FROM attributions a LEFT JOIN sources s ON s.id = a.source_id "
        "WHERE a.claim_id IN {ids} ORDER BY a.claim_id, a.position", ids
    ):
        said[claim_id].append((AttributionEvidence(
            speaker, stance, source_text, source_start, source_end, cue_text, cue_start,
            cue_end, key, name, None if source_id is None else int(source_id)),
            None if source_id is None else int(source_id)))
    statements = [
        Statement(int(claim_id), None if outlet_id is None else int(outlet_id), str(text),
                  int(start), tuple(said[claim_id]))
        for claim_id, outlet_id, text, start in query_in(
            rows, "SELECT claims.id, articles.outlet_id, claims.text, claims.start FROM claims "
            "JOIN articles ON articles.id = claims.article_id WHERE claims.id IN {ids}", ids)
    ]
    found = answering(statements)
    return {cid: found.get(cid, []) for cid in sorted(ids)}


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
    """(score at review, confirmed?) for each story's standing confirmed/refuted verdict.

    A verdict carried to another story by a merge or split records no score, so each review
    counts once (on the story it was made on)."""
    stories, _ = standing_verdicts(db)
    return [
        (v.score, v.status == "confirmed")
        for v in stories.values()
        if v.score is not None and v.status in _OUTCOMES
    ]
