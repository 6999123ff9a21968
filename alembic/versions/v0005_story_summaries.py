"""Story summaries kept in the database: counts, dates, score and open status.

``stories list`` and ``report --all`` used to rebuild every story's evidence and score on
each run (minutes at a year of news). Each story row now holds what lists sort and filter
on, maintained incrementally by ``verifier.stories.scores`` (on grouping, grouping edits,
verdicts and track-record changes):

- ``claims``, ``articles``: member counts; ``first_seen``, ``last_seen``: the earliest and
  latest publication (else ingest) time of its articles;
- ``score``, ``evidence_status``: the assessment under the scoring weights whose digest is
  ``scored_with``; ``scored_with`` is NULL while the story awaits rescoring (every existing
  story after this upgrade: the next command that lists stories scores them once);
- ``updated_at``: the last change of its members or verdicts;

with indexes for the list's sorts (score, size, date) and for finding stale stories.

Revision ID: 0005
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_stories_score_id", ["score", "id"]),
    ("ix_stories_claims_id", ["claims", "id"]),
    ("ix_stories_last_seen_id", ["last_seen", "id"]),
    ("ix_stories_scored_with", ["scored_with"]),
)


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("claims", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("articles", sa.Integer(), server_default="0",
                                   nullable=False))
        batch.add_column(sa.Column("first_seen", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("score", sa.Float(), nullable=True))
        batch.add_column(sa.Column("evidence_status", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("scored_with", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    # Counts at once (lists filter on them before any rescoring); scores come later.
    op.execute(
        "UPDATE stories SET claims = (SELECT count(*) FROM story_claims "
        "JOIN claims ON claims.id = story_claims.claim_id "
        "WHERE story_claims.story_id = stories.id AND claims.is_claim)"
    )
    for name, columns in INDEXES:
        op.create_index(name, "stories", columns)


def downgrade() -> None:
    for name, _ in INDEXES:
        op.drop_index(name, table_name="stories")
    with op.batch_alter_table("stories") as batch:
        for column in ("updated_at", "scored_with", "evidence_status", "score", "last_seen",
                       "first_seen", "articles", "claims"):
            batch.drop_column(column)
