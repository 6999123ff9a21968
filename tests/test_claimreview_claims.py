"""ClaimReview of a story carries one review per claim reviewed on its own: its verdict as
the rating, the evidence link when http(s), the reviewer and the date, linked both ways with
the story's review; a claim that only took its story's verdict has none of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report_helpers import reviewed_db
from verifier.cli import app

PUBLISHER = "https://checks.example.org"


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _members(db: str, story: int) -> list[int]:
    data = json.loads(_invoke("stories", "show", str(story), "--db", db, "--json"))
    return [c["claim_id"] for c in data["claims"]]


@pytest.fixture
def marked(tmp_path: Path) -> tuple[str, int, int, int]:
    """The demo (Kim's story confirmed, Ban's refuted, their claims marked with them) with
    one claim of Kim's story marked disputed on its own, with an https link, and another
    refuted with none."""
    db, stories = reviewed_db(tmp_path)
    first, second, *_ = _members(db, stories.kim)
    _invoke("claims", "mark", str(first), "disputed", "--evidence", "Two accounts differ <b>",
            "--url", "https://evidence.example.org/kim", "--by", "Rita Reviewer", "--db", db)
    _invoke("claims", "mark", str(second), "refuted", "--evidence", "No such train",
            "--by", "Sam Checker", "--db", db)
    return db, stories.kim, first, second


def _reviews(db: str, *scope: str) -> list[dict]:  # type: ignore[type-arg]
    out = _invoke("report", "--format", "claimreview", "--db", db, "--publisher-url",
                  PUBLISHER, "--org", "Example Checks", *scope)
    return json.loads(out)  # type: ignore[no-any-return]


def test_a_storys_claimreview_carries_one_review_per_claim_reviewed_on_its_own(
        marked: tuple[str, int, int, int]) -> None:
    db, kim, first, second = marked
    reviews = _reviews(db, "--story", str(kim))
    by_url = {r["url"]: r for r in reviews}
    story = by_url[f"{PUBLISHER}/stories/{kim}"]
    assert set(by_url) == {f"{PUBLISHER}/stories/{kim}", f"{PUBLISHER}/claims/{first}",
                           f"{PUBLISHER}/claims/{second}"}  # the other claims took Kim's
    assert story["reviewRating"]["ratingValue"] == 5  # confirmed
    assert story["hasPart"] == [{"@id": f"{PUBLISHER}/claims/{first}"},
                                {"@id": f"{PUBLISHER}/claims/{second}"}]
    disputed, refuted = by_url[f"{PUBLISHER}/claims/{first}"], by_url[
        f"{PUBLISHER}/claims/{second}"]
    for review in (disputed, refuted):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["@id"] == review["url"]
        assert review["isPartOf"] == {"@id": story["@id"]}
        assert review["claimReviewed"] and review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["author"]["name"]
        assert review["author"] == {"@type": "Organization", "name": "Example Checks",
                                    "url": PUBLISHER}
        assert len(review["datePublished"]) == 10
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert disputed["reviewRating"]["ratingValue"] == 3
    assert disputed["reviewRating"]["alternateName"] == "Disputed"
    assert disputed["reviewRating"]["ratingExplanation"] == "Two accounts differ <b>"
    assert disputed["contributor"] == {"@type": "Person", "name": "Rita Reviewer"}
    assert disputed["citation"] == [{"@type": "CreativeWork",
                                     "url": "https://evidence.example.org/kim"}]
    assert refuted["reviewRating"]["ratingValue"] == 1
    assert refuted["contributor"]["name"] == "Sam Checker"
    assert "citation" not in refuted  # no link given


def test_the_output_is_json_ld_safe_in_a_script_block(marked: tuple[str, int, int, int]
                                                       ) -> None:
    db, kim, *_ = marked
    out = _invoke("report", "--format", "claimreview", "--db", db, "--publisher-url",
                  PUBLISHER, "--story", str(kim))
    assert "<" not in out and "\\u003cb\\u003e" in out
    reviews = json.loads(out)
    assert all(r["@context"] == "https://schema.org" for r in reviews)


def test_every_reviewed_story_report_and_the_html_report_carry_the_claims_reviews(
        marked: tuple[str, int, int, int], tmp_path: Path) -> None:
    import re

    db, kim, first, second = marked
    urls = {r["url"] for r in _reviews(db, "--all")}
    assert {f"{PUBLISHER}/claims/{first}", f"{PUBLISHER}/claims/{second}"} <= urls
    page = tmp_path / "report.html"
    _invoke("report", "--story", str(kim), "--format", "html", "-o", str(page), "--db", db,
            "--publisher-url", PUBLISHER)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                      page.read_text(encoding="utf-8"), re.S)
    assert block is not None
    embedded = {r["url"] for r in json.loads(block.group(1))}
    assert f"{PUBLISHER}/claims/{first}" in embedded


def test_a_story_whose_claims_took_its_verdict_has_no_claim_reviews(tmp_path: Path) -> None:
    db, stories = reviewed_db(tmp_path)
    reviews = _reviews(db, "--story", str(stories.ban))
    assert [r["url"] for r in reviews] == [f"{PUBLISHER}/stories/{stories.ban}"]
    assert "hasPart" not in reviews[0]
    assert reviews[0]["reviewRating"]["ratingValue"] == 1


def test_a_retracted_claim_verdict_gives_no_review(marked: tuple[str, int, int, int]) -> None:
    db, kim, first, second = marked
    _invoke("claims", "retract", str(second), "--evidence", "wrong train", "--by",
            "Sam Checker", "--db", db)
    urls = [r["url"] for r in _reviews(db, "--story", str(kim))]
    assert f"{PUBLISHER}/claims/{second}" not in urls
    assert f"{PUBLISHER}/claims/{first}" in urls


def test_the_desk_links_the_claimreview_of_a_story_with_a_claim_reviewed_on_its_own(
        desk: str) -> None:
    from tests.test_web import client_for, first_claim

    claim = first_claim(desk, "harbour bridge")
    story = json.loads(_invoke("claims", "show", str(claim), "--db", desk, "--json"))
    story_id = (story.get("story_ids") or story.get("stories") or [None])[0]
    assert story_id, story.keys()
    client = client_for(desk, "viewer")
    link = f"/reports/download?scope=story&id={story_id}&format=claimreview"
    assert link not in client.get(f"/stories/{story_id}").text  # nothing reviewed yet
    _invoke("claims", "mark", str(claim), "refuted", "--evidence", "The bridge stays open",
            "--by", "Rita Reviewer", "--db", desk)
    page = client.get(f"/stories/{story_id}").text
    assert f'report</a> · <a href="{link}">ClaimReview</a>' in page
    reviews = json.loads(client.get(link).text)
    mine = [r for r in reviews if r["url"].endswith(f"/claims/{claim}")]
    assert mine and mine[0]["reviewRating"]["ratingValue"] == 1
