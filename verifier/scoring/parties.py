"""One party, one key, across the articles of a story: "Ortiz" is "Dana Ortiz".

Ingest resolves speakers within an article (``verifier.store.sources.ArticleParties``: a
surname to the full name used before it, "the company" to the company) and gives every
party it derives a key from its normalised name (``name:dana ortiz``). A later article that
names the person only by surname gets another key (``name:ortiz``), and scoring would count
two parties. ``fold_parties`` gives such a one-word name the key of the one full name in the
story whose first or last word it is (family names come first in some languages: "Xi" is
"Xi Jinping"); when two full names share it ("Ortiz" and "Dana Ortiz", "Luis Ortiz"), it is
left alone. Registry sources (outlets among them) keep their keys; a derived name folds
whatever speaker kind the analyser gave it (a politician's post read as "media": "Trump" is
"Donald Trump"). Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.vocab import NAME_KEY

#: A full name has two to four words.
_FULL = range(2, 5)


def fold_parties(claims: Sequence[ClaimEvidence]) -> tuple[ClaimEvidence, ...]:
    """The claims with one-word party names keyed as the one full name they stand for."""
    full: dict[str, dict[str, str]] = {}  # word -> {full key: name shown}
    for claim in claims:
        for a in claim.attributions:
            words = _words(a)
            if words is not None and len(words) in _FULL:
                for word in {words[0], words[-1]}:
                    full.setdefault(word, {}).setdefault(
                        a.source_key or "", a.source_name or a.source_text)
    if not full:
        return tuple(claims)
    folded: list[ClaimEvidence] = []
    for claim in claims:
        attributions = tuple(_fold(a, full) for a in claim.attributions)
        folded.append(claim if attributions == claim.attributions
                      else replace(claim, attributions=attributions))
    return tuple(folded)


def _words(a: AttributionEvidence) -> list[str] | None:
    """The words of a derived name key (a person, body or outlet the registry does not
    know), or None for registry sources and anonymous ones."""
    key = a.source_key
    if key is None or not key.startswith(NAME_KEY):
        return None
    return key.removeprefix(NAME_KEY).split()


def _fold(a: AttributionEvidence, full: dict[str, dict[str, str]]) -> AttributionEvidence:
    words = _words(a)
    if words is None or len(words) != 1:
        return a
    found = full.get(words[0], {})
    if len(found) != 1:
        return a
    key, name = next(iter(found.items()))
    return replace(a, source_key=key, source_name=name)
