"""Story grouping and corroboration from values stored once at ingest.

- ``claims.terms``: a claim's grouping terms, serialised (tokenised once, at ingest);
- ``stories.terms``: the terms of a story's members with their counts, kept current;
- ``story_names``: which stories use which name, the inverted index that finds the few
  stories a new claim can join (grouping no longer reads thousands of candidate stories);
- ``term_frequencies``: document frequencies of grouping terms over the grouped articles,
  maintained as articles are grouped (the empty term counts the articles);
- ``articles.signature``: the MinHash of the article's text, for corroboration;
- ``articles.grouped``: whether the article's claims have been grouped. Existing articles
  with a claim no story holds (an interrupted ingest before this revision, ``--no-group``)
  start as not grouped, so the next ingest or ``stories group`` groups them.

Terms, names, frequencies and signatures of rows stored before this revision are filled in
by verifier itself on its next write (``verifier.stories.update``), not here: they come from
the grouping code, which a migration must not freeze.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None

UNGROUPED = """UPDATE articles SET grouped = false WHERE EXISTS (
    SELECT 1 FROM claims WHERE claims.article_id = articles.id AND claims.is_claim
    AND NOT EXISTS (SELECT 1 FROM story_claims WHERE story_claims.claim_id = claims.id))"""


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): SQLite adds a nullable or defaulted column in
    # place, keeping the claims table's full-text triggers.
    op.add_column("claims", sa.Column("terms", sa.Text(), nullable=True))
    op.add_column("stories", sa.Column("terms", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("signature", sa.LargeBinary(), nullable=True))
    op.add_column(
        "articles",
        sa.Column("grouped", sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    op.create_index(op.f("ix_articles_grouped"), "articles", ["grouped"])
    op.create_table(
        "story_names",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_story_names_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("name", "story_id", name=op.f("pk_story_names")),
    )
    op.create_index(op.f("ix_story_names_story_id"), "story_names", ["story_id"])
    op.create_table(
        "term_frequencies",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_term_frequencies")),
    )
    op.execute(UNGROUPED)


def downgrade() -> None:
    op.drop_table("term_frequencies")
    op.drop_index(op.f("ix_story_names_story_id"), table_name="story_names")
    op.drop_table("story_names")
    op.drop_index(op.f("ix_articles_grouped"), table_name="articles")
    # SQLite >= 3.35 drops a column in place (a batch rebuild would lose the FTS triggers).
    op.drop_column("articles", "grouped")
    op.drop_column("articles", "signature")
    op.drop_column("stories", "terms")
    op.drop_column("claims", "terms")
