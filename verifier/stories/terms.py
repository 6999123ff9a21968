"""The terms of a sentence that say which event it is about, and the values grouping works on.

No NLP model: tokens are lightly stemmed; function words, reporting verbs and sourcing
vocabulary (``data/story_words.yaml``) are dropped. Capitalised words are names (``N:``), the
rest words (``W:``); multi-word names also give their initials ("Financial Supervisory
Service" -> fss) so a later acronym matches. Rarity is IDF over documents.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from verifier.analysis.dateline import DATELINE as _DATELINE
from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.parsecache import read_yaml_cached

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]|\d[\d.,]*\d|\d")
#: What comes right before a word that opens a sentence or clause (so its capital says nothing).
_OPENER = re.compile(r"(?:--|[—–:\"“‘(]|\s-)\s*$")
#: A capitalised compound that describes ("Seoul-based", "US-driven", "Chinese-led") is no name.
_COMPOUND = re.compile(r"-(?:[a-z]+(?:ed|ing|en)|based|led|owned|backed|born|made|style|wide)$")
#: Letters NFKD does not take apart, written as English copy writes them ("Støre" -> Store).
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                          "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i",
                          "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})
#: A possessive ending ("Biya's", "Biya’s", "Davies'").
_POSSESSIVE = re.compile(r"['’]s$")
#: A word with a possessive anywhere in a text (any script).
_ANY_POSSESSIVE = re.compile(r"[^\W\d_]['’]s\b")
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|the|de|&)\s+)*[A-Z][\w'’-]*)+")


#: The lists ``story_words.yaml`` must give (no other key is accepted): each a string of
#: lower-case words separated by white space, or a YAML list of lower-case words or phrases.
STORY_WORD_LISTS = (
    "stopwords", "back_reference_pronouns", "back_reference_heads", "event_heads",
    "separate_words", "separate_nouns", "other_quantifiers", "separate_adverbs",
    "adding_adverbs", "lead_adverbs", "subject_verbs", "title_words", "epithet_heads",
    "event_words", "description_verbs", "report_determiners", "report_nouns",
)


def parse_story_words(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    """Validate a parsed ``story_words.yaml``: every list present, nothing else, each entry a
    lower-case word or phrase (``where`` names the file in errors)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of word lists")
    unknown = sorted(str(k) for k in raw if k not in STORY_WORD_LISTS)
    if unknown:
        raise ConfigError(f"{where}: field {unknown[0]!r}: unknown "
                          f"(expected one of {', '.join(STORY_WORD_LISTS)})")
    lists: dict[str, tuple[str, ...]] = {}
    for key in STORY_WORD_LISTS:
        if key not in raw:
            raise ConfigError(f"{where}: field {key!r}: missing")
        value = raw[key]
        entries = value.split() if isinstance(value, str) else value
        if (not isinstance(entries, list) or not entries
                or any(not isinstance(e, str) or not e.strip() or e != e.lower()
                       for e in entries)):
            raise ConfigError(f"{where}: field {key!r}: expected lower-case words (a string) "
                              f"or a list of lower-case words or phrases")
        lists[key] = tuple(" ".join(e.split()) for e in entries)
    grouped: dict[str, int] = {}
    for number, entry in enumerate(lists["event_words"]):
        group = entry.split()
        if len(group) < 2:
            raise ConfigError(f"{where}: field 'event_words': entry {entry!r}: expected a group "
                              f"of two or more words")
        for word in group:
            if grouped.setdefault(word, number) != number:
                raise ConfigError(f"{where}: field 'event_words': {word!r} is in two groups")
    return lists


@cache
def story_words() -> dict[str, tuple[str, ...]]:
    """The packaged word lists for story grouping, validated."""
    path = data_path("story_words.yaml")
    return parse_story_words(read_yaml_cached(path, "story word list"), str(path))


def word_list(key: str) -> tuple[str, ...]:
    return story_words()[key]


@cache
def stopwords() -> frozenset[str]:
    return frozenset(word_list("stopwords"))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, rule-based stem: case, possessives, plurals and common verb endings; the
    words of one event (``event_words``: "bought", "takeover", "acquired") give that
    group's first word's stem."""
    found = _stem(word)
    return _event_words().get(found, found)


def _stem(word: str) -> str:
    word = fold(word).lower().replace("’", "'")
    word = word.removesuffix("'s").removesuffix("'").replace(".", "")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


@cache
def _event_words() -> dict[str, str]:
    """Stem -> the stem its event group is known by (``event_words`` in story_words.yaml)."""
    found: dict[str, str] = {}
    for entry in word_list("event_words"):
        group = entry.split()
        for word in group:
            found[_stem(word)] = _stem(group[0])
    return found


def words(text: str) -> Counter[str]:
    """The event-bearing terms of a sentence, stemmed, each marked as name (``N:``) or word.
    (Cached: callers must not change the counter they get.)

    Capitalised words are names unless they open the sentence alone (a capitalised word
    followed by another one, "Hanseong Heavy ...", is a name there too); hyphenated names
    also give their parts of three letters or more ("Ki-moon" -> ki-moon, moon). A dateline
    or label that opens the text ("LONDON, Aug 21 (Reuters) -") gives no terms. Accents are
    dropped first (``fold``: "Katrín" is katrin, not katr); the database's terms were re-read
    so when this came in (migration 0015).
    """
    return _read(text).terms


@dataclass(frozen=True, slots=True)
class _Reading:
    """What ``_read`` finds in a sentence: its terms (``words``), the stems of the capitalised
    words read as plain words because they open it or a clause alone (``openers``; with
    whether each carries a possessive, "Biya's"), and the stems it uses in lower case."""

    terms: Counter[str]
    openers: tuple[tuple[str, bool], ...]
    lower: frozenset[str]


def fold(text: str) -> str:
    """Latin letters without their accents ("Tolušić" -> Tolusic, "Lomé" -> Lome, "Støre" ->
    Store), so a name reads the same whether an outlet keeps its diacritics or drops them.

    That is the text's NFKD (after ``_LETTERS``) without its combining marks, computed a
    character at a time (``_Folded``): a decomposition is a character's own, and the canonical
    reordering NFKD then does only moves combining marks, which are all dropped."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(_fold_run, text)


class _Folded(dict[str, str]):
    """Each non-ASCII character's fold, worked out the first time it is met."""

    def __missing__(self, char: str) -> str:
        decomposed = unicodedata.normalize("NFKD", char.translate(_LETTERS))
        folded = self[char] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return folded


_FOLDED = _Folded()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return "".join(map(_FOLDED.__getitem__, match.group()))


@lru_cache(maxsize=1 << 15)
def _read(text: str) -> _Reading:
    text = fold(text)
    dateline = _DATELINE.match(text)
    if dateline is not None:
        text = text[dateline.end():]
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group(0).strip(".'’-") for m in matches]
    last = len(tokens) - 1
    found: list[str] = []  # in order of first use, counted at the end (in C)
    openers: list[tuple[str, bool]] = []
    lower: list[str] = []
    for number, token in enumerate(tokens):
        if not token:
            continue
        is_name = False
        if token[0].isupper():  # only a capital can make a name: look around it then
            start = matches[number].start()
            is_name = (
                (number != 0 and not _OPENER.search(text[max(0, start - 4):start]))
                or token.isupper() or "-" in token
                or (number < last and tokens[number + 1][:1].isupper())
            ) and not _COMPOUND.search(token)
        if "-" not in token:
            base = _base(token)
            if base:
                found.append(("N:" if is_name else "W:") + base)
                if not is_name and token[0].isupper():
                    openers.append((base, _POSSESSIVE.search(matches[number].group(0)) is not None))
                elif token[0].islower():
                    lower.append(base)
            continue
        parts = [token, *(p for p in token.split("-") if len(p) > 2)]
        for part in dict.fromkeys(parts):
            base = _base(part)
            if base:
                found.append(("N:" if is_name and part[0].isupper() else "W:") + base)
    found.extend("N:" + acronym for acronym in sorted(acronyms(text)))  # a set: hash order
    return _Reading(Counter(found), tuple(openers), frozenset(lower))


def named_openings(items: Sequence[Item]) -> list[Item]:
    """An article's claims with the capitalised words that open a sentence alone and carry a
    possessive ("Biya's disappearance ...") read as names, unless the article also uses the
    word in lower case ("Government's plans ..." beside "the government"). A claim with no
    such word is given back as it was.

    A word the article names elsewhere ("Papadimitriu said ..." after "minister Papadimitriu")
    is left a word: read as a name it joined one person's stories of other events in pass 2
    (labelled pass 1 on P, R, T: macro .910 -> .902; the real pass 1 unchanged).
    """
    # only a sentence with a possessive is read again (ingest's writer holds stored terms)
    if not any(_ANY_POSSESSIVE.search(item.text)
               and any(possessive for _, possessive in _read(item.text).openers)
               for item in items):
        return list(items)
    lower = frozenset().union(*(_read(item.text).lower for item in items))
    found: list[Item] = []
    for item in items:
        promote = [base for base, possessive in _read(item.text).openers
                   if possessive and base not in lower] if _ANY_POSSESSIVE.search(item.text) else []
        if not promote:
            found.append(item)
            continue
        terms = Counter(item.words())
        for base in promote:
            if terms["W:" + base] > 0:
                terms["W:" + base] -= 1
                terms["N:" + base] += 1
        found.append(replace(item, terms=+terms))
    return found


@lru_cache(maxsize=1 << 16)
def _base(token: str) -> str:
    """A token's stem, or "" when it is no term (too short, a stopword, a short number)."""
    base = stem(token)
    if len(base) < 2 or base in stopwords() or (base.isdigit() and len(base) < 3):
        return ""
    return base


@lru_cache(maxsize=1 << 15)
def acronyms(text: str) -> set[str]:
    """Initials of the multi-word names in a text ("Financial Supervisory Service" -> fss,
    "Bank of Thailand" -> bot, bt), so a later "FSS" matches; three letters or more.
    (Cached: callers must not change the set they get.)"""
    found: set[str] = set()
    for run in _NAME_RUN.finditer(text):
        parts = run.group(0).replace("-", " ").split()
        while parts and parts[0].lower() in stopwords():
            parts = parts[1:]
        for letters in (
            "".join(p[0] for p in parts if p != "&"),
            "".join(p[0] for p in parts if p[0].isupper()),
        ):
            if len(letters) >= 3:
                found.add(letters.lower())
    return found


def document_frequencies(docs: Iterable[Iterable[str]]) -> tuple[Counter[str], int]:
    """How many documents use each word (names and words pooled), and the document count."""
    counts: Counter[str] = Counter()
    total = 0
    for doc in docs:
        total += 1
        counts.update({term[2:] for term in doc})
    return counts, total


def idf(count: int, total: float) -> float:
    """The weight of a term ``count`` of ``total`` documents use."""
    return math.log((total + 1) / (count + 0.5)) + 0.5


def idf_table(df: Counter[str], total: int) -> dict[str, float]:
    return {term: idf(count, total) for term, count in df.items()}


class Idf(dict[str, float]):
    """An IDF table over a known number of documents that holds only the terms at hand (the
    frequencies come from the database, where not every term is used by one document only).
    A plain ``dict`` of IDFs (``idf_table``) covers a whole corpus instead, whose rarest term
    tells the document count."""

    def __init__(self, values: Mapping[str, float], documents: float) -> None:
        super().__init__(values)
        self.documents = documents

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], documents: int) -> Idf:
        return cls({t: idf(c, documents) for t, c in counts.items()}, documents)


def documents_of(table: Mapping[str, float]) -> float:
    """How many documents the IDF table was made from (in a plain table, the rarest term has
    df 1)."""
    if isinstance(table, Idf):
        return table.documents
    return 1.5 * math.exp(max(table.values()) - 0.5) - 1.0 if table else 0.0


def top_of(table: Mapping[str, float]) -> float:
    """The IDF of the rarest possible term (used by one document), which weights are
    relative to."""
    if isinstance(table, Idf):
        return idf(1, table.documents)
    return max(table.values(), default=1.0)


def pack(terms: Mapping[str, int]) -> str:
    """Terms with their counts as stored: ``N:seoul*2 W:visit`` (terms hold no space or
    ``*``), in sorted order."""
    keys = sorted(terms)  # (the keys alone: no tuples built and compared)
    counts = list(map(terms.__getitem__, keys))
    pairs = zip(keys, counts, strict=True)
    if min(counts, default=1) >= 1:
        return " ".join([t if c == 1 else f"{t}*{c}" for t, c in pairs])
    return " ".join([t if c == 1 else f"{t}*{c}" for t, c in pairs if c > 0])


def names_of(terms: Iterable[str]) -> set[str]:
    """The plain names among terms' keys (``N:seoul`` -> ``seoul``)."""
    return {t[2:] for t in terms if t.startswith("N:")}


def unpack(packed: str | None) -> Counter[str]:
    """The counter ``pack`` stored."""
    if not packed:
        return Counter()
    if "*" not in packed:  # every count 1: counted in C, in the same order
        return Counter(packed.split())
    found: Counter[str] = Counter()
    for part in packed.split():
        term, star, count = part.rpartition("*")
        if star:
            found[term] += int(count)
        else:
            found[part] += 1
    return found


@dataclass(frozen=True, slots=True)
class Item:
    """A claim to group: ``key`` identifies it, ``doc`` its article, ``position`` its place in
    the article (counting non-claims, so a gap is a break in the page); ``kinds`` and
    ``sources`` its attributions (kind and the words naming the source), in order;
    ``terms`` its ``words``, when already known (stored at ingest)."""

    key: Hashable
    doc: Hashable
    position: int
    text: str
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    terms: Counter[str] | None = field(default=None, compare=False, repr=False)

    def words(self) -> Counter[str]:
        """Its terms (callers must not change the counter they get)."""
        return self.terms if self.terms is not None else words(self.text)


@dataclass(slots=True)
class Group:
    """A story being built: its members and the terms they use (``N:``/``W:`` counts).
    A story read from the database holds its stored members as a count (``held``) and
    lists only those that join it now."""

    members: list[Hashable] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    docs: set[Hashable] = field(default_factory=set)
    story: Hashable | None = None  # an existing story's id, when it came from the database
    seed: frozenset[str] = frozenset()  # the plain terms of its first claim
    held: int = 0  # members stored before, not listed in ``members``

    @property
    def size(self) -> int:
        return self.held + len(self.members)

    def add(self, item: Item, terms: Counter[str]) -> None:
        if not self.members:
            self.seed = frozenset(t[2:] for t in terms)
        self.members.append(item.key)
        self.words.update(terms)
        self.docs.add(item.doc)

    def absorb(self, other: Group) -> None:
        self.members.extend(other.members)
        self.words.update(other.words)
        self.docs |= other.docs

    def uses(self, term: str) -> int:
        """How often its members use a plain term (as name or word)."""
        return self.words.get("N:" + term, 0) + self.words.get("W:" + term, 0)

    def recurs(self, term: str) -> bool:
        """Two of its members, or its seed, use the term."""
        return self.uses(term) > 1 or term in self.seed
