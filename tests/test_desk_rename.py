"""A story renamed on the desk (its page's Rename), as `verifier stories rename` does: the
reviewer's title is shown and audited; a viewer has no form and is refused."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from starlette.testclient import TestClient

from tests.web_helpers import sign_in, token
from verifier.limits import LIMITS
from verifier.store.database import open_database
from verifier.store.models import AuditEntry
from verifier.web.app import create_app


def test_a_reviewer_renames_a_story_on_its_page(desk: str) -> None:
    app = create_app(desk)
    reviewer = sign_in(TestClient(app), "reviewer")
    page = reviewer.get("/stories/1").text
    assert 'action="/stories/1/rename"' in page
    done = reviewer.post("/stories/1/rename", data={
        "csrf": token(reviewer, "/stories/1"), "title": "  Harbour bridge   closure  "})
    assert done.url.path == "/stories/1" and "Story renamed." in done.text
    assert "Story 1: Harbour bridge closure" in done.text
    with open_database(desk, create=False) as database, database.session_scope(
        write=False
    ) as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "story-rename")).one()
    assert (entry.actor, entry.target) == ("reviewer", "story 1")
    assert "Harbour bridge closure" in entry.detail
    for title, said in (("", "cannot be empty"),
                        ("t" * (LIMITS["story title"] + 1), "the story title is")):
        refused = reviewer.post("/stories/1/rename", data={
            "csrf": token(reviewer, "/stories/1"), "title": title})
        assert refused.status_code == 400 and said in refused.text
    viewer = sign_in(TestClient(app), "viewer")
    assert 'action="/stories/1/rename"' not in viewer.get("/stories/1").text
    assert viewer.post("/stories/1/rename", data={
        "csrf": token(viewer, "/stories/1"), "title": "x"}).status_code == 403


def test_the_sources_page_says_where_an_edit_of_the_packaged_registry_goes(
    desk: str, tmp_path: Path
) -> None:
    editor = sign_in(TestClient(create_app(desk)), "editor")
    page = editor.get("/sources").text
    assert "the registry packaged with verifier" in page
    assert str(tmp_path / "sources.yaml") in page
    saved = editor.post("/sources/new", data={
        "csrf": token(editor, "/sources"), "id": "velm-courier", "name": "Velm Courier",
        "kind": "newspaper"})
    assert saved.status_code == 200 and (tmp_path / "sources.yaml").exists()
    page = editor.get("/sources?q=velm").text  # the user's file is read from then on (found:
    # the registry is shown a page at a time)
    assert "the registry packaged with verifier" not in page and "Velm Courier" in page
    viewer = sign_in(TestClient(create_app(desk)), "viewer")
    assert "the registry packaged" not in viewer.get("/sources").text
