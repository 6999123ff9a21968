"""Story dates from publication dates only.

A story's ``first_seen`` and ``last_seen`` were its articles' publication dates, an undated
article counting as published the moment it was ingested: ``stories list --since`` then
listed stories of 2012 texts as this month's while ``claims list --since`` (the article's
publication date) listed none of their claims. ``verifier.stories.scores`` now takes an
undated article's date as unknown; this revision sets the dates of every summarised story
(``first_seen`` not NULL) from its members' dated articles, NULL when none is dated, so a
database made before the change and upgraded holds what one made after holds. Pure data:
no schema changes. Downgrade leaves the dates as they are (the next rescore writes them as
that code reads them).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_DATES = (
    "SELECT {fn}(articles.published_at) FROM story_claims "
    "JOIN claims ON claims.id = story_claims.claim_id "
    "JOIN articles ON articles.id = claims.article_id "
    "WHERE story_claims.story_id = stories.id"
)


def upgrade() -> None:
    redate(op.get_bind())


def redate(connection: sa.Connection) -> None:
    """Every summarised story's dates from its members' publication dates (see above)."""
    connection.execute(sa.text(
        f"UPDATE stories SET first_seen = ({_DATES.format(fn='min')}), "
        f"last_seen = ({_DATES.format(fn='max')}) WHERE first_seen IS NOT NULL"
    ))


def downgrade() -> None:
    pass
