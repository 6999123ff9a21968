"""The review queue's query, as plain SQL with ``:named`` parameters.

One builder serves both drivers: SQLAlchemy's ``text()`` (any backend, ``store.claims``) and
the standard library's ``sqlite3`` (``verifier.store.sqlite_read``, so ``claims list`` on SQLite
starts without importing SQLAlchemy). The query walks ``ix_claims_status_id`` in id order and
stops at the limit; sourcing filters are indexed ``EXISTS`` probes and ``search`` uses the
full-text index (FTS5 on SQLite, the GIN ``to_tsvector`` index on PostgreSQL).

This module imports nothing heavy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from verifier.errors import UsageError
from verifier.store.reading import as_utc, sql_time
from verifier.vocab import CERTAINTIES, CLAIM_STATUSES, SOURCING_LABELS, UNATTRIBUTED

ANY_STATUS = "any"
SOURCING_KINDS = SOURCING_LABELS
SORTS = ("newest", "oldest", "published", "article")
MAX_LIMIT = 100_000
#: What a stored score can be (``verifier.scoring.score.logistic``): the score filters'
#: bounds.
SCORE_RANGE = (0.0, 1.0)
#: A score filter that lets through at most this many stories' claims (counted down
#: ``ix_stories_score_id``) drives the queue from those stories; a wider one walks the
#: queue's own order and checks each claim's story.
FEW_SCORED = 2000

_ORDER = {
    "newest": "claims.id DESC",
    "oldest": "claims.id ASC",
    # newest publication first, undated last; matches ix_articles_published_at_id on SQLite
    "published": "articles.published_at DESC, articles.id DESC, claims.position ASC",
    "article": "claims.article_id ASC, claims.position ASC",
}


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What ``claims list`` shows. Dates are inclusive; ``search`` matches words in the text."""

    status: str = "unverified"
    sourcing: str | None = None
    certainty: str | None = None
    outlet: str | None = None
    article: int | None = None
    story: int | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None
    #: Claims whose story's stored score (``stories.score``: the number the story list,
    #: the reports and the desk's queue show) is at least / at most this, 0 to 1; a claim
    #: whose story awaits its first score is left out.
    min_score: float | None = None
    max_score: float | None = None
    sort: str = "newest"
    limit: int = 50
    offset: int = 0
    #: Fetch one row past ``limit``, to tell whether a next page exists (the bound
    #: ``validate`` checks stays the caller's ``limit``: ``--limit 100000`` is allowed).
    peek: bool = False

    def validate(self) -> None:
        """Raise ``UsageError`` for values no claim can have."""
        _one_of("status", self.status, (*CLAIM_STATUSES, ANY_STATUS))
        if self.sourcing is not None:
            _one_of("sourcing", self.sourcing, SOURCING_KINDS)
        if self.certainty is not None:
            _one_of("certainty", self.certainty, CERTAINTIES)
        _one_of("sort", self.sort, SORTS)
        if not 1 <= self.limit <= MAX_LIMIT:
            raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}")
        if self.offset < 0:
            raise UsageError("--offset must not be negative")
        if self.since and self.until and self.since > self.until:
            raise UsageError("--since is after --until")
        if self.search is not None and not search_words(self.search):
            raise UsageError("--search needs at least one word")
        check_scores(self.min_score, self.max_score)


def check_scores(least: float | None, most: float | None) -> None:
    """``UsageError`` for score bounds no story can have: each between 0 and 1 (a score is
    a logistic's), the least not above the most."""
    for name, value in (("--min-score", least), ("--max-score", most)):
        if value is not None and not (SCORE_RANGE[0] <= value <= SCORE_RANGE[1]):
            raise UsageError(f"{name} must be between {SCORE_RANGE[0]:g} and "
                             f"{SCORE_RANGE[1]:g} (a score runs from 0 to 1)")
    if least is not None and most is not None and least > most:
        raise UsageError("--min-score is above --max-score")


def score_bounds(column: str, least: float | None,
                 most: float | None) -> tuple[list[str], dict[str, Any]]:
    """The conditions on a stored score ``column`` for these bounds, and their parameters
    (``:min_score``, ``:max_score``)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if least is not None:
        where.append(f"{column} >= :min_score")
        params["min_score"] = float(least)
    if most is not None:
        where.append(f"{column} <= :max_score")
        params["max_score"] = float(most)
    return where, params


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One line of the review queue."""

    id: int
    article_id: int
    position: int
    text: str
    status: str
    certainty: str | None
    kinds: tuple[str, ...]
    outlet: str | None
    title: str | None
    published_at: datetime | None
    story_id: int | None = None
    #: Its story's stored score (None: in no story, or the story awaits its score).
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "position": self.position,
            "status": self.status,
            "certainty": self.certainty,
            "sourcing": list(self.kinds) or [UNATTRIBUTED],
            "outlet": self.outlet,
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "story": self.story_id,
            "score": None if self.score is None else round(self.score, 4),
            "text": self.text,
        }


def search_words(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def search_condition(query: str, dialect: str) -> tuple[str, str]:
    """The test a row of ``claims`` passes when its text holds the words of ``query`` (the
    full-text index on SQLite and PostgreSQL), and its ``:fts`` parameter. Each word matches
    the start of a word, as a search box does: "resign" finds "resignation" and "resigned"
    (a prefix query; PostgreSQL also stems: "resignation" finds "resigned")."""
    words = search_words(query)
    if dialect == "sqlite":
        return ("claims.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :fts)",
                " ".join('"' + word + '"*' for word in words))
    if dialect == "postgresql":  # \w+ words only: no tsquery operator reaches to_tsquery
        return ("to_tsvector('english', claims.text) @@ to_tsquery('english', :fts)",
                " & ".join(word + ":*" for word in words))
    return "lower(claims.text) LIKE :fts", "%" + " ".join(words).lower() + "%"


#: An outlet's ``sources`` row, how many articles it published, and (index ends, not counts)
#: the largest article and claim ids, which ``Outlet.common`` weighs.
OUTLET_SQL = (
    "SELECT id, (SELECT count(*) FROM articles WHERE outlet_id = sources.id), "
    "(SELECT max(id) FROM articles), (SELECT max(id) FROM claims) "
    "FROM sources WHERE key = :outlet"
)


@dataclass(frozen=True, slots=True)
class Outlet:
    """The outlet a queue is filtered by, with the sizes its query plan depends on."""

    id: int
    articles: int
    all_articles: int
    all_claims: int

    def common(self, wanted: int) -> bool:
        """Whether walking the queue's order and checking each claim's outlet reaches
        ``wanted`` rows sooner than gathering every claim of the outlet's articles and
        sorting them: about ``wanted / share`` claims walked against ``share * claims``
        sorted (SQLite has no per-value statistics to weigh this itself; it always took
        the outlet's index, sorting 170,000 claims for an outlet of a sixth of 1 M)."""
        share = self.articles / max(self.all_articles, 1)
        return share * share * self.all_claims >= wanted


def outlet_of(row: Sequence[Any]) -> Outlet:
    return Outlet(int(row[0]), int(row[1] or 0), int(row[2] or 0), int(row[3] or 0))


def scored_sql(f: ClaimFilter) -> tuple[str, dict[str, Any]] | None:
    """How many claims (up to ``FEW_SCORED + 1``) sit in stories the score filter lets
    through, counted down ``ix_stories_score_id``: None without a score filter."""
    bounds, params = score_bounds("stories.score", f.min_score, f.max_score)
    if not bounds:
        return None
    return ("SELECT count(*) FROM (SELECT 1 FROM stories JOIN story_claims ON "
            f"story_claims.story_id = stories.id WHERE {' AND '.join(bounds)} "
            f"LIMIT {FEW_SCORED + 1}) AS scored"), params


def list_sql(
    f: ClaimFilter, dialect: str, outlet: Outlet | int | None, scored: int | None = None,
    *, count_only: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The list query for ``dialect`` ("sqlite" or "postgresql") and its parameters;
    ``scored``: what ``scored_sql`` counted (a score filter that lets through few claims
    is driven from their stories); ``count_only``: the same rows, selecting only a 1 each
    (to be counted)."""
    where = ["claims.is_claim = :is_claim"]
    params: dict[str, Any] = {"is_claim": True, "limit": f.limit + int(f.peek), "offset": f.offset}
    if f.status != ANY_STATUS:
        where.append("claims.status = :status")
        params["status"] = f.status
    if f.certainty is not None:
        where.append("claims.certainty = :certainty")
        params["certainty"] = f.certainty
    if f.article is not None:
        where.append("claims.article_id = :article")
        params["article"] = f.article
    if f.story is not None:
        where.append("claims.id IN (SELECT claim_id FROM story_claims WHERE story_id = :story)")
        params["story"] = f.story
    if outlet is not None:
        params["outlet_id"] = outlet if isinstance(outlet, int) else outlet.id
        where.append(_outlet_condition(f, dialect, outlet))
    if f.since is not None:
        where.append("articles.published_at >= :since")
        params["since"] = sql_time(datetime.combine(f.since, time.min), dialect)
    if f.until is not None:
        where.append("articles.published_at <= :until")
        params["until"] = sql_time(datetime.combine(f.until, time.max), dialect)
    if f.sourcing == UNATTRIBUTED:
        where.append("NOT EXISTS (SELECT 1 FROM attributions WHERE claim_id = claims.id)")
    elif f.sourcing is not None:
        where.append(
            "EXISTS (SELECT 1 FROM attributions "
            "WHERE attributions.kind = :kind AND attributions.claim_id = claims.id)"
        )
        params["kind"] = f.sourcing
    if f.search is not None:
        condition, params["fts"] = search_condition(f.search, dialect)
        where.append(condition)
    bounds, bound = score_bounds("stories.score", f.min_score, f.max_score)
    if bounds:
        params.update(bound)
        where.append(_score_condition(bounds, scored))
    story = "(SELECT story_id FROM story_claims WHERE story_claims.claim_id = claims.id LIMIT 1)"
    columns = "1" if count_only else (
        "claims.id, claims.article_id, claims.position, claims.text, claims.status, "
        "claims.certainty, articles.outlet, articles.title, articles.published_at, "
        f"{story}, (SELECT score FROM stories WHERE stories.id = {story})")
    sql = (
        f"SELECT {columns} "
        "FROM claims JOIN articles ON articles.id = claims.article_id "
        f"WHERE {' AND '.join(where)} ORDER BY {_order(f.sort, dialect)} "
        "LIMIT :limit OFFSET :offset"
    )
    return sql, params


def _outlet_condition(f: ClaimFilter, dialect: str, outlet: Outlet | int) -> str:
    """The list query's condition on ``:outlet_id``."""
    if (dialect == "sqlite" and isinstance(outlet, Outlet) and f.since is None
            and f.until is None and outlet.common(f.offset + f.limit + int(f.peek))):
        # a correlated probe the planner cannot drive the query from: the queue's own
        # order is walked, each claim's article checked by primary key (with dates, the
        # outlet's articles in the range are fewer: the planner's join stays)
        return ("EXISTS (SELECT 1 FROM articles AS outlet_check WHERE "
                "outlet_check.id = claims.article_id AND "
                "outlet_check.outlet_id = :outlet_id)")
    return "articles.outlet_id = :outlet_id"


def _score_condition(bounds: list[str], scored: int | None) -> str:
    """The list query's condition on its claims' story scores (``bounds``, from
    ``score_bounds``)."""
    if scored is not None and scored <= FEW_SCORED:  # from those stories' members
        return ("claims.id IN (SELECT story_claims.claim_id FROM stories JOIN "
                "story_claims ON story_claims.story_id = stories.id WHERE "
                f"{' AND '.join(bounds)})")
    # down the queue's order, each claim's story read by its key
    return ("EXISTS (SELECT 1 FROM story_claims JOIN stories ON stories.id = "
            "story_claims.story_id WHERE story_claims.claim_id = claims.id AND "
            f"{' AND '.join(bounds)})")


def _order(sort: str, dialect: str) -> str:
    order = _ORDER[sort]
    if dialect == "postgresql":  # PostgreSQL puts NULLs first in descending order
        order = order.replace("published_at DESC", "published_at DESC NULLS LAST")
    return order


def kinds_sql(claim_ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """The sourcing kinds of the listed claims, in order of appearance."""
    names = [f"c{n}" for n in range(len(claim_ids))]
    sql = (
        "SELECT claim_id, kind FROM attributions WHERE claim_id IN "
        f"({', '.join(':' + name for name in names)}) ORDER BY claim_id, position"
    )
    return sql, dict(zip(names, claim_ids, strict=True))


def build_rows(
    rows: Sequence[Sequence[Any]], kind_rows: Sequence[Sequence[Any]]
) -> list[ClaimRow]:
    """``ClaimRow``s from the list query's rows and the kinds query's rows."""
    kinds: dict[int, list[str]] = {}
    for claim_id, kind in kind_rows:
        found = kinds.setdefault(claim_id, [])
        if kind not in found:
            found.append(kind)
    return [
        ClaimRow(
            id=row[0],
            article_id=row[1],
            position=row[2],
            text=row[3],
            status=row[4],
            certainty=row[5],
            kinds=tuple(kinds.get(row[0], ())),
            outlet=row[6],
            title=row[7],
            published_at=as_utc(row[8]),
            story_id=row[9] if len(row) > 9 else None,
            score=None if len(row) <= 10 or row[10] is None else float(row[10]),
        )
        for row in rows
    ]


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise UsageError(f"unknown {name} {value!r} (choose from {', '.join(allowed)})")

