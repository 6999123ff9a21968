"""Storing a batch of analysed articles on SQLite: the hot path of ingest.

Per inserted row, almost all the time goes to the driver binding parameters, so the rows are
built for it straight from the analyses: ids are assigned here (the write transaction is
``BEGIN IMMEDIATE``, so no one else inserts meanwhile, and nothing needs reading back),
booleans go in as ints, and rows are grouped by which optional columns they fill so no
``None`` is bound (``sqlite3`` sends ``None`` and ``bool`` through its adapter lookup, about
0.35 us each, more than SQLite's own work for an int). ``status`` takes its default. The new
claims enter the FTS5 index with one ``INSERT ... SELECT`` over their id range (migration
0002). Everything goes through the caller's transaction: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from verifier.models import Article
from verifier.results import UNATTRIBUTED, ArticleAnalysis
from verifier.store.rows import ArticleMeta, SavedArticle, article_outlet, text_sha256
from verifier.store.sources import SourceResolver

INSERT_ARTICLE = (
    "INSERT INTO articles (id, sha256, outlet_id, outlet, title, url, byline, published_at, "
    "path, text, word_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_CLAIM = 'INSERT INTO claims (id, article_id, position, start, "end", text, is_claim, claim_rule'
#: Claim inserts by what the sentence has: no certainty, a certainty without cue, with cue.
INSERT_CLAIMS = (
    _CLAIM + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    _CLAIM + ", certainty, certainty_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    _CLAIM + ", certainty, certainty_rule, certainty_cue, certainty_start, certainty_end) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
)
_ATTRIBUTION = (
    "INSERT INTO attributions (claim_id, position, kind, speaker, stance, source_text, "
    "source_start, source_end, cue_text, cue_start, cue_end, rule, carried"
)
#: Attribution inserts without and with a resolved source.
INSERT_ATTRIBUTIONS = (
    _ATTRIBUTION + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    _ATTRIBUTION + ", source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
)
INDEX_CLAIMS = (
    "INSERT INTO claims_fts(rowid, text) SELECT id, text FROM claims WHERE id BETWEEN ? AND ?"
)
TimeParam = Callable[[datetime | None], Any]
#: How a time is stored (``UTCDateTime``: UTC, as SQLAlchemy writes it on SQLite).
PUBLISHED_AT = cast(Table, Article.__table__).c.published_at


def store_articles_sqlite(
    session: Session,
    articles: Sequence[tuple[ArticleAnalysis, ArticleMeta]],
    sources: SourceResolver,
    ingested_at: datetime,
) -> list[SavedArticle]:
    """Store new, distinct articles (the unique ``sha256`` index refuses others) with one
    statement per table and row shape; returns what was stored, in order."""
    connection = session.connection()
    dialect = connection.dialect
    as_time = cast(TimeParam, PUBLISHED_AT.type.dialect_impl(dialect).bind_processor(dialect))
    article_id = _max_id(connection, "articles")
    first_claim = claim_id = _max_id(connection, "claims") + 1
    article_rows: list[tuple[Any, ...]] = []
    claim_rows: tuple[list[tuple[Any, ...]], ...] = ([], [], [])
    attribution_rows: tuple[list[tuple[Any, ...]], ...] = ([], [])
    saved: list[SavedArticle] = []
    stamp = as_time(ingested_at)
    source_id_for = sources.source_id_for
    for analysis, meta in articles:
        article_id += 1
        text = analysis.text
        word_count = len(text.split())
        outlet_id, outlet_name = article_outlet(meta, sources)
        article_rows.append((
            article_id, text_sha256(text), outlet_id, outlet_name, _clip(meta.title, 1000),
            _clip(meta.url, 2000), _clip(meta.byline, 500), as_time(meta.published),
            _clip(meta.path, 2000), text, word_count, stamp,
        ))
        kinds: dict[str, int] = {}
        claims = 0
        outlet = meta.outlet
        for sentence in analysis.sentences:
            head = (claim_id, article_id, sentence.index, sentence.start, sentence.end,
                    sentence.text, 1 if sentence.claim else 0, sentence.claim_rule[:80])
            certainty = sentence.certainty
            if certainty is None:
                claim_rows[0].append(head)
            elif certainty.cue is None:
                claim_rows[1].append((*head, certainty.value, certainty.rule[:80]))
            else:
                cue = certainty.cue
                claim_rows[2].append((*head, certainty.value, certainty.rule[:80],
                                      cue.text[:300], cue.start, cue.end))
            found: set[str] = set()
            for position, a in enumerate(sentence.attributions):
                kind: str = a.kind
                found.add(kind)
                words = a.source.text[:1000]
                row = (claim_id, position, kind, a.speaker, a.stance, words, a.source.start,
                       a.source.end, a.cue.text[:500], a.cue.start, a.cue.end, a.rule[:80],
                       1 if a.carried else 0)
                source_id = source_id_for(session, a.speaker, words, outlet)
                if source_id is None:
                    attribution_rows[0].append(row)
                else:
                    attribution_rows[1].append((*row, source_id))
            if sentence.claim:
                claims += 1
                for kind in found or (UNATTRIBUTED,):
                    kinds[kind] = kinds.get(kind, 0) + 1
            claim_id += 1
        saved.append(SavedArticle(id=article_id, sentences=len(analysis.sentences),
                                  claims=claims, kinds=kinds, words=word_count))
    connection.exec_driver_sql(INSERT_ARTICLE, article_rows)
    for sql, rows in zip(INSERT_CLAIMS, claim_rows, strict=True):
        if rows:
            connection.exec_driver_sql(sql, rows)
    if claim_id > first_claim:
        connection.exec_driver_sql(INDEX_CLAIMS, (first_claim, claim_id - 1))
    for sql, rows in zip(INSERT_ATTRIBUTIONS, attribution_rows, strict=True):
        if rows:
            connection.exec_driver_sql(sql, rows)
    return saved


def _max_id(connection: Connection, table: str) -> int:
    return int(connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar_one())


def _clip(value: str | None, limit: int) -> str | None:
    return value[:limit] if value is not None else None
