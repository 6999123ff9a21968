"""Ingest: read articles, analyse them, store them, each article atomically.

``ingest_paths`` streams articles from files and folders (``verifier.ingest.readers``), skips texts
already stored (by SHA-256, before analysing them), analyses the rest and stores each article
with its claims and attributions atomically (see ``Ingester``), so an interruption leaves
every article either fully stored or absent. A bad file or line is reported through the
``on_article`` callback and in the summary, and the rest go on. Nothing here prints.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from verifier.analysis.results import ArticleAnalysis
from verifier.errors import VerifierError
from verifier.ingest.readers import RawArticle, ReadFailure, iter_articles
from verifier.registry import Registry
from verifier.registry import Source as RegistrySource
from verifier.store.articles import store_article, store_articles
from verifier.store.database import Database, refresh_statistics, translate_errors
from verifier.store.grouping import lock_writes, stored_digests, ungrouped_articles
from verifier.store.rows import ArticleMeta, ArticleRows, SavedArticle, flatten, text_sha256
from verifier.store.sources import SourceResolver, find_outlet, sync_registry

Outcome = Literal["stored", "skipped", "failed"]
#: A chunk's write transaction (store and group) should last about this long: a reviewer's
#: write waits for one at most. The chunk size adapts to it, within MIN_CHUNK..MAX_CHUNK
#: articles (larger chunks make fewer, larger full-text index segments to write and merge).
WRITE_SECONDS = 0.25
FIRST_CHUNK = 32
MIN_CHUNK = 8
MAX_CHUNK = 512
CHUNK_ARTICLES = MAX_CHUNK
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
    regrouped: int = 0  # articles an earlier run left ungrouped, grouped now

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
        self.regrouped = 0

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
            regrouped=self.regrouped,
        )


def default_analyser(text: str, registry: Registry, outlet: str | None) -> ArticleAnalysis:
    from verifier.analysis.analyse import analyse_text

    return analyse_text(text, registry=registry, outlet=outlet)


class Ingester:
    """Stores articles into one database with one registry, a chunk at a time.

    For each chunk: one query finds the texts already stored (they are skipped before
    analysis), the rest are analysed (in this process, or in ``jobs`` worker processes while
    this one stores the chunk before), and then stored and grouped into stories together in
    one short write transaction (the analysis runs outside any transaction, so readers and
    reviewers are never held up by it). The chunk's size adapts so that transaction lasts
    about ``WRITE_SECONDS``: a reviewer's ``claims mark`` waits for at most one. Inside it,
    texts another process stored meanwhile are skipped (several ingests may write to one
    database; on PostgreSQL their write transactions take turns). Should the bulk write still
    fail, the chunk is stored again article by article, each in its own transaction. Results
    reach ``on_article`` once committed, so what was reported stored is stored, with its
    claims in stories; an interruption leaves each article stored and grouped, or absent.
    Articles an earlier run left ungrouped (``--no-group``, or an interruption before
    grouping committed with its chunk) are grouped first.
    """

    def __init__(
        self,
        database: Database,
        registry: Registry,
        defaults: IngestDefaults | None = None,
        analyser: Analyser = default_analyser,
        *,
        chunk_size: int | None = None,
        group_stories: bool = True,
        jobs: int = 1,
    ) -> None:
        self.database = database
        self.group_stories = group_stories
        self.registry = registry
        self.defaults = defaults or IngestDefaults()
        self.analyser = analyser
        self.fixed_chunk = chunk_size
        self.chunk_size = chunk_size or FIRST_CHUNK
        self.jobs = max(1, jobs)
        self.default_outlet = (
            find_outlet(registry, self.defaults.outlet) if self.defaults.outlet else None
        )
        self.regrouped = 0
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
        with translate_errors(self.database.name), analysis_pool(self) as pool:
            if self.group_stories:
                self.regrouped = self.group_left_over()
            window: deque[_Chunk] = deque()
            for chunk in self._chunks(items):
                window.append(self._prepare(chunk, window, pool))
                while len(window) > (2 if pool is not None else 0):
                    first = self._finish(window.popleft(), builder, on_article, first)
            while window:
                first = self._finish(window.popleft(), builder, on_article, first)
            if builder.counts["stored"]:
                refresh_statistics(self.database)
            if self.group_stories and (builder.counts["stored"] or self.regrouped):
                self._rescore()
        builder.regrouped = self.regrouped
        return builder.summary()

    def _rescore(self) -> None:
        """Rescore the stories grouping touched, once per run (grouping marked them stale)."""
        from verifier.scoring.weights import load_weights
        from verifier.stories.scores import refresh

        refresh(self.database, load_weights())

    def _finish(
        self,
        chunk: _Chunk,
        builder: SummaryBuilder,
        on_article: Callable[[ArticleResult], None] | None,
        first: bool,
    ) -> bool:
        results = self._complete(chunk)
        for result in results:
            builder.add(result)
            if on_article is not None:
                on_article(result)
        if first and any(r.article_id is not None for r in results):
            refresh_statistics(self.database, missing_only=True)  # counts for the planner
            return False
        return first

    def group_left_over(self) -> int:
        """Group the articles an earlier run stored but did not group; returns how many."""
        from verifier.stories.update import REPAIR_BATCH, update_stories

        done = 0
        while True:
            with self.database.session_scope() as session:
                lock_writes(session)
                ids = ungrouped_articles(session, REPAIR_BATCH)
                if ids:
                    update_stories(session, ids)
            if not ids:
                return done
            done += len(ids)

    def ingest_chunk(self, chunk: Sequence[RawArticle | ReadFailure]) -> list[ArticleResult]:
        """Store a chunk of articles; one result per item, in order."""
        return self._complete(self._prepare(chunk, (), None))

    def _chunks(
        self, items: Iterable[RawArticle | ReadFailure]
    ) -> Iterator[list[RawArticle | ReadFailure]]:
        chunk: list[RawArticle | ReadFailure] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _prepare(
        self, chunk: Sequence[RawArticle | ReadFailure], pending: Iterable[_Chunk],
        pool: Any,
    ) -> _Chunk:
        """Results for what fails or is stored already; the rest's analysis, started."""
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
        for earlier in pending:  # analysed or being analysed, not stored yet
            known.update(digest for *_, digest in earlier.todo)
        todo: list[tuple[int, RawArticle, RegistrySource | None, str]] = []
        for n, raw, outlet, digest in candidates:
            if digest in known:
                results[n] = ArticleResult(raw.origin, "skipped", message=SKIPPED)
                continue
            known.add(digest)
            todo.append((n, raw, outlet, digest))
        tasks = [(raw.text, raw.origin, outlet.id if outlet else None, digest)
                 for _, raw, outlet, digest in todo]
        if pool is None:
            analysed: Any = [analyse_article(self.analyser, self.registry, *t) for t in tasks]
        else:
            analysed = pool.map_async(analyse_task, tasks,
                                      chunksize=max(1, len(tasks) // (4 * self.jobs)))
        return _Chunk(len(chunk), results, todo, analysed)

    def _complete(self, chunk: _Chunk) -> list[ArticleResult]:
        """Wait for the chunk's analyses; store and group them; one result per item."""
        results = chunk.results
        analysed = chunk.analysed if isinstance(chunk.analysed, list) else chunk.analysed.get()
        todo: list[tuple[int, RawArticle, ArticleRows, ArticleMeta]] = []
        for (n, raw, outlet, _), rows in zip(chunk.todo, analysed, strict=True):
            if isinstance(rows, str):
                results[n] = ArticleResult(raw.origin, "failed", message=rows)
            else:
                todo.append((n, raw, rows, self._meta(raw, outlet)))
        started = time.perf_counter()
        for (n, *_), result in zip(todo, self._store(todo), strict=True):
            results[n] = result
        if todo and self.fixed_chunk is None:
            per_article = (time.perf_counter() - started) / len(todo)
            self.chunk_size = max(MIN_CHUNK, min(MAX_CHUNK, int(WRITE_SECONDS / per_article)))
        return [results[n] for n in range(chunk.size)]

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

    def _group(self, session: Session, article_ids: list[int]) -> None:
        """Group the new articles' claims into stories, in the transaction that stores them;
        reviewers' corrections of an article stored before (then deleted) apply first."""
        if article_ids:
            from verifier.store.corrections import reapply_for_articles

            reapply_for_articles(session, article_ids, self.registry)
        if self.group_stories and article_ids:
            from verifier.stories.update import update_stories

            update_stories(session, article_ids)

    def _store(
        self, todo: list[tuple[int, RawArticle, ArticleRows, ArticleMeta]]
    ) -> list[ArticleResult]:
        if not todo:
            return []
        try:
            with self.database.session_scope() as session:
                lock_writes(session)
                # another ingest may have stored some of these since they were checked
                taken = stored_digests(session, [rows.sha256 for _, _, rows, _ in todo])
                new = [t for t in todo if t[2].sha256 not in taken]
                saved = iter(store_articles(session, [(a, m) for _, _, a, m in new],
                                            self.sources))
                results = [_stored(raw, next(saved)) if rows.sha256 not in taken
                           else ArticleResult(raw.origin, "skipped", message=SKIPPED)
                           for _, raw, rows, _ in todo]
                self._group(session, [r.article_id for r in results if r.article_id])
        except sa_exc.IntegrityError:
            self.sources.forget_pending()
            return [self._store_one(raw, analysis, meta) for _, raw, analysis, meta in todo]
        except BaseException:
            self.sources.forget_pending()
            raise
        self.sources.keep_pending()
        return results

    def _store_one(self, raw: RawArticle, analysis: ArticleRows, meta: ArticleMeta) -> (
        ArticleResult
    ):
        """One article in its own transaction, retried once after a conflict."""
        for attempt in (1, 2):
            try:
                with self.database.session_scope() as session:
                    lock_writes(session)
                    saved = store_article(session, analysis, meta, self.sources)
                    if saved is not None:
                        self._group(session, [saved.id])
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


@dataclass(slots=True)
class _Chunk:
    """A chunk on its way: its size, the results known before storing, what is being
    analysed (item number, article, outlet, digest), and the analyses (rows, or a failure
    message) or the pool's handle on them."""

    size: int
    results: dict[int, ArticleResult]
    todo: list[tuple[int, RawArticle, RegistrySource | None, str]]
    analysed: Any


def analyse_article(
    analyser: Analyser, registry: Registry, text: str, origin: str, outlet: str | None,
    digest: str,
) -> ArticleRows | str:
    """An article's rows with its claims' grouping terms and its signature, flattened at once
    (a chunk of analyses kept alive until it is stored would cost the garbage collector more
    than storing them does); a failure's message instead."""
    from verifier.scoring.signatures import signature
    from verifier.stories.terms import pack, words

    try:
        analysis = analyser(text, registry, outlet)
        return flatten(analysis, digest, terms=lambda t: pack(words(t)),
                       signature=signature(text))
    except Exception as exc:  # the analyser should never raise; report, don't stop
        return f"{origin}: analysis failed ({type(exc).__name__}: {exc})"


#: A worker process's analyser and registry (set by ``_start_worker``).
_WORKER: dict[str, Any] = {}


def _start_worker(analyser: Analyser, registry: Registry) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _WORKER["analyser"], _WORKER["registry"] = analyser, registry


def analyse_task(task: tuple[str, str, str | None, str]) -> ArticleRows | str:
    return analyse_article(_WORKER["analyser"], _WORKER["registry"], *task)


@contextmanager
def analysis_pool(ingester: Ingester) -> Iterator[Any]:
    """``jobs`` worker processes that analyse while this one stores (None for one job)."""
    if ingester.jobs <= 1:
        yield None
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(ingester.jobs, _start_worker, (ingester.analyser, ingester.registry))
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _stored(raw: RawArticle, saved: SavedArticle) -> ArticleResult:
    return ArticleResult(
        raw.origin,
        "stored",
        article_id=saved.id,
        claims=saved.claims,
        words=saved.words,
        kinds=saved.kinds,
    )


def ingest_paths(
    database: Database,
    paths: Iterable[Path],
    registry: Registry,
    *,
    defaults: IngestDefaults | None = None,
    on_article: Callable[[ArticleResult], None] | None = None,
    analyser: Analyser = default_analyser,
    group_stories: bool = True,
    jobs: int = 1,
) -> IngestSummary:
    """Ingest every article under ``paths``; ``on_article`` hears about each as it is done.

    New claims are grouped into stories with each chunk, in its transaction, unless
    ``group_stories`` is False. ``jobs`` > 1 analyses in that many worker processes. An
    unknown ``defaults.outlet`` raises ``InputError`` before anything is written.
    """
    ingester = Ingester(database, registry, defaults, analyser, group_stories=group_stories,
                        jobs=jobs)
    return ingester.run(iter_articles(paths), on_article)
