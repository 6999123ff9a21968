"""Fixing a stored article: edit its metadata (its sources re-resolve against the new
outlet), delete one ingested by mistake (what remains is kept in ``deleted_articles`` so the
verdicts on its claims are shown as orphaned), and list those orphaned verdicts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.limits import check_length, check_lengths
from verifier.registry import Registry
from verifier.store import article_reads
from verifier.store.article_reads import OrphanedVerdict as OrphanedVerdict
from verifier.store.models import (
    Article,
    Attribution,
    Claim,
    DeletedArticle,
    Source,
    Story,
    StoryClaim,
    Verdict,
)
from verifier.store.sources import SourceResolver, find_outlet, sync_registry

_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """What an edit changed: ``{field: (before, after)}``."""

    article_id: int
    changes: dict[str, tuple[str | None, str | None]]


def edit_article(
    session: Session,
    article_id: int,
    registry: Registry,
    *,
    title: str | None = _UNSET,
    url: str | None = _UNSET,
    outlet: str | None = _UNSET,
    published_at: datetime | None = _UNSET,
) -> ArticleChange:
    """Change an article's metadata. ``outlet`` is a registry id, name or alias (or None for
    no outlet); its claims' sources are resolved again (unnamed sources are "via" the outlet)."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    changes: dict[str, tuple[str | None, str | None]] = {}
    if title is not _UNSET:
        check_length("title", title)
        new_title = (title or "").strip() or None
        if new_title != article.title:
            changes["title"] = (article.title, new_title)
            article.title = new_title
    if url is not _UNSET:
        check_length("link", url)
        new_url = (url or "").strip() or None
        if new_url != article.url:
            changes["url"] = (article.url, new_url)
            article.url = new_url
    if published_at is not _UNSET and published_at != article.published_at:
        changes["published_at"] = (
            article.published_at.isoformat() if article.published_at else None,
            published_at.isoformat() if published_at else None,
        )
        article.published_at = published_at
    if outlet is not _UNSET:
        entry = find_outlet(registry, outlet) if outlet and outlet.strip() else None
        ids = sync_registry(session, registry)
        outlet_id = ids.get(entry.id) if entry else None
        name = entry.name if entry else None
        if outlet_id != article.outlet_id:
            changes["outlet"] = (article.outlet, name)
            article.outlet_id = outlet_id
            article.outlet = name
            _resolve_sources(session, article_id, SourceResolver(registry, ids), entry)
    session.flush()
    return ArticleChange(article_id, changes)


def _resolve_sources(session: Session, article_id: int, resolver: SourceResolver,
                     outlet: Any) -> None:
    """Key the article's attributions again under its new outlet, as ingest keys them (its
    parties resolved in reading order: ``source_rekey.rekey_article``)."""
    from verifier.store.source_rekey import rekey_article

    session.flush()  # the article's new outlet, which the keying reads
    for attribution_id, source_id in rekey_article(session, resolver, article_id,
                                                   resolver.registry):
        session.execute(
            update(Attribution).where(Attribution.id == attribution_id).values(source_id=source_id)
        )
    resolver.keep_pending()


class Removed(NamedTuple):
    """What ``delete_article`` removed: how many verdicts it orphaned (kept) and how many
    of its sentences were claims."""

    orphaned: int
    claims: int


def delete_article(
    session: Session, article_id: int, *, reviewer: str, reason: str
) -> Removed:
    """Delete an article and its claims; keep its metadata and claim texts so verdicts on
    them stay visible as orphaned. A story left with no claim is kept, marked emptied by
    this article (``stories.emptied_by``), with its verdict history."""
    from verifier.textsafe import blank

    if blank(reason):
        raise UsageError("say why the article is deleted (a reason)")
    check_lengths(reason=reason, reviewer_name=reviewer)
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    claims = dict(session.execute(
        select(Claim.id, Claim.text).where(Claim.article_id == article_id).order_by(Claim.id)
    ).all())
    session.execute(insert(DeletedArticle), [{
        "id": article.id, "sha256": article.sha256, "title": article.title,
        "outlet": article.outlet, "url": article.url,
        "claims": json.dumps({str(k): v for k, v in claims.items()}, ensure_ascii=False),
        "last_claim": max(claims, default=None),
        "reason": reason.strip(), "deleted_by": reviewer, "deleted_at": datetime.now(UTC),
    }])
    stories = set(session.scalars(
        select(StoryClaim.story_id).where(StoryClaim.claim_id.in_(list(claims)))
    ))
    orphaned = int(session.scalar(
        select(func.count(Verdict.id)).where(Verdict.claim_id.in_(list(claims)))
    ) or 0)
    counted = int(session.scalar(select(func.count(Claim.id)).where(
        Claim.article_id == article_id, Claim.is_claim.is_(True))) or 0)
    session.execute(delete(StoryClaim).where(StoryClaim.claim_id.in_(list(claims))))
    session.execute(delete(Attribution).where(Attribution.claim_id.in_(list(claims))))
    session.execute(delete(Claim).where(Claim.article_id == article_id))
    session.execute(delete(Article).where(Article.id == article_id))
    if stories:
        with_members = set(session.scalars(
            select(StoryClaim.story_id).where(StoryClaim.story_id.in_(stories))
        ))
        empty = sorted(stories - with_members)
        if empty:
            session.execute(update(Story).where(Story.id.in_(empty))
                            .values(emptied_by=article_id, claims=0, articles=0))
    return Removed(orphaned, counted)


def orphaned_verdicts(session: Session, limit: int = 200) -> list[OrphanedVerdict]:
    """Verdicts whose claim no longer exists, newest first, with what was deleted (the SQL
    of ``article_reads.orphaned_verdicts``, in this session)."""
    from verifier.store.reading import SessionRows

    return article_reads.orphaned_verdicts(SessionRows(session), limit)


def outlet_choices(session: Session) -> list[tuple[str, str]]:
    """(registry id, name) of every outlet-like registry entry stored."""
    return [
        (key, name) for key, name in session.execute(
            select(Source.key, Source.name).where(Source.in_registry).order_by(Source.name)
        )
    ]
