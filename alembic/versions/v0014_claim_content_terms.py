"""A reviewed claim's content terms kept: ``claims.content_terms``.

Matching a claim against the desk's past verdicts (``claims show``, ``claims adopt``,
reports) compares it with the reviewed claims that share one of its names, by the terms
of their wording without the words that say who said it (``verifier.stories.matching``'s
``content``). Those terms were worked out at every read: each candidate's attribution
spans read, its text blanked and tokenised (about a fifth of ``claims show`` at 1 M claims).
They are now kept in a nullable column, written when a claim gets a verdict (and dropped
when a correction rewrites its sourcing), in the order the tokeniser finds them, so a read
gives the same counter, in the same order, as working them out. NULL means not kept: the
reader works them out as before. Every claim reviewed already is backfilled here (a few
thousand at most on a desk's database; the rest stay NULL until reviewed).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

#: Reviewed claims backfilled per statement.
BATCH = 2000


def upgrade() -> None:
    op.add_column("claims", sa.Column("content_terms", sa.Text(), nullable=True))
    backfill(op.get_bind())


def backfill(connection: sa.Connection) -> None:
    """Keep the content terms of every claim with a verdict (its status is not
    ``unverified``)."""
    from verifier.stories.matching import packed_content

    after = 0
    while True:
        rows = connection.execute(sa.text(
            "SELECT id, text, start FROM claims WHERE status <> 'unverified' AND id > :after "
            "ORDER BY id LIMIT :n"), {"after": after, "n": BATCH}).all()
        if not rows:
            return
        spans: dict[int, list[tuple[int, int]]] = {}
        for claim_id, s_start, s_end, c_start, c_end in connection.execute(sa.text(
                "SELECT claim_id, source_start, source_end, cue_start, cue_end "
                "FROM attributions WHERE claim_id IN (SELECT id FROM claims WHERE status <> "
                "'unverified' AND id >= :low AND id <= :high) ORDER BY claim_id, position"),
                {"low": rows[0][0], "high": rows[-1][0]}):
            spans.setdefault(claim_id, []).extend([(s_start, s_end), (c_start, c_end)])
        connection.execute(
            sa.text("UPDATE claims SET content_terms = :terms WHERE id = :id"),
            [{"id": claim_id, "terms": packed_content(text, start, spans.get(claim_id, []))}
             for claim_id, text, start in rows])
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_column("claims", "content_terms")
