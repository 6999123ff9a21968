"""Tamper-evident history: retractions, carried verdicts, a hash-chained log, REPLACE refused.

- ``verdicts`` gains ``origin`` (review, story, merge, split, move, decision, retraction) and
  ``refers_to`` (the verdict a retraction withdraws, a carried verdict carries, or a claim's
  verdict was written with); status ``retracted`` marks a retraction. Existing rows become
  ``review``, or ``story`` when they name both a claim and a story (written by
  ``stories mark``; ``refers_to`` then points at the story verdict written with them).
- ``stories`` gains ``merged_into``: a story a merge emptied points at the one holding its
  claims (and a verdict carried from it).
- ``history_log``: one entry per verdict with its canonical payload and a SHA-256 hash
  chained to the entry before (``verifier.store.history``); existing verdicts are entered in
  id order.
- Append-only triggers on ``verdicts`` and ``history_log`` refuse UPDATE and DELETE as before
  and, on SQLite, an INSERT whose id (or log position) is taken: ``REPLACE INTO`` and
  ``INSERT OR REPLACE`` delete the old row without firing delete triggers, so they are
  refused before the delete. PostgreSQL has no REPLACE (``ON CONFLICT DO UPDATE`` fires the
  update trigger) and also refuses TRUNCATE.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY = "verdicts are append-only: add a new verdict instead"
LOG_APPEND_ONLY = "the history log is append-only"
OLD_STATUS = "status IN ('confirmed', 'refuted', 'disputed')"
NEW_STATUS = "status IN ('confirmed', 'refuted', 'disputed', 'retracted')"
ORIGIN = "origin IN ('review', 'story', 'merge', 'split', 'move', 'decision', 'retraction')"
REFERS = (
    "(status = 'retracted') = (origin = 'retraction') "
    "AND (origin = 'review' OR origin = 'decision' OR origin = 'story' "
    "OR refers_to IS NOT NULL)"
)

#: Every append-only trigger this revision leaves, by backend (``db verify`` checks them).
SQLITE_TRIGGERS = {
    "verdicts_no_update": f"""CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
    "verdicts_no_delete": f"""CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
    "verdicts_no_replace": f"""CREATE TRIGGER verdicts_no_replace BEFORE INSERT ON verdicts
        WHEN EXISTS (SELECT 1 FROM verdicts WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
    "history_log_no_update": f"""CREATE TRIGGER history_log_no_update BEFORE UPDATE
        ON history_log BEGIN SELECT RAISE(ABORT, '{LOG_APPEND_ONLY}'); END""",
    "history_log_no_delete": f"""CREATE TRIGGER history_log_no_delete BEFORE DELETE
        ON history_log BEGIN SELECT RAISE(ABORT, '{LOG_APPEND_ONLY}'); END""",
    "history_log_no_replace": f"""CREATE TRIGGER history_log_no_replace BEFORE INSERT
        ON history_log WHEN EXISTS (SELECT 1 FROM history_log WHERE seq = NEW.seq
            OR (kind = NEW.kind AND row_id = NEW.row_id))
        BEGIN SELECT RAISE(ABORT, '{LOG_APPEND_ONLY}'); END""",
}
POSTGRES_TRIGGERS = {
    "history_log_no_change": """CREATE TRIGGER history_log_no_change BEFORE UPDATE OR DELETE
        ON history_log FOR EACH ROW EXECUTE FUNCTION history_log_append_only()""",
    "history_log_no_truncate": """CREATE TRIGGER history_log_no_truncate BEFORE TRUNCATE
        ON history_log FOR EACH STATEMENT EXECUTE FUNCTION history_log_append_only()""",
}
POSTGRES_FUNCTION = f"""CREATE FUNCTION history_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{LOG_APPEND_ONLY}'; END $$"""


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    sqlite = _sqlite()
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS verdicts_no_update")
        op.execute("DROP TRIGGER IF EXISTS verdicts_no_delete")
    else:
        op.execute("ALTER TABLE verdicts DISABLE TRIGGER verdicts_no_change")
    with op.batch_alter_table("verdicts") as batch:
        batch.add_column(sa.Column("origin", sa.String(12), nullable=False,
                                   server_default="review"))
        batch.add_column(sa.Column("refers_to", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_verdicts_refers_to_verdicts"), "verdicts",
                                 ["refers_to"], ["id"])
        batch.drop_constraint(op.f("ck_verdicts_status"), type_="check")
    op.execute(
        "UPDATE verdicts SET origin = 'story', refers_to = (SELECT s.id FROM verdicts s "
        "WHERE s.story_id = verdicts.story_id AND s.claim_id IS NULL "
        "AND s.created_at = verdicts.created_at ORDER BY s.id LIMIT 1) "
        "WHERE claim_id IS NOT NULL AND story_id IS NOT NULL"
    )
    with op.batch_alter_table("verdicts") as batch:
        batch.create_check_constraint(op.f("ck_verdicts_status"), NEW_STATUS)
        batch.create_check_constraint(op.f("ck_verdicts_origin"), ORIGIN)
        batch.create_check_constraint(op.f("ck_verdicts_refers"), REFERS)
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("merged_into", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_stories_merged_into_stories"), "stories",
                                 ["merged_into"], ["id"])
    op.create_table(
        "history_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_history_log")),
        sa.UniqueConstraint("kind", "row_id", name="uq_history_log_kind_row_id"),
    )
    _chain_existing()
    if sqlite:
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)
    else:
        op.execute("ALTER TABLE verdicts ENABLE TRIGGER verdicts_no_change")
        op.execute(POSTGRES_FUNCTION)
        for statement in POSTGRES_TRIGGERS.values():
            op.execute(statement)


#: The verdict columns as of this revision (a later revision may add more).
VERDICT_COLUMNS = (
    "id", "claim_id", "story_id", "status", "origin", "refers_to", "evidence", "url", "note",
    "reviewer", "score", "created_at",
)


def _chain_existing() -> None:
    """Enter the verdicts that exist in id order (the payload code is the application's)."""
    from verifier.store.history import GENESIS, HistoryKind, chain_hash, chain_rows
    from verifier.store.models import UTCDateTime

    connection = op.get_bind()
    types: dict[str, Any] = {"score": sa.Float(), "created_at": UTCDateTime()}
    integers = ("id", "claim_id", "story_id", "refers_to")
    verdicts = sa.Table("verdicts", sa.MetaData(), *(
        sa.Column(name, types.get(name, sa.Integer() if name in integers else sa.Text()))
        for name in VERDICT_COLUMNS
    ))
    kind = HistoryKind("verdict", verdicts, VERDICT_COLUMNS, "verdict")
    log = sa.table("history_log", sa.column("seq"), sa.column("kind"), sa.column("row_id"),
                   sa.column("payload"), sa.column("hash"))
    previous = GENESIS
    entries = []
    for seq, (row_id, payload) in enumerate(chain_rows(connection, kind), start=1):
        previous = chain_hash(previous, "verdict", payload)
        entries.append({"seq": seq, "kind": "verdict", "row_id": row_id, "payload": payload,
                        "hash": previous})
    if entries:
        connection.execute(log.insert(), entries)


def downgrade() -> None:
    sqlite = _sqlite()
    if sqlite:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON history_log")
        op.execute("DROP FUNCTION IF EXISTS history_log_append_only()")
        op.execute("ALTER TABLE verdicts DISABLE TRIGGER verdicts_no_change")
    op.drop_table("history_log")
    with op.batch_alter_table("stories") as batch:
        batch.drop_constraint(op.f("fk_stories_merged_into_stories"), type_="foreignkey")
        batch.drop_column("merged_into")
    # Retractions and carried verdicts have no place in the older schema: they go.
    op.execute("DELETE FROM verdicts WHERE origin <> 'review' AND origin <> 'story'")
    with op.batch_alter_table("verdicts") as batch:
        batch.drop_constraint(op.f("ck_verdicts_refers"), type_="check")
        batch.drop_constraint(op.f("ck_verdicts_origin"), type_="check")
        batch.drop_constraint(op.f("ck_verdicts_status"), type_="check")
        batch.drop_constraint(op.f("fk_verdicts_refers_to_verdicts"), type_="foreignkey")
        batch.drop_column("refers_to")
        batch.drop_column("origin")
        batch.create_check_constraint(op.f("ck_verdicts_status"), OLD_STATUS)
    if sqlite:
        op.execute(f"""CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts BEGIN
            SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""")
        op.execute(f"""CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts BEGIN
            SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""")
    else:
        op.execute("ALTER TABLE verdicts ENABLE TRIGGER verdicts_no_change")
