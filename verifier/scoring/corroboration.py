"""Independent corroboration: count the origins of a story's support, not the outlets.

Two reports are one origin when one is a copy of the other (near-duplicate text: MinHash over
word shingles: exact for a story's few articles, MinHash LSH via datasketch for many) or when a report only passes on what another outlet said (it
cites that outlet and adds no source of its own). Named, on-record speakers and cited outlets
are origins of their own, each counted once however many reports quote them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from verifier.scoring.evidence import ClaimEvidence, Words

#: Estimated Jaccard similarity of word 5-gram shingles above which two texts are copies.
DUPLICATE_THRESHOLD = 0.7
SHINGLE_WORDS = 5
NUM_PERM = 128
#: Compare shingles exactly for up to this many texts (MinHash LSH beyond).
EXACT_UP_TO = 64
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


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word n-grams of ``text``, lower-cased (the whole text when shorter than ``size``)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def near_duplicate_groups(
    texts: Mapping[int, str], threshold: float = DUPLICATE_THRESHOLD
) -> dict[int, int]:
    """Map each id to the smallest id of its group of near-duplicate texts.

    A pair joins when the Jaccard similarity of its word shingles reaches ``threshold``;
    groups are closed transitively. Up to ``EXACT_UP_TO`` texts the similarity is computed
    exactly (a story's few articles: no MinHash, and no datasketch, numpy or scipy to
    import on a read command); beyond, candidate pairs come from MinHash LSH and the
    similarity is MinHash's estimate.
    """
    parent = {key: key for key in texts}

    def find(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    if len(texts) <= EXACT_UP_TO:
        grams = {key: shingles(texts[key]) for key in sorted(texts)}
        keys = [key for key in grams if grams[key]]
        for n, key in enumerate(keys):
            mine = grams[key]
            for other in keys[:n]:
                theirs = grams[other]
                shared = len(mine & theirs)
                if shared and shared / (len(mine) + len(theirs) - shared) >= threshold:
                    a, b = find(key), find(other)
                    parent[max(a, b)] = min(a, b)
        return {key: find(key) for key in texts}

    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[int, MinHash] = {}
    for key in sorted(texts):
        grams = shingles(texts[key])
        if not grams:
            continue
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        for other in lsh.query(minhash):
            if minhash.jaccard(hashes[other]) >= threshold:
                a, b = find(key), find(other)
                parent[max(a, b)] = min(a, b)
        lsh.insert(key, minhash)
        hashes[key] = minhash
    return {key: find(key) for key in texts}


def _normalise(words: str) -> str:
    return " ".join(_WORD.findall(words.lower()))


def independent_origins(claims: Sequence[ClaimEvidence]) -> tuple[Origin, ...]:
    """The distinct origins behind the claims that support a story, in order of appearance.

    - each cited outlet (``media``) and each on-record speaker (``official``, ``named``) is an
      origin, identified by its resolved source, else by its words;
    - when more than one report carries the story, each report (copies already share one
      carrier) is an origin too, unless all it does is cite other outlets;
    - unnamed sources and hearsay add no origin: a reader cannot tell them apart.
    """
    supporting = [c for c in claims if c.supports]
    origins: dict[str, Origin] = {}
    for claim in supporting:
        for attribution in claim.asserting:
            if attribution.speaker == "media" or attribution.on_record:
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
