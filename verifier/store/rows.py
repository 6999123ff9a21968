"""An analysed article flattened into the plain values its database rows hold.

``flatten`` turns an ``ArticleAnalysis`` into an ``ArticleRows``: tuples of ints, strings and
booleans in the column order of ``claims`` and ``attributions`` (without the ids the database
assigns). It is all the storing side needs, and cheap to send between processes, so ingest can
analyse and flatten in one process while another stores. ``ArticleMeta`` (what is known
besides the text) and ``SavedArticle`` (what was stored) live here too. Pure: no database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from verifier.results import UNATTRIBUTED, ArticleAnalysis, SentenceAnalysis

if TYPE_CHECKING:
    from verifier.registry import Source as RegistrySource
    from verifier.store.sources import SourceResolver

#: Columns of ``ArticleRows.claims`` rows; ``claims.article_id`` goes in front when stored.
CLAIM_COLUMNS = (
    "position", "start", "end", "text", "is_claim", "claim_rule", "certainty",
    "certainty_rule", "certainty_cue", "certainty_start", "certainty_end", "status",
)
#: Columns of ``ArticleRows.attributions`` rows after the sentence position they belong to;
#: ``attributions.claim_id`` goes in front and ``source_id`` at the end when stored.
ATTRIBUTION_COLUMNS = (
    "position", "kind", "speaker", "stance", "source_text", "source_start", "source_end",
    "cue_text", "cue_start", "cue_end", "rule", "carried",
)


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """An article's text and the rows of its claims and attributions, ready to insert.

    ``attributions`` rows are ``(sentence position, *ATTRIBUTION_COLUMNS)``.
    """

    text: str
    sha256: str
    word_count: int
    claims: tuple[tuple[Any, ...], ...]
    attributions: tuple[tuple[Any, ...], ...]
    kinds: dict[str, int]
    claim_count: int


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    title: str | None = None
    outlet: RegistrySource | None = None
    url: str | None = None
    byline: str | None = None
    published: datetime | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class SavedArticle:
    """What ``save_article`` stored: the new id, sentence, claim and word counts, and claims
    by sourcing kind."""

    id: int
    sentences: int
    claims: int
    kinds: dict[str, int]
    words: int = 0


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def flatten(analysis: ArticleAnalysis) -> ArticleRows:
    """The rows of an analysed article, and its claims counted by sourcing kind."""
    kinds: dict[str, int] = {}
    attributions: list[tuple[Any, ...]] = []
    claim_count = 0
    for sentence in analysis.sentences:
        if sentence.claim:
            claim_count += 1
            for kind in {a.kind for a in sentence.attributions} or (UNATTRIBUTED,):
                kinds[kind] = kinds.get(kind, 0) + 1
        for position, a in enumerate(sentence.attributions):
            source, cue = a.source, a.cue
            attributions.append((
                sentence.index, position, a.kind, a.speaker, a.stance, source.text[:1000],
                source.start, source.end, cue.text[:500], cue.start, cue.end, a.rule[:80],
                a.carried,
            ))
    return ArticleRows(
        text=analysis.text,
        sha256=text_sha256(analysis.text),
        word_count=len(analysis.text.split()),
        claims=tuple(_claim_row(s) for s in analysis.sentences),
        attributions=tuple(attributions),
        kinds=kinds,
        claim_count=claim_count,
    )


def _claim_row(sentence: SentenceAnalysis) -> tuple[Any, ...]:
    certainty = sentence.certainty
    head = (sentence.index, sentence.start, sentence.end, sentence.text, sentence.claim,
            sentence.claim_rule[:80])
    if certainty is None:
        return (*head, None, None, None, None, None, "unverified")
    cue = certainty.cue
    if cue is None:
        return (*head, certainty.value, certainty.rule[:80], None, None, None, "unverified")
    return (*head, certainty.value, certainty.rule[:80], cue.text[:300], cue.start, cue.end,
            "unverified")


def article_outlet(
    meta: ArticleMeta, sources: SourceResolver
) -> tuple[int | None, str | None]:
    """The article's ``outlet_id`` and ``outlet`` (name) columns."""
    if meta.outlet is None:
        return None, None
    return sources.registry_id(meta.outlet), meta.outlet.name
