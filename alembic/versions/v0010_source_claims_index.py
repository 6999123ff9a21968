"""A covering index for a source's attributions: (source_id, claim_id).

``sources show`` counts a source's attributions and the claims they are in, and
``report --source`` finds the stories that cite it; both read ``attributions`` by
``source_id`` and need the claim. Through ``ix_attributions_source_id`` (source_id alone)
every attribution of the source was a row read (0.1-0.7 s for a wire service cited
14,000 times in a 1,000,000-claim database); ``ix_attributions_source_id_claim_id`` holds
both columns, so those queries read index entries only (0.01-0.03 s). It replaces the
one-column index, which it serves as well.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attributions_source_id_claim_id", "attributions",
                    ["source_id", "claim_id"])
    op.drop_index("ix_attributions_source_id", table_name="attributions")


def downgrade() -> None:
    op.create_index("ix_attributions_source_id", "attributions", ["source_id"])
    op.drop_index("ix_attributions_source_id_claim_id", table_name="attributions")
