"""One party, one key, across the articles of a story: "Ortiz" is "Dana Ortiz".

Ingest resolves speakers within an article (``verifier.store.party_keys.ArticleParties``: a
surname to the full name used before it, "the company" to the company) and gives every
party it derives a key from its normalised name (``name:dana ortiz``). A later article that
names the person only by surname gets another key (``name:ortiz``), and scoring would count
two parties. ``fold_parties`` gives such a one-word name the key of the one full name in the
story whose first or last word it is (family names come first in some languages: "Xi" is
"Xi Jinping"); when two full names share it ("Ortiz" and "Dana Ortiz", "Luis Ortiz"), it is
left alone. Registry sources (outlets among them) keep their keys; a derived name folds
whatever speaker kind the analyser gave it (a politician's post read as "media": "Trump" is
"Donald Trump"). With the story's ``identity`` lists (``scoring.yaml``), descriptions
fold too (``fold_descriptions``): an office to the holder the article or story names ("the
prime minister", "Antigua's PM" -> "Gaston Browne"), a document to its issuer ("Defense
Minister Petri's text" -> "Petri"), a country's word with a state head to the country ("the
Pakistani authorities", "Pak authorities" -> "Pakistan"), a longer form to the full name it
holds ("Micronesia David Panuelo"). A description is read by its head: its words end where
the name ends ("President Trump in a tweet Tuesday morning" is President Trump: a tail of
three lower-case words or more, or one opened by ``identity.tail_openers``, is cut); an
office may be abbreviated ("Gov.", "PM", "Cllr": ``identity.offices``) and stands before a
name that is the party whether or not the story counts it ("California Gov. Gavin Newsom's
office" is Gavin Newsom, and "Gov. Newsom's office" folds to him); a party's office,
spokesperson or account is the party (``identity.document_words``); an office of a place or
of a jurisdiction whose holder the story does not name is one party whatever words name it
("Ethiopia's PM", "Ethiopia's prime minister": the prime minister of ethiopia); whoever
leads (``identity.leading_offices``: "the leader of the Socialist Party") is the one
office-holder the article names ("Spanish PM Pedro Sánchez"). The words each statement
used stay in ``source_text``: origins and refusals show which strings were taken as one
party ("Gavin Newsom (as 'Gov. Newsom's office')"). Pure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.weights import IdentityParams
from verifier.vocab import ARTICLE_MARK, NAME_KEY

#: A full name has two to four words.
_FULL = range(2, 5)
#: A word of a source's words, as ``verifier.store.source_reads`` splits them.
_TOKEN = re.compile(r"[\w'’.&()-]+")


def fold_parties(claims: Sequence[ClaimEvidence],
                 identity: IdentityParams | None = None) -> tuple[ClaimEvidence, ...]:
    """The claims with one-word party names keyed as the one full name they stand for, and
    with ``identity`` (its offices, documents, state heads and countries) descriptions of a
    party keyed as that party (``fold_descriptions``). A description keyed per article
    (``name:company@<article>``: one article's "the company", which nothing in it resolved)
    is, within the story, one party with the same description in its other articles (a
    story is about one event: its articles' "the company" is one company)."""
    claims = _fold_articles(claims)
    claims = _fold_surnames(claims)
    if identity is None:
        return claims
    described = fold_descriptions(claims, identity)
    return claims if described is claims else _fold_surnames(described)


def _fold_surnames(claims: Sequence[ClaimEvidence]) -> tuple[ClaimEvidence, ...]:
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


def _fold_articles(claims: Sequence[ClaimEvidence]) -> tuple[ClaimEvidence, ...]:
    """The claims with each description keyed per article keyed by its words alone."""
    if not any(ARTICLE_MARK in (a.source_key or "") for c in claims for a in c.attributions):
        return tuple(claims)
    folded: list[ClaimEvidence] = []
    for claim in claims:
        attributions = tuple(
            replace(a, source_key=_story_key(a.source_key))
            if a.source_key is not None and a.source_key.startswith(NAME_KEY)
            and _ARTICLE_KEY.search(a.source_key) else a for a in claim.attributions)
        folded.append(claim if attributions == claim.attributions
                      else replace(claim, attributions=attributions))
    return tuple(folded)


#: The end of a description's key that says its article (``verifier.store.party_keys``).
_ARTICLE_KEY = re.compile(re.escape(ARTICLE_MARK) + r"[0-9a-f]{16}$")


def _story_key(key: str) -> str:
    """A derived key without the article a description was keyed in ("name:@velmnews" is
    a handle's)."""
    return _ARTICLE_KEY.sub("", key)


def _words(a: AttributionEvidence) -> list[str] | None:
    """The words of a derived name key (a person, body or outlet the registry does not
    know; a description's without its article), or None for registry sources and anonymous
    ones."""
    key = a.source_key
    if key is None or not key.startswith(NAME_KEY):
        return None
    return _story_key(key).removeprefix(NAME_KEY).split()


def _fold(a: AttributionEvidence, full: dict[str, dict[str, str]]) -> AttributionEvidence:
    words = _words(a)
    if words is None or len(words) != 1:
        return a
    found = full.get(words[0], {})
    if len(found) != 1:
        return a
    key, name = next(iter(found.items()))
    return replace(a, source_key=key, source_name=name)


# --- descriptions of a party --------------------------------------------------------------

#: The capitalised word just before an office ("Palau's President"; not "The President").
_PLACE = re.compile(r"(?<![\w'’])(?!The\b|A\b|An\b|Former\b)([A-Z][\w'’.&-]*)\s+$")
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}"


def fold_descriptions(claims: Sequence[ClaimEvidence],
                      identity: IdentityParams) -> tuple[ClaimEvidence, ...]:
    """The claims with a description of a party keyed as that party, within the story:

    - a country's word (``identity.countries``: "Pakistani", "Pak", "Islamabad") alone or
      with a state head (``identity.state_heads``: "the Pakistani authorities") is the
      country (``name:pakistan``);
    - a party's document ("Defense Minister Petri's text": ``identity.document_words``) is
      the party;
    - an office (``identity.offices``), bare or after a possessive or a country's word
      ("Antigua's PM", "the prime minister"), is its holder when the article, else the story,
      names exactly one ("Prime Minister Gaston Browne", "Antigua's PM, Gaston Browne");
    - an office or a title before a name, or a longer form holding a full name the story
      counts ("Micronesia David Panuelo", "David W Panuelo": its first and last words), is
      that name, when exactly one fits.

    The words the statements used stay (``source_text``: the explanation shows them); the
    key and the name shown become the party's. Registry and anonymous sources keep theirs."""
    keyed: dict[str, str] = {}  # derived key -> a name shown
    for claim in claims:
        for a in claim.attributions:
            if _words(a) is not None:
                keyed.setdefault(a.source_key or "", a.source_name or a.source_text)
    if not keyed:
        return tuple(claims)
    folder = _Folder(claims, identity, keyed)
    folded: list[ClaimEvidence] = []
    changed = False
    for claim in claims:
        attributions = tuple(folder.fold(claim, a) for a in claim.attributions)
        if attributions != claim.attributions:
            changed = True
            folded.append(replace(claim, attributions=attributions))
        else:
            folded.append(claim)
    return tuple(folded) if changed else tuple(claims)


_Lexicon = tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str], frozenset[str],
                 frozenset[str], frozenset[str], dict[str, str], frozenset[str], re.Pattern[str]]
#: ``_lexicon``'s answers by the identity's id, each held with its identity (so the id is not
#: reused while remembered).
_LEXICONS: dict[int, tuple[IdentityParams, _Lexicon]] = {}


def _lexicon(identity: IdentityParams) -> _Lexicon:
    """What ``_Folder`` reads from an identity's word lists: each word for an office -> the
    office ("pm" -> "prime minister"), the offices' words, the document words, connectors,
    tail openers, leading offices, state heads, each country's alias -> the country, the
    name titles and the holder pattern. Remembered by the identity (the weights' own,
    asked for every story rescored), not made again per story."""
    held = _LEXICONS.get(id(identity))
    if held is not None and held[0] is identity:
        return held[1]
    office = {word: office for office, words in identity.offices for word in (office, *words)}
    offices = frozenset(office)
    titles = frozenset(identity.name_titles)
    found: _Lexicon = (
        office, offices, frozenset(identity.document_words),
        frozenset(identity.name_connectors), frozenset(identity.tail_openers),
        frozenset(identity.leading_offices), frozenset(identity.state_heads),
        {alias: country for country, aliases in identity.countries
         for alias in (country, *aliases)},
        titles, _holder_pattern(tuple(sorted(offices)), tuple(sorted(titles))))
    if len(_LEXICONS) >= 64:
        _LEXICONS.clear()
    _LEXICONS[id(identity)] = (identity, found)
    return found


class _Folder:
    def __init__(self, claims: Sequence[ClaimEvidence], identity: IdentityParams,
                 keyed: dict[str, str]) -> None:
        self.claims = claims
        self.keyed = keyed
        # what the identity's word lists give, made once per identity (not per story)
        (self.office, self.offices, self.documents, self.connectors, self.tail_openers,
         self.leading, self.heads, self.country, self.titles, self.holder) = _lexicon(identity)
        self.full = [k.removeprefix(NAME_KEY).split() for k in keyed
                     if len(k.removeprefix(NAME_KEY).split()) in _FULL]
        self.memo: dict[tuple[str, int], tuple[str, str] | None] = {}
        self._holders: list[tuple[int, str | None, str, str, int]] | None = None

    def holders(self) -> list[tuple[int, str | None, str, str, int]]:
        """Every office and name the story's claims hold (``holder``), in claim and text
        order: (the claim's article, its office, the name, the claim's text, where the match
        starts), read once per story instead of once per description looked up."""
        found = self._holders
        if found is None:
            found = self._holders = [
                (claim.article_id, self.office.get(" ".join(m.group("office").lower().split())),
                 " ".join(m.group("name").split()), claim.text, m.start())
                for claim in self.claims for m in self.holder.finditer(claim.text)]
        return found

    def fold(self, claim: ClaimEvidence, a: AttributionEvidence) -> AttributionEvidence:
        words = _words(a)
        if words is None:
            return a
        key = (a.source_key or "", claim.article_id)
        if key not in self.memo:
            head = self.head(a.source_name or a.source_text) or words
            found = self.party(head, claim.article_id, a.source_key or "")
            if found is None and head != words:  # the words without their tail
                found = self.known(head, a.source_key or "") or self.surname(head) or (
                    (NAME_KEY + " ".join(head), self.cased(head, a))
                    if len(head) in _FULL and self.capitalised(head, a) else None)
            self.memo[key] = found
        found = self.memo[key]
        if found is None:
            return a
        return replace(a, source_key=found[0], source_name=found[1])

    def party(self, words: list[str], article: int, own: str) -> tuple[str, str] | None:
        words = [w.replace("’", "'") for w in words]
        if words and words[0] == "the":
            words = words[1:]
        if not words:
            return None
        # a document is its issuer: "defense minister petri's text"
        for k in (1, 2, 3):
            if (len(words) > k and " ".join(words[-k:]) in self.documents
                    and words[-k - 1].endswith("'s") and len(words[-k - 1]) > 2):
                issuer = [*words[:-k - 1], words[-k - 1].removesuffix("'s")]
                # a one-word issuer folds to the one full name it ends (fold_parties)
                return (self.party(issuer, article, own) or self.known(issuer, own)
                        or (self.named(issuer, own) if len(issuer) in (1, *_FULL) else None))
        # a country's word, alone or with a state head
        country = self.country_of(words)
        if country is not None:
            return country
        rest = self.unqualified(words)
        office = self.office_length(rest)
        jurisdiction = self.jurisdiction(rest[office:]) if office else None
        if office and (office == len(rest) or jurisdiction is not None):
            qualifier = words[len(words) - len(rest) - 1] if len(rest) < len(words) else None
            place = jurisdiction or self.place(qualifier)
            name = " ".join(rest[:office])
            before = words[:len(words) - len(rest)]  # all the place's words: "coral bay's"
            whole = jurisdiction or (self.place(" ".join(before)) if before else None)
            return (self.holder_of(name, place, article, own)
                    or self.leader(name, article, own) or self.office_party(name, whole, own))
        if office:
            rest = rest[office:]
            while rest and rest[0].rstrip(".") in self.titles:
                rest = rest[1:]
            if rest and rest[-1].endswith("'s"):  # "Labor leader Kevin Rudd's"
                rest = [*rest[:-1], rest[-1].removesuffix("'s")]
            if len(rest) == 1:  # a surname: the one full name it ends, if any (fold_parties)
                return self.known(rest, own) or (NAME_KEY + rest[0], rest[0].title())
            if len(rest) in _FULL:  # the holder's name, whether or not the story counts it
                return (self.known(rest, own) or self.containing(rest, own)
                        or self.named(rest, own))
            if rest:
                return self.known(rest, own) or self.containing(rest, own)
            return None
        return self.containing(words, own) if len(words) >= 3 else None

    def head(self, text: str) -> list[str] | None:
        """The words of a party's description up to where its name ends, lower-cased: a
        lower-case word after a capitalised one that is no connector of a name
        (``identity.name_connectors``: "of", "the"), starts no office and is no document word
        ends it when three words or more follow or it is one of ``identity.tail_openers`` (a
        preposition, a date: "President Trump in a tweet Tuesday morning", "Zambian President
        Edgar Lungu's office yesterday"; not "the Hull owner", "Myanmar's military": a
        description's head); None when nothing is cut."""
        tokens = [t.strip(".,;:'\"()[]") for t in _TOKEN.findall(text.replace("’", "'"))]
        tokens = [t for t in tokens if t]
        lower = [t.lower() for t in tokens]
        capital = False
        for n, token in enumerate(tokens):
            if token[:1].isupper():
                capital = capital or lower[n] not in self.connectors
                continue
            if (capital and lower[n] not in self.connectors
                    and not self.office_length(lower[n:]) and not self.document_at(lower, n)
                    and (len(lower) - n >= 3 or lower[n] in self.tail_openers)):
                head = [w for w in lower[:n] if w]
                while head and head[-1] in self.connectors:
                    head.pop()
                return head or None
        return None

    def document_at(self, words: list[str], n: int) -> bool:
        """Whether ``words[n]`` is one of a document's words (``identity.document_words``)."""
        return any(" ".join(words[i:i + k]) in self.documents
                   for k in (1, 2, 3) for i in range(max(0, n - k + 1), n + 1))

    def jurisdiction(self, words: list[str]) -> str | None:
        """Where an office after it is of: "of the Socialist Party" -> "socialist party"."""
        if len(words) < 2 or words[0] != "of":
            return None
        rest = words[2:] if words[1] == "the" else words[1:]
        return " ".join(rest) or None

    def named(self, words: list[str], own: str) -> tuple[str, str] | None:
        key = NAME_KEY + " ".join(words)
        return None if key == own else (key, " ".join(w[:1].upper() + w[1:] for w in words))

    def office_party(self, office: str, place: str | None,
                     own: str) -> tuple[str, str] | None:
        """An office of a place whose holder the story does not name: one party whatever
        words name it ("Ethiopia's PM", "Ethiopia's prime minister": the prime minister of
        ethiopia); a bare office ("the president") is left alone."""
        if place is None:
            return None
        canonical = f"{self.office[office]} of {place}"
        shown = " ".join(w if w in self.connectors else w.title() for w in canonical.split())
        return None if NAME_KEY + canonical == own else (NAME_KEY + canonical, shown)

    def leader(self, office: str, article: int, own: str) -> tuple[str, str] | None:
        """Whoever leads (``identity.leading_offices``: "the leader of the Socialist Party")
        is the one holder of any office the article names ("Spanish PM Pedro Sánchez")."""
        if self.office[office] not in self.leading:
            return None
        names = {name for article_id, _, name, _, _ in self.holders() if article_id == article}
        keyed = [_key_words(n, self.titles) for n in names]
        found = {f for words in keyed if (f := self.known(words, own) or self.named(words, own))}
        return next(iter(found)) if len(found) == 1 else None

    def surname(self, words: list[str]) -> tuple[str, str] | None:
        """One word that a full name the story counts starts or ends: it folds to that name
        (``fold_parties``)."""
        if len(words) == 1 and any(words[0] in (full[0], full[-1]) for full in self.full):
            return NAME_KEY + words[0], words[0].title()
        return None

    def capitalised(self, words: list[str], a: AttributionEvidence) -> bool:
        """Whether each of ``words`` but a name's connectors is spelled with a capital."""
        spelled = self.cased(words, a).split()
        return len(spelled) == len(words) and all(
            w[:1].isupper() or w.lower() in self.connectors for w in spelled)

    @staticmethod
    def cased(words: list[str], a: AttributionEvidence) -> str:
        """``words`` as the statement spelled them."""
        spelled = {t.lower().strip(".,;:'\"()"): t.strip(".,;:'\"()")
                   for t in _TOKEN.findall((a.source_name or a.source_text).replace("’", "'"))}
        return " ".join(spelled.get(w, w) for w in words)

    def country_of(self, words: list[str]) -> tuple[str, str] | None:
        for n in (3, 2, 1):
            head = " ".join(words[:n])
            tail = " ".join(words[n:])
            if head in self.country and (not tail or tail in self.heads):
                country = self.country[head]
                return NAME_KEY + country, country.title()
        return None

    def unqualified(self, words: list[str]) -> list[str]:
        """The words without a possessive or a place's word before an office ("antigua's
        pm", "afghan president", "california gov")."""
        if len(words) >= 2 and not self.office_length(words) and self.office_length(words[1:]):
            return words[1:]  # "afghan president", "california gov"
        for n, word in enumerate(words[:-1]):
            if word.endswith("'s") and self.office_length(words[n + 1:]):
                return words[n + 1:]  # "harbour island's pm"
        return words

    def office_length(self, words: list[str]) -> int:
        for n in (3, 2, 1):
            if len(words) >= n and " ".join(words[:n]) in self.offices:
                return n
        return 0

    def place(self, word: str | None) -> str | None:
        """Where an office is ("antigua's", "Antiguan" -> "antigua"), or None."""
        if word is None:
            return None
        word = word.lower().replace("’", "'").removesuffix("'s")
        return self.country.get(word, word)

    def holder_of(self, office: str, place: str | None, article: int,
                  own: str) -> tuple[str, str] | None:
        """The one holder of ``office`` the article, else the story, names; when the office
        is of a ``place`` ("Nauru's President"), not a holder named as another's ("FSM
        President David Panuelo")."""
        for scope in (True, False):
            names = {name for article_id, held, name, text, start in self.holders()
                     if (not scope or article_id == article) and held == self.office[office]
                     and self.same_place(place, text[:start])}
            # not one the story names as another place's holder ("the Czech prime minister"
            # is not "Prime Minister Robert Fico", named "Slovak Prime Minister" elsewhere)
            names = {n for n in names if place is None or self.places_of(n) <= {place}}
            # a name the story counts as a party (not a title's capitals: "PM Hints At")
            found = {f for n in names
                     if (f := self.known(_key_words(n, self.titles), own) or self.containing(
                         _key_words(n, self.titles), own, shorter=False)) is not None}
            if len(found) == 1:
                return next(iter(found))
            if found:
                return None
        return None

    def places_of(self, name: str) -> set[str]:
        """The places the story names ``name`` as the holder of an office of ("Slovak Prime
        Minister Robert Fico": slovak)."""
        found = set()
        for _, _, held, text, start in self.holders():
            if held == name:
                place = _PLACE.search(text[:start])
                if place is not None:
                    found.add(self.place(place.group(1)) or "")
        return found

    def same_place(self, place: str | None, before: str) -> bool:
        """Whether the office named after ``before`` may be the one of ``place``: it is of
        no other place (the capitalised word just before it: "FSM", "Palau's")."""
        if place is None:
            return True
        found = _PLACE.search(before)
        return found is None or self.place(found.group(1)) == place

    def known(self, words: list[str], own: str) -> tuple[str, str] | None:
        key = NAME_KEY + " ".join(words)
        if key != own and key in self.keyed:
            return key, self.keyed[key]
        return None

    def containing(self, words: list[str], own: str,
                   shorter: bool = True) -> tuple[str, str] | None:
        """The one full name the story counts that these words hold (``shorter``: fewer
        words than they have), in a row or as their first and last words."""
        found = set()
        for full in self.full:
            key = NAME_KEY + " ".join(full)
            if key == own or len(full) > len(words) or (shorter and len(full) == len(words)):
                continue
            n = len(full)
            if any(words[i:i + n] == full for i in range(len(words) - n + 1)) or (
                    n == 2 and len(words) == 3 and words[0] == full[0]
                    and words[-1] == full[-1]):
                found.add(key)
        if len(found) != 1:
            return None
        key = next(iter(found))
        return key, self.keyed[key]


@functools.lru_cache(maxsize=8)
def _holder_pattern(offices: tuple[str, ...], titles: tuple[str, ...]) -> re.Pattern[str]:
    """An office's words, a comma or a title perhaps, and a name: "Antigua's PM, Gaston
    Browne", "Prime Minister Dr. Hubert Minnis" (the office in any case, the name
    capitalised)."""
    ordered = sorted(sorted(offices), key=len, reverse=True)
    title = "|".join(re.escape(w) for w in sorted(sorted(titles), key=len, reverse=True))
    return re.compile(
        r"(?<![\w'’])(?P<office>(?i:" + "|".join(r"\s+".join(re.escape(w) for w in o.split())
                                                for o in ordered)
        + r"))\.?\s*,?\s+(?:(?i:" + title + r")\.?\s+)?(?P<name>" + _NAME + ")")


def _key_words(name: str, titles: frozenset[str]) -> list[str]:
    return [w for w in re.findall(r"[\w'’.-]+", name.lower().replace("’", "'"))
            if w.rstrip(".") not in titles]
