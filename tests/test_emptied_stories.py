"""Deleting an article that empties a story: the story is kept, marked emptied, with its
verdict history (it was deleted without a trace unless a verdict pointed at it, and one
kept for its verdict stayed listed among the reviewed with no claim). Listed nowhere by
default, reachable by id, refusing new verdicts, claims and merges, never joined by new
claims; the same through the CLI (``articles delete``), the desk and the library. Ids a
deleted article held are never given to a new one (SQLite numbered from the largest stored
id: a new claim showed a deleted claim's verdicts as its own)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import sign_in, token
from verifier.cli import app
from verifier.review.actions import delete
from verifier.store.database import open_database
from verifier.store.stories import EMPTIED, StoryQuery, story_page
from verifier.web.app import create_app

runner = CliRunner()
BY = "Ann Reviewer"


def _run(db: str, *args: str, given: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--db", db], input=given)
    return result.exit_code, result.stdout, result.stderr


def _sql(db: str, query: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(query, params).fetchall()


def _article(db: str, title: str) -> int:
    return int(_sql(db, "SELECT id FROM articles WHERE title = ?", title)[0][0])


def _stories_of(db: str, article_id: int) -> list[int]:
    return [int(r[0]) for r in _sql(
        db, "SELECT DISTINCT story_id FROM story_claims JOIN claims ON claims.id = "
        "story_claims.claim_id WHERE claims.article_id = ? ORDER BY story_id", article_id)]


def _only_its_stories(db: str, article_id: int) -> list[int]:
    """The article's stories that hold no other article's claim (its deletion empties)."""
    return [s for s in _stories_of(db, article_id) if not _sql(
        db, "SELECT 1 FROM story_claims JOIN claims ON claims.id = story_claims.claim_id "
        "WHERE story_claims.story_id = ? AND claims.article_id <> ?", s, article_id)]


def test_the_cli_keeps_an_emptied_story_with_its_history_and_lists_it_only_when_asked(
    desk: str,
) -> None:
    article = _article(desk, "Stadium roof fails inspection")
    other = int(_sql(desk, "SELECT id FROM articles WHERE title LIKE '<script>%'")[0][0])
    (reviewed,) = _only_its_stories(desk, article)
    (plain,) = _only_its_stories(desk, other)
    emptied = [reviewed, plain]
    code, _, err = _run(desk, "stories", "mark", str(reviewed), "refuted", "--evidence",
                        "The inspectors' report says the roof is sound", "--by", BY)
    assert code == 0, err
    # asked to confirm; "no" changes nothing
    code, out, _ = _run(desk, "articles", "delete", str(article), "--reason", "wrong copy",
                        "--by", BY, given="n\n")
    assert code == 1 and f"Delete article {article} (Stadium roof fails inspection)" in out
    assert _article(desk, "Stadium roof fails inspection") == article
    code, out, err = _run(desk, "articles", "delete", str(article), "--reason", "wrong copy",
                          "--by", BY, "--yes", "--json")
    assert code == 0, err
    done = json.loads(out)
    # the story's verdict marked its claims too: those claim verdicts are orphaned (kept)
    assert done == {"article": article, "claims": 2, "orphaned_verdicts": 2,
                    "emptied_stories": [reviewed]}
    # the orphaned verdicts, listed on the command line as on the desk's Orphaned page
    code, out, err = _run(desk, "articles", "orphaned")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "2 orphaned verdicts (verdicts on claims whose article was deleted)"
    assert all(" refuted by Ann Reviewer on " in line for line in lines[1::2])
    assert all(f"article {article} “Stadium roof fails inspection” deleted by {BY} on " in line
               and line.endswith(": wrong copy") for line in lines[2::2])
    listed = json.loads(_run(desk, "articles", "orphaned", "--json")[1])
    assert {row["article_id"] for row in listed} == {article}
    assert {row["verdict"]["status"] for row in listed} == {"refuted"}
    code, out, err = _run(desk, "articles", "delete", str(other), "--reason", "test copy",
                          "--by", BY, given="y\n")
    assert code == 0, err
    assert (f"deleted article {other} and its 1 claim; 1 story left with no claim kept as "
            f"emptied, with their verdict history: {plain}") in " ".join(out.split())
    # every emptied story is kept (with a verdict or not), with no claim and the article
    rows = dict(_sql(desk, f"SELECT id, emptied_by FROM stories WHERE id IN ({reviewed}, "
                     f"{plain})"))
    assert rows == {reviewed: article, plain: other}
    # reachable by id, saying why it is empty, with its verdict history
    for story in emptied:
        code, out, err = _run(desk, "stories", "show", str(story))
        assert code == 0, err
        assert "Status: emptied · 0 claims" in out
        assert f", deleted by {BY} on " in " ".join(out.split())
        assert "Why (log-odds" not in out  # no score of no evidence
    out = " ".join(_run(desk, "stories", "show", str(reviewed))[1].split())
    assert (f"its last claims went with article {article} “Stadium roof fails inspection”, "
            f"deleted by {BY}") in out and "(reason: wrong copy)" in out
    assert "The inspectors' report says the roof is sound" in out
    shown = json.loads(_run(desk, "stories", "show", str(reviewed), "--json")[1])
    assert shown["status"] == EMPTIED and shown["score"] is None and shown["claims"] == []
    assert shown["emptied"]["article_id"] == article
    assert [v["status"] for v in shown["verdicts"]] == ["refuted"]
    # listed nowhere by default, nor under its verdict's status; only by --status emptied
    for args in ((), ("--min-claims", "0"), ("--status", "refuted", "--min-claims", "0")):
        ids = {row["id"] for row in json.loads(_run(desk, "stories", "list", "--json",
                                                    *args)[1])}
        assert not ids & set(emptied), args
    listed = json.loads(_run(desk, "stories", "list", "--status", EMPTIED, "--json")[1])
    assert {row["id"] for row in listed} == set(emptied)
    assert all(row["status"] == EMPTIED and row["score"] is None for row in listed)
    code, out, _ = _run(desk, "stories", "list", "--status", EMPTIED)
    assert code == 0 and "emptied: deleting an article took the story's last claims" in (
        " ".join(out.split()))
    report = json.loads(_run(desk, "report", "--all", "--min-claims", "1", "--format",
                             "json")[1])
    assert reviewed not in {story["id"] for story in report.get("stories", [])}


def test_an_emptied_story_takes_no_new_verdict_claim_or_merge_but_a_retraction(
    desk: str,
) -> None:
    article = _article(desk, "Stadium roof fails inspection")
    story = _only_its_stories(desk, article)[0]
    other = _stories_of(desk, _article(desk, "Harbour bridge to close for repairs"))[0]
    _run(desk, "stories", "mark", str(story), "confirmed", "--evidence", "seen", "--by", BY)
    assert _run(desk, "articles", "delete", str(article), "--reason", "dup", "--by", BY,
                "--yes")[0] == 0
    refused = f"story {story} is emptied (deleting article {article} took its last claims)"
    for args in (("stories", "mark", str(story), "refuted", "--evidence", "x", "--by", BY),
                 ("stories", "merge", str(story), str(other), "--by", BY),
                 ("stories", "merge", str(other), str(story), "--by", BY)):
        code, _, err = _run(desk, *args)
        assert code == 2 and refused in err, args
    claim = _sql(desk, "SELECT claim_id FROM story_claims WHERE story_id = ?", other)[0][0]
    code, _, err = _run(desk, "stories", "move", str(claim), "--to", str(story), "--by", BY)
    assert code == 2 and refused in err
    code, _, err = _run(desk, "stories", "retract", str(story), "--evidence", "mistaken",
                        "--by", BY)
    assert code == 0, err
    history = json.loads(_run(desk, "stories", "show", str(story), "--json")[1])["verdicts"]
    assert [v["status"] for v in history] == ["confirmed", "retracted"]


def test_ids_a_deleted_article_held_are_never_given_again(desk: str, tmp_path: Path) -> None:
    newest = int(_sql(desk, "SELECT max(id) FROM articles")[0][0])
    claims = [int(r[0]) for r in _sql(
        desk, "SELECT id FROM claims WHERE article_id = ? AND is_claim ORDER BY id", newest)]
    _run(desk, "claims", "mark", str(claims[0]), "confirmed", "--evidence",
         "an old verdict", "--by", BY)
    last = int(_sql(desk, "SELECT max(id) FROM claims WHERE article_id = ?", newest)[0][0])
    assert _run(desk, "articles", "delete", str(newest), "--reason", "dup", "--by", BY,
                "--yes")[0] == 0
    # the deleted ids say where they went (not "no claim with id")
    code, _, err = _run(desk, "claims", "show", str(claims[0]))
    assert code == 6 and err.startswith(f"verifier: error: claim {claims[0]} went with its "
                                        f"article: article {newest} ")
    assert f"was deleted by {BY} on " in err and "(reason: dup)" in err
    assert "its verdicts are kept (`verifier articles orphaned`" in err
    code, _, err = _run(desk, "articles", "show", str(newest))
    assert code == 6 and f"article {newest} " in err
    assert "the verdicts on its claims are kept" in err
    assert _run(desk, "claims", "show", "999")[2] == "verifier: error: no claim with id 999\n"
    fresh = tmp_path / "fresh.md"
    fresh.write_text("---\ntitle: Ferry timetable\n---\n"
                     "The ferry will run every hour from June, the port authority said.\n"
                     "Fares will stay the same, the operator said.\n", encoding="utf-8")
    code, _, err = _run(desk, "ingest", str(fresh), "--outlet", "none")
    assert code == 0, err
    article = _article(desk, "Ferry timetable")
    assert article > newest
    new_claims = [int(r[0]) for r in _sql(
        desk, "SELECT id FROM claims WHERE article_id = ?", article)]
    assert new_claims and min(new_claims) > last
    for claim in new_claims:  # no deleted claim's verdict shows as a new claim's
        assert json.loads(_run(desk, "claims", "show", str(claim), "--json")[1])[
            "verdicts"] == []
    # deleting the new newest article again works (its id is its own)
    assert _run(desk, "articles", "delete", str(article), "--reason", "test", "--by", BY,
                "--yes")[0] == 0
    new_stories = _sql(desk, "SELECT id FROM stories WHERE emptied_by = ?", article)
    assert new_stories  # its own stories, none of the first deletion's


def test_the_desk_deletes_as_the_command_line_does(desk: str) -> None:
    article = _article(desk, "Stadium roof fails inspection")
    story = _only_its_stories(desk, article)[0]
    editor = sign_in(TestClient(create_app(desk), raise_server_exceptions=False), "editor")
    form = editor.get(f"/articles/{article}/edit").text
    assert "a story left with no claim is kept as emptied" in form
    response = editor.post(f"/articles/{article}/delete", data={
        "csrf": token(editor), "reason": "wrong copy", "confirm": "yes"})
    assert response.status_code == 200
    assert "stories it left with no claim are kept" in response.text
    assert _sql(desk, "SELECT emptied_by FROM stories WHERE id = ?", story) == [(article,)]
    page = editor.get(f"/stories/{story}")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "Its last claims went with article" in text and "wrong copy" in text
    assert f'action="/stories/{story}/mark"' not in page.text  # no form to mark it
    assert f"/stories/{story}" not in editor.get("/stories?min_claims=0").text
    assert f"/stories/{story}" in editor.get("/stories?status=emptied").text
    gone = editor.get(f"/articles/{article}")
    assert gone.status_code == 404 and "was deleted by editor on" in gone.text
    response = editor.post(f"/stories/{story}/mark", data={
        "csrf": token(editor), "status": "confirmed", "evidence": "x"})
    assert response.status_code == 400 and "is emptied" in response.text


def test_the_library_returns_what_a_deletion_did(desk: str) -> None:
    article = _article(desk, "Stadium roof fails inspection")
    expected = _only_its_stories(desk, article)
    with open_database(desk, create=False) as database:
        with database.session_scope() as session:
            done = delete(session, article, actor=BY, reason="dup")
        assert set(expected) <= set(done.emptied) and done.orphaned == 0
        with database.session_scope(write=False) as session:
            page = story_page(session, StoryQuery(status=EMPTIED))
            default = story_page(session, StoryQuery(min_claims=0))
    assert {row.id for row in page.rows} == set(done.emptied)
    assert all(row.shown_status == EMPTIED for row in page.rows)
    assert not {row.id for row in default.rows} & set(done.emptied)
    # an emptied story has no terms left: grouping never offers it to a new claim
    for story in done.emptied:
        assert _sql(desk, "SELECT count(*) FROM story_names WHERE story_id = ?", story) == [
            (0,)]
