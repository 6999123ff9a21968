"""Initial schema: sources, articles, claims, attributions, stories, verdicts.

Besides the models' tables, indexes and constraints this creates what only the migrations
know: full-text search on ``claims.text`` (an FTS5 external-content table kept in step by
triggers on SQLite; a GIN index on ``to_tsvector('english', text)`` on PostgreSQL) and
triggers that make ``verdicts`` append-only (UPDATE and DELETE are refused on both).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STATUS_CHECK = "status IN ('unverified', 'confirmed', 'refuted', 'disputed')"
APPEND_ONLY = "verdicts are append-only: add a new verdict instead"

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id')",
    """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    f"""CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts BEGIN
        SELECT RAISE(ABORT, '{APPEND_ONLY}');
    END""",
    f"""CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts BEGIN
        SELECT RAISE(ABORT, '{APPEND_ONLY}');
    END""",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS verdicts_no_delete",
    "DROP TRIGGER IF EXISTS verdicts_no_update",
    "DROP TRIGGER IF EXISTS claims_fts_update",
    "DROP TRIGGER IF EXISTS claims_fts_delete",
    "DROP TRIGGER IF EXISTS claims_fts_insert",
    "DROP TABLE IF EXISTS claims_fts",
]
POSTGRES_FTS = [
    "CREATE INDEX ix_claims_text_fts ON claims USING gin (to_tsvector('english', text))",
    f"""CREATE FUNCTION verdicts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$""",
    """CREATE TRIGGER verdicts_no_change BEFORE UPDATE OR DELETE ON verdicts
        FOR EACH ROW EXECUTE FUNCTION verdicts_append_only()""",
    """CREATE TRIGGER verdicts_no_truncate BEFORE TRUNCATE ON verdicts
        FOR EACH STATEMENT EXECUTE FUNCTION verdicts_append_only()""",
]
POSTGRES_FTS_DROP = [
    "DROP TRIGGER IF EXISTS verdicts_no_truncate ON verdicts",
    "DROP TRIGGER IF EXISTS verdicts_no_change ON verdicts",
    "DROP FUNCTION IF EXISTS verdicts_append_only()",
    "DROP INDEX IF EXISTS ix_claims_text_fts",
]


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("speaker", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=10), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("in_registry", sa.Boolean(), nullable=False),
        sa.Column("prior_confirmed", sa.Float(), nullable=False),
        sa.Column("prior_refuted", sa.Float(), nullable=False),
        sa.Column("prior_note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_sources_key")),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("title_locked", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(STATUS_CHECK, name=op.f("ck_stories_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_index(op.f("ix_stories_status"), "stories", ["status"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("title", sa.String(length=1000), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("byline", sa.String(length=500), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("path", sa.String(length=2000), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["sources.id"], name=op.f("fk_articles_outlet_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("sha256", name=op.f("uq_articles_sha256")),
    )
    op.create_index(op.f("ix_articles_outlet_id"), "articles", ["outlet_id"])
    op.create_index("ix_articles_published_at_id", "articles", ["published_at", "id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_claim", sa.Boolean(), nullable=False),
        sa.Column("claim_rule", sa.String(length=80), nullable=False),
        sa.Column("certainty", sa.String(length=10), nullable=True),
        sa.Column("certainty_rule", sa.String(length=80), nullable=True),
        sa.Column("certainty_cue", sa.String(length=300), nullable=True),
        sa.Column("certainty_start", sa.Integer(), nullable=True),
        sa.Column("certainty_end", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), server_default="unverified", nullable=False),
        sa.CheckConstraint(STATUS_CHECK, name=op.f("ck_claims_status")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_claims_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("article_id", "position", name="uq_claims_article_position"),
    )
    op.create_index(op.f("ix_claims_certainty"), "claims", ["certainty"])
    op.create_index("ix_claims_status_id", "claims", ["status", "id"])
    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("speaker", sa.String(length=20), nullable=False),
        sa.Column("stance", sa.String(length=10), nullable=False),
        sa.Column("source_text", sa.String(length=1000), nullable=False),
        sa.Column("source_start", sa.Integer(), nullable=False),
        sa.Column("source_end", sa.Integer(), nullable=False),
        sa.Column("cue_text", sa.String(length=500), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=False),
        sa.Column("cue_end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=80), nullable=False),
        sa.Column("carried", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_attributions_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_attributions_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
    )
    op.create_index(op.f("ix_attributions_claim_id"), "attributions", ["claim_id"])
    op.create_index("ix_attributions_kind_claim_id", "attributions", ["kind", "claim_id"])
    op.create_index(op.f("ix_attributions_source_id"), "attributions", ["source_id"])
    op.create_table(
        "story_claims",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_story_claims_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_story_claims_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "claim_id", name=op.f("pk_story_claims")),
    )
    op.create_index(op.f("ix_story_claims_claim_id"), "story_claims", ["claim_id"])
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('confirmed', 'refuted', 'disputed')", name=op.f("ck_verdicts_status")
        ),
        sa.CheckConstraint(
            "claim_id IS NOT NULL OR story_id IS NOT NULL", name=op.f("ck_verdicts_target")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_verdicts_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name=op.f("fk_verdicts_story_id_stories")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdicts")),
    )
    op.create_index("ix_verdicts_claim_id_id", "verdicts", ["claim_id", "id"])
    op.create_index("ix_verdicts_story_id_id", "verdicts", ["story_id", "id"])
    for statement in _dialect_statements(SQLITE_FTS, POSTGRES_FTS):
        op.execute(statement)


def downgrade() -> None:
    for statement in _dialect_statements(SQLITE_FTS_DROP, POSTGRES_FTS_DROP):
        op.execute(statement)
    op.drop_index("ix_verdicts_story_id_id", table_name="verdicts")
    op.drop_index("ix_verdicts_claim_id_id", table_name="verdicts")
    op.drop_table("verdicts")
    op.drop_index(op.f("ix_story_claims_claim_id"), table_name="story_claims")
    op.drop_table("story_claims")
    op.drop_index(op.f("ix_attributions_source_id"), table_name="attributions")
    op.drop_index("ix_attributions_kind_claim_id", table_name="attributions")
    op.drop_index(op.f("ix_attributions_claim_id"), table_name="attributions")
    op.drop_table("attributions")
    op.drop_index("ix_claims_status_id", table_name="claims")
    op.drop_index(op.f("ix_claims_certainty"), table_name="claims")
    op.drop_table("claims")
    op.drop_index("ix_articles_published_at_id", table_name="articles")
    op.drop_index(op.f("ix_articles_outlet_id"), table_name="articles")
    op.drop_table("articles")
    op.drop_index(op.f("ix_stories_status"), table_name="stories")
    op.drop_table("stories")
    op.drop_table("sources")


def _dialect_statements(sqlite: list[str], postgresql: list[str]) -> list[str]:
    """The statements for the connected backend (none for others)."""
    name = op.get_bind().dialect.name
    return {"sqlite": sqlite, "postgresql": postgresql}.get(name, [])
