"""Defects a new user's walk found outside the first walk's files (session 21, second pass)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sqlalchemy import func, select
from starlette.testclient import TestClient

from tests.web_helpers import PASSWORD, build_db, sign_in, token
from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.models import Claim, Correction

runner = CliRunner()


def run(*args: str, input: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, result.output
    return result.output


def test_users_role_keeps_the_last_admin(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier import passwords

    monkeypatch.setattr(passwords, "N", 2**10)
    db = str(tmp_path / "u.db")
    run("users", "add", "ann", "--role", "admin", "--password-stdin", "--db", db,
        input=PASSWORD + "\n")
    out = run("users", "role", "ann", "viewer", "--db", db, code=2)
    assert "ann is the last admin" in out and "Traceback" not in out
    assert "last admin" in run("users", "disable", "ann", "--db", db, code=2)
    assert "ann\tadmin\t" in run("users", "list", "--db", db)  # nothing changed
    run("users", "add", "bob", "--role", "admin", "--password-stdin", "--db", db,
        input=PASSWORD + "\n")
    assert "ann is now viewer" in run("users", "role", "ann", "viewer", "--db", db)
    assert "last admin" in run("users", "role", "bob", "editor", "--db", db, code=2)
    assert "unknown role" in run("users", "role", "bob", "boss", "--db", db, code=2)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return build_db(tmp_path)


def _claim_of(db: str, words: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
            write=False) as session:
        return int(session.scalars(select(Claim.id).where(Claim.text.contains(words))).first()
                   or 0)


def _corrections(db: str) -> int:
    with open_database(db, create=False) as database, database.session_scope(
            write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Correction)) or 0)


def test_a_speaker_label_needs_its_source_words(desk: str) -> None:
    claim = str(_claim_of(desk, "Repairs could cost"))
    for value in ("named", "official:", "media:   "):
        out = run("claims", "correct", claim, "--sourcing", value, "--by", "Ana",
                  "--evidence", "a witness said it", "--db", desk, code=2)
        assert "needs the source's words" in out and "Traceback" not in out
    assert "may have none" in run("claims", "correct", "--help")
    run("claims", "correct", claim, "--sourcing", "unnamed:", "--by", "Ana",
        "--evidence", "hearsay", "--db", desk)  # hearsay may have no words
    assert _corrections(desk) == 1
    from verifier.web.app import create_app

    client = sign_in(TestClient(create_app(desk), base_url="http://testserver"), "reviewer")
    page = client.get(f"/claims/{claim}").text
    assert "official, named and media need the source" in page
    response = client.post(f"/claims/{claim}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "possible",
        "kind": ["named", ""], "source": ["", ""], "evidence": "a witness",
        "back": f"/claims/{claim}"})
    assert "needs the source" in response.text
    assert _corrections(desk) == 1
