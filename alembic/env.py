"""Alembic environment for verifier's migrations.

verifier builds its Alembic ``Config`` in code (``verifier.db.alembic_config``) and hands over
an open connection in ``config.attributes["connection"]``; the ``alembic`` command line (with
``alembic/alembic.ini``) connects to ``$VERIFIER_DB`` instead. SQLite gets batch mode, so
ALTERs become copy-and-move; objects that exist only in the migrations (full-text search,
append-only triggers) are hidden from autogenerate.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from verifier.config import database_url
from verifier.models import Base

#: Names of objects the migrations create that the models do not describe.
MIGRATION_ONLY_PREFIXES = ("claims_fts", "ix_claims_text_fts", "verdicts_append_only")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave FTS tables, their shadow tables and the FTS index out of autogenerate."""
    return not (name or "").startswith(MIGRATION_ONLY_PREFIXES)


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        run_with(given)
        return
    if context.is_offline_mode():
        context.configure(
            url=database_url(),
            target_metadata=Base.metadata,
            literal_binds=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(database_url())
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


run()
