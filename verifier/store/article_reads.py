"""Reading articles without SQLAlchemy: rows for scoring and reports (``ArticleRecord``,
fields named as the columns), texts, and small lookups; plain SQL through
``verifier.store.reading.Rows``, so the fast read paths can use it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from verifier.store.reading import Rows, as_utc, converter, query_in, rows_of, select_list

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


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of ``articles list``."""

    id: int
    title: str | None
    outlet: str | None
    published_at: datetime | None
    ingested_at: datetime
    claims: int
    unverified: int
    url: str | None
    path: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published_at": _iso(self.published_at),
            "ingested_at": _iso(self.ingested_at),
            "claims": self.claims,
            "unverified": self.unverified,
            "url": self.url,
            "path": self.path,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


#: ``articles list``'s page: the newest ingested first, of one outlet (its stored key) or all.
_PAGE = ("SELECT a.id, a.title, a.outlet, a.published_at, a.ingested_at, a.url, a.path "
         "FROM articles a{join} ORDER BY a.id DESC LIMIT :limit OFFSET :offset")
_OUTLET_JOIN = " JOIN sources s ON s.id = a.outlet_id WHERE s.key = :outlet"


def article_page(db: Session | Rows, *, outlet: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[ArticleSummary]:
    """Articles, newest ingested first, with claim counts (counted for the page's articles
    only: a walk down the primary key, then one grouped read of their claims); plain SQL,
    so ``articles list`` reads through the stdlib driver as ``claims list`` does."""
    rows = rows_of(db)
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if outlet is not None:
        params["outlet"] = outlet
    found = rows.all(_PAGE.format(join=_OUTLET_JOIN if outlet is not None else ""), params)
    counts: dict[int, tuple[int, int]] = {}
    for article_id, claims, unverified in query_in(
            rows, "SELECT article_id, COUNT(*), SUM(CASE WHEN status = 'unverified' THEN 1 "
            "ELSE 0 END) FROM claims WHERE article_id IN {ids} AND is_claim = :yes "
            "GROUP BY article_id", {int(row[0]) for row in found}, {"yes": True}):
        counts[int(article_id)] = (int(claims), int(unverified or 0))
    return [ArticleSummary(
        id=int(i), title=title, outlet=outlet_name, published_at=as_utc(published),
        ingested_at=as_utc(ingested) or datetime.min, claims=counts.get(int(i), (0, 0))[0],
        unverified=counts.get(int(i), (0, 0))[1], url=url, path=path,
    ) for i, title, outlet_name, published, ingested, url, path in found]


def article_count(db: Session | Rows, *, outlet: str | None = None) -> int:
    """How many articles ``article_page`` pages through."""
    if outlet is None:
        ((count,),) = rows_of(db).all("SELECT COUNT(*) FROM articles")
    else:
        ((count,),) = rows_of(db).all("SELECT COUNT(*) FROM articles a" + _OUTLET_JOIN,
                                      {"outlet": outlet})
    return int(count or 0)


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
