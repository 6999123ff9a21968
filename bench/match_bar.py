"""Earlier verdicts matched, as a fact-checker meets them, measured on the labelled sets.

    .venv/bin/python bench/match_bar.py [--corpus /work/realcorpus/tune] [--cache DIR]
        [--sets PQRSTUVWXYZ] [--rule old] [--loso [--pooled]] [--sample N] [--list N]
        [--hold Z]

Each set's texts are ingested into a database as a user would (``ingest_labelled``, cached
in ``--cache``: ``DIR/setX.db``); each stored claim takes the labelled sentence it overlaps
most (a claim the labellers did not call one is left out). Every claim is then matched
against every claim of another article as ``verifier.stories.matching`` would offer it had
that claim been reviewed: content terms (the analyser's source and cue words and the
dateline blanked), the database's document frequencies, the tiers of
``data/adopting.yaml`` (``matching.judge``). A pair is counted once (the tiers read what
the two share, the same both ways).

Printed per set (matching within the set, its own frequencies) and pooled (all sets in one
database): pairs offered and pairs adoptable in one step, with

- **P**: of those whose sentences are both in labelled stories of one set (each set's
  stories were labelled apart, and two sets share some events), the share in one labelled
  story (the proxy for "the same claim"; in brackets the claim proxy: one story, and a word
  of its labelled event description or a number both use);
- **R**: of the pairs of claims in different articles sharing a labelled story, the share
  offered in one step (in brackets: of the claim proxy's pairs);
- **claims**: of the claims with a same-story claim in another article, the share offered
  one in one step (what a desk sees: a returning claim shown its earlier verdict).

``--rule old`` measures the rule before session 24 (a shared name needed). ``--loso``
chooses the one-step tiers leave one set out (``choose``) and scores each held-out set
(``--pooled``: all sets in one database). ``--sample N`` prints N offered pairs the claim
proxy calls the same and N it calls different, ``--list N`` the N offered pairs of highest
similarity in no shared story (sets other than ``--hold``, for reading by hand).
"""

from __future__ import annotations

import json
import math
import random
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verifier.stories import matching
from verifier.stories.adopting import Shared, Tier
from verifier.stories.terms import idf, names_of, stopwords

SETS = "PQRSTUVWXYZ"


@dataclass(slots=True)
class Claim:
    set: str  # its letter
    doc: str
    i: int  # the labelled sentence it overlaps most
    text: str
    terms: Counter[str]
    stories: frozenset[str] = frozenset()
    #: per labelled story of its sentence, the words of the story's event it uses
    events: dict[str, frozenset[str]] = field(default_factory=dict)

    def same_claim(self, other: Claim) -> bool:
        """The claim proxy: a labelled story of both, and a word of its event (or a number)
        that both use."""
        return any(self.events[s] & other.events[s] for s in self.stories & other.stories)


@dataclass(slots=True)
class Corpus:
    claims: list[Claim] = field(default_factory=list)
    df: dict[str, Counter[str]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)


def build(corpus: Path, name: str, cache: Path) -> Path:
    """The set's database, ingested once (``ingest_labelled``, as ``eval-stories`` does)."""
    db = cache / f"{name}.db"
    if db.is_file():
        return db
    from verifier.config import sources_path
    from verifier.evaluation.labels import read_label_rows
    from verifier.evaluation.stories import read_manifest_dates
    from verifier.registry import load_registry
    from verifier.store.database import open_database
    from verifier.stories.replay import ingest_labelled

    cache.mkdir(parents=True, exist_ok=True)
    rows = read_label_rows(corpus / f"{name}.labels.jsonl")
    paths = {d: corpus / name / f"{d}.txt" for d in sorted({r["doc"] for r in rows})}
    manifest = corpus / f"{name}.manifest.tsv"
    dates = read_manifest_dates(manifest) if manifest.is_file() else None
    partial = db.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with open_database(str(partial)) as database:
        ingest_labelled(database, paths, load_registry(sources_path(None)), dates)
    partial.rename(db)
    return db


_NUMBER = set("0123456789")


def event_words(text: str) -> set[str]:
    """The stems of a labelled event description's words (not names): what the story is."""
    return {t[2:] for t in matching.terms_of(text)
            if t.startswith("W:") or _NUMBER & set(t)} - stopwords()


def load(corpus: Path, name: str, cache: Path) -> tuple[list[Claim], Counter[str], int]:
    from verifier.stories.replay import label_spans

    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    is_claim: set[tuple[str, int]] = set()
    for line in (corpus / f"{name}.labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        labels[row["doc"]].append((row["i"], row["text"]))
        if row["claim"]:
            is_claim.add((row["doc"], row["i"]))
    stories: defaultdict[tuple[str, int], set[str]] = defaultdict(set)
    events: dict[str, set[str]] = {}
    for line in (corpus / f"{name}.stories.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        events.setdefault(story["story"], set()).update(event_words(story.get("event") or ""))
        for i in story["sentences"]:
            stories[(story["doc"], i)].add(story["story"])
    db = sqlite3.connect(build(corpus, name, cache))
    docs = {aid: Path(path).stem for aid, path in db.execute("SELECT id, path FROM articles")}
    texts = dict(db.execute("SELECT id, text FROM articles"))
    spans: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for cid, a, b, c, d in db.execute(
            "SELECT claim_id, source_start, source_end, cue_start, cue_end FROM attributions "
            "ORDER BY claim_id, position"):
        spans[cid].extend([(a, b), (c, d)])
    found: list[Claim] = []
    for cid, aid, text, start, end in db.execute(
            "SELECT id, article_id, text, start, \"end\" FROM claims ORDER BY id"):
        doc = docs[aid]
        best, overlap = None, 0
        for i, (s, e) in label_spans(texts[aid], labels[doc]).items():
            shared = min(end, e) - max(start, s)
            if shared > overlap:
                best, overlap = i, shared
        if best is None or (doc, best) not in is_claim:
            continue
        terms = matching.terms_of(matching.content(text, start, spans[cid]))
        own = frozenset(stories[(doc, best)])
        mine = {t[2:] for t in terms if t.startswith("W:") or _NUMBER & set(t)}
        found.append(Claim(name[-1], doc, best, text, terms, own,
                           {s: frozenset(mine & events[s]) for s in own}))
    df = Counter({t: n for t, n in db.execute("SELECT term, documents FROM term_frequencies")
                  if t})
    documents = next(iter(db.execute(
        "SELECT documents FROM term_frequencies WHERE term = ''")), (0,))[0]
    return found, df, int(documents)


def read(corpus: Path, cache: Path, sets: str) -> Corpus:
    data = Corpus()
    for letter in sets:
        claims, df, documents = load(corpus, f"set{letter}", cache)
        data.claims.extend(claims)
        data.df[letter], data.documents[letter] = df, documents
    return data


Pair = tuple[int, int, float, tuple[str, ...]]


def pairs_of(claims: Sequence[Claim], weights: Mapping[str, float]) -> list[Pair]:
    """Every pair of claims of different articles sharing a term: (a, b, cosine, shared)."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for n, c in enumerate(claims):
        for t in c.terms:
            postings[t].append(n)
    found: list[Pair] = []
    for a, c in enumerate(claims):
        others = {b for t in c.terms for b in postings[t] if b > a}
        for b in sorted(others):
            if claims[b].doc == c.doc:
                continue
            score, shared = matching.similarity(c.terms, claims[b].terms, weights)
            found.append((a, b, score, shared))
    return found


def weights_of(df: Mapping[str, int], documents: int,
               claims: Iterable[Claim]) -> dict[str, float]:
    return {t: idf(df.get(t[2:], 0), max(documents, 1)) for c in claims for t in c.terms}


Decide = Callable[[Claim, Claim, float, tuple[str, ...], Mapping[str, float], float], str]


def decide_now(a: Claim, b: Claim, score: float, shared: tuple[str, ...],
               weights: Mapping[str, float], documents: float) -> str:
    """"": not offered; "related": offered below the adoption bar; "same": adoptable."""
    names = names_of(a.terms)
    given = matching.judge(score, shared, names, weights, documents)
    return "" if given == "none" else given


def decide_old(a: Claim, b: Claim, score: float, shared: tuple[str, ...],
               weights: Mapping[str, float], documents: float) -> str:
    """The rule before session 24: a shared name, cosine >= .5, two shared terms; adoptable
    with one shared word beside names."""
    names = names_of(a.terms)
    if not (score >= 0.5 and len(shared) >= 2 and any(t in names for t in shared)):
        return ""
    return "same" if any(t not in names for t in shared) else "related"


@dataclass(slots=True)
class Tally:
    """Offered pairs (``judged``: both sentences in labelled stories, so the proxies can
    say), one-step pairs, and the pairs the proxies call the same (recall's denominators)."""

    offered: int = 0
    judged: int = 0
    offered_story: int = 0
    offered_claim: int = 0
    same: int = 0
    same_judged: int = 0
    same_story: int = 0
    same_claim: int = 0
    gold_story: int = 0
    gold_claim: int = 0
    #: claims with a same-story claim in another article, and those offered one in one step
    returning: int = 0
    returning_found: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, label: str) -> str:
        def p(n: int, d: int) -> str:
            return f"{n / d:.3f}" if d else "  -  "
        return (f"{label:7s} offered {self.offered:4d} P {p(self.offered_story, self.judged)}"
                f" ({p(self.offered_claim, self.judged)}) | one-step {self.same:4d} P "
                f"{p(self.same_story, self.same_judged)} ({p(self.same_claim, self.same_judged)})"
                f" R {p(self.same_story, self.gold_story)} ({p(self.same_claim, self.gold_claim)})"
                f" claims {p(self.returning_found, self.returning)}")


def gold_pairs(claims: Sequence[Claim]) -> tuple[int, int, dict[int, int]]:
    """Pairs of claims of different articles sharing a labelled story, those the claim proxy
    calls the same claim, and per claim how many same-story claims other articles have."""
    by_story: defaultdict[str, list[int]] = defaultdict(list)
    for n, c in enumerate(claims):
        for s in c.stories:
            by_story[s].append(n)
    story: set[tuple[int, int]] = set()
    claim: set[tuple[int, int]] = set()
    for members in by_story.values():
        for x in members:
            for y in members:
                a, b = claims[x], claims[y]
                if x < y and a.doc != b.doc:
                    story.add((x, y))
                    if a.same_claim(b):
                        claim.add((x, y))
    partners: Counter[int] = Counter()
    for x, y in story:
        partners[x] += 1
        partners[y] += 1
    return len(story), len(claim), dict(partners)


Kept = list[tuple[str, Claim, Claim, float, tuple[str, ...]]]


def tally(claims: Sequence[Claim], pairs: Sequence[Pair], weights: Mapping[str, float],
          documents: float, decide: Decide, kept: Kept | None = None) -> Tally:
    gold_story, gold_claim, partners = gold_pairs(claims)
    t = Tally(gold_story=gold_story, gold_claim=gold_claim, returning=len(partners))
    found: set[int] = set()
    for a, b, score, shared in pairs:
        ca, cb = claims[a], claims[b]
        verdict = decide(ca, cb, score, shared, weights, documents)
        if not verdict:
            continue
        judged = bool(ca.stories and cb.stories) and ca.set == cb.set  # one set's labels
        story, claim = bool(ca.stories & cb.stories), ca.same_claim(cb)
        t.offered += 1
        t.judged += judged
        t.offered_story += story
        t.offered_claim += claim
        if verdict == "same":
            t.same += 1
            t.same_judged += judged
            t.same_story += story
            t.same_claim += claim
            if story:
                found.update((a, b))
        if kept is not None:
            kept.append((verdict, ca, cb, score, shared))
    t.returning_found = len(found)
    return t


#: The grids the one-step tiers are chosen from (``--loso``): a tier for matches sharing a
#: name, and one for any match (sharing no name too), or none.
NAMED_GRID = [Tier(similarity=s, names=1, words=w) for s in (0.4, 0.5, 0.6, 0.7)
              for w in (1, 2, 3)]
ANY_GRID: list[Tier | None] = [None] + [
    Tier(similarity=s, words=w, weight=g) for s in (0.3, 0.4, 0.5, 0.6, 0.7)
    for w in (2, 3, 4, 5) for g in (0.0, 0.5, 1.0, 1.5, 2.0, 2.5)]
#: The precision (on the story proxy) a desk accepts of matches adopted in one step.
PRECISION = 0.9

Feature = tuple[Shared, bool, bool, bool, int, int]


def features(claims: Sequence[Claim], weights: Mapping[str, float],
             documents: float) -> list[Feature]:
    """What each pair shares, whether both are in labelled stories, share one, and the
    claim proxy's verdict; the pair's claims (indices)."""
    found = []
    for a, b, score, shared in pairs_of(claims, weights):
        ca, cb = claims[a], claims[b]
        names = names_of(ca.terms)
        got = matching.shared_of(score, shared, names, weights, documents)
        if got.similarity < 0.3 or got.terms < 2:
            continue
        found.append((got, bool(ca.stories and cb.stories), bool(ca.stories & cb.stories),
                      ca.same_claim(cb), a, b))
    return found


class Masks:
    """Each set's pairs as bits: those judged, right (story proxy) and right (claim proxy),
    and per tier those it passes; a choice of tiers is counted by OR and bit counts."""

    def __init__(self, rows: Sequence[Feature]) -> None:
        self.judged = self.story = self.claim = 0
        for n, (_, judged, story, same, _, _) in enumerate(rows):
            self.judged |= judged << n
            self.story |= story << n
            self.claim |= same << n
        self.rows = rows
        self.passes: dict[Tier, int] = {}

    def of(self, tier: Tier) -> int:
        found = self.passes.get(tier)
        if found is None:
            found = 0
            for n, row in enumerate(self.rows):
                found |= tier.passes(row[0]) << n
            self.passes[tier] = found
        return found

    def counts(self, tiers: Sequence[Tier]) -> tuple[int, int, int]:
        """One-step pairs judged, right on the story proxy, right on the claim proxy."""
        chosen = 0
        for tier in tiers:
            chosen |= self.of(tier)
        chosen &= self.judged
        return (chosen.bit_count(), (chosen & self.story).bit_count(),
                (chosen & self.claim).bit_count())


def lower_bound(right: int, n: int, z: float = 1.2816) -> float:
    """The one-sided 90% Wilson lower bound of a precision of ``right`` in ``n``: a bar
    chosen on the fit sets should hold at ``PRECISION`` on a set it has not seen."""
    if not n:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def choose(masks: Mapping[str, Masks], fit: str) -> tuple[Tier, ...]:
    """The tiers with the most right one-step pairs over the ``fit`` sets whose precision
    there is at least ``PRECISION`` at its 90% lower bound (ties: higher precision, then
    the stricter: the later in the grids)."""
    best: tuple[tuple[int, float], tuple[Tier, ...]] | None = None
    for named in NAMED_GRID:
        for other in ANY_GRID:
            tiers = (named,) if other is None else (named, other)
            judged = right = 0
            for letter in fit:
                j, r, _ = masks[letter].counts(tiers)
                judged, right = judged + j, right + r
            precision = right / judged if judged else 0.0
            if lower_bound(right, judged) < PRECISION:
                continue
            key = (right, precision)
            if best is None or key >= best[0]:  # ties: the later, stricter tiers
                best = (key, tiers)
    assert best is not None
    return best[1]


def loso(data: Corpus, sets: str, pooled: bool = False, both: bool = False) -> None:
    """Each set's one-step precision and recall with tiers chosen on the other sets
    (``pooled``: all sets in one database, each set's own pairs)."""
    per_set: dict[str, list[Feature]] = {}
    golds: dict[str, tuple[int, int, dict[int, int]]] = {}
    if pooled or both:  # one database: each set's pairs (both claims of it), weighed by them all
        df: Counter[str] = Counter()
        for letter in sets:
            df.update(data.df[letter])
        documents = sum(data.documents[letter] for letter in sets)
        weights = weights_of(df, documents, data.claims)
        every = features(data.claims, weights, documents)
    for letter in sets:
        claims = [c for c in data.claims if c.set == letter]
        golds[letter] = gold_pairs(claims)
        if not pooled:
            own = weights_of(data.df[letter], data.documents[letter], claims)
            per_set[letter] = features(claims, own, data.documents[letter])
            if not both:
                continue
        index = {id(c): n for n, c in enumerate(claims)}
        per_set[letter] = per_set.get(letter, []) + [
            (got, judged, story, same, index[id(data.claims[a])], index[id(data.claims[b])])
            for got, judged, story, same, a, b in every
            if data.claims[a].set == letter and data.claims[b].set == letter]
    masks = {letter: Masks(rows) for letter, rows in per_set.items()}
    total = [0, 0, 0, 0, 0, 0, 0]
    for letter in sets:
        tiers = choose(masks, sets.replace(letter, ""))
        judged, right, claim = masks[letter].counts(tiers)
        story_gold, claim_gold, partners = golds[letter]
        found = {i for got, _, story, _, a, b in per_set[letter] if story
                 and any(t.passes(got) for t in tiers) for i in (a, b)}
        for n, v in enumerate((judged, right, claim, story_gold, claim_gold, len(found),
                               len(partners))):
            total[n] += v
        print(f"set{letter} held out: P {right / max(judged, 1):.3f} ({claim / max(judged, 1):.3f})"
              f" R {right / max(story_gold, 1):.3f} ({claim / max(claim_gold, 1):.3f}) claims "
              f"{len(found) / max(len(partners), 1):.3f}  n={judged}  tiers "
              + "; ".join(_tier(t) for t in tiers))
    judged, right, claim, story_gold, claim_gold, found_n, partners_n = total
    print(f"held out, summed: P {right / max(judged, 1):.3f} ({claim / max(judged, 1):.3f}) "
          f"R {right / max(story_gold, 1):.3f} ({claim / max(claim_gold, 1):.3f}) claims "
          f"{found_n / max(partners_n, 1):.3f} n={judged}")
    print("chosen on all sets: " + "; ".join(_tier(t) for t in choose(masks, sets)))


def _tier(t: Tier) -> str:
    return (f"sim>={t.similarity} names>={t.names} words>={t.words}"
            + (f" weight>={t.weight}" if t.weight else ""))


def main(argv: list[str]) -> int:
    def option(name: str, default: str) -> str:
        return argv[argv.index(name) + 1] if name in argv else default

    corpus = Path(option("--corpus", "/work/realcorpus/tune"))
    cache = Path(option("--cache", "/tmp/match-bar-cache"))
    sets = option("--sets", SETS)
    decide = decide_old if option("--rule", "now") == "old" else decide_now
    data = read(corpus, cache, sets)
    if "--loso" in argv:
        loso(data, sets, "--pooled" in argv, "--both" in argv)
        return 0
    kept: Kept = []
    print("P: of offered pairs with both sentences in labelled stories, those sharing one "
          "(claim proxy in brackets); R: of pairs sharing a labelled story (claim proxy); "
          "claims: of claims with a same-story claim elsewhere, those offered one in one step")
    total = Tally()
    for letter in sets:
        claims = [c for c in data.claims if c.set == letter]
        weights = weights_of(data.df[letter], data.documents[letter], claims)
        t = tally(claims, pairs_of(claims, weights), weights, data.documents[letter], decide, kept)
        total.add(t)
        print(t.row(f"set{letter}"))
    print(total.row("sum"))
    df: Counter[str] = Counter()
    for letter in sets:
        df.update(data.df[letter])
    weights = weights_of(df, sum(data.documents.values()), data.claims)
    print(tally(data.claims, pairs_of(data.claims, weights), weights,
                sum(data.documents.values()), decide).row("pooled"))
    hold = option("--hold", "Z")
    if "--sample" in argv:
        n = int(option("--sample", "20"))
        rng = random.Random(24)
        readable = [k for k in kept if k[1].set not in hold]
        for want in (True, False):
            chosen = [k for k in readable if k[1].same_claim(k[2]) == want]
            print(f"\n--- sample of offered pairs the claim proxy calls "
                  f"{'the same claim' if want else 'different'} ({len(chosen)})")
            for verdict, a, b, score, shared in rng.sample(chosen, min(n, len(chosen))):
                print(f"{verdict} {score:.2f} [{' '.join(shared[:6])}] story="
                      f"{bool(a.stories & b.stories)}\n  A {a.doc}:{a.i} {a.text[:160]}\n"
                      f"  B {b.doc}:{b.i} {b.text[:160]}")
    if "--list" in argv:
        n = int(option("--list", "20"))
        wrong = [k for k in kept if not k[1].stories & k[2].stories and k[1].set not in hold]
        for verdict, a, b, score, shared in sorted(wrong, key=lambda k: -k[3])[:n]:
            print(f"{verdict} {score:.2f} [{' '.join(shared[:6])}]\n  A {a.text[:120]}\n"
                  f"  B {b.text[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
