"""Source words as data: the small closed classes of words that decide which party a source's
words name when ingest keys ``sources`` rows (``verifier.store.party_keys`` and
``verifier.store.source_reads``): "recent media reports" names no one (an outlet's unnamed
sources), "a spokesperson for the harbour board" is the board, "Mayor Dana Ortiz" is Dana Ortiz.

``data/lexicons/source_words.yaml`` is a mapping ``{classes: {NAME: {words, examples}}}``.
Each class is a ``SourceWordClass`` built by ``verifier.rules.schema.build``: a key the schema
does not declare, a missing key or a bad value is a ``ConfigError`` naming the file, the class
and the field. The names are those ``CLASSES`` declares, with the module that reads each: a
class no code reads (a typo) or one the code reads that the file lacks is an error too. Words
are lower case, trimmed, each once; a word of several words is written with single spaces (it
matches any run of white space where code builds a pattern of the class).

Each example is what one article's sources said, in reading order (``said``: each
``SPEAKER: WORDS`` or ``SPEAKER STANCE: WORDS``, a speaker kind and, when not ``asserts``, a
stance), and the party its last source must be keyed as (``party``): ``KIND: NAME`` (a derived
source of kind ``person``, ``organisation`` or ``media`` and the name a reader sees),
``unnamed`` (the outlet's unnamed sources) or ``nobody`` (a bare pronoun); ``key``, when given,
is the normalised name the row is keyed by, and ``article: true`` says the key is the
article's own (a description nothing in the article resolves: "the company" of one article
is not another's). ``text``, when given, is the article the sources are in: each source's
words are found in it in reading order (the first time after the previous source's), so
"the company" can be read back to the company the text names. No registry entry is
consulted (``key`` and ``party`` are those of a source the registry does not know);
``tests/test_source_words.py`` resolves every one through the store's code.

May import what ``verifier.rules`` may: the store reads this module, never the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from verifier.errors import ConfigError
from verifier.rules.class_files import check_words, load_classes
from verifier.vocab import Speaker, Stance

#: The lexicon file (``data/lexicons/source_words.yaml``).
FILE = "source_words"
#: Every class the code reads, and where.
CLASSES: dict[str, str] = {
    "determiners": "verifier.store.source_reads (dropped before a name is keyed) and "
                   "verifier.store.party_keys (no part of a person's name)",
    "honorifics": "verifier.store.source_reads (dropped before a name is keyed)",
    "pronouns": "verifier.store.source_reads and verifier.store.party_keys (a bare pronoun "
                "names nobody)",
    "organisation_words": "verifier.store.source_reads and verifier.store.party_keys (words "
                          "that make a name a body's, not a person's)",
    "hearsay_nouns": "verifier.store.party_keys (nouns for what was said, not who said it)",
    "hearsay_modifiers": "verifier.store.party_keys (words before such a noun that name no one)",
    "indefinite": "verifier.store.party_keys (quantities: some of a group, nobody in particular)",
    "name_numbers": "verifier.store.party_keys (numbers of 'indefinite' that may open a name "
                    "when every word is capitalised: 'Five Star Movement')",
    "title_words": "verifier.store.party_keys (a title or role before a person's name)",
    "field_joins": "verifier.store.party_keys (lower-case words inside a title's place or "
                   "field: 'Minister of Trade and Harbours Tom Vale')",
    "name_particles": "verifier.store.party_keys (lower-case particles inside a person's name: "
                      "'Lula da Silva')",
    "name_links": "verifier.store.party_keys (lower-case words a person's name ends before: "
                  "'The Ministry of Ports' names no person)",
    "spokes_roles": "verifier.store.party_keys (a role that speaks for the body named)",
    "issued_things": "verifier.store.party_keys (what a body issues speaks for it: 'An HRU "
                     "statement' is the HRU's)",
    "anonymous_officials": "verifier.store.party_keys (officials who stand for the body named "
                           "only when refusing or denying)",
    "body_heads": "verifier.store.party_keys ('the company': the body of that kind last named)",
    "outlet_nouns": "verifier.store.party_keys (nouns for an outlet: 'the American newspaper X')",
    "not_before_a_person": "verifier.store.party_keys (a word never right before a person's "
                           "name: 'the Afghan Taliban' is a body)",
    "description_openers": "verifier.store.party_keys (words that open a description of a "
                           "party without naming it: 'his office', 'both firms')",
    "business_heads": "verifier.store.party_keys (heads for a business: 'the firm' is the "
                      "company the article named 'the battery maker')",
    "demonyms": "verifier.store.party_keys (a nation's or region's adjective: a capital that "
                "names no party, 'the Canadian union', 'Chinese media')",
    "country_organs": "verifier.store.party_keys (heads that make a nation's adjective name "
                      "its country's organ: 'the German government')",
    "bare_heads": "verifier.store.party_keys (heads whose body is often named with no head: "
                  "a bare 'the company' is the body last named as a source)",
    "offices": "verifier.store.party_keys (an office's words: 'The Prime Minister' and 'the "
               "PM' name no one but the holder the article names)",
    "office_modifiers": "verifier.store.party_keys (words that make a title another office: "
                        "'the president' is not the Vice President)",
    "page_furniture": "verifier.store.party_keys (a page's labels that, written in capitals "
                      "and alone, name no party: 'ONLINE EDITION', 'EDITOR-IN-CHIEF')",
}
#: Between an example's speaker (and stance) and its words, and a party's kind and name.
MARK = ": "
#: The kinds of derived source a party may be, and the two parties without a name.
PARTY_KINDS = ("person", "organisation", "media")
UNNAMED = "unnamed"
NOBODY = "nobody"


@dataclass(frozen=True, slots=True)
class SourceExample:
    """One article's sources in reading order and the party the last one must be."""

    said: tuple[str, ...]
    party: str
    key: str | None = None
    article: bool = False
    text: str | None = None


@dataclass(frozen=True, slots=True)
class SourceWordClass:
    """The words of one class and the examples that show them at work."""

    words: tuple[str, ...]
    examples: tuple[SourceExample, ...]


@cache
def source_word_classes() -> dict[str, SourceWordClass]:
    """Every class of the file, checked."""
    return load_classes(FILE, CLASSES, SourceWordClass, _check)


@cache
def source_words(name: str) -> frozenset[str]:
    """The words of class ``name``."""
    return frozenset(source_word_classes()[name].words)


def said_parts(said: str) -> tuple[str, str, str]:
    """An example's ``SPEAKER [STANCE]: WORDS`` as (speaker, words, stance)."""
    head, _, words = said.partition(MARK)
    speaker, _, stance = head.partition(" ")
    return speaker, words.strip(), stance or Stance.ASSERTS.value


def said_starts(text: str, said: tuple[str, ...]) -> list[int]:
    """Where each of an example's sources starts in its ``text``: its words found in reading
    order, each the first time after the previous source's start."""
    starts: list[int] = []
    at = 0
    for one in said:
        at = text.find(said_parts(one)[1], at)
        starts.append(at)
        at += 1
    return starts


def _check(built: SourceWordClass, at: str) -> None:
    check_words(built.words, built.examples, at)
    for number, example in enumerate(built.examples, start=1):
        here = f"{at}: example {number}"
        if not example.said:
            raise ConfigError(f"{here}: field 'said': none given")
        for said in example.said:
            speaker, words, stance = said_parts(said)
            if MARK not in said or speaker not in tuple(Speaker) or not words or (
                    stance not in tuple(Stance)):
                raise ConfigError(
                    f"{here}: said {said!r} is not 'SPEAKER: WORDS' or 'SPEAKER STANCE: "
                    f"WORDS' with a speaker of {', '.join(Speaker)} and a stance of "
                    f"{', '.join(Stance)}")
        kind, mark, name = example.party.partition(MARK)
        if example.party not in (UNNAMED, NOBODY) and (
                not mark or kind not in PARTY_KINDS or not name.strip()):
            raise ConfigError(
                f"{here}: party {example.party!r} is not 'KIND: NAME' with a kind of "
                f"{', '.join(PARTY_KINDS)}, nor {UNNAMED!r} or {NOBODY!r}")
        if example.key is not None and example.party in (UNNAMED, NOBODY):
            raise ConfigError(f"{here}: field 'key': a party {example.party!r} has no key")
        if example.article and example.key is None:
            raise ConfigError(f"{here}: field 'article': says whose key 'key' is; none given")
        if example.text is not None:
            at_word = 0
            for said in example.said:
                found = example.text.find(said_parts(said)[1], at_word)
                if found < 0:
                    raise ConfigError(f"{here}: field 'text': the words of {said!r} are not "
                                      "in it after the previous source's")
                at_word = found + 1


__all__ = ["CLASSES", "FILE", "MARK", "NOBODY", "PARTY_KINDS", "UNNAMED", "SourceExample",
           "SourceWordClass", "said_parts", "said_starts", "source_word_classes",
           "source_words"]
