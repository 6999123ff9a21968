"""Independent corroboration: count the origins of a story's support, not the outlets.

Two reports are one origin when one is a copy of the other (near-duplicate text: MinHash
signatures of word shingles, ``verifier.scoring.signatures``, stored at ingest) or when a
report only passes on what another outlet said (it cites that outlet and adds no source of
its own). Named, on-record speakers and cited outlets are origins of their own, each counted
once however many reports quote them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from verifier.scoring.evidence import ClaimEvidence, Words
from verifier.scoring.signatures import DUPLICATE_THRESHOLD, shingles, signature
from verifier.scoring.signatures import near_duplicate_groups as signature_groups

__all__ = ["DUPLICATE_THRESHOLD", "Origin", "independent_origins", "near_duplicate_groups",
           "shingles"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent origin of support: ``kind`` is outlet, on-record or report."""

    key: str
    label: str
    kind: str
    evidence: Words

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.kind,
            "evidence": self.evidence.to_dict(),
        }


def near_duplicate_groups(
    texts: Mapping[int, str], threshold: float = DUPLICATE_THRESHOLD
) -> dict[int, int]:
    """Map each id to the smallest id of its group of near-duplicate texts (signatures made
    now; stored articles have theirs already, see ``verifier.scoring.signatures``)."""
    return signature_groups({key: signature(text) for key, text in texts.items()}, threshold)


def _normalise(words: str) -> str:
    return " ".join(_WORD.findall(words.lower()))


def independent_origins(
    claims: Sequence[ClaimEvidence], origin_speakers: Collection[str]
) -> tuple[Origin, ...]:
    """The distinct origins behind the claims that support a story, in order of appearance.

    - each source whose speaker kind is one of ``origin_speakers`` (``scoring.yaml``: cited
      outlets and on-record speakers) is an origin, identified by its resolved source, else
      by its words;
    - when more than one report carries the story, each report (copies already share one
      carrier) is an origin too, unless all it does is cite other outlets;
    - unnamed sources and hearsay add no origin: a reader cannot tell them apart.
    """
    supporting = [c for c in claims if c.supports]
    origins: dict[str, Origin] = {}
    for claim in supporting:
        for attribution in claim.asserting:
            if attribution.speaker in origin_speakers:
                key = attribution.source_key or (
                    f"{attribution.speaker}:{_normalise(attribution.source_text)}"
                )
                if key == claim.carrier:
                    continue
                label = attribution.source_name or attribution.source_text
                kind = "outlet" if attribution.speaker == "media" else "on-record"
                words = claim.words(
                    attribution.source_start, attribution.source_end, attribution.source_text
                )
                origins.setdefault(key, Origin(key, label, kind, words))
    for carrier, first in _own_reports(supporting).items():
        origins.setdefault(carrier, Origin(carrier, first.carrier_name, "report",
                                           first.sentence_words()))
    return tuple(origins.values())


def _own_reports(supporting: Iterable[ClaimEvidence]) -> dict[str, ClaimEvidence]:
    """Reports that carry the story on their own, when there is more than one report."""
    by_carrier: dict[str, list[ClaimEvidence]] = {}
    for claim in supporting:
        by_carrier.setdefault(claim.carrier, []).append(claim)
    if len(by_carrier) < 2:
        return {}
    own: dict[str, ClaimEvidence] = {}
    for carrier, claims in by_carrier.items():
        cites = any(a.speaker == "media" for c in claims for a in c.asserting)
        adds = any(a.speaker != "media" for c in claims for a in c.asserting)
        if adds or not cites:
            own[carrier] = claims[0]
    return own
