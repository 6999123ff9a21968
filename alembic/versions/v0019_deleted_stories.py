"""Story ids a merge deleted are recorded and never given again.

``stories merge`` deletes an emptied story no verdict points at. On SQLite a new story was
numbered from the largest stored id, so when the deleted story was the newest one its id
went to the next story made, and ``stories show ID`` showed that new story instead of
"story ID was merged into story N". ``deleted_stories`` records every id a merge deleted
(and where its claims went); new stories are numbered after these too.

This revision fills it in from the audit log's merges (``story-merge``: the ids merged),
for the ids no stored story has.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_stories",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_stories")),
    )
    connection = op.get_bind()
    stored = {row[0] for row in connection.execute(sa.text("SELECT id FROM stories"))}
    merges = connection.execute(sa.text(
        "SELECT target, detail, created_at FROM audit_log WHERE action = 'story-merge' "
        "ORDER BY id")).all()
    gone: dict[int, tuple[int | None, object]] = {}
    for target, detail, created_at in merges:
        try:
            merged = json.loads(detail or "{}").get("merged") or []
            kept: int | None = int(str(target).removeprefix("story "))
        except (ValueError, AttributeError, TypeError):
            continue
        for other in merged:
            if isinstance(other, int) and other != kept and other not in stored:
                gone[other] = (kept, created_at)
    if gone:
        # the audit line's time as stored (both columns hold times the same way)
        connection.execute(sa.text(
            "INSERT INTO deleted_stories (id, merged_into, deleted_at) VALUES (:id, :kept, :at)"),
            [{"id": s, "kept": kept, "at": when} for s, (kept, when) in sorted(gone.items())])


def downgrade() -> None:
    op.drop_table("deleted_stories")
