"""schema.org ClaimReview JSON-LD, one per reviewed story.

The rating scale runs 1 (refuted, false) to 5 (confirmed, true): higher is truer. A disputed
story rates 3; a story without a verdict (only when asked for by id) has no ``ratingValue``.
The publisher's base URL is required (``--publisher-url`` or ``$VERIFIER_PUBLISHER_URL``):
each review's ``url`` is built from it.

Every output is safe to paste into ``<script type="application/ld+json">``: ``<``, ``>`` and
``&`` are written as ``\u003c`` etc. (``json_for_script``), and only http(s) urls are emitted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from verifier.errors import UsageError
from verifier.report.model import Report
from verifier.stories.view import StoryView
from verifier.templating import http_url, json_for_script

PUBLISHER_URL_ENV = "VERIFIER_PUBLISHER_URL"
ORG_ENV = "VERIFIER_ORG"
RATINGS: dict[str, tuple[int | None, str]] = {
    "confirmed": (5, "True"),
    "disputed": (3, "Disputed"),
    "refuted": (1, "False"),
}
UNRATED = (None, "Unverified")


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


def claim_review(story: StoryView, publisher: Publisher) -> dict[str, Any]:
    rating_value, alternate = RATINGS.get(story.status, UNRATED) if story.reviewed else UNRATED
    rating: dict[str, Any] = {"@type": "Rating", "bestRating": 5, "worstRating": 1,
                              "alternateName": alternate}
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
    if story.verdicts:
        review["datePublished"] = story.verdicts[-1].created_at.date().isoformat()
    return review


def claim_reviews(report: Report, publisher: Publisher) -> list[dict[str, Any]]:
    """One review per reviewed story (and per story asked for by id, even unreviewed)."""
    single = report.scope.startswith("story ")
    return [claim_review(s, publisher) for s in report.stories if s.reviewed or single]


def render_claimreview(report: Report, publisher: Publisher | None) -> str:
    if publisher is None:
        publisher = publisher_from(None, None)
    return json_for_script(claim_reviews(report, publisher), indent=2) + "\n"
