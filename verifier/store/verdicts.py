"""Reviewers' verdicts: an append-only, hash-chained history.

A verdict targets a claim (``claim_id`` set; ``story_id`` too when written with its story's
verdict) or a story (``claim_id`` NULL). Nothing is ever edited: a reviewer withdraws a
verdict by appending a *retraction* (``retract``), and a target's status is its *standing*
verdict, the latest one not retracted, else ``unverified``. ``add_verdict`` and ``retract``
keep the target's stored ``status`` in step in the caller's transaction and record each new
row in ``history_log`` (``verifier.store.history``). Marking a target with the status it
already has is refused: retract the standing verdict first to change its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.limits import check_length, check_lengths
from verifier.store import history
from verifier.store.models import Claim, ReviewedStem, Story, Verdict
from verifier.store.verdict_record import RETRACTED as RETRACTED
from verifier.store.verdict_record import UNVERIFIED as UNVERIFIED
from verifier.store.verdict_record import VerdictRecord as VerdictRecord
from verifier.store.verdict_record import claim_command, retract_command
from verifier.store.verdict_record import standing as standing
from verifier.store.verdict_record import status_of as status_of
from verifier.vocab import VERDICT_STATUSES

_COLUMNS = (Verdict.id, Verdict.status, Verdict.evidence, Verdict.url, Verdict.note,
            Verdict.reviewer, Verdict.created_at, Verdict.story_id, Verdict.score,
            Verdict.origin, Verdict.refers_to, Verdict.claim_id)


def check_link(url: str | None) -> str | None:
    """An evidence link: empty (None), or an absolute http(s) url; anything else (a
    ``javascript:`` or ``file:`` link, a bare word) is refused, on the desk and the command
    line alike."""
    from urllib.parse import urlsplit

    from verifier.textsafe import has_user_info, plain_url

    value = (url or "").strip()
    if not value:
        return None
    if has_user_info(value):
        raise UsageError(f"evidence link {value[:80]!r} names a user before its host: it "
                         "reads as the site before the '@' and leads to the one after it")
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[::1" : an unclosed address
        parts = urlsplit("")
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not plain_url(
        value
    ):
        from verifier.textsafe import not_http_url

        raise UsageError(not_http_url("evidence link", value))
    check_length("link", value)
    return value


def _records(session: Session, *where: Any) -> list[VerdictRecord]:
    """Verdict rows as records, in id order (Core rows: no ORM objects to build)."""
    return [VerdictRecord(*row)
            for row in session.execute(select(*_COLUMNS).where(*where).order_by(Verdict.id))]


def verdict_history(
    session: Session, *, claim_id: int | None = None, story_id: int | None = None
) -> list[VerdictRecord]:
    """A claim's verdicts (or a story's own, not its claims'), oldest first."""
    if claim_id is not None:
        return _records(session, Verdict.claim_id == claim_id)
    return _records(session, Verdict.story_id == story_id, Verdict.claim_id.is_(None))


def all_histories(session: Session) -> tuple[dict[int, list[VerdictRecord]],
                                             dict[int, list[VerdictRecord]]]:
    """Every verdict grouped by target: ({story id: history}, {claim id: history})."""
    stories: dict[int, list[VerdictRecord]] = {}
    claims: dict[int, list[VerdictRecord]] = {}
    for record in _records(session):
        if record.claim_id is not None:
            claims.setdefault(record.claim_id, []).append(record)
        elif record.story_id is not None:
            stories.setdefault(record.story_id, []).append(record)
    return stories, claims


def standing_verdicts(session: Session) -> tuple[dict[int, VerdictRecord],
                                                 dict[int, VerdictRecord]]:
    """The standing verdict of every reviewed story and claim (retractions applied)."""
    stories, claims = all_histories(session)
    return (
        {sid: v for sid, rows in stories.items() if (v := standing(rows)) is not None},
        {cid: v for cid, rows in claims.items() if (v := standing(rows)) is not None},
    )


#: How every write that needs a reviewer says so: the command line takes the name from
#: ``--by`` or, without it, from $VERIFIER_REVIEWER (the desk from the signed-in user).
REVIEWER_NEEDED = "needs the reviewer's name: give --by NAME or set $VERIFIER_REVIEWER"


def needs_reviewer(what: str) -> str:
    """The message of a write (``what``: "a verdict", "a correction") given no reviewer."""
    return f"{what} {REVIEWER_NEEDED}"


def check_reviewer(reviewer: str | None, what: str) -> str:
    """``reviewer`` stripped, or ``UsageError`` (with ``needs_reviewer``) when it is blank."""
    from verifier.textsafe import blank

    if blank(reviewer):
        raise UsageError(needs_reviewer(what))
    assert reviewer is not None
    return reviewer


def check_verdict(status: str, evidence: str | None, reviewer: str | None) -> None:
    """Raise ``UsageError`` unless status is a verdict and evidence and reviewer are given."""
    if status not in VERDICT_STATUSES:
        raise UsageError(
            f"unknown status {status!r} (a verdict is one of {', '.join(VERDICT_STATUSES)})"
        )
    check_reason(evidence, reviewer, "a verdict")


def check_reason(evidence: str | None, reviewer: str | None, what: str) -> None:
    from verifier.textsafe import blank

    if blank(evidence):
        raise UsageError(f"{what} needs evidence (--evidence): what shows it?")
    check_reviewer(reviewer, what)
    check_lengths(evidence=evidence, reviewer_name=reviewer)


def _target_name(claim_id: int | None, story_id: int | None) -> str:
    return f"claim {claim_id}" if claim_id is not None else f"story {story_id}"


def _check_target(session: Session, claim_id: int | None, story_id: int | None) -> None:
    if claim_id is None and story_id is None:
        raise UsageError("a verdict needs a claim or a story")
    if claim_id is not None and session.scalar(
        select(Claim.id).where(Claim.id == claim_id)
    ) is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    if story_id is not None and session.scalar(
        select(Story.id).where(Story.id == story_id)
    ) is None:
        from verifier.store.merged_stories import no_story

        raise no_story(session, story_id)


def check_claims(session: Session, claim_ids: Sequence[int], *,
                 why: str = "so it takes no verdict",
                 outcome: str = "nothing was marked") -> None:
    """A reviewer's verdict is on what a sentence asserts: a sentence read as not a claim
    (page furniture such as a "Breaking News" line, by the analyser or a correction) takes
    none. ``UsageError`` names the fix: correct the sentence to a claim first (itself
    recorded). The one rule ``claims mark``, the desk's mark and adopt all meet, through
    ``add_verdict`` and ``mark_claims``; a story edit (move, split) asks it too, ``why`` no
    story holds one."""
    rows = session.execute(
        select(Claim.id, Claim.claim_rule).where(Claim.id.in_(claim_ids),
                                                 Claim.is_claim.is_(False))
    ).all()
    if not rows:
        return
    rule = {row.id: row.claim_rule for row in rows}
    ids = [claim_id for claim_id in claim_ids if claim_id in rule]
    named = ", ".join(f"{claim_id} ({rule[claim_id]})" for claim_id in ids)
    what = (f"sentence {named} is" if len(ids) == 1 else f"sentences {named} are")
    raise UsageError(
        f"{what} read as not a claim, {why}: correct it to a claim first "
        f"({claim_command(ids[0])}, or the claim page's correction form); {outcome}"
    )


def check_unclaim(session: Session, claim_id: int) -> None:
    """The other side of ``check_claims``: a sentence whose verdict stands is not corrected
    to not a claim (the verdict would stand on a sentence that takes none). ``UsageError``
    names the fix: retract the verdict first (recorded), then correct."""
    current = standing(verdict_history(session, claim_id=claim_id))
    if current is None:
        return
    raise UsageError(
        f"claim {claim_id} is {current.status} (verdict {current.id} by {current.reviewer}) "
        f"and a sentence that is not a claim takes no verdict: retract it first "
        f"({retract_command(claim_id)}, or Retract on the claim page), then correct it; "
        "nothing was changed"
    )


def already(record: VerdictRecord, claim_id: int | None, story_id: int | None) -> str:
    """The message for marking a target with the status it already has."""
    name = _target_name(claim_id, story_id)
    command = "claims" if claim_id is not None else "stories"
    ident = claim_id if claim_id is not None else story_id
    return (
        f"{name} is already {record.status} (verdict {record.id} by {record.reviewer}); "
        f"to change its evidence, retract it first (`verifier {command} retract {ident}`)"
    )


def _set_status(session: Session, claim_id: int | None, story_id: int | None) -> str:
    """The target's status from its verdicts; a claim's content terms are kept with it (what
    matching other claims against this one reads: ``claims.content_terms``)."""
    status = status_of(verdict_history(session, claim_id=claim_id, story_id=story_id))
    if claim_id is not None:
        from verifier.store.past_reads import source_spans
        from verifier.stories.matching import candidate_stems, packed_content

        found = session.execute(
            select(Claim.text, Claim.start, Claim.terms).where(Claim.id == claim_id)
        ).one_or_none()
        if found is None:  # its article was deleted: an orphaned verdict, no row to keep
            session.execute(delete(ReviewedStem).where(ReviewedStem.claim_id == claim_id))
            return status
        text, start, stored = found
        terms = packed_content(text, start, source_spans(session, [claim_id]).get(claim_id, []))
        session.execute(update(Claim).where(Claim.id == claim_id).values(
            status=status, content_terms=terms))
        session.execute(delete(ReviewedStem).where(ReviewedStem.claim_id == claim_id))
        stems = sorted(candidate_stems(text, stored))
        if stems:
            session.execute(insert(ReviewedStem),
                            [{"stem": stem, "claim_id": claim_id} for stem in stems])
    else:
        session.execute(update(Story).where(Story.id == story_id).values(status=status))
    return status


def _insert(session: Session, values: dict[str, Any]) -> int:
    verdict_id = int(session.execute(insert(Verdict).returning(Verdict.id), [values]).scalar_one())
    history.append(session, "verdict", verdict_id)
    return verdict_id


def add_verdict(
    session: Session,
    *,
    status: str,
    evidence: str,
    reviewer: str,
    claim_id: int | None = None,
    story_id: int | None = None,
    url: str | None = None,
    note: str | None = None,
    score: float | None = None,
    now: datetime | None = None,
    origin: str = "review",
    refers_to: int | None = None,
    allow_same: bool = False,
) -> int:
    """Append a verdict on a claim (``story_id`` too: written with that story's verdict) or
    a story and update its status; returns its id.

    ``score`` records the credibility score the target had when it was reviewed. Marking a
    target with the status of its standing verdict raises ``UsageError`` unless
    ``allow_same`` (a reviewer's decision after a merge).
    """
    check_verdict(status, evidence, reviewer)
    check_length("note", note)
    if refers_to is None:  # a carried verdict keeps the link it was stored with
        url = check_link(url)
    _check_target(session, claim_id, story_id)
    if claim_id is not None and story_id is None and refers_to is None:
        check_claims(session, [claim_id])  # a story's verdict or a carried one: not asked
    current = standing(verdict_history(session, claim_id=claim_id, story_id=story_id))
    if current is not None and current.status == status and not allow_same:
        raise UsageError(already(current, claim_id, story_id))
    verdict_id = _insert(session, {
        "claim_id": claim_id,
        "story_id": story_id,
        "status": status,
        "origin": origin,
        "refers_to": refers_to,
        "evidence": evidence.strip(),
        "url": (url or "").strip() or None,
        "note": (note or "").strip() or None,
        "reviewer": reviewer.strip(),
        "score": score,
        "created_at": now or datetime.now(UTC),
    })
    _set_status(session, claim_id, story_id)
    return verdict_id


def mark_claims(
    session: Session,
    claim_ids: Iterable[int],
    status: str,
    *,
    evidence: str,
    reviewer: str,
    url: str | None = None,
    note: str | None = None,
) -> list[int]:
    """Append the same verdict to each claim; every id (and that none already has this
    status) is checked before anything is written."""
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise UsageError("give at least one claim id")
    check_verdict(status, evidence, reviewer)
    check_length("note", note)
    url = check_link(url)
    found = set(session.scalars(select(Claim.id).where(Claim.id.in_(ids))))
    missing = [claim_id for claim_id in ids if claim_id not in found]
    if missing:
        listed = ", ".join(str(m) for m in missing)
        raise NotFoundError(f"no claim with id {listed}; nothing was marked")
    check_claims(session, ids)
    for claim_id in ids:
        current = standing(verdict_history(session, claim_id=claim_id))
        if current is not None and current.status == status:
            raise UsageError(already(current, claim_id, None) + "; nothing was marked")
    now = datetime.now(UTC)
    return [
        add_verdict(session, claim_id=claim_id, status=status, evidence=evidence,
                    reviewer=reviewer, url=url, note=note, now=now)
        for claim_id in ids
    ]


@dataclass(frozen=True, slots=True)
class Retraction:
    """What ``retract`` did: the retraction rows written and the status each target fell
    back to."""

    retraction_ids: tuple[int, ...]
    retracted: tuple[int, ...]
    status: str
    claims: dict[int, str]

    def to_dict(self) -> dict[str, Any]:
        return {"retractions": list(self.retraction_ids), "retracted": list(self.retracted),
                "status": self.status,
                "claims": {str(k): v for k, v in self.claims.items()}}


def retract(
    session: Session,
    *,
    evidence: str,
    reviewer: str,
    claim_id: int | None = None,
    story_id: int | None = None,
    verdict_id: int | None = None,
    note: str | None = None,
) -> Retraction:
    """Withdraw a target's standing verdict (or ``verdict_id``, one of its verdicts still in
    force) by appending a retraction; the status falls back to the verdict before it, or
    ``unverified``. Retracting a story's verdict also retracts the claim verdicts written
    with it that are still in force."""
    check_reason(evidence, reviewer, "a retraction")
    _check_target(session, claim_id, story_id)
    name = _target_name(claim_id, story_id)
    rows = verdict_history(session, claim_id=claim_id, story_id=story_id)
    retracted_ids = {r.refers_to for r in rows if r.is_retraction}
    in_force = [r for r in rows if not r.is_retraction and r.id not in retracted_ids]
    if verdict_id is None:
        if not in_force:
            raise UsageError(f"{name} has no verdict in force to retract")
        target = in_force[-1]
    else:
        matching = [r for r in rows if r.id == verdict_id and not r.is_retraction]
        if not matching:
            raise NotFoundError(f"verdict {verdict_id} is not a verdict on {name}")
        if verdict_id in retracted_ids:
            raise UsageError(f"verdict {verdict_id} on {name} is already retracted")
        target = matching[0]
    now = datetime.now(UTC)
    base = {"status": RETRACTED, "origin": "retraction", "evidence": evidence.strip(),
            "url": None, "note": (note or "").strip() or None, "reviewer": reviewer.strip(),
            "score": None, "created_at": now}
    ids = [_insert(session, {**base, "claim_id": target.claim_id,
                             "story_id": target.story_id, "refers_to": target.id})]
    status = _set_status(session, claim_id, story_id)
    claims: dict[int, str] = {}
    if claim_id is None:
        for row in session.scalars(
            select(Verdict).where(Verdict.refers_to == target.id, Verdict.origin == "story")
            .order_by(Verdict.id)
        ):
            assert row.claim_id is not None
            history_rows = verdict_history(session, claim_id=row.claim_id)
            if any(r.is_retraction and r.refers_to == row.id for r in history_rows):
                continue
            ids.append(_insert(session, {**base, "claim_id": row.claim_id,
                                         "story_id": row.story_id, "refers_to": row.id}))
            claims[row.claim_id] = _set_status(session, row.claim_id, None)
    return Retraction(tuple(ids), (target.id,), status, claims)


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's answer to "which verdict stands?" when a grouping edit brings together
    stories with different verdicts; recorded as a new verdict (origin ``decision``)."""

    status: str
    evidence: str
    reviewer: str
    url: str | None = None


def carry_story_verdicts(
    session: Session,
    target_id: int,
    source_ids: Sequence[int],
    *,
    origin: str,
    decision: Decision | None = None,
) -> list[int]:
    """Keep story verdicts visible when a grouping edit (``origin``: merge, split or move)
    brings the claims of ``source_ids`` into ``target_id``; returns the verdicts written.

    With a ``decision`` it is recorded on the target. Otherwise, if the stories' standing
    verdicts disagree, ``UsageError`` asks for one (the caller's transaction then rolls the
    edit back); if only sources have one, the first is carried to the target (origin
    ``origin``, ``refers_to`` the verdict carried, no score: the review counts once, where it
    was made).
    """
    standing_by = {
        sid: standing(verdict_history(session, story_id=sid))
        for sid in dict.fromkeys([target_id, *source_ids])
    }
    stories = ", ".join(str(s) for s in source_ids)
    if decision is not None:
        check_verdict(decision.status, decision.evidence, decision.reviewer)
        return [add_verdict(
            session, story_id=target_id, status=decision.status, evidence=decision.evidence,
            reviewer=decision.reviewer, url=decision.url, origin="decision", allow_same=True,
            note=f"which verdict stands after a {origin} of story {stories} into {target_id}",
        )]
    statuses = {v.status for v in standing_by.values() if v is not None}
    if len(statuses) > 1:
        found = ", ".join(f"story {sid} is {v.status} (verdict {v.id} by {v.reviewer})"
                          for sid, v in standing_by.items() if v is not None)
        raise UsageError(
            f"{found}: say which verdict stands with --status, --evidence and --by; "
            "nothing was changed"
        )
    carried = [(sid, v) for sid, v in standing_by.items() if sid != target_id and v]
    if standing_by[target_id] is not None or not carried:
        return []
    sid, verdict = carried[0]
    return [add_verdict(
        session, story_id=target_id, status=verdict.status, evidence=verdict.evidence,
        reviewer=verdict.reviewer, url=verdict.url, origin=origin, refers_to=verdict.id,
        note=f"carried from story {sid} by a {origin}",
    )]

