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
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, case, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from verifier.errors import NotFoundError, UsageError
from verifier.store.tables import clip, columns_of, table
from verifier.store.verdicts import VerdictRecord
from verifier.vocab import CLAIM_STATUSES

STORIES = table("stories")
STORY_CLAIMS = table("story_claims")
CLAIMS = table("claims")
ARTICLES = table("articles")
ATTRIBUTIONS = table("attributions")
VERDICTS = table("verdicts")
#: Ids per ``IN (...)`` list (SQLite before 3.32 allows 999 parameters a statement).
BATCH = 900
#: Open statuses a story's evidence can give it (``verifier.scoring.score.assess``).
EVIDENCE_STATUSES = ("corroborated", "unconfirmed", "contested")
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

    @property
    def reviewed(self) -> bool:
        return self.status != "unverified"

    @property
    def shown_status(self) -> str:
        """The verdict's status once reviewed, else the evidence's (``corroborated`` ...)."""
        return self.status if self.reviewed else (self.evidence_status or "unverified")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.shown_status,
            "reviewed": self.reviewed,
            "score": None if self.score is None else round(self.score, 4),
            "evidence_status": self.evidence_status,
            "claims": self.claims,
            "articles": self.articles,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
        }


_STORY_COLUMNS = columns_of("stories", StoryRecord._fields)


class StoryMemberRow(NamedTuple):
    """A claim's membership in a story, with where the claim sits in its article."""

    story_id: int
    claim_id: int
    pinned: bool
    article_id: int
    position: int


class GroupingClaim(NamedTuple):
    """A claim no story holds yet, with what grouping reads of it."""

    id: int
    article_id: int
    position: int
    text: str


class CandidateMember(NamedTuple):
    """A member of a recent story, as grouping compares new claims with it."""

    story_id: int
    claim_id: int
    article_id: int
    text: str


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

    ``status`` is a verdict status (reviewed stories), ``unverified`` (every open story) or
    an evidence status (open stories whose evidence gives it); ``since``/``until`` bound
    ``last_seen`` (inclusive dates).
    """

    min_claims: int = 2
    status: str | None = None
    article: int | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "score"
    limit: int = 50
    offset: int = 0

    def validate(self) -> None:
        statuses = (*CLAIM_STATUSES, *EVIDENCE_STATUSES)
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


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of the story list: the rows, how many match, and how many stories the
    ``min_claims`` floor hides (``hidden``: stories with fewer claims, besides empty ones)."""

    rows: tuple[StoryRecord, ...]
    total: int
    hidden: int
    query: StoryQuery


# --- reading ---------------------------------------------------------------------------


def story_record(session: Session, story_id: int) -> StoryRecord:
    """One story's row; ``NotFoundError`` if there is none."""
    found = session.execute(select(*_STORY_COLUMNS).where(STORIES.c.id == story_id)).first()
    if found is None:
        raise NotFoundError(f"no story with id {story_id}")
    return StoryRecord(*found)


def story_records(session: Session, story_ids: Sequence[int]) -> dict[int, StoryRecord]:
    found: dict[int, StoryRecord] = {}
    for chunk in _chunks(story_ids):
        for row in session.execute(select(*_STORY_COLUMNS).where(STORIES.c.id.in_(chunk))):
            found[row.id] = StoryRecord(*row)
    return found


def existing_story_ids(session: Session, story_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(story_ids):
        found.update(session.scalars(select(STORIES.c.id).where(STORIES.c.id.in_(chunk))))
    return found


def members(session: Session, story_ids: Sequence[int]) -> dict[int, list[StoryMemberRow]]:
    """Each story's members in article and reading order.

    Driven from ``story_claims`` (its primary key starts with ``story_id``), each member's
    claim found by id, and sorted here: ordering by the claim's article and position in SQL
    made SQLite walk every claim and probe ``story_claims`` for each.
    """
    found: dict[int, list[StoryMemberRow]] = {sid: [] for sid in story_ids}
    query = select(STORY_CLAIMS.c.story_id, STORY_CLAIMS.c.claim_id, STORY_CLAIMS.c.pinned,
                   CLAIMS.c.article_id, CLAIMS.c.position).join(
        CLAIMS, CLAIMS.c.id == STORY_CLAIMS.c.claim_id)
    for chunk in _chunks(story_ids):
        for row in session.execute(query.where(STORY_CLAIMS.c.story_id.in_(chunk))):
            found[row.story_id].append(StoryMemberRow(*row))
    for rows in found.values():
        rows.sort(key=lambda m: (m.article_id, m.position))
    return found


def story_verdicts(session: Session, story_ids: Sequence[int]) -> dict[int, list[VerdictRecord]]:
    """The verdicts on each story itself (not those on its claims), oldest first."""
    found: dict[int, list[VerdictRecord]] = {sid: [] for sid in story_ids}
    fields = columns_of("verdicts", tuple(f.name for f in dataclass_fields(VerdictRecord)))
    for chunk in _chunks(story_ids):
        for row in session.execute(
            select(*fields)
            .where(VERDICTS.c.story_id.in_(chunk), VERDICTS.c.claim_id.is_(None))
            .order_by(VERDICTS.c.id)
        ):
            found[row.story_id].append(VerdictRecord(*row))
    return found


def stories_with_verdicts(session: Session, story_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(story_ids):
        found.update(
            sid for sid in session.scalars(
                select(VERDICTS.c.story_id).where(VERDICTS.c.story_id.in_(chunk)).distinct()
            ) if sid is not None
        )
    return found


def stories_of_article(session: Session, article_id: int) -> list[int]:
    return list(session.scalars(
        select(STORY_CLAIMS.c.story_id)
        .join(CLAIMS, CLAIMS.c.id == STORY_CLAIMS.c.claim_id)
        .where(CLAIMS.c.article_id == article_id)
        .distinct()
    ))


def stories_of_claims(session: Session, claim_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(claim_ids):
        found.update(session.scalars(
            select(STORY_CLAIMS.c.story_id).where(STORY_CLAIMS.c.claim_id.in_(chunk))
        ))
    return found


def stories_citing(session: Session, source_ids: Sequence[int]) -> set[int]:
    """Stories with a claim attributed to one of the sources or published by one of them
    (their scores read those sources' track records)."""
    found: set[int] = set()
    for chunk in _chunks(source_ids):
        cited = select(ATTRIBUTIONS.c.claim_id).where(ATTRIBUTIONS.c.source_id.in_(chunk))
        published = select(CLAIMS.c.id).join(ARTICLES, ARTICLES.c.id == CLAIMS.c.article_id).where(
            ARTICLES.c.outlet_id.in_(chunk))
        found.update(session.scalars(
            select(STORY_CLAIMS.c.story_id)
            .where(or_(STORY_CLAIMS.c.claim_id.in_(cited), STORY_CLAIMS.c.claim_id.in_(published)))
            .distinct()
        ))
    return found


def story_page(session: Session, query: StoryQuery) -> StoryPage:
    """A page of stories from the summary columns: one indexed query, plus two counts."""
    query.validate()
    where = _page_filter(query)
    shown = case((STORIES.c.status == "unverified", STORIES.c.evidence_status),
                 else_=STORIES.c.status)
    orders: dict[str, list[Any]] = {
        "score": [STORIES.c.score.desc(), STORIES.c.id],
        "status": [shown, STORIES.c.score.desc(), STORIES.c.id],
        "date": [STORIES.c.last_seen.desc(), STORIES.c.id.desc()],
        "size": [STORIES.c.claims.desc(), STORIES.c.id],
        "id": [STORIES.c.id],
    }
    order = orders[query.sort]
    rows = tuple(
        StoryRecord(*row)
        for row in session.execute(
            select(*_STORY_COLUMNS).where(*where, STORIES.c.claims >= query.min_claims)
            .order_by(*order).limit(query.limit).offset(query.offset)
        )
    )
    total = len(rows) + query.offset
    if len(rows) == query.limit or query.offset:
        total = int(session.scalar(
            select(func.count()).select_from(STORIES)
            .where(*where, STORIES.c.claims >= query.min_claims)
        ) or 0)
    hidden = 0
    if query.min_claims > 1:
        hidden = int(session.scalar(
            select(func.count()).select_from(STORIES)
            .where(*where, STORIES.c.claims >= 1, STORIES.c.claims < query.min_claims)
        ) or 0)
    return StoryPage(rows, total, hidden, query)


def _page_filter(query: StoryQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.status in EVIDENCE_STATUSES:
        where += [STORIES.c.status == "unverified", STORIES.c.evidence_status == query.status]
    elif query.status is not None:
        where.append(STORIES.c.status == query.status)
    if query.article is not None:
        where.append(STORIES.c.id.in_(
            select(STORY_CLAIMS.c.story_id)
            .join(CLAIMS, CLAIMS.c.id == STORY_CLAIMS.c.claim_id)
            .where(CLAIMS.c.article_id == query.article)
        ))
    if query.since is not None:
        where.append(STORIES.c.last_seen >= datetime.combine(query.since, time.min, UTC))
    if query.until is not None:
        where.append(STORIES.c.first_seen <= datetime.combine(query.until, time.max, UTC))
    return where


def selected_story_ids(
    session: Session,
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
    where: list[ColumnElement[bool]] = [STORIES.c.claims >= max(min_claims, 1)]
    low = datetime.combine(since, time.min, UTC) if since else None
    high = datetime.combine(until, time.max, UTC) if until else None
    if reviewed_or_active:
        verdict = [VERDICTS.c.story_id == STORIES.c.id]
        if low is not None:
            verdict.append(VERDICTS.c.created_at >= low)
        if high is not None:
            verdict.append(VERDICTS.c.created_at <= high)
        reviewed = exists(select(VERDICTS.c.id).where(*verdict))
        if low is None and high is None:
            where.append(reviewed)
        else:
            active = and_(
                STORIES.c.last_seen >= low if low is not None else STORIES.c.last_seen.is_not(None),
                STORIES.c.first_seen <= high if high is not None else STORIES.c.first_seen.is_not(
                    None),
            )
            where.append(or_(active, reviewed))
    last: tuple[float, int] | None = None
    while True:  # keyset pages: (score desc, id asc)
        page = select(STORIES.c.id, STORIES.c.score).where(*where)
        if last is not None:
            score, ident = last
            page = page.where(or_(
                func.coalesce(STORIES.c.score, -1.0) < score,
                and_(func.coalesce(STORIES.c.score, -1.0) == score, STORIES.c.id > ident),
            ))
        rows = session.execute(
            page.order_by(func.coalesce(STORIES.c.score, -1.0).desc(), STORIES.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for story_id, _ in rows:
            yield int(story_id)
        story_id, score = rows[-1]
        last = (-1.0 if score is None else float(score), int(story_id))


def articles_of_stories(session: Session, story_ids: Sequence[int]) -> set[int]:
    """The articles the stories' claims come from."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(story_ids))):
        found.update(session.scalars(
            select(CLAIMS.c.article_id)
            .join(STORY_CLAIMS, STORY_CLAIMS.c.claim_id == CLAIMS.c.id)
            .where(STORY_CLAIMS.c.story_id.in_(chunk), CLAIMS.c.is_claim.is_(True))
            .distinct()
        ))
    return found


def sources_of_stories(session: Session, story_ids: Sequence[int]) -> set[int]:
    """The sources the stories' claims cite, and the outlets that published them."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(story_ids))):
        members = select(STORY_CLAIMS.c.claim_id).join(
            CLAIMS, CLAIMS.c.id == STORY_CLAIMS.c.claim_id
        ).where(STORY_CLAIMS.c.story_id.in_(chunk), CLAIMS.c.is_claim.is_(True))
        found.update(s for s in session.scalars(
            select(ATTRIBUTIONS.c.source_id)
            .where(ATTRIBUTIONS.c.claim_id.in_(members), ATTRIBUTIONS.c.source_id.is_not(None))
            .distinct()
        ) if s is not None)
        found.update(s for s in session.scalars(
            select(ARTICLES.c.outlet_id)
            .where(ARTICLES.c.id.in_(
                select(CLAIMS.c.article_id).where(CLAIMS.c.id.in_(members))))
            .distinct()
        ) if s is not None)
    return found


# --- summaries -------------------------------------------------------------------------


def stale_story_ids(session: Session, digest: str, limit: int) -> list[int]:
    """Up to ``limit`` stories whose summary is missing or from other weights."""
    return list(session.scalars(
        select(STORIES.c.id)
        .where(or_(STORIES.c.scored_with.is_(None), STORIES.c.scored_with != digest))
        .order_by(STORIES.c.id).limit(limit)
    ))


def has_stale(session: Session, digest: str) -> bool:
    """Whether any story needs rescoring: three index probes, not a scan."""
    if session.scalar(select(STORIES.c.id).where(STORIES.c.scored_with.is_(None)).limit(1)):
        return True
    low, high = session.execute(
        select(func.min(STORIES.c.scored_with), func.max(STORIES.c.scored_with))
    ).one()
    return low is not None and (low != digest or high != digest)


def count_stale(session: Session, digest: str) -> int:
    return int(session.scalar(
        select(func.count()).select_from(STORIES)
        .where(or_(STORIES.c.scored_with.is_(None), STORIES.c.scored_with != digest))
    ) or 0)


def mark_stale(session: Session, story_ids: Iterable[int], *, changed: bool = True) -> None:
    """Mark stories for rescoring (``changed``: their members or verdicts changed now)."""
    ids = sorted(set(story_ids))
    values: dict[str, Any] = {"scored_with": None}
    if changed:
        values["updated_at"] = datetime.now(UTC)
    for chunk in _chunks(ids):
        session.execute(update(STORIES).where(STORIES.c.id.in_(chunk)).values(**values))


def save_summaries(session: Session, summaries: Sequence[StorySummary]) -> None:
    """Write the summary columns of the given stories (one ``executemany``)."""
    if not summaries:
        return
    session.connection().execute(
        update(STORIES).where(STORIES.c.id == _bind("sid")).values(
            claims=_bind("claims"), articles=_bind("articles"),
            first_seen=_bind("first_seen"), last_seen=_bind("last_seen"),
            score=_bind("score"), evidence_status=_bind("evidence_status"),
            scored_with=_bind("scored_with"),
        ),
        [
            {"sid": s.id, "claims": s.claims, "articles": s.articles,
             "first_seen": s.first_seen, "last_seen": s.last_seen, "score": s.score,
             "evidence_status": s.evidence_status, "scored_with": s.scored_with}
            for s in summaries
        ],
    )


def _bind(name: str) -> Any:
    return bindparam(name)


# --- grouping --------------------------------------------------------------------------


def ungrouped_claims(session: Session, article_ids: Sequence[int] | None) -> list[GroupingClaim]:
    """Claims (``is_claim``) of the articles (default: all) that no story holds yet, in
    article and reading order."""
    query = select(CLAIMS.c.id, CLAIMS.c.article_id, CLAIMS.c.position, CLAIMS.c.text).where(
        CLAIMS.c.is_claim.is_(True),
        ~CLAIMS.c.id.in_(select(STORY_CLAIMS.c.claim_id)),
    )
    if article_ids is None:
        return [GroupingClaim(*row) for row in session.execute(
            query.order_by(CLAIMS.c.article_id, CLAIMS.c.position))]
    found: list[GroupingClaim] = []
    for chunk in _chunks(sorted(set(article_ids))):
        found.extend(GroupingClaim(*row) for row in session.execute(
            query.where(CLAIMS.c.article_id.in_(chunk))
            .order_by(CLAIMS.c.article_id, CLAIMS.c.position)))
    return found


def candidate_members(session: Session, stories: int) -> list[CandidateMember]:
    """The members of the ``stories`` most recent stories, story by story in reading order."""
    recent = select(STORIES.c.id).order_by(STORIES.c.id.desc()).limit(stories).subquery()
    return [
        CandidateMember(*row)
        for row in session.execute(
            select(STORY_CLAIMS.c.story_id, CLAIMS.c.id, CLAIMS.c.article_id, CLAIMS.c.text)
            .join(CLAIMS, CLAIMS.c.id == STORY_CLAIMS.c.claim_id)
            .where(STORY_CLAIMS.c.story_id.in_(select(recent.c.id)))
            .order_by(STORY_CLAIMS.c.story_id, CLAIMS.c.article_id, CLAIMS.c.position)
        )
    ]


def insert_stories(session: Session, titles: Sequence[str]) -> list[int]:
    """New stories with these titles (unlocked, unverified, stale); their ids in order."""
    if not titles:
        return []
    now = datetime.now(UTC)
    return [int(i) for i in session.connection().scalars(
        insert(STORIES).returning(STORIES.c.id, sort_by_parameter_order=True),
        [{"title": clip("stories", "title", title), "title_locked": False,
          "status": "unverified", "created_at": now, "updated_at": now} for title in titles],
    ).all()]


def insert_story(session: Session, title: str, *, locked: bool) -> int:
    now = datetime.now(UTC)
    return int(session.execute(
        insert(STORIES).returning(STORIES.c.id),
        [{"title": clip("stories", "title", title), "title_locked": locked,
          "status": "unverified", "created_at": now, "updated_at": now}],
    ).scalar_one())


def add_members(
    session: Session, memberships: Sequence[tuple[int, int]], *, pinned: bool = False
) -> None:
    """(story id, claim id) memberships, with one ``executemany``."""
    if memberships:
        session.connection().execute(
            insert(STORY_CLAIMS),
            [{"story_id": s, "claim_id": c, "pinned": pinned} for s, c in memberships],
        )


def remove_members(session: Session, claim_ids: Sequence[int]) -> None:
    for chunk in _chunks(claim_ids):
        session.execute(delete(STORY_CLAIMS).where(STORY_CLAIMS.c.claim_id.in_(chunk)))


def pin_members(session: Session, story_id: int) -> None:
    session.execute(
        update(STORY_CLAIMS).where(STORY_CLAIMS.c.story_id == story_id).values(pinned=True)
    )


def member_claim_ids(session: Session, story_ids: Sequence[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(story_ids):
        found.extend(session.scalars(
            select(STORY_CLAIMS.c.claim_id).where(STORY_CLAIMS.c.story_id.in_(chunk))))
    return found


def rename(session: Session, story_id: int, title: str) -> None:
    session.execute(update(STORIES).where(STORIES.c.id == story_id).values(
        title=clip("stories", "title", title), title_locked=True))


def delete_stories(session: Session, story_ids: Sequence[int]) -> None:
    for chunk in _chunks(story_ids):
        session.execute(delete(STORIES).where(STORIES.c.id.in_(chunk)))


def _chunks(ids: Sequence[int] | Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
