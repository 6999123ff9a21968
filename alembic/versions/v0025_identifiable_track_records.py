"""Track records only for sources a reader could identify: kept counts counted again.

Words the analyser took for a party and ingest stored as one ("Contrary to reports", "the
report is true", "There have been media reports") were refused as origins by scoring
(``verifier.scoring.corroboration.identifiable``) but still learned from verdicts, some of
them shared by several articles. Counting now asks the same test
(``verifier.scoring.trackrecord.keeps_record``): such words keep no record; registry
sources, named parties and an outlet's anonymous sources keep theirs. This revision marks
the kept counts (``track_record_counts``) stale, so the first read after the upgrade (and
``verifier db upgrade``) counts them again from the verdicts, and marks every story citing
a derived party that had kept counts (``name:...``, the only sources whose counts can
change) for rescoring, keeping its score until then. Data only: the schema is unchanged.
Downgrade marks the counts stale again (the older code then counts as it did).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

#: Stories citing a derived party with kept counts: the only ones whose scores may move.
_CITING = (
    "SELECT DISTINCT sc.story_id FROM story_claims sc "
    "JOIN attributions a ON a.claim_id = sc.claim_id "
    "JOIN track_record_counts t ON t.source_id = a.source_id "
    "JOIN sources s ON s.id = t.source_id WHERE s.key LIKE 'name:%'"
)


def _recount() -> None:
    connection = op.get_bind()
    connection.execute(sa.text(
        f"UPDATE stories SET scored_with = NULL WHERE id IN ({_CITING})"))
    connection.execute(sa.text("UPDATE track_record_state SET stale = :yes WHERE id = 1"),
                       {"yes": True})


def upgrade() -> None:
    _recount()


def downgrade() -> None:
    _recount()
