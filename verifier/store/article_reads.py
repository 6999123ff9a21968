"""Reading articles without SQLAlchemy: rows for scoring and reports (``ArticleRecord``,
fields named as the columns), texts, and small lookups; plain SQL through
``verifier.store.reading.Rows``, so the fast read paths can use it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from verifier.store.reading import Rows, as_utc, converter, query_in, rows_of, select_list
from verifier.store.verdict_record import VerdictRecord

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


@dataclass(frozen=True, slots=True)
class ArticleDetail:
    """An article with its text and per-kind claim counts, for ``articles show``."""

    summary: ArticleSummary
    byline: str | None
    outlet_key: str | None
    sha256: str
    word_count: int
    text: str
    sentences: int
    kinds: dict[str, int]
    statuses: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary.to_dict(),
            "byline": self.byline,
            "outlet_id": self.outlet_key,
            "sha256": self.sha256,
            "word_count": self.word_count,
            "sentences": self.sentences,
            "claims_by_sourcing": self.kinds,
            "claims_by_status": self.statuses,
            "text": self.text,
        }


_DETAIL = ("SELECT a.id, a.title, a.outlet, a.published_at, a.ingested_at, a.url, a.path, "
           "a.byline, s.key, a.sha256, a.word_count, a.text FROM articles a "
           "LEFT JOIN sources s ON s.id = a.outlet_id WHERE a.id = :id")


def article_detail(db: Session | Rows, article_id: int) -> ArticleDetail:
    """One article with its text and claim counts, in plain SQL (``articles show`` reads
    it through the stdlib driver); ``NotFoundError`` if there is none (who deleted it)."""
    from collections import Counter

    from verifier.vocab import UNATTRIBUTED

    rows = rows_of(db)
    found = rows.all(_DETAIL, {"id": article_id})
    if not found:
        from verifier.store.deleted import no_article

        raise no_article(rows, article_id)  # "no article with id N", or who deleted it
    (i, title, outlet, published, ingested, url, path, byline, key, sha256, words,
     text) = found[0]
    params = {"id": article_id, "yes": True}
    statuses = {str(status): int(count) for status, count in rows.all(
        "SELECT status, COUNT(*) FROM claims WHERE article_id = :id AND is_claim = :yes "
        "GROUP BY status", params)}
    ((sentences,),) = rows.all("SELECT COUNT(*) FROM claims WHERE article_id = :id", params)
    per_claim: dict[int, set[str]] = {}
    for claim_id, kind in rows.all(
            "SELECT c.id, t.kind FROM claims c LEFT JOIN attributions t ON t.claim_id = c.id "
            "WHERE c.article_id = :id AND c.is_claim = :yes", params):
        per_claim.setdefault(int(claim_id), set())
        if kind is not None:
            per_claim[int(claim_id)].add(str(kind))
    kinds: Counter[str] = Counter()
    for kinds_of_claim in per_claim.values():
        kinds.update(kinds_of_claim or {UNATTRIBUTED})
    summary = ArticleSummary(
        id=int(i), title=title, outlet=outlet, published_at=as_utc(published),
        ingested_at=as_utc(ingested) or datetime.min, claims=sum(statuses.values()),
        unverified=statuses.get("unverified", 0), url=url, path=path)
    return ArticleDetail(summary=summary, byline=byline, outlet_key=key, sha256=str(sha256),
                         word_count=int(words or 0), text=str(text),
                         sentences=int(sentences or 0), kinds=dict(kinds), statuses=statuses)


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


@dataclass(frozen=True, slots=True)
class OrphanedVerdict:
    """A verdict on a claim whose article was deleted."""

    verdict: VerdictRecord
    claim_id: int
    claim_text: str | None
    article_id: int | None
    article_title: str | None
    deleted_by: str | None
    deleted_at: datetime | None
    reason: str | None


def orphaned_verdicts(rows: Rows, limit: int = 200) -> list[OrphanedVerdict]:
    """Verdicts whose claim no longer exists, newest first, with what was deleted (the
    ``deleted_articles`` row that held the claim, if one does)."""
    import json

    verdict = converter(VerdictRecord, "verdicts")
    found = [verdict(row) for row in rows.all(
        f"SELECT {select_list(VerdictRecord, 'verdicts')} FROM verdicts "
        "WHERE claim_id IS NOT NULL AND claim_id NOT IN (SELECT id FROM claims) "
        "ORDER BY id DESC LIMIT :limit", {"limit": limit})]
    deleted: dict[int, tuple[tuple[Any, ...], dict[str, str]]] = {}
    for removed in rows.all("SELECT id, title, deleted_by, deleted_at, reason, claims "
                            "FROM deleted_articles"):
        claims = json.loads(removed[5])
        for claim_id in claims:
            deleted[int(claim_id)] = (removed, claims)
    orphaned = []
    for record in found:
        assert record.claim_id is not None
        info = deleted.get(record.claim_id)
        gone = info[0] if info else (None, None, None, None, None)
        orphaned.append(OrphanedVerdict(
            record, record.claim_id, info[1].get(str(record.claim_id)) if info else None,
            gone[0], gone[1], gone[2], as_utc(gone[3]), gone[4]))
    return orphaned
