"""Cheaper claim and attribution rows: fewer indexes to maintain, a status check without IN.

Each stored sentence paid for index maintenance no review query needs, and for a CHECK that
SQLite evaluates by building a temporary table for every inserted row:

- ``ck_claims_status`` becomes ``status = 'unverified' OR status = ...`` (the same rule; an
  ``IN`` list of four in a CHECK is rebuilt per row on SQLite, about 2 us each). SQLite cannot
  alter a CHECK, so ``claims`` is rebuilt (rows, ids and the FTS index unchanged) with its
  indexes and triggers; ``verifier.store.database`` runs migrations with foreign keys off,
  as SQLite's rebuild procedure requires, and checks them before committing.
- ``ix_claims_certainty`` goes: the review queue walks ``ix_claims_status_id`` (or the
  primary key) and filters three roughly even certainty values on the way.
- ``ix_attributions_claim_id`` and ``ix_attributions_kind_claim_id`` become one
  ``ix_attributions_claim_id_kind``: every query finds attributions by claim, and the
  sourcing filter's ``EXISTS`` probe is a seek on (claim, kind) just the same.
- SQLite's ``claims_fts`` keeps no per-row token counts (``columnsize=0``, a quarter of the
  indexing cost): they serve only ``bm25``/``rank``, and ``--search`` filters and sorts by
  the review queue's order instead. The index is rebuilt from ``claims``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STATUSES = ("unverified", "confirmed", "refuted", "disputed")
OR_CHECK = " OR ".join(f"status = '{s}'" for s in STATUSES)
IN_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"

CLAIMS_TABLE = """CREATE TABLE {name} (
	id INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	position INTEGER NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	text TEXT NOT NULL,
	is_claim BOOLEAN NOT NULL,
	claim_rule VARCHAR(80) NOT NULL,
	certainty VARCHAR(10),
	certainty_rule VARCHAR(80),
	certainty_cue VARCHAR(300),
	certainty_start INTEGER,
	certainty_end INTEGER,
	status VARCHAR(12) DEFAULT 'unverified' NOT NULL,
	CONSTRAINT pk_claims PRIMARY KEY (id),
	CONSTRAINT ck_claims_status CHECK ({check}),
	CONSTRAINT fk_claims_article_id_articles FOREIGN KEY(article_id) REFERENCES articles (id)
		ON DELETE CASCADE,
	CONSTRAINT uq_claims_article_position UNIQUE (article_id, position)
)"""
CLAIMS_COLUMNS = (
    'id, article_id, position, start, "end", text, is_claim, claim_rule, certainty, '
    "certainty_rule, certainty_cue, certainty_start, certainty_end, status"
)
#: The triggers on ``claims`` (0001, less the insert trigger 0002 dropped): a table rebuild
#: drops them with the old table.
CLAIMS_TRIGGERS = (
    """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END""",
)


FTS_TABLE = (
    "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id'{})"
)


def upgrade() -> None:
    op.drop_index("ix_claims_certainty", table_name="claims")
    _status_check(OR_CHECK)
    _search_index(", columnsize=0")
    op.drop_index("ix_attributions_kind_claim_id", table_name="attributions")
    op.drop_index("ix_attributions_claim_id", table_name="attributions")
    op.create_index("ix_attributions_claim_id_kind", "attributions", ["claim_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_attributions_claim_id_kind", table_name="attributions")
    op.create_index("ix_attributions_claim_id", "attributions", ["claim_id"])
    op.create_index("ix_attributions_kind_claim_id", "attributions", ["kind", "claim_id"])
    _search_index("")
    _status_check(IN_CHECK)
    op.create_index("ix_claims_certainty", "claims", ["certainty"])


def _search_index(options: str) -> None:
    """SQLite: recreate ``claims_fts`` with ``options`` and fill it from ``claims``."""
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE claims_fts")
    op.execute(FTS_TABLE.format(options))
    op.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")


def _status_check(check: str) -> None:
    """Replace ``ck_claims_status`` (SQLite: rebuild ``claims``, keeping every row and id)."""
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_claims_status"), "claims", type_="check")
        op.create_check_constraint(op.f("ck_claims_status"), "claims", check)
        return
    op.execute(CLAIMS_TABLE.format(name="claims_rebuilt", check=check))
    op.execute(f"INSERT INTO claims_rebuilt ({CLAIMS_COLUMNS}) SELECT {CLAIMS_COLUMNS} FROM claims")
    op.execute("DROP TABLE claims")
    op.execute("ALTER TABLE claims_rebuilt RENAME TO claims")
    op.execute("CREATE INDEX ix_claims_status_id ON claims (status, id)")
    for trigger in CLAIMS_TRIGGERS:
        op.execute(trigger)
