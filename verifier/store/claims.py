"""Claims: the review queue (listing and showing stored claims) and the claim rows scoring
and reports read.

``list_claims`` runs the shared SQL of ``verifier.store.queue_sql`` (one indexed query, then
one small query for the listed claims' sourcing kinds), so it answers from millions of claims
in milliseconds; ``get_claim`` gathers one claim's evidence and verdict history.
``claim_records`` and ``attribution_records`` read claims and their attributions as named
rows (``ClaimRecord``, ``AttributionRecord``: fields named as the columns), in batches.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError
from verifier.store.models import Claim, StoryClaim, Verdict
from verifier.store.queue_sql import (
    OUTLET_SQL,
    ClaimFilter,
    ClaimRow,
    build_rows,
    kinds_sql,
    list_sql,
)
from verifier.store.tables import columns_of, table
from verifier.store.verdicts import VerdictRecord


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StoredAttribution:
    """An attribution with the source row it resolved to."""

    kind: str
    speaker: str
    stance: str
    source: Span
    cue: Span
    rule: str
    carried: bool
    source_id: int | None
    source_key: str | None
    source_name: str | None
    source_kind: str | None
    in_registry: bool
    source_prior: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "stance": self.stance,
            "source": _span(self.source),
            "cue": _span(self.cue),
            "rule": self.rule,
            "carried": self.carried,
            "resolved_source": None
            if self.source_id is None
            else {
                "id": self.source_id,
                "key": self.source_key,
                "name": self.source_name,
                "kind": self.source_kind,
                "in_registry": self.in_registry,
                "prior": None
                if self.source_prior is None
                else {"confirmed": self.source_prior[0], "refuted": self.source_prior[1]},
            },
        }


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    """A claim with its paragraph, evidence, resolved sources and verdict history."""

    row: ClaimRow
    start: int
    end: int
    is_claim: bool
    claim_rule: str
    certainty_rule: str | None
    certainty_cue: Span | None
    paragraph: Span
    attributions: tuple[StoredAttribution, ...]
    verdicts: tuple[VerdictRecord, ...]
    story_ids: tuple[int, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.row.to_dict(),
            "start": self.start,
            "end": self.end,
            "claim": self.is_claim,
            "claim_rule": self.claim_rule,
            "certainty_evidence": None
            if self.certainty is None
            else {"rule": self.certainty_rule, "cue": _span(self.certainty_cue)},
            "paragraph": _span(self.paragraph),
            "attributions": [a.to_dict() for a in self.attributions],
            "verdicts": [v.to_dict() for v in self.verdicts],
            "stories": list(self.story_ids),
        }

    @property
    def certainty(self) -> str | None:
        return self.row.certainty


def list_claims(session: Session, claim_filter: ClaimFilter) -> list[ClaimRow]:
    """The claims matching ``claim_filter`` (only sentences that are claims)."""
    claim_filter.validate()
    outlet_id = None
    if claim_filter.outlet is not None:
        outlet_id = session.scalar(text(OUTLET_SQL), {"outlet": claim_filter.outlet})
        if outlet_id is None:
            raise NotFoundError(f"no outlet with id {claim_filter.outlet!r} in the database")
    dialect = session.get_bind().dialect.name
    sql, params = list_sql(claim_filter, dialect, outlet_id)
    rows = [tuple(row) for row in session.execute(text(sql), params)]
    kind_rows: list[tuple[Any, ...]] = []
    if rows:
        sql, params = kinds_sql([row[0] for row in rows])
        kind_rows = [tuple(row) for row in session.execute(text(sql), params)]
    return build_rows(rows, kind_rows)


def get_claim(session: Session, claim_id: int) -> ClaimDetail:
    """One claim with everything ``claims show`` prints; ``NotFoundError`` if unknown."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    article = claim.article
    attributions = tuple(
        StoredAttribution(
            kind=a.kind,
            speaker=a.speaker,
            stance=a.stance,
            source=Span(a.source_text, a.source_start, a.source_end),
            cue=Span(a.cue_text, a.cue_start, a.cue_end),
            rule=a.rule,
            carried=a.carried,
            source_id=a.source_id,
            source_key=a.source.key if a.source else None,
            source_name=a.source.name if a.source else None,
            source_kind=a.source.kind if a.source else None,
            in_registry=bool(a.source and a.source.in_registry),
            source_prior=(a.source.prior_confirmed, a.source.prior_refuted) if a.source else None,
        )
        for a in claim.attributions
    )
    verdicts = tuple(
        VerdictRecord.from_row(v)
        for v in session.scalars(
            select(Verdict).where(Verdict.claim_id == claim_id).order_by(Verdict.id)
        )
    )
    story_ids = tuple(
        session.scalars(
            select(StoryClaim.story_id).where(StoryClaim.claim_id == claim_id).order_by(
                StoryClaim.story_id
            )
        )
    )
    cue = None
    if claim.certainty_cue is not None and claim.certainty_start is not None:
        cue = Span(claim.certainty_cue, claim.certainty_start, claim.certainty_end or 0)
    row = ClaimRow(
        id=claim.id,
        article_id=claim.article_id,
        position=claim.position,
        text=claim.text,
        status=claim.status,
        certainty=claim.certainty,
        kinds=tuple(dict.fromkeys(a.kind for a in attributions)),
        outlet=article.outlet,
        title=article.title,
        published_at=article.published_at,
    )
    return ClaimDetail(
        row=row,
        start=claim.start,
        end=claim.end,
        is_claim=claim.is_claim,
        claim_rule=claim.claim_rule,
        certainty_rule=claim.certainty_rule,
        certainty_cue=cue,
        paragraph=paragraph_around(article.text, claim.start, claim.end),
        attributions=attributions,
        verdicts=verdicts,
        story_ids=story_ids,
    )


def paragraph_around(article_text: str, start: int, end: int) -> Span:
    """The line(s) of ``article_text`` holding ``[start, end)``: the sentence's paragraph."""
    para_start = article_text.rfind("\n", 0, start) + 1
    newline = article_text.find("\n", max(end, start))
    para_end = len(article_text) if newline == -1 else newline
    return Span(article_text[para_start:para_end], para_start, para_end)


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


CLAIMS = table("claims")
ATTRIBUTIONS = table("attributions")
#: Ids per ``IN (...)`` list.
BATCH = 900


class ClaimRecord(NamedTuple):
    """A ``claims`` row as scoring and reports read it (fields named as the columns)."""

    id: int
    article_id: int
    position: int
    start: int
    end: int
    text: str
    is_claim: bool
    certainty: str | None
    certainty_cue: str | None
    certainty_start: int | None
    certainty_end: int | None
    status: str


class AttributionRecord(NamedTuple):
    """An ``attributions`` row (fields named as the columns)."""

    claim_id: int
    kind: str
    speaker: str
    stance: str
    source_text: str
    source_start: int
    source_end: int
    cue_text: str
    cue_start: int
    cue_end: int
    source_id: int | None


_CLAIM_FIELDS = columns_of("claims", ClaimRecord._fields)
_ATTRIBUTION_FIELDS = columns_of("attributions", AttributionRecord._fields)


def claim_records(
    session: Session, claim_ids: Sequence[int], *, claims_only: bool = True
) -> list[ClaimRecord]:
    """The claims with these ids (``claims_only``: sentences that are claims), in article
    and reading order."""
    found: list[ClaimRecord] = []
    for chunk in _chunks(sorted(set(claim_ids))):
        query = select(*_CLAIM_FIELDS).where(CLAIMS.c.id.in_(chunk))
        if claims_only:
            query = query.where(CLAIMS.c.is_claim.is_(True))
        found.extend(ClaimRecord(*row) for row in session.execute(query))
    found.sort(key=lambda c: (c.article_id, c.position))
    return found


def article_sentences(session: Session, article_id: int) -> list[ClaimRecord]:
    """Every sentence of an article, in order."""
    return [
        ClaimRecord(*row)
        for row in session.execute(
            select(*_CLAIM_FIELDS).where(CLAIMS.c.article_id == article_id)
            .order_by(CLAIMS.c.position)
        )
    ]


def attribution_records(
    session: Session, claim_ids: Sequence[int]
) -> dict[int, list[AttributionRecord]]:
    """Each claim's attributions in their order (claims without any are left out)."""
    found: dict[int, list[AttributionRecord]] = {}
    for chunk in _chunks(sorted(set(claim_ids))):
        for row in session.execute(
            select(*_ATTRIBUTION_FIELDS)
            .where(ATTRIBUTIONS.c.claim_id.in_(chunk))
            .order_by(ATTRIBUTIONS.c.claim_id, ATTRIBUTIONS.c.position)
        ):
            found.setdefault(row.claim_id, []).append(AttributionRecord(*row))
    return found


def existing_claim_ids(session: Session, claim_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(claim_ids):
        found.update(session.scalars(select(CLAIMS.c.id).where(CLAIMS.c.id.in_(chunk))))
    return found


def _chunks(ids: Sequence[int], size: int = BATCH) -> Iterator[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sentences_of_articles(
    session: Session, article_ids: Sequence[int]
) -> dict[int, list[ClaimRecord]]:
    """Every sentence of each article, in order."""
    found: dict[int, list[ClaimRecord]] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        for row in session.execute(
            select(*_CLAIM_FIELDS).where(CLAIMS.c.article_id.in_(chunk))
            .order_by(CLAIMS.c.article_id, CLAIMS.c.position)
        ):
            found.setdefault(row.article_id, []).append(ClaimRecord(*row))
    return found
