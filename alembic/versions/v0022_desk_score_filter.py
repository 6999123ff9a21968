"""The score filter of the queue and the story list.

``claims list --min-score/--max-score``, ``stories list`` and the desk's queue and stories
page filter by a story's stored score (a claim by its story's). A story page counts what
matches: over a score range that read every story row for its status and claim count
(0.34 s at 221,000 stories); ``ix_stories_score_status`` (score, status, claims) answers
the count from the index alone (0.03 s).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stories_score_status", "stories", ["score", "status", "claims"])


def downgrade() -> None:
    op.drop_index("ix_stories_score_status", table_name="stories")
