"""ClaimReview JSON-LD: structure, scale direction, required publisher URL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.report_helpers import reviewed_db
from verifier.cli import app


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return reviewed_db(tmp_path_factory.mktemp("claimreview"))


def _reviews(db: str, *extra: str) -> list[dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        app, ["report", "--format", "claimreview", "--db", db,
              "--publisher-url", "https://checks.example.org/", "--org", "Example Checks",
              *extra],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_one_review_per_reviewed_story_with_truer_higher(reviewed) -> None:  # type: ignore[no-untyped-def]
    db, stories = reviewed
    reviews = _reviews(db)
    assert len(reviews) == 2
    by_url = {r["url"]: r for r in reviews}
    kim = by_url[f"https://checks.example.org/stories/{stories.kim}"]
    ban = by_url[f"https://checks.example.org/stories/{stories.ban}"]
    for review in (kim, ban):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"]
        rating = review["reviewRating"]
        assert rating["bestRating"] == 5 and rating["worstRating"] == 1
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"]
        appearances = item["appearance"]
        assert appearances and all(a["url"].startswith("https://") for a in appearances)
        assert item["firstAppearance"]["datePublished"] == item["datePublished"]
        assert review["author"] == {"@type": "Organization", "name": "Example Checks",
                                    "url": "https://checks.example.org"}
        assert review["datePublished"]
    assert kim["reviewRating"]["ratingValue"] > ban["reviewRating"]["ratingValue"]
    assert kim["itemReviewed"]["datePublished"] == "2018-03-27"


def test_a_story_without_a_verdict_has_no_review_even_asked_for_by_id(reviewed) -> None:  # type: ignore[no-untyped-def]
    """Asked for by id, a story nobody has reviewed was written with the rating "Unverified"
    (the text search results show as the fact check's conclusion). A ClaimReview states a
    verdict: without one, none is written, and stderr says why."""
    import sqlite3
    from contextlib import closing

    db, stories = reviewed
    with closing(sqlite3.connect(db)) as connection:
        (other,) = connection.execute(
            "SELECT min(id) FROM stories WHERE status = 'unverified' AND merged_into IS NULL "
            "AND id NOT IN (SELECT story_id FROM verdicts WHERE story_id IS NOT NULL)"
            " AND id NOT IN (SELECT sc.story_id FROM story_claims sc JOIN verdicts v "
            "ON v.claim_id = sc.claim_id)").fetchone()
    assert other is not None, "the demo data has an unreviewed story"
    result = CliRunner().invoke(app, [
        "report", "--format", "claimreview", "--db", db, "--story", str(other),
        "--publisher-url", "https://checks.example.org/"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert "nothing here has a verdict yet" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    # a reviewed one asked for by id: its review, and no note
    result = CliRunner().invoke(app, [
        "report", "--format", "claimreview", "--db", db, "--story", str(stories.kim),
        "--publisher-url", "https://checks.example.org/"])
    assert json.loads(result.stdout)[0]["reviewRating"]["alternateName"] == "True"
    assert "verdict" not in result.stderr


def test_refuses_without_publisher_url(reviewed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("VERIFIER_PUBLISHER_URL", raising=False)
    db, _ = reviewed
    result = CliRunner().invoke(app, ["report", "--format", "claimreview", "--db", db])
    assert result.exit_code == 2
    assert "publisher" in result.output and "Traceback" not in result.output
