"""Read-only queries on a SQLite database through the standard library's ``sqlite3``.

``claims list`` is the command a reviewer runs all day; importing SQLAlchemy alone costs more
than its whole time budget. For a plain SQLite file at this code's schema revision it runs
the shared SQL of ``verifier.store.queue_sql`` here; anything else (another backend, a URL with
options, a database that needs migrating) returns None and the caller takes the SQLAlchemy
path, which migrates or reports the problem.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from verifier.errors import DatabaseError, NotFoundError
from verifier.store.queue_sql import (
    OUTLET_SQL,
    ClaimFilter,
    ClaimRow,
    build_rows,
    kinds_sql,
    list_sql,
)
from verifier.store.schema import SCHEMA_REVISION

SQLITE_PREFIX = "sqlite:///"
BUSY_TIMEOUT_S = 10.0


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (None for other URLs or with options)."""
    if not url.startswith(SQLITE_PREFIX) or "?" in url:
        return None
    path = url[len(SQLITE_PREFIX) :]
    return Path(path) if path and path != ":memory:" else None


def list_claims_sqlite(path: Path, claim_filter: ClaimFilter) -> list[ClaimRow] | None:
    """The review queue from ``path``, or None when the SQLAlchemy path must answer."""
    claim_filter.validate()
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
        except sqlite3.DatabaseError:
            raise DatabaseError(f"{path} is not a SQLite database") from None
        if revision is None or revision[0] != SCHEMA_REVISION:
            return None
        outlet_id = None
        if claim_filter.outlet is not None:
            found = connection.execute(OUTLET_SQL, {"outlet": claim_filter.outlet}).fetchone()
            if found is None:
                raise NotFoundError(f"no outlet with id {claim_filter.outlet!r} in the database")
            outlet_id = found[0]
        sql, params = list_sql(claim_filter, "sqlite", outlet_id)
        rows = connection.execute(sql, params).fetchall()
        kind_rows: list[tuple[int, str]] = []
        if rows:
            sql, params = kinds_sql([row[0] for row in rows])
            kind_rows = connection.execute(sql, params).fetchall()
        return build_rows(rows, kind_rows)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseError(f"{path} is busy (locked by another process); try again") from None
        return None
    finally:
        connection.close()
