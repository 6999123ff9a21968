"""Reading articles without SQLAlchemy: rows for scoring and reports (``ArticleRecord``,
fields named as the columns), texts, and small lookups; plain SQL through
``verifier.store.reading.Rows``, so the fast read paths can use it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from verifier.store.reading import Rows, converter, query_in, rows_of, select_list

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ArticleRecord(NamedTuple):
    """An ``articles`` row without its text (fields named as the columns); ``signature``:
    its MinHash signature, None for articles stored before revision 0007."""

    id: int
    title: str | None
    outlet: str | None
    outlet_id: int | None
    url: str | None
    published_at: datetime | None
    ingested_at: datetime
    signature: bytes | None


_ARTICLE = converter(ArticleRecord, "articles")
_SELECT = f"SELECT {select_list(ArticleRecord, 'articles')} FROM articles"


def article_records(db: Session | Rows, article_ids: Iterable[int]) -> dict[int, ArticleRecord]:
    """The articles with these ids, without their texts."""
    rows = query_in(rows_of(db), f"{_SELECT} WHERE id IN {{ids}}", set(article_ids))
    return {record.id: record for record in map(_ARTICLE, rows)}


def article_texts(db: Session | Rows, article_ids: Iterable[int]) -> dict[int, str]:
    rows = query_in(rows_of(db), "SELECT id, text FROM articles WHERE id IN {ids}",
                    set(article_ids))
    return {int(i): str(t) for i, t in rows}


def article_paths(db: Session | Rows, article_ids: Iterable[int]) -> dict[int, str | None]:
    """The file each article was read from (None when it came from elsewhere)."""
    rows = query_in(rows_of(db), "SELECT id, path FROM articles WHERE id IN {ids}",
                    set(article_ids))
    return {int(i): None if p is None else str(p) for i, p in rows}


def undated_counts(db: Session | Rows) -> tuple[int, int]:
    """How many stored articles have no publication date, and how many there are."""
    ((undated, total),) = rows_of(db).all(
        "SELECT COUNT(*) - COUNT(published_at), COUNT(*) FROM articles")
    return int(undated or 0), int(total or 0)


def article_exists(db: Session | Rows, article_id: int) -> bool:
    return bool(rows_of(db).all("SELECT id FROM articles WHERE id = :id", {"id": article_id}))


def article_id_by_path(db: Session | Rows, path_suffix: str) -> int | None:
    """The first article whose stored path ends with ``path_suffix``."""
    found = rows_of(db).all(
        "SELECT id FROM articles WHERE path LIKE :p ORDER BY id LIMIT 1", {"p": f"%{path_suffix}"}
    )
    return int(found[0][0]) if found else None


def stored_digests(db: Session | Rows, digests: Sequence[str]) -> set[str]:
    """Which of these text digests are stored already."""
    return {str(row[0]) for row in query_in(
        rows_of(db), "SELECT sha256 FROM articles WHERE sha256 IN {ids}", list(digests))}


def article_sha256(db: Session | Rows, article_id: int) -> str:
    """The digest of an article's text; ``NotFoundError`` if there is no such article."""
    from verifier.errors import NotFoundError

    found = rows_of(db).all("SELECT sha256 FROM articles WHERE id = :id", {"id": article_id})
    if not found:
        raise NotFoundError(f"no article with id {article_id}")
    return str(found[0][0])
