"""Stories an article's deletion empties are kept; ids a deletion freed are never reused.

Deleting an article deleted every story it left empty unless a verdict pointed at the
story: the story's row, its id and its grouping went without a trace (``stories show 5``:
"no story with id 5"), and one kept for its verdicts stayed listed among the reviewed with
no claim. The story is now kept, marked ``stories.emptied_by`` (the deleted article's id,
its ``deleted_articles`` row saying who deleted it, when and why): listed nowhere by
default (``stories list --status emptied`` lists them), reachable by id with its verdict
history, and never a grouping candidate again.

On SQLite ingest numbers new articles and claims from the largest stored id: deleting the
newest article gave its ids to the next one ingested, whose claims then showed the
deleted claims' verdicts as theirs, and a second deletion of the reused article id failed
on ``deleted_articles``' key. ``deleted_articles.last_claim`` (the largest claim id the
deleted article held) lets ingest number after every id ever used; this revision fills it
in from each row's stored claims.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # in place, on SQLite too: a batch rebuild of ``stories`` would break the triggers of
    # revision 0017 that name it
    op.add_column("stories", sa.Column("emptied_by", sa.Integer(), nullable=True))
    op.add_column("deleted_articles", sa.Column("last_claim", sa.Integer(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, claims FROM deleted_articles")).all()
    for article_id, claims in rows:
        try:
            ids = [int(key) for key in json.loads(claims or "{}")]
        except (ValueError, TypeError, AttributeError):
            continue
        if ids:
            connection.execute(
                sa.text("UPDATE deleted_articles SET last_claim = :last WHERE id = :id"),
                {"last": max(ids), "id": article_id})


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place (see upgrade)
    op.drop_column("deleted_articles", "last_claim")
    op.drop_column("stories", "emptied_by")
