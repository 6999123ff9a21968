"""Storing a batch of flattened articles on SQLite: the hot path of ingest.

Per inserted row, almost all the time goes to the driver binding parameters, so the rows
(``verifier.store.rows``) come shaped for it: ints and strings only (``sqlite3`` sends
``None`` and ``bool`` through its adapter lookup, about 0.35 us each, more than SQLite's own
work for an int), one statement per row shape so no ``None`` is bound, and many rows per
statement. Ids are assigned
here: the write transaction is ``BEGIN IMMEDIATE`` (``verifier.store.database``), so no one
else inserts
meanwhile and nothing needs reading back. ``status`` takes its default. The new claims enter
the FTS5 index with one ``INSERT ... SELECT`` over their id range (migration 0002).
Everything goes through the caller's transaction: all or nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from verifier.store.columns import COLUMNS, LENGTHS
from verifier.store.models import Article
from verifier.store.party_keys import DerivedSource
from verifier.store.rows import ATTRIBUTION_COLUMNS as ROW_ATTRIBUTION_COLUMNS
from verifier.store.rows import (
    ATTRIBUTION_WIDTH,
    CLAIM_COLUMNS,
    CLAIM_WIDTHS,
    WHY_COLUMNS,
    ArticleMeta,
    ArticleRows,
    SavedArticle,
    article_outlet,
    saved_article,
)
from verifier.store.sources import SourceResolver

#: Parameters per statement: SQLite before 3.32 allows no more than 999.
MAX_PARAMETERS = 999
#: The columns written, from the tables' metadata (``article_values`` fills them by name).
ARTICLE_COLUMNS = COLUMNS["articles"]
ATTRIBUTION_COLUMNS = ("claim_id", *ROW_ATTRIBUTION_COLUMNS)
#: An attribution's columns by row length (claim row number first): without a why, with it.
ATTRIBUTION_SHAPES = {
    ATTRIBUTION_WIDTH: ATTRIBUTION_COLUMNS,
    ATTRIBUTION_WIDTH + len(WHY_COLUMNS): (*ATTRIBUTION_COLUMNS, *WHY_COLUMNS),
}
ARTICLE_LENGTHS = LENGTHS["articles"]
INDEX_CLAIMS = (
    "INSERT INTO claims_fts(rowid, text) SELECT id, text FROM claims WHERE id BETWEEN ? AND ?"
)
TimeParam = Callable[[datetime | None], Any]
#: How a time is stored (``UTCDateTime``: UTC, as SQLAlchemy writes it on SQLite).
PUBLISHED_AT = cast(Table, Article.__table__).c.published_at


def store_rows_sqlite(
    session: Session,
    articles: Sequence[tuple[ArticleRows, ArticleMeta]],
    sources: SourceResolver,
    ingested_at: datetime,
) -> list[SavedArticle]:
    """Store new, distinct articles (the unique ``sha256`` index refuses others) with one
    statement per table and row shape; returns what was stored, in order."""
    connection = session.connection()
    as_time = time_param(connection)
    article_id = _max_id(connection, "articles")
    first_claim = next_claim = _max_id(connection, "claims") + 1
    article_rows: list[Any] = []
    # Values of all rows of one shape in a row, as the multi-row INSERTs take them.
    claim_values: dict[int, list[Any]] = {width: [] for width in CLAIM_WIDTHS}
    # per row shape (see ``ATTRIBUTION_SHAPES``)
    unsourced: dict[int, list[Any]] = {width: [] for width in ATTRIBUTION_SHAPES}
    sourced: dict[int, list[Any]] = {width: [] for width in ATTRIBUTION_SHAPES}
    saved: list[SavedArticle] = []
    # where ``sourced`` holds a source key to replace with its id, and the derived sources
    ids_at: list[tuple[list[Any], int]] = []
    derived: list[DerivedSource] = []
    stamp = as_time(ingested_at)
    for rows, meta in articles:
        article_id += 1
        outlet_id, outlet_name = article_outlet(meta, sources)
        article_rows += article_values({
            "id": article_id, "sha256": rows.sha256, "outlet_id": outlet_id,
            "outlet": outlet_name, "title": meta.title, "url": meta.url, "byline": meta.byline,
            "published_at": as_time(meta.published), "path": meta.path, "text": rows.text,
            "word_count": rows.word_count, "ingested_at": stamp, "signature": rows.signature,
            "grouped": 0,
        })
        first = next_claim
        for claim in rows.claims:
            values = claim_values[len(claim)]
            values.append(next_claim)
            values.append(article_id)
            values += claim
            next_claim += 1
        article_sources = sources.for_article(meta.outlet, rows.sha256, meta.title, meta.path,
                                              rows.text)
        lookups = article_sources.lookups(rows)
        for number, attribution in enumerate(rows.attributions):
            # (claim row, ...): the row becomes the id
            speaker, words = lookups[number]
            found = article_sources.key(speaker, words)
            values = (unsourced if found is None else sourced)[len(attribution)]
            at = len(values)
            values += attribution
            values[at] = first + attribution[0]
            if found is not None:
                ids_at.append((values, len(values)))
                values.append(found)
                if not isinstance(found, str):
                    derived.append(found)
        saved.append(saved_article(article_id, rows))
    sources.add_derived(session, derived)  # new sources' rows, a statement or two
    for values, at in ids_at:
        values[at] = sources.id_of(session, values[at])
    insert_rows(connection, "articles", ARTICLE_COLUMNS, article_rows)
    for width, values in claim_values.items():
        insert_rows(connection, "claims", ("id", "article_id", *CLAIM_COLUMNS[:width]), values)
    if next_claim > first_claim:
        connection.exec_driver_sql(INDEX_CLAIMS, (first_claim, next_claim - 1))
    for width, columns in ATTRIBUTION_SHAPES.items():
        insert_rows(connection, "attributions", columns, unsourced[width])
        insert_rows(connection, "attributions", (*columns, "source_id"), sourced[width])
    return saved


def time_param(connection: Connection) -> TimeParam:
    """How a time is bound on this connection (as SQLAlchemy stores ``UTCDateTime``)."""
    dialect = connection.dialect
    return cast(TimeParam, PUBLISHED_AT.type.dialect_impl(dialect).bind_processor(dialect))


def insert_rows(
    connection: Connection, table: str, columns: tuple[str, ...], values: list[Any]
) -> None:
    """Insert rows given as one run of ``values`` (``len(columns)`` per row), as many rows
    per statement as the parameter limit allows (a quarter cheaper than a row per
    statement: fewer steps and resets)."""
    width = len(columns)
    rows = len(values) // width
    if not rows:
        return
    per = max(1, MAX_PARAMETERS // width)
    step = per * width
    whole = rows // per * step
    if whole:
        connection.exec_driver_sql(
            _insert_sql(table, columns, per),
            [tuple(values[i : i + step]) for i in range(0, whole, step)],
        )
    if whole < len(values):
        connection.exec_driver_sql(
            _insert_sql(table, columns, rows - whole // width), tuple(values[whole:])
        )


@functools.cache
def _insert_sql(table: str, columns: tuple[str, ...], rows: int) -> str:
    values = "(" + ", ".join("?" * len(columns)) + ")"
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES " + ", ".join([values] * rows)


#: The largest id a deleted article took with it (``deleted_articles``): SQLite numbers
#: from the largest stored id, so ingest numbers after these too, and a deleted article's
#: or claim's id (its orphaned verdicts, its audit lines) never names a new one.
_GONE = {"articles": "max(id)", "claims": "max(last_claim)"}


def _max_id(connection: Connection, table: str) -> int:
    sql = f"SELECT coalesce(max(id), 0) FROM {table}"
    if table in _GONE:
        sql = f"SELECT max(({sql}), (SELECT coalesce({_GONE[table]}, 0) FROM deleted_articles))"
    return int(connection.exec_driver_sql(sql).scalar_one())


def article_values(values: dict[str, Any]) -> tuple[Any, ...]:
    """An article row in ``ARTICLE_COLUMNS`` order, strings cut to their column's length;
    a ``KeyError`` names a column the table gained and this writer does not fill."""
    return tuple(
        value[: ARTICLE_LENGTHS[name]]
        if name in ARTICLE_LENGTHS and isinstance(value := values[name], str)
        else values[name]
        for name in ARTICLE_COLUMNS
    )
