"""A reviewed claim's content terms and stems kept: ``claims.content_terms``,
``reviewed_stems``.

Matching a claim against the desk's past verdicts (``claims show``, ``claims adopt``,
reports) compares it with the reviewed claims that share one of its names, by the terms
of their wording without the words that say who said it (``verifier.stories.matching``'s
``content``). Those terms were worked out at every read: each candidate's attribution
spans read, its text blanked and tokenised (about a fifth of ``claims show`` at 1 M claims).
They are now kept in a nullable column, written when a claim gets a verdict (and dropped
when a correction rewrites its sourcing), in the order the tokeniser finds them, so a read
gives the same counter, in the same order, as working them out. NULL means not kept: the
reader works them out as before.

The candidates themselves were found by testing every reviewed claim's stored grouping
terms with two ``LIKE`` patterns per name of the claim (up to a hundred names a query).
``reviewed_stems`` (stem, claim) holds the stems a reviewed claim is found by (those of its
grouping terms, or of its text's when it has none), written with its verdict, so the
reviewed claims using a name are an index probe; a reviewed claim whose ``content_terms`` is
NULL counts as not indexed and is still tested by ``LIKE``, so a path that forgets the
table cannot lose a candidate. Every claim reviewed already is backfilled here (a few
thousand at most on a desk's database; the rest are written when reviewed).

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
    op.create_table(
        "reviewed_stems",
        sa.Column("stem", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_reviewed_stems_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stem", "claim_id", name=op.f("pk_reviewed_stems")),
    )
    op.create_index(op.f("ix_reviewed_stems_claim_id"), "reviewed_stems", ["claim_id"])
    backfill(op.get_bind())


def backfill(connection: sa.Connection) -> None:
    """Keep the content terms of every claim with a verdict (its status is not
    ``unverified``)."""
    from verifier.stories.matching import candidate_stems, packed_content

    after = 0
    while True:
        rows = connection.execute(sa.text(
            "SELECT id, text, start, terms FROM claims WHERE status <> 'unverified' "
            "AND id > :after ORDER BY id LIMIT :n"), {"after": after, "n": BATCH}).all()
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
             for claim_id, text, start, _ in rows])
        stems = [{"stem": stem, "claim": claim_id} for claim_id, text, _, terms in rows
                 for stem in sorted(candidate_stems(text, terms))]
        if stems:
            connection.execute(sa.text(
                "INSERT INTO reviewed_stems (stem, claim_id) VALUES (:stem, :claim)"), stems)
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_index(op.f("ix_reviewed_stems_claim_id"), table_name="reviewed_stems")
    op.drop_table("reviewed_stems")
    op.drop_column("claims", "content_terms")
