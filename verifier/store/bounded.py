"""A read given a time budget: the query is stopped once it has run that long, and the
caller is told nothing rather than made to wait (what the desk's queue count needs: a
number when it is cheap, none when counting would slow the page).

SQLite: a progress handler interrupts the statement past its deadline (the connection is
left as it was). PostgreSQL: ``statement_timeout`` set for the statement in a savepoint,
which is rolled back on a timeout so the surrounding transaction goes on.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING, Any, cast

from verifier.store.reading import Params, Rows, SessionRows, SqliteRows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def within(rows: Rows, sql: str, params: Params, budget_s: float) -> list[tuple[Any, ...]] | None:
    """The rows of ``sql``, or None if it ran longer than ``budget_s`` seconds (or the
    backend cannot bound it)."""
    if isinstance(rows, SqliteRows):
        return _sqlite(rows.connection, rows, sql, params, budget_s)
    if isinstance(rows, SessionRows):
        if rows.dialect == "sqlite":
            rows.session.flush()
            driver = rows.session.connection().connection.driver_connection
            return _sqlite(cast(sqlite3.Connection, driver), rows, sql, params, budget_s)
        if rows.dialect == "postgresql":
            return _postgres(rows.session, sql, params, budget_s)
    return None


def _sqlite(connection: sqlite3.Connection, rows: Rows, sql: str, params: Params,
            budget_s: float) -> list[tuple[Any, ...]] | None:
    deadline = time.perf_counter() + budget_s
    connection.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
    try:
        return rows.all(sql, params)
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            return None
        raise
    finally:
        connection.set_progress_handler(None, 0)


def _postgres(session: Session, sql: str, params: Params,
              budget_s: float) -> list[tuple[Any, ...]] | None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    milliseconds = max(1, int(budget_s * 1000))
    savepoint = session.begin_nested()
    try:
        session.execute(text(f"SET LOCAL statement_timeout = {milliseconds}"))
        found = [tuple(row) for row in session.execute(text(sql), dict(params))]
    except OperationalError as exc:
        savepoint.rollback()  # undoes the SET LOCAL too
        if "statement timeout" in str(exc) or "canceling statement" in str(exc):
            return None
        raise
    savepoint.rollback()  # a read: nothing to keep, and the timeout goes with it
    return found
