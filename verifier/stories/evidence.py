"""From the database to scoring's inputs: claims with sourcing, carriers and reliabilities.

``EvidenceReader`` loads the verdict counts once (track records are computed from verdicts at
read time) and turns any set of claim ids into ``ClaimEvidence``: each attribution with its
resolved source and that source's reliability (registry prior + track record), each claim with
the report that carried it (copies of one text share one carrier).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence, Reliability
from verifier.scoring.score import Assessment, assess
from verifier.scoring.signatures import near_duplicate_groups, signature
from verifier.scoring.trackrecord import verdict_counts
from verifier.scoring.weights import Weights
from verifier.store.models import Article, Attribution, Claim, Source
from verifier.store.signatures import article_texts, carrier_articles
from verifier.vocab import Speaker

UNNAMED_VIA_OUTLET = "unnamed_via_outlet"
UNNAMED = (Speaker.UNNAMED.value, Speaker.UNNAMED_OFFICIAL.value)


@dataclass(frozen=True, slots=True)
class _SourceInfo:
    key: str
    name: str
    kind: str
    reliability: Reliability


class EvidenceReader:
    """Reads claims as scoring evidence; one instance per request (verdicts read once)."""

    def __init__(self, session: Session, weights: Weights) -> None:
        self.session = session
        self.weights = weights
        self.counts = verdict_counts(session)
        self._sources: dict[int, _SourceInfo] = {}

    def _load_sources(self, ids: Iterable[int]) -> None:
        wanted = [i for i in set(ids) if i not in self._sources]
        if not wanted:
            return
        for row in self.session.scalars(select(Source).where(Source.id.in_(wanted))):
            confirmed, refuted = self.counts.get(row.id, (0, 0))
            self._sources[row.id] = _SourceInfo(
                row.key,
                row.name,
                row.kind,
                Reliability(row.prior_confirmed, row.prior_refuted, row.name,
                            confirmed, refuted),
            )

    def claims(self, claim_ids: Sequence[int]) -> list[ClaimEvidence]:
        """The claims (``is_claim`` only) in article and reading order."""
        if not claim_ids:
            return []
        rows = list(
            self.session.scalars(
                select(Claim)
                .join(Article, Article.id == Claim.article_id)  # skips orphaned claims
                .where(Claim.id.in_(list(claim_ids)), Claim.is_claim.is_(True))
                .order_by(Claim.article_id, Claim.position)
            )
        )
        attributions: dict[int, list[Attribution]] = {}
        for attribution in self.session.scalars(
            select(Attribution)
            .where(Attribution.claim_id.in_([r.id for r in rows]))
            .order_by(Attribution.claim_id, Attribution.position)
        ):
            attributions.setdefault(attribution.claim_id, []).append(attribution)
        carriers = self._carriers({r.article_id for r in rows})
        self._load_sources(
            a.source_id for found in attributions.values() for a in found if a.source_id
        )
        return [self._claim(row, attributions.get(row.id, []), carriers) for row in rows]

    def _claim(
        self,
        row: Claim,
        attributions: list[Attribution],
        carriers: dict[int, tuple[str, str, Reliability | None]],
    ) -> ClaimEvidence:
        carrier, carrier_name, carrier_reliability = carriers[row.article_id]
        return ClaimEvidence(
            claim_id=row.id,
            article_id=row.article_id,
            text=row.text,
            start=row.start,
            end=row.end,
            certainty=row.certainty,
            certainty_cue=row.certainty_cue,
            certainty_start=row.certainty_start,
            certainty_end=row.certainty_end,
            attributions=tuple(self._attribution(a) for a in attributions),
            carrier=carrier,
            carrier_name=carrier_name,
            carrier_reliability=carrier_reliability,
        )

    def _attribution(self, row: Attribution) -> AttributionEvidence:
        info = self._sources.get(row.source_id) if row.source_id is not None else None
        speaker = row.speaker
        if info is not None and info.kind == UNNAMED_VIA_OUTLET and speaker not in UNNAMED:
            speaker = Speaker.UNNAMED.value  # words that name no party ("reports"): hearsay
        return AttributionEvidence(
            speaker=speaker,
            stance=row.stance,
            source_text=row.source_text,
            source_start=row.source_start,
            source_end=row.source_end,
            cue_text=row.cue_text,
            cue_start=row.cue_start,
            cue_end=row.cue_end,
            source_key=info.key if info else None,
            source_name=info.name if info else None,
            source_id=row.source_id,
            reliability=info.reliability if info else None,
        )

    def _carriers(self, article_ids: set[int]) -> dict[int, tuple[str, str, Reliability | None]]:
        """Per article: the carrier key, its name and its reliability (copies share one,
        found from the signatures stored at ingest)."""
        articles = carrier_articles(self.session, article_ids)
        if len(articles) > 1:
            signatures = {aid: a.signature for aid, a in articles.items()}
            unsigned = [aid for aid, value in signatures.items() if value is None]
            for aid, text in article_texts(self.session, unsigned).items():
                signatures[aid] = signature(text)  # stored before signatures were
            groups = near_duplicate_groups(signatures)
        else:
            groups = {aid: aid for aid in articles}
        self._load_sources(a.outlet_id for a in articles.values() if a.outlet_id is not None)
        carriers: dict[int, tuple[str, str, Reliability | None]] = {}
        for aid in articles:
            first = articles[groups[aid]]
            info = self._sources.get(first.outlet_id) if first.outlet_id is not None else None
            if info is not None:
                carriers[aid] = (info.key, info.name, info.reliability)
            else:
                name = first.outlet or (f"article {first.id}: {first.title}" if first.title
                                        else f"article {first.id}")
                carriers[aid] = (f"article:{first.id}", name, None)
        return carriers

    def assess(self, claim_ids: Sequence[int]) -> tuple[Assessment, list[ClaimEvidence]]:
        """The assessment of a set of claims (a story), with their evidence."""
        evidence = self.claims(claim_ids)
        return assess(evidence, self.weights), evidence
