"""The desk walked by a team (a reviewer and an editor) over a story of several claims told by
two outlets, and the same claim returning a month later: each test is a place a demanding
fact-checker tripped. The texts are ours."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in, token
from verifier.cli import app
from verifier.web.app import create_app

runner = CliRunner()

GATE = (
    "---\ntitle: Tolsen to shut old gate for repairs\noutlet: reuters\n"
    "url: https://example.org/tolsen-gate\npublished: 2026-05-04\n---\n"
    "The old west gate of Tolsen will close for repairs from June 1, the city council said "
    "on Monday.\n\n"
    "The repairs will cost 4 million euros and take five months, council spokeswoman Mira Dal "
    "said.\n\n"
    "Traffic will be diverted through the north road, according to a police official who "
    "asked not to be named.\n\n"
    "The shopkeepers' association refused to comment on the closure.\n\n"
    "The council denied that the gate would stay shut for a year.\n"
)
AGAIN = (
    "---\ntitle: Tolsen gate works begin\noutlet: the associated press\n"
    "url: https://example.org/ap-tolsen\npublished: 2026-06-10\n---\n"
    "The old west gate of Tolsen will close for repairs from June 1, the city council said "
    "on Monday.\n"
)


def _run(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = str(tmp_path / "team.db")
    (tmp_path / "gate.md").write_text(GATE, encoding="utf-8")
    _run("ingest", str(tmp_path / "gate.md"), "--db", db)
    for name, role in (("ana", "reviewer"), ("ben", "editor")):
        _run("users", "add", name, "--role", role, "--password-stdin", "--db", db,
             stdin=PASSWORD + "\n")
    return db


def _gate_story(db: str) -> int:
    stories = json.loads(_run("stories", "list", "--min-claims", "1", "--json", "--db", db))
    return int(max(stories, key=lambda s: s["claims"])["id"])


def _client(db: str, name: str) -> TestClient:
    return sign_in(TestClient(create_app(db), base_url="http://testserver"), name)


def test_a_story_verdict_says_what_it_does_to_the_claims(team: str) -> None:
    """Marking the story confirmed also marked its claims (a denial refuted, a refusal left
    as it was) and the desk said only "Verdict recorded."; `stories mark` said it all."""
    story = _gate_story(team)
    ana = _client(team, "ana")
    page = ana.get(f"/stories/{story}").text
    assert "A verdict on the story marks its claims too: those that state the event take it, " \
           "those that deny it the opposite; refusals" in page
    response = ana.post(f"/stories/{story}/mark", data={
        "csrf": token(ana, f"/stories/{story}"), "status": "confirmed",
        "evidence": "the council's works notice of 3 May", "url": "https://example.org/notice",
        "note": ""})
    assert response.status_code == 200
    said = re.search(r"Verdict recorded; its claims: ([^<]*)\.", response.text)
    assert said, response.text
    assert re.fullmatch(r"\d claims confirmed, 1 refuted \(it denies the story\)(, \d left as "
                        r"(it was|they were) \((refusals?|background or conjecture): "
                        r"[#\d, ]+\))+", said.group(1)), said.group(1)
    # the badge says confirmed; the open status under it says what the articles alone say
    assert re.search(r"Open status <b>\w+</b> \(what the articles alone say; the verdict, "
                     r"confirmed, stands\)", response.text)
    # the claim form says nothing of other claims
    claim = json.loads(_run("claims", "list", "--status", "any", "--json", "--db", team))[0]
    assert "marks its claims too" not in ana.get(f"/claims/{claim['id']}").text


def test_a_returning_claim_names_the_story_it_matches_and_moves_into_it(
    team: str, tmp_path: Path,
) -> None:
    story = _gate_story(team)
    _run("stories", "mark", str(story), "confirmed", "--evidence", "the works notice",
         "--by", "ana", "--db", team)
    (tmp_path / "again.md").write_text(AGAIN, encoding="utf-8")
    _run("ingest", str(tmp_path / "again.md"), "--db", team)
    claims = json.loads(_run("claims", "list", "--json", "--db", team))
    new = max(claims, key=lambda c: c["id"])  # the returning one
    shown = json.loads(_run("claims", "show", str(new["id"]), "--json", "--db", team))
    if story in shown["stories"]:
        pytest.skip("grouping put the returning claim in the story already")
    ben = _client(team, "ben")
    page = ben.get(f"/claims/{new['id']}").text
    assert "Earlier verdicts it matches" in page, page
    assert f'in <a href="/stories/{story}?claim=' in page and f'">story {story}</a>' in page
    assert page.count(f'action="/stories/{story}/move"') == 1  # one button a story
    response = ben.post(f"/stories/{story}/move", data={
        "csrf": token(ben, f"/claims/{new['id']}"), "claim": str(new["id"])})
    assert response.status_code == 200 and "Claims moved." in response.text
    moved = json.loads(_run("claims", "show", str(new["id"]), "--json", "--db", team))
    assert story in moved["stories"]
    # now in the story: no move offered, and a viewer is never offered one
    assert f'action="/stories/{story}/move"' not in ben.get(f"/claims/{new['id']}").text


def test_a_viewer_is_offered_no_move(team: str, tmp_path: Path) -> None:
    story = _gate_story(team)
    _run("stories", "mark", str(story), "confirmed", "--evidence", "the works notice",
         "--by", "ana", "--db", team)
    _run("users", "add", "vic", "--role", "viewer", "--password-stdin", "--db", team,
         stdin=PASSWORD + "\n")
    (tmp_path / "again.md").write_text(AGAIN, encoding="utf-8")
    _run("ingest", str(tmp_path / "again.md"), "--db", team)
    claims = json.loads(_run("claims", "list", "--json", "--db", team))
    new = max(claims, key=lambda c: c["id"])  # the returning one
    page = _client(team, "vic").get(f"/claims/{new['id']}").text
    assert "/move" not in page


def test_the_audit_log_shows_no_empty_detail(team: str, tmp_path: Path) -> None:
    """A merge that carried no verdict was logged "merged: 2; verdicts: " with nothing after
    the last label."""
    (tmp_path / "other.md").write_text(
        "---\ntitle: Tolsen market moves\noutlet: bbc\npublished: 2026-05-06\n---\n"
        "The Tolsen market will move to the harbour in July, the city council said.\n",
        encoding="utf-8")
    _run("ingest", str(tmp_path / "other.md"), "--db", team)
    stories = json.loads(_run("stories", "list", "--min-claims", "1", "--json", "--db", team))
    assert len(stories) >= 2
    first, second = sorted(s["id"] for s in stories)[:2]
    ben = _client(team, "ben")
    response = ben.post(f"/stories/{first}/merge", data={
        "csrf": token(ben, f"/stories/{first}"), "other": str(second)})
    assert response.status_code == 200 and "Stories merged." in response.text
    audit = ben.get("/audit", params={"action": "story-merge"}).text
    row = re.search(r"<td>story-merge</td><td>[^<]*</td>\s*<td>([^<]*)</td>", audit)
    assert row, audit
    assert row.group(1).strip() == f"merged: {second}", row.group(1)


def test_a_reviewed_claim_s_matches_do_not_urge_a_retraction(team: str) -> None:
    story = _gate_story(team)
    _run("stories", "mark", str(story), "confirmed", "--evidence", "the works notice",
         "--by", "ana", "--db", team)
    claims = json.loads(_run("claims", "list", "--status", "any", "--json", "--db", team))
    cost = next(c for c in claims if "4 million euros" in c["text"])
    _run("claims", "mark", str(cost["id"]), "disputed", "--evidence", "the budget says 3.2",
         "--by", "ana", "--db", team)
    page = _client(team, "ana").get(f"/claims/{cost['id']}").text
    assert "retract its verdict first to adopt one" not in page
    if "Earlier verdicts it matches" in page:
        assert "It is disputed already (its verdict history above): to take one of these " \
               "instead, retract that verdict first." in page


def test_a_reviewed_story_links_its_claimreview(team: str) -> None:
    story = _gate_story(team)
    ana = _client(team, "ana")
    link = f"/reports/download?scope=story&id={story}&format=claimreview"
    assert link not in ana.get(f"/stories/{story}").text  # nothing to publish yet
    _run("stories", "mark", str(story), "confirmed", "--evidence", "the works notice",
         "--by", "ana", "--db", team)
    assert link in ana.get(f"/stories/{story}").text
    reviews = json.loads(ana.get(link).text)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["True"]
