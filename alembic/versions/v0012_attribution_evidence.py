"""Why a source has its kind: ``attributions.reason`` and ``attributions.evidence_*``.

The analyser gives an attribution ``evidence`` (the words elsewhere in the article that
showed the source's kind, with offsets: "Finance Minister Jane Roe" for a later bare "Roe")
and a ``reason`` (a name rule's declared fallback, "no office evidence: ...", or what a
learned component weighed). Only the rule chain was stored, so ``claims show``, the reports
and the desk could not say why a source got its kind. Four nullable columns hold them:
``reason``, ``evidence_text``, ``evidence_start``, ``evidence_end`` (offsets into the
article text). Rows stored before stay NULL (nothing shown); nothing is backfilled. On
SQLite, adding nullable columns changes no row, whatever the table's size.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = (
    ("reason", sa.String(500)),
    ("evidence_text", sa.String(500)),
    ("evidence_start", sa.Integer()),
    ("evidence_end", sa.Integer()),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("attributions", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column("attributions", name)
