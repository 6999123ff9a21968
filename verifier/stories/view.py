"""A story as reviewers and reports read it: members, score, reasons and verdict history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import Assessment, assess
from verifier.store.models import Article, Claim, Story, Verdict
from verifier.store.verdicts import VerdictRecord
from verifier.stories.evidence import EvidenceReader
from verifier.vocab import UNATTRIBUTED


@dataclass(frozen=True, slots=True)
class StoryMember:
    """A claim of a story: ``role`` is supports, declines or denies; ``score`` its own."""

    claim_id: int
    article_id: int
    text: str
    kinds: tuple[str, ...]
    certainty: str | None
    role: str
    pinned: bool
    score: float
    evidence: ClaimEvidence
    status: str = "unverified"

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "article_id": self.article_id,
            "text": self.text,
            "sourcing": list(self.kinds) or [UNATTRIBUTED],
            "certainty": self.certainty,
            "role": self.role,
            "pinned": self.pinned,
            "score": round(self.score, 4),
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
        }


@dataclass(frozen=True, slots=True)
class StoryView:
    """``status`` is the standing verdict's, else the open status from the evidence.

    ``verdicts`` is the story's history, with that of the stories merged into it (each
    record's ``story_id`` says which); ``merged_into`` names the story a merge emptied this
    one into."""

    id: int
    title: str
    status: str
    reviewed: bool
    assessment: Assessment
    members: tuple[StoryMember, ...]
    articles: tuple[ArticleRef, ...]
    verdicts: tuple[VerdictRecord, ...]
    created_at: datetime
    merged_into: int | None = None

    @property
    def score(self) -> float:
        return self.assessment.score

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "reviewed": self.reviewed,
            "score": round(self.assessment.score, 4),
            "evidence_status": self.assessment.status,
            "contributions": [c.to_dict() for c in self.assessment.contributions],
            "origins": [o.to_dict() for o in self.assessment.origins],
            "claims": [m.to_dict() for m in self.members],
            "articles": [a.to_dict() for a in self.articles],
            "verdicts": [v.to_dict() for v in self.verdicts],
            "merged_into": self.merged_into,
        }


def _role(claim: ClaimEvidence) -> str:
    if claim.supports:
        return "supports"
    if any(a.stance == "denies" for a in claim.attributions):
        return "denies"
    return "declines"


def build_view(
    session: Session, story: Story, members: list[tuple[int, bool]], reader: EvidenceReader
) -> StoryView:
    pinned = dict(members)
    evidence = reader.claims([claim_id for claim_id, _ in members])
    statuses: dict[int, str] = {
        claim_id: status for claim_id, status in session.execute(
            select(Claim.id, Claim.status).where(Claim.id.in_([c.claim_id for c in evidence]))
        )
    } if evidence else {}
    assessment = assess(evidence, reader.weights)
    story_members = tuple(
        StoryMember(
            claim_id=c.claim_id,
            article_id=c.article_id,
            text=c.text,
            kinds=tuple(a.kind for a in c.attributions),
            certainty=c.certainty,
            role=_role(c),
            pinned=pinned.get(c.claim_id, False),
            score=assess([c], reader.weights).score,
            evidence=c,
            status=statuses.get(c.claim_id, "unverified"),
        )
        for c in evidence
    )
    article_ids = list(dict.fromkeys(c.article_id for c in evidence))
    articles = {
        a.id: ArticleRef(a.id, a.title, a.outlet, a.url, a.published_at)
        for a in session.scalars(select(Article).where(Article.id.in_(article_ids)))
    }
    verdicts = tuple(
        VerdictRecord.from_row(v)
        for v in session.scalars(
            select(Verdict)
            .where(Verdict.story_id.in_(_merged_stories(session, story.id)),
                   Verdict.claim_id.is_(None))
            .order_by(Verdict.id)
        )
    )
    reviewed = story.status != "unverified"
    return StoryView(
        id=story.id,
        title=story.title,
        status=story.status if reviewed else assessment.status,
        reviewed=reviewed,
        assessment=assessment,
        members=story_members,
        articles=tuple(articles[a] for a in article_ids if a in articles),
        verdicts=verdicts,
        created_at=story.created_at,
        merged_into=story.merged_into,
    )


def _merged_stories(session: Session, story_id: int) -> list[int]:
    """The story and every story merged into it, directly or through others."""
    found = [story_id]
    frontier = [story_id]
    while frontier:
        frontier = [s for s in session.scalars(select(Story.id).where(
            Story.merged_into.in_(frontier))) if s not in found]
        found += frontier
    return found
