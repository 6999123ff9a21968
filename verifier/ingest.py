"""Ingest: read articles, analyse them, store each in its own transaction.

``ingest_paths`` streams articles from files and folders (``verifier.readers``), skips texts
already stored (by SHA-256, before analysing them), analyses the rest and stores each article
with its claims and attributions in one transaction, so an interruption leaves every article
either fully stored or absent. A bad file or line is reported through the ``on_article``
callback and in the summary, and the rest go on. Nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from verifier.db import Database
from verifier.errors import VerifierError
from verifier.models import Article
from verifier.readers import RawArticle, ReadFailure, iter_articles
from verifier.registry import Registry
from verifier.registry import Source as RegistrySource
from verifier.results import ArticleAnalysis
from verifier.store.articles import ArticleMeta, store_article, text_sha256
from verifier.store.sources import SourceResolver, find_outlet, sync_registry

Outcome = Literal["stored", "skipped", "failed"]
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
    from verifier.analyse import analyse_text

    return analyse_text(text, registry=registry, outlet=outlet)


class Ingester:
    """Stores articles into one database with one registry; reusable across calls."""

    def __init__(
        self,
        database: Database,
        registry: Registry,
        defaults: IngestDefaults | None = None,
        analyser: Analyser = default_analyser,
    ) -> None:
        self.database = database
        self.registry = registry
        self.defaults = defaults or IngestDefaults()
        self.analyser = analyser
        self.default_outlet = (
            find_outlet(registry, self.defaults.outlet) if self.defaults.outlet else None
        )
        with database.session_scope() as session:
            self.sources = SourceResolver(registry, sync_registry(session, registry))

    def ingest(self, item: RawArticle | ReadFailure) -> ArticleResult:
        """Store one article (or report a read failure); never raises a ``VerifierError``."""
        if isinstance(item, ReadFailure):
            return ArticleResult(item.origin, "failed", message=item.message)
        try:
            return self._ingest(item)
        except VerifierError as error:
            return ArticleResult(item.origin, "failed", message=str(error))

    def _ingest(self, raw: RawArticle) -> ArticleResult:
        outlet = self._outlet(raw)
        if self._stored_id(raw.text) is not None:
            return ArticleResult(raw.origin, "skipped", message="same text already stored")
        try:
            analysis = self.analyser(raw.text, self.registry, outlet.id if outlet else None)
        except VerifierError:
            raise
        except Exception as exc:  # the analyser should never raise; report, don't stop
            return ArticleResult(raw.origin, "failed", message=f"{raw.origin}: analysis failed "
                                 f"({type(exc).__name__}: {exc})")
        meta = ArticleMeta(
            title=raw.title or self.defaults.title,
            outlet=outlet,
            url=raw.url or self.defaults.url,
            byline=raw.byline,
            published=raw.published or self.defaults.published,
            path=raw.origin,
        )
        for attempt in (1, 2):
            try:
                with self.database.session_scope() as session:
                    saved = store_article(session, analysis, meta, self.sources)
            except sa_exc.IntegrityError:
                self.sources.forget_pending()
                if attempt == 2:
                    raise
                continue  # a concurrent ingest stored the same text or source first
            except BaseException:
                self.sources.forget_pending()
                raise
            self.sources.keep_pending()
            break
        if saved is None:
            return ArticleResult(raw.origin, "skipped", message="same text already stored")
        return ArticleResult(
            raw.origin,
            "stored",
            article_id=saved.id,
            claims=saved.claims,
            words=len(raw.text.split()),
            kinds=saved.kinds,
        )

    def _outlet(self, raw: RawArticle) -> RegistrySource | None:
        if raw.outlet:
            try:
                return find_outlet(self.registry, raw.outlet)
            except VerifierError as error:
                raise type(error)(f"{raw.origin}: {error}") from None
        return self.default_outlet

    def _stored_id(self, text: str) -> int | None:
        with self.database.session_scope(write=False) as session:
            return session.scalar(select(Article.id).where(Article.sha256 == text_sha256(text)))


def ingest_paths(
    database: Database,
    paths: Iterable[Path],
    registry: Registry,
    *,
    defaults: IngestDefaults | None = None,
    on_article: Callable[[ArticleResult], None] | None = None,
    analyser: Analyser = default_analyser,
) -> IngestSummary:
    """Ingest every article under ``paths``; ``on_article`` hears about each as it is done.

    An unknown ``defaults.outlet`` raises ``InputError`` before anything is written.
    """
    ingester = Ingester(database, registry, defaults, analyser)
    builder = SummaryBuilder()
    for item in iter_articles(paths):
        result = ingester.ingest(item)
        builder.add(result)
        if on_article is not None:
            on_article(result)
    return builder.summary()
