"""`stories rename` and the desk's Rename go through one library function
(``verifier.review.actions.rename_story``): the same audit entry from both, the title as
stored (the command line audited the title as typed, through its own path), the command
line's marked ``via: cli`` as its other edits are."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import sign_in, token
from verifier.cli import app
from verifier.review.actions import rename_story
from verifier.store.database import open_database
from verifier.store.models import AuditEntry
from verifier.web.app import create_app

runner = CliRunner()


@pytest.fixture
def desk(desk: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shared desk (``conftest.desk``), with no $VERIFIER_REVIEWER to name the actor."""
    monkeypatch.delenv("VERIFIER_REVIEWER", raising=False)
    return desk


def _renames(db: str) -> list[tuple[str, str, str, dict[str, object]]]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        rows = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "story-rename").order_by(AuditEntry.id)).all()
        return [(r.actor, r.action, r.target, json.loads(r.detail)) for r in rows]


def test_the_command_line_and_the_desk_write_the_same_audit_entry(
    desk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reviewer = sign_in(TestClient(create_app(desk)), "reviewer")
    done = reviewer.post("/stories/1/rename", data={
        "csrf": token(reviewer, "/stories/1"), "title": "  Harbour bridge   closure "})
    assert done.status_code == 200
    result = runner.invoke(app, ["stories", "rename", "2", "  Stadium   roof cracks ",
                                 "--by", "Rita Fact", "--db", desk])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("VERIFIER_REVIEWER", "Env Reviewer")
    result = runner.invoke(app, ["stories", "rename", "2", "Stadium roof", "--db", desk])
    assert result.exit_code == 0, result.output
    desk_row, cli_row, env_row = _renames(desk)
    assert desk_row == ("reviewer", "story-rename", "story 1",
                        {"title": "Harbour bridge closure"})
    assert cli_row == ("Rita Fact", "story-rename", "story 2",
                       {"title": "Stadium roof cracks", "via": "cli"})
    assert env_row[0] == "Env Reviewer"
    assert {k for k in cli_row[3] if k != "via"} == set(desk_row[3])


def test_the_command_line_calls_the_library_function(
    desk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, str, str, str | None]] = []

    def spy(session: object, story_id: int, title: str, *, actor: str,
            via: str | None = None) -> None:
        calls.append((story_id, title, actor, via))
        rename_story(session, story_id, title, actor=actor, via=via)  # type: ignore[arg-type]

    monkeypatch.setattr("verifier.review.actions.rename_story", spy)
    result = runner.invoke(app, ["stories", "rename", "1", "Bridge", "--by", "Ann",
                                 "--db", desk])
    assert result.exit_code == 0, result.output
    assert calls == [(1, "Bridge", "Ann", "cli")]
