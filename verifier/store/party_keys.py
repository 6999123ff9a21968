"""Which ``sources`` row an attribution's words stand for (its key, name and kind), and who
an article's parties are. Pure: the rows themselves are ``verifier.store.sources``'.

Every attribution resolves to one ``sources`` row, so track records can be learned per source:

- a registry entry matched by name or alias (``Registry.resolve`` on the source words);
- ``unnamed sources via <outlet>`` for unnamed speakers (key ``unnamed-via:<outlet id>``,
  kind ``unnamed_via_outlet``): an outlet's anonymous sources are judged as one record. When
  the outlet is unknown, each article's anonymous sources are a record of their own
  (``unnamed-via:unknown:<article>``): anonymous sources are never pooled across outlets;
- a named person, body or outlet missing from the registry, keyed by its normalised name
  (``name:<normalised>``, kind ``person``, ``organisation`` or ``media``);
- a description with no name that nothing in its article resolves ("the company", "a
  spokesperson", "his office": ``describes``), keyed as that article's own
  (``name:company@<article>``): two articles' "the company" are two companies, and one
  story's verdict must not teach another's (scoring still counts one description as one
  party within a story: ``verifier.scoring.parties``).

Sources are parties, not strings (``ArticleParties``, pure), read in reading order: within
an article a surname takes the full name it was introduced with ("Ortiz" -> "Dana Ortiz"),
or the one full name the article gives it further on (a headline's "Ortiz"), a bare office
the holder the article names with it ("the PM", "The Prime Minister" -> "Prime Minister
Tom Vale", of the same place: "the Czech prime minister" is not Slovakia's), titles and
appositions are dropped ("EU Competition Commissioner Teresa Ribera", "Teresa Ribera, the
EU's competition commissioner" -> "Teresa Ribera"), "the company" is the nearest company
named before it, as a source or in the text beside a head ("Voltaro, the battery maker,",
"chipmaker Voltaro", "the Ministry of Ports"), and a spokesperson or official speaks for the
body named ("a spokesperson for Germany's economy ministry" -> "Germany's economy
ministry"); a body so found is an organisation whatever its name looks like ("Voltaro"),
as is an acronym ("NASA"). A nation's adjective names no one before a head ("the Canadian
union", "Chinese media": keyed per article) but the nation alone or before one of
its organs ("Russian", "the German government"). Across articles the same registry entry or
the same normalised name is one row, named by its use of the highest kind (``preferred``:
an organisation over an outlet over a person), whatever order the articles come in. Words
that name no party ("denied reports that ...": "reports") are hearsay: they count as the
outlet's unnamed sources; a page's label in capitals ("ONLINE EDITION", "EDITOR-IN-CHIEF":
``page_furniture``) names nobody, and a name run into its title in capitals ("TOM VALE
DIRECTOR OF PORTS") is the person's. A name printed in capitals (a lead's first words: "DANA
ORTIZ") is shown as the article writes it elsewhere, else a person's in title case ("Dana
Ortiz"): only its display, never its key (``cased``). ``verifier sources rekey``
(``verifier.store.source_rekey``) keys a database's stored attributions again this way.

The words all this reads (hearsay nouns, titles, spokespeople's roles, body heads, outlet
nouns ...) are data: the classes of ``data/lexicons/source_words.yaml``
(``verifier.rules.source_words``), each with examples.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from verifier.registry import Source as RegistrySource
from verifier.review.names import article_sources_name
from verifier.rules.source_words import source_words
from verifier.store.columns import LENGTHS
from verifier.store.source_reads import _WORD, normalise_name
from verifier.vocab import ARTICLE_MARK, NAME_KEY, UNNAMED_VIA, UNNAMED_VIA_OUTLET

#: The speaker a looked-up party is a body as (``ArticleParties``: "the company" read back
#: to "Voltaro"): its row is an organisation's whatever its name looks like, and its
#: speaker ``official``.
BODY = "body"
KEY_LENGTH = LENGTHS["sources"]["key"] or 200
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True, slots=True)
class DerivedSource:
    """A source row that is not a registry entry."""

    key: str
    name: str
    kind: str
    speaker: str


#: Which kind names a derived row when its uses differ: an organisation over an outlet over a
#: person ("TC Energy" read as a body in one article, a name in another).
_KIND_RANK = {"person": 0, "media": 1, "organisation": 2}


def outranks(kind: str, than: str) -> bool:
    """Whether a use of ``kind`` names a row over one of ``than`` (``_KIND_RANK``)."""
    return _KIND_RANK.get(kind, -1) > _KIND_RANK.get(than, -1)


def preferred(held: DerivedSource | None, other: DerivedSource) -> DerivedSource:
    """Of two uses of one key, the one its row is named by: the higher kind, else the one
    held (the first; ``other`` when none is held yet)."""
    return other if held is None or outranks(other.kind, held.kind) else held


def outlet_source_key(outlet: RegistrySource | None) -> str:
    return outlet.id if outlet is not None else UNKNOWN_OUTLET


@dataclass(frozen=True, slots=True)
class ArticleKey:
    """An article whose outlet is unknown: its anonymous sources are a record of its own.

    ``key`` is stable for the text (its SHA-256, shortened); ``label`` is what a reader sees.
    """

    key: str
    label: str


def unnamed_source(outlet: RegistrySource | None, article: ArticleKey | None) -> DerivedSource:
    """The record of an outlet's anonymous sources (of one article when the outlet is
    unknown and the article is given)."""
    if outlet is not None:
        key, name = outlet.id, f"unnamed sources via {outlet.name}"
    elif article is not None:  # a reader's name: the key is internal
        key, name = f"{UNKNOWN_OUTLET}:{article.key}", article_sources_name(article.label)
    else:
        key, name = UNKNOWN_OUTLET, "unnamed sources via an unknown outlet"
    return DerivedSource(key=f"{UNNAMED_VIA}{key}"[:200], name=name[:300],
                         kind=UNNAMED_VIA_OUTLET, speaker="unnamed")


def derive_source(
    speaker: str, words: str, outlet: RegistrySource | None, article: ArticleKey | None = None
) -> DerivedSource | None:
    """The derived row for a speaker (kind and words) that no registry entry covers (None
    for a bare pronoun, which names nobody). Words that name no party are hearsay: the
    outlet's unnamed sources."""
    if speaker in ("unnamed", "unnamed_official") or not names_a_party(words):
        return unnamed_source(outlet, article)
    if is_furniture(words):  # "ONLINE EDITION": a page's label names nobody
        return None
    name = normalise_name(words)
    if not name or name in _PRONOUNS:
        return None
    if speaker == "media":
        kind = "media"
    elif speaker != BODY and _looks_like_person(words):
        kind = "person"
    else:
        kind = "organisation"
    if speaker == BODY:
        speaker = "official"  # a body's statement: the row's speaker as the analyser's
    display = " ".join(words.split()).strip(" ,.;:")
    key = clip("sources", "key", f"{NAME_KEY}{name}")
    if article is not None and describes(words):  # "the company": this article's company
        own = f"{ARTICLE_MARK}{article.key}"
        key = key[:len(key) - max(0, len(key) + len(own) - KEY_LENGTH)] + own
    return DerivedSource(key=key, name=clip("sources", "name", display), kind=kind,
                         speaker=speaker)


#: The word classes of ``data/lexicons/source_words.yaml`` (what each does: that file).
_DETERMINERS = source_words("determiners")
_PRONOUNS = source_words("pronouns")
_ORGANISATION_WORDS = source_words("organisation_words")
#: Nouns for what was said, not who said it: "denied reports that ...", "the claims".
_HEARSAY_NOUNS = source_words("hearsay_nouns")
#: Words that may stand before such a noun without naming anyone ("recent media reports").
_HEARSAY_MODIFIERS = source_words("hearsay_modifiers")
_HEARSAY_WORDS = _HEARSAY_NOUNS | _HEARSAY_MODIFIERS


#: Quantities that make the words name some of a group, nobody in particular ("several
#: senior members of the group", "two ministers"): anonymous sources, unless every word is
#: capitalised (a name: "Five Star Movement").
_INDEFINITE = source_words("indefinite")
#: Of those, the numbers that may open a name when every word is capitalised ("Five Star
#: Movement", "Two Rivers Council"); "Several Pacific Nations" is some of a group.
_NAME_NUMBERS = source_words("name_numbers")


def names_a_party(words: str) -> bool:
    """False for words that name what was said rather than who said it ("reports", "the
    media reports", "these claims"); a proper name anywhere makes them a party ("the Daily
    Mail report"). False too for some of a group ("several senior members of the group")."""
    raw = words.split()
    if raw and raw[0].lower() in _INDEFINITE and not (
            raw[0].lower() in _NAME_NUMBERS and all(w[:1].isupper() for w in raw)):
        return False
    tokens = normalise_name(words).split()
    if not tokens or tokens[-1] not in _HEARSAY_NOUNS:
        return True
    return not all(t in _HEARSAY_WORDS for t in tokens)


#: A page's labels ("ONLINE EDITION", "EDITOR-IN-CHIEF"): in capitals and alone, no party.
_FURNITURE = source_words("page_furniture")


def in_capitals(words: str) -> bool:
    """Whether every letter of ``words`` (two at least) is a capital ("DANA ORTIZ")."""
    letters = [ch for ch in words if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def is_furniture(words: str) -> bool:
    """Whether ``words`` are a page's label in capitals and nothing else ("ONLINE EDITION",
    "EDITOR-IN-CHIEF", "DEBATE": ``page_furniture``): no party, as a bare pronoun is none.
    The same words in a sentence's case are words as any ("the editor-in-chief")."""
    return in_capitals(words) and " ".join(
        normalise_name(words).split()) in _FURNITURE


#: Words of a title or role before (or instead of) a person's name.
_TITLE_WORDS = source_words("title_words")
#: Lower-case words that link a head to what it is of or at ("The Ministry of Ports",
#: "Dana Ortiz of the Harbour Board"): a person's name ends before them.
_NAME_LINKS = source_words("name_links")
#: The links after which a body's head goes on to its field ("Ministry of", "Agency for").
_BODY_LINKS = frozenset({"of", "for"})


#: Words that join a title's place or field ("Minister of Trade and Harbours", "President of
#: the Federated States of Velm"): determiners, the name links and ``field_joins``.
_FIELD_JOINS = _DETERMINERS | _NAME_LINKS | source_words("field_joins")
#: Lower-case particles inside a person's name ("Lula da Silva", "Jan du Plessis").
_NAME_PARTICLES = source_words("name_particles")


def _inside_a_name(tokens: list[str], n: int) -> bool:
    """Whether ``tokens[n]`` is a particle between two capitalised words of a name ("Ana
    de la Cruz": "de" and "la")."""
    if tokens[n] not in _NAME_PARTICLES:
        return False
    before = next((t for t in reversed(tokens[:n]) if t not in _NAME_PARTICLES), "")
    after = next((t for t in tokens[n + 1:] if t not in _NAME_PARTICLES), "")
    return before[:1].isupper() and after[:1].isupper() and (
        before.lower().rstrip(".") not in _TITLE_WORDS)


def _is_body_word(low: str) -> bool:
    """A word of ``organisation_words`` ("Northgate Ferries", "Five Star Movement"): a name
    with one is a body's, not a person's. Plurals are listed, not made ("Banks" is a surname)."""
    return low in _ORGANISATION_WORDS


def _alternation(words: frozenset[str]) -> str:
    """A regular expression for any of ``words`` (the longest first; a space in a word
    matches any white space)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(sorted(words), key=len, reverse=True))


#: A role that speaks for a body: "a spokesperson for X", "X's spokeswoman". Anonymous
#: officials ("officials at X") stand for the body only when refusing or denying.
_SPOKES = source_words("spokes_roles")
_OFFICIALS = source_words("anonymous_officials")
#: What a body issues speaks for it as its spokesperson does ("a statement from X", "An X
#: statement").
_ISSUED = source_words("issued_things")
#: "the company", "the ministry": a back-reference to the body of that kind last named.
_BODY_HEADS = source_words("body_heads")


def _speaks_for(roles: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(
            rf"^(?i:(?:an?|the|one|two|three|some|several|senior)\s+)*(?:[a-z-]+\s+)?"
            rf"(?i:{roles})\s+(?:(?:issued|released|sent|signed)\s+by|for|of|at|from|with)\s+"
            rf"(?:the\s+)?"
            rf"(?P<body>[A-Z].*?|(?:[a-z][\w'-]*\s+){{0,3}}(?:{_alternation(_BODY_HEADS)}))"
            rf"[\s,.;:]*$"
        ),
        re.compile(
            rf"^(?i:the\s+|an?\s+)?(?P<body>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,4}})"
            rf"(?:'s|’s)?\s+(?:[a-z-]+\s+)?(?i:{roles})"
            # "the U.N. spokesman's office in New York": the role's office, where it sits
            rf"(?:(?:'s|’s)\s+(?i:office))?(?:\s+in\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}})?"
            rf"[\s,.;:]*$"
        ),
    )


#: Nouns for an outlet: "the American newspaper Foreign Policy" is Foreign Policy, and "the
#: American publication" the outlet the article last named.
_OUTLET_NOUN = _alternation(source_words("outlet_nouns"))
#: A description and the outlet's name: "The American newspaper Foreign Policy".
_DESCRIBED_OUTLET = re.compile(
    rf"^(?i:the\s+|an?\s+)?(?:[A-Za-z][\w'’.-]*\s+){{0,3}}?(?i:{_OUTLET_NOUN})\s*,?\s+"
    r"(?P<name>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4})$")
#: A description alone: "the American publication", "the newspaper", "the US magazine".
_OUTLET_BACK = re.compile(
    rf"^(?i:the)\s+(?:[A-Za-z][\w'’-]*\s+){{0,2}}(?i:{_OUTLET_NOUN})$")

_SPEAKS_FOR = _speaks_for(_alternation(_SPOKES | _ISSUED))
_SPEAKS_FOR_REFUSING = _speaks_for(_alternation(_SPOKES | _ISSUED | _OFFICIALS))

#: Words that open a description of a party without naming it ("his office", "both firms").
_DESCRIPTION_OPENERS = source_words("description_openers")
#: Adjectives of nations and regions ("Chinese", "Anglo-Australian"): a capital that names no
#: party ("the Canadian union", "Chinese media"), unless before one of ``country_organs``
#: ("the German government": the country's, a party in every article).
_DEMONYMS = source_words("demonyms")
_COUNTRY_ORGANS = source_words("country_organs")
#: Heads whose body an article often names with no head beside it ("TC Energy ... the
#: company", "the Coyotes ... the team"): such a bare description with no body of its head
#: named before it is the body last named as a source.
_BARE_HEADS = source_words("bare_heads")
#: Words that make a title another office: "the president" is not the Vice President.
_OFFICE_MODIFIERS = source_words("office_modifiers")
#: An office's words: a capital makes no name of them ("The Prime Minister", "the PM"; one
#: of three letters or fewer may be spelled in capitals), and a bare office is its holder
#: the article names ("Prime Minister Gaston Browne").
_OFFICES = source_words("offices")
#: Heads for a business: "the firm" refers back to a body the article described with any
#: of them ("Voltaro, the battery maker").
_BUSINESS_HEADS = source_words("business_heads")
#: The words a description's first word may be when it is capitalised (it opens a
#: sentence: "The company", "Government spokesman", "Officials", "Council").
_OPENING_WORDS = (_DETERMINERS | _DESCRIPTION_OPENERS | _BODY_HEADS | _BUSINESS_HEADS
                  | _ORGANISATION_WORDS | _TITLE_WORDS | _SPOKES | _OFFICIALS | _INDEFINITE
                  | _HEARSAY_WORDS)


def describes(words: str) -> bool:
    """Whether ``words`` describe a party without naming it ("the company", "a spokesperson",
    "the finance ministry", "his office", "Government spokesman"): no word holds a capital
    but the first, and that one only when it is a word of the classes such a description
    opens with (it opens the sentence); no word is a web address ("downdetector.com").
    Such words name no party outside their article: two articles' "the company" are two
    companies, so a description nothing in its article resolves is keyed per article."""
    tokens = [t.strip(".,;:'\"()[]") for t in _WORD.findall(
        unicodedata.normalize("NFKC", words).replace("’", "'"))]
    tokens = [t for t in tokens if t]
    if not tokens or not any(ch.isalpha() for t in tokens for ch in t):
        return False
    first, rest = tokens[0], tokens[1:]
    if any("." in t for t in tokens):
        return False
    lows = [t.lower() for t in tokens]
    # a nation's adjective or an office names no one ("the Canadian union", "The Prime
    # Minister", "the PM"), but "the German government" is Germany's
    # (alone, a nation's adjective names the nation: "An Iranian official denied" is Iran's)
    demonym = lows[-1] not in _COUNTRY_ORGANS and not _nation_word(lows[-1])
    unnamed = [(low in _OFFICES and (not t.isupper() or len(low) <= 3))
               or (demonym and _nation_word(low)) for t, low in zip(tokens, lows, strict=True)]
    if any(ch.isupper() for t, free in zip(rest, unnamed[1:], strict=True) if not free
           for ch in t) or (any(ch.isupper() for ch in first[1:]) and not unnamed[0]):
        return False
    return (not first[:1].isupper() or lows[0].removesuffix("'s") in _OPENING_WORDS
            or unnamed[0])


def _nation_word(low: str) -> bool:
    """A nation's adjective, alone or opening a compound ("brazilian-owned")."""
    return low in _DEMONYMS or ("-" in low and low.split("-", 1)[0] in _DEMONYMS)


_CAPITAL = r"[A-Z][\w&'’.-]*"
#: A name: capitalised words, perhaps joined by "of", "for", "and", "the", "&".
_TEXT_NAME = rf"{_CAPITAL}(?:[ \t]+(?:(?:of|for|and|the|&)[ \t]+)*{_CAPITAL}){{0,5}}"
#: In an article's text, a name with a description after a comma that ends at a comma or
#: the sentence's end ("TC Energy, the operator of the pipeline, said", "Voltaro, the
#: Velmora battery maker."; not "However, the company said ...").
_NAME_DESCRIBED = re.compile(
    rf"(?P<name>{_TEXT_NAME}),[ \t]+(?:the|a|an)[ \t]+"
    rf"(?P<desc>[\w'’-]+(?:[ \t]+[\w'’-]+){{0,7}})[ \t]*(?:[,.;:)]|$)", re.MULTILINE)
#: In an article's text, a lower-case word just before a capitalised one: a description's
#: head before a name when it ends in a head ("UK firm Clifford Chance", "chipmaker
#: Broadcom", "the company Voltaro").
_BEFORE_A_NAME = re.compile(r"(?<![\w'’-])([a-z][\w'’-]*)[ \t]+(?=[A-Z])")
_HEAD_ENDINGS = tuple(sorted(_BODY_HEADS | _BUSINESS_HEADS))
_NAME_AT = re.compile(_TEXT_NAME)
#: A body's head as a name spells it ("Council", "Ministry"; "MINISTRY" in a heading).
_CAPITAL_HEADS = frozenset(w for h in _BODY_HEADS for w in (h.capitalize(), h.upper()))
#: In an article's text, a name of capitalised words holding a body's head ("Cornwall
#: Council", "Ministry of Finance", "New York Police Department").
_HEADED_NAME = re.compile(rf"(?<![\w'’-]){_TEXT_NAME}")


@dataclass(frozen=True, slots=True)
class _NamedBody:
    """A body an article's text names, where (the name's end), and the words that describe
    it (its own, lower-cased, and those of a description beside it)."""

    end: int
    name: str
    words: frozenset[str]


def _text_bodies(text: str) -> list[_NamedBody]:
    """The bodies an article's text names with a body's head beside or in the name, in
    reading order."""
    found: list[_NamedBody] = []
    for match in _NAME_DESCRIBED.finditer(text):
        words = match.group("desc").lower().replace("’", "'").split()
        # the description's head ends it or comes before "of", "in", ... ("the operator of
        # the pipeline"): "X, the company said" describes nothing, and "X, the owners of
        # the club" is no club
        head = next((n for n, w in enumerate(words) if w in _BODY_HEADS
                     or w in _BUSINESS_HEADS or w in _NAME_LINKS), None)
        if head is not None and words[head] not in _NAME_LINKS and (
                head == len(words) - 1 or words[head + 1] in _NAME_LINKS):
            found.append(_body_named(match.end("name"), match.group("name"), words))
    for match in _BEFORE_A_NAME.finditer(text):
        noun = match.group(1)  # "chipmaker": a maker
        if not noun.endswith(_HEAD_ENDINGS):
            continue
        name = _NAME_AT.match(text, match.end())
        if name is None:
            continue
        before = text[max(0, match.start() - 40):match.start()].split()[-2:]
        words = [*(w for w in before if w.islower()), noun,
                 *(h for h in _HEAD_ENDINGS if noun.endswith(h))]
        found.append(_body_named(name.end(), name.group(0), words))
    for match in _HEADED_NAME.finditer(text):
        tokens = match.group(0).split()
        if len(tokens) < 2 or _CAPITAL_HEADS.isdisjoint(tokens):
            continue
        # the name ends at its head unless "of"/"for"/"and" goes on to its field ("Ministry
        # of Ports"): a title-case headline's "Velm Ministry Denies Crane Report" is the
        # Velm Ministry
        head = next(n for n, t in enumerate(tokens) if t in _CAPITAL_HEADS)
        if head + 1 < len(tokens) and tokens[head + 1] not in _FIELD_JOINS:
            tokens = tokens[:head + 1]
        words = [w.lower() for w in tokens]
        if len(words) >= 2 and any(
                w not in _BODY_HEADS and w not in _DETERMINERS and w not in _NAME_LINKS
                and w[:1].isalpha() for w in words):
            named = " ".join(tokens)
            found.append(_body_named(match.start() + len(named), named, []))
    found.sort(key=lambda b: b.end)
    return found


def _body_named(end: int, name: str, words: list[str]) -> _NamedBody:
    name = re.sub(r"^(?:The|A|An)\s+", "", name.strip()).removesuffix("'s").removesuffix("’s")
    own = [w.lower().replace("’", "'").removesuffix("'s") for w in name.split()]
    return _NamedBody(end, name, frozenset(own + [w.removesuffix("'s") for w in words]))


def person_name(words: str) -> str | None:
    """The person's name in a descriptor without its title or apposition ("EU Competition
    Commissioner Teresa Ribera", "Teresa Ribera, the EU's competition commissioner", "Mayor
    Dana Ortiz" -> the name), or None when the words are not a titled or bare name."""
    for part in unicodedata.normalize("NFKC", words).replace("’", "'").split(","):
        tokens = _tokens(part)
        if _heads_a_body(tokens):  # the parts after it go on with the body's field
            return None  # ("The Ministry of Agriculture, Forestry and Fisheries")
        name = _linked_name(tokens)
        if name is not None:
            return name
    return None


def _heads_a_body(tokens: list[str]) -> bool:
    """Whether the words' first ``of`` or ``for`` follows a body's word ("The Ministry of
    Ports", "the Federal Ministry for Economic Affairs and Climate Action"): what comes
    after it is the body's field, never a person's name."""
    link = next((n for n, t in enumerate(tokens) if t in _NAME_LINKS), 0)
    return link > 0 and tokens[link] in _BODY_LINKS and _is_body_word(
        tokens[link - 1].lower())


def _tokens(head: str) -> list[str]:
    tokens = [t.strip(".;:'\"") for t in _WORD.findall(head)]
    return [t for t in tokens if t]


def _linked_name(tokens: list[str]) -> str | None:
    """The person's name in ``tokens`` read around the first word of ``name_links``: the
    name before it ("Dana Ortiz of the Harbour Board", "Ortiz at the board"), none for a
    body's head before "of" or "for" ("The Ministry of Ports", "Friends of the Earth", "the
    Agency for Coastal Works": ``_heads_a_body``), else the name
    after it ("Recent messaging from Prime Minister Mia Amor Mottley"); after a title and "of"
    the first word is the title's place or field, not the name ("Mayor of Velmora Ana Ruiz"
    is Ana Ruiz, "Minister of Ports" and "Vice President of Harbour Operations" no one)."""
    link = next((n for n, t in enumerate(tokens) if t in _NAME_LINKS), None)
    if link is None:
        return _cut_name(tokens)
    of = tokens[link] == "of"
    before = _cut_name(tokens[:link]) if link else None
    if before is not None and (" " in before or not of):
        return before
    if _heads_a_body(tokens):
        return None
    after = _linked_name(tokens[link + 1:])
    if after is None or (" " not in after and of):
        return None
    parts = after.split()
    start = len(tokens) - len(parts)
    if (of and link and tokens[link - 1].lower() in _TITLE_WORDS and tokens[start:] == parts
            and tokens[start - 1].lower() in _FIELD_JOINS):
        # "Mayor of Velmora Ana Ruiz", "Minister of Trade and Harbours Tom Vale": the title's
        # place or field goes on into the words taken for the name (none cut it off)
        return " ".join(parts[1:]) if len(parts) >= 3 else None
    return after


def _cut_name(tokens: list[str]) -> str | None:
    cut = 0
    for n, token in enumerate(tokens):
        low = token.lower().rstrip(".")
        if (low in _TITLE_WORDS or low in _DETERMINERS or token.endswith("'s")
                or (not token[0].isupper() and not _inside_a_name(tokens, n))
                or _is_body_word(low)):
            cut = n + 1
    name = tokens[cut:]
    if cut and tokens[cut - 1].lower() in _NOT_BEFORE_A_PERSON:
        return None  # "the Afghan Taliban", "a splinter group of the Afghan Taliban": a body
    capitalised = [t for t in name if t not in _NAME_PARTICLES]
    if not 1 <= len(capitalised) <= 4 or not all(
            (t[0].isupper() and t.isalpha()) or "-" in t for t in capitalised):
        return None
    if cut and len(name) == 1 and tokens[cut - 1].endswith("'s"):
        return None  # "Voltaro's Holm"? too little to go on
    return " ".join(name)


@dataclass(frozen=True, slots=True)
class _Titled:
    """A person an article names, where (-1: not known), and the title before the name or
    in an apposition after it, lower-cased ("prime", "minister")."""

    at: int
    name: str
    title: tuple[str, ...]
    place: str = ""


def _title_of(words: str, name: str) -> tuple[tuple[str, ...], str]:
    """The title a source's words give the person ``name`` they name, and its place: the
    title words right before the name ("Georgia's Prime Minister Irakli Garibashvili"), else
    those ending an apposition ("Teresa Ribera, the EU's competition commissioner")."""
    cleaned = unicodedata.normalize("NFKC", words).replace("’", "'")
    parts = cleaned.split(",")
    first = name.split()[0]
    for number, part in enumerate(parts):
        tokens = [t.strip(".;:'\"") for t in _WORD.findall(part)]
        if first not in tokens:
            continue
        before = tokens[:tokens.index(first)]
        title = _title_run(before)
        if not title and number + 1 < len(parts):  # an apposition after the name
            before = [t.strip(".;:'\"") for t in _WORD.findall(parts[number + 1])]
            title = _title_run(before)
            return title, ""
        at = len(before) - len(title) - 1
        return title, _place_of(before[at]) if at >= 0 else ""
    return (), ""


def _title_run(tokens: list[str]) -> tuple[str, ...]:
    """The title words ending ``tokens``, lower-cased."""
    title: list[str] = []
    for token in reversed(tokens):
        low = token.lower().rstrip(".")
        if low not in _TITLE_WORDS or low in _DETERMINERS:
            break
        title.insert(0, low)
    return tuple(title)


#: In an article's text, a word.
_TEXT_WORD = re.compile(r"[\w'’.-]+")
#: A share of capitalised words that makes a line a title-case headline ("PM Admits
#: Presence of Forces"), where a title is followed by no name.
_HEADLINE_SHARE = 0.7


def _place_of(word: str) -> str:
    """A title's place as its qualifier spells it, for comparing ("Georgia's", "Georgian"
    -> "georgia"/"georgian"), or "" for a word that is none."""
    low = word.lower().replace("’", "'").removesuffix("'s")
    if word[:1].isupper() and (word.endswith(("'s", "’s")) or low in _DEMONYMS):
        return low
    return ""


def _same_place(a: str, b: str) -> bool:
    """Whether two places are one ("georgia", "georgian"): the shorter is the longer's start
    but for a letter or two."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short[:max(4, len(short) - 1)])


def _titled_people(text: str) -> list[_Titled]:
    """The people an article's text names after a title ("Prime Minister Gaston Browne",
    "said finance minister Dana Ortiz", "the president, Joe Biden"): a run of title words,
    then two to four capitalised words, none past a stop, a bracket or a line's end, and not
    in a title-case headline; in reading order."""
    words = [(m.start(), m.end(), m.group(0).replace("’", "'"))
             for m in _TEXT_WORD.finditer(text)]
    found: list[_Titled] = []

    def joined(at: int) -> bool:  # nothing but spaces between word at-1 and word at
        gap = text[words[at - 1][1]:words[at][0]]
        return not gap.strip() and "\n" not in gap

    n = 0
    while n < len(words):
        low = words[n][2].lower().rstrip(".")
        if (low not in _OFFICES and low not in _TITLE_WORDS) or not words[n][2][:1].isalpha():
            n += 1
            continue
        end = n
        while (end < len(words) and words[end][2].lower().rstrip(".") in _TITLE_WORDS
               and not words[end][2].endswith("'s") and (end == n or joined(end))):
            end += 1
        title = tuple(w[2].lower().rstrip(".") for w in words[n:end])
        name: list[str] = []
        at = end
        # "the president, Joe Biden": a comma may stand between the title and the name
        if at < len(words) and at > n and text[words[at - 1][1]:words[at][0]].strip() not in (
                "", ","):
            at = len(words)
        while at < len(words) and len(name) < 4 and (not name or joined(at)):
            bare = words[at][2].rstrip(".")
            if not (bare[:1].isupper() and bare.replace("-", "").replace("'", "").isalpha()) or (
                    bare.lower() in _TITLE_WORDS or _is_body_word(bare.lower())):
                break
            name.append(bare)
            at += 1
            if words[at - 1][2].endswith(".") and len(bare) > 1:
                break
        place = _place_of(words[n - 1][2]) if n and joined(n) else ""
        if len(name) >= 2 and any(w in _OFFICES for w in title) and not _headline(
                text, words[end][0]):
            found.append(_Titled(words[end][0], " ".join(name), title, place))
            n = at
        else:
            n = max(end, n + 1)
    return found


def _headline(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a title-case headline."""
    line = text[text.rfind("\n", 0, at) + 1:(text.find("\n", at) + 1 or len(text) + 1) - 1]
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= _HEADLINE_SHARE * len(words)


def _same_office(office: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """Whether a bare office ("the prime minister", "the PM", "the minister") is the office
    of a title ("Prime Minister", "PM", "Finance Minister"; not "Vice President" for "the
    president", nor "Prime Minister" for "the minister")."""
    if ({w for w in title if w in _OFFICE_MODIFIERS}
            != {w for w in office if w in _OFFICE_MODIFIERS}):
        return False
    wanted = [w for w in office if w not in _OFFICE_MODIFIERS]
    held = [w for w in title if w not in _OFFICE_MODIFIERS]
    for a, b in ((wanted, held), (held, wanted)):
        if len(a) == 1 and len(a[0]) <= 3 and len(b) >= 2 and "".join(
                w[0] for w in b[-len(a[0]):]) == a[0]:
            a[:] = b[-len(a[0]):]  # "pm" is "prime minister"
    k = len(wanted)
    return 0 < k <= len(held) and held[-k:] == wanted and not any(
        w in _OFFICES for w in held[:-k])


def _bare_office(text: str) -> tuple[tuple[str, ...], str] | None:
    """The office a description with no name is, and its place ("the prime minister", "The
    PM", "the new finance minister", "Georgia's prime minister" -> its title words and
    "georgia's"), or None."""
    tokens: list[str] = _WORD.findall(unicodedata.normalize("NFKC", text).replace("’", "'"))
    place = ""
    while tokens and (tokens[0].lower() in _DETERMINERS or _place_of(tokens[0])
                      or tokens[0].lower() == "new"):
        place = _place_of(tokens[0]) or place
        tokens = tokens[1:]
    lows = [t.lower().rstrip(".") for t in tokens]
    if not lows or lows[-1] not in _OFFICES or not all(
            t in _TITLE_WORDS or t in _OFFICES for t in lows):
        return None
    return tuple(lows), place


def _no_outlet_name(text: str) -> bool:
    """Whether the words before an outlet's noun name no outlet ("The Journal", "the
    American publication", "the TV network"; not "The Wall Street Journal")."""
    before = text.split()[:-1]
    return all((not any(ch.isupper() for ch in w[1:]) and (
        n == 0 or not w[:1].isupper() or w.lower() in _DEMONYMS)) or (len(w) == 2 and w.isupper())
        for n, w in enumerate(before))


#: Where a sentence starts: after a stop, a line's end or a closing quotation.
_SENTENCE_START = re.compile(r"(?:[.!?][\"”’]?\s+|\n\s*)(?=\S)")
#: A name opening a sentence, and the lower-case word that goes on with it ("Kessel Lines
#: has cancelled ...").
_SUBJECT = re.compile(rf"(?P<name>{_TEXT_NAME})[ \t]+[a-z]")


def _sentence_subject(text: str, start: int) -> str | None:
    """The name the sentence opens with when a description after a comma in it (", the
    company said") is what that sentence reports of: "Kessel Lines has cancelled all
    sailings, the company said" -> "Kessel Lines". None when the words before the
    description end in no comma, or the sentence opens with no name (a determiner, a title,
    a word that opens descriptions: "The pumps failed at Harbour Station, the company
    said")."""
    if not text[max(0, start - 2):start].startswith(","):
        return None
    begin = 0
    for match in _SENTENCE_START.finditer(text, max(0, start - 600), start):
        begin = match.end()
    found = _SUBJECT.match(text, begin, start)
    if found is None:
        return None
    name = found.group("name")
    first = name.split()[0].lower().rstrip(".").replace("’", "'")
    if (first.removesuffix("'s") in _OPENING_WORDS or first in _OFFICES or _nation_word(first)
            or first in _PRONOUNS or name.endswith(("'s", "’s"))):
        return None
    if " " not in name and not re.search(rf"[a-z,;:][ \t]+{re.escape(name)}(?![\w'’-])", text):
        return None  # one word a sentence opens with and never capitalised after: "Sailings"
    return name

#: A quotation's marks: opening and closing.
_OPENING_QUOTES = "\"“"
_CLOSING_QUOTES = "\"”"


def _quoted_before(text: str, start: int) -> tuple[int, int] | None:
    """The quotation a speaker's words close ('"We will not sell to Ostrava Semis, the
    chipmaker," the company said': where it opens and closes), or None: a body named in
    what a party says is not the party ("the company" is not Ostrava Semis)."""
    before = text[max(0, start - 4):start]
    close = max(before.rfind(q) for q in _CLOSING_QUOTES)
    if close < 0 or before[close + 1:].strip(" ,\t"):
        return None
    end = start - len(before) + close
    line = text.rfind("\n", 0, end) + 1
    opening = max(text.rfind(q, line, end) for q in _OPENING_QUOTES)
    return (opening, end) if opening >= 0 else None


def _surname(name: str) -> str:
    """A person's full name's last word, lower-cased ("Dana Ortiz" -> "ortiz")."""
    return name.split()[-1].lower()


def _a_surname(word: str, text: str) -> bool:
    """Whether the text spells ``word`` after a given name ("Alex Azar")."""
    # on one line: a heading's last word is no given name ("... Norway\n\nEquinor said")
    for match in re.finditer(rf"(?<![\w'’.-])([A-Z][a-z]+)[ \t]+{re.escape(word)}(?![\w'’-])",
                             text):
        low = match.group(1).lower()
        if not (low in _TITLE_WORDS or low in _DETERMINERS or low in _DEMONYMS
                or low in _OPENING_WORDS or _is_body_word(low)):
            return True
    return False


class ArticleParties:
    """Resolves the speakers of one article, in reading order, to the parties they are.

    ``resolve(speaker, words)`` returns the speaker kind and words to look the party up by:
    a spokesperson's body (as ``official``), a person's full name, the body a "the company"
    refers back to, or the words unchanged. With the article's ``text`` and each source's
    ``start`` in it, "the company" (or "a spokesperson for the ministry") is also read back
    to the nearest body of that kind the text names before it, as a source or not
    ("Voltaro, the battery maker, ... The company said" -> Voltaro), else to the one body
    the text describes so after it ("The company denied ... Voltaro, the Danish company,
    ..."; two such bodies: neither).
    """

    def __init__(self, text: str | None = None) -> None:
        self.people: list[str] = []
        self._people: set[str] = set()
        #: the last of ``people`` with each surname (``_surname``)
        self._by_surname: dict[str, str] = {}
        self.bodies: list[str] = []
        self.outlets: list[str] = []
        self.text = text
        #: where each of ``bodies`` was last named as a source (-1: not known)
        self.at: dict[str, int] = {}
        self._named: list[_NamedBody] | None = None
        #: the people the article's sources name with a full name, before and after
        #: (``foresee``), and those its text names after a title
        self.ahead: list[_Titled] = []
        self._titled: list[_Titled] | None = None
        #: the names of ``_people_titled`` by surname
        self._titled_by_surname: dict[str, set[str]] = {}
        self._surnames: dict[str, bool] = {}

    def foresee(self, attributions: Iterable[tuple[str, str, str]],
                starts: Iterable[int | None]) -> None:
        """Takes note of the full names an article's sources (speaker, words, stance) give
        people, with their titles, so an earlier surname or office is read forward ("Ortiz"
        in a headline, "Mayor Dana Ortiz" below)."""
        for (speaker, words, _), start in zip(attributions, starts, strict=True):
            if speaker in ("media", "unnamed", "unnamed_official"):
                continue
            text = " ".join(words.split()).strip(" ,.;:")
            name = person_name(text)
            if name is not None and " " in name and not re.search(r"-[a-z]+$", name.split()[0]):
                self.ahead.append(_Titled(-1 if start is None else start, name,
                                          *_title_of(text, name)))

    def _people_titled(self) -> list[_Titled]:
        if self._titled is None:
            self._titled = [*self.ahead, *_titled_people(self.text or "")]
            self._titled_by_surname = {}
            for person in self._titled:
                self._titled_by_surname.setdefault(_surname(person.name), set()).add(
                    person.name)
        return self._titled

    def resolve(self, speaker: str, words: str, stance: str = "asserts",
                start: int | None = None) -> tuple[str, str]:
        """The speaker and words the party is looked up by; a name printed in capitals
        ("DANA ORTIZ", a lead's first words) in the case the article writes it
        elsewhere, else a person's in title case (``cased``: the key is the same)."""
        speaker, found = self._resolve(speaker, words, stance, start)
        return speaker, cased(found, self.text, person=speaker not in ("media", BODY))

    def _resolve(self, speaker: str, words: str, stance: str,
                 start: int | None) -> tuple[str, str]:
        text = " ".join(words.split()).strip(" ,.;:")
        if is_furniture(text):  # "ONLINE EDITION": nobody, and no outlet to refer back to
            return speaker, text
        body = self._spoken_for(text, stance != "asserts")
        if speaker == "unnamed" and (stance == "asserts" or body is None):
            return speaker, text
        if body is not None:
            return self._for_body(body, start)
        if speaker == "unnamed_official" or not names_a_party(text):
            return speaker, text  # "Some Harbour Pilots": some of a group, no name to take
        if speaker == "media":
            outlet = self._outlet(text)
            if outlet is not None:
                return speaker, outlet
        back = self._back_reference(text, start)
        if back is not None:
            return (speaker if speaker == "media" else BODY), back
        office = _bare_office(text) if speaker != "media" else None
        if office is not None:  # "the prime minister", "the PM": the holder the article names
            holder = self._holder(*office, start)
            return speaker, holder if holder is not None else text
        name = person_name(text) or _name_before_title(text)
        if name is not None and speaker != "media":
            return self._key_of_name(speaker, name, start)
        # a name's capital, not a sentence's: "The mayor" names no body for "the union"
        if speaker != "media" and any(
                t[:1].isupper() for t in text.split() if t.lower() not in _DETERMINERS):
            self._body(text, start)
        return speaker, text

    def _for_body(self, body: str, start: int | None) -> tuple[str, str]:
        """The key of a speaker who speaks for ``body`` ("a spokesperson for ..."): a person
        ("President Yoon Suk-yeol"), an office's holder the article names ("the prime
        minister"), else the body (the one the article named, for "the firm")."""
        if describes(body):  # "a spokesperson for the firm": the firm the article named
            body = self._back_reference(f"the {body}", start, last=False) or body
        if self._a_person(body):  # "a spokesperson for President Yoon Suk-yeol"
            return "official", body
        office = _bare_office(body)  # "a spokesperson for the prime minister"
        holder = self._holder(*office, start) if office is not None else None
        if holder is not None:
            return "official", holder
        self._body(body, start)
        return BODY, body

    def _key_of_name(self, speaker: str, name: str, start: int | None) -> tuple[str, str]:
        """The key of a personal name: a full name as it stands (remembered); a single name
        the full name of a person the article named before with that surname, or the one
        full name it gives it, else a body's name or the name itself."""
        if " " in name:
            if name not in self._people:
                self._people.add(name)
                self.people.append(name)
                self._by_surname[_surname(name)] = name
            return speaker, name
        person = self._by_surname.get(name.lower())  # the latest with that surname
        if person is not None:
            return speaker, person
        # a surname before the full name ("Ortiz" in a headline, "Mayor Dana Ortiz"
        # below): the one full name the article gives it
        self._people_titled()
        full = set(self._titled_by_surname.get(name.lower(), ()))
        if len(full) == 1:
            return speaker, full.pop()
        if name.lower() not in _PRONOUNS:
            self._body(name, start)  # a bare single name is most often a body
            if self.text is not None and any(b.name == name for b in self._text_bodies()):
                return BODY, name  # "Aramco, the oil company": a body's name
        return speaker, name

    def _holder(self, office: tuple[str, ...], place: str, start: int | None) -> str | None:
        """The person the article names with this office (of this place, when it has one:
        "the Czech prime minister" is not "Prime Minister Robert Fico" where the article
        names "Czech Premier Petr Fiala"): the nearest before ``start``, else the one it
        names (after)."""
        people = self._people_titled()
        # a holder named with no place is the place's when no one is named as of it
        placed = bool(place) and any(p.place and _same_place(place, p.place) for p in people)
        held = [p for p in people if _same_office(office, p.title) and (
            not place or (_same_place(place, p.place) if p.place else not placed))]
        before = [p for p in held if start is not None and 0 <= p.at <= start]
        if before:
            return max(before, key=lambda p: p.at).name
        names = {p.name for p in held}
        return names.pop() if len(names) == 1 else None

    def _stands_alone(self, body: str) -> bool:
        """Whether a body named as a source may be what a bare "the company" (a head of
        ``bare_heads``) refers back to: it holds no other body's head nor an office ("China's
        market regulator", "Tanzania's health minister"), and is no one's surname ("Azar",
        after "Alex Azar")."""
        words = normalise_name(body).split()
        if any((w in _BODY_HEADS and w not in _BARE_HEADS) or w in _OFFICES for w in words):
            return False
        if len(words) != 1:
            return True
        low = words[0]
        self._people_titled()
        return not (low in self._by_surname or low in self._titled_by_surname) and not (
            self.text is not None and self._a_surname(body.split()[-1]))

    def _a_surname(self, word: str) -> bool:
        """``_a_surname(word, self.text)``, remembered for the article."""
        found = self._surnames.get(word)
        if found is None:
            found = self._surnames[word] = _a_surname(word, self.text or "")
        return found

    @staticmethod
    def _a_person(body: str) -> bool:
        """Whether a spokesperson's principal is a person: a full name after a title
        ("President Yoon Suk-yeol")."""
        first = body.split(maxsplit=1)[0].lower().rstrip(".")
        name = person_name(body)
        return name is not None and " " in name and first in _TITLE_WORDS

    def _outlet(self, text: str) -> str | None:
        """The outlet a media speaker's words name: the name after a description ("the
        American newspaper Foreign Policy" -> "Foreign Policy"), or for a description alone
        ("the American publication") the outlet the article last named, if any. Names of
        outlets are remembered for such descriptions."""
        described = _DESCRIBED_OUTLET.match(text)
        if described is not None:
            self._named_outlet(described.group("name"))
            return described.group("name")
        if _OUTLET_BACK.match(text) and _no_outlet_name(text):  # not "The Wall Street Journal"
            return self.outlets[-1] if self.outlets else None
        if any(t[:1].isupper() for t in text.split()[1:] or text.split()):
            self._named_outlet(text)
        return None

    def _named_outlet(self, name: str) -> None:
        if name in self.outlets:
            self.outlets.remove(name)
        self.outlets.append(name)

    def _body(self, name: str, start: int | None = None) -> None:
        if name in self.bodies:
            self.bodies.remove(name)
        self.bodies.append(name)
        self.at[name] = -1 if start is None else start

    @staticmethod
    def _spoken_for(text: str, refusing: bool) -> str | None:
        patterns = _SPEAKS_FOR_REFUSING if refusing else _SPEAKS_FOR
        found = patterns[0].match(text) or patterns[1].match(text)
        if found is None:
            return None
        body = found.group("body").strip(" ,;:")
        if not re.search(r"(?:\b[A-Z]\.)+$", body):  # "U.N." keeps the stop of its letters
            body = body.rstrip(".")
        if body.lower().removeprefix("the ") in _PRONOUNS or not normalise_name(body):
            return None  # "A council spokesman", "The CEO": an article opens them, no body
        return body

    def _back_reference(self, text: str, start: int | None = None,
                        last: bool = True) -> str | None:
        """The body "the company" (or "the pipeline operator") refers back to: the nearest
        of those the article named before it (as a source, or in its text) with that head
        (any of ``business_heads`` for one of them) and its other words; else, for a bare
        head (and ``last``), the body last named as a source; else None."""
        tokens = normalise_name(text).split()
        if (not 1 <= len(tokens) <= 3 or not text.lower().startswith("the ")
                or tokens[-1] not in _BODY_HEADS or not describes(text)):
            return None
        # a nation's adjective need not be the body's ("The Anglo-Australian firm")
        head, wanted = tokens[-1], [w for w in tokens[:-1] if not _nation_word(w)]
        heads = _BUSINESS_HEADS if head in _BUSINESS_HEADS else frozenset({head})
        best: tuple[int, str] | None = None
        for body in reversed(self.bodies):
            words = set(body.lower().replace("’", "'").split())
            if head in words and words.issuperset(wanted):
                best = (self.at.get(body, -1), body)
                break
        if self.text is not None and start is not None:
            said = _quoted_before(self.text, start)
            for named in reversed(self._text_bodies()):
                if named.end <= start and not heads.isdisjoint(named.words) and (
                        named.words.issuperset(wanted)) and not (
                        said is not None and said[0] < named.end <= said[1]):
                    if best is None or named.end > best[0]:
                        best = (named.end, named.name)
                    break
        if best is not None:
            return best[1]
        # "Kessel Lines has cancelled all sailings, the company said": the name its
        # sentence opens with, when it is no one's
        subject = (_sentence_subject(self.text, start)
                   if self.text is not None and start is not None and not wanted and last
                   and head in _BARE_HEADS else None)
        if subject is not None and self._stands_alone(subject) and not any(
                p.name == subject for p in self._people_titled()):
            self._body(subject, start)
            return subject
        if not wanted and last and head in _BARE_HEADS:
            spoke = next((b for b in reversed(self.bodies) if self._stands_alone(b)), None)
            if spoke is not None:
                return spoke
        # "Voltaro will build ... The company denied ... Voltaro, the Danish company, ...":
        # the one body named before it that the article's own words describe so after it
        return self._fitting_after(heads, wanted, start) or None

    def _fitting_after(self, heads: frozenset[str], wanted: list[str],
                       start: int | None) -> str | None:
        """The one body the article's text names after ``start`` with a head of ``heads``
        beside or in its name and every word of ``wanted`` ("Voltaro, the Danish company",
        "the Ministry of Ports"), not inside what the speaker is quoted saying, and names
        before ``start`` too ("Voltaro will build ..."): a description refers back to a body
        already named, whose kind the article may tell only further on. "" when two bodies
        fit (neither is taken), None when none does."""
        if self.text is None or start is None:
            return None
        said = _quoted_before(self.text, start)
        before = self.text[:start]
        found = {normalise_name(named.name): named.name for named in self._text_bodies()
                 if named.end > start and not heads.isdisjoint(named.words)
                 and named.words.issuperset(wanted)
                 and not (said is not None and said[0] < named.end <= said[1])
                 and re.search(rf"(?<![\w'’-]){re.escape(named.name)}(?![\w'’-])", before)}
        if len(found) > 1:
            return ""
        if not found:
            return None
        name = next(iter(found.values()))
        self._body(name, start)
        return name

    def _text_bodies(self) -> list[_NamedBody]:
        if self._named is None:
            self._named = _text_bodies(self.text or "")
        return self._named


#: A word of an article's text, for ``cased``.
_CASED_WORD = re.compile(r"[^\W\d_][\w'’]*")


def cased(words: str, text: str | None, person: bool = True) -> str:
    """``words`` with each word printed in capitals ("DANA ORTIZ", "VELMORA University": a
    lead's first words) as the article ``text`` writes it elsewhere with a capital
    ("Velmora"), else, for a person's name all in capitals, in title case ("Dana Ortiz"; not
    for an outlet's or a body's speaker, ``person`` False); a body's word in capitals the
    article writes no other way stays (an acronym: "NASA"). Only the case changes, and only
    when the row keyed, its kind, whether it is a description and whether it is a page's
    label stay what they were: a display change, which no stored key or migration sees."""
    if not any(in_capitals(w) for w in words.split()):
        return words
    spelled = _spellings(text or "")

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        return spelled.get(word.lower(), word) if in_capitals(word) else word

    found = _CASED_WORD.sub(one, words)
    if person and in_capitals(words) and " " in words.strip() and _looks_like_person(words):
        found = _CASED_WORD.sub(lambda m: _title_cased(m.group(0)) if in_capitals(
            m.group(0)) else m.group(0), found)
    same = (normalise_name(found) == normalise_name(words)
            and _looks_like_person(found) == _looks_like_person(words)
            and describes(found) == describes(words)
            and names_a_party(found) == names_a_party(words)
            and is_furniture(found) == is_furniture(words))
    return found if same else words


def _title_cased(word: str) -> str:
    """The word in title case: "ORTIZ" -> "Ortiz", "AL-VALE" -> "Al-Vale", "O'DARA" -> "O'Dara"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


@lru_cache(maxsize=4)
def _spellings(text: str) -> Mapping[str, str]:
    """Each word the text writes with a capital but not all in capitals ("Ortiz"), by its
    lower case: the first such spelling. (Kept for the last few texts: ``cased`` asks for
    an article's once per party in capitals it keys: a read-only mapping, shared.)"""
    found: dict[str, str] = {}
    for match in _CASED_WORD.finditer(text):
        word = match.group(0)
        if word[0].isupper() and not in_capitals(word):
            found.setdefault(word.lower(), word)
    return found


def _name_before_title(words: str) -> str | None:
    """A person's name run into the title after it, all in capitals ("TOM VALE DIRECTOR OF
    PORTS" -> "TOM VALE"): two to four words before the first title word, none of them a
    title's, a body's or a determiner; None for other words."""
    if not in_capitals(words):
        return None
    tokens = [t.strip(".,;:'\"") for t in words.split()]
    at = next((n for n, t in enumerate(tokens) if t.lower() in _TITLE_WORDS), None)
    if at is None or not 2 <= at <= 4:
        return None
    name = tokens[:at]
    if any(not t.isalpha() or _is_body_word(t.lower()) or t.lower() in _DETERMINERS
           or t.lower() in _NAME_LINKS for t in name):
        return None
    return " ".join(name)


#: Words that never stand right before a person's name: a name after "the" is a body's ("the
#: Afghan Taliban"; "a splinter group of the Afghan Taliban" is then the group, not the
#: Afghan Taliban, nor a person).
_NOT_BEFORE_A_PERSON = source_words("not_before_a_person")


def _looks_like_person(words: str) -> bool:
    first = words.split(maxsplit=1)[0].lower() if words.strip() else ""
    if first == "the":
        return False  # "the Afghan Taliban": a person's name takes no article
    tokens = [t for t in _WORD.findall(words) if t.lower() not in _DETERMINERS]
    if not 1 <= sum(t not in _NAME_PARTICLES for t in tokens) <= 4:
        return False
    if len(tokens) == 1 and 2 <= sum(ch.isalpha() for ch in tokens[0]) <= 5 and all(
            ch.isupper() for ch in tokens[0] if ch.isalpha()):
        return False  # an acronym ("NASA", "FMG") is a body's
    if any(_is_body_word(t.lower().strip(".")) for t in tokens):
        return False
    if len(tokens) == 1 and tokens[0].lower() in _DEMONYMS:
        return False  # "Russian": a nation's, no one's name
    return all(t[0].isupper() or _inside_a_name(tokens, n) for n, t in enumerate(tokens))


def clip(table: str, column: str, value: str) -> str:
    """``value`` cut to its column's ``String(n)`` length."""
    limit = LENGTHS[table].get(column)
    return value if limit is None else value[:limit]
