"""Opening the database: engines, sessions, SQLite pragmas and Alembic migrations.

``open_database(url)`` returns a ``Database`` whose schema is at this code's revision: a new
or older database is migrated on opening (``create=False`` refuses to create one), a database
at a revision this code does not know, or a file that is not a database, raises
``DatabaseError`` with a one-line message. On SQLite every connection gets WAL, foreign keys,
a busy timeout, ``synchronous=NORMAL`` and a 32 MiB page cache, and write transactions begin
``IMMEDIATE`` so a reader (``claims list``) and a writer (``ingest``) can share the file (and
ingest can assign ids itself). Migrations run with foreign keys off (SQLite's table-rebuild
procedure) and are checked before they commit; ``refresh_statistics`` keeps the query
planner's row counts current.

The Alembic configuration is built in code from the migrations shipped inside the package
(``verifier/migrations``, the top-level ``alembic/`` directory), so an installed wheel migrates
without an ``alembic.ini``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from verifier.config import check_database_url, database_url
from verifier.errors import DatabaseError
from verifier.interrupts import INTERRUPTS
from verifier.store.schema import SCHEMA_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

BUSY_TIMEOUT_MS = 10_000
#: SQLite's page cache per connection (default 2 MiB): an ingest chunk writes ~4 MiB.
CACHE_KIB = 32_768
_IMMEDIATE = "verifier_immediate"
#: Names of objects only the migrations know (full-text search), hidden from autogenerate.
MIGRATION_ONLY_PREFIXES = ("claims_fts", "ix_claims_text_fts")


@dataclass(frozen=True, slots=True)
class Revision:
    """One migration, for ``verifier db history``."""

    revision: str
    down_revision: str | None
    message: str
    is_head: bool


def migrations_path() -> Path:
    """The Alembic script directory shipped inside the package."""
    return Path(str(resources.files("verifier") / "migrations"))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` built in code (no ini file), bound to ``connection`` if given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, other: Any) -> bool:
    """Alembic's filter: leave FTS tables, their shadow tables and the FTS index out."""
    return not (name or "").startswith(MIGRATION_ONLY_PREFIXES)


class Database:
    """An open database: an engine plus transaction helpers."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.name = describe_url(url)
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(**{_IMMEDIATE: True}), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self, *, write: bool = False) -> Session:
        """A new session (the caller commits or rolls back and closes it)."""
        return (self._write if write else self._read)()

    @contextmanager
    def session_scope(self, *, write: bool = True) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises. The
        commit, the rollback and the close that hand the connection back to the pool run
        with Ctrl-C and SIGTERM deferred (``verifier.interrupts``): an interrupt waits for
        them (a fraction of a second) and is raised after, never inside SQLAlchemy's
        clean-up (whose pool logged it with a whole traceback)."""
        with translate_errors(self.name):
            session = self.session(write=write)
            try:
                yield session
                with INTERRUPTS.deferred():  # the commit hands the connection back too
                    session.commit()
            except BaseException:
                with INTERRUPTS.deferred():
                    try:
                        session.rollback()
                    finally:
                        session.close()
                raise
            else:
                with INTERRUPTS.deferred():
                    session.close()

    def revision(self) -> str | None:
        """The revision the database is at (None for an empty database)."""
        with translate_errors(self.name), self.engine.connect() as connection:
            return current_revision(connection)

    def revisions(self) -> list[str]:
        """Every row of ``alembic_version`` (``db current`` and ``db verify`` show them all)."""
        with translate_errors(self.name), self.engine.connect() as connection:
            return version_rows(connection)

    def close(self) -> None:
        with INTERRUPTS.deferred():  # as a transaction's close: never cut short
            self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def describe_url(url: str | URL) -> str:
    """The database as users name it: a SQLite path, or the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def create_db_engine(url: str | URL) -> Engine:
    """An engine with verifier's connection settings (SQLite pragmas and IMMEDIATE writes)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except sa_exc.NoSuchModuleError:  # "Can't load plugin: sqlalchemy.dialects:..."
            raise DatabaseError(
                f"cannot use database {describe_url(url)}: unknown kind of database "
                f"{parsed.drivername!r} (give a file path, sqlite:///PATH or "
                "postgresql+psycopg://USER@HOST/NAME)") from None
        except ImportError as exc:
            raise DatabaseError(
                f"cannot use database {describe_url(url)}: its driver is not installed "
                f"({exc}; verifier runs on SQLite and PostgreSQL)") from None
        except sa_exc.ArgumentError as exc:
            raise DatabaseError(f"cannot use database {describe_url(url)}: {exc}") from None
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_database(
    location: str | None = None, *, create: bool = True, migrate: bool = True
) -> Database:
    """Open ``--db``/``$VERIFIER_DB``/./verifier.db, creating and migrating it as needed.

    ``create=False`` refuses to create a missing SQLite file; ``migrate=False`` opens without
    checking the schema (``verifier db`` commands do their own).
    """
    url = database_url(location)
    check_database_url(url)
    name = describe_url(url)
    parsed = make_url(url)
    if (
        parsed.get_backend_name() == "sqlite"
        and parsed.database not in (None, "", ":memory:")
        and not parsed.query.get("uri")
    ):
        _check_sqlite_path(Path(parsed.database), name, create=create)
        engine = create_db_engine(_sqlite_engine_url(Path(parsed.database)) or url)
    else:
        engine = create_db_engine(url)
    database = Database(url, engine)
    if migrate:
        try:
            ensure_schema(database)
        except BaseException:
            database.close()
            raise
    return database


@contextmanager
def database_session(
    location: str | None = None, *, write: bool = False, create: bool = False
) -> Iterator[Session]:
    """Open the database and run one transaction in it (what most commands need).

    Reading never creates a database; ``create=True`` lets a writing command create one.
    """
    with open_database(location, create=create) as database, database.session_scope(
        write=write
    ) as session:
        yield session


def _sqlite_engine_url(path: Path) -> URL | None:
    """The URL a SQLite file this process may not write (or whose folder it may not
    write) is read through: read only (``reading.read_only_options``), so every read
    works and a write fails saying the file or its folder is read-only; None otherwise."""
    from verifier.store.reading import read_only_options, sqlite_uri

    options = read_only_options(path)
    if options is None:
        return None
    return URL.create("sqlite", database=sqlite_uri(path), query={**options, "uri": "true"})


def _check_sqlite_path(path: Path, name: str, *, create: bool) -> None:
    if path.is_dir():
        raise DatabaseError(f"{name} is a directory, not a database file")
    if path.exists():
        if not create and path.is_file() and path.stat().st_size == 0:
            # SQLite takes an empty file for an empty database: a reading command would
            # write the schema into it (a mistyped --db naming an empty text file)
            raise DatabaseError(f"{name} is an empty file, not a verifier database "
                                "(`verifier ingest` or `verifier db upgrade` makes one)")
        return
    if not create:
        raise DatabaseError(
            f"no database at {name} (`verifier ingest` or `verifier db upgrade` creates one)"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise DatabaseError(f"cannot create database {name}: directory {parent} does not exist")


def ensure_schema(database: Database) -> None:
    """Migrate an empty or older database to this code's revision; refuse a newer one."""
    revision = database.revision()
    if revision == SCHEMA_REVISION:
        return
    if revision is None:
        with translate_errors(database.name), database.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
        if tables:
            raise DatabaseError(
                f"{database.name} is not a verifier database "
                f"(it has tables but no schema revision: {', '.join(sorted(tables)[:3])} ...)"
            )
    elif revision not in {r.revision for r in history()}:
        raise DatabaseError(
            f"{database.name} is at schema revision {revision}, newer than this verifier "
            f"understands (its newest is {SCHEMA_REVISION}); upgrade verifier"
        )
    upgrade(database)
    from verifier.store.trackrecords import keep_counts

    with database.session_scope() as session:  # a revision may leave them to be counted
        keep_counts(session)


#: ``refresh_statistics`` runs ANALYZE again once ``claims`` has grown by this factor.
STATISTICS_GROWTH = 1.25
_STATISTICS_SEEN = (
    "SELECT stat FROM sqlite_stat1 WHERE tbl = 'claims' AND idx = 'ix_claims_status_id'"
)


def refresh_statistics(database: Database, *, missing_only: bool = False) -> bool:
    """Give SQLite's query planner row counts when it has none, or (unless ``missing_only``)
    when ``claims`` has grown by a quarter since; returns whether it ran ``ANALYZE``.

    Without ``sqlite_stat1`` the planner guesses, and at a million claims some review
    queries take the wrong index (``claims list --sort published``: 1.2 s instead of
    0.3 ms); ``ANALYZE`` costs about 0.25 s there. Ingest calls this after its first chunk
    (``missing_only``) and at the end. PostgreSQL keeps its own statistics (autovacuum).
    """
    if not database.is_sqlite:
        return False
    with database.session_scope() as session:
        connection = session.connection()
        claims = int(connection.exec_driver_sql("SELECT max(id) FROM claims").scalar() or 0)
        has_stats = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).scalar()
        stat = connection.exec_driver_sql(_STATISTICS_SEEN).scalar() if has_stats else None
        counted = int(str(stat).split()[0]) if stat else 0
        if not claims or (stat and (missing_only or claims <= counted * STATISTICS_GROWTH)):
            return False
        connection.exec_driver_sql("ANALYZE")
    return True


def current_revision(connection: Connection) -> str | None:
    """The ``alembic_version`` of the connected database, or None if there is none.

    ``DatabaseError`` if the table holds more than one row (someone added one by hand: the
    schema revision is then ambiguous and nothing should be migrated or trusted)."""
    rows = version_rows(connection)
    if len(rows) > 1:
        raise DatabaseError(
            f"alembic_version holds {len(rows)} rows ({', '.join(rows)}): the schema revision "
            "is ambiguous; `verifier db verify` checks the rest"
        )
    return rows[0] if rows else None


def version_rows(connection: Connection) -> list[str]:
    """Every row of ``alembic_version`` (one in a sound database; none in an empty one)."""
    try:
        with connection.begin_nested() if connection.in_transaction() else connection.begin():
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except sa_exc.ProgrammingError:  # PostgreSQL: no such table
        return []
    except sa_exc.OperationalError as exc:
        if "no such table" in str(exc.orig):
            return []
        raise
    return [str(row[0]) for row in rows]


def upgrade(database: Database, revision: str = "head") -> None:
    """Run migrations up to ``revision`` in one transaction."""
    from alembic import command

    with _migrating(database) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(database: Database, revision: str) -> None:
    """Run migrations down to ``revision`` (``"base"`` empties the database)."""
    from alembic import command

    with _migrating(database) as connection:
        command.downgrade(alembic_config(connection), revision)


@contextmanager
def _migrating(database: Database) -> Iterator[Connection]:
    """One write transaction for migrations. On SQLite, foreign keys are off while it runs,
    as SQLite's table-rebuild procedure requires (dropping a parent table would otherwise
    cascade into its children), and checked before the commit.

    One process migrates at a time: SQLite's ``BEGIN IMMEDIATE`` waits for the other
    writer; on PostgreSQL the transaction first takes verifier's write lock (the advisory
    lock every writer takes, ``store.grouping.WRITE_LOCK``), so ingests started at once on
    a new or older database (on one machine or several) wait for the first one's migration
    and then find nothing to do (two migrated side by side: one failed on a duplicate
    ``pg_type`` row, or an older one's writes met a half-changed schema)."""
    with translate_errors(database.name), database.engine.execution_options(
        **{_IMMEDIATE: True}
    ).connect() as connection:
        raw = connection.connection.driver_connection if database.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or ignored
        try:
            with connection.begin():
                if raw is None and connection.dialect.name == "postgresql":
                    from verifier.store.grouping import WRITE_LOCK

                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                yield connection
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise DatabaseError(
                            f"{database.name}: migrating would break a reference from "
                            f"{broken[0]} to {broken[2]}; nothing was changed"
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def history() -> list[Revision]:
    """Every migration shipped with this code, newest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    heads = set(scripts.get_heads())
    result = []
    for script in scripts.walk_revisions():
        down = script.down_revision
        result.append(
            Revision(
                revision=script.revision,
                down_revision=down if isinstance(down, str) or down is None else ",".join(down),
                message=(script.doc or "").strip().splitlines()[0] if script.doc else "",
                is_head=script.revision in heads,
            )
        )
    return result


@contextmanager
def translate_errors(name: str) -> Iterator[None]:
    """Turn driver errors about the database itself into one-line ``DatabaseError``s."""
    try:
        yield
    except sa_exc.OperationalError as exc:
        raise DatabaseError(_operational_message(name, str(exc.orig))) from None
    except sa_exc.DatabaseError as exc:
        message = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if "not a database" in message:
            raise DatabaseError(f"{name} is not a SQLite database") from None
        if isinstance(exc, sa_exc.IntegrityError):
            raise
        raise DatabaseError(f"{name}: {message}") from None


def _operational_message(name: str, detail: str) -> str:
    first = detail.strip().splitlines()[0] if detail.strip() else detail
    lowered = first.lower()
    if "not a database" in lowered:
        return f"{name} is not a SQLite database"
    if "readonly" in lowered or "read-only" in lowered:
        return f"cannot write to {name}: the file or its directory is read-only"
    if "unable to open database file" in lowered:
        return f"cannot open database {name}: check that the path exists and is writable"
    if "locked" in lowered:
        return f"{name} is busy (locked by another process); try again"
    return f"database {name}: {first}"
