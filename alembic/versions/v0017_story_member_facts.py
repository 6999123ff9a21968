"""What grouping compares a stored story by, kept on the story row by triggers.

At every ingest chunk grouping read, for each candidate story (up to a few hundred), how
many claims it holds and the sum of their ids (``story_fingerprints``: its membership's
fingerprint, which says whether its terms read earlier still hold) and the first and last
publication time of its members' articles (``publication_spans``), each an aggregate over
every member of the story: the largest stories, which are candidates most often, cost most,
and more so as the database grows (4.6 ms of grouping an article at 10,000 articles against
3.6 at 1,000). This revision keeps them on ``stories``:

- ``member_count``, ``member_sum``: the number of ``story_claims`` rows of the story and the
  sum of their claim ids, added to and taken from as rows are inserted, deleted or updated;
- ``published_first``, ``published_last``: the earliest and latest ``published_at`` of its
  members' articles (NULL when none is dated), widened as members join;
- ``span_stale``: set when the span may be too wide (a member left, a member's article's
  date changed, a member claim moved to another article): a trigger cannot narrow a span
  without reading every member, so the reader (``verifier.store.grouping.story_facts``)
  works a stale span out from the members and stores it.

The triggers keep them whatever writes the rows (ingest, ``stories merge|split|move``, an
article's edit or deletion, foreign-key cascades, SQL by hand); ``verifier db rebuild``
counts them again and ``verifier db verify`` checks them. This revision fills them in
for the stories already stored.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

#: The publication time of a membership row's claim's article (``{r}``: NEW or OLD).
_DATE = ("(SELECT articles.published_at FROM claims JOIN articles "
         "ON articles.id = claims.article_id WHERE claims.id = {r}.claim_id)")


def _joined(r: str, sqlite: bool) -> str:
    """The statement that adds membership row ``r`` to its story: its article's date
    widens the span (PostgreSQL's ``least``/``greatest`` pass over NULL; SQLite's
    two-argument ``min``/``max`` give NULL if either is, and ``coalesce`` then takes the
    one that is not)."""
    date = _DATE.format(r=r)
    if sqlite:
        first = f"coalesce(min(published_first, {date}), {date}, published_first)"
        last = f"coalesce(max(published_last, {date}), {date}, published_last)"
    else:
        first = f"least(published_first, {date})"
        last = f"greatest(published_last, {date})"
    return (
        f"UPDATE stories SET member_count = member_count + 1, "
        f"member_sum = member_sum + {r}.claim_id, "
        f"published_first = {first}, published_last = {last} WHERE id = {r}.story_id"
    )


def _left(r: str, true: str) -> str:
    """The statement that takes membership row ``r`` from its story."""
    return (f"UPDATE stories SET member_count = member_count - 1, "
            f"member_sum = member_sum - {r}.claim_id, span_stale = {true} "
            f"WHERE id = {r}.story_id")


def _holding(condition: str, true: str) -> str:
    """The statement that marks stale the spans of the stories holding claims that match
    ``condition`` (on ``claims``)."""
    return (f"UPDATE stories SET span_stale = {true} WHERE id IN (SELECT "
            "story_claims.story_id FROM story_claims JOIN claims "
            f"ON claims.id = story_claims.claim_id WHERE {condition})")


#: SQLite: name -> (table, event, WHEN condition or None, statements).
SQLITE_TRIGGERS: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {
    "story_facts_member_insert": ("story_claims", "INSERT", None, (_joined("NEW", True),)),
    "story_facts_member_delete": ("story_claims", "DELETE", None, (_left("OLD", "1"),)),
    "story_facts_member_update": (
        "story_claims", "UPDATE OF story_id, claim_id", None,
        (_left("OLD", "1"), _joined("NEW", True))),
    "story_facts_article_date": (
        "articles", "UPDATE OF published_at", "OLD.published_at IS NOT NEW.published_at",
        (_holding("claims.article_id = NEW.id", "1"),)),
    "story_facts_claim_article": (
        "claims", "UPDATE OF article_id", "OLD.article_id IS NOT NEW.article_id",
        (_holding("claims.id = NEW.id", "1"),)),
}

#: PostgreSQL: name -> (table, event, WHEN condition or None, function body).
POSTGRES_TRIGGERS: dict[str, tuple[str, str, str | None, str]] = {
    "story_facts_member": (
        "story_claims", "INSERT OR DELETE OR UPDATE OF story_id, claim_id", None,
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN " + _left("OLD", "true") + "; END IF; "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN " + _joined("NEW", False) + "; END IF;"),
    "story_facts_article_date": (
        "articles", "UPDATE OF published_at",
        "OLD.published_at IS DISTINCT FROM NEW.published_at",
        _holding("claims.article_id = NEW.id", "true") + ";"),
    "story_facts_claim_article": (
        "claims", "UPDATE OF article_id", "OLD.article_id IS DISTINCT FROM NEW.article_id",
        _holding("claims.id = NEW.id", "true") + ";"),
}

#: Every story's facts counted from its members (the backfill, and ``db rebuild``'s).
_MEMBERS = "FROM story_claims WHERE story_claims.story_id = stories.id"
_DATES = ("SELECT {fn}(articles.published_at) FROM story_claims "
          "JOIN claims ON claims.id = story_claims.claim_id "
          "JOIN articles ON articles.id = claims.article_id "
          "WHERE story_claims.story_id = stories.id")
RECOUNT = (
    f"UPDATE stories SET member_count = (SELECT count(*) {_MEMBERS}), "
    f"member_sum = (SELECT coalesce(sum(story_claims.claim_id), 0) {_MEMBERS}), "
    f"published_first = ({_DATES.format(fn='min')}), "
    f"published_last = ({_DATES.format(fn='max')}), span_stale = {{false}}"
)


def sqlite_trigger(name: str) -> str:
    table, event, condition, statements = SQLITE_TRIGGERS[name]
    when = f" WHEN {condition}" if condition else ""
    body = "".join(f" {statement};" for statement in statements)
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} BEGIN{body} END"


def postgres_trigger(name: str) -> tuple[str, str]:
    """The function and the trigger."""
    table, event, condition, body = POSTGRES_TRIGGERS[name]
    when = f" WHEN ({condition})" if condition else ""
    function = (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {body} RETURN NULL; END $$")
    trigger = (f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} "
               f"EXECUTE FUNCTION {name}()")
    return function, trigger


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("member_count", sa.Integer(), server_default="0",
                                   nullable=False))
        batch.add_column(sa.Column("member_sum", sa.BigInteger(), server_default="0",
                                   nullable=False))
        batch.add_column(sa.Column("published_first", sa.DateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column("published_last", sa.DateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column("span_stale", sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
    op.execute(RECOUNT.format(false="0" if sqlite else "false"))
    if sqlite:
        for name in SQLITE_TRIGGERS:
            op.execute(sqlite_trigger(name))
    else:
        for name in POSTGRES_TRIGGERS:
            for statement in postgres_trigger(name):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, (table, *_) in POSTGRES_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    with op.batch_alter_table("stories") as batch:
        for column in ("span_stale", "published_last", "published_first", "member_sum",
                       "member_count"):
            batch.drop_column(column)
