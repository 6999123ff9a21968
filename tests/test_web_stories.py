"""The desk's story list: read from the stored story summaries (never rescored per request),
filtered, sorted and paged as ``verifier stories list`` is, and kept current by the desk's
actions (SQLite, and PostgreSQL when VERIFIER_TEST_DB_URL is set)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.test_web import client_for, first_claim, query
from tests.web_helpers import build_db, token
from verifier.cli import app as cli
from verifier.store.database import open_database
from verifier.store.models import Article, Story


@pytest.fixture
def desk(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    yield build_db(tmp_path, db_url)


@pytest.fixture(scope="module")
def viewer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A viewer's client on one SQLite desk shared by the tests that only read."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("VERIFIER_SOURCES", raising=False)
        folder = tmp_path_factory.mktemp("stories")
        patch.chdir(folder)
        yield client_for(build_db(folder), "viewer")


def listed(html: str) -> list[int]:
    """Story ids in the order the page's table lists them."""
    return [int(n) for n in re.findall(r'<tr><td><a href="/stories/(\d+)">', html)]


def cli_ids(db: str, *args: str) -> list[int]:
    result = CliRunner().invoke(cli, ["stories", "list", "--json", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.output)]


def story_of(db: str, words: str) -> int:
    from verifier.store.models import StoryClaim

    claim = first_claim(db, words)
    rows = query(db, select(StoryClaim.story_id).where(StoryClaim.claim_id == claim))
    return int(rows[0][0])  # type: ignore[call-overload]


def set_story(db: str, story_id: int, **values: object) -> None:
    with open_database(db, create=False) as database, database.session_scope() as session:
        session.execute(update(Story).where(Story.id == story_id).values(**values))


def test_sorts_match_the_command_line_and_read_the_stored_scores(desk: str) -> None:
    client = client_for(desk, "viewer")
    harbour, stadium = story_of(desk, "harbour bridge will"), story_of(desk, "stadium roof")
    for sort in ("score", "status", "date", "size", "id"):
        page = client.get(f"/stories?sort={sort}&min_claims=1").text
        assert listed(page) == cli_ids(desk, "--sort", sort, "--min-claims", "1"), sort
    assert listed(client.get("/stories?sort=size").text)[:2] == [harbour, stadium]
    assert listed(client.get("/stories?sort=date").text)[:2] == [stadium, harbour]
    # the page shows the stored score as it stands: nothing is recomputed per request
    set_story(desk, harbour, score=0.987)
    page = client.get("/stories?sort=score").text
    assert listed(page)[0] == harbour and "0.99" in page
    assert cli_ids(desk, "--sort", "score")[0] == harbour


def test_filters_hidden_stories_and_pages(desk: str) -> None:
    client = client_for(desk, "viewer")
    harbour, stadium = story_of(desk, "harbour bridge will"), story_of(desk, "stadium roof")
    hostile = story_of(desk, "was harmless")
    page = client.get("/stories").text  # one-claim stories are hidden by default
    assert set(listed(page)) == {harbour, stadium}
    assert "1 story with fewer than 2 claims hidden" in page
    assert set(listed(client.get("/stories?min_claims=1").text)) == {harbour, stadium, hostile}
    assert listed(client.get("/stories?min_claims=3").text) == [harbour]
    article = query(desk, select(Article.id).where(Article.title.contains("Stadium")))[0][0]
    assert listed(client.get(f"/stories?article={article}").text) == [stadium]
    assert listed(client.get("/stories?since=2026-03-03&min_claims=1").text) == cli_ids(
        desk, "--since", "2026-03-03", "--min-claims", "1")
    assert listed(client.get("/stories?until=2026-03-02").text) == [harbour]
    assert listed(client.get("/stories?status=corroborated&min_claims=1&sort=id").text) == \
        cli_ids(desk, "--status", "corroborated", "--min-claims", "1", "--sort", "id")
    page = client.get("/stories?status=confirmed").text
    assert listed(page) == [] and "No story matches" in page
    # one story a page: links keep the filters and walk every story once
    seen: list[int] = []
    path: str | None = "/stories?min_claims=1&sort=id&limit=1"
    while path:
        page = client.get(path.replace("&amp;", "&")).text
        seen += listed(page)
        found = re.search(r'<a href="([^"]+)" rel="next">', page)
        path = found.group(1) if found else None
    assert seen == sorted([harbour, stadium, hostile])
    assert "1 of 3 stories from #3" in page and 'rel="prev"' in page


def test_a_page_past_a_lists_end_says_so_not_that_nothing_matches(viewer: TestClient) -> None:
    """An offset past the last row (an old bookmark, a list that shrank): the queue,
    stories, articles and sources say where the list ends and link its first page; "No
    article yet: ingest some" was printed under "3 articles."."""
    for path, words in (("/queue", "No claim from #5,001: the claims these filters select"),
                        ("/stories?min_claims=1", "No story from #5,001: the 3 stories"),
                        ("/articles", "No article from #5,001: the "),
                        ("/sources", "No entry from #5,001: the ")):
        page = viewer.get(f"{path}{'&' if '?' in path else '?'}offset=5000")
        assert page.status_code == 200, path
        assert words in page.text and "first page</a>" in page.text, (path, page.text)
        assert "No article yet" not in page.text and " matches these filters" not in page.text
    assert "No story matches these filters" in viewer.get("/stories?status=refuted").text


@pytest.mark.parametrize("bad, message", [
    ("status=bogus", "unknown status"), ("sort=bogus", "unknown sort"),
    ("since=yesterday", "not a date"), ("since=2026-03-05&until=2026-03-01", "after"),
    ("article=x", "not a number"),
])
def test_bad_filters_are_a_message_on_the_page(viewer: TestClient, bad: str,
                                               message: str) -> None:
    response = viewer.get(f"/stories?{bad}")  # the stories page, refused: 400
    assert response.status_code == 400 and message in response.text
    assert 'action="/stories" class="filters"' in response.text
    assert 'class="error"' in response.text and "Traceback" not in response.text


def test_the_list_follows_the_desks_actions(desk: str) -> None:
    client = client_for(desk, "reviewer")
    harbour, stadium = story_of(desk, "harbour bridge will"), story_of(desk, "stadium roof")
    response = client.post(f"/stories/{stadium}/mark", data={
        "csrf": token(client), "status": "refuted", "evidence": "The club's own statement"})
    assert response.status_code == 200
    page = client.get("/stories?status=refuted").text
    assert listed(page) == [stadium] and "refuted" in page
    # a correction that makes a sentence no claim shrinks its story in the list at once
    ferry = first_claim(desk, "Ferry operators")
    response = client.post(f"/claims/{ferry}/correct", data={
        "csrf": token(client), "claim": "no", "evidence": "background"})
    assert response.status_code == 200
    row = next(r for r in client.get("/stories?sort=id").text.split("<tr>") if
               f'href="/stories/{harbour}"' in r)
    assert re.findall(r"<td>(\d+)</td>", row)[0] == "3"
    assert query(desk, select(Story.claims).where(Story.id == harbour))[0][0] == 3
