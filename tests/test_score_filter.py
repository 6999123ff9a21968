"""The score filter of the queue and the story list: ``claims list`` / ``stories list
--min-score/--max-score``, the desk's queue and stories page, and the library's
``ClaimFilter`` / ``StoryQuery``. A claim's score is its story's stored score."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for
from tests.web_helpers import build_db
from verifier.cli import app
from verifier.errors import UsageError
from verifier.store.database import open_database
from verifier.store.queue_sql import FEW_SCORED, ClaimFilter, list_sql, scored_sql
from verifier.store.stories import StoryQuery


def _scored(db: str) -> dict[int, float | None]:
    """The stories scored (``stories list`` stores their scores), then {claim id: its
    story's stored score} for every claim."""
    _cli("stories", "list", "--db", db)
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        from sqlalchemy import text

        return {int(cid): score for cid, score in session.execute(text(
            "SELECT claims.id, stories.score FROM claims JOIN story_claims ON "
            "story_claims.claim_id = claims.id JOIN stories ON stories.id = "
            "story_claims.story_id WHERE claims.is_claim"))}


def _cli(*args: str) -> list[dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def _middle(scores: Iterable[float | None]) -> float:
    """A score between the lowest and the highest given, so each side holds some."""
    known = sorted({s for s in scores if s is not None})
    assert len(known) >= 2, known
    return (known[0] + known[-1]) / 2


def test_claims_list_keeps_the_claims_whose_story_scores_in_range(desk: str) -> None:
    scores = _scored(desk)
    cut = _middle(scores.values())
    high = _cli("claims", "list", "--db", desk, "--status", "any", "--min-score", f"{cut}")
    low = _cli("claims", "list", "--db", desk, "--status", "any", "--max-score", f"{cut}")
    assert high and low
    assert {c["id"] for c in high} == {c for c, s in scores.items() if s is not None
                                       and s >= cut}
    assert {c["id"] for c in low} == {c for c, s in scores.items() if s is not None
                                      and s <= cut}
    for row in high + low:  # each row shows the number it was kept by
        assert row["score"] == round(scores[row["id"]] or 0, 4)
    both = _cli("claims", "list", "--db", desk, "--status", "any", "--min-score", "0",
                "--max-score", "1")
    assert len(both) == len({c for c, s in scores.items() if s is not None})


def test_the_table_and_csv_show_the_score(desk: str) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["claims", "list", "--db", desk, "--min-score", "0"])
    assert table.exit_code == 0 and " score " in table.output.splitlines()[1]
    csv = runner.invoke(app, ["claims", "list", "--db", desk, "--csv", "--min-score", "0"])
    header, first = csv.output.splitlines()[:2]
    assert "score" in header.split(",")
    assert first.split(",")[header.split(",").index("score")]


def test_stories_list_by_score(desk: str) -> None:
    every = _cli("stories", "list", "--db", desk, "--min-claims", "1")
    known = [s["score"] for s in every if s["score"] is not None]
    cut = _middle(known)
    above = _cli("stories", "list", "--db", desk, "--min-claims", "1", "--min-score", f"{cut}")
    below = _cli("stories", "list", "--db", desk, "--min-claims", "1", "--max-score", f"{cut}")
    assert above and below
    assert all(s["score"] >= cut for s in above) and all(s["score"] <= cut for s in below)
    assert len(above) + len(below) == len(known) + sum(s["score"] == cut for s in every)


@pytest.mark.parametrize("args, words", [
    (["--min-score", "1.5"], "--min-score must be between 0 and 1"),
    (["--max-score", "-0.1"], "--max-score must be between 0 and 1"),
    (["--min-score", "nan"], "--min-score must be between 0 and 1"),
    (["--min-score", "0.8", "--max-score", "0.2"], "--min-score is above --max-score"),
])
@pytest.mark.parametrize("command", [["claims", "list"], ["stories", "list"]])
def test_scores_no_story_can_have_are_refused(desk: str, command: list[str], args: list[str],
                                              words: str) -> None:
    result = CliRunner().invoke(app, [*command, "--db", desk, *args])
    assert result.exit_code == 2 and words in result.output, result.output


def test_help_says_what_a_claims_score_is() -> None:
    result = CliRunner().invoke(app, ["claims", "list", "--help"], env={"COLUMNS": "200"})
    assert "--min-score" in result.output and "story's stored score" in result.output


def test_desk_queue_and_stories_filter_by_score(desk: str) -> None:
    scores = _scored(desk)
    cut = _middle(scores.values())
    client = client_for(desk, "viewer")
    page = client.get("/queue", params={"status": "any", "min_score": f"{cut:.4f}",
                                        "limit": "200"})
    assert page.status_code == 200
    shown = {int(n) for n in re.findall(r'href="/claims/(\d+)"', page.text)}
    assert shown == {c for c, s in scores.items() if s is not None and s >= round(cut, 4)}
    assert f'value="{cut:.4f}"' in page.text  # the filter stays filled in
    assert "Story score" in page.text
    stories = client.get("/stories", params={"max_score": "0", "min_claims": "1"})
    assert stories.status_code == 200 and "No story matches these filters" in stories.text
    for path in ("/queue", "/stories"):
        bad = client.get(path, params={"min_score": "lots"})  # the page, refused: 400
        assert bad.status_code == 400 and "is not a score" in bad.text
        assert 'value="lots"' in bad.text
        out = client.get(path, params={"max_score": "7"})
        assert "the highest score must be between 0 and 1" in out.text
        # the desk's boxes by their labels, not the command line's options
        crossed = client.get(path, params={"min_score": "0.8", "max_score": "0.2"})
        assert crossed.status_code == 400
        assert "the lowest score is above the highest" in crossed.text
        assert "--min-score" not in crossed.text and "--max-score" not in out.text


def test_a_narrow_range_and_a_wide_one_take_their_own_plan(desk: str) -> None:
    """Few claims in range: driven from those stories (``ix_stories_score_id``); many:
    the queue's own order, each claim's story read by key. Both list the same claims."""
    from verifier.store.claims import list_claims
    from verifier.store.reading import open_reader

    _cli("stories", "list", "--db", desk)
    narrow = ClaimFilter(status="any", min_score=0.0, max_score=1.0, limit=500)
    assert "claims.id IN (SELECT story_claims.claim_id" in list_sql(narrow, "sqlite", None,
                                                                      1)[0]
    assert "EXISTS (SELECT 1 FROM story_claims" in list_sql(narrow, "sqlite", None,
                                                            FEW_SCORED + 1)[0]
    assert scored_sql(ClaimFilter()) is None
    with open_reader(desk) as rows:
        listed = list_claims(rows, narrow)
        sql, params = list_sql(narrow, "sqlite", None, FEW_SCORED + 1)
        walked = rows.all(sql, params)
    assert [r.id for r in listed] == [r[0] for r in walked]


def test_library_filters_on_every_backend(db_url: str, tmp_path: Path) -> None:
    from verifier.store.claims import list_claims
    from verifier.store.stories import story_page

    db = build_db(tmp_path, db_url)
    _cli("stories", "list", "--db", db)
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        every = list_claims(session, ClaimFilter(status="any", limit=500))
        scored = [r for r in every if r.score is not None]
        cut = sorted(r.score for r in scored)[len(scored) // 2]  # type: ignore[type-var]
        kept = list_claims(session, ClaimFilter(status="any", min_score=cut, limit=500))
        assert {r.id for r in kept} == {r.id for r in scored if r.score >= cut}  # type: ignore[operator]
        page = story_page(session, StoryQuery(min_claims=1, max_score=cut))
        assert page.rows and all(s.score is not None and s.score <= cut for s in page.rows)
    with pytest.raises(UsageError):
        ClaimFilter(min_score=2.0).validate()
    with pytest.raises(UsageError):
        StoryQuery(min_score=0.5, max_score=0.4).validate()


def test_the_claim_page_names_the_story_score_the_queue_shows(desk: str) -> None:
    scores = _scored(desk)
    claim, score = next((c, s) for c, s in scores.items() if s is not None)
    page = client_for(desk, "viewer").get(f"/claims/{claim}").text
    assert re.search(r"<h2>Its own score [0-9.]+</h2>", page)
    found = re.search(r'<b class="story-score">([0-9.]+)</b>', page)
    assert found and found.group(1) == f"{score:.2f}"
    queue = client_for(desk, "viewer").get("/queue", params={"status": "any", "limit": "200"})
    row = re.search(rf'href="/claims/{claim}">#{claim}</a>.*?</tr>', queue.text, re.S)
    assert row and f"<td>{score:.2f}</td>" in row.group(0)
