"""Storing an analysed article, and reading articles back.

``save_article`` writes the article, one ``claims`` row per sentence and their attributions
with Core ``executemany`` inserts (the ORM's per-object unit of work is far slower); the
caller's transaction makes it all-or-nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session

from verifier.analysis.results import ArticleAnalysis
from verifier.registry import Registry
from verifier.store.article_reads import ArticleDetail as ArticleDetail
from verifier.store.article_reads import ArticleSummary as ArticleSummary
from verifier.store.article_reads import article_count, article_detail, article_page
from verifier.store.models import Article, Claim
from verifier.store.models import Attribution as AttributionRow
from verifier.store.party_keys import DerivedSource
from verifier.store.reading import Rows
from verifier.store.rows import (
    ATTRIBUTION_COLUMNS,
    CLAIM_COLUMNS,
    WHY_COLUMNS,
    ArticleMeta,
    ArticleRows,
    SavedArticle,
    article_outlet,
    flatten,
    full_claim,
    saved_article,
    text_sha256,
)
from verifier.store.sources import SourceResolver, sync_registry
from verifier.store.sqlite_bulk import store_rows_sqlite
from verifier.store.tables import clip_optional

#: The tables, for Core inserts on the session's connection (no ORM unit of work).
ARTICLES = cast(Table, Article.__table__)
CLAIMS = cast(Table, Claim.__table__)
ATTRIBUTIONS = cast(Table, AttributionRow.__table__)
INSERT_ARTICLES = insert(ARTICLES)


def article_id_for_text(session: Session, text: str) -> int | None:
    """The id of the article already stored with exactly this text, if any."""
    digest = text_sha256(text)
    return session.connection().scalar(select(ARTICLES.c.id).where(ARTICLES.c.sha256 == digest))


def save_article(
    session: Session,
    analysis: ArticleAnalysis,
    meta: ArticleMeta | None = None,
    *,
    registry: Registry | None = None,
    sources: SourceResolver | None = None,
) -> int | None:
    """Store an analysed article in the caller's transaction; returns the new article's id,
    or None (and changes nothing) when an article with the same text is already stored.

    Attributions resolve through ``sources``, else through ``registry`` (default: the
    configured ``sources.yaml``), synced into the sources table first.
    """
    if sources is None:
        from verifier.config import sources_path
        from verifier.registry import load_registry

        registry = registry or load_registry(sources_path())
        sources = SourceResolver(registry, sync_registry(session, registry))
    saved = store_article(session, analysis, meta or ArticleMeta(), sources)
    return saved.id if saved is not None else None


def store_article(
    session: Session,
    analysis: ArticleAnalysis | ArticleRows,
    meta: ArticleMeta,
    sources: SourceResolver,
    *,
    now: datetime | None = None,
) -> SavedArticle | None:
    """``save_article`` with counts for ingest's summary: what was stored, or None."""
    if article_id_for_text(session, analysis.text) is not None:
        return None
    return store_articles(session, [(analysis, meta)], sources, now=now)[0]


def store_articles(
    session: Session,
    articles: Sequence[tuple[ArticleAnalysis | ArticleRows, ArticleMeta]],
    sources: SourceResolver,
    *,
    now: datetime | None = None,
) -> list[SavedArticle]:
    """Store several analysed articles with a handful of statements, whatever their number.

    Takes analyses or their ``flatten``-ed rows. The caller guarantees the texts are new and
    distinct (the unique index on ``sha256`` refuses them otherwise). SQLite takes
    ``verifier.store.sqlite_bulk`` (ids assigned in the write transaction, nothing read back).
    Otherwise articles, then all their claims, then all attributions go in with one
    ``executemany`` each; ids come back with one indexed query per table, which is much
    cheaper than ``RETURNING`` row by row. All-or-nothing in the caller's transaction.
    """
    if not articles:
        return []
    flat = [(a if isinstance(a, ArticleRows) else flatten(a), meta) for a, meta in articles]
    ingested_at = now or datetime.now(UTC)
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return store_rows_sqlite(session, flat, sources, ingested_at)
    connection.execute(
        INSERT_ARTICLES, [_article_row(rows, meta, sources, ingested_at) for rows, meta in flat]
    )
    digests = [rows.sha256 for rows, _ in flat]
    article_ids: dict[str, int] = {
        digest: article_id
        for digest, article_id in connection.execute(
            select(ARTICLES.c.sha256, ARTICLES.c.id).where(ARTICLES.c.sha256.in_(digests))
        ).all()
    }
    claim_rows = [
        (article_ids[rows.sha256], *full_claim(claim), "unverified")
        for rows, _ in flat
        for claim in rows.claims
    ]
    claim_ids: dict[tuple[int, int], int] = {}
    if claim_rows:
        _insert_many(connection, CLAIMS, CLAIM_TABLE_COLUMNS, claim_rows)
        claim_ids = {
            (article_id, position): claim_id
            for article_id, position, claim_id in connection.execute(
                select(CLAIMS.c.article_id, CLAIMS.c.position, CLAIMS.c.id).where(
                    CLAIMS.c.article_id.in_(list(article_ids.values()))
                )
            ).all()  # one fetch, not a fetch per row
        }
    attribution_rows: list[tuple[Any, ...]] = []
    keys: list[DerivedSource | str | None] = []
    saved: list[SavedArticle] = []
    for rows, meta in flat:
        article_id = article_ids[rows.sha256]
        article_sources = sources.for_article(meta.outlet, rows.sha256, meta.title, meta.path,
                                              rows.text)
        lookups = article_sources.lookups(rows)
        for number, (row, *values) in enumerate(rows.attributions):
            speaker, words = lookups[number]
            keys.append(article_sources.key(speaker, words))
            claim_id = claim_ids[(article_id, rows.claims[row][0])]
            base, why = values[:CARRIED], values[CARRIED + 1:]
            attribution_rows.append((claim_id, *base, bool(values[CARRIED]),
                                     *(why or NO_WHY)))
        saved.append(saved_article(article_id, rows))
    sources.add_derived(session, [k for k in keys if k is not None and not isinstance(k, str)])
    attribution_rows = [(*row, sources.id_of(session, key))
                        for row, key in zip(attribution_rows, keys, strict=True)]
    if attribution_rows:
        _insert_many(connection, ATTRIBUTIONS, ATTRIBUTION_TABLE_COLUMNS, attribution_rows)
    return saved


def _insert_many(
    connection: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """``executemany`` straight to the driver: rows of plain ints, strings and booleans need
    none of SQLAlchemy's per-row parameter processing, which would cost more than the
    database's own work."""
    sql, order = _insert_sql(connection.dialect, table, columns)
    if order is None:  # positional, in our column order
        connection.exec_driver_sql(sql, rows)
    elif not order:  # named parameters
        connection.exec_driver_sql(sql, [dict(zip(columns, row, strict=True)) for row in rows])
    else:
        connection.exec_driver_sql(sql, [tuple(row[i] for i in order) for row in rows])


@functools.cache
def _insert_sql(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, tuple[int, ...] | None]:
    """The dialect's INSERT of ``columns`` and how to order a row's values for it: None when
    they are positional in ``columns`` order, ``()`` when parameters are named, else the
    positions to take them from."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    positions = compiled.positiontup
    if not positions:
        return str(compiled), ()
    order = tuple(columns.index(name) for name in positions)
    return str(compiled), None if order == tuple(range(len(columns))) else order


def _article_row(
    rows: ArticleRows, meta: ArticleMeta, sources: SourceResolver, ingested_at: datetime
) -> dict[str, Any]:
    outlet_id, outlet = article_outlet(meta, sources)
    return {
        "sha256": rows.sha256,
        "outlet_id": outlet_id,
        "outlet": outlet,
        "title": clip_optional("articles", "title", meta.title),
        "url": clip_optional("articles", "url", meta.url),
        "byline": clip_optional("articles", "byline", meta.byline),
        "published_at": meta.published,
        "path": clip_optional("articles", "path", meta.path),
        "text": rows.text,
        "word_count": rows.word_count,
        "ingested_at": ingested_at,
        "signature": rows.signature,
        "grouped": False,
    }


#: Column orders of the rows ``store_articles`` inserts (see ``verifier.store.rows``).
#: (``status`` is given: the compiled INSERT would otherwise expect the model's default.)
CLAIM_TABLE_COLUMNS = ("article_id", *CLAIM_COLUMNS, "status")
ATTRIBUTION_TABLE_COLUMNS = ("claim_id", *ATTRIBUTION_COLUMNS, *WHY_COLUMNS, "source_id")
#: Where an attribution row's values (claim row number dropped) hold ``carried``, and the
#: why of a row without one.
CARRIED = ATTRIBUTION_COLUMNS.index("carried")
NO_WHY = (None,) * len(WHY_COLUMNS)


def list_articles(
    session: Session | Rows, *, outlet: str | None = None, limit: int = 50, offset: int = 0
) -> list[ArticleSummary]:
    """Articles, newest ingested first, with claim counts (``article_reads.article_page``:
    plain SQL, the stdlib driver's read as well as a session's)."""
    return article_page(session, outlet=outlet, limit=limit, offset=offset)


def count_articles(session: Session | Rows, *, outlet: str | None = None) -> int:
    """How many articles ``list_articles`` pages through (of the outlet with this stored
    key, if given)."""
    return article_count(session, outlet=outlet)


def get_article(session: Session, article_id: int) -> ArticleDetail:
    """One article with its text and claim counts; ``NotFoundError`` if there is none."""
    return article_detail(session, article_id)


def _chunks(ids: Sequence[int], size: int = 900) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
