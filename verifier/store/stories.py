"""Stories in the database: rows, memberships, the reviewer's edits, and the story list.

Every function takes the caller's ``Session`` and returns named rows (``StoryRecord``,
``StoryMemberRow``, ...), whose fields are the columns they come from; nothing here scores,
groups or prints. The summary columns of ``stories`` (counts, dates, score, open status; see
``verifier.store.models.Story``) are written by ``save_summaries`` and marked stale by
``mark_stale`` so that ``story_page`` answers from one indexed query whatever the number
of stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, NamedTuple

from verifier.errors import UsageError
from verifier.store.reading import (
    Params,
    Rows,
    as_utc,
    converter,
    query_in,
    rows_of,
    select_list,
    sql_time,
)
from verifier.store.verdict_record import VerdictRecord
from verifier.vocab import CLAIM_STATUSES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Ids per ``IN (...)`` list (SQLite before 3.32 allows 999 parameters a statement).
BATCH = 900
#: Open statuses a story's evidence can give it (``verifier.scoring.score.assess``).
EVIDENCE_STATUSES = ("corroborated", "unconfirmed", "contested")
#: The status of a story an article's deletion left with no claim (``emptied_by``): listed
#: only when asked for (``stories list --status emptied``), whatever its verdicts.
EMPTIED = "emptied"
#: Sorts of ``story_page``: name -> ORDER BY columns.
SORTS = ("score", "status", "date", "size", "id")


class StoryRecord(NamedTuple):
    """A ``stories`` row (the fields are its columns)."""

    id: int
    title: str
    title_locked: bool
    status: str
    created_at: datetime
    claims: int
    articles: int
    first_seen: datetime | None
    last_seen: datetime | None
    score: float | None
    evidence_status: str | None
    scored_with: str | None
    updated_at: datetime | None
    merged_into: int | None
    emptied_by: int | None

    @property
    def reviewed(self) -> bool:
        return self.status != "unverified"

    @property
    def shown_status(self) -> str:
        """``emptied`` once deleting an article took its last claims, else the verdict's
        status once reviewed, else the evidence's (``corroborated`` ...)."""
        if self.emptied_by is not None:
            return EMPTIED
        return self.status if self.reviewed else (self.evidence_status or "unverified")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.shown_status,
            "reviewed": self.reviewed,
            # an emptied story's score is that of no evidence at all: none
            "score": (None if self.score is None or self.emptied_by is not None
                      else round(self.score, 4)),
            "evidence_status": self.evidence_status,
            "claims": self.claims,
            "articles": self.articles,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "emptied_by": self.emptied_by,
        }


@dataclass(frozen=True, slots=True)
class Emptied:
    """Why a story holds no claim: the deleted article that took its last ones (its
    ``deleted_articles`` row: who deleted it, when and why)."""

    article_id: int
    title: str | None
    deleted_by: str | None
    deleted_at: datetime | None
    reason: str | None

    def describe(self) -> str:
        """One line: "article 3 “Title”, deleted by ann on 2026-12-06 (reason: a copy)"."""
        title = f" “{self.title}”" if self.title else ""
        who = f" by {self.deleted_by}" if self.deleted_by else ""
        when = f" on {self.deleted_at:%Y-%m-%d}" if self.deleted_at else ""
        why = f" (reason: {self.reason})" if self.reason else ""
        return f"article {self.article_id}{title}, deleted{who}{when}{why}"

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "title": self.title,
                "deleted_by": self.deleted_by, "deleted_at": _iso(self.deleted_at),
                "reason": self.reason}


def emptied_by(db: Session | Rows, article_ids: Iterable[int]) -> dict[int, Emptied]:
    """The deleted articles that emptied stories, by id."""
    return {
        int(row[0]): Emptied(int(row[0]), row[1], row[2], as_utc(row[3]), row[4])
        for row in query_in(
            rows_of(db), "SELECT id, title, deleted_by, deleted_at, reason "
            "FROM deleted_articles WHERE id IN {ids}", sorted(set(article_ids)))
    }


class StoryMemberRow(NamedTuple):
    """A claim's membership in a story, with where the claim sits in its article."""

    story_id: int
    claim_id: int
    pinned: bool
    article_id: int
    position: int


@dataclass(frozen=True, slots=True)
class StorySummary:
    """The summary columns of one story, as ``save_summaries`` writes them."""

    id: int
    claims: int
    articles: int
    first_seen: datetime | None
    last_seen: datetime | None
    score: float | None
    evidence_status: str | None
    scored_with: str


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """What ``stories list`` shows: a page of stories, filtered and sorted in the database.

    ``status`` is a verdict status (reviewed stories), ``unverified`` (every open story),
    an evidence status (open stories whose evidence gives it) or ``emptied`` (stories an
    article's deletion left with no claim, whatever ``min_claims``; no other status lists
    them); ``since``/``until`` bound
    ``last_seen`` (inclusive dates); ``search``: stories with a claim holding these words
    (as ``claims list --search`` finds claims); ``min_score``/``max_score`` bound the
    stored score (0 to 1; a story awaiting its first score is left out).
    """

    min_claims: int = 2
    status: str | None = None
    article: int | None = None
    search: str | None = None
    since: date | None = None
    until: date | None = None
    min_score: float | None = None
    max_score: float | None = None
    sort: str = "score"
    limit: int = 50
    offset: int = 0

    def validate(self) -> None:
        statuses = (*CLAIM_STATUSES, *EVIDENCE_STATUSES, EMPTIED)
        if self.status is not None and self.status not in statuses:
            raise UsageError(f"unknown status {self.status!r} (choose from {', '.join(statuses)})")
        if self.sort not in SORTS:
            raise UsageError(f"unknown sort {self.sort!r} (choose from {', '.join(SORTS)})")
        if not 1 <= self.limit <= 100_000:
            raise UsageError("--limit must be between 1 and 100000")
        if self.offset < 0:
            raise UsageError("--offset must not be negative")
        if self.min_claims < 0:
            raise UsageError("--min-claims must not be negative")
        if self.since and self.until and self.since > self.until:
            raise UsageError("--since is after --until")
        from verifier.store.queue_sql import check_scores, search_words

        if self.search is not None and not search_words(self.search):
            raise UsageError("--search needs at least one word")
        check_scores(self.min_score, self.max_score)


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of the story list: the rows, how many match, how many stories the
    ``min_claims`` floor hides (``hidden``: stories with fewer claims, besides empty ones)
    and how many are listed with their previous score until rescored (``awaiting``)."""

    rows: tuple[StoryRecord, ...]
    total: int
    hidden: int
    query: StoryQuery
    awaiting: int = 0


# --- reading ---------------------------------------------------------------------------

_STORY = converter(StoryRecord, "stories")
_STORY_SELECT = f"SELECT {select_list(StoryRecord, 'stories')} FROM stories"
_VERDICT = converter(VerdictRecord, "verdicts")
_VERDICTS = f"SELECT {select_list(VerdictRecord, 'verdicts')} FROM verdicts"


def story_record(db: Session | Rows, story_id: int) -> StoryRecord:
    """One story's row; ``NotFoundError`` if there is none."""
    found = rows_of(db).all(f"{_STORY_SELECT} WHERE id = :id", {"id": story_id})
    if not found:
        from verifier.store.merged_stories import no_story

        raise no_story(db, story_id)
    return _STORY(found[0])


def story_records(db: Session | Rows, story_ids: Sequence[int]) -> dict[int, StoryRecord]:
    rows = query_in(rows_of(db), f"{_STORY_SELECT} WHERE id IN {{ids}}", set(story_ids))
    return {record.id: record for record in map(_STORY, rows)}


def members(db: Session | Rows, story_ids: Sequence[int]) -> dict[int, list[StoryMemberRow]]:
    """Each story's members in article and reading order.

    Driven from ``story_claims`` (its primary key starts with ``story_id``), each member's
    claim found by id, and sorted here: ordering by the claim's article and position in SQL
    made SQLite walk every claim and probe ``story_claims`` for each.
    """
    found: dict[int, list[StoryMemberRow]] = {sid: [] for sid in story_ids}
    for row in query_in(
        rows_of(db),
        "SELECT story_claims.story_id, story_claims.claim_id, story_claims.pinned, "
        "claims.article_id, claims.position FROM story_claims "
        "JOIN claims ON claims.id = story_claims.claim_id "
        "WHERE story_claims.story_id IN {ids}",
        set(story_ids),
    ):
        found[row[0]].append(StoryMemberRow(row[0], row[1], bool(row[2]), row[3], row[4]))
    for rows in found.values():
        rows.sort(key=lambda m: (m.article_id, m.position))
    return found


def member_reasons(db: Session | Rows, story_ids: Sequence[int]) -> dict[int, str | None]:
    """Why each member of the stories joined (claim id -> stored reason JSON, or None).
    Read apart from ``members`` (only a story's own view shows reasons)."""
    return {
        row[0]: row[1] for row in query_in(
            rows_of(db),
            "SELECT claim_id, reason FROM story_claims WHERE story_id IN {ids}",
            set(story_ids),
        )
    }


def story_verdicts(db: Session | Rows, story_ids: Sequence[int]) -> dict[int, list[VerdictRecord]]:
    """The verdicts on each story itself (not those on its claims) and on the stories merged
    into it, oldest first."""
    rows = rows_of(db)
    owner = {sid: sid for sid in story_ids}
    frontier = set(story_ids)
    while frontier:  # stories merged into these, directly or through others (batched)
        found_now = {
            child: owner[parent] for child, parent in query_in(
                rows, "SELECT id, merged_into FROM stories WHERE merged_into IN {ids}", frontier)
            if child not in owner
        }
        owner.update(found_now)
        frontier = set(found_now)
    found: dict[int, list[VerdictRecord]] = {sid: [] for sid in story_ids}
    for record in _verdicts_where(rows, "story_id IN {ids} AND claim_id IS NULL", owner):
        found[owner[record.story_id]].append(record)  # type: ignore[index]
    return found


def _verdicts_where(rows: Rows, test: str, ids: Iterable[int]) -> list[VerdictRecord]:
    """The verdicts passing ``test`` (``{ids}`` where the ``IN`` list of ``ids`` goes), in
    id order."""
    return sorted(map(_VERDICT, query_in(rows, _VERDICTS + " WHERE " + test, set(ids))),
                  key=lambda v: v.id)


def verdict_records(db: Session | Rows, verdict_ids: Sequence[int]) -> list[VerdictRecord]:
    """The verdicts with these ids, in id order."""
    return _verdicts_where(rows_of(db), "id IN {ids}", verdict_ids)


def claim_verdicts(db: Session | Rows, claim_ids: Sequence[int]) -> dict[int, VerdictRecord]:
    """The standing verdict of each of these claims that has one (its latest that no later
    retraction withdrew), by claim id."""
    from verifier.store.verdict_record import standing

    found: dict[int, list[VerdictRecord]] = {}
    for record in _verdicts_where(rows_of(db), "claim_id IN {ids}", claim_ids):
        found.setdefault(record.claim_id or 0, []).append(record)
    return {cid: v for cid, rows in found.items() if (v := standing(rows)) is not None}


def _firsts(rows: Rows, sql: str, ids: Iterable[int], params: Params | None = None) -> set[Any]:
    """The first column of ``sql`` (``{ids}`` where the ``IN`` list of ``ids`` goes)."""
    return {row[0] for row in query_in(rows, sql, set(ids), params)}


def stories_with_verdicts(db: Session | Rows, story_ids: Sequence[int]) -> set[int]:
    return _firsts(rows_of(db), "SELECT DISTINCT story_id FROM verdicts WHERE story_id IN {ids}",
                   story_ids)


def stories_of_article(db: Session | Rows, article_id: int) -> list[int]:
    return sorted(row[0] for row in rows_of(db).all(
        "SELECT DISTINCT story_claims.story_id FROM story_claims "
        "JOIN claims ON claims.id = story_claims.claim_id WHERE claims.article_id = :a",
        {"a": article_id}))


def member_story_ids(db: Session | Rows, story_ids: Sequence[int]) -> set[int]:
    """Which of these stories have members."""
    return _firsts(rows_of(db),
                   "SELECT DISTINCT story_id FROM story_claims WHERE story_id IN {ids}",
                   story_ids)


def merged_stories(db: Session | Rows, story_id: int) -> list[int]:
    """The story and every story merged into it, directly or through others."""
    rows = rows_of(db)
    found = [story_id]
    frontier = [story_id]
    while frontier:
        frontier = [row[0] for row in query_in(
            rows, "SELECT id FROM stories WHERE merged_into IN {ids}", frontier)
            if row[0] not in found]
        found += frontier
    return found


def stories_of_claims(db: Session | Rows, claim_ids: Sequence[int]) -> set[int]:
    return _firsts(rows_of(db), "SELECT story_id FROM story_claims WHERE claim_id IN {ids}",
                   claim_ids)


def stories_citing(db: Session | Rows, source_ids: Sequence[int] | set[int]) -> set[int]:
    """Stories with a claim attributed to one of the sources or published by one of them
    (their scores read those sources' track records)."""
    rows = rows_of(db)
    cited = _firsts(
        rows,
        "SELECT DISTINCT story_claims.story_id FROM attributions "
        "JOIN story_claims ON story_claims.claim_id = attributions.claim_id "
        "WHERE attributions.source_id IN {ids}",
        source_ids,
    )
    return cited | _firsts(
        rows,
        "SELECT DISTINCT story_claims.story_id FROM articles "
        "JOIN claims ON claims.article_id = articles.id "
        "JOIN story_claims ON story_claims.claim_id = claims.id "
        "WHERE articles.outlet_id IN {ids}",
        source_ids,
    )


#: A filtered story list sorts its matches when at most this many match (found through the
#: filter's index); otherwise it walks the sort's index and skips those that do not match.
SPARSE = 5000
#: The order of ``--sort status``, as ``--status`` lists them: the reviewed verdicts, then the
#: open statuses from the best supported, then stories an article's deletion emptied (not by
#: their names' alphabet, which put "contested" between "confirmed" and "corroborated").
STATUS_ORDER = ("confirmed", "refuted", "disputed", "corroborated", "unconfirmed", "contested",
                "emptied")
_STATUS_RANK = ("CASE CASE WHEN status = 'unverified' THEN evidence_status ELSE status END "
                + " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(STATUS_ORDER))
                + f" ELSE {len(STATUS_ORDER)} END")
#: ORDER BY of each sort: ties newest first, so SQLite walks one index backwards, no sort.
ORDERS = {
    "score": "score DESC, id DESC",
    "status": f"{_STATUS_RANK}, score DESC, id DESC",
    "date": "last_seen DESC, id DESC",
    "size": "claims DESC, id DESC",
    "id": "id",
}
#: The same orders as expressions SQLite cannot read off an index (``+column``): it then
#: takes the filter's index and sorts what matches.
SORTED = {
    "score": "+score DESC, +id DESC",
    "status": ORDERS["status"],
    "date": "+last_seen DESC, +id DESC",
    "size": "+claims DESC, +id DESC",
    "id": "+id",
}


def story_page(db: Session | Rows, query: StoryQuery) -> StoryPage:
    """A page of stories from the summary columns.

    Unfiltered, the page is a walk down the sort's index (``ix_stories_score_id`` ...). A
    filter (status, article, dates) is first probed through its own index, stopping after
    ``SPARSE`` matches: when no more match, they are read that way and sorted (a filter that
    matches a few stories never walks them all); else the sort's index is walked and the
    filter checked per story. SQLite is steered to each plan with ``unlikely`` and
    ``+column`` (a term it cannot read from an index): it has no per-value statistics to
    see it itself.
    PostgreSQL plans alone.
    """
    query.validate()
    rows = rows_of(db)
    sqlite = rows.dialect == "sqlite"
    terms, params = _page_filter(query, rows.dialect)
    # an emptied story holds no claim: its status lists it whatever the floor
    params["min_claims"] = 0 if query.status == EMPTIED else query.min_claims
    floor = ("claims", ">= :min_claims")
    below = ("claims", "BETWEEN 1 AND :min_claims - 1")

    def where(conditions: Sequence[tuple[str, str]], indexed: bool = True) -> str:
        prefix = "" if indexed or not sqlite else "+"
        return " AND ".join(f"{prefix}{column} {test}" for column, test in conditions)

    def selective(conditions: Sequence[tuple[str, str]]) -> str:
        """The filter as SQLite should read it: through its index (``unlikely``: few rows
        pass; statistics over a column with few values say otherwise)."""
        return " AND ".join(f"unlikely({column} {test})" for column, test in conditions)

    def count(sql_where: str) -> int:
        return int(rows.all(f"SELECT count(*) FROM stories WHERE {sql_where}", params)[0][0])

    order = ORDERS[query.sort]
    if rows.dialect == "postgresql":
        order = order.replace(" DESC", " DESC NULLS LAST")
    total: int | None = None
    sparse = False
    page_where = where(terms, indexed=False) + (" AND " if terms else "") + where(
        [floor], indexed=False)  # down the sort's index, the rest checked per story
    if terms and sqlite:
        probe = f"{selective(terms)} AND {where([floor], indexed=False)}"
        found = int(rows.all(f"SELECT count(*) FROM (SELECT 1 FROM stories WHERE {probe} "
                             f"LIMIT {SPARSE + 1})", params)[0][0])
        if found <= SPARSE:  # few: through the filter's index, then sorted
            sparse, total, page_where, order = True, found, probe, SORTED[query.sort]
    elif terms:
        page_where = where([*terms, floor])
    found_rows = tuple(map(_STORY, rows.all(
        f"{_STORY_SELECT} WHERE {page_where} ORDER BY {order} LIMIT :limit OFFSET :offset",
        {**params, "limit": query.limit, "offset": query.offset},
    )))
    if total is None:
        total = len(found_rows) + query.offset
        if len(found_rows) == query.limit or (query.offset and not found_rows):
            total = count(where([*terms, floor]))
    hidden = 0
    if query.min_claims > 1:
        hidden = count(f"{selective(terms)} AND {where([below], indexed=False)}" if sparse
                       else where([*terms, below]))
    return StoryPage(found_rows, total, hidden, query, count_awaiting(rows))


def _page_filter(
    query: StoryQuery, dialect: str
) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """The filter's conditions as (column, test) pairs (none: every story) and their
    parameters."""
    where: list[tuple[str, str]] = []
    params: dict[str, Any] = {}
    if query.status == EMPTIED:
        where.append(("emptied_by", "IS NOT NULL"))
    elif query.min_claims < 1:  # (a floor of 1 or more leaves them out already)
        where.append(("emptied_by", "IS NULL"))
    if query.status == EMPTIED:
        pass
    elif query.status in EVIDENCE_STATUSES:
        where += [("evidence_status", "= :status"), ("status", "= 'unverified'")]
        params["status"] = query.status
    elif query.status is not None:
        where.append(("status", "= :status"))
        params["status"] = query.status
    if query.article is not None:
        where.append(("id", "IN (SELECT story_claims.story_id FROM story_claims JOIN claims "
                      "ON claims.id = story_claims.claim_id WHERE claims.article_id = :article)"))
        params["article"] = query.article
    if query.search is not None:
        from verifier.store.queue_sql import search_condition

        condition, params["fts"] = search_condition(query.search, dialect)
        where.append(("id", "IN (SELECT story_claims.story_id FROM story_claims JOIN claims "
                      f"ON claims.id = story_claims.claim_id WHERE {condition})"))
    if query.since is not None:
        where.append(("last_seen", ">= :since"))
        params["since"] = sql_time(datetime.combine(query.since, time.min, UTC), dialect)
    if query.until is not None:
        where.append(("first_seen", "<= :until"))
        params["until"] = sql_time(datetime.combine(query.until, time.max, UTC), dialect)
    if query.min_score is not None or query.max_score is not None:
        from verifier.store.queue_sql import score_bounds

        bounds, bound = score_bounds("score", query.min_score, query.max_score)
        where += [("score", test.removeprefix("score ")) for test in bounds]
        params.update(bound)
    return where, params


def selected_story_ids(
    db: Session | Rows,
    *,
    min_claims: int,
    since: date | None,
    until: date | None,
    reviewed_or_active: bool,
) -> Iterator[int]:
    """Story ids for ``report --all``, best score first, streamed in pages.

    ``reviewed_or_active``: only stories with a verdict, or (with dates) with articles or
    verdicts in the range; without it, every story with ``min_claims`` claims.
    """
    rows = rows_of(db)
    where = ["claims >= :min_claims"]
    params: dict[str, Any] = {"min_claims": max(min_claims, 1)}
    if since is not None:
        params["low"] = sql_time(datetime.combine(since, time.min, UTC), rows.dialect)
    if until is not None:
        params["high"] = sql_time(datetime.combine(until, time.max, UTC), rows.dialect)
    if reviewed_or_active:
        verdict = ["verdicts.story_id = stories.id"]
        if since is not None:
            verdict.append("verdicts.created_at >= :low")
        if until is not None:
            verdict.append("verdicts.created_at <= :high")
        # a verdict on one of its claims is a review of the story too
        # (one read of the claim verdicts' stories, not a probe of each story's claims)
        member = ["verdicts.claim_id IS NOT NULL", *verdict[1:]]
        reviewed = (f"EXISTS (SELECT 1 FROM verdicts WHERE {' AND '.join(verdict)}) OR id IN "
                    f"(SELECT sc.story_id FROM verdicts JOIN story_claims sc ON sc.claim_id = "
                    f"verdicts.claim_id WHERE {' AND '.join(member)})")
        if since is None and until is None:
            # from the verdicts' index: the few reviewed stories, not a probe per story
            # (61,700 stories of 2+ claims at 1M claims: 33-66 ms -> 1 ms)
            where.append("id IN (SELECT story_id FROM verdicts WHERE story_id IS NOT NULL "
                         "UNION SELECT sc.story_id FROM verdicts JOIN story_claims sc "
                         "ON sc.claim_id = verdicts.claim_id)")
        else:
            active = ["last_seen IS NOT NULL"]
            if since is not None:
                active.append("last_seen >= :low")
            if until is not None:
                active.append("first_seen <= :high")
            where.append(f"(({' AND '.join(active)}) OR {reviewed})")
    score = "coalesce(score, -1.0)"
    last: tuple[float, int] | None = None
    while True:  # keyset pages: (score desc, id asc)
        page = list(where)
        bound = dict(params)
        if last is not None:
            page.append(f"({score} < :s OR ({score} = :s AND id > :after))")
            bound["s"], bound["after"] = last
        found = rows.all(
            f"SELECT id, {score} FROM stories WHERE {' AND '.join(page)} "
            f"ORDER BY {score} DESC, id LIMIT {BATCH}", bound)
        if not found:
            return
        for story_id, _ in found:
            yield int(story_id)
        story_id, value = found[-1]
        last = (float(value), int(story_id))


def articles_of_stories(db: Session | Rows, story_ids: Sequence[int]) -> set[int]:
    """The articles the stories' claims come from."""
    return _firsts(
        rows_of(db),
        "SELECT DISTINCT claims.article_id FROM story_claims "
        "JOIN claims ON claims.id = story_claims.claim_id "
        "JOIN articles ON articles.id = claims.article_id "  # skips orphaned claims
        "WHERE story_claims.story_id IN {ids} AND claims.is_claim = :yes",
        story_ids, {"yes": True})


def sources_of_stories(db: Session | Rows, story_ids: Sequence[int]) -> set[int]:
    """The sources the stories' claims cite, and the outlets that published them."""
    rows = rows_of(db)
    members = ("SELECT story_claims.claim_id FROM story_claims JOIN claims "
               "ON claims.id = story_claims.claim_id "
               "WHERE story_claims.story_id IN {ids} AND claims.is_claim = :yes")
    cited = _firsts(
        rows, f"SELECT DISTINCT source_id FROM attributions WHERE claim_id IN ({members}) "
        "AND source_id IS NOT NULL", story_ids, {"yes": True})
    return cited | _firsts(
        rows, "SELECT DISTINCT articles.outlet_id FROM articles WHERE articles.id IN "
        f"(SELECT claims.article_id FROM claims WHERE claims.id IN ({members})) "
        "AND articles.outlet_id IS NOT NULL", story_ids, {"yes": True})


# --- summaries -------------------------------------------------------------------------


def stale_story_ids(
    db: Session | Rows, digest: str, limit: int, *, unscored_only: bool = False
) -> list[int]:
    """Up to ``limit`` stories to rescore: unscored ones (new, or their members changed:
    ``score`` is NULL) and those scored with other weights first; then (unless
    ``unscored_only``) those whose sources' track records moved (``scored_with`` NULL, the
    old score kept meanwhile)."""
    rows = rows_of(db)
    # a union of index probes: ``score IS NULL OR scored_with <> :d`` reads every story
    # (``<>`` uses no index; 0.23 s a call at 214,000 stories, three calls an ingest)
    found = [row[0] for row in rows.all(
        f"SELECT id FROM ({_UNSCORED}) AS unscored ORDER BY id LIMIT :n",
        {"d": digest, "n": limit})]
    if len(found) < limit and not unscored_only:
        found += [row[0] for row in rows.all(
            "SELECT id FROM stories WHERE scored_with IS NULL "
            "EXCEPT SELECT id FROM stories WHERE score IS NULL ORDER BY id LIMIT :n",
            {"n": limit - len(found)})]
    return found


#: Stories without a score or scored with other weights than ``:d``, as index probes.
_UNSCORED = ("SELECT id FROM stories WHERE score IS NULL "
             "UNION SELECT id FROM stories WHERE scored_with < :d "
             "UNION SELECT id FROM stories WHERE scored_with > :d")


def has_unscored(db: Session | Rows, digest: str) -> bool:
    """Whether a story has no score, or one from other weights (lists must rescore those
    before sorting by score): index probes, not a scan."""
    rows = rows_of(db)
    if rows.all("SELECT id FROM stories WHERE score IS NULL LIMIT 1"):
        return True
    # two queries: each is one probe of ix_stories_scored_with, while min and max in one
    # query read the whole index on SQLite (0.15 s at 245,000 stories)
    low = rows.all("SELECT min(scored_with) FROM stories")[0][0]
    if low is None:
        return False
    high = rows.all("SELECT max(scored_with) FROM stories")[0][0]
    return bool(low != digest or high != digest)


def has_stale(db: Session | Rows, digest: str) -> bool:
    """Whether any story needs rescoring (``has_unscored``, or a track record moved)."""
    return has_unscored(db, digest) or bool(rows_of(db).all(
        "SELECT id FROM stories WHERE scored_with IS NULL LIMIT 1"))


def count_stale(db: Session | Rows, digest: str) -> int:
    return int(rows_of(db).all(
        f"SELECT count(*) FROM ({_UNSCORED} "
        "UNION SELECT id FROM stories WHERE scored_with IS NULL) AS stale", {"d": digest})[0][0])


def count_awaiting(db: Session | Rows) -> int:
    """Stories whose scores await a rescore after track-record changes (listed meanwhile
    with the score they had)."""
    return int(rows_of(db).all(
        "SELECT count(*) FROM stories WHERE scored_with IS NULL")[0][0])


def _chunks(ids: Sequence[int] | Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
