"""story_claims.reason: why grouping put each claim in its story.

Each membership stores the rule that placed it (pass 1 within its article, pass 2 across
articles, or a reviewer's move, split or merge) with the numbers it compared, their
thresholds and the terms it rested on, as compact JSON (``verifier.stories.reasons``), so
``verifier stories show`` can say why a claim joined a story. Memberships stored before keep
NULL (shown as "no reason stored"). A downgrade drops the column.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("story_claims") as batch:
        batch.add_column(sa.Column("reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("story_claims") as batch:
        batch.drop_column("reason")
