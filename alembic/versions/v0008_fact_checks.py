"""fact_checks: other fact-checkers' verdicts imported from ClaimReview JSON-LD.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fact_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("rating", sa.String(200), nullable=False),
        sa.Column("verdict", sa.String(12), nullable=False),
        sa.Column("publisher", sa.String(300), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim_author", sa.String(300), nullable=True),
        sa.Column("rating_value", sa.Float(), nullable=True),
        sa.Column("origin", sa.String(2000), nullable=False),
        sa.Column("terms", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "verdict = 'confirmed' OR verdict = 'refuted' OR verdict = 'disputed' "
            "OR verdict = 'unrated'",
            name=op.f("ck_fact_checks_verdict"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_checks")),
        sa.UniqueConstraint("key", name=op.f("uq_fact_checks_key")),
    )


def downgrade() -> None:
    op.drop_table("fact_checks")
