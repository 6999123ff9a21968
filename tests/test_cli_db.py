"""``verifier db upgrade|current|history`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from tests.cli_helpers import run
from verifier.store.database import SCHEMA_REVISION, open_database


def test_upgrade_creates_and_current_reports(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    code, _, err = run("db", "current", "--db", db)
    assert code == 5 and "no database at" in err and not Path(db).exists()
    code, out, _ = run("db", "upgrade", "--db", db)
    assert code == 0 and f"revision {SCHEMA_REVISION}" in out
    code, out, _ = run("db", "current", "--db", db, "--json")
    assert code == 0
    assert json.loads(out) == {
        "database": db, "revision": SCHEMA_REVISION, "rows": [SCHEMA_REVISION],
        "head": SCHEMA_REVISION, "state": "up to date",
    }
    assert run("db", "upgrade", "--db", db)[0] == 0  # idempotent


def test_history_lists_revisions() -> None:
    code, out, _ = run("db", "history")
    assert code == 0 and f"-> {SCHEMA_REVISION} (head)" in out and "<base> -> 0001" in out
    data = json.loads(run("db", "history", "--json")[1])
    assert data[0]["revision"] == SCHEMA_REVISION and data[0]["head"]


def test_newer_and_foreign_databases_are_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    with open_database(db) as database, database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    code, out, _ = run("db", "current", "--db", db)
    assert code == 1 and "unknown revision f00d (newer than this verifier" in out
    code, _, err = run("db", "upgrade", "--db", db)
    assert code == 5 and "revision f00d, newer than this verifier" in err
    code, _, err = run("claims", "list", "--db", db)
    assert code == 5 and "newer" in err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01garbage" * 500)
    code, _, err = run("db", "upgrade", "--db", str(junk))
    assert code == 5 and "not a SQLite database" in err and err.count("\n") == 1
    code, _, err = run("db", "upgrade", "--db", str(tmp_path / "missing" / "v.db"))
    assert code == 5 and "directory" in err
