"""Alembic environment for verifier's migrations.

verifier builds its Alembic ``Config`` in code (``verifier.store.database.alembic_config``)
and hands over an open connection in ``config.attributes["connection"]``; the ``alembic``
command line (with
``alembic/alembic.ini``) connects to ``$VERIFIER_DB`` instead. SQLite gets batch mode, so
ALTERs become copy-and-move; objects that exist only in the migrations (full-text search,
append-only triggers) are hidden from autogenerate.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from verifier.config import database_url
from verifier.store.database import include_object
from verifier.store.models import Base


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
