"""A story as reviewers and reports read it: members, score, reasons and verdict history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from verifier.errors import UsageError
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import Assessment, assess
from verifier.scoring.weights import Weights
from verifier.store.reading import Rows
from verifier.store.stories import (
    EMPTIED,
    Emptied,
    StoryRecord,
    claim_verdicts,
    emptied_by,
    member_reasons,
    members,
    stories_of_article,
    story_record,
    story_records,
    story_verdicts,
)
from verifier.store.verdict_record import UNVERIFIED, VerdictRecord
from verifier.stories.evidence import EvidenceReader
from verifier.stories.reasons import Membership, load
from verifier.vocab import UNATTRIBUTED, Role, Stance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The order of verdicts tied in a story's count of its claims' verdicts: the gravest first.
SEVERITY = ("refuted", "disputed", "confirmed")


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
    evidence: ClaimEvidence
    #: What ``score`` is computed with.
    weights: Weights = field(repr=False, hash=False)
    status: str = "unverified"
    #: Its standing verdict (rating, reviewer, date, evidence and link), if it has one.
    verdict: VerdictRecord | None = None

    @property
    def score(self) -> float:
        """Its own score, computed when asked (a story's page and reports show none, and
        the largest stories have thousands of members)."""
        return assess([self.evidence], self.weights).score

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
            "verdict": self.verdict.to_dict() if self.verdict is not None else None,
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
    one into, ``emptied`` the deleted article that took its last claims (its ``status`` is
    then ``emptied``, its verdicts still in ``verdicts``)."""

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
    #: Why it holds no claim: deleting an article took its last ones (``status`` then says
    #: ``emptied``; its verdicts stay in ``verdicts``).
    emptied: Emptied | None = None

    @property
    def score(self) -> float:
        return self.assessment.score

    def claim_verdict_counts(self) -> dict[str, int]:
        """How many of its claims stand at each verdict (most first; on a tie refuted, then
        disputed, then confirmed)."""
        counts = Counter(m.verdict.status for m in self.members if m.verdict is not None)
        return dict(sorted(counts.items(), key=lambda kv: (
            -kv[1], SEVERITY.index(kv[0]) if kv[0] in SEVERITY else len(SEVERITY), kv[0])))

    @property
    def claims_reviewed(self) -> str | None:
        """"2 of 5 claims reviewed: 1 refuted, 1 confirmed" when its claims carry verdicts
        the story does not (a claim's verdict other than the story's own, or any on a story
        without one); else None (a story whose verdict marked its claims says nothing more)."""
        counts = self.claim_verdict_counts()
        own = self.status if self.reviewed else None
        if not counts or set(counts) == {own}:
            return None
        reviewed = sum(counts.values())
        return (f"{reviewed} of {len(self.members)} claim{'' if len(self.members) == 1 else 's'}"
                f" reviewed: {', '.join(f'{n} {status}' for status, n in counts.items())}")

    def to_dict(self, reasons: Mapping[int, Membership | None] | None = None
                ) -> dict[str, Any]:
        """``reasons`` (``membership_reasons``): each claim also says why it is here."""
        claims = [m.to_dict() for m in self.members]
        if reasons is not None:
            for claim in claims:
                why = reasons.get(claim["claim_id"])
                claim["reason"] = why.to_dict() if why is not None else None
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "reviewed": self.reviewed,
            # an emptied story's score is that of no evidence at all: none
            "score": None if self.emptied is not None else round(self.assessment.score, 4),
            "evidence_status": self.assessment.status,
            "evidence_status_reason": self.assessment.status_reason,
            "contributions": [c.to_dict() for c in self.assessment.contributions],
            "origins": [o.to_dict() for o in self.assessment.origins],
            "claims": claims,
            "claims_reviewed": self.claims_reviewed,
            "claim_verdicts": self.claim_verdict_counts(),
            "articles": [a.to_dict() for a in self.articles],
            "verdicts": [v.to_dict() for v in self.verdicts],
            "merged_into": self.merged_into,
            "emptied": self.emptied.to_dict() if self.emptied is not None else None,
        }


def _role(claim: ClaimEvidence) -> str:
    if claim.supports:
        return Role.SUPPORTS.value
    if any(a.stance == Stance.DENIES for a in claim.attributions):
        return Role.DENIES.value
    return Role.DECLINES.value


def build_views(
    session: Session | Rows, stories: Sequence[StoryRecord], reader: EvidenceReader
) -> list[StoryView]:
    """Views of the given stories with a fixed number of batched queries, in their order."""
    ids = [story.id for story in stories]
    found = members(session, ids)
    evidence = reader.groups({sid: [m.claim_id for m in rows] for sid, rows in found.items()})
    verdicts = story_verdicts(session, ids)
    reviewed = claim_verdicts(session, [
        m.claim_id for rows in found.values() for m in rows
        if reader.statuses.get(m.claim_id, UNVERIFIED) != UNVERIFIED])
    gone = [story.emptied_by for story in stories if story.emptied_by is not None]
    emptied = emptied_by(session, gone) if gone else {}
    return [
        _view(story, {m.claim_id: m.pinned for m in found[story.id]}, evidence[story.id],
              verdicts[story.id], reader, reviewed,
              None if story.emptied_by is None else emptied.get(
                  story.emptied_by, Emptied(story.emptied_by, None, None, None, None)))
        for story in stories
    ]


def _view(
    story: StoryRecord,
    pinned: dict[int, bool],
    evidence: list[ClaimEvidence],
    verdicts: list[VerdictRecord],
    reader: EvidenceReader,
    claim_verdicts: Mapping[int, VerdictRecord],
    emptied: Emptied | None = None,
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
            evidence=c,
            weights=reader.weights,
            status=reader.statuses.get(c.claim_id, "unverified"),
            verdict=claim_verdicts.get(c.claim_id),
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
        status=EMPTIED if emptied is not None else (
            story.status if reviewed else assessment.status),
        reviewed=reviewed,
        assessment=assessment,
        members=story_members,
        articles=articles,
        verdicts=tuple(verdicts),
        created_at=story.created_at,
        merged_into=story.merged_into,
        emptied=emptied,
    )


# --- reading ---------------------------------------------------------------------------


def membership_reasons(session: Session | Rows, story_id: int,
                       claim_ids: Sequence[int] | None = None) -> dict[int, Membership | None]:
    """Why each claim of a story (or each of ``claim_ids``, a page of them) is in it (claim
    id -> the stored reason; None for a membership stored without one)."""
    wanted = None if claim_ids is None else set(claim_ids)
    return {claim_id: load(stored)
            for claim_id, stored in member_reasons(session, [story_id]).items()
            if wanted is None or claim_id in wanted}


def get_story(session: Session | Rows, story_id: int, weights: Weights,
              reader: EvidenceReader | None = None) -> StoryView:
    """A story with its members, score, reasons and verdict history."""
    story = story_record(session, story_id)
    return build_views(session, [story], reader or EvidenceReader(session, weights))[0]


def list_stories(
    session: Session | Rows,
    weights: Weights,
    *,
    min_claims: int = 1,
    article_id: int | None = None,
    story_ids: Sequence[int] | None = None,
    reader: EvidenceReader | None = None,
) -> list[StoryView]:
    """Full views of the stories given (or of one article's), with at least ``min_claims``
    claims, highest score first. For a page of all stories use ``story_page``."""
    if story_ids is None and article_id is None:
        raise UsageError("list_stories needs story ids or an article (use story_page)")
    ids = list(story_ids) if story_ids is not None else []
    if article_id is not None:
        of_article = stories_of_article(session, article_id)
        ids = of_article if story_ids is None else [s for s in ids if s in set(of_article)]
    records = story_records(session, sorted(set(ids)))
    reader = reader or EvidenceReader(session, weights)
    views = [
        view for view in build_views(session, [records[s] for s in sorted(records)], reader)
        if len(view.members) >= min_claims
    ]
    views.sort(key=lambda v: (-v.assessment.score, v.id))
    return views
