"""Stored attributions keyed again as ingest keys them now (``verifier sources rekey``).

Re-ingesting an article is a no-op (its text's digest is stored), so when the way sources
are keyed changes (``verifier.store.sources``: "the company" read back to the company the
article names, one article's unresolved "the company" keyed as that article's own), the
attributions already stored keep their old source rows until they are keyed again. This
does it from what is stored, with no analysis: each article's attributions, in reading
order, with their speaker, stance, words and where the words start in the article's text,
resolved as ingest resolves them (``article_lookups`` and ``ArticleSources.key``) against
the article's outlet.

Only ``attributions.source_id`` changes, derived ``sources`` rows are added for new keys,
and a derived row's name, kind and speaker become those its use of the highest kind gives
it now, first among equals (``party_keys.preferred``: "TC Energy" an organisation, not a
person); verdicts, stories and claims stay as they were. Derived
rows no attribution nor article points at any more are removed (a registry entry's row
always stays). The track
records are counted again from the verdicts (``keep_counts``), and the stories whose
claims changed source are marked for rescoring (their score stands until then). A second
run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from verifier.registry import Registry
from verifier.store.models import Article, Attribution, Claim, StoryClaim
from verifier.store.models import Source as SourceRow
from verifier.store.party_keys import DerivedSource, preferred
from verifier.store.sources import SourceResolver, article_lookups, sync_registry


@dataclass(frozen=True, slots=True)
class Rekeyed:
    """What ``rekey_sources`` changed."""

    articles: int
    attributions: int
    changed: int
    sources_added: int
    sources_removed: int
    stories: int


def rekey_article(session: Session, resolver: SourceResolver, article_id: int,
                  registry: Registry,
                  first: dict[str, DerivedSource] | None = None) -> list[tuple[int, int | None]]:
    """Key one stored article's attributions again; returns ``(attribution id, new source
    id)`` for those whose source changed (not yet written). ``first`` gathers each derived
    key's preferred use (its row's name, kind and speaker as an ingest gives them)."""
    article = session.execute(
        select(Article.sha256, Article.text, Article.title, Article.path, SourceRow.key)
        .outerjoin(SourceRow, SourceRow.id == Article.outlet_id)
        .where(Article.id == article_id)).one()
    outlet = registry.get(article.key) if article.key is not None else None
    rows = session.execute(
        select(Attribution.id, Attribution.speaker, Attribution.source_text,
               Attribution.stance, Attribution.source_start, Attribution.source_id)
        .join(Claim, Claim.id == Attribution.claim_id)
        .where(Claim.article_id == article_id)
        .order_by(Claim.position, Attribution.position, Attribution.id)).all()
    if not rows:
        return []
    lookups = article_lookups(resolver.registry_match, resolver.known,
                              [(r.speaker, r.source_text, r.stance) for r in rows],
                              article.text, [r.source_start for r in rows])
    sources = resolver.for_article(outlet, article.sha256, article.title, article.path,
                                   article.text)
    keys = [sources.key(speaker, words) for speaker, words in lookups]
    derived = [k for k in keys if isinstance(k, DerivedSource)]
    if first is not None:
        for source in derived:
            first[source.key] = preferred(first.get(source.key), source)
    resolver.add_derived(session, derived)
    changed = []
    for row, key in zip(rows, keys, strict=True):
        source_id = resolver.id_of(session, key)
        if source_id != row.source_id:
            changed.append((row.id, source_id))
    return changed


def rekey_sources(session: Session, registry: Registry) -> Rekeyed:
    """Key every stored attribution again (in the caller's transaction)."""
    from verifier.store.story_writes import mark_stale
    from verifier.store.trackrecords import keep_counts

    resolver = SourceResolver(registry, sync_registry(session, registry))
    before = set(session.scalars(select(SourceRow.id)))
    article_ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    changed: list[tuple[int, int | None]] = []
    first: dict[str, DerivedSource] = {}
    for article_id in article_ids:
        changed += rekey_article(session, resolver, article_id, registry, first)
    # rows kept: named, and of the kind, as a fresh ingest would make them now
    for key, name, kind, speaker in session.execute(
            select(SourceRow.key, SourceRow.name, SourceRow.kind, SourceRow.speaker)
            .where(~SourceRow.in_registry)).all():
        now = first.get(key)
        if now is not None and (name, kind, speaker) != (now.name, now.kind, now.speaker):
            session.execute(update(SourceRow).where(SourceRow.key == key).values(
                name=now.name, kind=now.kind, speaker=now.speaker))
    attributions = int(session.scalar(select(func.count()).select_from(Attribution)) or 0)
    for attribution_id, source_id in changed:
        session.execute(update(Attribution).where(Attribution.id == attribution_id)
                        .values(source_id=source_id))
    resolver.keep_pending()
    added = len(set(session.scalars(select(SourceRow.id))) - before)
    used = set(session.scalars(select(Attribution.source_id).distinct())) | set(
        session.scalars(select(Article.outlet_id).distinct()))
    gone = [i for i in session.scalars(select(SourceRow.id).where(~SourceRow.in_registry))
            if i not in used]
    for start in range(0, len(gone), 500):
        session.execute(delete(SourceRow).where(SourceRow.id.in_(gone[start:start + 500])))
    stories: set[int] = set()
    moved = [a for a, _ in changed]
    for start in range(0, len(moved), 500):
        stories.update(session.scalars(
            select(StoryClaim.story_id).join(Attribution, Attribution.claim_id
                                             == StoryClaim.claim_id)
            .where(Attribution.id.in_(moved[start:start + 500]))))
    if stories:
        mark_stale(session, stories, changed=False)
    keep_counts(session, force=True)
    return Rekeyed(articles=len(article_ids), attributions=attributions,
                   changed=len(changed), sources_added=added, sources_removed=len(gone),
                   stories=len(stories))
