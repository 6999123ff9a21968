"""One report data structure that every renderer (terminal, Markdown, HTML, JSON,
ClaimReview) draws from: articles with their sentences and sourcing, stories with their
scores and reasons, and the sources' track records."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, overload

from verifier.errors import NotFoundError, UsageError
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.trackrecord import TrackRecord
from verifier.scoring.weights import Weights
from verifier.store.article_reads import (
    ArticleRecord,
    article_exists,
    article_paths,
    article_records,
    article_texts,
)
from verifier.store.claims import (
    ClaimRecord,
    KindWhy,
    claim_sourcing,
    sentences_of_articles,
    unreviewed_claims_of_articles,
)
from verifier.store.reading import Rows
from verifier.store.source_reads import source_exists, stories_of_source
from verifier.store.stories import (
    articles_of_stories,
    selected_story_ids,
    sources_of_stories,
    story_records,
)
from verifier.store.trackrecords import track_records
from verifier.stories.evidence import EvidenceReader
from verifier.stories.view import ArticleRef, StoryView, build_views, list_stories
from verifier.vocab import SOURCING_LABELS, UNATTRIBUTED

#: The legend's order: strongest sourcing first.
KIND_ORDER = SOURCING_LABELS
#: Stories or articles read per batch while a lazy report renders.
REPORT_BATCH = 100
#: A sentence without attributions: no kinds, nothing to explain.
NO_SOURCING: tuple[list[str], list[KindWhy]] = ([], [])
T = TypeVar("T")

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.stories.matching import PastVerdict


@dataclass(frozen=True, slots=True)
class SentenceRow:
    claim_id: int
    start: int
    end: int
    text: str
    claim: bool
    kinds: tuple[str, ...]
    certainty: str | None
    #: Why its sources have their kinds, where the analyser said so (a source typed by a
    #: titled mention elsewhere, a name rule's fallback); empty for older rows.
    whys: tuple[KindWhy, ...] = ()

    @property
    def main_kind(self) -> str | None:
        """The kind a highlight shows: the first attribution's, or unattributed."""
        if not self.claim:
            return None
        return self.kinds[0] if self.kinds else UNATTRIBUTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claim": self.claim,
            "sourcing": list(self.kinds) or ([UNATTRIBUTED] if self.claim else []),
            "certainty": self.certainty,
            **({"sourcing_why": [w.to_dict() for w in self.whys]} if self.whys else {}),
        }


@dataclass(frozen=True, slots=True)
class UnconfirmedClaim:
    claim_id: int
    text: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "text": self.text, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class ArticleReport:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published_at: datetime | None
    text: str
    sentences: tuple[SentenceRow, ...]
    claims: int
    kind_shares: dict[str, float]
    unconfirmed: tuple[UnconfirmedClaim, ...]
    #: Ids of the claims with no verdict yet.
    unreviewed: frozenset[int] = frozenset()
    #: The file it was read from, to name an untitled article (not in the JSON).
    path: str | None = None

    @property
    def label(self) -> str:
        """Its title, or for an untitled one its file's name (as ``articles list``)."""
        from verifier.review.names import article_label

        return article_label(self.title, self.path)

    def to_dict(self) -> dict[str, Any]:
        head = ArticleRef(self.id, self.title, self.outlet, self.url, self.published_at)
        return {
            **head.to_dict(),
            "claims": self.claims,
            "claims_by_sourcing": {k: round(v, 4) for k, v in self.kind_shares.items()},
            "unconfirmed_claims": [u.to_dict() for u in self.unconfirmed],
            "sentences": [s.to_dict() for s in self.sentences],
            "text": self.text,
        }


class Lazy(Sequence[T]):
    """A sequence read from the database a batch at a time as it is iterated: reports over
    thousands of stories render with bounded memory. ``load`` turns ids into items (one
    batch at a time, a handful of queries each)."""

    def __init__(self, ids: Sequence[int], load: Callable[[list[int]], list[T]],
                 batch: int = REPORT_BATCH) -> None:
        self.ids = list(ids)
        self._load = load
        self._batch = batch

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[T]:
        for start in range(0, len(self.ids), self._batch):
            yield from self._load(self.ids[start : start + self._batch])

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return self._load(self.ids[index])
        return self._load([self.ids[index]])[0]


@dataclass(frozen=True, slots=True)
class MatchedClaim:
    """An unreviewed claim of the report that matches an earlier verdict."""

    claim_id: int
    text: str
    match: PastVerdict

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "text": self.text, "match": self.match.to_dict()}


#: The environment variable that pins a report's time of writing (seconds since 1970 UTC),
#: as reproducible builds use it: the same database then gives the same report bytes.
EPOCH_ENV = "SOURCE_DATE_EPOCH"


def report_time() -> datetime:
    """When a report is written: ``$SOURCE_DATE_EPOCH`` when set (a whole number of seconds
    since 1970-01-01 UTC), else now. A value that is not such a number is refused, as the
    reproducible-builds convention asks, rather than silently replaced by the clock."""
    pinned = os.environ.get(EPOCH_ENV, "").strip()
    if not pinned:
        return datetime.now(UTC)
    if pinned.isdecimal():  # (``isdigit`` takes "²", which ``int`` refuses)
        try:  # int: more than 4,300 digits; fromtimestamp: past the year 9999
            return datetime.fromtimestamp(int(pinned), UTC)
        except (ValueError, OverflowError, OSError):
            pass
    raise UsageError(
        f"{EPOCH_ENV}={pinned[:40]!r} is not a whole number of seconds since "
        "1970-01-01 UTC (unset it to date reports by the clock)")


@dataclass(frozen=True, slots=True)
class Report:
    """What every renderer draws from. ``stories`` and ``articles`` may be ``Lazy``: they
    are then read as they are rendered, so keep the session open until rendering ends."""

    scope: str
    generated_at: datetime
    articles: Sequence[ArticleReport]
    stories: Sequence[StoryView]
    sources: Sequence[TrackRecord]
    #: Unreviewed claims of these articles that match an earlier verdict (the desk's own or
    #: an imported fact-check's), best match each.
    past_verdicts: Sequence[MatchedClaim] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "generated_at": self.generated_at.isoformat(),
            "stories": [s.to_dict() for s in self.stories],
            "articles": [a.to_dict() for a in self.articles],
            "sources": [s.to_dict() for s in self.sources],
            "past_verdicts": [m.to_dict() for m in self.past_verdicts],
        }

    def no_stories(self) -> str:
        """The line every format prints for a report without stories (the terminal, the
        Markdown and HTML pages alike)."""
        if self.scope.startswith("reviewed stories"):  # `report --all`: none reviewed yet
            return (f"No {self.scope.split(' (', 1)[0]} yet: mark one (`verifier stories "
                    "mark`), or give --all-stories or --since/--until.")
        if self.scope == "all":
            return "No stories (ingest articles first, or lower --min-claims)."
        return f"No stories ({self.scope})."

    def nothing_matched(self) -> str | None:
        """The one line a report with nothing in it is (no stories, articles, track records
        or earlier verdicts): no legend and no empty tables are printed then. None when
        something matched."""
        if self.stories or self.articles or self.sources or self.past_verdicts:
            return None
        line = self.no_stories()
        return (f"Nothing matched: no stories, articles or track records ({self.scope})."
                if line == f"No stories ({self.scope})." else line)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which stories ``report --all`` covers: by default the reviewed ones, or with dates
    those with articles or verdicts in the range; ``all_stories`` takes every story with
    ``min_claims`` claims.

    A story is reviewed once a verdict is on it or on any one of its claims (a reviewer who
    marks one claim has looked at the story): such a story may still be "unconfirmed" (no
    verdict on the story itself), so the heading every format prints (``describe``: the
    terminal's story table, the Markdown and HTML title, the JSON ``scope``) says so."""

    min_claims: int = 2
    since: date | None = None
    until: date | None = None
    all_stories: bool = False

    def describe(self) -> str:
        if self.all_stories:
            return f"all stories of {self.min_claims}+ claims"
        if self.since is None and self.until is None:
            return (f"reviewed stories of {self.min_claims}+ claims (a verdict on the story "
                    "or on any of its claims)")
        span = (f"from {self.since} to {self.until}" if self.since and self.until
                else f"on or after {self.since}" if self.since else f"on or before {self.until}")
        return f"stories of {self.min_claims}+ claims with articles or verdicts {span}"


def build_report(
    session: Session | Rows,
    weights: Weights,
    *,
    article_id: int | None = None,
    story_id: int | None = None,
    source_id: int | None = None,
    min_claims: int = 2,
    selection: Selection | None = None,
    matches: bool = True,
    most_matches: int | None = None,
) -> Report:
    """The report for one article, one story, one source, or a selection of stories
    (default: ``Selection(min_claims)``). A selection's stories and articles are ``Lazy``.
    ``matches=False`` leaves out the unreviewed claims that match an earlier verdict (for a
    renderer that does not show them); ``most_matches`` stops looking for them once one more
    than that many are found (for a renderer that shows only so many: the terminal's)."""
    if sum(x is not None for x in (article_id, story_id, source_id)) > 1:
        raise UsageError("choose one of --article, --story, --source or --all")
    reader = EvidenceReader(session, weights)
    if story_id is None and article_id is None and source_id is None:
        return _selection_report(session, reader, selection or Selection(min_claims), matches,
                                 most_matches)
    if story_id is not None:
        stories = list_stories(session, weights, story_ids=[story_id], min_claims=0,
                               reader=reader)
        if not stories:
            from verifier.store.merged_stories import no_story

            raise no_story(session, story_id)
        scope = f"story {story_id}"
    elif article_id is not None:
        if not article_exists(session, article_id):
            raise NotFoundError(f"no article with id {article_id}")
        stories = list_stories(session, weights, article_id=article_id, reader=reader)
        scope = f"article {article_id}"
    else:
        assert source_id is not None
        if not source_exists(session, source_id):
            raise NotFoundError(f"no source with id {source_id}")
        stories = list_stories(session, weights, story_ids=stories_of_source(session, source_id),
                               reader=reader)
        scope = f"source {source_id}{_source_subject(session, source_id)}"
    if article_id is not None:
        article_ids = [article_id]
    else:
        article_ids = sorted({a.id for s in stories for a in s.articles})
    articles = tuple(article_reports(session, article_ids, reader))
    if source_id is not None:
        sources = track_records(session, [source_id], counts=reader.counts)
    else:
        sources = track_records(session, _sources_of(stories, reader), counts=reader.counts)
    return Report(scope, report_time(), articles, tuple(stories), tuple(sources),
                  _past_verdicts(session, _unreviewed(articles), most_matches) if matches else ())


def _source_subject(session: Session | Rows, source_id: int) -> str:
    """": its name; what it does" for a source report's scope ("source 9: Reuters; an
    outlet: published 3 stored articles; quoted in 1 claim of 1 article"), as ``sources show``
    says it (``verifier.review.names.source_use``)."""
    from verifier.review.names import plain_source_name, source_use
    from verifier.store.source_reads import source_records, source_stats

    found = source_records(session, [source_id])
    stats = source_stats(session, found[0].key) if found else None
    if stats is None:
        return ""
    use = source_use(stats)
    return f": {plain_source_name(stats.name)}" + (f"; {use}" if use else "")


#: Up to this many unreviewed claims are matched one by one (each reads only candidates
#: naming what it names); more, and every reviewed claim is read once and indexed.
MATCH_ONE_BY_ONE = 50
#: Unreviewed claims whose texts, stories and spans are read at once when matching many.
MATCH_BATCH = 500


def _past_verdicts(
    session: Session | Rows, unreviewed: Sequence[tuple[int, str]], most: int | None = None,
) -> tuple[MatchedClaim, ...]:
    """The best earlier verdict of each of these unreviewed claims (id, text) that matches
    one, read through the same driver as the report, a batch of claims at a time: a verdict
    on another claim or an imported fact-check, not the claim's own story's. With ``most``,
    the first ``most + 1`` found (one more: the reader learns there are more)."""
    from verifier.stories.matching import Matcher, with_roles

    if not unreviewed:
        return ()
    matcher = Matcher(session, many=len(unreviewed) > MATCH_ONE_BY_ONE)
    if not matcher.many:
        matcher.expect([claim_id for claim_id, _ in unreviewed])
    found = []
    for start in range(0, len(unreviewed), MATCH_BATCH):
        batch = unreviewed[start : start + MATCH_BATCH]
        if matcher.many:
            matcher.prefetch([claim_id for claim_id, _ in batch])
        for claim_id, text in batch:
            # its own story's verdict is no earlier verdict to a reader of the report: the
            # story is in it with its verdict (``claims show`` and the desk still say it)
            others = [m for m in matcher.matches(claim_id, limit=2) if m.kind != "story"]
            best = with_roles(session, claim_id, others[:1])
            if best:
                found.append(MatchedClaim(claim_id, text, best[0]))
                if most is not None and len(found) > most:
                    return tuple(found)
    return tuple(found)


def _unreviewed(articles: Sequence[ArticleReport]) -> list[tuple[int, str]]:
    """(id, text) of the articles' unverified claims (as ``unreviewed_claims_of_articles``)."""
    return [(s.claim_id, s.text) for a in articles for s in a.sentences
            if s.claim and s.claim_id in a.unreviewed]


def _selection_report(
    session: Session | Rows, reader: EvidenceReader, selection: Selection, matches: bool,
    most_matches: int | None = None,
) -> Report:
    ids = list(selected_story_ids(
        session, min_claims=selection.min_claims, since=selection.since, until=selection.until,
        reviewed_or_active=not selection.all_stories,
    ))
    records_of = partial(story_records, session)

    def load_stories(batch: list[int]) -> list[StoryView]:
        records = records_of(batch)
        return build_views(session, [records[s] for s in batch if s in records], reader)

    article_ids = sorted(articles_of_stories(session, ids))
    source_ids = sorted(sources_of_stories(session, ids))
    scope = "all" if selection.all_stories and selection.since is None and \
        selection.until is None else selection.describe()
    articles = Lazy(article_ids, lambda batch: article_reports(session, batch, reader))
    return Report(
        scope,
        report_time(),
        articles,
        Lazy(ids, load_stories),
        tuple(track_records(session, source_ids, counts=reader.counts)),
        _past_verdicts(session, unreviewed_claims_of_articles(session, article_ids),
                       most_matches) if matches else (),
    )


def _sources_of(stories: Sequence[StoryView], reader: EvidenceReader) -> list[int]:
    ids: set[int] = set()
    for story in stories:
        for member in story.members:
            ids.update(a.source_id for a in member.evidence.attributions if a.source_id)
        for article in story.articles:
            record = reader.articles.get(article.id)
            if record is not None and record.outlet_id is not None:
                ids.add(record.outlet_id)
    return sorted(ids)


def article_reports(
    session: Session | Rows, article_ids: Sequence[int], reader: EvidenceReader
) -> list[ArticleReport]:
    """Reports of these articles with a fixed number of batched queries."""
    texts = article_texts(session, article_ids)
    records = article_records(session, article_ids)
    paths = article_paths(session, article_ids)
    missing = [str(a) for a in article_ids if a not in records]
    if missing:
        raise NotFoundError(f"no article with id {', '.join(missing)}")
    rows = sentences_of_articles(session, article_ids)
    claim_ids = [r.id for found in rows.values() for r in found]
    kinds = claim_sourcing(session, claim_ids)
    evidence = reader.groups(
        {aid: [r.id for r in rows.get(aid, []) if r.is_claim] for aid in article_ids}
    )
    return [
        replace(_article(records[aid], texts[aid], rows.get(aid, []), kinds, evidence[aid],
                         reader), path=paths.get(aid))
        for aid in article_ids
    ]


def _article(
    article: ArticleRecord,
    text: str,
    rows: list[ClaimRecord],
    kinds: dict[int, tuple[list[str], list[KindWhy]]],
    evidence: list[ClaimEvidence],
    reader: EvidenceReader,
) -> ArticleReport:
    sentences = tuple(
        SentenceRow(r.id, r.start, r.end, r.text, r.is_claim, tuple(found[0]), r.certainty,
                    tuple(found[1]))
        for r in rows
        for found in [kinds.get(r.id, NO_SOURCING)]
    )
    claims = [s for s in sentences if s.claim]
    counts: Counter[str] = Counter()
    for s in claims:
        counts.update(set(s.kinds) or {UNATTRIBUTED})
    shares = {k: counts[k] / len(claims) for k in KIND_ORDER if counts[k]} if claims else {}
    status = {r.id: r.status for r in rows}
    unconfirmed = []
    for found in evidence:
        result = assess([found], reader.weights)
        if status[found.claim_id] == "unverified" and result.status == "unconfirmed":
            unconfirmed.append(UnconfirmedClaim(found.claim_id, found.text, result.score))
    return ArticleReport(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published_at=article.published_at,
        text=text,
        sentences=sentences,
        claims=len(claims),
        kind_shares=shares,
        unconfirmed=tuple(unconfirmed),
        unreviewed=frozenset(cid for cid, st in status.items() if st == "unverified"),
    )
