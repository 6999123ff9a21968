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
from typing import TYPE_CHECKING, Any

from verifier.errors import NotFoundError, UsageError
from verifier.stories.terms import idf, pack, unpack, words
from verifier.vocab import VERDICT_STATUSES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows

#: Cosine of IDF-weighted terms from which a reviewed claim or fact-check is offered.
MATCH = 0.5
#: ... sharing at least this many terms, one of them a name.
MIN_SHARED = 2
#: How many matches a claim shows.
SHOWN = 3
#: Verdicts a claim can take.
ADOPTABLE = VERDICT_STATUSES


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


@dataclass(slots=True)
class _Candidate:
    """A reviewed claim or fact-check a claim may match, read before its verdict is."""

    kind: str
    id: int
    text: str
    start: int
    stored: str | None
    rated: str = ""
    evidence: str = ""
    url: str | None = None
    by: str = ""
    terms: Counter[str] | None = None

    def stems(self) -> set[str]:
        """The stems of its stored terms (names and words), as the candidates are found by."""
        found = unpack(self.stored) if self.stored else words(self.text)
        return {t[2:] for t in found}


class Matcher:
    """Matches claims against the earlier verdicts: the desk's reviewed claims and stories,
    and the imported fact-checks.

    A match needs a shared name, so only candidates that use one of the claim's names are
    compared (``verifier.store.past_reads``). ``many`` (a page, a report): every reviewed
    claim and fact-check is read once and indexed by the stems it uses; otherwise (one
    claim: ``claims show``, ``claims adopt``) each claim reads just its candidates. Works
    on a SQLAlchemy session or the stdlib reader.
    """

    def __init__(self, db: Session | Rows, *, many: bool = True) -> None:
        from verifier.store.reading import rows_of

        self.rows = rows_of(db)
        self.many = many
        self.weights: dict[str, float] = {}
        self._documents: int | None = None
        self._index: dict[str, list[_Candidate]] | None = None
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._verdicts: dict[int, Any] = {}

    def matches(self, claim_id: int, *, limit: int = SHOWN) -> list[PastVerdict]:
        """The earlier verdicts a claim matches, best first (its story's first)."""
        from verifier.store.past_reads import (
            claim_for_matching,
            source_spans,
            story_standing,
        )

        text, start, story_id, status = claim_for_matching(self.rows, claim_id)
        found: list[PastVerdict] = []
        if story_id is not None:
            verdict = story_standing(self.rows, story_id)
            if verdict is not None and verdict.status != status:
                found.append(PastVerdict("story", story_id, verdict.status, 1.0, (), "",
                                         verdict.evidence, verdict.url, verdict.reviewer))
        spans = source_spans(self.rows, [claim_id]).get(claim_id, ())
        mine = terms_of(content(text, start, spans))
        names = {t[2:] for t in mine if t.startswith("N:")}
        candidates = [c for c in self._candidates(names, claim_id)
                      if not (c.kind == "claim" and c.id == claim_id)]
        if not candidates:
            return found[:limit]
        self._terms_of(candidates)
        self._weigh([mine, *(c.terms for c in candidates if c.terms is not None)])
        close: list[tuple[_Candidate, float, tuple[str, ...]]] = []
        for candidate in candidates:
            assert candidate.terms is not None
            score, shared = similarity(mine, candidate.terms, self.weights)
            if is_match(score, shared, mine):
                close.append((candidate, score, shared))
        self._rate([c for c, _, _ in close if c.kind == "claim"])
        scored = [
            PastVerdict(c.kind, c.id, c.rated, score, shared, c.text, c.evidence, c.url, c.by)
            for c, score, shared in close if c.rated
        ]
        scored.sort(key=lambda p: (-p.similarity, p.kind, p.id))
        return (found + scored)[:limit]

    def _candidates(self, names: set[str], claim_id: int) -> list[_Candidate]:
        from verifier.store import past_reads

        if not names:
            return []
        if not self.many:
            reviewed = past_reads.reviewed_naming(self.rows, names, exclude=claim_id)
            checks = past_reads.fact_checks_naming(self.rows, names)
            found = [_Candidate("claim", r.id, r.text, r.start, r.terms) for r in reviewed]
            found += [self._fact_check(f) for f in checks]
            return [c for c in found if c.stems() & names]
        if self._index is None:
            self._index = {}
            everything = [_Candidate("claim", r.id, r.text, r.start, r.terms)
                          for r in past_reads.all_reviewed(self.rows)]
            everything += [self._fact_check(f) for f in past_reads.all_fact_checks(self.rows)]
            for candidate in everything:
                for stem in candidate.stems():
                    self._index.setdefault(stem, []).append(candidate)
        picked: dict[tuple[str, int], _Candidate] = {}
        for name in sorted(names):
            for candidate in self._index.get(name, ()):
                picked[(candidate.kind, candidate.id)] = candidate
        return [picked[k] for k in sorted(picked)]

    @staticmethod
    def _fact_check(f: Any) -> _Candidate:
        return _Candidate("fact-check", f.id, f.claim, 0, f.terms, f.verdict,
                          f"{f.publisher} rated it {f.rating!r}", f.url, f.publisher)

    def _terms_of(self, candidates: Sequence[_Candidate]) -> None:
        """Each candidate's terms: a reviewed claim's wording without its attribution (as
        the claim's own), a fact-check's stored terms."""
        from verifier.store.past_reads import source_spans

        wanted = [c.id for c in candidates if c.kind == "claim" and c.terms is None
                  and c.id not in self._spans]
        if wanted:
            spans = source_spans(self.rows, wanted)
            for claim_id in wanted:
                self._spans[claim_id] = spans.get(claim_id, [])
        for c in candidates:
            if c.terms is not None:
                continue
            if c.kind == "claim":
                c.terms = terms_of(content(c.text, c.start, self._spans[c.id]))
            else:
                c.terms = unpack(c.stored) if c.stored else terms_of(c.text)

    def _weigh(self, terms: Sequence[Mapping[str, int]]) -> None:
        """IDF weights of the terms not weighed yet (from the stored frequencies)."""
        from verifier.store.past_reads import document_count, frequencies

        missing = {t for counter in terms for t in counter if t not in self.weights}
        if not missing:
            return
        if self._documents is None:
            self._documents = document_count(self.rows) or 0
        total = max(self._documents, 1)
        counts = frequencies(self.rows, {t[2:] for t in missing})
        self.weights.update({t: idf(counts.get(t[2:], 0), total) for t in missing})

    def _rate(self, claims: Sequence[_Candidate]) -> None:
        """The standing verdict of the matched reviewed claims (one without is dropped)."""
        from verifier.store.past_reads import claims_standing

        wanted = [c.id for c in claims if c.id not in self._verdicts]
        if wanted:
            standing = claims_standing(self.rows, wanted)
            for claim_id in wanted:
                self._verdicts[claim_id] = standing.get(claim_id)
        for c in claims:
            verdict = self._verdicts[c.id]
            if verdict is not None:
                c.rated, c.evidence, c.url, c.by = (verdict.status, verdict.evidence,
                                                    verdict.url, verdict.reviewer)


def past_verdicts(db: Session | Rows, claim_id: int, *, limit: int = SHOWN) -> list[PastVerdict]:
    """The earlier verdicts one claim matches, best first (its story's first)."""
    return Matcher(db, many=False).matches(claim_id, limit=limit)


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
