"""Past verdicts matched: a claim against the desk's reviewed claims and stories and the
fact-checks imported from ClaimReview.

A claim matches an earlier verdict when:

- its story has a standing verdict the claim has not taken (the grouping put it with the
  reviewed event: the same signals that group stories);
- a reviewed claim, or an imported fact-check's reviewed claim, says nearly the same thing:
  the cosine of their IDF-weighted grouping terms (``verifier.stories.terms``) reaches
  ``MATCH``, sharing at least ``MIN_SHARED`` terms of which one is a name.

Each match carries its evidence (the terms shared, the similarity, the verdict's evidence
and url), so a reviewer sees why it was offered; ``adopt`` writes the matched verdict on the
claim as a reviewer's verdict whose evidence names where it came from.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from verifier.errors import NotFoundError, UsageError
from verifier.stories.terms import idf, pack, unpack, words

#: Cosine of IDF-weighted terms from which a reviewed claim or fact-check is offered.
MATCH = 0.5
#: ... sharing at least this many terms, one of them a name.
MIN_SHARED = 2
#: How many matches a claim shows.
SHOWN = 3
#: Verdicts a claim can take.
ADOPTABLE = ("confirmed", "refuted", "disputed")


@dataclass(frozen=True, slots=True)
class PastVerdict:
    """An earlier verdict a claim matches: ``kind`` is story, claim or fact-check."""

    kind: str
    id: int
    verdict: str
    similarity: float
    shared: tuple[str, ...]
    text: str
    evidence: str
    url: str | None
    by: str

    @property
    def ref(self) -> str:
        """How ``claims adopt --from`` names it: ``story:4``, ``claim:12``, ``fact-check:3``."""
        return f"{self.kind}:{self.id}"

    @property
    def reason(self) -> str:
        if self.kind == "story":
            return f"grouped into story {self.id}, which is {self.verdict}"
        names = ", ".join(self.shared[:6])
        return f"similar wording ({self.similarity:.2f}; shares {names})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref, "kind": self.kind, "id": self.id, "verdict": self.verdict,
            "similarity": round(self.similarity, 4), "shared": list(self.shared),
            "reason": self.reason, "text": self.text, "evidence": self.evidence,
            "url": self.url, "by": self.by,
        }


#: A dateline opening a wire story ("VELM, March 1 (Reuters) -"): not about the event.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'/-]{1,60}(?:,\s*\w+\.?\s+\d{1,2})?\s*\([^)]{1,40}\)\s*(?:--|[-–—])\s*")


def content(text: str, start: int = 0, spans: Sequence[tuple[int, int]] = ()) -> str:
    """A claim's wording about the event: its dateline and the words naming who said it
    (its attributions' source and cue spans, article offsets) blanked out."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(a - start, 0), min(b - start, len(chars))):
            chars[i] = " "
    return _DATELINE.sub(" ", "".join(chars))


def terms_of(text: str) -> Counter[str]:
    """A text's grouping terms."""
    return words(text)


def packed_terms(text: str) -> str:
    return pack(words(text))


def similarity(
    a: Mapping[str, int], b: Mapping[str, int], weights: Mapping[str, float]
) -> tuple[float, tuple[str, ...]]:
    """Cosine of IDF-weighted term counts, and the terms shared (heaviest first). Pure."""
    def weight(term: str) -> float:
        return weights.get(term, 1.0)

    shared = [t for t in a if t in b]
    if not shared:
        return 0.0, ()
    dot = sum(a[t] * weight(t) * b[t] * weight(t) for t in shared)
    norm_a = math.sqrt(sum((c * weight(t)) ** 2 for t, c in a.items()))
    norm_b = math.sqrt(sum((c * weight(t)) ** 2 for t, c in b.items()))
    score = dot / (norm_a * norm_b) if norm_a and norm_b else 0.0
    shared.sort(key=lambda t: (-weight(t), t))
    return score, tuple(t[2:] for t in shared)


def is_match(score: float, shared_terms: Sequence[str], a: Mapping[str, int]) -> bool:
    names = {t[2:] for t in a if t.startswith("N:")}
    return (score >= MATCH and len(shared_terms) >= MIN_SHARED
            and any(t in names for t in shared_terms))


def _weights(session: Session, terms: Sequence[Mapping[str, int]]) -> dict[str, float]:
    from verifier.store.grouping import document_count, frequencies

    total = document_count(session) or 0
    wanted = {t for counter in terms for t in counter}
    counts = frequencies(session, {t[2:] for t in wanted})
    return {t: idf(counts.get(t[2:], 0), max(total, 1)) for t in wanted}


Candidate = tuple[str, int, str, Counter[str], str, str, "str | None", str]


class Matcher:
    """Matches claims against every earlier verdict, read once (for a page or a report)."""

    def __init__(self, session: Session) -> None:
        from verifier.store.factchecks import list_fact_checks, reviewed_claims, source_spans

        self.session = session
        reviewed = reviewed_claims(session)
        spans = source_spans(session, [c.id for c in reviewed])
        self.candidates: list[Candidate] = [
            ("claim", c.id, c.text, terms_of(content(c.text, c.start, spans.get(c.id, ()))),
             c.status, c.evidence, c.url, c.reviewer)
            for c in reviewed
        ]
        self.candidates += [
            ("fact-check", f.id, f.claim, unpack(f.terms) if f.terms else terms_of(f.claim),
             f.verdict, f"{f.publisher} rated it {f.rating!r}", f.url, f.publisher)
            for f in list_fact_checks(session)
        ]
        self.weights = _weights(session, [c[3] for c in self.candidates])

    def matches(self, claim_id: int, *, limit: int = SHOWN) -> list[PastVerdict]:
        """The earlier verdicts a claim matches, best first (its story's first)."""
        from verifier.store.factchecks import claim_for_matching, source_spans, story_standing

        text, start, story_id, status = claim_for_matching(self.session, claim_id)
        found: list[PastVerdict] = []
        if story_id is not None:
            verdict = story_standing(self.session, story_id)
            if verdict is not None and verdict.status != status:
                found.append(PastVerdict("story", story_id, verdict.status, 1.0, (), "",
                                         verdict.evidence, verdict.url, verdict.reviewer))
        if not self.candidates:
            return found[:limit]
        spans = source_spans(self.session, [claim_id]).get(claim_id, ())
        mine = terms_of(content(text, start, spans))
        missing = [t for t in mine if t not in self.weights]
        if missing:
            self.weights.update(_weights(self.session, [Counter(missing)]))
        scored = []
        for kind, ident, other_text, terms, rated, evidence, url, by in self.candidates:
            if kind == "claim" and ident == claim_id:
                continue
            score, shared = similarity(mine, terms, self.weights)
            if is_match(score, shared, mine):
                scored.append(PastVerdict(kind, ident, rated, score, shared, other_text,
                                          evidence, url, by))
        scored.sort(key=lambda p: (-p.similarity, p.kind, p.id))
        return (found + scored)[:limit]


def past_verdicts(session: Session, claim_id: int, *, limit: int = SHOWN) -> list[PastVerdict]:
    """The earlier verdicts one claim matches, best first (its story's first)."""
    return Matcher(session).matches(claim_id, limit=limit)


def adopt(
    session: Session, claim_id: int, *, reviewer: str, ref: str | None = None,
    note: str | None = None,
) -> PastVerdict:
    """Give the claim the verdict of a match (``ref``: ``story:4``, ``claim:12`` or
    ``fact-check:3``; default the best match); the verdict's evidence says where it came
    from. ``UsageError`` when there is nothing to adopt."""
    from verifier.store.verdicts import add_verdict

    matches = past_verdicts(session, claim_id, limit=1000)
    if ref is not None:
        chosen = next((m for m in matches if m.ref == ref.strip().lower()), None)
        if chosen is None:
            raise NotFoundError(f"claim {claim_id} does not match {ref} (see `verifier claims "
                                f"show {claim_id}` for its matches)")
    else:
        usable = [m for m in matches if m.verdict in ADOPTABLE]
        if not usable:
            raise UsageError(f"claim {claim_id} matches no earlier verdict to adopt")
        chosen = usable[0]
    if chosen.verdict not in ADOPTABLE:
        raise UsageError(f"{chosen.ref} is {chosen.verdict}: nothing to adopt")
    where = {"story": f"story {chosen.id}", "claim": f"claim {chosen.id}",
             "fact-check": f"fact-check {chosen.id} by {chosen.by}"}[chosen.kind]
    evidence = f"adopted from {where} ({chosen.reason}): {chosen.evidence}".strip()
    add_verdict(session, claim_id=claim_id, status=chosen.verdict, evidence=evidence[:5000],
                reviewer=reviewer, url=chosen.url, note=note)
    return chosen
