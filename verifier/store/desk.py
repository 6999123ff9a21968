"""Read queries the review desk's pages need beyond the queue: a claim's stories, an
article's sentences with their evidence spans, a verdict's target (the story list reads
``verifier.store.stories.story_page``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError
from verifier.store.models import Attribution, Claim, Source, StoryClaim, Verdict
from verifier.store.verdicts import RETRACTED, VerdictRecord


def stories_of(session: Session, claim_ids: Sequence[int]) -> dict[int, int]:
    """``{claim id: story id}`` for the listed claims that belong to a story."""
    if not claim_ids:
        return {}
    return dict(session.execute(
        select(StoryClaim.claim_id, StoryClaim.story_id)
        .where(StoryClaim.claim_id.in_(list(claim_ids)))
    ).all())


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    kind: str
    stance: str
    source_text: str
    source_start: int
    source_end: int
    cue_text: str
    cue_start: int
    cue_end: int
    rule: str
    source_id: int | None
    source_name: str | None


@dataclass(frozen=True, slots=True)
class SentenceView:
    id: int
    position: int
    start: int
    end: int
    text: str
    claim: bool
    claim_rule: str
    certainty: str | None
    certainty_rule: str | None
    certainty_start: int | None
    certainty_end: int | None
    status: str
    attributions: tuple[EvidenceSpan, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.kind for a in self.attributions))

    @property
    def labels(self) -> list[tuple[str, str]]:
        """(kind, source words) of each attribution, as a correction form shows them."""
        return [(a.kind, a.source_text) for a in self.attributions]


def article_sentences(session: Session, article_id: int, *, offset: int = 0,
                      limit: int | None = None) -> list[SentenceView]:
    """The sentences of an article in order, with their attributions' spans and rules:
    every one, or ``limit`` from the ``offset``-th (counting from 0)."""
    window = select(Claim).where(Claim.article_id == article_id).order_by(Claim.position)
    if offset or limit is not None:
        window = window.offset(offset).limit(limit)
    claims = session.scalars(window).all()
    spans: dict[int, list[EvidenceSpan]] = {}
    if claims:
        rows = session.execute(
            select(Attribution, Source.name)
            .join(Claim, Claim.id == Attribution.claim_id)
            .outerjoin(Source, Source.id == Attribution.source_id)
            .where(Claim.article_id == article_id,
                   Claim.position.between(claims[0].position, claims[-1].position))
            .order_by(Attribution.claim_id, Attribution.position)
        )
        for a, name in rows:
            spans.setdefault(a.claim_id, []).append(EvidenceSpan(
                a.kind, a.stance, a.source_text, a.source_start, a.source_end, a.cue_text,
                a.cue_start, a.cue_end, a.rule, a.source_id, name))
    return [
        SentenceView(c.id, c.position, c.start, c.end, c.text, c.is_claim, c.claim_rule,
                     c.certainty, c.certainty_rule, c.certainty_start, c.certainty_end,
                     c.status, tuple(spans.get(c.id, ())))
        for c in claims
    ]


def sentence_index(session: Session, article_id: int, claim_id: int) -> int | None:
    """Where sentence ``claim_id`` stands in its article (0 for the first), or None when it
    is not one of the article's."""
    position = session.scalar(select(Claim.position).where(
        Claim.id == claim_id, Claim.article_id == article_id))
    if position is None:
        return None
    return session.scalar(select(func.count(Claim.id)).where(
        Claim.article_id == article_id, Claim.position < position)) or 0


def verdict_target(session: Session, verdict_id: int) -> tuple[int | None, int | None]:
    """(claim id, story id) of a verdict; ``NotFoundError`` if there is none."""
    row = session.execute(
        select(Verdict.claim_id, Verdict.story_id).where(Verdict.id == verdict_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no verdict with id {verdict_id}")
    return row[0], row[1]


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """A verdict as the desk lists it: with the retraction that withdrew it, if any."""

    verdict: VerdictRecord
    retraction: VerdictRecord | None

    @property
    def retracted(self) -> bool:
        return self.retraction is not None


def history_lines(rows: Sequence[VerdictRecord]) -> list[HistoryLine]:
    """Pure: a target's history (id order) with retractions folded into what they withdrew."""
    withdrawn = {r.refers_to: r for r in rows if r.status == RETRACTED}
    return [HistoryLine(r, withdrawn.get(r.id)) for r in rows if r.status != RETRACTED]


def source_row_id(session: Session, key: str) -> int | None:
    """The ``sources`` row of a registry id or stored key."""
    return session.scalar(select(Source.id).where(Source.key == key))
