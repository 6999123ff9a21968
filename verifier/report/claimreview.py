"""schema.org ClaimReview JSON-LD, one per reviewed story and one per claim reviewed on its
own.

A claim reviewed on its own is one whose standing verdict was recorded on the claim (marked,
adopted, or carried with it by a merge, split or move), not one that only took its story's
verdict (``origin`` "story": the story's review covers it). Its review rates the claim's
sentence, is part of its story's review (``isPartOf``; the story's lists it in ``hasPart``),
and names the article it appeared in. Each review carries its verdict's reviewer
(``contributor``) and date, and its evidence link as a ``citation`` when it is http(s).

The rating scale runs 1 (refuted, false) to 5 (confirmed, true): higher is truer. A disputed
story rates 3. The rating's ``ratingExplanation`` is the standing verdict's evidence.

Only a verdict is published: a story without one has no review of its own, even asked for
by id (schema.org's ClaimReview is a fact check, and Google's guidance asks for the
conclusion reached in ``reviewRating.alternateName``, the text shown in search results:
the "Unverified" it was given read as one). Its claims reviewed on their own still are.

The claim's ``author`` is who stands behind it by name: a named person (``Person``), an
official body or a medium (``Organization``). Unnamed sources ("officials", "people
familiar with the talks") are no one a reader can look up, and a group is no ``Person``:
for them, as for the reporter's own voice, the author is the outlet that published the
claim.
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
from verifier.stories.view import StoryMember, StoryView
from verifier.templating import http_url, json_for_script
from verifier.textsafe import printable

PUBLISHER_URL_ENV = "VERIFIER_PUBLISHER_URL"
ORG_ENV = "VERIFIER_ORG"
RATINGS: dict[str, tuple[int | None, str]] = {
    "confirmed": (5, "True"),
    "disputed": (3, "Disputed"),
    "refuted": (1, "False"),
}
UNRATED = (None, "Unrated")
#: The schema.org type of a claim's author by its source's speaker kind; any other kind
#: (the unnamed ones) names no one, and the claim's author is the outlet that carried it.
AUTHOR_TYPES = {"named": "Person", "official": "Organization", "media": "Organization"}
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
    """Who the claim is attributed to: the strongest source behind it when it is named
    (``AUTHOR_TYPES``), else the outlet."""
    strongest = story.assessment.strongest
    if strongest is not None and strongest.attribution is not None and (
            kind := AUTHOR_TYPES.get(strongest.kind)) is not None:
        return {"@type": kind, "name": strongest.name}
    outlet = next((a.outlet for a in story.articles if a.outlet), None)
    return {"@type": "Organization", "name": outlet or "unknown"}


def _collapsed(text: str) -> str:
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
    if story.reviewed and verdict is not None and _collapsed(verdict.evidence):
        return _collapsed(verdict.evidence)
    assessment = story.assessment
    text = (f"No verdict yet: evidence score {assessment.score:.2f}, open status "
            f"{assessment.status}")
    if _collapsed(assessment.status_reason):
        text += f" ({_collapsed(assessment.status_reason)})"
    strongest = [f"{c.delta:+.2f} {_collapsed(c.factor)}"
                 for c in assessment.contributions[:EXPLAINED_CONTRIBUTIONS]]
    if strongest:
        text += f"; strongest contributions: {', '.join(strongest)}"
    return text + "."


def _rating(status: str | None, explanation: str) -> dict[str, Any]:
    """A Rating on the 1-5 scale for a verdict status (None: unrated)."""
    rating_value, alternate = RATINGS.get(status, UNRATED) if status else UNRATED
    rating: dict[str, Any] = {"@type": "Rating", "bestRating": 5, "worstRating": 1,
                              "alternateName": alternate}
    if explanation:
        rating["ratingExplanation"] = explanation
    if rating_value is not None:
        rating["ratingValue"] = rating_value
    return rating


def _reviewed_by(review: dict[str, Any], verdict: VerdictRecord | None) -> None:
    """The verdict's reviewer, date and http(s) evidence link on ``review``."""
    if verdict is None:
        return
    review["datePublished"] = verdict.created_at.date().isoformat()
    if _collapsed(verdict.reviewer):
        review["contributor"] = {"@type": "Person", "name": _collapsed(verdict.reviewer)}
    if (url := http_url(verdict.url)) is not None:
        review["citation"] = [{"@type": "CreativeWork", "url": url}]


def reviewed_claims(story: StoryView) -> list[StoryMember]:
    """The story's claims reviewed on their own (a standing verdict recorded on the claim,
    not one taken with its story's), in the story's order."""
    return [m for m in story.members if m.verdict is not None
            and not m.verdict.is_retraction and m.verdict.origin != "story"]


def _claim_item(member: StoryMember, story: StoryView) -> dict[str, Any]:
    """The claim a claim's review rates: who it is attributed to and where it appeared."""
    said = next((a for a in member.evidence.attributions if a.stance == "asserts"), None)
    kind = AUTHOR_TYPES.get(said.kind) if said is not None else None
    if said is not None and kind is not None:
        author = {"@type": kind, "name": _collapsed(said.source_name or said.source_text)}
    else:
        author = {"@type": "Organization",
                  "name": _collapsed(member.evidence.carrier_name) or "unknown"}
    item: dict[str, Any] = {"@type": "Claim", "author": author}
    article = next((a for a in story.articles if a.id == member.article_id), None)
    if article is not None:
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if (url := http_url(article.url)) is not None:
            work["url"] = url
            item["appearance"] = [{"@type": "CreativeWork", "url": url}]
        if article.published_at is not None:
            work["datePublished"] = item["datePublished"] = (
                article.published_at.date().isoformat())
        if len(work) > 1:
            item["firstAppearance"] = work
    return item


def claim_item_review(member: StoryMember, story: StoryView,
                      publisher: Publisher) -> dict[str, Any]:
    """The review of one claim reviewed on its own."""
    verdict = member.verdict
    assert verdict is not None
    review = _envelope(f"{publisher.url}/claims/{member.claim_id}", _collapsed(member.text),
                       publisher, _rating(verdict.status, _collapsed(verdict.evidence)),
                       _claim_item(member, story))
    review["isPartOf"] = {"@id": f"{publisher.url}/stories/{story.id}"}
    _reviewed_by(review, verdict)
    return review


def claim_review(story: StoryView, publisher: Publisher) -> dict[str, Any]:
    rating = _rating(story.status if story.reviewed else None, rating_explanation(story))
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
        if len(first_work) > 1:  # neither an address nor a date: nothing to say
            item["firstAppearance"] = first_work
    review = _envelope(f"{publisher.url}/stories/{story.id}", story.title, publisher, rating,
                       item)
    standing_one = standing_verdict(story)
    verdict = standing_one or (story.verdicts[-1] if story.verdicts else None)
    if verdict is not None:  # the standing verdict's date, not a later retraction's
        review["datePublished"] = verdict.created_at.date().isoformat()
    if story.reviewed and standing_one is not None:
        _reviewed_by(review, standing_one)
    parts = [{"@id": f"{publisher.url}/claims/{m.claim_id}"} for m in reviewed_claims(story)]
    if parts:
        review["hasPart"] = parts
    return review


def _envelope(url: str, claimed: str, publisher: Publisher, rating: dict[str, Any],
              item: dict[str, Any]) -> dict[str, Any]:
    """A ClaimReview at ``url`` (its @id too) of the words ``claimed``, by the publisher."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": url,
        "url": url,
        "claimReviewed": claimed,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "reviewRating": rating,
        "itemReviewed": item,
    }


def story_reviews(story: StoryView, publisher: Publisher) -> list[dict[str, Any]]:
    """A story's review (when it has a verdict) followed by one review per claim of it
    reviewed on its own."""
    found = [claim_review(story, publisher)] if story.reviewed else []
    return found + [claim_item_review(m, story, publisher) for m in reviewed_claims(story)]


def claim_reviews(report: Report, publisher: Publisher) -> list[dict[str, Any]]:
    """One review per reviewed story, each followed by the reviews of its claims reviewed
    on their own (a story without a verdict: those alone)."""
    return [review for s in report.stories for review in story_reviews(s, publisher)]


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
        for story in self.report.stories:
            self.found += story_reviews(story, self.publisher)
            yield story

    def script(self) -> str:
        return json_for_script(self.found, indent=2)


def render_claimreview(report: Report, publisher: Publisher | None) -> str:
    if publisher is None:
        publisher = publisher_from(None, None)
    return json_for_script(claim_reviews(report, publisher), indent=2) + "\n"
