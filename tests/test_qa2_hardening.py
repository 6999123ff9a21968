"""Hardening, second round (session 35): a ``--db`` path holding URL characters, Ctrl-C
during an ingest's rollback, and the desk walked as an attacker would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import cli, ingest_text, run
from verifier.config import database_url
from verifier.store import database as dbmod
from verifier.store.reading import sqlite_file

ARTICLE = ("The harbour office said on Tuesday that the ferry to Kelmora would run twice a day.\n"
           "A deckhand told reporters the timetable was already printed.\n")

# -- a --db path is a path --------------------------------------------------------------

ODD_NAMES = ["what?.db", "notes#1.db", "100%.db", "a%20b.db", "q?uri=true&mode=ro.db"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_db_path_with_url_characters_is_that_file(tmp_path: Path, name: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "odd?#%dir"
    folder.mkdir()
    db = str(folder / name)
    ingest_text(db, tmp_path / "ferry.txt", ARTICLE, "--outlet", "none")
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) \
        == [name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ferry.txt", "odd?#%dir"]
    code, out, err = run("claims", "list", "--db", db, "--json", "--status", "any")
    assert code == 0, err
    assert any("timetable" in claim["text"] for claim in json.loads(out))
    assert "up to date" in cli("db", "current", "--db", db)


def test_an_odd_path_is_read_back_as_the_same_file(tmp_path: Path) -> None:
    for name in ODD_NAMES:
        path = tmp_path / "x?y#z%" / name
        assert sqlite_file(database_url(str(path))) == path
        assert dbmod.describe_url(database_url(str(path))) == str(path)
    assert database_url("postgresql+psycopg://u@h/db?sslmode=require") \
        == "postgresql+psycopg://u@h/db?sslmode=require"
    assert database_url("sqlite:///given.db?mode=ro") == "sqlite:///given.db?mode=ro"
    assert database_url("folder/x://y.db").startswith("sqlite:///folder/")  # no scheme first


def test_an_odd_path_at_an_older_revision_is_migrated(tmp_path: Path) -> None:
    db = str(tmp_path / "old?#%.db")
    with dbmod.open_database(db) as database:
        dbmod.downgrade(database, "0023")
    with dbmod.open_database(db, create=False) as database:
        assert database.revision() == dbmod.SCHEMA_REVISION
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) \
        == ["old?#%.db"]


def test_a_missing_odd_path_is_named_whole(tmp_path: Path) -> None:
    db = str(tmp_path / "gone?.db")
    code, _out, err = run("claims", "list", "--db", db)
    assert code == 5
    assert f"no database at {db} " in err
    assert list(tmp_path.iterdir()) == []
