"""Reads as plain SQL through either driver, and named rows built from the table metadata.

The read commands a reviewer runs all day (``stories list|show``, ``claims show``,
``sources show``, ``report --story``) must answer in a few hundred milliseconds, which
importing SQLAlchemy alone would use up. Their queries are written once as SQL with
``:named`` parameters and run through ``Rows``: ``SqliteRows`` (the standard library's
``sqlite3``, for a plain SQLite file at this code's revision; see ``open_reader``) or
``SessionRows`` (a SQLAlchemy session, any backend, inside a write transaction too).

On PostgreSQL ``PostgresRows`` runs the same SQL through psycopg alone (its ``:named``
parameters rewritten as SQLAlchemy's ``text()`` would for psycopg), for a database at this
code's revision; what it cannot open takes the SQLAlchemy path, which says why.

``select_list(RowType, table)`` writes the column list of a named row type whose fields are
column names (checked against ``verifier.store.columns``, generated from the models), and
``converter(RowType, table)`` turns a driver's values into the row type: times become
timezone-aware UTC datetimes, 0/1 become booleans, as SQLAlchemy's types would.

This module imports nothing heavy: SQLAlchemy only inside ``SessionRows``, psycopg only
to open a PostgreSQL database.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from verifier.errors import DatabaseError
from verifier.store.columns import BOOLEANS, COLUMNS, DATETIMES
from verifier.store.schema import SCHEMA_REVISION

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.orm import Session

SQLITE_PREFIX = "sqlite:///"
#: The URLs psycopg opens as they are, once their scheme is libpq's.
POSTGRES_PREFIXES = ("postgresql+psycopg://", "postgresql://")
#: A ``:name`` parameter, as SQLAlchemy's ``text()`` finds one (not ``::type``, not ``\:``).
_NAMED = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")
BUSY_TIMEOUT_S = 10.0
#: Ids per ``IN (...)`` list (SQLite before 3.32 allows 999 parameters a statement).
BATCH = 900
R = TypeVar("R")
Params = Mapping[str, Any]


class Rows(Protocol):
    """Something that runs a query with ``:named`` parameters and returns its rows."""

    dialect: str

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...


class SqliteRows:
    """Reads through a stdlib ``sqlite3`` connection."""

    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        try:
            return self.connection.execute(sql, dict(params or {})).fetchall()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseError("the database is busy (locked by another process); "
                                    "try again") from None
            raise


class PostgresRows:
    """Reads through a psycopg connection (no SQLAlchemy)."""

    dialect = "postgresql"

    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.connection = connection

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(_pyformat(sql), dict(params or {}))
            return cursor.fetchall() if cursor.description is not None else []


@cache
def _pyformat(sql: str) -> Any:
    """``sql`` with psycopg's ``%(name)s`` for each ``:name`` (a literal ``%`` doubled)."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


class SessionRows:
    """Reads through a SQLAlchemy session (in its transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        if self.dialect == "sqlite":
            # The driver takes ``:named`` parameters and returns the values SQLAlchemy would
            # for untyped text; compiling a ``text()`` per IN-list cost more than the query.
            self.session.flush()  # as ``execute`` would (autoflush)
            driver = self.session.connection().connection.driver_connection
            return SqliteRows(cast(sqlite3.Connection, driver)).all(sql, params)
        from sqlalchemy import text

        return [tuple(row) for row in self.session.execute(text(sql), dict(params or {}))]




def rows_of(source: Session | Rows) -> Rows:
    """``Rows`` for a session or rows (so store functions take either)."""
    if isinstance(source, SqliteRows | PostgresRows | SessionRows):
        return source
    return SessionRows(source)  # type: ignore[arg-type]


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (None for other URLs or with options)."""
    if not url.startswith(SQLITE_PREFIX) or "?" in url:
        return None
    from urllib.parse import unquote

    path = unquote(url[len(SQLITE_PREFIX) :])  # as SQLAlchemy reads it ('%3F' a '?')
    return Path(path) if path and path != ":memory:" else None


def read_only_options(path: Path) -> dict[str, str] | None:
    """SQLite's URI options for reading ``path`` when this process may not write it or its
    folder, else None. A file this process may not write is opened ``mode=ro``; in a folder
    it may not write either, with no ``-shm`` file beside it (no writer has it open), also
    ``immutable`` (WAL reading needs a ``-shm`` file SQLite could not make there: every
    read failed, "the file or its directory is read-only", as if reading were writing)."""
    import os

    if not path.is_file():
        return None
    folder = path.parent if str(path.parent) else Path(".")
    writable_folder = os.access(folder, os.W_OK | os.X_OK)
    if writable_folder and os.access(path, os.W_OK):
        return None
    if not writable_folder and not Path(f"{path}-shm").exists():
        return {"mode": "ro", "immutable": "1"}
    return {"mode": "ro"}


def sqlite_uri(path: Path, options: Mapping[str, str] | None = None) -> str:
    """A SQLite ``file:`` URI for ``path`` (its '?', '#' and '%' quoted), with
    ``options``."""
    from urllib.parse import quote, urlencode

    uri = f"file:{quote(str(path.absolute()))}"
    return f"{uri}?{urlencode(dict(options))}" if options else uri


@contextmanager
def open_sqlite(path: Path) -> Iterator[SqliteRows | None]:
    """A stdlib reader on a SQLite file at this code's revision, else None (the caller then
    takes the SQLAlchemy path, which creates, migrates or refuses the database)."""
    if not path.is_file():
        yield None
        return
    read_only = read_only_options(path)
    try:
        connection = (sqlite3.connect(path, timeout=BUSY_TIMEOUT_S) if read_only is None else
                      sqlite3.connect(sqlite_uri(path, read_only), timeout=BUSY_TIMEOUT_S,
                                      uri=True))
    except sqlite3.Error:
        yield None
        return
    try:
        try:
            revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.OperationalError:
            revisions = []
        except sqlite3.DatabaseError:
            raise DatabaseError(f"{path} is not a SQLite database") from None
        if revisions != [(SCHEMA_REVISION,)]:  # the SQLAlchemy path migrates or says why
            yield None
            return
        connection.execute("BEGIN")  # one snapshot for every read
        yield SqliteRows(connection)
    finally:
        connection.close()


def postgres_conninfo(url: str) -> str | None:
    """The libpq URI of a PostgreSQL URL psycopg can open as it is (its query, such as
    ``options`` or ``sslmode``, is libpq's too), else None."""
    for prefix in POSTGRES_PREFIXES:
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return None


@contextmanager
def open_postgres(conninfo: str) -> Iterator[PostgresRows | None]:
    """A psycopg reader on a PostgreSQL database at this code's revision, in one read-only
    snapshot, else None (psycopg missing, a connection or URL it refuses, another revision:
    the SQLAlchemy path then migrates or says why)."""
    try:
        import psycopg
    except ImportError:
        yield None
        return
    try:
        connection = psycopg.connect(conninfo)
    except (psycopg.Error, ValueError):
        yield None
        return
    try:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True  # one snapshot for every read, as on SQLite
        try:
            revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except psycopg.Error:
            revisions = []
        if revisions != [(SCHEMA_REVISION,)]:
            yield None
            return
        yield PostgresRows(connection)
    finally:
        connection.close()


@contextmanager
def open_reader(location: str | None) -> Iterator[Rows]:
    """Rows for ``--db``: a driver of its own (the stdlib's ``sqlite3``, psycopg) when it can
    answer, else a SQLAlchemy session (which migrates an older database and reports problems
    as one-line errors)."""
    from verifier.config import database_url

    url = database_url(location)
    path = sqlite_file(url)
    conninfo = postgres_conninfo(url)
    if path is not None or conninfo is not None:
        reader = open_sqlite(path) if path is not None else open_postgres(cast(str, conninfo))
        with reader as rows:
            if rows is not None:
                yield rows
                return
    from verifier.store.database import database_session

    with database_session(location) as session:
        yield SessionRows(session)


# --- named rows ------------------------------------------------------------------------


def fields_of(row_type: Any) -> tuple[str, ...]:
    """The field names of a NamedTuple or dataclass row type."""
    found = getattr(row_type, "_fields", None)
    if found is None:
        from dataclasses import fields

        found = tuple(f.name for f in fields(row_type))
    return tuple(found)


def select_list(row_type: Any, table: str, alias: str | None = None) -> str:
    """``alias."field", ...`` for a row type whose fields are columns of ``table``."""
    fields = fields_of(row_type)
    known = COLUMNS[table]
    missing = [f for f in fields if f not in known]
    if missing:
        raise KeyError(f"{table} has no column {', '.join(missing)}")
    prefix = f"{alias or table}."
    return ", ".join(f'{prefix}"{f}"' for f in fields)


def converter(row_type: Callable[..., R], table: str) -> Callable[[Sequence[Any]], R]:
    """A function from a driver's row to ``row_type`` (times as aware UTC, 0/1 as bool)."""
    fields = fields_of(row_type)
    times = [i for i, f in enumerate(fields) if f in DATETIMES[table]]
    flags = [i for i, f in enumerate(fields) if f in BOOLEANS[table]]
    if not times and not flags:
        return lambda row: row_type(*row)

    def convert(row: Sequence[Any]) -> R:
        values = list(row)
        for i in times:
            values[i] = as_utc(values[i])
        for i in flags:
            values[i] = None if values[i] is None else bool(values[i])
        return row_type(*values)

    return convert


def as_utc(value: Any) -> datetime | None:
    """A stored time (a datetime, or SQLite's text) as an aware UTC datetime."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(parsed, datetime):
        raise TypeError(f"expected a datetime, got {value!r}")
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def sql_time(value: datetime, dialect: str) -> Any:
    """A time as a parameter: SQLite compares SQLAlchemy's stored text (UTC, no zone)."""
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if dialect == "sqlite" else value


def in_list(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``(:name0, :name1, ...)`` and its parameters."""
    params = {f"{name}{n}": v for n, v in enumerate(values)}
    return "(" + ", ".join(f":{key}" for key in params) + ")", params


def chunks(values: Sequence[Any] | set[Any], size: int = BATCH) -> Iterator[list[Any]]:
    items = sorted(values) if isinstance(values, set) else list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def query_in(
    rows: Rows, sql: str, values: Sequence[Any] | set[Any], params: Params | None = None
) -> list[tuple[Any, ...]]:
    """Run ``sql`` (with ``{ids}`` where the ``IN`` list goes) over ``values`` in batches."""
    found: list[tuple[Any, ...]] = []
    for chunk in chunks(values):
        listed, bound = in_list("i", chunk)
        found.extend(rows.all(sql.format(ids=listed), {**(params or {}), **bound}))
    return found
