"""Storage: the only package with SQL. Functions take a SQLAlchemy ``Session`` and never print.

- ``models`` (the tables), ``schema`` (the expected revision), ``database`` (engines,
  sessions, SQLite pragmas, Alembic migrations);
- ``articles``: ``save_article`` (one analysed article, Core bulk inserts), ``list_articles``,
  ``get_article``;
- ``queue`` and ``queue_sql``: the review queue, ``list_claims`` and ``get_claim``;
  ``sqlite_read`` runs the same SQL through the stdlib driver for fast reads;
- ``verdicts``: ``add_verdict`` and ``mark_claims`` (append-only history);
- ``sources``: ``sync_registry`` and ``SourceResolver`` (attributions to source rows);
- ``rows``: ``flatten``, an analysis as plain row values (what ``store_articles`` inserts
  on PostgreSQL), ``ArticleMeta`` and ``SavedArticle``;
- ``sqlite_bulk``: ``store_articles`` on SQLite, the hot path of ingest.

Open a database and a transaction with
``verifier.store.database.open_database(...).session_scope()``.

May import: analysis results, the registry, vocab, errors, config. Never the CLI, reports,
the terminal or the web. The names below are loaded lazily, so importing
``verifier.store.sqlite_read`` does not pull in SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verifier.store.articles import (
        ArticleDetail,
        ArticleSummary,
        article_id_for_text,
        get_article,
        list_articles,
        save_article,
        store_article,
        store_articles,
    )
    from verifier.store.claims import ClaimDetail, get_claim, list_claims
    from verifier.store.queue_sql import ClaimFilter, ClaimRow
    from verifier.store.rows import ArticleMeta, ArticleRows, SavedArticle, flatten, text_sha256
    from verifier.store.sources import SourceResolver, find_outlet, sync_registry
    from verifier.store.verdicts import add_verdict, check_verdict, mark_claims

_LAZY: dict[str, str] = {
    "ArticleDetail": "verifier.store.articles",
    "ArticleMeta": "verifier.store.rows",
    "ArticleRows": "verifier.store.rows",
    "ArticleSummary": "verifier.store.articles",
    "ClaimDetail": "verifier.store.claims",
    "ClaimFilter": "verifier.store.queue_sql",
    "ClaimRow": "verifier.store.queue_sql",
    "SavedArticle": "verifier.store.rows",
    "SourceResolver": "verifier.store.sources",
    "add_verdict": "verifier.store.verdicts",
    "article_id_for_text": "verifier.store.articles",
    "check_verdict": "verifier.store.verdicts",
    "find_outlet": "verifier.store.sources",
    "flatten": "verifier.store.rows",
    "get_article": "verifier.store.articles",
    "get_claim": "verifier.store.claims",
    "list_articles": "verifier.store.articles",
    "list_claims": "verifier.store.claims",
    "mark_claims": "verifier.store.verdicts",
    "save_article": "verifier.store.articles",
    "store_article": "verifier.store.articles",
    "store_articles": "verifier.store.articles",
    "sync_registry": "verifier.store.sources",
    "text_sha256": "verifier.store.rows",
}

__all__ = [
    "ArticleDetail",
    "ArticleMeta",
    "ArticleRows",
    "ArticleSummary",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimRow",
    "SavedArticle",
    "SourceResolver",
    "add_verdict",
    "article_id_for_text",
    "check_verdict",
    "find_outlet",
    "flatten",
    "get_article",
    "get_claim",
    "list_articles",
    "list_claims",
    "mark_claims",
    "save_article",
    "store_article",
    "store_articles",
    "sync_registry",
    "text_sha256",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'verifier.store' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
