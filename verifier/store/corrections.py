"""Reviewers' corrections of the analyser: append-only relabellings of sentences.

A correction states a sentence's labels as a reviewer reads them (claim or not, certainty,
sourcing kinds with their source words). It is stored keyed by the article's text hash and
the sentence's offsets, then applied to the stored labels (``claims`` and ``attributions``
rows, rule ``correction``), so the review queue's filters, story scores, reports and track
records all see it. ``reapply_corrections`` applies the latest correction of each sentence
again after an article is analysed anew (re-ingested after a deletion, re-analysed), so a
correction survives re-analysis. The rows are never updated or deleted: a newer correction
of the same sentence supersedes an older one, and the history stays.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.limits import check_length, check_lengths
from verifier.registry import Registry
from verifier.store import history
from verifier.store.correction_reads import CorrectionRecord as CorrectionRecord
from verifier.store.correction_reads import SourcingLabel as SourcingLabel
from verifier.store.models import Article, Attribution, Claim, Correction, Source
from verifier.store.sources import SourceResolver, sync_registry
from verifier.vocab import CERTAINTIES, KINDS

RULE = "correction"
#: A declined or denied source's speaker when the registry does not know it.
_STANCE = {"declined": "declines", "denied": "denies"}


def check_labels(claim: bool, certainty: str | None,
                 sourcing: Sequence[SourcingLabel]) -> tuple[str | None, list[SourcingLabel]]:
    """The labels as they are stored; ``UsageError`` for a combination the guide forbids."""
    labels = [SourcingLabel(s.kind.strip(), " ".join(s.source.split())) for s in sourcing]
    for label in labels:
        if label.kind not in KINDS:
            raise UsageError(
                f"unknown sourcing kind {label.kind!r} (choose from {', '.join(KINDS)})"
            )
        check_length("source words", label.source)
    if not claim:
        if labels:
            raise UsageError("a sentence that is not a claim has no sourcing")
        return None, []
    if certainty is None or certainty not in CERTAINTIES:
        raise UsageError(
            f"a claim needs a certainty (choose from {', '.join(CERTAINTIES)})"
        )
    return certainty, labels


def add_correction(
    session: Session,
    claim_id: int,
    *,
    claim: bool,
    certainty: str | None,
    sourcing: Sequence[SourcingLabel],
    reviewer: str,
    registry: Registry,
    note: str | None = None,
) -> CorrectionRecord:
    """Relabel one stored sentence: append the correction and apply it."""
    from verifier.store.verdicts import check_reviewer

    check_reviewer(reviewer, "a correction")
    check_lengths(evidence=note, reviewer_name=reviewer)
    certainty, labels = check_labels(claim, certainty, sourcing)
    row = session.get(Claim, claim_id)
    if row is None:
        raise NotFoundError(f"no sentence with id {claim_id}")
    sha = session.scalar(select(Article.sha256).where(Article.id == row.article_id))
    assert sha is not None
    correction_id = session.execute(insert(Correction).returning(Correction.id), [{
        "article_sha256": sha, "start": row.start, "end": row.end, "text": row.text,
        "is_claim": claim, "certainty": certainty,
        "sourcing": json.dumps([s.to_dict() for s in labels], ensure_ascii=False),
        "note": (note or "").strip() or None, "reviewer": reviewer.strip(),
        "created_at": datetime.now(UTC),
    }]).scalar_one()
    history.append(session, "correction", int(correction_id))
    record = _record(session.get_one(Correction, correction_id))
    _apply(session, row, record, _resolver(session, registry))
    return record


def corrections_of(session: Session, sha256: str) -> dict[int, CorrectionRecord]:
    """The latest correction of each corrected sentence of an article, by sentence start."""
    latest: dict[int, CorrectionRecord] = {}
    for row in session.scalars(
        select(Correction).where(Correction.article_sha256 == sha256).order_by(Correction.id)
    ):
        latest[row.start] = _record(row)
    return latest


def correction_history(session: Session, sha256: str, start: int) -> list[CorrectionRecord]:
    return [_record(row) for row in session.scalars(
        select(Correction).where(Correction.article_sha256 == sha256, Correction.start == start)
        .order_by(Correction.id)
    )]


def corrected_articles(session: Session) -> list[int]:
    """Ids of the stored articles with at least one correction."""
    shas = select(Correction.article_sha256).distinct()
    return list(session.scalars(
        select(Article.id).where(Article.sha256.in_(shas)).order_by(Article.id)
    ))


def reapply_corrections(session: Session, article_id: int, registry: Registry) -> int:
    """Apply the latest corrections of an article to its stored labels again (after it was
    analysed anew); returns how many sentences they changed."""
    sha = session.scalar(select(Article.sha256).where(Article.id == article_id))
    if sha is None:
        raise NotFoundError(f"no article with id {article_id}")
    latest = corrections_of(session, sha)
    if not latest:
        return 0
    resolver = _resolver(session, registry)
    applied = 0
    for row in session.scalars(select(Claim).where(Claim.article_id == article_id)):
        found = latest.get(row.start)
        if found is not None and found.end == row.end:
            _apply(session, row, found, resolver)
            applied += 1
    return applied


def _resolver(session: Session, registry: Registry) -> SourceResolver:
    return SourceResolver(registry, sync_registry(session, registry))


def _apply(session: Session, row: Claim, correction: CorrectionRecord,
           resolver: SourceResolver) -> None:
    article = session.get_one(Article, row.article_id)
    outlet = None
    if article.outlet_id is not None:
        key = session.scalar(select(Source.key).where(Source.id == article.outlet_id))
        outlet = resolver.registry.get(key) if key else None
    session.execute(update(Claim).where(Claim.id == row.id).values(
        is_claim=correction.claim, claim_rule=f"{RULE}:{correction.id}",
        certainty=correction.certainty,
        certainty_rule=f"{RULE}:{correction.id}" if correction.certainty else None,
        certainty_cue=None, certainty_start=None, certainty_end=None,
        content_terms=None,  # worked out from the new sourcing when next matched
    ))
    session.execute(delete(Attribution).where(Attribution.claim_id == row.id))
    # the article's own key: its unnamed sources (outlet unknown) and descriptions
    where = resolver.for_article(outlet, article.sha256, article.title, article.path).article
    values = []
    for position, label in enumerate(correction.sourcing):
        stance = _STANCE.get(label.kind, "asserts")
        entry = resolver.registry.resolve(label.source) if label.source else None
        if stance == "asserts":
            speaker = label.kind
        elif entry is not None:
            speaker = entry.speaker
        else:
            speaker = "named" if label.source else "unnamed"
        start = _find(article.text, label.source, row.start) if label.source else -1
        source_start = start if start >= 0 else row.start
        source_end = source_start + len(label.source) if start >= 0 else row.start
        source_id = (resolver.source_id_for(session, speaker, label.source, outlet, where)
                     if label.source or speaker == "unnamed" else None)
        values.append({
            "claim_id": row.id, "position": position, "kind": label.kind, "speaker": speaker,
            "stance": stance, "source_text": label.source, "source_start": source_start,
            "source_end": source_end, "cue_text": "", "cue_start": row.start,
            "cue_end": row.start, "rule": f"{RULE}:{correction.id}", "carried": False,
            "source_id": source_id,
        })
    if values:
        session.execute(insert(Attribution), values)
    resolver.keep_pending()


def _find(text: str, words: str, near: int) -> int:
    """Where ``words`` occur in ``text``: nearest at or before ``near``'s paragraph first."""
    paragraph = text.rfind("\n", 0, near) + 1
    found = text.find(words, paragraph)
    return found if found >= 0 else text.find(words)


def _record(row: Correction) -> CorrectionRecord:
    return CorrectionRecord(
        id=row.id, article_sha256=row.article_sha256, start=row.start, end=row.end,
        text=row.text, claim=row.is_claim, certainty=row.certainty,
        sourcing=tuple(SourcingLabel(s["kind"], s["source"]) for s in json.loads(row.sourcing)),
        note=row.note, reviewer=row.reviewer, created_at=row.created_at,
    )


def reapply_for_articles(session: Session, article_ids: Sequence[int],
                         registry: Registry) -> int:
    """``reapply_corrections`` for those of ``article_ids`` a reviewer corrected (one query
    when none was); returns how many sentences were relabelled."""
    if not article_ids:
        return 0
    corrected = list(session.scalars(
        select(Article.id).where(
            Article.id.in_(list(article_ids)),
            Article.sha256.in_(select(Correction.article_sha256)),
        )
    ))
    return sum(reapply_corrections(session, article_id, registry) for article_id in corrected)
