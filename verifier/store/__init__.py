"""Storage: functions that take a SQLAlchemy ``Session`` and never print.

- ``articles``: ``save_article`` (one analysed article, Core bulk inserts), ``list_articles``,
  ``get_article``;
- ``claims``: the review queue, ``list_claims`` and ``get_claim``;
- ``verdicts``: ``add_verdict`` and ``mark_claims`` (append-only history);
- ``sources``: ``sync_registry`` and ``SourceResolver`` (attributions to source rows);
- ``rows``: ``flatten``, an analysis as plain row values (what ``store_articles`` inserts
  on PostgreSQL), ``ArticleMeta`` and ``SavedArticle``;
- ``sqlite_bulk``: ``store_articles`` on SQLite, the hot path of ingest.

Open a database and a transaction with ``verifier.db.open_database(...).session_scope()``.
"""

from __future__ import annotations

from verifier.claim_queries import ClaimFilter, ClaimRow
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
from verifier.store.rows import ArticleMeta, ArticleRows, SavedArticle, flatten, text_sha256
from verifier.store.sources import SourceResolver, find_outlet, sync_registry
from verifier.store.verdicts import add_verdict, check_verdict, mark_claims

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
