"""Past verdicts matched: a claim against the desk's reviewed claims and stories and the
fact-checks imported from ClaimReview.

A claim matches an earlier verdict when:

- its story has a standing verdict the claim has not taken (the grouping put it with the
  reviewed event: the same signals that group stories);
- a reviewed claim, or an imported fact-check's reviewed claim, says nearly the same thing:
  what they share (the cosine of their IDF-weighted grouping terms, ``verifier.stories.terms``,
  how many shared terms are names and how many words, and the shared words' weight) passes
  a tier of ``data/adopting.yaml`` (``verifier.stories.adopting``): one sharing a name, or one
  sharing no name but enough uncommon words of what is said (a claim that names nobody can
  match too). Names joined by "&" ("AT&T") are names here (``ampersand_terms``).

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
from verifier.stories.adopting import AdoptBar, Example, Shared, adopt_bar
from verifier.stories.terms import fold, idf, names_of, pack, unpack, words
from verifier.vocab import OPPOSITE_VERDICT, VERDICT_STATUSES, Role, Stance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows

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
    #: What the claim does to what was reviewed (``verifier.vocab.Role``): it says the same
    #: (supports), it denies it (adopting gives the opposite verdict) or it declines to say
    #: (a refusal is neither true nor false: nothing to adopt). Set by ``with_roles``.
    role: str = Role.SUPPORTS.value
    #: The shared terms that are not names (what is said, not who): ``adopting.AdoptBar``.
    words: tuple[str, ...] = ()
    #: The shared words' weight (``adopting.Shared.weight``).
    weight: float = math.inf

    @property
    def below_bar(self) -> str:
        """Why it is only possibly related, in words ("": it may be adopted in one step;
        the bar is ``data/adopting.yaml``)."""
        return adopt_bar().below(self.kind, self.similarity, len(self.words),
                                 names=len(self.shared) - len(self.words), weight=self.weight)

    @property
    def takes(self) -> str | None:
        """The status adopting gives in one step (None: nothing to adopt, or only possibly
        related: the reviewer marks the claim with their own evidence)."""
        return None if self.below_bar else self.adopts

    @property
    def adopts(self) -> str | None:
        """The status adopting this verdict gives the claim (None: nothing to adopt)."""
        if self.role == Role.DECLINES:
            return None
        return self.verdict if self.role == Role.SUPPORTS else OPPOSITE_VERDICT[self.verdict]

    @property
    def how_adopted(self) -> str:
        """What adopting does, in words, when it does not give the verdict as it stands."""
        if self.below_bar:
            return (f"not adopted in one step ({self.below_bar}): if it is the same claim, "
                    "mark it with your own evidence")
        if self.role == Role.DECLINES:
            return "it only declines or gives no answer: a refusal takes no verdict"
        if self.role == Role.DENIES and self.adopts != self.verdict:  # disputed stays so
            return (f"it says the opposite of what was found {self.verdict}: adopting marks "
                    f"it {self.adopts}")
        return ""

    @property
    def ref(self) -> str:
        """How ``claims adopt --from`` names it: ``story:4``, ``claim:12``, ``fact-check:3``."""
        return f"{self.kind}:{self.id}"

    @property
    def reason(self) -> str:
        if self.kind == "story":
            return f"grouped into story {self.id}, which is {self.verdict}"
        names = ", ".join(_as_written(self.shared[:6], self.text))
        how = "possibly related" if self.below_bar else "similar wording"
        return f"{how} ({self.similarity:.2f}; shares {names})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref, "kind": self.kind, "id": self.id, "verdict": self.verdict,
            "similarity": round(self.similarity, 4), "shared": list(self.shared),
            "reason": self.reason, "text": self.text, "evidence": self.evidence,
            "url": self.url, "by": self.by, "role": self.role, "adopts": self.adopts,
            "how_adopted": self.how_adopted, "possibly_related": bool(self.below_bar),
            "below_bar": self.below_bar,
        }


def _as_written(stems: Sequence[str], text: str) -> list[str]:
    """Each stem as the reviewed text writes it ("coronaviru" -> "coronavirus"), lower-cased;
    the stem where no word of the text gives it, but for a name's initials the text never
    writes ("mim" of "Mayor Ivo Marsh": a term matching uses, no word to show a reviewer)."""
    from verifier.stories.terms import acronyms, stem

    written: dict[str, str] = {}
    for token in re.findall(r"[\w'’&-]+", text):
        written.setdefault(stem(token), token.lower())
    initials = acronyms(text) - set(written)
    return [written.get(s, s) for s in stems if s not in initials]




def _role(stances: Sequence[str]) -> str:
    """What a claim does for the event it states (as ``stories.view``): asserts it (someone
    asserts it, or the reporter does in their own voice), only denies it, or only declines."""
    if not stances or Stance.ASSERTS in stances:
        return Role.SUPPORTS.value
    if Stance.DENIES in stances:
        return Role.DENIES.value
    return Role.DECLINES.value


def with_roles(db: Session | Rows, claim_id: int,
               matches: Sequence[PastVerdict]) -> list[PastVerdict]:
    """The matches with what the claim does to each: a claim that only denies what a
    reviewed claim, story or fact-check asserted (or asserts what a reviewed denial denied)
    takes the opposite verdict; one that only declines takes none."""
    from dataclasses import replace

    from verifier.store.claims import attribution_records

    if not matches:
        return []
    others = [m.id for m in matches if m.kind == "claim"]
    found = attribution_records(db, [claim_id, *others])
    roles = {cid: _role([a.stance for a in found.get(cid, [])]) for cid in [claim_id, *others]}
    mine = roles[claim_id]
    out = []
    for match in matches:
        theirs = roles[match.id] if match.kind == "claim" else Role.SUPPORTS.value
        if mine == Role.DECLINES or theirs == Role.DECLINES:
            role = mine  # a reviewed refusal's verdict is passed on as it stands
        else:
            role = Role.SUPPORTS.value if mine == theirs else Role.DENIES.value
        out.append(replace(match, role=role))
    return out


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


#: Capitalised words joined by "&" ("AT&T", "S&P"): one name, which ``words`` does not see.
_AMPERSAND = re.compile(r"(?<![\w&])[A-Z][A-Za-z]*&[A-Z][A-Za-z]*(?![\w&])")


def ampersand_terms(text: str, bar: AdoptBar | None = None) -> list[str]:
    """The names joined by "&" in a text ("AT&T" -> ``N:at&t``), in order; those the bar
    lists as words (``ampersand_words``: "R&D") are words (``W:``)."""
    if "&" not in text:
        return []
    known = (bar or adopt_bar()).ampersand_words
    found = []
    for match in _AMPERSAND.finditer(fold(text)):
        term = match.group(0).lower()
        found.append(("W:" if term in known else "N:") + term)
    return found


def terms_of(text: str, bar: AdoptBar | None = None) -> Counter[str]:
    """A text's terms for matching: its grouping terms (``words``) and its names joined by
    "&" (``ampersand_terms``). (Callers must not change the counter they get.)"""
    found = words(text)
    extra = ampersand_terms(text, bar)
    if not extra:
        return found
    found = Counter(found)
    found.update(extra)
    return found


def packed_content(text: str, start: int = 0, spans: Sequence[tuple[int, int]] = ()) -> str:
    """A claim's content terms (``terms_of(content(...))``) as ``claims.content_terms``
    keeps them: packed as ``pack`` does, but in the order ``words`` found them, so
    ``unpack`` gives back the same counter in the same order (and so the same sums)."""
    return " ".join(t if c == 1 else f"{t}*{c}"
                    for t, c in terms_of(content(text, start, spans)).items() if c > 0)


def packed_terms(text: str) -> str:
    """An imported fact-check's terms as stored (``fact_checks.terms``)."""
    return pack(terms_of(text))


def similarity(
    a: Mapping[str, int], b: Mapping[str, int], weights: Mapping[str, float]
) -> tuple[float, tuple[str, ...]]:
    """Cosine of IDF-weighted term counts, and the terms shared (heaviest first). Pure."""
    shared = [t for t in a if t in b]
    if not shared:
        return 0.0, ()
    score = _cosine(weighted(a, weights), b, shared, norm(a, weights), norm(b, weights),
                    weights)
    return score, heaviest(shared, weights)


def weighted(terms: Mapping[str, int], weights: Mapping[str, float]) -> dict[str, float]:
    """Each term's count times its IDF weight (unknown terms weigh 1)."""
    return {t: c * weights.get(t, 1.0) for t, c in terms.items()}


def norm(terms: Mapping[str, int], weights: Mapping[str, float]) -> float:
    """The length of a term vector weighted by IDF (unknown terms weigh 1)."""
    return math.sqrt(sum((c * weights.get(t, 1.0)) ** 2 for t, c in terms.items()))


def _cosine(
    a_weighted: Mapping[str, float], b: Mapping[str, int], shared: Sequence[str],
    norm_a: float, norm_b: float, weights: Mapping[str, float],
) -> float:
    """The cosine of ``similarity`` given the shared terms (in ``a``'s order), ``a``'s
    ``weighted`` counts and both norms (the same arithmetic, in the same order)."""
    dot = sum(a_weighted[t] * b[t] * weights.get(t, 1.0) for t in shared)
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def heaviest(shared: list[str], weights: Mapping[str, float]) -> tuple[str, ...]:
    """The shared terms as ``similarity`` gives them: heaviest first, without the mark."""
    shared.sort(key=lambda t: (-weights.get(t, 1.0), t))
    return tuple(t[2:] for t in shared)


def shared_of(score: float, shared_terms: Sequence[str], names: set[str],
              weights: Mapping[str, float], documents: float) -> Shared:
    """What a claim (whose name stems are ``names``) shares with a reviewed text: the
    similarity, how many of the shared terms (``similarity``'s, without their mark) are
    names and how many words, and the shared words' IDF summed in units of the IDF of a
    word one of ``documents`` articles uses (unknown terms weigh that too)."""
    unit = idf(1, max(documents, 1))
    said = [t for t in shared_terms if t not in names]
    weight = sum(weights.get("W:" + t, unit) for t in said) / unit
    return Shared(score, len(shared_terms) - len(said), len(said), weight)


def judge(score: float, shared_terms: Sequence[str], names: set[str],
          weights: Mapping[str, float], documents: float, bar: AdoptBar | None = None) -> str:
    """``same`` (offered, adoptable in one step), ``related`` (offered, possibly related)
    or ``none`` (not offered), by the tiers of ``data/adopting.yaml``."""
    return (bar or adopt_bar()).gives(shared_of(score, shared_terms, names, weights,
                                                documents))


def query_words(mine: Mapping[str, int], weights: Mapping[str, float]) -> set[str]:
    """The word stems of a claim one of which a match sharing no name must use: of its n
    words, the n - k + 1 rarest (k: the least number of words such a match shares, so it
    shares one of any n - k + 1); none when it has fewer than k words or no such match is
    offered."""
    least = adopt_bar().unnamed_words
    if least is None:
        return set()
    said = sorted({t for t in mine if t.startswith("W:")},
                  key=lambda t: (-weights.get(t, 0.0), t))
    if len(said) < max(least, 1):
        return set()
    return {t[2:] for t in said[: len(said) - least + 1]}


@dataclass(slots=True)
class _Candidate:
    """A reviewed claim or fact-check a claim may match, read before its verdict is."""

    kind: str
    id: int
    text: str
    start: int
    stored: str | None
    #: A reviewed claim's content terms kept with its verdict (``packed_content``; None:
    #: not kept, worked out from its text and attributions).
    content: str | None = None
    rated: str = ""
    evidence: str = ""
    url: str | None = None
    by: str = ""
    terms: Counter[str] | None = None
    #: The length of its IDF-weighted terms, once they are weighed.
    norm: float | None = None
    #: ``stems()``, kept when many claims are matched.
    stem_set: frozenset[str] = frozenset()

    def stems(self) -> set[str]:
        """The stems of its stored terms (names and words), as the candidates are found by."""
        return candidate_stems(self.text, self.stored)


def candidate_stems(text: str, stored: str | None) -> set[str]:
    """What a reviewed claim or fact-check is found by: the stems of its stored grouping
    terms (names and words), or of its text's when none are stored."""
    if not stored:
        return {t[2:] for t in terms_of(text)}
    return stems_of(stored) | {t[2:] for t in ampersand_terms(text)}


def stems_of(packed: str) -> set[str]:
    """The stems of packed terms (the terms of ``unpack``, without the mark, read off the
    packed text without counting them)."""
    return {part[2:].rpartition("*")[0] if "*" in part else part[2:]
            for part in packed.split()}


class Matcher:
    """Matches claims against the earlier verdicts: the desk's reviewed claims and stories,
    and the imported fact-checks.

    A match shares a name, or (sharing none) enough of the claim's words, so only candidates
    that use one of the claim's names or rarest words (``query_words``) are compared
    (``verifier.store.past_reads``). ``many`` (a page, a report): every reviewed
    claim and fact-check is read once and indexed by the stems it uses; otherwise (one
    claim: ``claims show``, ``claims adopt``) each claim reads just its candidates. Works
    on a SQLAlchemy session or the stdlib reader.
    """

    def __init__(self, db: Session | Rows, *, many: bool = True) -> None:
        from verifier.store.reading import rows_of

        self.rows = rows_of(db)
        self.many = many
        self.bar = adopt_bar()
        #: The least similarity any tier asks for (below it nothing is offered).
        self._least = min(t.similarity for t in (*self.bar.offer, *self.bar.adopt))
        self._least_terms = self.bar.least_terms
        self.weights: dict[str, float] = {}
        self._documents: int | None = None
        #: ``many``: every reviewed claim and fact-check, and term -> those using it.
        self._all: list[_Candidate] | None = None
        #: One claim at a time: how many claims asked for candidates, and from the second
        #: every reviewed claim and fact-check by the stems it uses.
        self._asked = 0
        self._by_stem: dict[str, list[_Candidate]] | None = None
        #: ``expect``: the names ``_by_stem`` covers (None: every stem).
        self._covered: set[str] | None = None
        self._postings: dict[str, list[int]] = {}
        self._mine: Counter[str] | None = None
        self._mine_weighted: dict[str, float] = {}
        self._mine_norm = 0.0
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._verdicts: dict[int, Any] = {}
        self._claims: dict[int, tuple[str, int, int | None, str]] = {}
        self._stories: dict[int, Any] = {}

    def prefetch(self, claim_ids: Sequence[int]) -> None:
        """Read what ``matches`` needs of these claims (text, story, the story's verdict,
        attribution spans) in a few batched queries, for a report matching thousands."""
        from verifier.store.past_reads import claims_for_matching, source_spans, stories_standing

        wanted = [c for c in claim_ids if c not in self._claims]
        if not wanted:
            return
        found = claims_for_matching(self.rows, wanted)
        self._claims.update(found)
        stories = {s for _, _, s, _ in found.values() if s is not None and s not in self._stories}
        standing = stories_standing(self.rows, stories)
        self._stories.update({s: standing.get(s) for s in stories})
        unread = [c for c in found if c not in self._spans]
        spans = source_spans(self.rows, unread)
        self._spans.update({c: spans.get(c, []) for c in unread})

    def expect(self, claim_ids: Sequence[int]) -> None:
        """One claim at a time, for these claims (a story's or an article's): read them
        (``prefetch``), then every reviewed claim and fact-check once, indexed by the names
        of these claims only (not a query by name for the first: at thousands of reviewed
        claims the LIKE tests cost more than reading them all); a claim asked later with
        other names indexes them all, as without ``expect``."""
        from verifier.store import past_reads

        self.prefetch(claim_ids)
        mines: list[Counter[str]] = []
        for claim_id in claim_ids:
            if claim_id not in self._claims:
                continue  # no such claim: ``matches`` says so when asked
            text, start, _, _ = self._claims[claim_id]
            mines.append(terms_of(content(text, start, self._spans.get(claim_id, []))))
        if self.bar.unnamed_words is not None:
            self._weigh(mines)  # the rarest words are looked up by
        union: set[str] = set()
        for mine in mines:
            union.update(self._keys(mine, names_of(mine)))
        if not union or self._by_stem is not None:
            return
        # by stored terms first (a term is ``N:stem`` or ``W:stem``, ``*count`` after it;
        # stems hold no colon): the texts of those naming none are not read (but for a name
        # joined by "&", which stored grouping terms do not hold: ``ampersand_terms``)
        naming = re.compile(":(?:" + "|".join(map(re.escape, sorted(union))) + ")[ *]")
        every = any("&" in key for key in union)
        picked = [claim_id for claim_id, terms in past_reads.reviewed_terms(self.rows)
                  if every or not terms or naming.search(terms + " ")]
        found = [self._reviewed(r)
                 for r in past_reads.reviewed_texts(self.rows, picked)]
        found += [self._fact_check(f) for f in past_reads.all_fact_checks(self.rows)]
        self._by_stem = {}
        for candidate in found:
            for stem in candidate.stems() & union:
                self._by_stem.setdefault(stem, []).append(candidate)
        self._covered = union
        self._asked = 1  # the index answers from the first claim

    def matches(self, claim_id: int, *, limit: int = SHOWN) -> list[PastVerdict]:
        """The earlier verdicts a claim matches, best first (its story's first, then those
        adoptable in one step, each by similarity)."""
        from verifier.store.past_reads import (
            claim_for_matching,
            source_spans,
            story_standing,
        )

        known = self._claims.get(claim_id)
        text, start, story_id, status = known or claim_for_matching(self.rows, claim_id)
        found: list[PastVerdict] = []
        if story_id is not None:
            verdict = (self._stories[story_id] if story_id in self._stories
                       else story_standing(self.rows, story_id))
            if verdict is not None and verdict.status != status:
                found.append(PastVerdict("story", story_id, verdict.status, 1.0, (), "",
                                         verdict.evidence, verdict.url, verdict.reviewer))
        spans = self._spans.get(claim_id)
        if spans is None:
            spans = source_spans(self.rows, [claim_id]).get(claim_id, [])
        mine = terms_of(content(text, start, spans))
        names = names_of(mine)
        keys = self._keys(mine, names)
        if not keys:  # a match shares a name or (sharing none) some of its rarest words
            return found[:limit]
        close = (self._close_many if self.many else self._close_few)(
            claim_id, mine, names, keys)
        self._rate([c for c, _, _, _ in close if c.kind == "claim"])
        scored = [
            PastVerdict(c.kind, c.id, c.rated, score, shared, c.text, c.evidence, c.url, c.by,
                        words=tuple(t for t in shared if t not in names), weight=got.weight)
            for c, score, shared, got in close if c.rated
        ]
        # those adoptable in one step first (``PastVerdict.below_bar``): a name-only match
        # scoring higher must not hide one that says the same thing
        scored.sort(key=lambda p: (bool(p.below_bar), -p.similarity, p.kind, p.id))
        return (found + scored)[:limit]

    def _keys(self, mine: Counter[str], names: set[str]) -> set[str]:
        """The stems a match of this claim uses one of: its names, and (when a match may
        share no name) its rarest words (``query_words``, weighed first)."""
        if self.bar.unnamed_words is None:
            return set(names)
        self._weigh([mine])
        return names | query_words(mine, self.weights)

    def _close_few(
        self, claim_id: int, mine: Counter[str], names: set[str], keys: set[str]
    ) -> list[tuple[_Candidate, float, tuple[str, ...], Shared]]:
        """The candidates that match (with score, shared terms and what they share), read
        for this claim: the reviewed claims and fact-checks that use one of its ``keys``."""
        candidates = [c for c in self._candidates(keys, claim_id)
                      if not (c.kind == "claim" and c.id == claim_id)]
        if not candidates:
            return []
        self._terms_of(candidates)
        sharing = []  # those _score could accept: weighed and scored
        for candidate in candidates:
            assert candidate.terms is not None
            shared = [t for t in mine if t in candidate.terms]
            if self._could(shared, names):
                sharing.append((candidate, shared))
        self._weigh([mine, *(c.terms for c, _ in sharing if c.terms is not None)])
        close = []
        for candidate, shared in sharing:
            assert candidate.terms is not None
            if candidate.norm is None:  # a candidate read once keeps its norm
                candidate.norm = norm(candidate.terms, self.weights)
            scored = self._score(mine, names, candidate, shared)
            if scored is not None:
                close.append(scored)
        return close

    def _could(self, shared: Sequence[str], names: set[str]) -> bool:
        """Whether a tier could pass a match sharing ``shared`` (before its similarity)."""
        return self.bar.could(sum(1 for t in shared if t[2:] in names), len(shared))

    def _candidates(self, keys: set[str], claim_id: int) -> list[_Candidate]:
        """The reviewed claims (but this one) and fact-checks that use one of ``keys`` (a
        claim's names and rarest words, ``_keys``): for the first claim asked, read by those
        stems; from the second, every reviewed claim and fact-check is read once and indexed
        by the stems it uses (a query by stem costs about as much as reading them all), its
        terms computed when first picked."""
        from verifier.store import past_reads

        self._asked += 1
        if self._asked == 1:
            found = [self._reviewed(r)
                     for r in past_reads.reviewed_naming(self.rows, keys, exclude=claim_id)]
            found += [self._fact_check(f) for f in past_reads.fact_checks_naming(self.rows, keys)]
            return [c for c in found if c.stems() & keys]
        if self._by_stem is None or (self._covered is not None
                                     and not keys <= self._covered):
            self._by_stem, self._covered = {}, None
            for candidate in self._every_candidate():
                for stem in candidate.stems():
                    self._by_stem.setdefault(stem, []).append(candidate)
        picked: dict[tuple[str, int], _Candidate] = {}
        for key in keys:
            for candidate in self._by_stem.get(key, ()):
                picked[(candidate.kind, candidate.id)] = candidate
        return [picked[k] for k in sorted(picked)]

    def _every_candidate(self) -> list[_Candidate]:
        """Every reviewed claim and fact-check, read (by id)."""
        from verifier.store import past_reads

        found = [self._reviewed(r) for r in past_reads.all_reviewed(self.rows)]
        return found + [self._fact_check(f) for f in past_reads.all_fact_checks(self.rows)]

    def _close_many(
        self, claim_id: int, mine: Counter[str], names: set[str], keys: set[str]
    ) -> list[tuple[_Candidate, float, tuple[str, ...], Shared]]:
        """The candidates that match, from every reviewed claim and fact-check read, their
        terms weighed and indexed once: only those sharing terms with the claim are seen."""
        if self._all is None:
            self._read_all()
        assert self._all is not None
        self._weigh([mine])
        shared_with: dict[int, list[str]] = {}
        for term in mine:  # in ``mine``'s order, as ``similarity`` lists the shared terms
            for n in self._postings.get(term, ()):
                shared_with.setdefault(n, []).append(term)
        close = []
        for n, shared in shared_with.items():
            if len(shared) < self._least_terms:  # no tier could pass it (``_could``)
                continue
            candidate = self._all[n]
            if (candidate.kind == "claim" and candidate.id == claim_id) or \
                    candidate.stem_set.isdisjoint(keys):  # found by one of its keys
                continue
            scored = self._score(mine, names, candidate, shared)
            if scored is not None:
                close.append(scored)
        return close

    def read_every(self) -> None:
        """``many``: read every reviewed claim and fact-check now (``share_every`` hands
        the reading to another matcher)."""
        if self._all is None:
            self._read_all()

    def share_every(self, source: Matcher) -> None:
        """Match from ``source``'s reading of every reviewed claim and fact-check (``many``:
        their terms, stems, postings, and the weights and document count they were weighed
        with), for a caller that knows none of what they were read from has changed since
        (the desk's queue: ``verifier.web.app.Desk.past_matcher``) and that lets no other
        matcher use them meanwhile; the verdicts they carry are read again here."""
        assert self.many and source._all is not None
        for candidate in source._all:
            if candidate.kind == "claim":  # set by ``_rate`` from this matcher's reading
                candidate.rated, candidate.evidence, candidate.url, candidate.by = (
                    "", "", None, "")
        self._all, self._postings = source._all, source._postings
        self.weights = dict(source.weights)
        self._documents = source._documents

    def _read_all(self) -> None:
        """Every reviewed claim and fact-check, with terms, weights, norms and postings."""
        everything = self._every_candidate()
        self._terms_of(everything)
        self._weigh([c.terms for c in everything if c.terms is not None])
        for n, candidate in enumerate(everything):
            assert candidate.terms is not None
            candidate.norm = norm(candidate.terms, self.weights)
            candidate.stem_set = frozenset(candidate.stems())
            for term in candidate.terms:
                self._postings.setdefault(term, []).append(n)
        self._all = everything

    def _score(
        self, mine: Counter[str], names: set[str], candidate: _Candidate, shared: list[str]
    ) -> tuple[_Candidate, float, tuple[str, ...], Shared] | None:
        """``similarity`` and ``judge`` of a candidate sharing ``shared`` (in ``mine``'s
        order); what no tier could pass (too few shared names or terms, too low a score) is
        neither scored nor sorted. None: not offered."""
        if not self._could(shared, names):
            return None
        if self._mine is not mine:
            self._mine = mine
            self._mine_weighted = weighted(mine, self.weights)
            self._mine_norm = norm(mine, self.weights)
        assert candidate.terms is not None and candidate.norm is not None
        score = _cosine(self._mine_weighted, candidate.terms, shared, self._mine_norm,
                        candidate.norm, self.weights)
        if score < self._least:
            return None
        terms = heaviest(shared, self.weights)
        found = shared_of(score, terms, names, self.weights, self._documents or 0)
        return None if self.bar.gives(found) == "none" else (candidate, score, terms, found)

    @staticmethod
    def _reviewed(r: Any) -> _Candidate:
        """A reviewed claim (``past_reads.ReviewedText``) as a candidate."""
        return _Candidate("claim", r.id, r.text, r.start, r.terms, r.content)

    @staticmethod
    def _fact_check(f: Any) -> _Candidate:
        return _Candidate("fact-check", f.id, f.claim, 0, f.terms, rated=f.verdict,
                          evidence=f"{f.publisher} rated it {f.rating!r}", url=f.url,
                          by=f.publisher)

    def _terms_of(self, candidates: Sequence[_Candidate]) -> None:
        """Each candidate's terms: a reviewed claim's wording without its attribution (as
        the claim's own: kept with its verdict, else worked out now), a fact-check's stored
        terms."""
        from verifier.store.past_reads import source_spans

        for c in candidates:
            if c.terms is None and c.content is not None:
                c.terms = unpack(c.content)
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

        if self._documents is None:  # (what ``shared_of`` weighs words against too)
            self._documents = document_count(self.rows) or 0
        missing = {t for counter in terms for t in counter if t not in self.weights}
        if not missing:
            return
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
    """The earlier verdicts one claim matches, best first (its story's first), each with
    what the claim does to it (``with_roles``)."""
    return with_roles(db, claim_id, Matcher(db, many=False).matches(claim_id, limit=limit))


def adopt(
    session: Session, claim_id: int, *, reviewer: str, ref: str | None = None,
    note: str | None = None,
) -> PastVerdict:
    """Give the claim the verdict of a match (``ref``: ``story:4``, ``claim:12`` or
    ``fact-check:3``; default the best match); the verdict's evidence says where it came
    from. ``UsageError`` when there is nothing to adopt."""
    from verifier.store.verdicts import (
        add_verdict,
        already,
        check_link,
        standing,
        verdict_history,
    )

    matches = past_verdicts(session, claim_id, limit=1000)
    if ref is not None:
        chosen = next((m for m in matches if m.ref == ref.strip().lower()), None)
        if chosen is None:
            raise NotFoundError(f"claim {claim_id} does not match {ref} (see `verifier claims "
                                f"show {claim_id}` for its matches)")
    else:
        usable = [m for m in matches if m.verdict in ADOPTABLE and not m.below_bar]
        if not usable:
            raise UsageError(f"claim {claim_id} matches no earlier verdict to adopt")
        chosen = usable[0]
    if chosen.verdict not in ADOPTABLE:
        raise UsageError(f"{chosen.ref} is {chosen.verdict}: nothing to adopt")
    current = standing(verdict_history(session, claim_id=claim_id))
    if current is not None and current.status == chosen.adopts:  # its own verdict says so
        raise UsageError(already(current, claim_id, None))
    if chosen.below_bar:
        raise UsageError(f"{chosen.ref} is only possibly related to claim {claim_id} "
                         f"({chosen.below_bar}): it is not adopted in one step; if it is the "
                         f"same claim, mark it with your own evidence (`verifier claims mark "
                         f"{claim_id} STATUS --evidence ... --by NAME`)")
    status = chosen.adopts
    if status is None:
        raise UsageError(f"claim {claim_id} declines or gives no answer: a refusal is neither "
                         f"true nor false of what {chosen.ref} reviewed, so there is no "
                         "verdict to adopt")
    where = {"story": f"story {chosen.id}", "claim": f"claim {chosen.id}",
             "fact-check": f"fact-check {chosen.id} by {chosen.by}"}[chosen.kind]
    how = (f", {status} as it denies what that found {chosen.verdict}"
           if status != chosen.verdict else "")
    evidence = f"adopted from {where} ({chosen.reason}{how}): {chosen.evidence}".strip()
    try:  # an imported fact-check's (or an older verdict's) link that is no http(s) url
        url = check_link(chosen.url)
    except UsageError:
        url = None
    add_verdict(session, claim_id=claim_id, status=status, evidence=evidence[:5000],
                reviewer=reviewer, url=url, note=note)
    return chosen


#: How many articles an example's words are weighed against (``example_gives``): its
#: ``common`` words are used by half of them, every other word and name by one.
EXAMPLE_DOCUMENTS = 100


def example_gives(example: Example, bar: AdoptBar | None = None) -> str:
    """What matching an example's claim against its reviewed sentence gives
    (``same``, ``related`` or ``none``), its words weighed as a desk's frequencies would."""
    from verifier.stories.terms import stem

    mine, theirs = terms_of(example.claim, bar), terms_of(example.reviewed, bar)
    common = {stem(w) for w in example.common}
    weights = {t: idf(EXAMPLE_DOCUMENTS // 2 if t[2:] in common else 1, EXAMPLE_DOCUMENTS)
               for t in (*mine, *theirs)}
    score, shared = similarity(mine, theirs, weights)
    names = names_of(mine)
    return judge(score, shared, names, weights, EXAMPLE_DOCUMENTS, bar)
