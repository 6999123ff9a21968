"""Ingest: read articles, analyse them, store them, each article atomically.

``ingest_paths`` streams articles from files and folders (``verifier.ingest.readers``), skips texts
already stored (by SHA-256, before analysing them), analyses the rest and stores each article
with its claims and attributions atomically (see ``Ingester``), so an interruption leaves
every article either fully stored or absent. A bad file or line is reported through the
``on_article`` callback and in the summary, and the rest go on. Nothing here prints.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from verifier.analysis.results import ArticleAnalysis
from verifier.errors import VerifierError
from verifier.ingest.metadata import found_outlet, headline
from verifier.ingest.readers import RawArticle, ReadFailure, iter_articles
from verifier.interrupts import INTERRUPTS as INTERRUPTS
from verifier.interrupts import Interrupts as Interrupts
from verifier.registry import Registry
from verifier.registry import Source as RegistrySource
from verifier.store.articles import store_article, store_articles
from verifier.store.database import Database, refresh_statistics, translate_errors
from verifier.store.grouping import lock_writes, stored_digests, ungrouped_articles
from verifier.store.rows import ArticleMeta, ArticleRows, SavedArticle, flatten, text_sha256
from verifier.store.sources import (
    RegistryMatch,
    SourceResolver,
    article_lookups,
    find_outlet,
    sync_registry,
)
from verifier.stories.update import GroupingCache

if TYPE_CHECKING:
    from verifier.scoring.weights import Weights
    from verifier.store.stories import StorySummary

Outcome = Literal["stored", "skipped", "failed"]
#: Articles analysed, then stored and grouped in one write transaction, at a time: a
#: reviewer's write (``claims mark``) waits for one such transaction at most, about 0.1-0.2 s
#: (bench/mark_latency.py). Fixed, not timed: where a chunk ends changes the document
#: frequencies its articles are grouped with, and the stories must not depend on the
#: machine's speed.
CHUNK_ARTICLES = 48
SKIPPED = "same text already stored"
#: Stories a worker process rescores per batch, and at most how many are rescored in the
#: workers after an ingest (the rest, if any, by ``verifier.stories.scores.refresh``).
RESCORE_BATCH = 250
RESCORE_LIMIT = 1_000_000
Analyser = Callable[[str, Registry, str | None], ArticleAnalysis]
#: How ``analyse_article`` works out source lookups: a registry matcher and the registry ids
#: with rows.
Lookups = tuple[Callable[[str], str | None], Container[str]]


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
    #: Stored, but something the reader should know (no outlet found).
    warning: str | None = None
    #: Its file said ``outlet: none`` (none is known, as ``--outlet none`` says).
    outlet_none: bool = False


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
    #: Stored articles with no outlet found (``ArticleResult.warning``).
    no_outlet: tuple[str, ...] = ()

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
        self.no_outlet: list[str] = []

    def add(self, result: ArticleResult) -> None:
        self.counts[result.outcome] += 1
        if result.warning is not None:
            self.no_outlet.append(result.origin)
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
            no_outlet=tuple(self.no_outlet),
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
    reviewers are never held up by it; a reviewer's write waits for one chunk's at most,
    see ``CHUNK_ARTICLES``). Inside it,
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
        chunk_size: int = CHUNK_ARTICLES,
        group_stories: bool = True,
        jobs: int = 1,
    ) -> None:
        self.database = database
        self.group_stories = group_stories
        self.registry = registry
        self.defaults = defaults or IngestDefaults()
        self.analyser = analyser
        self.chunk_size = chunk_size
        self.jobs = max(1, jobs)
        self.default_outlet = (
            find_outlet(registry, self.defaults.outlet) if self.defaults.outlet else None
        )
        self.regrouped = 0
        self.cache = GroupingCache()
        with database.session_scope() as session:
            lock_writes(session)  # another ingest may be adding the same registry rows
            self.sources = SourceResolver(registry, sync_registry(session, registry))

    def run(
        self,
        items: Iterable[RawArticle | ReadFailure],
        on_article: Callable[[ArticleResult], None] | None = None,
    ) -> IngestSummary:
        """Ingest ``items`` in order; returns the totals."""
        builder = SummaryBuilder()
        first = True
        with translate_errors(self.database.name), analysis_pool(self) as pool, \
                eased_collector() as collector:
            if self.group_stories:
                self.regrouped = self.group_left_over()
            window: deque[_Chunk] = deque()
            for chunk in self._chunks(items):
                window.append(self._prepare(chunk, window, pool))
                while len(window) > (2 if pool is not None else 0):
                    first = self._finish(window.popleft(), builder, on_article, first)
                    collector.settled(not first)
            while window:
                first = self._finish(window.popleft(), builder, on_article, first)
            if builder.counts["stored"]:
                with INTERRUPTS.deferred():  # an interruption waits for ANALYZE (< 0.3 s)
                    refresh_statistics(self.database)
            if self.group_stories and (builder.counts["stored"] or self.regrouped):
                self._rescore(pool)
        builder.regrouped = self.regrouped
        return builder.summary()

    def _rescore(self, pool: WorkerPool | None = None) -> None:
        """Rescore the stories grouping touched, once per run (grouping marked them stale):
        with worker processes, they work out the scores and this one writes them."""
        from verifier.scoring.weights import load_weights
        from verifier.stories.scores import refresh

        weights = load_weights()
        if pool is not None:
            self._rescore_in_workers(pool, weights)
        refresh(self.database, weights)  # what is left (all of it, with one job)

    def _rescore_in_workers(self, pool: WorkerPool, weights: Weights) -> None:
        """Batches of stale stories scored in the worker processes, each from its own read
        transaction, and written here as they come, one transaction each. A story whose
        members or verdicts changed meanwhile is not written (``save_summaries``' versions),
        nor any batch if a verdict was added meanwhile (a track record may have moved): the
        serial ``refresh`` that follows rescores those."""
        from verifier.scoring.weights import weights_digest
        from verifier.store.stories import stale_story_ids
        from verifier.store.story_writes import save_summaries, verdict_mark

        with self.database.session_scope(write=False) as session:
            ids = stale_story_ids(session, weights_digest(weights), RESCORE_LIMIT)
        if len(ids) < 2 * RESCORE_BATCH:
            return  # not worth the round trips
        batches = [(self.database.url, weights, ids[start : start + RESCORE_BATCH])
                   for start in range(0, len(ids), RESCORE_BATCH)]
        for mark, versions, summaries in pool.get().imap(rescore_task, batches):
            with self.database.session_scope() as session:
                lock_writes(session)
                if verdict_mark(session) == mark:
                    save_summaries(session, summaries, versions)

    def _finish(
        self,
        chunk: _Chunk,
        builder: SummaryBuilder,
        on_article: Callable[[ArticleResult], None] | None,
        first: bool,
    ) -> bool:
        todo = self._collect(chunk)
        with INTERRUPTS.deferred():  # stored means reported: an interruption waits for both
            results = self._store_collected(chunk, todo)
            for result in results:
                builder.add(result)
                if on_article is not None:
                    on_article(result)
        if any(r.article_id is not None for r in results):
            # the planner's row counts kept within a quarter of the tables' as they grow (an
            # ANALYZE at each 25%): counts from the first chunk of a long ingest made the
            # grouping's look-ups by article scan every claim (0.12 s a chunk at 430,000);
            # an interruption waits for it, as for the chunk's storing (it is short)
            with INTERRUPTS.deferred():
                refresh_statistics(self.database)
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
                    update_stories(session, ids, self.cache)
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
        pool: WorkerPool | None,
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
        tasks = [(raw.text, raw.origin, outlet.id if outlet else None, digest,
                  self.group_stories) for _, raw, outlet, digest in todo]
        if pool is None or not tasks:
            lookups = (self.sources.registry_match, self.sources.known)
            analysed: Any = [analyse_article(self.analyser, self.registry, *t, sources=lookups)
                             for t in tasks]
        else:
            analysed = pool.get().map_async(analyse_task, tasks,
                                      chunksize=max(1, len(tasks) // (4 * self.jobs)))
        return _Chunk(len(chunk), results, todo, analysed)

    def _complete(self, chunk: _Chunk) -> list[ArticleResult]:
        """Wait for the chunk's analyses; store and group them; one result per item."""
        return self._store_collected(chunk, self._collect(chunk))

    def _collect(self, chunk: _Chunk) -> list[tuple[int, RawArticle, ArticleRows, ArticleMeta]]:
        """Wait for the chunk's analyses: what to store (failures go to its results)."""
        analysed = chunk.analysed if isinstance(chunk.analysed, list) else chunk.analysed.get()
        todo: list[tuple[int, RawArticle, ArticleRows, ArticleMeta]] = []
        for (n, raw, outlet, _), rows in zip(chunk.todo, analysed, strict=True):
            if isinstance(rows, str):
                chunk.results[n] = ArticleResult(raw.origin, "failed", message=rows)
            else:
                todo.append((n, raw, rows, self._meta(raw, outlet)))
        return todo

    def _store_collected(
        self, chunk: _Chunk, todo: list[tuple[int, RawArticle, ArticleRows, ArticleMeta]]
    ) -> list[ArticleResult]:
        """Store and group the analysed articles; one result per item of the chunk."""
        results = chunk.results
        for (n, *_), result in zip(todo, self._store(todo), strict=True):
            results[n] = result
        return [results[n] for n in range(chunk.size)]

    def _meta(self, raw: RawArticle, outlet: RegistrySource | None) -> ArticleMeta:
        return ArticleMeta(
            title=raw.title or self.defaults.title or headline(raw.text),
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

    def _group(self, session: Session, article_ids: list[int],
               analyses: Iterable[ArticleRows] = ()) -> None:
        """Group the new articles' claims into stories, in the transaction that stores them;
        reviewers' corrections of an article stored before (then deleted) apply first.
        ``analyses``: the articles' rows, whose cues read ahead grouping looks up."""
        if article_ids:
            from verifier.store.corrections import reapply_for_articles

            reapply_for_articles(session, article_ids, self.registry)
        if self.group_stories and article_ids:
            from verifier.stories.cues import known
            from verifier.stories.update import update_stories

            readings: dict[str, tuple[Any, ...]] = {}
            for rows in analyses:
                readings.update(rows.cues or {})
            with known(readings):
                update_stories(session, article_ids, self.cache)

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
                results = [_stored(raw, next(saved), meta) if rows.sha256 not in taken
                           else ArticleResult(raw.origin, "skipped", message=SKIPPED)
                           for _, raw, rows, meta in todo]
                self._group(session, [r.article_id for r in results if r.article_id],
                            [rows for _, _, rows, _ in new])
        except sa_exc.IntegrityError:
            self._rolled_back()
            return [self._store_one(raw, analysis, meta) for _, raw, analysis, meta in todo]
        except BaseException:
            self._rolled_back()
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
                        self._group(session, [saved.id], [analysis])
            except sa_exc.IntegrityError as exc:
                self._rolled_back()
                if attempt == 2:
                    reason = str(exc.orig).strip().splitlines()[0]
                    return ArticleResult(raw.origin, "failed",
                                         message=f"{raw.origin}: not stored ({reason})")
                continue
            except BaseException:
                self._rolled_back()
                raise
            self.sources.keep_pending()
            if saved is None:
                break
            return _stored(raw, saved, meta)
        return ArticleResult(raw.origin, "skipped", message=SKIPPED)

    def _rolled_back(self) -> None:
        """Forget what the rolled-back transaction made or read."""
        self.sources.forget_pending()
        self.cache = GroupingCache()

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
                pass  # a site the registry does not know: look in the text, then --outlet
        found = found_outlet(raw.text, self.registry)
        if found is not None:
            return found.source
        # a file's `outlet: none` is its own word, which --outlet (filling what a file
        # lacks) does not override
        return None if raw.outlet_none else self.default_outlet




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
    digest: str, with_terms: bool = True, sources: Lookups | None = None,
) -> ArticleRows | str:
    """An article's rows with its signature and (``with_terms``: grouping follows) its
    claims' grouping terms, flattened at once (a chunk of analyses kept alive until it is
    stored would cost the garbage collector more than storing them does); a failure's message
    instead. Without terms, grouping tokenises the claims when it runs. ``sources`` (a
    registry matcher and the registry ids with rows): the words each attribution's source
    is looked up by are worked out here too, so the writer only finds ids."""
    from verifier.scoring.signatures import signature
    from verifier.stories.terms import pack, words

    try:
        analysis = analyser(text, registry, outlet)
        rows = flatten(analysis, digest, terms=(lambda t: pack(words(t))) if with_terms else None,
                       signature=signature(text))
        if sources is not None:
            rows = replace(rows, lookups=article_lookups(
                *sources, rows.attribution_parties(), rows.text, rows.source_starts()))
        return rows
    except Exception as exc:  # the analyser should never raise; report, don't stop
        return f"{origin}: analysis failed ({type(exc).__name__}: {exc})"


#: A worker process's analyser and registry (set by ``_start_worker``).
_WORKER: dict[str, Any] = {}


def _start_worker(analyser: Analyser, registry: Registry, known: frozenset[str]) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C ...
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # ... and ends its workers quietly
    _WORKER["analyser"], _WORKER["registry"] = analyser, registry
    _WORKER["sources"] = (RegistryMatch(registry), known)


def analyse_task(task: tuple[str, str, str | None, str, bool]) -> ArticleRows | str:
    """``analyse_article`` in a worker process; when grouping follows, with its claims'
    grouping cues read ahead (the writer, which groups, then only looks them up)."""
    rows = analyse_article(_WORKER["analyser"], _WORKER["registry"], *task,
                           sources=_WORKER["sources"])
    if task[4] and not isinstance(rows, str):
        from verifier.stories.cues import read_ahead

        with suppress(Exception):  # then the writer reads them, as it would have
            rows = replace(rows, cues=read_ahead(rows.claim_texts()))
    return rows


def rescore_task(
    task: tuple[str, Weights, list[int]],
) -> tuple[tuple[int, int], dict[int, Any], list[StorySummary]]:
    """In a worker: the summaries of these stories from one read transaction, with the
    verdict mark and story versions they were worked out from."""
    from verifier.store.database import Database, create_db_engine
    from verifier.store.story_writes import story_versions, verdict_mark
    from verifier.stories.evidence import EvidenceReader
    from verifier.stories.scores import summaries

    url, weights, ids = task
    database = _WORKER.get("database")
    if database is None:  # its own engine: the parent's connections are not this process's
        database = _WORKER["database"] = Database(url, create_db_engine(url))
    with database.session_scope(write=False) as session:
        mark = verdict_mark(session)
        versions = story_versions(session, ids)
        return mark, versions, summaries(session, weights, ids, EvidenceReader(session, weights))


#: An invented article the parent process analyses before starting worker processes, so
#: they start with the analyser's lexicons, rules and models loaded (about a second of CPU
#: each would otherwise spend loading them again).
WARM_UP_TEXT = (
    "Harbour plan approved in Tarvel\n"
    "The Tarvel council approved the harbour plan on Tuesday, council member Dana Ortiz said. "
    '"Work will start in May," she told reporters. Officials who asked not to be named said '
    "the vote was close, according to Yonhap. The Ministry of Ports declined to comment, and "
    "the company denied that costs would rise. It may be delayed, analysts said.\n"
)


class WorkerPool:
    """``jobs`` worker processes that analyse (and rescore) while this one stores, started
    when first needed (an ingest of texts all stored already starts none). Before forking,
    this process loads what the workers need (``warm_up``), so they share it."""

    def __init__(self, ingester: Ingester) -> None:
        self.ingester = ingester
        self._pool: Any = None

    def get(self) -> Any:
        if self._pool is None:
            import gc
            import multiprocessing

            methods = multiprocessing.get_all_start_methods()
            fork = "fork" in methods
            ingester = self.ingester
            frozen = gc.get_freeze_count() > 0  # by ``eased_collector``: it unfreezes
            if fork:
                warm_up(ingester.analyser, ingester.registry, ingester.group_stories)
                gc.freeze()  # what is loaded stays shared: the workers' collector skips it
            try:
                context = multiprocessing.get_context("fork" if fork else "spawn")
                self._pool = context.Pool(ingester.jobs, _start_worker, (
                    ingester.analyser, ingester.registry, frozenset(ingester.sources.known)))
            finally:
                if fork and not frozen:
                    gc.unfreeze()
        return self._pool

    def close(self, failed: bool) -> None:
        if self._pool is None:
            return
        if failed:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()


def warm_up(analyser: Analyser, registry: Registry, grouping: bool) -> None:
    """Load what analysing (and, ``grouping``, rescoring) needs, in this process: the
    packaged analyser's lexicons, rules and models by analysing an invented article (a
    caller's own analyser is not run: it may count its calls), the modules a rescore
    imports."""
    if analyser is default_analyser:
        analyse_article(analyser, registry, WARM_UP_TEXT, "warm-up", None, "", grouping)
    if grouping:
        from importlib import import_module

        for module in ("verifier.stories.scores", "verifier.store.story_writes"):
            import_module(module)


class EasedCollector:
    """See ``eased_collector``."""

    def __init__(self) -> None:
        self.frozen = False

    def settled(self, loaded: bool) -> None:
        """Once a chunk is stored (``loaded``: the analyser's lexicons, rules and caches,
        the registry and the grouping cache are in memory and stay), move what is alive out
        of the collector's scans. Only the young generations are collected first (what is
        garbage already is not kept): a full collection scans the whole heap, ~0.1 s CPU per
        ingest at ~150,000 tracked objects, 2 ms so; old garbage frozen here is freed once
        unfrozen. Objects someone else froze (a caller, a server after its imports) mean the
        freezing is theirs: nothing is collected or frozen, and nothing unfrozen."""
        if loaded and not self.frozen:
            import gc

            if gc.get_freeze_count() > 0:
                return
            gc.collect(1)
            gc.freeze()
            self.frozen = True


#: The youngest generation's threshold while ingesting (Python's default is 700).
INGEST_GC_THRESHOLD = 7_000


@contextmanager
def eased_collector() -> Iterator[EasedCollector]:
    """The cyclic garbage collector eased for an ingest: it scans the young objects a tenth as
    often, and skips what the first chunk left alive (``EasedCollector.settled``), whose
    scans cost 0.3 s CPU per 500 articles; as it was afterwards. Memory is unchanged:
    reference counting frees what it always did, and what the collector alone would have
    freed from the frozen objects is freed once they are unfrozen."""
    import gc

    threshold = gc.get_threshold()
    collector = EasedCollector()
    gc.set_threshold(max(INGEST_GC_THRESHOLD, threshold[0]), *threshold[1:])
    try:
        yield collector
    finally:
        gc.set_threshold(*threshold)
        if collector.frozen:
            gc.unfreeze()


@contextmanager
def analysis_pool(ingester: Ingester) -> Iterator[WorkerPool | None]:
    """Worker processes (started when first needed) for ``jobs`` > 1, else None."""
    if ingester.jobs <= 1:
        yield None
        return
    pool = WorkerPool(ingester)
    try:
        yield pool
    except BaseException:
        pool.close(failed=True)
        raise
    pool.close(failed=False)


NO_OUTLET = ("no outlet found (no --outlet, site metadata, dateline wire credit or "
             "copyright line the registry knows): its anonymous sources are kept to this article")


def _stored(raw: RawArticle, saved: SavedArticle, meta: ArticleMeta) -> ArticleResult:
    return ArticleResult(
        raw.origin,
        "stored",
        article_id=saved.id,
        claims=saved.claims,
        words=saved.words,
        kinds=saved.kinds,
        warning=f"{raw.origin}: {NO_OUTLET}" if meta.outlet is None else None,
        outlet_none=raw.outlet_none,
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
