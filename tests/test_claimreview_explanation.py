"""ClaimReview's ``reviewRating.ratingExplanation``: the standing verdict's evidence, or for a
story without a verdict its score explained in one line; the same reviews embedded in the
HTML report (given a publisher) as JSON-LD that no text can break out of."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.report_helpers import report_of, reviewed_db
from verifier.cli import app
from verifier.report.claimreview import (
    Publisher,
    claim_reviews,
    rating_explanation,
    render_claimreview,
)
from verifier.report.html import render_html
from verifier.report.model import Report
from verifier.store.verdict_record import RETRACTED, VerdictRecord
from verifier.stories.view import StoryView

PUBLISHER = Publisher("https://checks.example.org", "Example Checks")
HOSTILE = ('Seen in the minutes </script><script>alert(1)</script> <!-- & "quoted"\n'
           "\tsecond   line \u2028 <b>bold</b>")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    return reviewed_db(tmp_path_factory.mktemp("explanation"))


@pytest.fixture(scope="module")
def report(reviewed: tuple[str, Any]) -> Report:
    return report_of(reviewed[0])


def _cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["report", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _reviews(db: str, *extra: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(_cli(
        db, "--format", "claimreview", "--publisher-url", "https://checks.example.org/",
        "--org", "Example Checks", *extra))
    return found


class _Scripts(HTMLParser):
    """The text of every ``<script>`` of a page, with its type, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str | None, str]] = []
        self._open: str | None = None
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in, self._open = True, dict(attrs).get("type")
            self.scripts.append((self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def _scripts(page: str) -> list[tuple[str | None, str]]:
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    return parser.scripts


def _verdict(story: StoryView, number: int, evidence: str, status: str = "confirmed",
             refers_to: int | None = None) -> VerdictRecord:
    return VerdictRecord(number, status, evidence, None, None, "Ana", datetime(2024, 5, 1,
                         tzinfo=UTC), story.id, None if status == RETRACTED else 0.5,
                         "retraction" if status == RETRACTED else "review", refers_to)


def test_every_review_explains_its_rating_with_the_verdicts_evidence(
    reviewed: tuple[str, Any],
) -> None:
    db, stories = reviewed
    by_story = {r["url"].rsplit("/", 1)[-1]: r for r in _reviews(db)}
    assert set(by_story) == {str(stories.kim), str(stories.ban)}
    for story in report_of(db).stories:
        if str(story.id) not in by_story:
            continue
        rating = by_story[str(story.id)]["reviewRating"]
        assert rating["@type"] == "Rating"  # schema.org: ratingExplanation is a Rating's Text
        (standing,) = [v for v in story.verdicts if not v.is_retraction][-1:]
        assert rating["ratingExplanation"] == " ".join(standing.evidence.split())
        assert rating["ratingExplanation"] and "\n" not in rating["ratingExplanation"]


def test_a_story_without_a_verdict_explains_its_score_in_one_line(
    reviewed: tuple[str, Any], report: Report,
) -> None:
    db, stories = reviewed
    (story,) = [s for s in report.stories if s.id == stories.kim]
    unreviewed = replace(story, reviewed=False, verdicts=())
    text = rating_explanation(unreviewed)
    assessment = story.assessment
    assert text.startswith(f"No verdict yet: evidence score {assessment.score:.2f}, "
                           f"open status {assessment.status}")
    assert " ".join(assessment.status_reason.split()) in text
    top = assessment.contributions[0]
    assert f"{top.delta:+.2f} {top.factor}" in text
    assert "\n" not in text and text.endswith(".")
    # a story asked for by id, unreviewed: no review is published for it (a ClaimReview
    # states a verdict; tests/test_claimreview.py)
    with closing(sqlite3.connect(db)) as connection:
        (other,) = connection.execute("SELECT min(id) FROM stories WHERE status = "
                                      "'unverified' AND merged_into IS NULL").fetchone()
    assert _reviews(db, "--story", str(other)) == []


def test_the_standing_verdict_explains_not_a_retracted_or_merged_ones(report: Report) -> None:
    story = next(s for s in report.stories if s.reviewed)
    first = _verdict(story, 901, "First look: the agency confirmed it.")
    retract = _verdict(story, 902, "Wrong agency.", RETRACTED, refers_to=901)
    second = _verdict(story, 903, "The ministry's minutes confirm it.")
    merged = replace(_verdict(story, 904, "Another story's evidence."), story_id=story.id + 999)
    assert rating_explanation(replace(story, verdicts=(first, retract, second, merged))) == (
        "The ministry's minutes confirm it.")
    # every verdict withdrawn: the score explains it
    assert rating_explanation(replace(story, reviewed=False, verdicts=(first, retract))
                              ).startswith("No verdict yet: ")


def test_the_review_is_dated_by_its_standing_verdict_not_a_later_retraction(
    report: Report,
) -> None:
    story = next(s for s in report.stories if s.reviewed)
    kept = replace(_verdict(story, 911, "The minutes confirm it."),
                   created_at=datetime(2024, 3, 1, tzinfo=UTC))
    older = replace(_verdict(story, 910, "An early look."),
                    created_at=datetime(2024, 2, 1, tzinfo=UTC))
    retract = replace(_verdict(story, 912, "Wrong.", RETRACTED, refers_to=910),
                      created_at=datetime(2024, 4, 1, tzinfo=UTC))
    dated = replace(story, verdicts=(older, kept, retract))
    (review,) = claim_reviews(replace(report, stories=[dated]), PUBLISHER)
    assert review["datePublished"] == "2024-03-01"
    assert review["reviewRating"]["ratingExplanation"] == "The minutes confirm it."


def _hostile(report: Report) -> tuple[Report, StoryView]:
    story = next(s for s in report.stories if s.reviewed)
    hostile = replace(story, verdicts=(_verdict(story, 950, HOSTILE),),
                      title="Title </script><script>alert(2)</script>")
    return replace(report, stories=[hostile]), hostile


def test_hostile_evidence_is_one_line_of_json_that_cannot_close_a_script(report: Report) -> None:
    hostile_report, _ = _hostile(report)
    text = render_claimreview(hostile_report, PUBLISHER)
    assert "<" not in text and ">" not in text and "&" not in text
    (review,) = json.loads(text)
    explanation = review["reviewRating"]["ratingExplanation"]
    assert explanation == " ".join(HOSTILE.split())
    assert "</script><script>alert(1)</script>" in explanation  # as typed, once decoded


def test_the_html_report_embeds_the_reviews_as_json_ld(reviewed: tuple[str, Any]) -> None:
    db, _ = reviewed
    page = _cli(db, "--format", "html", "--publisher-url", "https://checks.example.org/",
                "--org", "Example Checks")
    scripts = _scripts(page)
    assert [kind for kind, _ in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0][1]) == _reviews(db)
    assert "script-src 'none'" in unescape(page)  # data, not code: still runs nothing
    # without a publisher: no block (a ClaimReview needs the publisher's url)
    assert _scripts(_cli(db, "--format", "html")) == []


def test_hostile_text_cannot_break_out_of_the_html_reports_json_ld(report: Report) -> None:
    hostile_report, hostile = _hostile(report)
    page = render_html(hostile_report, PUBLISHER)
    scripts = _scripts(page)
    assert [kind for kind, _ in scripts] == ["application/ld+json"]  # no second script
    (review,) = json.loads(scripts[0][1])
    assert review["reviewRating"]["ratingExplanation"] == " ".join(HOSTILE.split())
    assert review["claimReviewed"] == hostile.title
    assert review == claim_reviews(hostile_report, PUBLISHER)[0]
    assert page.count("</script>") == 1


def test_the_embedded_reviews_are_gathered_as_the_stories_render(
    report: Report,
) -> None:
    """The page streams its stories once: the block after them holds every reviewed one."""
    reads: list[int] = []

    class Once(list[StoryView]):
        def __iter__(self) -> Any:
            reads.append(1)
            return super().__iter__()

    once = replace(report, stories=Once(report.stories))
    scripts = _scripts(render_html(once, PUBLISHER))
    assert len(reads) == 1
    assert json.loads(scripts[0][1]) == claim_reviews(report, PUBLISHER)


def test_an_unnamed_group_is_not_typed_as_a_person(report: Report) -> None:
    """Unnamed sources ("officials", "two people briefed on it") were the claim's author as a
    ``Person``: a group no reader can look up. Named parties keep their type; for unnamed
    ones the author is the outlet that carried the claim, as for the reporter's own voice."""
    from verifier.report.claimreview import Publisher, claim_item_review, claim_review

    publisher = Publisher("https://checks.example.org", "Example Checks")
    story = next(s for s in report.stories if s.reviewed and s.assessment.strongest
                 and s.assessment.strongest.attribution is not None)
    strongest = story.assessment.strongest
    assert strongest is not None and strongest.attribution is not None
    outlets = {a.outlet for a in story.articles} | {strongest.claim.carrier_name}
    for speaker, words, expected in (("unnamed", "officials", None),
                                     ("unnamed_official", "a senior aide", None),
                                     ("named", "Dana Ortiz", "Person"),
                                     ("official", "the port authority", "Organization")):
        said = replace(strongest.attribution, speaker=speaker, stance="asserts",
                       source_name=None, source_text=words)
        view = replace(story, assessment=replace(
            story.assessment, strongest=replace(strongest, attribution=said)))
        author = claim_review(view, publisher)["itemReviewed"]["author"]
        if expected is None:
            assert author["@type"] == "Organization" and author["name"] in outlets, author
        else:
            assert author == {"@type": expected, "name": words}
        member = story.members[0]
        verdict = _verdict(story, 950, "Checked against the register.")
        one = replace(member, verdict=replace(verdict, origin="review", story_id=None),
                      evidence=replace(member.evidence, attributions=(said,)))
        author = claim_item_review(one, view, publisher)["itemReviewed"]["author"]
        if expected is None:
            assert author == {"@type": "Organization",
                              "name": " ".join(member.evidence.carrier_name.split())}
        else:
            assert author == {"@type": expected, "name": words}
