"""The score filter of the queue and the story list; failed sign-ins kept for the throttle.

``claims list --min-score/--max-score``, ``stories list`` and the desk's queue and stories
page filter by a story's stored score (a claim by its story's). A story page counts what
matches: over a score range that read every story row for its status and claim count
(0.34 s at 221,000 stories); ``ix_stories_score_status`` (score, status, claims) answers
the count from the index alone (0.03 s).

The desk's sign-in throttle counted failures in the memory of one process: a restart or a
second worker started the count afresh. ``sign_in_failures`` keeps each failure (by the
SHA-256 of the name or address it counts under) for the throttle's window.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stories_score_status", "stories", ["score", "status", "claims"])
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index("ix_sign_in_failures_key_failed_at", "sign_in_failures",
                    ["key_hash", "failed_at"])
    op.create_index(op.f("ix_sign_in_failures_failed_at"), "sign_in_failures", ["failed_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sign_in_failures_failed_at"), table_name="sign_in_failures")
    op.drop_index("ix_sign_in_failures_key_failed_at", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    op.drop_index("ix_stories_score_status", table_name="stories")
