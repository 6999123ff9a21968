"""A story as reviewers and reports read it: members, score, reasons and verdict history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import Assessment, assess
from verifier.store.stories import StoryRecord, members, story_verdicts
from verifier.store.verdict_record import VerdictRecord
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
    """``status`` is the latest verdict's, else the open status from the evidence."""

    id: int
    title: str
    status: str
    reviewed: bool
    assessment: Assessment
    members: tuple[StoryMember, ...]
    articles: tuple[ArticleRef, ...]
    verdicts: tuple[VerdictRecord, ...]
    created_at: datetime

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
        }


def _role(claim: ClaimEvidence) -> str:
    if claim.supports:
        return "supports"
    if any(a.stance == "denies" for a in claim.attributions):
        return "denies"
    return "declines"


def build_views(
    session: Session, stories: Sequence[StoryRecord], reader: EvidenceReader
) -> list[StoryView]:
    """Views of the given stories with a fixed number of batched queries, in their order."""
    ids = [story.id for story in stories]
    found = members(session, ids)
    evidence = reader.groups({sid: [m.claim_id for m in rows] for sid, rows in found.items()})
    verdicts = story_verdicts(session, ids)
    return [
        _view(story, {m.claim_id: m.pinned for m in found[story.id]}, evidence[story.id],
              verdicts[story.id], reader)
        for story in stories
    ]


def _view(
    story: StoryRecord,
    pinned: dict[int, bool],
    evidence: list[ClaimEvidence],
    verdicts: list[VerdictRecord],
    reader: EvidenceReader,
) -> StoryView:
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
        )
        for c in evidence
    )
    article_ids = list(dict.fromkeys(c.article_id for c in evidence))
    articles = tuple(
        ArticleRef(a.id, a.title, a.outlet, a.url, a.published_at)
        for aid in article_ids
        if (a := reader.articles.get(aid)) is not None
    )
    reviewed = story.status != "unverified"
    return StoryView(
        id=story.id,
        title=story.title,
        status=story.status if reviewed else assessment.status,
        reviewed=reviewed,
        assessment=assessment,
        members=story_members,
        articles=articles,
        verdicts=tuple(verdicts),
        created_at=story.created_at,
    )
