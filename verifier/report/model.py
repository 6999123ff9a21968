"""One report data structure that every renderer (terminal, Markdown, HTML, JSON,
ClaimReview) draws from: articles with their sentences and sourcing, stories with their
scores and reasons, and the sources' track records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.scoring.score import assess
from verifier.scoring.trackrecord import TrackRecord, track_records
from verifier.scoring.weights import Weights
from verifier.store.models import Article, Attribution, Claim, Source, StoryClaim
from verifier.stories.evidence import EvidenceReader
from verifier.stories.matching import PastVerdict
from verifier.stories.store import list_stories
from verifier.stories.view import StoryView
from verifier.vocab import SOURCING_LABELS, UNATTRIBUTED

#: The legend's order: strongest sourcing first.
KIND_ORDER = SOURCING_LABELS


@dataclass(frozen=True, slots=True)
class SentenceRow:
    claim_id: int
    start: int
    end: int
    text: str
    claim: bool
    kinds: tuple[str, ...]
    certainty: str | None

    @property
    def main_kind(self) -> str | None:
        """The kind a highlight shows: the first attribution's, or unattributed."""
        if not self.claim:
            return None
        return self.kinds[0] if self.kinds else UNATTRIBUTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claim": self.claim,
            "sourcing": list(self.kinds) or ([UNATTRIBUTED] if self.claim else []),
            "certainty": self.certainty,
        }


@dataclass(frozen=True, slots=True)
class UnconfirmedClaim:
    claim_id: int
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "text": self.text, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class ArticleReport:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None
    text: str
    sentences: tuple[SentenceRow, ...]
    claims: int
    kind_shares: dict[str, float]
    unconfirmed: tuple[UnconfirmedClaim, ...]
    #: Ids of the claims with no verdict yet.
    unreviewed: frozenset[int] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "claims": self.claims,
            "claims_by_sourcing": {k: round(v, 4) for k, v in self.kind_shares.items()},
            "unconfirmed_claims": [u.to_dict() for u in self.unconfirmed],
            "sentences": [s.to_dict() for s in self.sentences],
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class MatchedClaim:
    """An unreviewed claim of the report that matches an earlier verdict."""

    claim_id: int
    text: str
    match: PastVerdict

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "text": self.text, "match": self.match.to_dict()}


@dataclass(frozen=True, slots=True)
class Report:
    scope: str
    generated_at: datetime
    articles: tuple[ArticleReport, ...]
    stories: tuple[StoryView, ...]
    sources: tuple[TrackRecord, ...]
    #: Unreviewed claims of these articles that match an earlier verdict (the desk's own or
    #: an imported fact-check's), best match each.
    past_verdicts: tuple[MatchedClaim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "generated_at": self.generated_at.isoformat(),
            "stories": [s.to_dict() for s in self.stories],
            "articles": [a.to_dict() for a in self.articles],
            "sources": [s.to_dict() for s in self.sources],
            "past_verdicts": [m.to_dict() for m in self.past_verdicts],
        }


def build_report(
    session: Session,
    weights: Weights,
    *,
    article_id: int | None = None,
    story_id: int | None = None,
    source_id: int | None = None,
    min_claims: int = 2,
) -> Report:
    """The report for one article, one story, one source, or (no id) everything."""
    if sum(x is not None for x in (article_id, story_id, source_id)) > 1:
        raise UsageError("choose one of --article, --story, --source or --all")
    reader = EvidenceReader(session, weights)
    if story_id is not None:
        stories = list_stories(session, weights, story_ids=[story_id])
        if not stories:
            raise NotFoundError(f"no story with id {story_id}")
        scope = f"story {story_id}"
    elif article_id is not None:
        if session.get(Article, article_id) is None:
            raise NotFoundError(f"no article with id {article_id}")
        stories = list_stories(session, weights, article_id=article_id)
        scope = f"article {article_id}"
    elif source_id is not None:
        if session.get(Source, source_id) is None:
            raise NotFoundError(f"no source with id {source_id}")
        stories = list_stories(session, weights, story_ids=_stories_of_source(session, source_id))
        scope = f"source {source_id}"
    else:
        stories = list_stories(session, weights, min_claims=min_claims)
        scope = "all"
    if article_id is not None:
        article_ids = [article_id]
    elif source_id is not None and not stories:
        article_ids = []
    elif story_id is None and source_id is None:
        article_ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    else:
        article_ids = sorted({a.id for s in stories for a in s.articles})
    articles = tuple(_article(session, aid, reader) for aid in article_ids)
    if source_id is not None:
        sources = track_records(session, [source_id])
    else:
        sources = track_records(session, _sources_of(session, stories))
    return Report(scope, datetime.now(UTC), articles, tuple(stories), tuple(sources),
                  _past_verdicts(session, articles))


def _past_verdicts(session: Session, articles: Sequence[ArticleReport]) -> tuple[
        MatchedClaim, ...]:
    """The best earlier verdict of each unreviewed claim that matches one."""
    from verifier.stories.matching import Matcher

    matcher = Matcher(session)
    found = []
    for article in articles:
        for claim in article.sentences:
            if claim.claim and claim.claim_id in article.unreviewed:
                best = matcher.matches(claim.claim_id, limit=1)
                if best:
                    found.append(MatchedClaim(claim.claim_id, claim.text, best[0]))
    return tuple(found)


def _stories_of_source(session: Session, source_id: int) -> list[int]:
    claim_ids = select(Attribution.claim_id).where(Attribution.source_id == source_id)
    outlet_claims = (
        select(Claim.id).join(Article, Article.id == Claim.article_id)
        .where(Article.outlet_id == source_id)
    )
    return list(
        session.scalars(
            select(StoryClaim.story_id)
            .where(or_(StoryClaim.claim_id.in_(claim_ids), StoryClaim.claim_id.in_(outlet_claims)))
            .distinct()
        )
    )


def _sources_of(session: Session, stories: list[StoryView]) -> list[int]:
    ids: set[int] = set()
    for story in stories:
        for member in story.members:
            ids.update(a.source_id for a in member.evidence.attributions if a.source_id)
    article_ids = {a.id for s in stories for a in s.articles}
    if article_ids:
        ids.update(
            oid for oid in session.scalars(
                select(Article.outlet_id).where(Article.id.in_(article_ids))
            ) if oid is not None
        )
    return sorted(ids)


def _article(session: Session, article_id: int, reader: EvidenceReader) -> ArticleReport:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    query = select(Claim).where(Claim.article_id == article_id).order_by(Claim.position)
    rows = list(session.scalars(query))
    kinds: dict[int, list[str]] = {}
    for claim_id, kind in session.execute(
        select(Attribution.claim_id, Attribution.kind)
        .where(Attribution.claim_id.in_([r.id for r in rows]))
        .order_by(Attribution.claim_id, Attribution.position)
    ):
        kinds.setdefault(claim_id, []).append(kind)
    sentences = tuple(
        SentenceRow(r.id, r.start, r.end, r.text, r.is_claim, tuple(kinds.get(r.id, ())),
                    r.certainty)
        for r in rows
    )
    claims = [s for s in sentences if s.claim]
    counts: Counter[str] = Counter()
    for s in claims:
        counts.update(set(s.kinds) or {UNATTRIBUTED})
    shares = {k: counts[k] / len(claims) for k in KIND_ORDER if counts[k]} if claims else {}
    status = {r.id: r.status for r in rows}
    unconfirmed = []
    for evidence in reader.claims([s.claim_id for s in claims]):
        result = assess([evidence], reader.weights)
        if status[evidence.claim_id] == "unverified" and result.status == "unconfirmed":
            unconfirmed.append(UnconfirmedClaim(evidence.claim_id, evidence.text, result.score))
    return ArticleReport(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published_at=article.published_at,
        text=article.text,
        sentences=sentences,
        claims=len(claims),
        kind_shares=shares,
        unconfirmed=tuple(unconfirmed),
        unreviewed=frozenset(cid for cid, st in status.items() if st == "unverified"),
    )
