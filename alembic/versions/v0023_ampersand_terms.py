"""Names joined by "&" ("AT&T") kept in the terms a claim is matched by.

``verifier.stories.matching.terms_of`` now reads capitalised letters joined by "&" as one
name (``ampersand_terms``; before, "AT&T" gave no term at all). The grouping terms
(``claims.terms``) are unchanged; what matching keeps is re-read where the text has an "&":

- ``claims.content_terms`` (kept with a verdict) worked out again;
- ``reviewed_stems`` of those claims (the index their matches are found by) replaced;
- ``fact_checks.terms`` worked out again.

So a database made before the change and upgraded matches as one made after does. Pure data:
no schema changes. Downgrade leaves the terms (the older reader ignores the extra name).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    reread(op.get_bind())


def reread(connection: sa.Connection) -> None:
    """Re-read the matching terms of the reviewed claims and fact-checks with an "&"."""
    from verifier.stories.matching import candidate_stems, packed_content, packed_terms

    rows = connection.execute(sa.text(
        "SELECT id, text, start, terms FROM claims WHERE content_terms IS NOT NULL "
        "AND text LIKE '%&%' ORDER BY id")).all()
    for claim_id, text, start, terms in rows:
        spans: list[tuple[int, int]] = []
        for s_start, s_end, c_start, c_end in connection.execute(sa.text(
                "SELECT source_start, source_end, cue_start, cue_end FROM attributions "
                "WHERE claim_id = :c ORDER BY position"), {"c": claim_id}):
            spans.extend([(s_start, s_end), (c_start, c_end)])
        connection.execute(sa.text("UPDATE claims SET content_terms = :t WHERE id = :id"),
                           {"t": packed_content(text, start, spans), "id": claim_id})
        connection.execute(sa.text("DELETE FROM reviewed_stems WHERE claim_id = :id"),
                           {"id": claim_id})
        stems = sorted(candidate_stems(text, terms))
        if stems:
            connection.execute(sa.text(
                "INSERT INTO reviewed_stems (stem, claim_id) VALUES (:stem, :claim)"),
                [{"stem": s, "claim": claim_id} for s in stems])
    for check_id, claim in connection.execute(sa.text(
            "SELECT id, claim FROM fact_checks WHERE terms IS NOT NULL "
            "AND claim LIKE '%&%'")).all():
        connection.execute(sa.text("UPDATE fact_checks SET terms = :t WHERE id = :id"),
                           {"t": packed_terms(claim), "id": check_id})


def downgrade() -> None:
    """Nothing to undo (see above)."""
