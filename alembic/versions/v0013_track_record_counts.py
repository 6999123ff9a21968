"""Track records kept: ``track_record_counts`` and ``track_record_state``, with triggers.

Every scoring read (``report``, ``stories show``, ``sources show``) counted the verdicts behind
each source again (``verdict_counts``: every reviewed claim's attributions and outlet), 0.1-0.2
s at 5,000 verdicts and growing with them. The counts are now kept in
``track_record_counts`` (source, confirmed, refuted), valid while the one row of
``track_record_state`` says they are not stale. Triggers set ``stale`` whenever something
the count reads changes:

- a verdict is added (any: they are append-only);
- a story membership is added, removed or moved for a story or claim that has a verdict;
- an attribution is added, removed or changed (claim, source, stance) on a claim that has a
  verdict or is in a story that has one;
- such a claim is deleted or moved to another article;
- an article's outlet changes.

A stale or never-counted table is not read: readers count from the verdicts as before, and
the next write that refreshes scores (``stories.scores``: after verdicts, the end of an
ingest), ``db upgrade`` or ``db rebuild`` counts again and clears ``stale``. The triggers
only flag; they never count, so a path that forgets the table cannot leave it wrong.
This revision creates the tables stale; nothing is counted here (``db upgrade`` does it
after migrating).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

STALE = "UPDATE track_record_state SET stale = {true} WHERE stale = {false}"
#: The claim (an expression) has a verdict, or is in a story that has one.
REVIEWED = (
    "(EXISTS (SELECT 1 FROM verdicts WHERE verdicts.claim_id = {c}) "
    "OR EXISTS (SELECT 1 FROM story_claims JOIN verdicts "
    "ON verdicts.story_id = story_claims.story_id WHERE story_claims.claim_id = {c}))"
)
#: A membership row (NEW or OLD) of a story or claim that has a verdict.
MEMBER = (
    "(EXISTS (SELECT 1 FROM verdicts WHERE verdicts.story_id = {r}.story_id) "
    "OR EXISTS (SELECT 1 FROM verdicts WHERE verdicts.claim_id = {r}.claim_id))"
)

#: name -> (table, event, condition or None); the same on both backends.
TRIGGERS: dict[str, tuple[str, str, str | None]] = {
    "track_records_verdict": ("verdicts", "INSERT", None),
    "track_records_member_insert": ("story_claims", "INSERT", MEMBER.format(r="NEW")),
    "track_records_member_delete": ("story_claims", "DELETE", MEMBER.format(r="OLD")),
    "track_records_member_update": (
        "story_claims", "UPDATE OF story_id, claim_id",
        f"({MEMBER.format(r='OLD')} OR {MEMBER.format(r='NEW')})"),
    "track_records_attribution_insert": (
        "attributions", "INSERT", REVIEWED.format(c="NEW.claim_id")),
    "track_records_attribution_delete": (
        "attributions", "DELETE", REVIEWED.format(c="OLD.claim_id")),
    "track_records_attribution_update": (
        "attributions", "UPDATE OF claim_id, source_id, stance",
        f"({REVIEWED.format(c='OLD.claim_id')} OR {REVIEWED.format(c='NEW.claim_id')})"),
    "track_records_claim_delete": ("claims", "DELETE", REVIEWED.format(c="OLD.id")),
    "track_records_claim_update": ("claims", "UPDATE OF article_id", REVIEWED.format(c="OLD.id")),
    "track_records_outlet_update": ("articles", "UPDATE OF outlet_id", None),
}


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def sqlite_trigger(name: str) -> str:
    table, event, condition = TRIGGERS[name]
    when = f" WHEN {condition}" if condition else ""
    stale = STALE.format(true=1, false=0)
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} BEGIN {stale}; END"


def postgres_trigger(name: str) -> tuple[str, str]:
    """The function and the trigger (PostgreSQL's WHEN takes no subquery: the test is in
    the function)."""
    table, event, condition = TRIGGERS[name]
    stale = STALE.format(true="true", false="false")
    body = f"IF {condition} THEN {stale}; END IF;" if condition else f"{stale};"
    function = (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {body} RETURN NULL; END $$")
    trigger = (f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
               f"EXECUTE FUNCTION {name}()")
    return function, trigger


def upgrade() -> None:
    op.create_table(
        "track_record_counts",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("refuted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE",
                                name=op.f("fk_track_record_counts_source_id_sources")),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_track_record_counts")),
    )
    state = op.create_table(
        "track_record_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_track_record_state_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_track_record_state")),
    )
    op.bulk_insert(state, [{"id": 1, "stale": True, "counted_at": None}])
    sqlite = _sqlite()
    for name in TRIGGERS:
        if sqlite:
            op.execute(sqlite_trigger(name))
        else:
            for statement in postgres_trigger(name):
                op.execute(statement)


def downgrade() -> None:
    sqlite = _sqlite()
    for name, (table, _, _) in TRIGGERS.items():
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("track_record_state")
    op.drop_table("track_record_counts")
