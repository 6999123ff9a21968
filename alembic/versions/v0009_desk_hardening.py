"""The audit log joins the tamper-evident history; corrections refuse REPLACE; an index for
the story list's open-status filter.

- ``audit_log`` becomes append-only like ``verdicts``: UPDATE and DELETE are refused and, on
  SQLite, an INSERT whose id is taken (``REPLACE INTO`` deletes the old row without firing
  delete triggers); PostgreSQL also refuses TRUNCATE. Every audit entry is recorded in
  ``history_log`` (kind ``audit``; ``verifier.store.history``): the entries that exist are
  appended after the log's head in id order, so ``verifier db verify`` reports an audit
  entry edited, deleted or inserted behind verifier's back.
- ``corrections`` gain the SQLite REPLACE guard that ``verdicts`` and ``history_log`` have
  (they already refused UPDATE and DELETE).
- Story-list indexes that hold what its filters test (so a filtered page and its counts read
  index entries, not rows): ``ix_stories_status_claims`` (status, claims; replaces
  ``ix_stories_status``), ``ix_stories_evidence_status`` (evidence_status, status, claims:
  ``stories list --status contested`` reads the few contested stories instead of walking
  every story) and ``ix_stories_seen`` (last_seen, first_seen, claims: ``--since/--until``);
  and ``ix_stories_merged_into``: showing a story looks for the stories merged into it,
  which was a walk over every story.

A downgrade drops the triggers and the index and rebuilds the history log without its audit
entries (the older code knows no such kind): the head hash changes, as it must.

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None

AUDIT_APPEND_ONLY = "the audit log is append-only"
CORRECTIONS_APPEND_ONLY = "corrections are append-only: add a new row instead"
LOG_APPEND_ONLY = "the history log is append-only"
SQLITE_TRIGGERS = {
    "audit_log_no_update": f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END""",
    "audit_log_no_delete": f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END""",
    "audit_log_no_replace": f"""CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
        WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END""",
    "corrections_no_replace": f"""CREATE TRIGGER corrections_no_replace BEFORE INSERT
        ON corrections WHEN EXISTS (SELECT 1 FROM corrections WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{CORRECTIONS_APPEND_ONLY}'); END""",
}
POSTGRES_FUNCTION = f"""CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{AUDIT_APPEND_ONLY}'; END $$"""
POSTGRES_TRIGGERS = {
    "audit_log_no_change": """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE
        ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    "audit_log_no_truncate": """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE
        ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
}
#: The history log's guards as 0004 created them (a downgrade lifts and restores them).
LOG_GUARDS = {
    "history_log_no_update": f"""CREATE TRIGGER history_log_no_update BEFORE UPDATE
        ON history_log BEGIN SELECT RAISE(ABORT, '{LOG_APPEND_ONLY}'); END""",
    "history_log_no_delete": f"""CREATE TRIGGER history_log_no_delete BEFORE DELETE
        ON history_log BEGIN SELECT RAISE(ABORT, '{LOG_APPEND_ONLY}'); END""",
}
#: The audit columns as of this revision (a later revision may add more).
AUDIT_COLUMNS = ("id", "actor", "action", "target", "detail", "created_at")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


#: name -> columns of the story-list indexes this revision adds.
INDEXES = {
    "ix_stories_status_claims": ["status", "claims"],
    "ix_stories_evidence_status": ["evidence_status", "status", "claims"],
    "ix_stories_seen": ["last_seen", "first_seen", "claims"],
    "ix_stories_merged_into": ["merged_into"],
}


def upgrade() -> None:
    op.drop_index("ix_stories_status", table_name="stories")
    for name, columns in INDEXES.items():
        op.create_index(name, "stories", columns)
    _chain_audit()
    if _sqlite():
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)
    else:
        op.execute(POSTGRES_FUNCTION)
        for statement in POSTGRES_TRIGGERS.values():
            op.execute(statement)


def _log() -> Any:
    return sa.table("history_log", sa.column("seq"), sa.column("kind"), sa.column("row_id"),
                    sa.column("payload"), sa.column("hash"))


def _chain_audit() -> None:
    """Append the audit entries that exist to the history log (the payload code is the
    application's)."""
    from verifier.store.history import HistoryKind, chain_hash, chain_rows
    from verifier.store.models import UTCDateTime

    connection = op.get_bind()
    audit = sa.Table("audit_log", sa.MetaData(), *(
        sa.Column(name, sa.Integer() if name == "id" else
                  UTCDateTime() if name == "created_at" else sa.Text())
        for name in AUDIT_COLUMNS
    ))
    kind = HistoryKind("audit", audit, AUDIT_COLUMNS, "audit entry")
    last = connection.execute(sa.text(
        "SELECT seq, hash FROM history_log ORDER BY seq DESC LIMIT 1")).first()
    seq, previous = (0, "0" * 64) if last is None else (int(last[0]), str(last[1]))
    entries = []
    for row_id, payload in chain_rows(connection, kind):
        seq += 1
        previous = chain_hash(previous, "audit", payload)
        entries.append({"seq": seq, "kind": "audit", "row_id": row_id, "payload": payload,
                        "hash": previous})
    if entries:
        connection.execute(_log().insert(), entries)


def downgrade() -> None:
    sqlite = _sqlite()
    if sqlite:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    _rechain_without("audit")
    for name in INDEXES:
        op.drop_index(name, table_name="stories")
    op.create_index("ix_stories_status", "stories", ["status"])


def _rechain_without(kind: str) -> None:
    """Rebuild the history log without the entries of ``kind``, chained anew."""
    from verifier.store.history import GENESIS, chain_hash

    connection = op.get_bind()
    entries = connection.execute(sa.text(
        "SELECT kind, row_id, payload FROM history_log ORDER BY seq")).all()
    if not any(e[0] == kind for e in entries):
        return
    sqlite = _sqlite()
    if sqlite:
        for name in LOG_GUARDS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("ALTER TABLE history_log DISABLE TRIGGER history_log_no_change")
    op.execute("DELETE FROM history_log")
    previous, rows = GENESIS, []
    for seq, (name, row_id, payload) in enumerate(
            (e for e in entries if e[0] != kind), start=1):
        previous = chain_hash(previous, name, payload)
        rows.append({"seq": seq, "kind": name, "row_id": row_id, "payload": payload,
                     "hash": previous})
    if rows:
        connection.execute(_log().insert(), rows)
    if sqlite:
        for statement in LOG_GUARDS.values():
            op.execute(statement)
    else:
        op.execute("ALTER TABLE history_log ENABLE TRIGGER history_log_no_change")
