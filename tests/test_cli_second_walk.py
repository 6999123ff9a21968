"""Defects a new user's walk found outside the first walk's files (session 21, second pass)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD
from verifier.cli import app

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
