"""The analyser: an article's text in, every sentence labelled with its evidence out.

``analyse_text`` runs the pure pipeline: segment → claim filter → attribution → certainty.
It never raises on any string and never reads anything but the packaged lexicons and (once,
cached) the configured source registry.
"""

from __future__ import annotations

from functools import cache

from verifier.analysis.attribution import attribute
from verifier.analysis.attribution.publisher import named_outlet
from verifier.analysis.certainty import label_certainty
from verifier.analysis.claim_filter import classify
from verifier.analysis.results import ArticleAnalysis, SentenceAnalysis
from verifier.analysis.segment import segment
from verifier.analysis.wordindex import word_index
from verifier.config import sources_path
from verifier.registry import Registry, Source, load_registry


@cache
def default_registry() -> Registry:
    """The configured registry (``$VERIFIER_SOURCES`` > ./sources.yaml > packaged), loaded once."""
    return load_registry(sources_path())


def clear_caches() -> None:
    """Forget what earlier articles taught the analyser's caches (plans, descriptors).

    Results never depend on the caches; a benchmark calls this to time a cold start.
    """
    from verifier.analysis.attribution.learned import clear_proposal_cache
    from verifier.analysis.attribution.plan import clear_plan_cache
    from verifier.analysis.attribution.rules import rules
    from verifier.analysis.attribution.speakers import clear_descriptor_cache

    clear_plan_cache()
    clear_descriptor_cache()
    clear_proposal_cache()
    word_index.cache_clear()
    rules().descriptor_scan.forget()


def resolve_outlet(outlet: str | None, registry: Registry) -> Source | None:
    """The registry entry an outlet id or name refers to, or None."""
    if not outlet:
        return None
    found = registry.get(outlet.strip().lower())
    if found is not None:
        return found
    for source in registry:
        if any(outlet.strip().lower() == name.lower() for name in source.names):
            return source
    return None


def analyse_text(
    text: str, *, registry: Registry | None = None, outlet: str | None = None
) -> ArticleAnalysis:
    """Analyse one article: sentences with claim, sourcing and certainty, and their evidence.

    ``outlet`` names the publishing outlet (a registry id or name); its own name in the text
    ("told Yonhap" in a Yonhap story, "told The Argus" in The Argus, which the registry need
    not know) is then not a ``media`` attribution. The result's
    ``outlet`` is the registry id when the outlet is known, else the name as given.
    """
    registry = registry if registry is not None else default_registry()
    source = resolve_outlet(outlet, registry)
    publisher = source
    if publisher is None and outlet and outlet.strip():
        publisher = named_outlet(outlet)  # not the registry's: its name is still no media
    sentences = segment(text)
    decisions = classify(sentences, text)
    claims = [d.claim for d in decisions]
    attributions = attribute(text, sentences, claims, registry=registry, outlet=publisher)
    word_index.cache_clear()  # a long text's index (50 MB for 7.5 M characters) not kept
    if len(attributions) != len(sentences):
        raise RuntimeError("attribution returned a list of the wrong length")
    certainty = label_certainty(text, sentences, claims)
    # Positional arguments, in SentenceAnalysis's field order: index, text, start, end, claim,
    # claim_rule, certainty, attributions.
    analysed = tuple([
        SentenceAnalysis(
            index,
            sentence.text,
            sentence.start,
            sentence.end,
            decision.claim,
            decision.rule,
            label,
            found if decision.claim else (),
        )
        for index, (sentence, decision, label, found) in enumerate(
            zip(sentences, decisions, certainty, attributions, strict=True)
        )
    ])
    return ArticleAnalysis(
        text=text, sentences=analysed, outlet=source.id if source else outlet
    )
