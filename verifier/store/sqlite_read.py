"""The review queue through the standard library's ``sqlite3`` (no SQLAlchemy).

``claims list`` is the command a reviewer runs all day; importing SQLAlchemy alone costs more
than its whole time budget. For a plain SQLite file at this code's schema revision,
``list_claims_sqlite`` runs ``verifier.store.claims.list_claims`` (the shared SQL of
``verifier.store.queue_sql``) on a stdlib connection (``verifier.store.reading``); anything
else (another backend, a URL with options, a database that needs migrating) returns None and
the caller takes the SQLAlchemy path, which migrates or reports the problem. The CLI reaches
the same choice through ``verifier.store.reading.open_reader``.
"""

from __future__ import annotations

from pathlib import Path

from verifier.store.claims import list_claims
from verifier.store.queue_sql import ClaimFilter, ClaimRow
from verifier.store.reading import open_sqlite
from verifier.store.reading import sqlite_file as sqlite_file


def list_claims_sqlite(path: Path, claim_filter: ClaimFilter) -> list[ClaimRow] | None:
    """The review queue from ``path``, or None when the SQLAlchemy path must answer."""
    claim_filter.validate()
    with open_sqlite(path) as rows:
        return None if rows is None else list_claims(rows, claim_filter)
