"""SQLite: claims enter the search index in bulk, not row by row.

A per-row FTS5 insert trigger costs about six times what one ``INSERT INTO claims_fts ...
SELECT`` per stored batch does, and most of ingest's storage time. ``verifier.store.articles``
(the only code that inserts claims) now indexes each batch itself, in the same transaction;
the update and delete triggers stay, so edits and cascaded deletes keep the index in step.
PostgreSQL's GIN index needs nothing.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INSERT_TRIGGER = """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
END"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(INSERT_TRIGGER)
