"""What story grouping keeps in the database, and the statements that read and grow it.

- ``claims.terms``: each claim's grouping terms, serialised once at ingest;
- ``stories.terms`` and ``story_names``: a story's terms with counts, and the inverted index
  of its names, so a new claim is compared only with the few stories sharing a rare name;
- ``term_frequencies``: document frequencies over the grouped articles (row ``''``: their
  number), grown with one upsert per grouped chunk;
- ``articles.grouped``: whether an article's claims have been grouped.

Nothing here tokenises or decides: ``verifier.stories.update`` does, and passes plain values.
On PostgreSQL, ``lock_writes`` serialises concurrent ingests' write transactions (an
advisory lock held to the commit), so frequencies and story terms are never updated from
stale reads.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from verifier.store.models import (
    Article,
    Claim,
    Story,
    StoryClaim,
    StoryName,
    TermFrequency,
)
from verifier.store.reading import as_utc, query_in, rows_of

ARTICLES = cast(Table, Article.__table__)
CLAIMS = cast(Table, Claim.__table__)
STORIES = cast(Table, Story.__table__)
STORY_CLAIMS = cast(Table, StoryClaim.__table__)
STORY_NAMES = cast(Table, StoryName.__table__)
FREQUENCIES = cast(Table, TermFrequency.__table__)
#: The ``term_frequencies`` row that counts the grouped articles themselves.
DOCUMENTS = ""
#: Values per ``IN (...)`` list (SQLite before 3.32 allows 999 parameters a statement).
BATCH = 900
#: pg_advisory_xact_lock key of verifier's write transactions ("verifier" in ASCII).
WRITE_LOCK = 0x7665726966696572


@dataclass(frozen=True, slots=True)
class ClaimToGroup:
    """A claim no story holds yet, with its attributions' kinds and source words."""

    id: int
    article_id: int
    position: int
    text: str
    terms: str | None
    kinds: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GrownStory:
    """A story grouping created (``id`` None) or extended: new members, all its terms now
    (packed), the names it did not use before, a title for a new one, and why each member
    joined (``reasons``, aligned with ``members``: ``verifier.stories.reasons``, stored)."""

    id: int | None
    members: tuple[int, ...]
    terms: str
    new_names: tuple[str, ...]
    title: str
    reasons: tuple[str | None, ...] = ()


def _batches(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def lock_writes(session: Session) -> None:
    """PostgreSQL: wait for other verifier writers' transactions (held until commit).
    SQLite's ``BEGIN IMMEDIATE`` already does."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def stored_digests(session: Session, digests: Sequence[str]) -> set[str]:
    """Which of these text digests are stored already."""
    found: set[str] = set()
    for batch in _batches(list(digests)):
        found.update(session.scalars(select(Article.sha256).where(Article.sha256.in_(batch))))
    return found


def ungrouped_articles(session: Session, limit: int) -> list[int]:
    """Up to ``limit`` articles whose claims have not been grouped, oldest first."""
    return list(session.scalars(
        select(Article.id).where(Article.grouped.is_(False)).order_by(Article.id).limit(limit)
    ))


def articles_with_unstoried_claims(session: Session, limit: int) -> list[int]:
    """Up to ``limit`` articles with a claim no story holds although they are marked grouped
    (memberships removed by hand: verifier itself never leaves such claims). A full scan:
    for ``stories group``, not for every ingest."""
    return list(session.scalars(
        select(Claim.article_id).where(
            Claim.is_claim.is_(True),
            ~select(StoryClaim.claim_id).where(StoryClaim.claim_id == Claim.id).exists(),
        ).group_by(Claim.article_id).order_by(Claim.article_id).limit(limit)
    ))


def ungrouped_count(session: Session) -> int:
    return int(session.scalar(
        select(func.count()).select_from(Article).where(Article.grouped.is_(False))
    ) or 0)


def claims_to_group(
    session: Session, article_ids: Sequence[int]
) -> tuple[list[ClaimToGroup], set[int]]:
    """The claims of these articles that no story holds, in article and reading order, and
    which of the articles were not grouped yet (plain SQL: one ingest chunk reads
    thousands of rows here)."""
    rows = rows_of(session)
    ids = sorted(set(article_ids))
    fresh = {row[0] for row in query_in(
        rows, "SELECT id FROM articles WHERE id IN {ids} AND grouped = :no", ids,
        {"no": False})}
    found = query_in(
        rows,
        "SELECT c.id, c.article_id, c.position, c.text, c.terms FROM claims c "
        "WHERE c.article_id IN {ids} AND c.is_claim = :yes AND NOT EXISTS "
        "(SELECT 1 FROM story_claims s WHERE s.claim_id = c.id)",
        ids, {"yes": True},
    )
    found.sort(key=lambda r: (r[1], r[2]))
    kinds: dict[int, list[str]] = {}
    sources: dict[int, list[str]] = {}
    for claim_id, _, kind, source in sorted(query_in(
        rows,
        "SELECT claim_id, position, kind, source_text FROM attributions "
        "WHERE claim_id IN {ids}",
        [r[0] for r in found],
    ), key=lambda r: (r[0], r[1])):
        kinds.setdefault(claim_id, []).append(kind)
        sources.setdefault(claim_id, []).append(source or "")
    claims = [
        ClaimToGroup(claim_id, article_id, position, text, terms,
                     tuple(kinds.get(claim_id, ())), tuple(sources.get(claim_id, ())))
        for claim_id, article_id, position, text, terms in found
    ]
    return claims, fresh


def set_claim_terms(session: Session, terms: Iterable[tuple[int, str]]) -> None:
    """Store the terms of claims stored without them (before revision 0007)."""
    values = [{"claim": claim_id, "value": packed} for claim_id, packed in terms]
    if values:
        session.connection().execute(
            update(CLAIMS).where(CLAIMS.c.id == bindparam("claim"))
            .values(terms=bindparam("value")),
            values,
        )


def mark_grouped(session: Session, article_ids: Iterable[int]) -> None:
    ids = sorted(set(article_ids))
    for batch in _batches(ids):
        session.execute(update(Article).where(Article.id.in_(batch)).values(grouped=True))


def document_count(session: Session) -> int | None:
    """How many articles the frequencies count (None: the frequencies were never built)."""
    value = session.scalar(
        select(TermFrequency.documents).where(TermFrequency.term == DOCUMENTS)
    )
    return None if value is None else int(value)


def has_stories(session: Session) -> bool:
    return session.scalar(select(StoryClaim.story_id).limit(1)) is not None


def add_frequencies(session: Session, counts: Mapping[str, int]) -> dict[str, int]:
    """Add to the document frequencies (``DOCUMENTS`` for the article count) with one upsert;
    returns the new frequency of each term given."""
    if not counts:
        return {}
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return _add_frequencies_sqlite(connection, counts)
    statement: Any
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(FREQUENCIES)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(FREQUENCIES)
    upsert = statement.on_conflict_do_update(
        index_elements=[FREQUENCIES.c.term],
        set_={"documents": FREQUENCIES.c.documents + statement.excluded.documents},
    ).returning(FREQUENCIES.c.term, FREQUENCIES.c.documents)
    rows = [{"term": t, "documents": c} for t, c in sorted(counts.items())]
    found: dict[str, int] = {}
    for batch in _batches(rows):
        found.update(connection.execute(upsert, list(batch)).all())
    return found


#: Rows per upsert statement on SQLite (two parameters each).
UPSERT_ROWS = 450


def _add_frequencies_sqlite(connection: Connection, counts: Mapping[str, int]) -> dict[str, int]:
    """``add_frequencies`` as multi-row upserts through the driver."""
    rows = sorted(counts.items())
    found: dict[str, int] = {}
    for start in range(0, len(rows), UPSERT_ROWS):
        batch = rows[start : start + UPSERT_ROWS]
        found.update(connection.exec_driver_sql(
            "INSERT INTO term_frequencies (term, documents) VALUES "
            + ", ".join(["(?, ?)"] * len(batch))
            + " ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents"
            " RETURNING term, documents",
            tuple(value for row in batch for value in row),
        ).all())
    return found


def frequencies(session: Session, terms: Iterable[str]) -> dict[str, int]:
    """The stored document frequency of each of these terms that has one."""
    return dict(query_in(rows_of(session), "SELECT term, documents FROM term_frequencies "
                         "WHERE term IN {ids}", sorted(set(terms))))


def story_postings(session: Session, names: Iterable[str], window: int) -> dict[str, set[int]]:
    """Per name, the stories among the ``window`` most recent that use it."""
    names = sorted(set(names))
    found: dict[str, set[int]] = {}
    if not names:
        return found
    rows = rows_of(session)  # plain SQL: thousands of rows a chunk
    newest = rows.all("SELECT max(id) FROM stories")[0][0] or 0
    for name, story_id in query_in(
        rows, "SELECT name, story_id FROM story_names WHERE name IN {ids} AND story_id > :low",
        names, {"low": newest - window},
    ):
        found.setdefault(name, set()).add(story_id)
    return found


def story_fingerprints(session: Session, story_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Per story: how many claims it holds and the sum of their ids (which changes whenever
    its membership does), counted from the members (grouping reads the kept count and sum,
    ``story_facts``)."""
    found: dict[int, tuple[int, int]] = {}
    for batch in _batches(list(story_ids)):
        for story_id, count, total in session.execute(
            select(StoryClaim.story_id, func.count(), func.sum(StoryClaim.claim_id))
            .where(StoryClaim.story_id.in_(batch)).group_by(StoryClaim.story_id)
        ):
            found[story_id] = (int(count), int(total or 0))
    return found


Span = tuple[datetime, datetime]

#: A story's first and last publication time counted from its members (SQL, for a
#: ``stories`` row in the same statement).
_MEMBER_DATES = ("SELECT {fn}(articles.published_at) FROM story_claims "
                 "JOIN claims ON claims.id = story_claims.claim_id "
                 "JOIN articles ON articles.id = claims.article_id "
                 "WHERE story_claims.story_id = stories.id")
_MEMBERS = "FROM story_claims WHERE story_claims.story_id = stories.id"
#: A story's member count and the sum of its members' claim ids, counted (SQL, as above).
_MEMBER_COUNT = f"(SELECT count(*) {_MEMBERS})"
_MEMBER_SUM = f"(SELECT coalesce(sum(story_claims.claim_id), 0) {_MEMBERS})"
#: Stories' spans set from their members (copied in SQL, so stored as the articles' are).
_SPAN_COUNTED = (f"published_first = ({_MEMBER_DATES.format(fn='min')}), "
                 f"published_last = ({_MEMBER_DATES.format(fn='max')}), span_stale = :no")
#: Stories' kept facts (``member_count``, ``member_sum``, the span) counted afresh.
_RECOUNT = (f"UPDATE stories SET member_count = {_MEMBER_COUNT}, "
            f"member_sum = {_MEMBER_SUM}, " + _SPAN_COUNTED)


def article_dates(session: Session, article_ids: Sequence[int]) -> dict[Hashable, Span]:
    """The publication time of each of these articles that has one, as a span (by id)."""
    found: dict[Hashable, Span] = {}
    for article_id, stamp in query_in(
        rows_of(session), "SELECT id, published_at FROM articles WHERE id IN {ids} "
        "AND published_at IS NOT NULL", list(article_ids),
    ):
        when = as_utc(stamp)
        if when is not None:
            found[article_id] = (when, when)
    return found


def story_facts(
    session: Session, story_ids: Sequence[int]
) -> tuple[dict[int, tuple[int, int]], dict[Hashable, Span]]:
    """What ``story_fingerprints`` and ``publication_spans`` give for these stories, read
    from the columns the triggers of migration 0017 keep on each story row: one indexed
    read, whatever the stories' sizes. A span marked stale (a member left, an article's
    date changed) is counted from the members first and stored."""
    rows = rows_of(session)  # plain SQL: hundreds of candidates a chunk
    fingerprints: dict[int, tuple[int, int]] = {}
    spans: dict[Hashable, Span] = {}
    stale: list[int] = []
    for story_id, count, total, first, last, is_stale in query_in(
        rows, "SELECT id, member_count, member_sum, published_first, published_last, "
        "span_stale FROM stories WHERE id IN {ids}", list(story_ids),
    ):
        if count:
            fingerprints[story_id] = (int(count), int(total))
        if is_stale:
            stale.append(story_id)
        else:
            _keep_span(spans, story_id, first, last)
    if stale:
        recount_spans(session, stale)
        for story_id, first, last in query_in(
            rows, "SELECT id, published_first, published_last FROM stories "
            "WHERE id IN {ids}", stale,
        ):
            _keep_span(spans, story_id, first, last)
    return fingerprints, spans


def _keep_span(spans: dict[Hashable, Span], story_id: int, first: Any, last: Any) -> None:
    """Add a story's stored span to ``spans`` (by ``("story", id)``) unless it has none."""
    start, end = as_utc(first), as_utc(last)
    if start is not None and end is not None:
        spans[("story", story_id)] = (start, end)


def recount_spans(session: Session, story_ids: Sequence[int]) -> None:
    """Set these stories' spans from their members and mark them current."""
    for batch in _batches(sorted(set(story_ids))):
        session.execute(sql(f"UPDATE stories SET {_SPAN_COUNTED} WHERE id IN :ids")
                        .bindparams(bindparam("ids", expanding=True)),
                        {"ids": list(batch), "no": False})


def recount_story_facts(session: Session) -> int:
    """Count every story's kept facts again from its members (``verifier db rebuild``);
    returns how many stories were counted."""
    result = session.connection().execute(sql(_RECOUNT), {"no": False})
    return int(result.rowcount or 0)


def story_facts_disagreeing(session: Session, limit: int) -> list[int]:
    """Stories whose kept facts differ from their members' (up to ``limit``): a trigger
    dropped, or rows written with them off. A full scan, for ``db verify``."""
    differ = ("{a} IS DISTINCT FROM {b}" if session.connection().dialect.name == "postgresql"
              else "{a} IS NOT {b}")
    checks = [
        differ.format(a="member_count", b=_MEMBER_COUNT),
        differ.format(a="member_sum", b=_MEMBER_SUM),
        "(NOT span_stale AND (" + differ.format(
            a="published_first", b=f"({_MEMBER_DATES.format(fn='min')})") + " OR " + differ.format(
            a="published_last", b=f"({_MEMBER_DATES.format(fn='max')})") + "))",
    ]
    return [int(row[0]) for row in session.execute(sql(
        f"SELECT id FROM stories WHERE {' OR '.join(checks)} ORDER BY id LIMIT :limit"),
        {"limit": limit})]


def publication_spans(
    session: Session, article_ids: Sequence[int], story_ids: Sequence[int]
) -> dict[Hashable, tuple[datetime, datetime]]:
    """The first and last publication time of each article (by id) and stored story (by
    ``("story", id)``, as grouping knows it: of its claims' articles) that has one,
    counted from the members (grouping reads the kept span, ``story_facts``)."""
    found = article_dates(session, article_ids)
    for batch in _batches(list(story_ids)):
        for story_id, first, last in session.execute(
            select(StoryClaim.story_id, func.min(Article.published_at),
                   func.max(Article.published_at))
            .join(Claim, Claim.id == StoryClaim.claim_id)
            .join(Article, Article.id == Claim.article_id)
            .where(StoryClaim.story_id.in_(batch), Article.published_at.is_not(None))
            .group_by(StoryClaim.story_id)
        ):
            if first is not None and last is not None:
                found[("story", story_id)] = (first, last)
    return found


def story_articles(session: Session, story_ids: Sequence[int]
                   ) -> dict[int, frozenset[Hashable]]:
    """The articles each of these stories holds claims of (by story id; pass 2's ``mutual``
    step reads them for the stories it may pair side pieces with)."""
    if not story_ids:
        return {}
    found: dict[int, set[Hashable]] = {story_id: set() for story_id in story_ids}
    for story_id, article_id in query_in(
        rows_of(session), "SELECT DISTINCT sc.story_id, c.article_id FROM story_claims sc "
        "JOIN claims c ON c.id = sc.claim_id WHERE sc.story_id IN {ids}", list(story_ids),
    ):
        found[story_id].add(article_id)
    return {story_id: frozenset(articles) for story_id, articles in found.items()}


def stories_terms(session: Session, story_ids: Sequence[int]) -> dict[int, str | None]:
    """Stories' stored terms (packed)."""
    found: dict[int, str | None] = {}
    for batch in _batches(list(story_ids)):
        found.update(session.execute(
            select(Story.id, Story.terms).where(Story.id.in_(batch))
        ).all())
    return found


def save_grown(session: Session, grown: Sequence[GrownStory]) -> list[int]:
    """Create and extend stories with a few statements, however many grew; returns their ids
    in order."""
    connection = session.connection()
    now = datetime.now(UTC)
    if connection.dialect.name == "sqlite":
        return _save_grown_sqlite(connection, grown, now)
    fresh = [{"title": g.title, "title_locked": False, "status": "unverified",
              "created_at": now, "updated_at": now, "terms": g.terms}
             for g in grown if g.id is None]
    new_ids = iter(connection.scalars(
        STORIES.insert().returning(STORIES.c.id, sort_by_parameter_order=True), fresh
    ).all() if fresh else ())
    ids = [g.id if g.id is not None else next(new_ids) for g in grown]
    extended = [{"story": g.id, "value": g.terms} for g in grown if g.id is not None]
    if extended:
        connection.execute(
            update(STORIES).where(STORIES.c.id == bindparam("story"))
            # a grown story's summary is stale (verifier.stories.scores rescores it)
            .values(terms=bindparam("value"), score=None, scored_with=None, updated_at=now),
            extended,
        )
    memberships = [{"story_id": story_id, "claim_id": claim_id, "pinned": False,
                    "reason": reason}
                   for story_id, g in zip(ids, grown, strict=True)
                   for claim_id, reason in zip(g.members, _reasons(g), strict=True)]
    if memberships:
        connection.execute(STORY_CLAIMS.insert(), memberships)
    names = [{"name": name, "story_id": story_id}
             for story_id, g in zip(ids, grown, strict=True) for name in g.new_names]
    if names:
        connection.execute(STORY_NAMES.insert(), names)
    return ids


def _reasons(grown: GrownStory) -> tuple[str | None, ...]:
    """A grown story's members' reasons, one per member (None where none was given)."""
    return grown.reasons or (None,) * len(grown.members)


#: The columns a new story is written with on SQLite (the others are NULL).
NEW_STORY_COLUMNS = ("id", "title", "title_locked", "status", "created_at", "updated_at",
                     "claims", "articles", "terms")


def _save_grown_sqlite(
    connection: Connection, grown: Sequence[GrownStory], now: datetime
) -> list[int]:
    """``save_grown`` as multi-row inserts through the driver. Ids are given here, as SQLite
    would (the largest plus one): the write transaction is ``BEGIN IMMEDIATE``, so no one
    else inserts meanwhile (as ``verifier.store.sqlite_bulk`` stores articles)."""
    from verifier.store.sqlite_bulk import insert_rows, time_param

    stamp = time_param(connection)(now)
    from verifier.store.story_writes import next_story_id

    next_id = next_story_id(connection)  # never an id a merge deleted
    ids: list[int] = []
    fresh: list[Any] = []
    for g in grown:
        if g.id is None:
            ids.append(next_id)
            fresh += (next_id, g.title, 0, "unverified", stamp, stamp, 0, 0, g.terms)
            next_id += 1
        else:
            ids.append(g.id)
    insert_rows(connection, "stories", NEW_STORY_COLUMNS, fresh)
    extended = [(g.terms, stamp, g.id) for g in grown if g.id is not None]
    if extended:
        # a grown story's summary is stale (verifier.stories.scores rescores it)
        connection.exec_driver_sql(
            "UPDATE stories SET terms = ?, score = NULL, scored_with = NULL, updated_at = ? "
            "WHERE id = ?", extended)
    insert_rows(connection, "story_claims", ("story_id", "claim_id", "pinned", "reason"), [
        value for story_id, g in zip(ids, grown, strict=True)
        for claim_id, reason in zip(g.members, _reasons(g), strict=True)
        for value in (story_id, claim_id, 0, reason)])
    insert_rows(connection, "story_names", ("name", "story_id"), [
        value for story_id, g in zip(ids, grown, strict=True) for name in g.new_names
        for value in (name, story_id)])
    return ids


MemberTerms = list[tuple[int, str, str | None]]


def member_terms(session: Session, story_ids: Sequence[int]) -> dict[int, MemberTerms]:
    """Per story: its member claims as (claim id, text, stored terms)."""
    found: dict[int, MemberTerms] = {s: [] for s in story_ids}
    for batch in _batches(sorted(set(story_ids))):
        for story_id, claim_id, text, terms in session.execute(
            select(StoryClaim.story_id, Claim.id, Claim.text, Claim.terms)
            .join(Claim, Claim.id == StoryClaim.claim_id)
            .where(StoryClaim.story_id.in_(batch))
        ):
            found[story_id].append((claim_id, text, terms))
    return found


def replace_story_terms(session: Session, terms: Mapping[int, tuple[str, Sequence[str]]]) -> None:
    """Set stories' terms and names afresh (after a reviewer moved claims, or a rebuild)."""
    if not terms:
        return
    connection = session.connection()
    ids = sorted(terms)
    for batch in _batches(ids):
        connection.execute(STORY_NAMES.delete().where(STORY_NAMES.c.story_id.in_(batch)))
    connection.execute(
        update(STORIES).where(STORIES.c.id == bindparam("story")).values(terms=bindparam("value")),
        [{"story": s, "value": terms[s][0]} for s in ids],
    )
    names = [{"name": n, "story_id": s} for s in ids for n in terms[s][1]]
    if names:
        connection.execute(STORY_NAMES.insert(), names)


def all_story_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Story.id).order_by(Story.id)))


def grouped_claim_terms(
    session: Session, after: int, limit: int
) -> list[tuple[int, int, str, str | None]]:
    """Claims of grouped articles with id above ``after``: (id, article id, text, terms)."""
    return list(session.execute(
        select(Claim.id, Claim.article_id, Claim.text, Claim.terms)
        .join(Article, Article.id == Claim.article_id)
        .where(Claim.id > after, Claim.is_claim.is_(True), Article.grouped.is_(True))
        .order_by(Claim.id).limit(limit)
    ).all())


def set_frequencies(session: Session, counts: Mapping[str, int]) -> None:
    """Replace every document frequency (a rebuild)."""
    connection = session.connection()
    connection.execute(FREQUENCIES.delete())
    rows = [{"term": t, "documents": c} for t, c in counts.items()]
    if rows:
        connection.execute(FREQUENCIES.insert(), rows)
