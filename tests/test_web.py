"""The review desk, route by route, through Starlette's test client (SQLite, and PostgreSQL
when VERIFIER_TEST_DB_URL is set)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from tests.web_helpers import PASSWORD, build_db, sign_in, token
from verifier.store.database import open_database
from verifier.store.models import (
    Attribution,
    AuditEntry,
    Claim,
    Correction,
    DeletedArticle,
    Verdict,
)
from verifier.web.app import create_app


@pytest.fixture
def desk(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.chdir(tmp_path)  # registry edits go to ./sources.yaml
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    yield build_db(tmp_path, db_url)


def client_for(db: str, user: str | None = "reviewer") -> TestClient:
    client = TestClient(create_app(db), base_url="http://testserver")
    return sign_in(client, user) if user else client


def query(db: str, statement: object) -> list[tuple[object, ...]]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return [tuple(row) for row in session.execute(statement)]  # type: ignore[call-overload]


def first_claim(db: str, words: str) -> int:
    rows = query(db, select(Claim.id).where(Claim.text.contains(words)))
    assert rows, words
    return int(rows[0][0])  # type: ignore[call-overload]


def test_every_page_renders_for_a_viewer(desk: str) -> None:
    client = client_for(desk, "viewer")
    claim = first_claim(desk, "harbour bridge")
    pages = ["/queue", "/queue?status=any&sort=published", "/stories", "/stories?status=any",
             "/articles", "/articles/1", f"/claims/{claim}", "/sources", "/reports", "/audit",
             "/orphaned", "/reports/download?format=json"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
    story = query(desk, select(func.min(Attribution.id)))  # any row: the db is populated
    assert story
    assert client.get("/users").status_code == 403
    assert client.get("/articles/1/edit").status_code == 403


def test_queue_filters_sort_and_paginate(desk: str) -> None:
    client = client_for(desk, "viewer")
    page = client.get("/queue?status=any&sourcing=declined").text
    assert "declined to comment" in page and "stadium roof" not in page
    page = client.get("/queue?status=any&outlet=Associated+Press").text  # an alias
    assert "stadium roof" in page and "harbour bridge" not in page
    page = client.get("/queue?status=any&certainty=probable").text
    assert "probably play" in page
    page = client.get("/queue?status=any&search=ferry").text
    assert "Ferry operators" in page and "harbour bridge will" not in page
    page = client.get("/queue?status=any&since=2026-03-03&until=2026-03-03").text
    assert "stadium roof" in page and "harbour bridge" not in page
    page = client.get("/queue?status=any&limit=25&sort=oldest").text
    assert "next →" not in page and "more on the next page" not in page
    claims = query(desk, select(func.count()).select_from(Claim).where(Claim.is_claim))[0][0]
    assert isinstance(claims, int) and claims > 2
    first = client.get("/queue?status=any&limit=25&sort=article").text
    assert "Score" in first and "Story" in first
    stories = query(desk, select(func.min(Claim.id)))
    assert stories


def test_queue_story_filter_and_column(desk: str) -> None:
    from verifier.store.models import StoryClaim

    rows = query(desk, select(StoryClaim.story_id, StoryClaim.claim_id))
    assert rows
    story_id, claim_id = rows[0]
    client = client_for(desk, "viewer")
    page = client.get(f"/queue?status=any&story={story_id}").text
    # the story column opens the page of the story's claims holding this one
    assert f'href="/claims/{claim_id}"' in page
    assert f'href="/stories/{story_id}?claim={claim_id}#c{claim_id}"' in page
    assert client.get(f"/stories/{story_id}?claim={claim_id}").status_code == 200


def test_unknown_outlet_or_bad_value_is_a_message_not_an_error(desk: str) -> None:
    client = client_for(desk, "viewer")
    response = client.get("/queue?outlet=Nowhere+Gazette")  # the queue, its filters kept,
    assert response.status_code == 400 and "unknown outlet" in response.text  # with why
    assert 'value="Nowhere Gazette"' in response.text
    response = client.get("/queue?status=bogus")
    assert response.status_code == 400 and "unknown status" in response.text
    assert client.get("/claims/999999").status_code == 404
    assert client.get("/articles/999999").status_code == 404


def test_mark_with_evidence_then_retract(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge will close")
    response = client.post(f"/claims/{claim}/mark", data={
        "csrf": token(client), "status": "confirmed", "evidence": "Ministry notice of 1 March",
        "url": "https://example.org/notice", "reviewer": "someone-else"})
    assert response.status_code == 200 and "Verdict recorded" in response.text
    verdicts = query(desk, select(Verdict.id, Verdict.reviewer, Verdict.status, Verdict.url)
                     .where(Verdict.claim_id == claim, Verdict.origin == "review"))
    assert [v[1:] for v in verdicts] == [("reviewer", "confirmed", "https://example.org/notice")]
    status = query(desk, select(Claim.status).where(Claim.id == claim))
    assert status == [("confirmed",)]
    response = client.post(f"/verdicts/{verdicts[0][0]}/retract", data={
        "csrf": token(client), "reason": "wrong bridge", "back": f"/claims/{claim}"})
    assert response.status_code == 200 and "Retracted" in response.text
    assert query(desk, select(Claim.status).where(Claim.id == claim)) == [("unverified",)]
    assert query(desk, select(Verdict.refers_to, Verdict.reviewer, Verdict.evidence)
                 .where(Verdict.status == "retracted")) == [
        (verdicts[0][0], "reviewer", "wrong bridge")]
    assert query(desk, select(func.count()).select_from(Verdict)) == [(2,)]  # history kept
    audit = query(desk, select(AuditEntry.actor, AuditEntry.action).order_by(AuditEntry.id))
    assert ("reviewer", "mark") in audit and ("reviewer", "retract") in audit
    page = client.get("/audit?actor=reviewer").text
    assert "retract" in page and "wrong bridge" in page


def test_mark_refuses_a_javascript_link_and_missing_evidence(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge will close")
    response = client.post(f"/claims/{claim}/mark", data={
        "csrf": token(client), "status": "refuted", "evidence": "x",
        "url": "javascript:alert(1)"})
    assert response.status_code == 400 and "not an http(s) url" in response.text
    response = client.post(f"/claims/{claim}/mark", data={
        "csrf": token(client), "status": "refuted", "evidence": " "})
    assert response.status_code == 400 and "needs evidence" in response.text
    assert query(desk, select(func.count()).select_from(Verdict)) == [(0,)]


def test_story_mark_and_retract_restores_every_claim(desk: str) -> None:
    from verifier.store.models import Story, StoryClaim

    story_id = query(desk, select(func.min(StoryClaim.story_id)))[0][0]
    client = client_for(desk, "reviewer")
    response = client.post(f"/stories/{story_id}/mark", data={
        "csrf": token(client), "status": "refuted", "evidence": "Council minutes"})
    assert response.status_code == 200
    verdict = query(desk, select(Verdict.id).where(Verdict.story_id == story_id,
                                                   Verdict.claim_id.is_(None)))[0][0]
    client.post(f"/verdicts/{verdict}/retract", data={
        "csrf": token(client), "reason": "premature", "back": f"/stories/{story_id}"})
    assert query(desk, select(Story.status).where(Story.id == story_id)) == [("unverified",)]
    members = [r[0] for r in query(desk, select(StoryClaim.claim_id)
                                   .where(StoryClaim.story_id == story_id))]
    statuses = {r[0] for r in query(desk, select(Claim.status).where(Claim.id.in_(members)))}
    assert statuses == {"unverified"}
    # the audit log reads as text, not as Python's repr of what was stored
    audit = client.get("/audit?action=retract").text
    row = audit[audit.index("<tbody>"):]
    assert "{&#39;" not in row and "[" not in row, row[:600]
    assert re.search(r"retractions: \d+(, \d+)+; status: unverified", row), row[:600]
    from typer.testing import CliRunner

    from verifier.cli import app

    for args in (["stories", "mark", str(story_id), "refuted", "--evidence", "Minutes"],
                 ["stories", "retract", str(story_id), "--evidence", "Premature"]):
        assert CliRunner().invoke(app, [*args, "--by", "Ana", "--db", desk]).exit_code == 0
    audit = client.get("/audit?action=retract&actor=Ana").text
    row = audit[audit.index("<tbody>"):]
    assert "{&#39;" not in row and "[" not in row, row[:600]
    assert "claims: " in row and f"{min(members)} unverified" in row, row[:600]


def test_story_split_move_merge(desk: str) -> None:
    from verifier.store.models import StoryClaim

    rows = query(desk, select(StoryClaim.story_id, StoryClaim.claim_id)
                 .order_by(StoryClaim.story_id, StoryClaim.claim_id))
    by_story: dict[int, list[int]] = {}
    for story_id, claim_id in rows:
        by_story.setdefault(int(story_id), []).append(int(claim_id))  # type: ignore[call-overload]
    big = next((s for s, c in by_story.items() if len(c) >= 2), None)
    client = client_for(desk, "reviewer")
    if big is None:  # group two claims by hand first
        ids = [int(r[0]) for r in query(desk, select(Claim.id).where(Claim.is_claim))][:2]  # type: ignore[call-overload]
        big = next(iter(by_story))
        client.post(f"/stories/{big}/move", data={"csrf": token(client),
                                                  "claim": f"{ids[0]}, {ids[1]}"})
        by_story[big] = ids
    moved = by_story[big][-1]
    response = client.post(f"/stories/{big}/split", data={
        "csrf": token(client), "claim": str(moved), "title": "Split off"})
    assert response.status_code == 200 and "Split off" in response.text
    new_id = query(desk, select(StoryClaim.story_id).where(StoryClaim.claim_id == moved))[0][0]
    assert new_id != big
    response = client.post(f"/stories/{big}/merge", data={"csrf": token(client),
                                                          "other": str(new_id)})
    assert response.status_code == 200
    assert query(desk, select(StoryClaim.story_id).where(StoryClaim.claim_id == moved)) == [
        (big,)]
    actions = {r[0] for r in query(desk, select(AuditEntry.action))}
    assert {"story-split", "story-merge"} <= actions


def test_correction_overrides_labels_everywhere_and_survives_reingest(
    desk: str, tmp_path: Path
) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "Repairs could cost")
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "possible",
        "kind": ["unnamed_official", "media", ""],
        "source": ["a senior official", "Reuters", ""], "evidence": "two sources",
        "back": "/articles/1"})
    assert response.status_code == 200 and "Correction saved" in response.text
    kinds = query(desk, select(Attribution.kind, Attribution.rule, Attribution.source_id)
                  .where(Attribution.claim_id == claim).order_by(Attribution.position))
    assert [k[0] for k in kinds] == ["unnamed_official", "media"]
    assert all(str(k[1]).startswith("correction:") for k in kinds)
    assert all(k[2] is not None for k in kinds)  # sources resolved
    assert query(desk, select(Claim.certainty).where(Claim.id == claim)) == [("possible",)]
    page = client.get("/queue?status=any&sourcing=media").text
    assert "Repairs could cost" in page  # the queue filter sees the correction
    # not a claim any more
    client.post(f"/claims/{claim}/correct", data={"csrf": token(client), "claim": "no",
                                                  "certainty": "", "back": "/articles/1",
                                                  "evidence": "a forecast"})
    assert "Repairs could cost" not in client.get("/queue?status=any").text
    assert query(desk, select(func.count()).select_from(Correction)) == [(2,)]
    # a correction survives deleting and re-ingesting the article (analysed anew)
    editor = client_for(desk, "editor")
    article_id = query(desk, select(Claim.article_id).where(Claim.id == claim))[0][0]
    editor.post(f"/articles/{article_id}/delete", data={
        "csrf": token(editor), "reason": "re-analyse", "confirm": "yes"})
    from typer.testing import CliRunner

    from verifier.cli import app as cli

    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "harbour.md"), "--db", desk])
    assert result.exit_code == 0, result.output
    again = first_claim(desk, "Repairs could cost")
    assert again != claim
    assert query(desk, select(Claim.is_claim).where(Claim.id == again)) == [(False,)]


def test_correction_input_is_validated(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "Repairs could cost")
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "sure", "kind": ["named"],
        "source": ["x"], "evidence": "e"})
    assert response.status_code == 400 and "certainty" in response.text
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "certain", "kind": ["gossip"],
        "source": ["x"], "evidence": "e"})
    assert response.status_code == 400 and "unknown sourcing kind" in response.text
    assert query(desk, select(func.count()).select_from(Correction)) == [(0,)]


def test_article_edit_reresolves_sources_and_delete_orphans_verdicts(desk: str) -> None:
    reviewer = client_for(desk, "reviewer")
    claim = first_claim(desk, "Repairs could cost")
    reviewer.post(f"/claims/{claim}/mark", data={"csrf": token(reviewer), "status": "disputed",
                                                 "evidence": "Budget papers disagree"})
    article_id = query(desk, select(Claim.article_id).where(Claim.id == claim))[0][0]
    assert reviewer.post(f"/articles/{article_id}/delete", data={
        "csrf": token(reviewer), "reason": "x", "confirm": "yes"}).status_code == 403
    editor = client_for(desk, "editor")
    before = query(desk, select(Attribution.source_id).where(Attribution.claim_id == claim,
                                                             Attribution.kind ==
                                                             "unnamed_official"))
    response = editor.post(f"/articles/{article_id}/edit", data={
        "csrf": token(editor), "title": "Bridge closure", "url": "https://example.org/b",
        "outlet": "Yonhap", "published": "2026-03-05"})
    assert response.status_code == 200 and "Bridge closure" in response.text
    after = query(desk, select(Attribution.source_id).where(Attribution.claim_id == claim,
                                                            Attribution.kind ==
                                                            "unnamed_official"))
    assert before and after and before != after  # "unnamed sources via" the new outlet
    response = editor.post(f"/articles/{article_id}/edit", data={
        "csrf": token(editor), "title": "t", "url": "javascript:alert(1)", "outlet": "",
        "published": ""})
    assert response.status_code == 400
    response = editor.post(f"/articles/{article_id}/delete", data={
        "csrf": token(editor), "reason": "ingested twice", "confirm": "yes"})
    assert response.status_code == 200 and "Budget papers disagree" in response.text
    assert "ingested twice" in response.text
    assert query(desk, select(func.count()).select_from(Verdict)) == [(1,)]  # kept
    assert query(desk, select(DeletedArticle.id, DeletedArticle.deleted_by)) == [
        (article_id, "editor")]
    assert editor.get(f"/articles/{article_id}").status_code == 404


def test_registry_add_and_edit_write_the_users_sources_file(desk: str, tmp_path: Path) -> None:
    editor = client_for(desk, "editor")
    response = editor.post("/sources/new", data={
        "csrf": token(editor), "id": "harbour-herald", "name": "Harbour Herald",
        "kind": "newspaper", "aliases": "The Herald; HH", "country": "IE",
        "url": "https://herald.example.org", "prior_confirmed": "3", "prior_refuted": "1",
        "prior_note": "test"})
    assert response.status_code == 200 and "Harbour Herald" in response.text
    text = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    assert "id: harbour-herald" in text and text.startswith("# verifier's source registry")
    response = editor.post("/sources/harbour-herald/edit", data={
        "csrf": token(editor), "name": "Harbour Herald Daily", "kind": "newspaper",
        "aliases": "", "prior_confirmed": "3", "prior_refuted": "1", "prior_note": "n"})
    assert "Harbour Herald Daily" in response.text
    before = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    response = editor.post("/sources/new", data={
        "csrf": token(editor), "id": "reuters", "name": "Dup", "kind": "newspaper"})
    assert response.status_code == 400 and "duplicate id" in response.text
    response = editor.post("/sources/new", data={
        "csrf": token(editor), "id": "bad", "name": "Bad", "kind": "blog"})
    assert response.status_code == 400
    assert (tmp_path / "sources.yaml").read_text(encoding="utf-8") == before
    reviewer = client_for(desk, "reviewer")
    assert reviewer.post("/sources/new", data={"csrf": token(reviewer), "id": "x", "name": "x",
                                               "kind": "newspaper"}).status_code == 403


def test_report_downloads(desk: str) -> None:
    client = client_for(desk, "viewer")
    from verifier.store.models import StoryClaim

    story_id = query(desk, select(func.min(StoryClaim.story_id)))[0][0]
    for fmt, media in (("html", "text/html"), ("md", "text/markdown"),
                       ("json", "application/json"), ("claimreview", "application/ld+json")):
        for scope, ident in (("all", ""), ("article", "1"), ("story", str(story_id)),
                             ("source", "reuters")):
            response = client.get(f"/reports/download?format={fmt}&scope={scope}&id={ident}")
            assert response.status_code == 200, (fmt, scope, response.text[:300])
            assert response.headers["content-type"].startswith(media)
            assert "attachment" in response.headers["content-disposition"]
    data = json.loads(client.get("/reports/download?format=json&scope=article&id=1").text)
    assert data["articles"][0]["id"] == 1
    assert client.get("/reports/download?format=pdf").status_code == 400
    assert client.get("/reports/download?scope=source&id=nobody").status_code == 404


def test_the_articles_page_filters_by_outlet_and_counts(desk: str) -> None:
    """The command line lists an outlet's articles; the desk's Articles page had no filter
    (an ``outlet`` in its address was ignored) and never said how many articles there were."""
    client = client_for(desk, "viewer")
    page = client.get("/articles").text
    assert "<p>3 articles.</p>" in page and 'name="outlet"' in page
    page = client.get("/articles", params={"outlet": "Reuters"}).text
    assert "<p>1 article from Reuters.</p>" in page
    assert "Harbour bridge" in page and "Stadium roof" not in page
    response = client.get("/articles", params={"outlet": "The Harbour Gazette"})
    assert "unknown outlet &#39;The Harbour Gazette&#39;" in response.text
    assert "Harbour bridge to close" not in response.text


def test_the_claim_page_spaces_its_separators(desk: str) -> None:
    """The claim page read "certainty possible· rule ..." and "(Reuters)· 2026-03-02· story
    1": a block tag swallowed the space before each separator."""
    client = client_for(desk, "viewer")
    claim = first_claim(desk, "harbour bridge")
    text = " ".join(re.sub(r"<[^>]+>", "", client.get(f"/claims/{claim}").text).split())
    assert re.search(r"certainty \w+ · rule ", text), text[:800]
    assert re.search(r"\(Reuters\) · 2026-03-02 · story \d+", text), text[:800]


def test_the_sources_page_shows_the_track_records_verdicts_taught(desk: str) -> None:
    """The Sources page listed the registry's priors only ("6/3 (a prior)"): what reviewers'
    verdicts taught about a source, and every party found in articles, were nowhere on the
    desk but in a downloaded report."""
    from verifier.store.models import StoryClaim

    client = client_for(desk, "viewer")
    assert "No verdict yet" in client.get("/sources").text
    story = query(desk, select(StoryClaim.story_id).where(
        StoryClaim.claim_id == first_claim(desk, "harbour bridge")))[0][0]
    reviewer = client_for(desk, "reviewer")
    assert reviewer.post(f"/stories/{story}/mark", data={
        "csrf": token(reviewer), "status": "confirmed", "evidence": "Council minutes"},
    ).status_code == 200
    page = client.get("/sources").text
    records = page[page.index("<h2>Track records</h2>"):page.index("<h2>Source registry</h2>")]
    # the council stood behind the story; the outlet only reported what it said (a verdict
    # credits or blames who asserted, not who relayed: issue 9)
    row = next(r for r in records.split("<tr>") if "<code>unnamed-via:reuters</code>" in r)
    assert "<td>1</td><td>0</td><td>0.67</td>" in row, row  # prior 1/1, then 1 confirmed
    assert "<code>reuters</code>" not in records  # no verdict taught the outlet anything
    assert "scope=source&amp;id=name%3A" in records  # a party's report, its key escaped


def test_a_story_page_dates_its_articles(desk: str) -> None:
    """The story page listed its articles by title and outlet only: a fact-checker could not
    tell which report came first."""
    from verifier.store.models import StoryClaim

    client = client_for(desk, "viewer")
    claim = first_claim(desk, "harbour bridge")
    story = query(desk, select(StoryClaim.story_id).where(StoryClaim.claim_id == claim))[0][0]
    page = client.get(f"/stories/{story}").text
    articles = page[page.index("<h2>Articles</h2>"):]
    assert "Harbour bridge to close for repairs</a> Reuters, 2026-03-02" in articles


def test_a_source_report_by_the_name_the_pages_print(desk: str) -> None:
    """A party the story pages name ("The city council") has no registry id: its report
    was found only by its stored key (name:city council), else 404."""
    client = client_for(desk, "viewer")
    for ident in ("The city council", "city council", "name:city council"):
        response = client.get("/reports/download", params={
            "format": "json", "scope": "source", "id": ident})
        assert response.status_code == 200, (ident, response.text[:300])
        assert [s["name"] for s in json.loads(response.text)["sources"]] == ["The city council"]
    assert client.get("/reports/download", params={
        "scope": "source", "id": "The harbour guild"}).status_code == 404


def test_admin_manages_users_and_a_reset_password_signs_out(desk: str) -> None:
    admin = client_for(desk, "admin")
    viewer = client_for(desk, "viewer")
    response = admin.post("/users", data={"csrf": token(admin), "op": "add", "name": "zoe",
                                          "role": "reviewer", "password": "short"})
    assert response.status_code == 400 and "at least 10" in response.text
    admin.post("/users", data={"csrf": token(admin), "op": "add", "name": "zoe",
                               "role": "reviewer", "password": PASSWORD})
    assert "zoe" in admin.get("/users").text
    admin.post("/users", data={"csrf": token(admin), "op": "password", "name": "viewer",
                               "password": "another long password"})
    assert viewer.get("/queue").url.path == "/login"  # the old session is no longer valid
    admin.post("/users", data={"csrf": token(admin), "op": "disable", "name": "zoe"})
    fresh = TestClient(create_app(desk))
    page = fresh.get("/login").text
    from tests.web_helpers import csrf_of

    response = fresh.post("/login", data={"csrf": csrf_of(page), "name": "zoe",
                                          "password": PASSWORD})
    assert response.status_code == 401
    assert admin.post("/users", data={"csrf": token(admin), "op": "disable",
                                      "name": "admin"}).status_code == 400


def test_db_verify_accepts_corrections_deletions_and_retractions(desk: str) -> None:
    from typer.testing import CliRunner

    from verifier.cli import app as cli

    client = client_for(desk, "editor")
    claim = first_claim(desk, "Repairs could cost")
    client.post(f"/claims/{claim}/correct", data={"csrf": token(client), "claim": "yes",
                                                  "certainty": "possible", "evidence": "may"})
    client.post(f"/claims/{claim}/mark", data={"csrf": token(client), "status": "confirmed",
                                               "evidence": "seen"})
    verdict = query(desk, select(func.max(Verdict.id)))[0][0]
    client.post(f"/verdicts/{verdict}/retract", data={"csrf": token(client), "reason": "no"})
    article_id = query(desk, select(Claim.article_id).where(Claim.id == claim))[0][0]
    client.post(f"/articles/{article_id}/delete", data={"csrf": token(client), "reason": "dup",
                                                        "confirm": "yes"})
    result = CliRunner().invoke(cli, ["db", "verify", "--db", desk])
    assert result.exit_code == 0, result.output
    assert "correction" in result.output or "history" in result.output


def test_a_correction_needs_evidence_as_on_the_command_line(desk: str) -> None:
    """`claims correct` requires --evidence; the desk's form called it an optional note and
    saved corrections that said nothing of why the analyser was wrong."""
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "Repairs could cost")
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "no", "note": "", "back": "/articles/1"})
    assert response.status_code == 400
    assert "say why the analyser is wrong" in response.text
    assert query(desk, select(func.count()).select_from(Correction)) == [(0,)]
    page = client.get("/articles/1").text
    form = page[page.index('action="/claims/'):]
    form = form[:form.index("</form>")]
    assert 'name="evidence"' in form and "required" in form.split('name="evidence"')[1][:80]
    assert "why the analyser is wrong" in form and ">Note <" not in form
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "no", "evidence": "a headline, not a claim",
        "back": "/articles/1"})
    assert response.status_code == 200 and "Correction saved" in response.text
    assert query(desk, select(Correction.note)) == [("a headline, not a claim",)]


def test_the_claim_page_explains_a_learned_attribution_in_words(
    desk: str, tmp_path: Path
) -> None:
    """The desk printed the learned model's raw feature weights to reviewers ("weighed
    most: sh=x (+46.8)"): the claim page says them in words."""
    from typer.testing import CliRunner

    from verifier.cli import app as cli

    path = tmp_path / "rally.txt"
    path.write_text("The library will close for a week in May.\nGovernor Alan Brooks "
                    "bemoaned the new jobs figures at a rally in Dayton on Friday.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", desk])
    assert result.exit_code == 0, result.output
    page = client_for(desk, "reviewer").get(f"/claims/{first_claim(desk, 'bemoaned')}").text
    assert "the learned model proposed it (score 0." in page, page
    assert "weighed most" not in page and "sh=x" not in page


def test_a_possibly_related_match_has_no_adopt_button(desk: str, tmp_path: Path) -> None:
    """A match sharing only names ('Mayor Ivo Marsh is in hospital' against the refuted
    'Mayor Ivo Marsh is dead') is shown as possibly related without the one-click Adopt;
    one sharing what is said keeps it, and the adopt action refuses the weak one."""
    from typer.testing import CliRunner

    from tests.test_cli_first_day import mayor_desk

    weak, strong = mayor_desk(CliRunner(), desk, tmp_path)
    client = client_for(desk, "reviewer")
    page = client.get(f"/claims/{weak}").text
    assert "possibly related" in page and "/adopt" not in page, page
    assert "/adopt" in client.get(f"/claims/{strong}").text
    ref = re.search(r"<code>(claim:\d+)</code>", page)
    assert ref is not None
    response = client.post(f"/claims/{weak}/adopt", data={"csrf": token(client),
                                                          "from": ref.group(1)})
    assert response.status_code == 400 and "possibly related" in response.text
