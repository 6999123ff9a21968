"""The review queue: listing and showing stored claims.

``list_claims`` is one indexed query (status + id, with FTS for ``search``) followed by one
small query for the listed claims' sourcing kinds, so it answers from millions of claims in
milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, exists, func, literal_column, select, text
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.models import CLAIM_STATUSES, Article, Claim, StoryClaim, Verdict
from verifier.models import Attribution as AttributionRow
from verifier.models import Source as SourceRow
from verifier.results import CERTAINTIES, KINDS, UNATTRIBUTED

SORTS = ("newest", "oldest", "published", "article")
ANY_STATUS = "any"
MAX_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What ``claims list`` shows. Dates are inclusive; ``search`` matches words in the text."""

    status: str = "unverified"
    sourcing: str | None = None
    certainty: str | None = None
    outlet: str | None = None
    article: int | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None
    sort: str = "newest"
    limit: int = 50
    offset: int = 0

    def validate(self) -> None:
        """Raise ``UsageError`` for values no claim can have."""
        _one_of("status", self.status, (*CLAIM_STATUSES, ANY_STATUS))
        if self.sourcing is not None:
            _one_of("sourcing", self.sourcing, (*KINDS, UNATTRIBUTED))
        if self.certainty is not None:
            _one_of("certainty", self.certainty, CERTAINTIES)
        _one_of("sort", self.sort, SORTS)
        if not 1 <= self.limit <= MAX_LIMIT:
            raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}")
        if self.offset < 0:
            raise UsageError("--offset must not be negative")
        if self.since and self.until and self.since > self.until:
            raise UsageError("--since is after --until")
        if self.search is not None and not search_words(self.search):
            raise UsageError("--search needs at least one word")


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One line of the review queue."""

    id: int
    article_id: int
    position: int
    text: str
    status: str
    certainty: str | None
    kinds: tuple[str, ...]
    outlet: str | None
    title: str | None
    published_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "position": self.position,
            "status": self.status,
            "certainty": self.certainty,
            "sourcing": list(self.kinds) or [UNATTRIBUTED],
            "outlet": self.outlet,
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "text": self.text,
        }


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
class VerdictRecord:
    """One entry of a claim's verdict history."""

    id: int
    status: str
    evidence: str
    url: str | None
    note: str | None
    reviewer: str
    created_at: datetime
    story_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "evidence": self.evidence,
            "url": self.url,
            "note": self.note,
            "reviewer": self.reviewer,
            "created_at": self.created_at.isoformat(),
            "story_id": self.story_id,
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


def search_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def list_claims(session: Session, claim_filter: ClaimFilter) -> list[ClaimRow]:
    """The claims matching ``claim_filter`` (only sentences that are claims)."""
    claim_filter.validate()
    query = _filtered(session, claim_filter)
    rows = session.execute(query).all()
    kinds = _kinds(session, [row.id for row in rows])
    return [
        ClaimRow(
            id=row.id,
            article_id=row.article_id,
            position=row.position,
            text=row.text,
            status=row.status,
            certainty=row.certainty,
            kinds=kinds.get(row.id, ()),
            outlet=row.outlet,
            title=row.title,
            published_at=row.published_at,
        )
        for row in rows
    ]


def _filtered(session: Session, f: ClaimFilter) -> Select[*tuple[Any, ...]]:
    query = (
        select(
            Claim.id,
            Claim.article_id,
            Claim.position,
            Claim.text,
            Claim.status,
            Claim.certainty,
            Article.outlet,
            Article.title,
            Article.published_at,
        )
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.is_claim.is_(True))
    )
    if f.status != ANY_STATUS:
        query = query.where(Claim.status == f.status)
    if f.certainty is not None:
        query = query.where(Claim.certainty == f.certainty)
    if f.article is not None:
        query = query.where(Claim.article_id == f.article)
    if f.outlet is not None:
        outlet_id = session.scalar(select(SourceRow.id).where(SourceRow.key == f.outlet))
        if outlet_id is None:
            raise NotFoundError(f"no outlet with id {f.outlet!r} in the database")
        query = query.where(Article.outlet_id == outlet_id)
    if f.since is not None:
        query = query.where(Article.published_at >= datetime.combine(f.since, time.min))
    if f.until is not None:
        query = query.where(Article.published_at <= datetime.combine(f.until, time.max))
    if f.sourcing == UNATTRIBUTED:
        query = query.where(~exists().where(AttributionRow.claim_id == Claim.id))
    elif f.sourcing is not None:
        query = query.where(
            exists().where(AttributionRow.claim_id == Claim.id, AttributionRow.kind == f.sourcing)
        )
    if f.search is not None:
        query = query.where(_search_clause(session, f.search))
    order = {
        "newest": (Claim.id.desc(),),
        "oldest": (Claim.id.asc(),),
        "published": (Article.published_at.desc().nulls_last(), Claim.id.desc()),
        "article": (Claim.article_id.asc(), Claim.position.asc()),
    }[f.sort]
    return query.order_by(*order).limit(f.limit).offset(f.offset)


def _search_clause(session: Session, query: str) -> Any:
    words = search_words(query)
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        return Claim.id.in_(
            select(literal_column("rowid"))
            .select_from(text("claims_fts"))
            .where(text("claims_fts MATCH :fts_query").bindparams(fts_query=match))
        )
    if session.get_bind().dialect.name == "postgresql":
        return func.to_tsvector(literal_column("'english'"), Claim.text).bool_op("@@")(
            func.plainto_tsquery(literal_column("'english'"), " ".join(words))
        )
    return func.lower(Claim.text).contains(" ".join(words).lower())


def _kinds(session: Session, claim_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not claim_ids:
        return {}
    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(AttributionRow.claim_id, AttributionRow.kind)
        .where(AttributionRow.claim_id.in_(claim_ids))
        .order_by(AttributionRow.claim_id, AttributionRow.position)
    )
    for claim_id, kind in rows:
        kinds = found.setdefault(claim_id, [])
        if kind not in kinds:
            kinds.append(kind)
    return {claim_id: tuple(kinds) for claim_id, kinds in found.items()}


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
        VerdictRecord(
            id=v.id,
            status=v.status,
            evidence=v.evidence,
            url=v.url,
            note=v.note,
            reviewer=v.reviewer,
            created_at=v.created_at,
            story_id=v.story_id,
        )
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


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise UsageError(f"unknown {name} {value!r} (choose from {', '.join(allowed)})")


def _span(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}
