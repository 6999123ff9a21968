"""Grouping claims into stories by what they share: pure functions over claim texts.

Two passes, no NLP model:

1. **Within an article**, claims are read in order and a claim stays with the story of the
   claim before it (news copy keeps to one event), unless it shares clearly more with an
   earlier story of the article (it jumps back), or it is about something new: most of its
   rarity-weighted words (people, places, organisations, dates, event words; proper names
   count double) are new to the current story, it brings in names the article has not used,
   or it opens on another time ("In May, ..."). A refusal or denial, or a sentence that
   refers back ("It would be ...", "The official said ..."), never starts a story.
2. **Across articles**, an article's stories merge into earlier stories whose words they share
   (cosine similarity of rarity-weighted word counts above a threshold) and whose most used
   name is the same (Ban's visit and Kim's trip share words, not their subject).

``group`` runs both passes over a corpus; ``assign`` runs them for new articles against
existing stories, which is what ingest uses (existing memberships never change).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from verifier.config import data_path
from verifier.yamlio import read_yaml

#: Pass 1. A claim jumps to an earlier story of its article when it shares at least JUMP of
#: rarity-weighted words with it and MARGIN more than with the current story.
JUMP = 5.0
MARGIN = 1.0
#: It starts a story of its own when it brings NEW weight of names the article has not used
#: while sharing less than STAY with the current story, or when NOVEL of its weight is new
#: to the current story (or it opens on another time: "In May, ...").
NEW = 3.0
STAY = 5.0
NOVEL = 0.9
#: ... or when it shares none of the KEY_TERMS heaviest words of the current story.
KEY_TERMS = 6
#: Pass 2. Stories of different articles merge above this cosine similarity, when the
#: name the larger uses most occurs in the smaller and the TOP_NAMES names the smaller uses
#: most are among the larger's KEY_TERMS.
MERGE = 0.3
#: ... or above MERGE_SINGLE when one of them is a single claim.
MERGE_SINGLE = 0.5
TOP_NAMES = 1
#: Proper names weigh this much more than other words.
NAME_BOOST = 2.0

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]|\d[\d.,]*\d|\d")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: A sentence that opens on another time ("In May,", "Last year,") often starts another event.
_TIME_SHIFT = re.compile(
    rf"^\W*(?:in|since|last|earlier|starting|back in|until) (?:early |late |mid-)?"
    rf"(?:{_MONTH}|\d{{4}}|year|month|week|the past)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"^\W*(?:it|this|that|these|those|he|she|they|his|her|their|its|the (?:\w+ )?"
    r"(?:visit|trip|deal|talks|move|meeting|summit|official|source|sources|plan|report|"
    r"company|government|ministry|club|agreement|purchase|offer|decision|rumou?r|study|"
    r"review|proposal|fee|ban|announcement|transaction|acquisition|transfer|appointment)s?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Item:
    """A claim to group: ``key`` identifies it, ``doc`` its article; ``kinds`` its sourcing."""

    key: Hashable
    doc: Hashable
    position: int
    text: str
    kinds: tuple[str, ...] = ()


@dataclass(slots=True)
class Group:
    """A story being built: its members and the words they share."""

    members: list[Hashable] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    docs: set[Hashable] = field(default_factory=set)
    story: Hashable | None = None  # an existing story's id, when it came from the database

    def add(self, item: Item, words: Counter[str]) -> None:
        self.members.append(item.key)
        self.words.update(words)
        self.docs.add(item.doc)


@cache
def stopwords() -> frozenset[str]:
    raw = read_yaml(data_path("story_words.yaml"), "story word list")
    return frozenset(str(raw["stopwords"]).split())


def stem(word: str) -> str:
    """A light, rule-based stem: case, possessives, plurals and common verb endings."""
    word = word.lower().replace("’", "'")
    word = word.removesuffix("'s").removesuffix("'").replace(".", "")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def words(text: str) -> Counter[str]:
    """The event-bearing words of a sentence, stemmed, each marked as name or word.

    Capitalised words after the first token are names (``N:``); hyphenated names also give
    their capitalised parts ("Ki-moon" -> ki-moon, ki).
    """
    stop = stopwords()
    found: Counter[str] = Counter()
    for number, match in enumerate(_TOKEN.finditer(text)):
        token = match.group(0).strip(".'’-")
        if not token:
            continue
        is_name = token[0].isupper() and (number > 0 or token.isupper() or "-" in token)
        parts = [token, *[p for p in token.split("-") if p[:1].isupper()]] if "-" in token else [
            token
        ]
        for part in dict.fromkeys(parts):
            base = stem(part)
            if len(base) < 2 or base in stop or (base.isdigit() and len(base) < 3):
                continue
            found[("N:" if is_name else "W:") + base] += 1
    return found


def _weight(term: str, idf: Mapping[str, float]) -> float:
    return idf.get(term[2:], 1.0) * (NAME_BOOST if term.startswith("N:") else 1.0)


def document_frequencies(docs: Iterable[Iterable[str]]) -> tuple[Counter[str], int]:
    """How many documents use each word (names and words pooled), and the document count."""
    counts: Counter[str] = Counter()
    total = 0
    for doc in docs:
        total += 1
        counts.update({term[2:] for term in doc})
    return counts, total


def idf_table(df: Counter[str], total: int) -> dict[str, float]:
    return {term: math.log((total + 1) / (count + 0.5)) + 0.5 for term, count in df.items()}


def _plain(term: str) -> str:
    return term[2:]


def _plain_set(counter: Counter[str]) -> set[str]:
    return {t[2:] for t in counter}


def _cosine(a: Counter[str], b: Counter[str], idf: Mapping[str, float]) -> float:
    va: dict[str, float] = {}
    vb: dict[str, float] = {}
    for term, count in a.items():
        va[_plain(term)] = va.get(_plain(term), 0.0) + count * _weight(term, idf)
    for term, count in b.items():
        vb[_plain(term)] = vb.get(_plain(term), 0.0) + count * _weight(term, idf)
    dot = sum(va[t] * vb[t] for t in va.keys() & vb.keys())
    norm = math.sqrt(sum(v * v for v in va.values())) * math.sqrt(sum(v * v for v in vb.values()))
    return dot / norm if norm else 0.0


def _refers_back(item: Item, claim_words: Counter[str]) -> bool:
    if any(kind in ("declined", "denied") for kind in item.kinds):
        return True
    return bool(_BACK_REFERENCE.match(item.text)) or not claim_words


def _shared(claim: Counter[str], group: Counter[str], idf: Mapping[str, float]) -> float:
    """Rarity-weighted evidence the claim and the group share (names count extra)."""
    plain = _plain_set(group)
    return sum(_weight(t, idf) for t in claim if _plain(t) in plain)


def _novelty(claim: Counter[str], group: Counter[str], idf: Mapping[str, float]) -> float:
    """The rarity-weighted share of the claim's words that the group has not used."""
    total = sum(_weight(t, idf) for t in claim)
    return 1.0 - _shared(claim, group, idf) / total if total else 0.0


def _new_names(claim: Counter[str], groups: Sequence[Group], idf: Mapping[str, float]) -> float:
    known: set[str] = set()
    for group in groups:
        known |= _plain_set(group.words)
    return sum(_weight(t, idf) for t in claim if t.startswith("N:") and _plain(t) not in known)


def group_article(items: Sequence[Item], idf: Mapping[str, float]) -> list[Group]:
    """Pass 1: the stories of one article, claims in reading order.

    A claim stays with the story of the claim before it (news copy keeps to one event) unless
    it shares clearly more with another story, or it brings in names the article has not used
    yet while sharing little with the current story: then it starts a story of its own.
    """
    groups: list[Group] = []
    current: Group | None = None
    for item in sorted(items, key=lambda i: i.position):
        claim_words = words(item.text)
        target: Group | None = None
        if current is not None:
            stay = _shared(claim_words, current.words, idf)
            best, best_score = current, stay
            for group in groups:
                score = _shared(claim_words, group.words, idf)
                if score > best_score:
                    best, best_score = group, score
            if (
                best is not current
                and best_score >= JUMP
                and best_score > stay + MARGIN
                and _key_terms(best, idf) & _plain_set(claim_words)
            ):
                target = best
            elif (
                (
                    _TIME_SHIFT.match(item.text)
                    or (_new_names(claim_words, groups, idf) >= NEW and stay < STAY)
                    or _novelty(claim_words, current.words, idf) >= NOVEL
                    or not _key_terms(current, idf) & _plain_set(claim_words)
                )
                and not _refers_back(item, claim_words)
            ):
                target = None
            else:
                target = current
        if target is None:
            target = Group()
            groups.append(target)
        target.add(item, claim_words)
        current = target
    return groups


def _key_terms(group: Group, idf: Mapping[str, float]) -> set[str]:
    """The KEY_TERMS words and names that weigh most in a story (count x rarity)."""
    weights: dict[str, float] = {}
    for term, count in group.words.items():
        weights[_plain(term)] = weights.get(_plain(term), 0.0) + count * _weight(term, idf)
    return set(sorted(weights, key=lambda t: (-weights[t], t))[:KEY_TERMS])


def _top_names(group: Group, idf: Mapping[str, float], k: int) -> list[str]:
    names: dict[str, float] = {}
    for term, count in group.words.items():
        if term.startswith("N:"):
            names[_plain(term)] = names.get(_plain(term), 0.0) + count * idf.get(_plain(term), 1.0)
    return sorted(names, key=lambda n: (-names[n], n))[:k]


def _same_subject(a: Group, b: Group, idf: Mapping[str, float]) -> bool:
    """The name the larger story uses most occurs in the smaller one, and the TOP_NAMES
    names the smaller one uses most are among the larger one's key terms."""
    small, large = sorted((a, b), key=lambda g: len(g.members))
    large_keys = _key_terms(large, idf)
    return all(n in _plain_set(small.words) for n in _top_names(large, idf, 1)) and all(
        n in large_keys for n in _top_names(small, idf, TOP_NAMES)
    )


def merge_into(
    new: Sequence[Group], existing: list[Group], idf: Mapping[str, float]
) -> list[Group]:
    """Pass 2: each new group joins the most similar existing group from another article
    (cosine >= MERGE), else is appended as a story of its own. Returns ``existing``."""
    for group in new:
        best, best_score = None, MERGE
        for other in existing:
            if other.docs & group.docs:
                continue
            score = _cosine(group.words, other.words, idf)
            single = min(len(group.members), len(other.members)) < 2
            if score >= (MERGE_SINGLE if single else best_score) and score >= best_score and (
                _same_subject(group, other, idf)
            ):
                best, best_score = other, score
        if best is None:
            existing.append(group)
        else:
            best.members.extend(group.members)
            best.words.update(group.words)
            best.docs |= group.docs
    return existing


def assign(
    items: Sequence[Item], existing: Sequence[Group] = (), idf: Mapping[str, float] | None = None
) -> list[Group]:
    """Group new claims (any number of articles, in article order) against existing stories.

    ``existing`` groups keep their members; new claims only ever add to them or form new
    groups. ``idf`` defaults to rarity over the new and existing texts together.
    """
    by_doc: dict[Hashable, list[Item]] = {}
    for item in items:
        by_doc.setdefault(item.doc, []).append(item)
    if idf is None:
        idf = corpus_idf(items, existing)
    groups = list(existing)
    for doc_items in by_doc.values():
        merge_into(group_article(doc_items, idf), groups, idf)
    return groups


def corpus_idf(items: Sequence[Item], existing: Sequence[Group] = ()) -> dict[str, float]:
    """Rarity of each word over the articles of ``items`` plus each existing story."""
    per_doc: dict[Hashable, set[str]] = {}
    for item in items:
        per_doc.setdefault(item.doc, set()).update(words(item.text))
    docs: list[Iterable[str]] = list(per_doc.values())
    docs.extend(group.words.keys() for group in existing)
    return idf_table(*document_frequencies(docs))


def group(items: Sequence[Item]) -> list[list[Hashable]]:
    """Every claim of a corpus grouped into stories: a list of member keys per story."""
    return [g.members for g in assign(items)]
