"""Opening databases: creation and migration, SQLite settings, and clear errors."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.conftest import sample_analysis
from verifier.config import database_url
from verifier.errors import DatabaseError
from verifier.registry import Registry
from verifier.store import database as dbmod
from verifier.store import save_article
from verifier.store.models import Article


@pytest.mark.usefixtures("real_migrations")
def test_first_open_creates_and_migrates(db_url: str) -> None:
    with dbmod.open_database(db_url) as database:
        assert database.revision() == dbmod.SCHEMA_REVISION
    with dbmod.open_database(db_url) as database:  # a second open changes nothing
        assert database.revision() == dbmod.SCHEMA_REVISION


def test_database_url_takes_paths_urls_and_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VERIFIER_DB", raising=False)
    assert database_url() == "sqlite:///verifier.db"
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("VERIFIER_DB", "team.db")
    assert database_url() == "sqlite:///team.db"
    assert database_url("mine.db") == "sqlite:///mine.db"


def test_sqlite_connections_get_wal_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    with dbmod.open_database(sqlite_url) as database, database.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == dbmod.BUSY_TIMEOUT_MS
        assert pragma("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_a_reader_is_not_blocked_by_an_open_write(sqlite_url: str, registry: Registry) -> None:
    with dbmod.open_database(sqlite_url) as database:
        writer = database.session(write=True)
        save_article(writer, sample_analysis(), registry=registry)  # uncommitted
        counts: list[int] = []

        def read() -> None:
            with database.session() as reader:
                counts.append(reader.scalar(select(func.count()).select_from(Article)) or 0)

        thread = threading.Thread(target=read)
        thread.start()
        thread.join(timeout=5)
        assert counts == [0]  # the reader saw the last committed state, at once
        writer.commit()
        writer.close()
        read()
        assert counts == [0, 1]


def test_a_failed_transaction_leaves_nothing(db_url: str, registry: Registry) -> None:
    with dbmod.open_database(db_url) as database:
        with pytest.raises(RuntimeError), database.session_scope() as session:
            save_article(session, sample_analysis(), registry=registry)
            raise RuntimeError("interrupted")
        with database.session_scope(write=False) as session:
            assert session.scalar(select(func.count()).select_from(Article)) == 0


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        dbmod.open_database(str(path))
    assert path.read_text().startswith("these are my notes")


def test_a_sqlite_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseError, match="not a verifier database"):
        dbmod.open_database(str(path))


def test_a_database_newer_than_the_code(db_url: str) -> None:
    with dbmod.open_database(db_url) as database, database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseError, match=r"revision 9999, newer than this verifier"):
        dbmod.open_database(db_url)


def test_missing_directory_and_refusing_to_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        dbmod.open_database(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(DatabaseError, match="no database at"):
        dbmod.open_database(str(tmp_path / "x.db"), create=False)
    assert not (tmp_path / "x.db").exists()
    with pytest.raises(DatabaseError, match="is a directory"):
        dbmod.open_database(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_an_unwritable_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(DatabaseError, match="cannot"):
            dbmod.open_database(str(locked / "x.db"))
    finally:
        locked.chmod(0o700)


def test_a_read_only_database_file(sqlite_url: str, tmp_path: Path, registry: Registry) -> None:
    dbmod.open_database(sqlite_url).close()
    uri = f"file:{tmp_path / 'verifier.db'}?mode=ro"
    url = f"sqlite:///{uri}&uri=true"
    database = dbmod.open_database(url)
    with pytest.raises(DatabaseError, match="read-only"), database.session_scope() as session:
        save_article(session, sample_analysis(), registry=registry)
    database.close()


def test_history_lists_the_shipped_migrations() -> None:
    revisions = dbmod.history()
    assert revisions[0].is_head and revisions[0].revision == dbmod.SCHEMA_REVISION
    assert revisions[-1].down_revision is None
    assert all(r.message for r in revisions)


def test_urls_are_described_without_passwords() -> None:
    assert dbmod.describe_url("sqlite:////tmp/a.db") == "/tmp/a.db"
    shown = dbmod.describe_url("postgresql+psycopg://me:secret@host/db")
    assert "secret" not in shown and "host/db" in shown


def test_planner_statistics_are_refreshed_when_missing_or_stale(
    sqlite_url: str, registry: Registry
) -> None:
    """The review queue's plans depend on ``sqlite_stat1``; ingest keeps it current."""
    from tests.conftest import SAMPLE_TEXT

    def counted(database: dbmod.Database) -> int:
        with database.engine.connect() as connection:
            stat = connection.exec_driver_sql(dbmod._STATISTICS_SEEN).scalar()
        return int(str(stat).split()[0])

    with dbmod.open_database(sqlite_url) as database:
        assert not dbmod.refresh_statistics(database)  # nothing stored: nothing to count
        with database.session_scope() as session:
            save_article(session, sample_analysis(), registry=registry)
        assert dbmod.refresh_statistics(database) and counted(database) == 7
        with database.session_scope() as session:
            save_article(session, sample_analysis(SAMPLE_TEXT + "\nOne."), registry=registry)
        assert dbmod.refresh_statistics(database) and counted(database) == 14
        assert not dbmod.refresh_statistics(database)  # current: left alone
