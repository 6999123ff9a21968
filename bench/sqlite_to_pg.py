"""Copy a verifier SQLite database into an empty PostgreSQL database, so the read commands can
be timed on PostgreSQL at the size a SQLite benchmark built (by hand).

    .venv/bin/python bench/sqlite_to_pg.py SQLITE_PATH POSTGRESQL_URL

The PostgreSQL database is created at this code's schema revision (``verifier db upgrade``);
the SQLite one must be at the same revision. Every table is copied in foreign-key order with
``COPY`` (booleans and times converted; SQLite's full-text table has PostgreSQL's GIN index
instead), sequences are moved past the copied ids and the planner's statistics gathered.
Triggers (the append-only guards, foreign keys) are off while it copies
(``session_replication_role = replica``; needs a superuser, as a throwaway server gives).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _time(value: Any) -> Any:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def copy(sqlite_path: Path, url: str) -> dict[str, int]:
    import psycopg
    from sqlalchemy.engine import make_url

    from verifier.store.database import open_database
    from verifier.store.models import Base
    from verifier.store.schema import SCHEMA_REVISION

    source = sqlite3.connect(sqlite_path)
    revision = source.execute("SELECT version_num FROM alembic_version").fetchall()
    if revision != [(SCHEMA_REVISION,)]:
        sys.exit(f"{sqlite_path} is at {revision}, not {SCHEMA_REVISION}: "
                 "run `verifier db upgrade` on it first")
    with open_database(url):  # creates the schema at this revision
        pass
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    target = psycopg.connect(plain)
    copied: dict[str, int] = {}
    with target, target.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        if cursor.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
            sys.exit("articles is not empty: copy into an empty database")
        for table in Base.metadata.sorted_tables:
            name = table.name
            # The rows a migration seeds (track_record_state's one row) give way to the copy's.
            cursor.execute(f"DELETE FROM {name}")
            cursor.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = %s AND table_schema = current_schema()", (name,))
            types = dict(cursor.fetchall())
            mine = [row[1] for row in source.execute(f'PRAGMA table_info("{name}")')]
            columns = [c for c in mine if c in types]
            booleans = [i for i, c in enumerate(columns) if types[c] == "boolean"]
            times = [i for i, c in enumerate(columns) if types[c].startswith("timestamp")]
            quoted = ", ".join(f'"{c}"' for c in columns)
            count = 0
            with cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as stream:
                for row in source.execute(f"SELECT {quoted} FROM \"{name}\""):
                    values = list(row)
                    for i in booleans:
                        values[i] = None if values[i] is None else bool(values[i])
                    for i in times:
                        values[i] = _time(values[i])
                    stream.write_row(values)
                    count += 1
            copied[name] = count
            if "id" in types and count:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))")
            print(f"{name}: {count} rows", file=sys.stderr)
        cursor.execute("SET session_replication_role = DEFAULT")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("ANALYZE")
    return copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sqlite", type=Path)
    parser.add_argument("url")
    options = parser.parse_args()
    started = time.perf_counter()
    copied = copy(options.sqlite, options.url)
    print(f"copied {sum(copied.values())} rows in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
