"""The review desk: users, retractions, corrections of the analyser, deleted articles, audit.

- ``users``: desk accounts (name, role, scrypt password hash, disabled).
- ``corrections``: a reviewer's relabelling of a sentence, keyed by the article's text hash
  and the sentence's offsets so it survives re-analysis; append-only like verdicts.
- ``deleted_articles``: what remains of an article deleted by mistake, so verdicts on its
  claims are shown as orphaned.
- ``audit_log``: who did what, when.
- ``verdicts.claim_id`` loses its foreign key (a verdict outlives its claim's article). On
  SQLite the table is rebuilt, so its append-only triggers (0004) are created again.
- ``corrections`` refuse UPDATE and DELETE like ``verdicts``.

Revision ID: 0006
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None

APPEND_ONLY = "{table} are append-only: add a new row instead"
#: The verdicts triggers of 0004, verbatim (``db verify`` compares them).
VERDICTS_APPEND_ONLY = "verdicts are append-only: add a new verdict instead"
VERDICT_TRIGGERS = [
    f"""CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts
        BEGIN SELECT RAISE(ABORT, '{VERDICTS_APPEND_ONLY}'); END""",
    f"""CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts
        BEGIN SELECT RAISE(ABORT, '{VERDICTS_APPEND_ONLY}'); END""",
    f"""CREATE TRIGGER verdicts_no_replace BEFORE INSERT ON verdicts
        WHEN EXISTS (SELECT 1 FROM verdicts WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{VERDICTS_APPEND_ONLY}'); END""",
]
GUARDED = ("corrections",)


def _sqlite_guards(table: str) -> list[str]:
    message = APPEND_ONLY.format(table=table)
    return [
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN
            SELECT RAISE(ABORT, '{message}');
        END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN
            SELECT RAISE(ABORT, '{message}');
        END""",
    ]


def _postgres_guards(table: str) -> list[str]:
    message = APPEND_ONLY.format(table=table)
    return [
        f"""CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{message}'; END $$""",
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""",
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()""",
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('viewer', 'reviewer', 'editor', 'admin')", name=op.f("ck_users_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_sha256", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_claim", sa.Boolean(), nullable=False),
        sa.Column("certainty", sa.String(length=10), nullable=True),
        sa.Column("sourcing", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(
        "ix_corrections_article_sha256_start", "corrections", ["article_sha256", "start"]
    )
    op.create_table(
        "deleted_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("claims", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("deleted_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_articles")),
    )
    op.create_index(op.f("ix_deleted_articles_sha256"), "deleted_articles", ["sha256"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_actor_id", "audit_log", ["actor", "id"])
    if dialect == "sqlite":
        _drop_sqlite_verdict_triggers()
    with op.batch_alter_table("verdicts") as batch:
        batch.drop_constraint(op.f("fk_verdicts_claim_id_claims"), type_="foreignkey")
    if dialect == "sqlite":
        for statement in VERDICT_TRIGGERS:
            op.execute(statement)
    for table in GUARDED:
        statements = {"sqlite": _sqlite_guards, "postgresql": _postgres_guards}.get(dialect)
        for statement in statements(table) if statements else []:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in GUARDED:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    if dialect == "sqlite":
        _drop_sqlite_verdict_triggers()
    with op.batch_alter_table("verdicts") as batch:
        batch.create_foreign_key(
            op.f("fk_verdicts_claim_id_claims"), "claims", ["claim_id"], ["id"]
        )
    if dialect == "sqlite":
        for statement in VERDICT_TRIGGERS:
            op.execute(statement)
    op.drop_index("ix_audit_log_actor_id", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_deleted_articles_sha256"), table_name="deleted_articles")
    op.drop_table("deleted_articles")
    op.drop_index("ix_corrections_article_sha256_start", table_name="corrections")
    op.drop_table("corrections")
    op.drop_table("users")


def _drop_sqlite_verdict_triggers() -> None:
    for name in ("verdicts_no_update", "verdicts_no_delete", "verdicts_no_replace"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
