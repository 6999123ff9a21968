"""Ingest: read articles, analyse them, store them, each article atomically.

``ingest_paths`` streams articles from files and folders (``verifier.ingest.readers``), skips texts
already stored (by SHA-256, before analysing them), analyses the rest and stores each article
with its claims and attributions atomically (see ``Ingester``), so an interruption leaves
every article either fully stored or absent. A bad file or line is reported through the
``on_article`` callback and in the summary, and the rest go on. Nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import exc as sa_exc

from verifier.analysis.results import ArticleAnalysis
from verifier.errors import VerifierError
from verifier.ingest.readers import RawArticle, ReadFailure, iter_articles
from verifier.registry import Registry
from verifier.registry import Source as RegistrySource
from verifier.store.article_reads import stored_digests
from verifier.store.articles import store_article, store_articles
from verifier.store.database import Database, refresh_statistics, translate_errors
from verifier.store.rows import ArticleMeta, ArticleRows, SavedArticle, flatten, text_sha256
from verifier.store.sources import SourceResolver, find_outlet, sync_registry

Outcome = Literal["stored", "skipped", "failed"]
#: Articles analysed, then stored in one short transaction, at a time (larger chunks make
#: fewer, larger full-text index segments to write and merge).
CHUNK_ARTICLES = 512
SKIPPED = "same text already stored"
Analyser = Callable[[str, Registry, str | None], ArticleAnalysis]


@dataclass(frozen=True, slots=True)
class IngestDefaults:
    """``--outlet``, ``--published``, ``--url``, ``--title``: fill what a file lacks."""

    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What happened to one article (or to a file that yielded none)."""

    origin: str
    outcome: Outcome
    article_id: int | None = None
    claims: int = 0
    words: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    message: str | None = None


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Totals for the run: articles stored, skipped and failed; claims by sourcing kind."""

    stored: int
    skipped: int
    failures: tuple[ArticleResult, ...]
    claims: int
    words: int
    kinds: dict[str, int]

    @property
    def failed(self) -> int:
        return len(self.failures)


class SummaryBuilder:
    """Accumulates ``ArticleResult``s into an ``IngestSummary``."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.failures: list[ArticleResult] = []
        self.claims = 0
        self.words = 0

    def add(self, result: ArticleResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome == "failed":
            self.failures.append(result)
        elif result.outcome == "stored":
            self.claims += result.claims
            self.words += result.words
            self.kinds.update(result.kinds)

    def summary(self) -> IngestSummary:
        return IngestSummary(
            stored=self.counts["stored"],
            skipped=self.counts["skipped"],
            failures=tuple(self.failures),
            claims=self.claims,
            words=self.words,
            kinds=dict(self.kinds.most_common()),
        )


def default_analyser(text: str, registry: Registry, outlet: str | None) -> ArticleAnalysis:
    from verifier.analysis.analyse import analyse_text

    return analyse_text(text, registry=registry, outlet=outlet)


class Ingester:
    """Stores articles into one database with one registry, a chunk at a time.

    For each chunk of up to ``chunk_size`` articles: one query finds the texts already
    stored (they are skipped before analysis), the rest are analysed, and then stored
    together in one short write transaction with a few bulk statements (the analysis runs
    outside any transaction, so readers and reviewers are never held up by it). Should the
    bulk write fail (a concurrent writer on PostgreSQL), the chunk is stored again article by
    article, each in its own transaction. Results reach ``on_article`` once committed, so what
    was reported stored is stored; an interruption leaves each article stored or absent.
    """

    def __init__(
        self,
        database: Database,
        registry: Registry,
        defaults: IngestDefaults | None = None,
        analyser: Analyser = default_analyser,
        *,
        chunk_size: int = CHUNK_ARTICLES,
        group_stories: bool = True,
    ) -> None:
        self.database = database
        self.group_stories = group_stories
        self.registry = registry
        self.defaults = defaults or IngestDefaults()
        self.analyser = analyser
        self.chunk_size = chunk_size
        self.default_outlet = (
            find_outlet(registry, self.defaults.outlet) if self.defaults.outlet else None
        )
        with database.session_scope() as session:
            self.sources = SourceResolver(registry, sync_registry(session, registry))

    def run(
        self,
        items: Iterable[RawArticle | ReadFailure],
        on_article: Callable[[ArticleResult], None] | None = None,
    ) -> IngestSummary:
        """Ingest ``items`` in order; returns the totals."""
        builder = SummaryBuilder()
        first = True
        with translate_errors(self.database.name):
            for chunk in _chunks(items, self.chunk_size):
                results = self.ingest_chunk(chunk)
                for result in results:
                    builder.add(result)
                    if on_article is not None:
                        on_article(result)
                stored = [r.article_id for r in results if r.article_id is not None]
                if stored and first:  # counts for the planner at once, if there are none
                    refresh_statistics(self.database, missing_only=True)
                    first = False
                self._group(stored)
            if builder.counts["stored"]:
                refresh_statistics(self.database)
            if self.group_stories and builder.counts["stored"]:
                self._rescore()
        return builder.summary()

    def _rescore(self) -> None:
        """Rescore the stories grouping touched (their summaries were marked stale)."""
        from verifier.scoring.weights import load_weights
        from verifier.stories.scores import refresh

        refresh(self.database, load_weights())

    def _group(self, article_ids: list[int]) -> None:
        """Group the new articles' claims into stories, in a transaction of its own.

        Stored articles stay stored if this is interrupted; ``verifier stories group``
        groups whatever was left ungrouped.
        """
        if not (self.group_stories and article_ids):
            return
        from verifier.stories.store import update_stories

        with self.database.session_scope() as session:
            update_stories(session, article_ids)

    def ingest_chunk(self, chunk: Sequence[RawArticle | ReadFailure]) -> list[ArticleResult]:
        """Store a chunk of articles; one result per item, in order."""
        results: dict[int, ArticleResult] = {}
        candidates: list[tuple[int, RawArticle, RegistrySource | None, str]] = []
        for n, item in enumerate(chunk):
            if isinstance(item, ReadFailure):
                results[n] = ArticleResult(item.origin, "failed", message=item.message)
                continue
            try:
                outlet = self._outlet(item)
            except VerifierError as error:
                results[n] = ArticleResult(item.origin, "failed", message=str(error))
                continue
            candidates.append((n, item, outlet, text_sha256(item.text)))
        known = self._stored([digest for *_, digest in candidates])
        todo: list[tuple[int, RawArticle, ArticleRows, ArticleMeta]] = []
        for n, raw, outlet, digest in candidates:
            if digest in known:
                results[n] = ArticleResult(raw.origin, "skipped", message=SKIPPED)
                continue
            known.add(digest)
            rows = self._analyse(raw, outlet, digest)
            if isinstance(rows, ArticleResult):
                results[n] = rows
                continue
            todo.append((n, raw, rows, self._meta(raw, outlet)))
        for (n, *_), result in zip(todo, self._store(todo), strict=True):
            results[n] = result
        return [results[n] for n in range(len(chunk))]

    def _analyse(
        self, raw: RawArticle, outlet: RegistrySource | None, digest: str
    ) -> ArticleRows | ArticleResult:
        """The article's rows, flattened at once: a chunk of analyses kept alive until it is
        stored would cost the garbage collector more than storing them does."""
        try:
            analysis = self.analyser(raw.text, self.registry, outlet.id if outlet else None)
            return flatten(analysis, digest)
        except Exception as exc:  # the analyser should never raise; report, don't stop
            return ArticleResult(raw.origin, "failed", message=f"{raw.origin}: analysis failed "
                                 f"({type(exc).__name__}: {exc})")

    def _meta(self, raw: RawArticle, outlet: RegistrySource | None) -> ArticleMeta:
        return ArticleMeta(
            title=raw.title or self.defaults.title,
            outlet=outlet,
            url=raw.url or self.defaults.url,
            byline=raw.byline,
            published=raw.published or self.defaults.published,
            path=raw.origin,
        )

    def _stored(self, digests: list[str]) -> set[str]:
        if not digests:
            return set()
        with self.database.session_scope(write=False) as session:
            return stored_digests(session, digests)

    def _store(
        self, todo: list[tuple[int, RawArticle, ArticleRows, ArticleMeta]]
    ) -> list[ArticleResult]:
        if not todo:
            return []
        try:
            with self.database.session_scope() as session:
                saved = store_articles(session, [(a, m) for _, _, a, m in todo], self.sources)
        except sa_exc.IntegrityError:
            self.sources.forget_pending()
            return [self._store_one(raw, analysis, meta) for _, raw, analysis, meta in todo]
        except BaseException:
            self.sources.forget_pending()
            raise
        self.sources.keep_pending()
        return [_stored(raw, s) for (_, raw, _, _), s in zip(todo, saved, strict=True)]

    def _store_one(self, raw: RawArticle, analysis: ArticleRows, meta: ArticleMeta) -> (
        ArticleResult
    ):
        """One article in its own transaction, retried once after a conflict."""
        for attempt in (1, 2):
            try:
                with self.database.session_scope() as session:
                    saved = store_article(session, analysis, meta, self.sources)
            except sa_exc.IntegrityError as exc:
                self.sources.forget_pending()
                if attempt == 2:
                    reason = str(exc.orig).strip().splitlines()[0]
                    return ArticleResult(raw.origin, "failed",
                                         message=f"{raw.origin}: not stored ({reason})")
                continue
            except BaseException:
                self.sources.forget_pending()
                raise
            self.sources.keep_pending()
            if saved is None:
                break
            return _stored(raw, saved)
        return ArticleResult(raw.origin, "skipped", message=SKIPPED)

    def _outlet(self, raw: RawArticle) -> RegistrySource | None:
        if raw.outlet:
            try:
                return find_outlet(self.registry, raw.outlet)
            except VerifierError as error:
                raise type(error)(f"{raw.origin}: {error}") from None
        if raw.site_name:
            try:
                return find_outlet(self.registry, raw.site_name)
            except VerifierError:
                pass  # a site the registry does not know: fall back to --outlet
        return self.default_outlet


def _stored(raw: RawArticle, saved: SavedArticle) -> ArticleResult:
    return ArticleResult(
        raw.origin,
        "stored",
        article_id=saved.id,
        claims=saved.claims,
        words=saved.words,
        kinds=saved.kinds,
    )


def _chunks(
    items: Iterable[RawArticle | ReadFailure], size: int
) -> Iterator[list[RawArticle | ReadFailure]]:
    chunk: list[RawArticle | ReadFailure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest_paths(
    database: Database,
    paths: Iterable[Path],
    registry: Registry,
    *,
    defaults: IngestDefaults | None = None,
    on_article: Callable[[ArticleResult], None] | None = None,
    analyser: Analyser = default_analyser,
    group_stories: bool = True,
) -> IngestSummary:
    """Ingest every article under ``paths``; ``on_article`` hears about each as it is done.

    New claims are grouped into stories after each chunk unless ``group_stories`` is False.
    An unknown ``defaults.outlet`` raises ``InputError`` before anything is written.
    """
    ingester = Ingester(database, registry, defaults, analyser, group_stories=group_stories)
    return ingester.run(iter_articles(paths), on_article)
