"""Signing out of the desk is kept in the database.

A signed-out session was refused only by the desk process that signed it out: a restart (with
``VERIFIER_SECRET_KEY`` set) or a second worker took the old cookie again until its 12-hour
expiry. ``revoked_sessions`` holds each signed-out session's token hash until the cookie
would have expired (then pruned); ``users.signed_out_at`` refuses every session of an account
issued before it ("sign out everywhere", on the desk or ``verifier users sign-out``).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("signed_out_at", sa.DateTime(timezone=True),
                                     nullable=True))
    op.create_table(
        "revoked_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_revoked_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_revoked_sessions")),
    )
    op.create_index(op.f("ix_revoked_sessions_expires_at"), "revoked_sessions",
                    ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_revoked_sessions_expires_at"), table_name="revoked_sessions")
    op.drop_table("revoked_sessions")
    # SQLite >= 3.35 drops a column in place
    op.drop_column("users", "signed_out_at")
