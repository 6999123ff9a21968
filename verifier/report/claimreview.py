"""schema.org ClaimReview JSON-LD, one per reviewed story.

The rating scale runs 1 (refuted, false) to 5 (confirmed, true): higher is truer. A disputed
story rates 3; a story without a verdict (only when asked for by id) has no ``ratingValue``.
The rating's ``ratingExplanation`` is the standing verdict's evidence, or for a story without
a verdict its score explained in one line (the score, the open status and why, the strongest
contributions).
The publisher's base URL is required (``--publisher-url`` or ``$VERIFIER_PUBLISHER_URL``):
each review's ``url`` is built from it.

Every output is safe to paste into ``<script type="application/ld+json">``: ``<``, ``>`` and
``&`` are written as ``\u003c`` etc. (``json_for_script``), and only http(s) urls are emitted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from verifier.errors import UsageError
from verifier.report.model import Report
from verifier.store.verdict_record import VerdictRecord, standing
from verifier.stories.view import StoryView
from verifier.templating import http_url, json_for_script
from verifier.textsafe import printable

PUBLISHER_URL_ENV = "VERIFIER_PUBLISHER_URL"
ORG_ENV = "VERIFIER_ORG"
RATINGS: dict[str, tuple[int | None, str]] = {
    "confirmed": (5, "True"),
    "disputed": (3, "Disputed"),
    "refuted": (1, "False"),
}
UNRATED = (None, "Unverified")
#: How many of the score's contributions an unreviewed story's explanation names.
EXPLAINED_CONTRIBUTIONS = 3


@dataclass(frozen=True, slots=True)
class Publisher:
    """The fact-checking organisation that publishes the reviews."""

    url: str
    name: str


def publisher_from(url: str | None, name: str | None) -> Publisher:
    """Options first, then ``$VERIFIER_PUBLISHER_URL`` / ``$VERIFIER_ORG``; the URL is required."""
    url = (url or os.environ.get(PUBLISHER_URL_ENV) or "").strip()
    if not url:
        raise UsageError(
            "ClaimReview needs the publisher's base URL: --publisher-url or "
            f"${PUBLISHER_URL_ENV}"
        )
    if http_url(url) is None:
        raise UsageError(f"publisher URL {url!r} is not an http(s) URL")
    name = (name or os.environ.get(ORG_ENV) or urlsplit(url).netloc).strip()
    return Publisher(url.rstrip("/"), name)


def _claim_author(story: StoryView) -> dict[str, Any]:
    """Who the claim is attributed to: the strongest source behind it, else the outlet."""
    strongest = story.assessment.strongest
    if strongest is not None and strongest.attribution is not None:
        kind = "Organization" if strongest.kind in ("media", "official") else "Person"
        return {"@type": kind, "name": strongest.name}
    outlet = next((a.outlet for a in story.articles if a.outlet), None)
    return {"@type": "Organization", "name": outlet or "unknown"}


def one_line(text: str) -> str:
    """Text on one line: control characters dropped, white space runs made one space."""
    return " ".join(printable(text).split())


def standing_verdict(story: StoryView) -> VerdictRecord | None:
    """The verdict the story's status is (its own history's, retractions applied; a merged
    story's verdicts count once carried into it)."""
    return standing(v for v in story.verdicts if v.story_id == story.id)


def rating_explanation(story: StoryView) -> str:
    """Why the story is rated so, in one line: the standing verdict's evidence, or for a
    story without one its score explained (score, open status and its reason, and the
    strongest contributions)."""
    verdict = standing_verdict(story)
    if story.reviewed and verdict is not None and one_line(verdict.evidence):
        return one_line(verdict.evidence)
    assessment = story.assessment
    text = (f"No verdict yet: evidence score {assessment.score:.2f}, open status "
            f"{assessment.status}")
    if one_line(assessment.status_reason):
        text += f" ({one_line(assessment.status_reason)})"
    strongest = [f"{c.delta:+.2f} {one_line(c.factor)}"
                 for c in assessment.contributions[:EXPLAINED_CONTRIBUTIONS]]
    if strongest:
        text += f"; strongest contributions: {', '.join(strongest)}"
    return text + "."


def claim_review(story: StoryView, publisher: Publisher) -> dict[str, Any]:
    rating_value, alternate = RATINGS.get(story.status, UNRATED) if story.reviewed else UNRATED
    rating: dict[str, Any] = {"@type": "Rating", "bestRating": 5, "worstRating": 1,
                              "alternateName": alternate,
                              "ratingExplanation": rating_explanation(story)}
    if rating_value is not None:
        rating["ratingValue"] = rating_value
    dated = sorted(
        (a for a in story.articles if a.published_at is not None),
        key=lambda a: a.published_at.timestamp() if a.published_at else 0.0,
    )
    first = dated[0] if dated else (story.articles[0] if story.articles else None)
    appearances = [{"@type": "CreativeWork", "url": url}
                   for a in story.articles if (url := http_url(a.url)) is not None]
    item: dict[str, Any] = {"@type": "Claim", "author": _claim_author(story),
                            "appearance": appearances}
    if first is not None:
        first_work: dict[str, Any] = {"@type": "CreativeWork"}
        if http_url(first.url) is not None:
            first_work["url"] = first.url
        if first.published_at:
            first_work["datePublished"] = first.published_at.date().isoformat()
            item["datePublished"] = first.published_at.date().isoformat()
        item["firstAppearance"] = first_work
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{publisher.url}/stories/{story.id}",
        "claimReviewed": story.title,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    verdict = standing_verdict(story) or (story.verdicts[-1] if story.verdicts else None)
    if verdict is not None:  # the standing verdict's date, not a later retraction's
        review["datePublished"] = verdict.created_at.date().isoformat()
    return review


def claim_reviews(report: Report, publisher: Publisher) -> list[dict[str, Any]]:
    """One review per reviewed story (and per story asked for by id, even unreviewed)."""
    single = report.scope.startswith("story ")
    return [claim_review(s, publisher) for s in report.stories if s.reviewed or single]


class ReviewsAsRendered:
    """The reviews of a report's stories gathered while another renderer reads them (the
    HTML report's JSON-LD block, written after its stories): ``stories()`` yields the
    report's stories, each reviewed one's review kept; ``script()`` is the kept reviews as
    JSON safe inside ``<script type="application/ld+json">``."""

    def __init__(self, report: Report, publisher: Publisher) -> None:
        self.report = report
        self.publisher = publisher
        self.found: list[dict[str, Any]] = []

    def stories(self) -> Iterator[StoryView]:
        single = self.report.scope.startswith("story ")
        for story in self.report.stories:
            if story.reviewed or single:
                self.found.append(claim_review(story, self.publisher))
            yield story

    def script(self) -> str:
        return json_for_script(self.found, indent=2)


def render_claimreview(report: Report, publisher: Publisher | None) -> str:
    if publisher is None:
        publisher = publisher_from(None, None)
    return json_for_script(claim_reviews(report, publisher), indent=2) + "\n"
