"""From stored rows to scoring's inputs: claims with sourcing, carriers and reliabilities.

``EvidenceReader`` loads the verdict counts once (track records are computed from verdicts at
read time) and turns sets of claim ids into ``ClaimEvidence``: each attribution with its
resolved source and that source's reliability (registry prior + track record), each claim with
its article's publication date and title and the report that carried it (copies of one text
share one carrier, found from the MinHash signatures stored at ingest). ``groups`` reads many
stories' claims with a handful of batched queries whatever their number; the near-duplicate
check that decides carriers runs per story, over that story's articles only. No SQL here:
rows come from ``verifier.store``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from verifier.review.names import article_label
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence, Reliability
from verifier.scoring.score import Assessment, assess
from verifier.scoring.signatures import near_duplicate_groups, signature
from verifier.scoring.weights import Weights
from verifier.store.article_reads import (
    ArticleRecord,
    article_paths,
    article_records,
    article_texts,
)
from verifier.store.claims import AttributionRecord, ClaimRecord, attribution_records, claim_records
from verifier.store.reading import Rows
from verifier.store.source_reads import source_records
from verifier.store.trackrecords import verdict_counts
from verifier.vocab import UNNAMED_VIA_OUTLET, Speaker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

K = TypeVar("K", bound=Hashable)
Carrier = tuple[str, str, Reliability | None]
UNNAMED = (Speaker.UNNAMED.value, Speaker.UNNAMED_OFFICIAL.value)


@dataclass(frozen=True, slots=True)
class _SourceInfo:
    key: str
    name: str
    kind: str
    reliability: Reliability


class EvidenceReader:
    """Reads claims as scoring evidence; one instance per request (verdicts read once)."""

    def __init__(
        self, session: Session | Rows, weights: Weights,
        counts: dict[int, tuple[int, int]] | None = None,
    ) -> None:
        self.session = session
        self.weights = weights
        self.counts = verdict_counts(session) if counts is None else counts
        self._sources: dict[int, _SourceInfo] = {}
        self.articles: dict[int, ArticleRecord] = {}
        #: The files untitled articles were read from (to name them as a reader does).
        self._paths: dict[int, str | None] = {}
        #: The status of every claim read so far.
        self.statuses: dict[int, str] = {}

    def _load_sources(self, ids: Iterable[int]) -> None:
        wanted = [i for i in set(ids) if i not in self._sources]
        if not wanted:
            return
        for row in source_records(self.session, wanted):
            confirmed, refuted = self.counts.get(row.id, (0, 0))
            self._sources[row.id] = _SourceInfo(
                row.key,
                row.name,
                row.kind,
                Reliability(row.prior_confirmed, row.prior_refuted, row.name,
                            confirmed, refuted),
            )

    def _load_articles(self, ids: Iterable[int]) -> None:
        wanted = [i for i in set(ids) if i not in self.articles]
        if wanted:
            self.articles.update(article_records(self.session, wanted))

    def claims(self, claim_ids: Sequence[int]) -> list[ClaimEvidence]:
        """The claims (``is_claim`` only) in article and reading order."""
        return self.groups({0: claim_ids})[0]

    def groups(self, groups: Mapping[K, Sequence[int]]) -> dict[K, list[ClaimEvidence]]:
        """The claims of each group (a story), in article and reading order; carriers are
        decided within each group."""
        wanted = {c for ids in groups.values() for c in ids}
        rows = {r.id: r for r in claim_records(self.session, list(wanted))}
        self.statuses.update((r.id, r.status) for r in rows.values())
        attributions = attribution_records(self.session, list(rows))
        self._load_articles(r.article_id for r in rows.values())
        rows = {i: r for i, r in rows.items() if r.article_id in self.articles}  # orphans
        self._load_sources(
            a.source_id for found in attributions.values() for a in found if a.source_id
        )
        self._load_sources(
            outlet for r in rows.values()
            if (outlet := self.articles[r.article_id].outlet_id) is not None
        )
        members = {
            key: sorted((rows[c] for c in set(ids) if c in rows),
                        key=lambda r: (r.article_id, r.position))
            for key, ids in groups.items()
        }
        several = {
            aid for found in members.values()
            if len(articles := {r.article_id for r in found}) > 1
            for aid in articles
        }
        unsigned = [aid for aid in several if self.articles[aid].signature is None]
        texts = article_texts(self.session, unsigned) if unsigned else {}
        result: dict[K, list[ClaimEvidence]] = {}
        for key, found in members.items():
            carriers = self._carriers(list(dict.fromkeys(r.article_id for r in found)), texts)
            result[key] = [
                self._claim(row, attributions.get(row.id, []), carriers) for row in found
            ]
        return result

    def _claim(
        self, row: ClaimRecord, attributions: list[AttributionRecord],
        carriers: dict[int, Carrier],
    ) -> ClaimEvidence:
        carrier, carrier_name, carrier_reliability = carriers[row.article_id]
        article = self.articles[row.article_id]
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
            published=article.published_at,
            article_title=article.title,
        )

    def _attribution(self, row: AttributionRecord) -> AttributionEvidence:
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

    def _carriers(self, article_ids: list[int], texts: Mapping[int, str]) -> dict[int, Carrier]:
        """Per article: the carrier key, its name and its reliability (copies share one,
        found from the signatures stored at ingest; ``texts`` of articles stored before
        signatures were)."""
        if len(article_ids) > 1:
            groups = near_duplicate_groups({
                aid: self.articles[aid].signature or signature(texts[aid]) for aid in article_ids
            })
        else:
            groups = {aid: aid for aid in article_ids}
        carriers: dict[int, Carrier] = {}
        unnamed = {aid for aid in article_ids
                   if not self.articles[aid].title and not self.articles[aid].outlet
                   and self.articles[aid].outlet_id is None}
        if wanted := [aid for aid in unnamed if aid not in self._paths]:
            self._paths.update(article_paths(self.session, wanted))
        for aid in article_ids:
            # a copy shares its first copy's key (one report) and reliability, but is named
            # as its own: a reason quoting the copy's statement names the copy's outlet
            first = self.articles[groups[aid]]
            info = self._sources.get(first.outlet_id) if first.outlet_id is not None else None
            key = info.key if info is not None else f"article:{first.id}"
            carriers[aid] = (key, self._carrier_name(self.articles[aid]),
                             info.reliability if info is not None else None)
        return carriers

    def _carrier_name(self, article: ArticleRecord) -> str:
        """What a reader sees for a report: its outlet's name, else the article as the desk
        and every listing name it (its title or file)."""
        info = self._sources.get(article.outlet_id) if article.outlet_id is not None else None
        if info is not None:
            return info.name
        return article.outlet or (
            f"article {article.id}: {article_label(article.title, self._paths.get(article.id))}")

    def assess(self, claim_ids: Sequence[int]) -> tuple[Assessment, list[ClaimEvidence]]:
        """The assessment of a set of claims (a story), with their evidence."""
        evidence = self.claims(claim_ids)
        return assess(evidence, self.weights), evidence
