"""Who has spoken so far in an article: the memory that carries speakers over.

Pronouns ("he added"), back-references ("the official said", "one of the people") and
untagged quote continuations take the speaker of an earlier sentence; a bare surname ("Bae
said") keeps its own words but takes the kind its bearer was introduced with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from verifier.analysis.attribution.rules import Rules, anonymous_heads, lower, word_list
from verifier.analysis.attribution.speakers import (
    CARRIED,
    FORMER,
    NONE,
    OFFICE_KINDS,
    OPENING,
    PERSON_EPITHETS,
    Descriptor,
    classify,
    find_names,
    indefinite_before,
    is_title,
    party_voice,
)
from verifier.analysis.results import Span
from verifier.analysis.segment import inner_period
from verifier.analysis.wordindex import word_index
from verifier.registry import Registry, Source

_FAMILY = {
    "official": ("official",),
    "officials": ("official",),
    "source": ("source",),
    "sources": ("source",),
    "people": ("people", "person"),
    "person": ("person", "people"),
    "diplomat": ("diplomat",),
    "diplomats": ("diplomat",),
    "spokesman": ("spokes", "representative"),
    "spokeswoman": ("spokes", "representative"),
    "spokesperson": ("spokes", "representative"),
    "representative": ("representative", "spokes"),
    "study": ("study", "research", "author"),
    "authors": ("study", "research", "author"),
    "author": ("study", "research", "author"),
    "researchers": ("study", "research", "author"),
    "analyst": ("analyst",),
    "expert": ("expert",),
    # a party's lawyer the article named ("her lawyer Ana Ruiz ... the lawyer added")
    # (session 26, held out on b)
    "lawyer": ("lawyer", "attorney", "counsel"),
    "lawyers": ("lawyer", "attorney", "counsel"),
    "attorney": ("attorney", "lawyer", "counsel"),
    "attorneys": ("attorney", "lawyer", "counsel"),
}
#: The family words as word starts ("person" is not the end of "spokesperson").
_FAMILY_WORDS = {
    head: re.compile(r"\b(?:" + "|".join(keys) + ")") for head, keys in _FAMILY.items()
}
#: The words between "the" and a back-reference's noun that say nothing of whose it is
#: ("the same senior official"); any other word names its owner ("the FO spokesperson").
_BACKREF_QUALIFIERS = frozenset({"same", "senior", "government", "ministry", "u.s.", "company",
                                 "club", "first", "second", "former"})
_ORG_HEADS = word_list("body_heads")
#: Back-references to a document by its noun ("the report"): the latest such document that spoke.
_DOCUMENT_HEADS = {head: re.compile(rf"(?<![\w'’-]){re.escape(head)}(?![\w'’-])")
                   for head in word_list("document_heads")}
#: Back-references that may point at any body named by its proper name ("the company").
_BODY_HEADS = word_list("named_body_heads")
#: A document a speaker issues: "it" or "the post" in a tag may stand for it.
_DOCUMENT = re.compile(r"\b(?:statements?|posts?|letters?|tweets?|messages?|(?:press\s+|news\s+)?"
                       r"releases?|notes?|memos?|communiqu[eé]s?|announcements?)\b",
                       re.IGNORECASE)
_NAMED_BODY = frozenset({"proper_name", "known_name", "registry", "evidence"})
_INTRO_STOPS = ",.;:\"“”()\n"  # the characters an introduction's words do not cross
#: A short parenthesis of capitalised words inside a title, after a capitalised word
#: ("Department (Special Functions)"), which an introduction's words may cross.
_TITLE_PARENTHESIS = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*[ \t]+\((?:[A-Z][\w’'&-]*[ \t]*){1,4}\)")
_FULL_NAME = re.compile(
    r"(?<![\w.-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?"
    r"\s+[A-Z][a-z][\w'’-]*(?:-[a-z]+)?(?:[ \t]+[A-Z][a-z][\w'’-]*(?:-[a-z]+)?){0,2}(?![\w-])"
)
#: How far back (characters) a bare name's introduction is looked for; how many speakers
#: the memory keeps. Both bound the work on very long texts.
_LOOK_BACK = 20_000
_MAX_ENTRIES = 200
_NAME_RUN = re.compile(r"(?:[ \t]+[A-Z][\w'’.-]*)+")  # on one line
#: A photo credit's label right before a name ("Image: Ana Roe", "Photo by Ana Roe"): the
#: photographer, nobody in the story.
_CREDIT_LABEL = re.compile(
    r"(?:Photo(?:graph)?s?|PHOTOS?|Pictures?|Images?|Pics?|PICS?|[Cc]redits?|CREDITS?)"
    r"(?:\s*:|\s+by)\s*(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?$")
_FIRST_RUN = re.compile(r"\w+")
#: A given name before a surname ("Diego Ferraz" for "Ferraz said").
_GIVEN_NAME = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’-]*\s+$")
_LAST_WORDS = re.compile(r"(?:\S+\s+){0,6}$")
#: A name's particle joined to the word after it ("al-" of "al-Sisi"), in either case.
_JOINED = re.compile(
    r"^(?:" + "|".join(sorted(sorted(map(re.escape, word_list("name_particles"))), key=len,
                             reverse=True)) + r")-(?=[A-Z])", re.IGNORECASE)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"})
#: An appositive after a name: ", a/an/the ...", ", Afghanistan's Ombudsperson", ", author of",
#: ", 72, who lives nearby".
_APPOSITIVE = re.compile(
    r",\s+(?:\d{1,3},\s+)?(?:(?:a|an|the|who)\s|[A-Z][\w.-]*['’]s\s+(?=[A-Z])"
    r"|[a-z][\w-]*\s+(?:of|at|for|with)\s"
    # an office in lower case of several words, its field after a preposition (", senior
    # presidential secretary for civil affairs", ", state's attorney in Harbour County"):
    # only when its words hold an office's (``_office_appositive``; not ", born in")
    r"|(?P<office>(?:[a-z][\w'’-]*\s+){1,3})(?:of|at|for|with|in)\s"
    # a title in capitals, closed by a comma, a bracket or the sentence's end (", Deputy
    # Speaker of the House,", ", Kurdish MP in the Harbour parliament.", ", Senior Special
    # Assistant to the President on Media (Office of the Vice President)")
    r"|(?=[A-Z][\w-]*\s[^,.;\"“”\n]{0,90}(?:,|\(|\.(?:\s|$))))[^,.;\"“”\n]{1,90}"
    # an office set off between two dashes (" - global head of Harbour Studios - "): only
    # when its words hold an office's, like the lower-case one above (session 23)
    r"|[ \t][-–—][ \t]+(?P<dashed>[^-–—,.;\"“”\n]{2,90}?)(?=[ \t][-–—][ \t])"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
#: A narration opening with "he" or "she" ("She works with ...", "He's also said").
_OPENS_WITH = {word: re.compile(rf"\s*{word}(?:['’](?:s|d|ll))?(?![\w'’-])", re.IGNORECASE)
               for word in ("he", "she")}
#: How many narration sentences opening with the same pronoun are followed back.
_NARRATION_DEPTH = 3
#: An opening adverbial clause up to its comma ("With bosses looking for a new spy, ",
#: "After the vote, "): the names in it are not the sentence's subject.
_OPENING_CLAUSE = re.compile(
    r"\s*(?:With|After|Before|As|While|Following|Despite|Amid|Since|Although|Though|When)"
    r"\b[^,.;:\"“”\n]{3,120},\s+")
#: The capitalised words of a name before its last one ("Harbour" of "Harbour United").
_NAME_START = re.compile(r"((?:(?<![\w'’.-])[A-Z][\w'’.-]*[ \t]+)*)$")
#: The capitalised words of a personal name before its surname, on one line, not across a
#: sentence's end: initials ("J.") but no other word with a full stop ("Snowden. Hale").
_NAME_BEFORE = re.compile(r"(?:(?<![\w'’.-])(?:[A-Z]\.|[A-Z][\w'’-]*)[ \t]+)*$")
#: The word before a name, and the words that make it one of several or a question's.
_WORD_BEFORE = re.compile(r"([\w&]+)[ \t,]*$")
#: The word right before a name, with only spaces between (no comma).
_WORD_RIGHT_BEFORE = re.compile(r"([\w&'’.-]+)[ \t]+$")
#: The descriptor roles that, set off before a name by a comma, say what its bearer is.
_APPOSITIVE_ROLES = frozenset({"title", "role", "agent", "expert"})
#: How far (characters) after a name the office it holds may be stated, and the only
#: capitalised words that may stand between ("Ana Ruiz on Thursday said she will step down
#: as captain"; any other is somebody the office may belong to).
_HELD_REACH = 80
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*")
_CALENDAR = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                       "Sunday", "January", "February", "March", "April", "May", "June", "July",
                       "August", "September", "October", "November", "December"})
#: A definite title of one person, short ("the club's chairman", "Shell's chief executive").
_ONE_OFFICE = re.compile(r"(?:[Tt]he|[A-Z][\w.&-]*(?:['’]s|(?<=s)['’]))\s+(?:[\w’'-]+\s+){0,3}"
                         r"[a-z][\w-]*(?<![^s]s)")
#: What ends the words that may describe the name after them ("his wife" in "..., his wife").
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\"“”]")
#: How many of the last full names before a pronoun or an epithet are tried for a person.
_PERSON_TRIES = 3
#: How far (characters) a name may follow the nameless office-holder it names.
_NAMED_AFTER_REACH = 400
#: A sentence that opens (after at most a short clause and its comma: "In a heated exchange,")
#: with "the" and up to four words before its verb ("the first minister raised ..."): the
#: words a news story uses to refer back to the person it has just named.
_REFERRED = re.compile(r"(?:(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t])|(?<=\n))"
                       r"(?:[A-Z][^.,;:!?\n\"“”]{0,60},[ \t]+)?"
                       # "the first minister", or a body's possessive and its title closed by
                       # a comma before a lower-case word ("United’s manager, however, was
                       # ..."; not a name in apposition: "United’s manager, Tom Vale,")
                       # (set T, session 20)
                       r"([Tt]he[ \t]+(?:[\w’'-]+[ \t]+){1,4}"
                       r"|(?P<owner>[A-Z][\w.&-]*)(?:['’]s|(?<=s)['’])[ \t]+(?:[\w’'-]+[ \t]+){0,3}"
                       r"[\w’'-]+(?=,[ \t]*[a-z]))")
#: The tag after a quotation whose speaker is "the" and a news organisation's journalist
#: ('“...,” the CBS co-host began'): another way news refers back to the person just named.
_REFERRED_JOURNALIST = re.compile(r"(?<=[,.!?][\"”’][ \t])([Tt]he[ \t]+(?:[\w.&’'-]+[ \t]+){1,3}?"
                                  r"([\w-]+))(?=[ \t]+[a-z])")
#: One person by an indefinite description ("a city councillor", "an MP"), not several.
_INDEFINITE_ONE = re.compile(r"[Aa]n?\s+(?!(?:few|couple|number|group|pair|handful|lot|dozen|"
                             r"host|team|panel|delegation|series)\b)")
#: The rest of one sentence, its end, and nothing but the next sentence's opening.
_NEXT_SENTENCE = re.compile(r"[^.!?\n]*[.!?][\"”’]?[ \t]*\n*[ \t]*")
#: How far (characters) after a mention of a name such a tag may refer back to it.
_JOURNALIST_REACH = 300
#: The nouns of one journalist of a news organisation (media_person_words).
_JOURNALIST_WORDS = word_list("media_person_words")
#: Capitalised words before a name that are no given name of it ("But", "Yesterday").
_NOT_GIVEN = word_list("function_words") | word_list("name_opening_words")
#: How far (characters) after a mention of a name its office may be referred to.
_REFERRED_REACH = 400
#: The words up to the last that opens a clause before an appositive ("International media
#: revealed that the President of Micronesia, Ana Ruiz"): the appositive starts after it.
_CLAUSE_OPENED = re.compile(r".*\b(?:that|whether|which|who|whom)\s+", re.DOTALL)
#: Names coordinated between an appositive's comma and the name ("her lawyers, Mark Zaid and
#: Abbe David Lowell").
_COORDINATED = re.compile(r"\s*(?:[A-Z][\w'’.-]*\s+){1,4}(?:and|&)\s+")
#: Honorifics between an appositive office and the name ("the Director General of the
#: Service, Dr. Ana Ruiz"): no words of their own between the two.
_HONORIFIC_WORDS = frozenset(w.rstrip(".") for w in (
    word_list("male_words") | word_list("female_words") | word_list("honorifics")))
#: The words up to the last preposition before an appositive's noun phrase ("at the
#: direction of" before "America's health secretary, Alex Azar").
_GOVERNED = re.compile(
    r".*\b(?:of|at|to|by|for|from|with|under|against|about|after|before|behind|than|like)\s+",
    re.DOTALL)
#: What may follow a name in apposition to the noun phrase before it: a stop or a comma,
#: no verb of which the name is the subject.
_APPOSITION_ENDS = re.compile(r"\s*(?:[.;,)]|$)")
#: How many words may follow the role word of an appositive before a name.
_APPOSITIVE_TAIL = 5
#: A body's acronym in parentheses after its name ("the Harbour Football Association (HFA)"):
#: no word of the tail.
_ACRONYM_GLOSS = re.compile(r"\s*\([A-Z][A-Za-z&.-]{1,9}\)")
#: A body named by its proper name as a sentence's subject, at its start ("Acme was quick
#: to ...", "Acme's shares rose ..."): up to five capitalised words.
_SUBJECT_BODY = re.compile(r"\s*((?:[A-Z][\w&.-]*[ \t]+){0,4}[A-Z][\w&-]*)(?:['’]s)?[ \t]+[a-z]")
_POSSESSIVE = re.compile(r"['’]s?$")
#: Each personal pronoun's forms ("she": "her", "hers", "herself").
_PRONOUN_FORMS = {
    pronoun: re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(word_list(f"{pronoun}_forms")))
                        + r")(?![\w'’-])", re.IGNORECASE)
    for pronoun in ("he", "she")
}
#: The strategies of a speaker that may be several people ("Labour MPs").
_GROUP_HOWS = frozenset({"role", "group"})
_NOT_ALONE = frozenset({"and", "&", "or", "nor", "with", "would", "could", "should", "might",
                        "must", "will", "can", "did", "do", "does", "to", "of"})
#: "his post as finance minister", "her role as club captain", "will step down as club
#: captain": the office its owner holds (or has held until now).
_OFFICE_HELD = re.compile(
    r"\b(?:(?:his|her|their)\s+(?:(?:current|new)\s+)?(?:"
    + "|".join(sorted(sorted(word_list("office_nouns")), key=len, reverse=True))
    + r")|(?:"
    + "|".join(sorted(sorted(w.replace(" ", r"\s+") for w in word_list("office_verbs")), key=len,
                      reverse=True))
    + r"))\s+as\s+((?:the\s+)?(?:[\w.'’-]+\s+){0,3}[\w.'’-]+)"
)
#: A name right before "as" and an office: the office is the name's ("announced Tom Vale as
#: the club's new head coach", "confirmed Ana Ruiz as chief executive").
_AS_OFFICE = re.compile(r"as[ \t]+((?:the[ \t]+|its[ \t]+|their[ \t]+|[\w.-]+['’]s[ \t]+)?"
                        r"(?:[\w.'’-]+[ \t]+){0,3}[\w.'’-]+)")
#: A verb after a name that gives it the office after it, up to the clause's end ("Vale is
#: the agency's spokesperson.", "Vale has been the club's chairman since 2010,", "Vale is
#: the lawyer acting for the family -- a ..."): group 1.
_COPULA_OFFICE = re.compile(
    r"(?:(?:also|now|currently)[ \t]+)?(?:" + "|".join(sorted(sorted(
        w.replace(" ", r"[ \t]+") for w in word_list("office_clause_verbs")), key=len,
        reverse=True))
    + r")[ \t]+(?:(?:also|now|currently)[ \t]+)?((?:[\w.'’-]+[ \t]+){0,6}?[\w.'’-]+)"
    r"(?=[ \t]*(?:[,.;:!?]|--|[–—]|$))")
#: A word that says an office was left ("former", "ex-").
_FORMER_WORD = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(sorted(
    map(re.escape, word_list("former_words"))), key=len, reverse=True)) + r")(?![\w'’])",
    re.IGNORECASE)
#: A definite article opening an office's words.
_THE = re.compile(r"the\s+", re.IGNORECASE)
#: The descriptor roles of an office (a title, a role, one who speaks for a party).
_OFFICE_HOWS = frozenset({"title", "role", "agent"})
#: An office newly taken up, after "as" ("as the newly appointed team director", "as its new
#: captain", "as the incoming chief executive"), up to three words.
_NEW_OFFICE = re.compile(
    r"\bas[ \t]+(?:the|its|their|his|her)[ \t]+(?:newly[ \t-](?:appointed|named|elected|installed)"
    r"|new|incoming)[ \t]+((?:[\w.'’-]+[ \t]+){0,2}[\w.'’-]+)")
#: Words in a speaker's description that rule a personal pronoun out ("Mr" for "she").
_OTHER_GENDER = {
    pronoun: re.compile(r"(?<![\w'’-])(?:"
                        + "|".join(sorted(sorted(word_list(key)), key=len, reverse=True))
                        + r")(?![\w'’-])")
    for pronoun, key in (("he", "female_words"), ("she", "male_words"))
}


def _only_honorifics(gap: str) -> bool:
    """Whether words are one or two capitalised honorifics ("Dr.", "Prof.", "Mr")."""
    words = gap.split()
    return 0 < len(words) <= 2 and all(
        word[0].isupper() and word.rstrip(".").lower() in _HONORIFIC_WORDS for word in words)


def _window_start(text: str, low: int, end: int) -> int:
    """The earliest start from which up to 80 characters without a stop reach ``end`` (or a
    line break just before it). The full stop of a title or an initial is no stop ("Florida
    Sen. Marco Rubio", "U.S. Rep. Ana Ruiz"), nor is a short parenthesis inside a title
    ("Minister in the Prime Minister's Department (Special Functions) Ana Ruiz")."""
    if end > low and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a final line break
    floor = max(end - 80, low)
    at = end
    while True:
        last = max(text.rfind(stop, floor, at) for stop in _INTRO_STOPS)
        if last >= 0 and text[last] == ")":
            opened = _TITLE_PARENTHESIS.search(text, max(floor, last - 60), last + 1)
            if opened is not None and opened.end() == last + 1:
                at = text.index("(", opened.start())
                continue
        if last < 0 or text[last] != "." or not inner_period(text, last):
            return max(last + 1, floor)
        at = last


def _proper(names: tuple[str, ...]) -> frozenset[str]:
    """The words of a name that identify its bearer: no titles or initials ("Mr.", "J."),
    a word joined to its particle without it ("al-Sisi" and "Al-Sisi" are "Sisi")."""
    return frozenset(_JOINED.sub("", n) for n in names
                     if (n[:1].isupper() or _JOINED.match(n)) and not n.endswith(".")
                     and n.lower() not in _HONORIFICS)


def _name_keys(names: tuple[str, ...]) -> set[str]:
    """A name's words as the memory matches them ("Al-Harbi" for "al-Harbi")."""
    return {_JOINED.sub("", n) for n in names}


def _same_person(proper: frozenset[str], other: tuple[str, ...]) -> bool:
    """Whether two names may be one person's: one's words hold the other's ("Ruiz" and "Ana
    Ruiz"), not two different first names ("Lola Ruiz" and "Alan Ruiz")."""
    theirs = _proper(other)
    return not proper or not theirs or proper <= theirs or theirs <= proper


#: A second party joined to a speaker's words ("the champion and the team"): several.
_AND_PARTY = re.compile(r"\s(?:and|&)\s+(?:the|his|her|their|its|other|several|some)\s")


def _plural(entry: Entry) -> bool:
    """Whether a speaker is several people: a group ("critics", "most voters"), a short
    plural role ("officials", "senior U.S. officials"), or anonymous sources named by a plural
    head ("sources", "two of his sources", "people familiar with the talks")."""
    if entry.how == "group" or _AND_PARTY.search(entry.span.text):
        return True
    if entry.how == "source":
        heads = [w for w in _WORD.findall(entry.lower) if w in _SOURCE_HEADS]
        return bool(heads) and heads[0] in _PLURAL_SOURCE_HEADS
    words = entry.span.text.split()
    if (words and not entry.names and entry.how not in ("role", "pronoun", "backref")
            and _COMMON_PLURAL.fullmatch(words[-1])):
        return True  # "Forceful voices", "Angry residents": no one person's words
    if entry.how != "role" or not words or len(words) > 3:
        return False
    head = words[-1]
    common = head.islower() or (len(words) == 1 and head[1:].islower())  # "Officials said"
    return common and head.endswith("s") and not head.endswith(("ss", "us", "is"))


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: The head words of an anonymous source's phrase (the frames lexicon's lists), and the
#: plural ones: "he" or "she" stands for no "sources" or "people familiar with the talks".
_SOURCE_HEADS = anonymous_heads()
_PLURAL_SOURCE_HEADS = frozenset(w for w in _SOURCE_HEADS if w.endswith("s") or w == "people")
#: A lower-case plural noun ending a speaker's words ("voices", "residents"), not a word
#: ending in -ss, -us or -is ("the boss", "the census", "the analysis").
_COMMON_PLURAL = re.compile(r"[a-z][a-z-]*[^isu'’]s")
#: What an evidence strategy found: the kind and where the words are that showed it.
_Shown = tuple[str, tuple[int, int]]
_FUNCTION = word_list("function_words")
_BOUNDARY = word_list("name_boundary_words")
#: The words that may open a sentence before a name and are no part of it ("If Ana Ruiz
#: ...", "But Tom Vale ...").
_OPENERS = _FUNCTION | _BOUNDARY
#: The words of a title before a name, and the small words that join a title's words.
_TITLE_TOKEN = re.compile(r"[^\s,;:\"“”]+")
_TITLE_JOINS = _FUNCTION | frozenset({"of", "at", "and", "&", "de", "del", "da", "di", "van",
                                      "von", "der", "al", "bin", "ibn", "-", "–"})
#: The prepositions of a place of work: a name right after one is where someone works or
#: plays ("a legend at Harbour United", "a professor at Northfield"), not who they are.
_OBJECT_OF = frozenset({"at"})
#: The words that coordinate a name with what comes before it ("the team and Ana Ruiz").
_COORDINATORS = frozenset({"and", "&", "or"})
#: The descriptor roles that make a named person an outside voice by what else they are (a
#: trade, an independent body's member), not by an office they have left ("former minister").
_OUTSIDE_ROLES = frozenset({"expert", "organisation"})
#: The name strategies of a speaker no words described where it was named.
_UNDESCRIBED = frozenset({"person", "proper_name"})
#: What ends the words before a sentence's or a clause's first word.
_OPENS = ".!?:;|\n–—-"
#: A capitalised word inside a sentence: after a lower-case word, a comma or a number.
_INNER_CAPITAL = re.compile(r"[\w'’,)%-][ \t]+([A-Z][a-z][\w'’-]*)")


def _owner_named(words: str, proper: frozenset[str] | set[str]) -> bool:
    """Whether a speaker's own words (lower-cased) give one of ``proper`` as the possessive
    of somebody else, its owner ("kang's father, kang myung-soo"): that bare name is the
    owner's, not this speaker's."""
    return any(f"{name.lower()}{mark}" in words for name in proper for mark in ("'s", "’s"))


def _name_tail(tail: list[str]) -> bool:
    """Whether the words after an appositive's role word are only the name of what the
    office is of, capitalised words and the small words that join them ("the President of
    the Federated States of Micronesia, David Panuelo"), however long: no clause ("The
    minister has agreed a deal with Harbour United, Tom Vale")."""
    return all(w[0].isupper() or w.lower() in _TITLE_JOINS for w in tail)


#: A sentence's full stop inside a line ("Tomas Hale. Ana Ruiz/Getty Images"; not "U.S. Border").
_SENTENCE_STOP = re.compile(r"[a-z]{2}\.\s+[A-Z]")


def title_line(line: str) -> bool:
    """Whether a line is written in title case (a headline: every word capitalised)."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _bordered(name: str) -> bool:
    """Whether ``name`` begins with what it ends with ("Ana Ana"): two of its mentions may
    then overlap."""
    return any(name[:k] == name[-k:] for k in range(1, len(name)))


def _whole_word(text: str, start: int, end: int, possessive: bool = False) -> bool:
    """Whether ``text[start:end]`` is a whole word (with ``possessive``: one followed by
    "'s" or "'")."""
    if start and (text[start - 1].isalnum() or text[start - 1] in "-_"):
        return False
    after = text[end : end + 1]
    if possessive:
        return after in ("'", "’")
    return not (after.isalnum() or after in ("-", "_"))


@dataclass(slots=True, eq=False)
class Entry:
    """A speaker seen earlier: its kind and the latest words that tagged it."""

    kind: str
    span: Span
    person: bool
    names: tuple[str, ...]
    lower: str
    #: the strategy that found it (``Descriptor.how``)
    how: str = ""
    #: where the words are that showed its kind, when not in ``span`` (``Descriptor.evidence``)
    evidence: tuple[int, int] | None = None
    #: why it has its kind when no words showed it (``Descriptor.reason``)
    reason: str = ""

    def shown(self) -> tuple[int, int] | None:
        """Where the words are that showed this speaker's kind: its evidence, else its own
        words when they did (None for a fallback kind)."""
        if self.evidence is not None:
            return self.evidence
        return None if self.reason else (self.span.start, self.span.end)


@dataclass(slots=True)
class Memory:
    """Speakers of one article in reading order."""

    text: str
    rules: Rules
    registry: Registry
    outlet: Source | None
    entries: list[Entry] = field(default_factory=list)
    intros: dict[tuple[str, int, int], list[tuple[int, int]]] = field(default_factory=dict)
    #: a full name's span -> what its words make it, and whether they say more than that it
    #: is a person (a title, a role)
    described: dict[tuple[int, int], tuple[Descriptor | None, bool]] = field(
        default_factory=dict)
    #: a name's words -> what the article's evidence makes it (None: nothing)
    profiles: dict[tuple[str, ...], Descriptor | None] = field(default_factory=dict)
    _inner: frozenset[str] | None = None

    def remember(self, desc: Descriptor, span: Span) -> None:
        """Record a speaker and the words that tagged it (replacing its earlier entry)."""
        names = set(desc.names)
        for i in range(len(self.entries) - 1, max(-1, len(self.entries) - 41), -1):
            entry = self.entries[i]
            if entry.span.start == span.start or (names and not names.isdisjoint(entry.names)):
                del self.entries[i]
                break
        entry = Entry(desc.kind, span, desc.person, desc.names, span.text.lower(), desc.how,
                      desc.evidence, desc.reason)
        self.entries.append(entry)
        if len(self.entries) > _MAX_ENTRIES:
            del self.entries[0]

    def touch(self, entry: Entry) -> None:
        """Move a carried-over speaker to the front of the memory."""
        for i in range(len(self.entries) - 1, -1, -1):
            if self.entries[i] is entry:
                del self.entries[i]
                break
        self.entries.append(entry)

    def pronoun(self, word: str, plural: bool = False) -> Entry | None:
        """The latest speaker a pronoun may stand for; "he" and "she" skip groups ("critics",
        "officials", "60 percent of voters") unless ``plural`` (a last resort)."""
        word = word.lower()
        for entry in reversed(self.entries):
            if word in ("he", "she") and entry.person:
                if not plural and _plural(entry):
                    continue
                if _OTHER_GENDER[word].search(entry.lower):
                    continue  # "she" is not "Mr Williamson"
                return entry
            if word == "it" and not entry.person:
                return entry
            if word in ("they", "we"):
                return entry
        return None

    def issuer(self, before: int) -> Entry | None:
        """The speaker who issued the document a tag's "it" or "the statement" stands for when
        no body does ("X and Y said in a joint statement that ... “...,” it said"): the
        latest speaker, when its words' line mentions a document and no other line stands
        between that line and ``before`` but the quotation's own."""
        if not self.entries:
            return None
        entry = self.entries[-1]
        start = self.text.rfind("\n", 0, entry.span.start) + 1
        end = self.text.find("\n", entry.span.end)
        end = len(self.text) if end < 0 else end
        if end > before or not _DOCUMENT.search(self.text, start, end):
            return None
        lines = [line for line in self.text[end:before].split("\n") if line.strip()]
        return entry if len(lines) <= 1 else None

    def last_person(self, before: int, word: str = "", person: bool = False) -> Entry | None:
        """The last person named in the text before ``before`` (for a pronoun with no speaker);
        for "he" or "she", not one the words just before the name give the other gender
        ("his wife Ana Ruiz" is no "he"), nor one the article shows is no person ("the
        Harbour National Army", "Government House"), and a surname alone counts as a mention
        of the full name it ends ("Ruiz was escorted ..." after "Ana Ruiz"). With ``person``
        (an epithet, "the actor"), the latest of the last few names the article shows is a
        person (not "Harbour United")."""
        window = max(0, before - 600)
        # each mention: where it is, and the full name's span it stands for
        names_before = [(m.start(), m.end(), m.start(), m.end())
                        for m in _FULL_NAME.finditer(self.text, window, before)]
        other = _OTHER_GENDER.get(word.lower())
        tries = _PERSON_TRIES if person else 1
        if other is not None:
            names_before = [m for m in self._with_surnames(window, before)
                            if not self._other_gender(other, m[2])]
            person = True  # "he" or "she" is a person, never "the Harbour National Army"
        for _, _, start, end in reversed(names_before[-tries:]):
            run = _NAME_RUN.match(self.text, end)
            if run is not None and run.end() <= before:
                end = run.end()  # "Mayor Ana Ruiz": the whole run, not "Mayor Ana"
            words = self.text[start:end]
            names = tuple(words.split())
            if "/" in self.text[max(0, start - 2):start] or self.text[end:end + 2].lstrip(
                    " ").startswith("/") or self._credited(start):
                continue  # a photo credit ("Tom Vale/Getty Images"), nobody in the story
            desc = self.lookup(names, end, pronoun=other is not None)
            if desc is None:
                desc = self.lookup(names[-1:], end + 1, pronoun=other is not None)
            if desc is None or (person and not desc.person):
                continue
            span = Span(words, start, end)
            return Entry(desc.kind, span, True, names, span.text.lower(), desc.how,
                         desc.evidence, desc.reason)
        return None

    def refers_to(self, desc: Descriptor, at: int,
                  narration: tuple[int, int] | None = None) -> Entry | None:
        """The earlier speaker a pronoun or a back-reference (``desc``, at ``at``) stands
        for. ``narration``: the sentence before, when it is a claim no speaker tagged; the
        person or body it names is the pronoun's ("Mayor Ana Ruiz backed the plan. She said
        ..."), rather than a speaker further back or none."""
        if desc.how != "pronoun":
            entry = self.backref(desc.head)
            if entry is None and desc.person:
                # "the actor" with nobody who spoke: the person named last, like "he"
                entry = self.last_person(at, person=True)
            return entry
        entry = self.pronoun(desc.head)
        if narration is not None and desc.person and _FULL_NAME.search(
                self.text, narration[1], at):
            narration = None  # a person named before it in its own sentence may be its own
        if narration is not None and (entry is None or entry.span.start < narration[0]):
            named = self.narrated(desc.head, *narration)
            if named is not None and (entry is None or set(named.names).isdisjoint(
                    entry.names)):
                entry = named
        if entry is None and desc.person:
            entry = self.last_person(at, desc.head)
        if entry is None:
            entry = self.pronoun(desc.head, plural=True)
        if entry is None and desc.person:  # nobody has spoken yet
            entry = self.subject_person(desc.head, at)
        if entry is None and desc.head.lower() == "it":
            entry = self.issuer(at)  # '“...,” it said' after "in a joint statement"
        if entry is None and desc.person:
            entry = self.surname_speaker(desc.head)
        return entry

    def surname_speaker(self, word: str) -> Entry | None:
        """For a "he" or "she" nothing else resolves: the latest speaker, when it is one
        capitalised word nothing described ("Vale said ... He added that ..."). The name
        rule takes such a word for a body speaking for itself, which no "he" stands for; the
        pronoun says it is a person's surname. Not a name after "the" ("the Falcons"), nor
        one the words give the other gender."""
        other = _OTHER_GENDER.get(word.lower())
        if other is None or not self.entries:
            return None
        entry = self.entries[-1]
        if (entry.person or len(entry.names) != 1 or not entry.reason
                or entry.reason != self.rules.names["proper_name"].reason
                or entry.lower.startswith("the ") or other.search(entry.lower)):
            return None
        return entry

    def subject_person(self, word: str, before: int) -> Entry | None:
        """The person the article is about, for a "he" or "she" nothing else resolves: the
        first person it names, when the next mention of a person after that is this
        pronoun's form ("Chief executive Ana Ruiz has resigned. Speculation about her future
        ..."): the article has been calling them so since."""
        forms = _PRONOUN_FORMS.get(word.lower())
        other = _OTHER_GENDER.get(word.lower())
        if forms is None or other is None:
            return None
        names = self._with_surnames(0, before)
        first = next(((start, end) for _, _, start, end in names
                      if self._person_at(start, end, before) is not None), None)
        if first is None or self._other_gender(other, first[0]):
            return None
        found = self._person_at(*first, before)
        if found is None or found.how in _UNDESCRIBED:
            return None
        told = forms.search(self.text, found.span.end, before)
        if told is None or any(
                found.span.end <= at < told.start() and start != first[0]
                and self._person_at(start, end, before) is not None
                for at, _, start, end in names):
            return None  # another person named before the article called its subject so
        return found

    def narrated(self, word: str, start: int, end: int, depth: int = 0) -> Entry | None:
        """The one a sentence of narration (``start`` to ``end``, no speaker tagged in it)
        names for the pronoun of the next sentence: for "he" or "she", the first person it
        names who is not given the other gender ("Mayor Ana Ruiz backed the plan. She said
        ..."), after any opening clause set off by a comma ("With bosses looking for Tom
        Vale's heir, Ana Ruiz gave an update": Ruiz); for "it", a body named as its subject,
        at its start ("Acme was quick to calm the fears. It said ..."). None when it names
        none of them. A narration that opens with the same "he" or "she" passes on whom
        that one stands for, by the sentence before it ("Ana Ruiz gave an update. She works
        with Tom Vale. She said ...": Ruiz, not the person it names after its subject)."""
        word = word.lower()
        if word in ("he", "she"):
            if _OPENS_WITH[word].match(self.text, start, end):
                if depth >= _NARRATION_DEPTH:
                    return None
                before = len(self.text[:start].rstrip())
                stop = max(self.text.rfind(".", 0, before - 1),
                           self.text.rfind("\n", 0, before - 1))
                return self.narrated(word, stop + 1, before, depth + 1) if before > 0 else None
            clause = _OPENING_CLAUSE.match(self.text, start, end)
            if clause is not None:
                start = clause.end()
        if word == "it":
            return self._narrated_body(start, end)
        other = _OTHER_GENDER.get(word)
        if other is None:
            return None
        return self._first_person(other, start, end)

    def _narrated_body(self, start: int, end: int) -> Entry | None:
        """The body a sentence of narration names as its subject, at its start ("Acme was
        quick to calm the fears."), for the "it" of the next sentence."""
        match = _SUBJECT_BODY.match(self.text, start, end)
        if match is None:
            return None
        span = Span(match.group(1), match.start(1), match.end(1))
        desc = classify(span.text, self.rules, self.registry, self.outlet,
                        lambda names: self.lookup(names, span.start))
        if desc is None or desc.person or desc.kind in (CARRIED, NONE) or not desc.names:
            return None
        return Entry(desc.kind, span, False, desc.names, span.text.lower(), desc.how,
                     desc.evidence, desc.reason)

    def _first_person(self, other: re.Pattern[str], start: int, end: int) -> Entry | None:
        """The first person a sentence of narration names, unless the words before the name
        give it the ``other`` gender, for the "he" or "she" of the next sentence."""
        # its first mention of one person's name (a surname alone stands for the full name it
        # ends; a group, "Labour MPs", is no "he" or "she")
        for _, _, first, last in self._with_surnames(start, end):
            words = self.text[first:last].split()
            while words and words[0].lower() in _OPENERS:
                words.pop(0)
            if not words:
                continue
            first = self.text.index(words[0], first)
            gloss = _ACRONYM_GLOSS.match(self.text, last)  # "Prime Minister (PM) Ana Ruiz"
            if gloss is not None and _NAME_RUN.match(self.text, gloss.end()):
                last = gloss.end()
            run = _NAME_RUN.match(self.text, last)
            named = self.text[first : run.end() if run is not None and run.end() <= end else last]
            desc = classify(named, self.rules, self.registry, self.outlet)
            if desc is not None and desc.how in _GROUP_HOWS and named.endswith("s"):
                continue
            if self._other_gender(other, first):
                return None
            found = self._person_at(first, last, end)
            # only one whose words show what they are (a title, a role), not any two
            # capitalised words ("Super Bowl")
            return found if found is not None and found.how not in _UNDESCRIBED else None
        return None

    def _person_at(self, start: int, end: int, before: int) -> Entry | None:
        """The person a full name from ``start`` to ``end`` names, as an entry (with the run
        of names after it up to ``before``); None when the article shows it is no person."""
        run = _NAME_RUN.match(self.text, end)
        if run is not None and run.end() <= before:
            end = run.end()
        words = _POSSESSIVE.sub("", self.text[start:end])  # "Ana Ruiz's plan": Ana Ruiz
        end = start + len(words)
        names = tuple(words.split())
        desc = self.lookup(names, end)
        if desc is None:
            desc = self.lookup(names[-1:], end + 1)
        if desc is None or not desc.person:
            return None
        span = Span(words, start, end)
        return Entry(desc.kind, span, True, names, span.text.lower(), desc.how, desc.evidence,
                     desc.reason)

    def _other_gender(self, other: re.Pattern[str], start: int) -> bool:
        """Whether the words just before a name give it the other gender ("his wife")."""
        return other.search(_CLAUSE_BREAK.split(
            lower(self.text[max(0, start - 30) : start]))[-1]) is not None

    def _credited(self, start: int) -> bool:
        """Whether a name at ``start`` follows a photo credit's label ("Image: Ana Roe")."""
        return _CREDIT_LABEL.search(self.text, max(0, start - 16), start) is not None

    def _with_surnames(self, window: int, before: int) -> list[tuple[int, int, int, int]]:
        """The full names from ``window`` to ``before``, and the mentions there of a surname
        alone that ends an earlier full name (not one given the other gender), each with the
        span of the full name it stands for (the latest before it), in text order."""
        fulls = [m for m in _FULL_NAME.finditer(self.text, max(0, before - _LOOK_BACK), before)
                 if _CALENDAR.isdisjoint(m.group().split()) and not self._credited(m.start())]
        found = [(m.start(), m.end(), m.start(), m.end()) for m in fulls if m.start() >= window]
        by_surname: dict[str, list[tuple[int, int]]] = {}
        for m in fulls:
            by_surname.setdefault(m.group().split()[-1], []).append(m.span())
        inside = [(a, b) for a, b, _, _ in found]
        for surname, spans in by_surname.items():
            at = self.text.find(surname, window, before)
            while at >= 0:
                end = at + len(surname)
                full = [span for span in spans if span[1] <= at]
                if full and _whole_word(self.text, at, end) and not any(
                        a <= at < b for a, b in inside):
                    found.append((at, end, *full[-1]))
                at = self.text.find(surname, end, before)
        return sorted(found)

    def backref(self, phrase: str) -> Entry | None:
        head = phrase.lower().split()[-1]
        if head == "them":
            return self.entries[-1] if self.entries else None
        if head in PERSON_EPITHETS:  # "the star": the latest single named person who spoke
            # (not a photo credit's agency or photographer: "Ana Roe. Tom Vale/Getty Images");
            # an epithet that is an office's word ("the North Harbour MP") the latest one
            # named as an office-holder
            own = classify(head, self.rules, self.registry, self.outlet, None)
            office = own is not None and own.kind in OFFICE_KINDS
            return next((e for e in reversed(self.entries)
                         if e.person and e.names and not _plural(e) and e.kind != "media"
                         and (not office or e.kind == "official")), None)
        keys = _FAMILY_WORDS.get(head)
        if keys is not None:
            # "the FO spokesperson": a speaker of that body ("FO spokesperson Ana Ruiz"), not
            # the latest spokesperson of any ("the police spokesman")
            words = phrase.lower().split()
            owner = [w for w in words[1:-1] if w not in _BACKREF_QUALIFIERS] if words[0] in (
                "the", "that", "this") else []
            matching = (e for e in reversed(self.entries) if keys.search(e.lower) and all(
                re.search(r"(?<![\w'’-])" + re.escape(w) + r"(?![\w'’-])", e.lower)
                for w in owner))
            found = next(matching, None)
            if found is None and head == "official":
                # no speaker called an official: the latest single person who spoke, when
                # named as an office-holder ("PNP information chief Col. Ana Ruiz ... the
                # official added"); guide 2, the back-reference takes that speaker's kind
                person = next((e for e in reversed(self.entries) if e.person), None)
                if (person is not None and person.names and person.kind == "official"
                        and not person.reason and not _plural(person)):
                    return person
            return found
        document = _DOCUMENT_HEADS.get(head)
        if document is not None:
            # "the report": the latest report that spoke, whoever's, unless a news
            # organisation spoke after it (its report, then)
            return next((e for e in reversed(self.entries) if not e.person and (
                document.search(e.lower) or e.kind == "media")), None)
        if _DOCUMENT.fullmatch(head):  # "the post": the latest speaker, its issuer
            return self.entries[-1] if self.entries else None
        if head not in _ORG_HEADS:
            return None
        for entry in reversed(self.entries):
            if head in entry.lower and not entry.person:
                return entry
        if head not in _BODY_HEADS:
            return None
        for entry in reversed(self.entries):
            if not entry.person and entry.kind == "official" and entry.how in _NAMED_BODY:
                return entry
        return None

    def lookup(self, names: tuple[str, ...], before: int,
               pronoun: bool = False) -> Descriptor | None:
        """The kind a bare name was introduced with, from the memory or the text before; else
        what the rest of the article says about it (``evidence``). With ``pronoun`` (the name
        a "he" or "she" may stand for, already a person), a headline's run of capitals counts
        as the name's full form; for a bare name it is no evidence of a person."""
        wanted = _name_keys(names)
        proper = _proper(names)
        for entry in reversed(self.entries):
            if not wanted.isdisjoint(_name_keys(entry.names)) and _same_person(proper,
                                                                                entry.names):
                if entry.how in _UNDESCRIBED:
                    held = self.office_held(entry.span.end) or self.evidence(entry.names)
                    if held is not None:
                        return held
                    if entry.how == "proper_name" and len(proper) > len(_proper(entry.names)):
                        # a one-word name a headline gave the body fallback ("Hale Denies
                        # ..."), now written in full ("Tomas Hale"): the fuller name says
                        # more than the fallback did (session 28)
                        continue
                return Descriptor(entry.kind, "spk.known_name", entry.person, entry.names,
                                  how="known_name", evidence=entry.shown(),
                                  reason=entry.reason)
        untitled: Descriptor | None = None
        for name in names:
            known, titled = self.introduced(name, before, proper, headlines=pronoun)
            if known is not None and titled:
                return known
            untitled = untitled or known
        at = self.text.find(names[-1], before) if names else -1
        held = self.office_held(at + len(names[-1])) if at >= 0 else None
        return held or self.evidence(names) or untitled

    def office_of(self, desc: Descriptor, before: int) -> Descriptor | None:
        """The office an earlier mention's words gave a person whom this mention's words
        make an outside voice ("President Ana Ruiz" before "Ruiz, the founder of the Harbour
        Movement"): guide 2, an office-holder who is a party to the story stays one. A
        remembered speaker or a titled full name before, of kind official and shown by words
        (not a name rule's fallback); None when there is none or ``desc`` is no such voice."""
        if not (desc.kind == "named" and desc.person and desc.names
                and desc.how in _OUTSIDE_ROLES):
            return None
        names = desc.names
        wanted = _name_keys(names)
        proper = _proper(names)
        for entry in reversed(self.entries):
            if (entry.kind == "official" and entry.person and not entry.reason
                    and not wanted.isdisjoint(_name_keys(entry.names))
                    and _same_person(proper, entry.names)):
                return Descriptor(entry.kind, "spk.known_name", True, entry.names,
                                  how="known_name", evidence=entry.shown())
        for name in proper:
            known, titled = self.introduced(name, before, proper, official=True)
            if known is not None and titled:
                return known
        return self.office_after(desc, before) or self.counsel_of(desc, before)

    def _office_appositive(self, appositive: re.Match[str]) -> bool:
        """Whether an appositive's lower-case words before a preposition, when that is how
        it matched, hold an office's or a trade's word (", state's attorney in"; not ", born
        in")."""
        words = appositive.group("office") or appositive.group("dashed")
        return words is None or any(
            self.rules.descriptor_by_group[m.lastgroup or ""].role in _APPOSITIVE_ROLES
            for m in self.rules.descriptor_scan.finditer(lower(words)))

    def office_after(self, desc: Descriptor, before: int) -> Descriptor | None:
        """The office this very mention's appositive or relative clause after the name gives
        it, which the frame's words stopped short of ("Youth worker Julie Thomas, who runs
        the centre, said"): what comes after the name decides over a trade before it."""
        name = desc.names[-1]
        at = self.text.find(name, before, before + 200)
        if at < 0 or not _whole_word(self.text, at, at + len(name)):
            return None
        given = _NAME_BEFORE.search(self.text, max(0, at - 60), at)
        start = given.start() if given is not None and given.group() else at
        appositive = _APPOSITIVE.match(self.text, at + len(name))
        if appositive is None or not self._office_appositive(appositive):
            return None
        end = appositive.end()
        found = classify(self.text[start:end], self.rules, self.registry, self.outlet, None)
        if found is None or found.kind != "official" or found.how in _UNDESCRIBED:
            return None
        return Descriptor("official", found.rule, True, desc.names, how="known_name",
                          evidence=(start, end))

    def counsel_of(self, desc: Descriptor, before: int) -> Descriptor | None:
        """A named lawyer or agent by a definite description ("Lawyer Roland Riopelle", "the
        lawyer, Roland Riopelle") in an article that says elsewhere whom such a one speaks for
        ("the lawyer for Kristaps Porzingis", "his attorney"): that party's voice (guide 2),
        its rule's ``speaks_for`` kind; None for an indefinite one ("Tom Reyes, a lawyer who
        has followed the case") or when no mention gives one a party."""
        rule = next((r for r in self.rules.descriptors.get(desc.how, ())
                     if r.id == desc.rule), None)
        if rule is None or rule.speaks_for is None or rule.owned is None:
            return None
        near = lower(self.text[before : before + 120])
        hit = next((m for m in self.rules.descriptor_scan.finditer(near)
                    if self.rules.descriptor_by_group[m.lastgroup or ""].id == rule.id), None)
        if hit is None or indefinite_before(self.text, before + hit.start()):
            return None
        where = party_voice(self.text, self.rules, rule.id)
        if where is None:
            return None
        return Descriptor(rule.speaks_for, rule.id, True, desc.names, how="known_name",
                          evidence=where)

    def evidence(self, names: tuple[str, ...]) -> Descriptor | None:
        """What the whole article says about a name no title or role describes where it is
        used: the lexicon's evidence rules in order (``described``, ``possesses``,
        ``acronym``), each a strategy here; None when none of them finds anything."""
        key = tuple(names)
        if key in self.profiles:
            return self.profiles[key]
        found: Descriptor | None = None
        # the surname (a name's last word) is the one every later mention repeats
        proper = [n for n in reversed(names) if n in _proper(names)]
        if not proper and len(names) == 1 and _JOINED.match(names[0]):
            proper = list(names)  # "al-Harbour": a name that is its particle and one word
        if proper:
            for rule, words in self.rules.evidence:
                strategy = _EVIDENCE[rule.strategy]
                shown = strategy(self, proper, words)
                if shown is not None:
                    kind, span = shown
                    found = Descriptor(rule.kind or kind, rule.id, True, names, how="evidence",
                                       evidence=span)
                    break
        self.profiles[key] = found
        return found

    def _name_words(self, start: int, stop: int) -> tuple[str, ...]:
        """The words of a mention's whole name less its title words ("President Trump" is
        "Trump", one person with "Donald J. Trump"): a title is no given name."""
        return tuple(w for w in self.text[start:stop].split() if not is_title(self.rules, w))

    def _mentions(self, name: str) -> Iterator[tuple[int, int, int]]:
        """Each whole-word mention of ``name``: where the name ends, and where the whole name
        around it starts and ends (the given names before the surname, the run of names
        after it: "Datuk Seri Ana Ruiz Md Yusof")."""
        for at in self._found(name):
            end = at + len(name)
            if _whole_word(self.text, at, end):
                run = _NAME_RUN.match(self.text, end)
                given = _NAME_BEFORE.search(self.text, max(0, at - 60), at)
                start = given.start() if given is not None and given.group() else at
                yield end, start, run.end() if run is not None else end

    def _found(self, name: str) -> Iterator[int]:
        """Where ``text.find`` finds ``name`` one after another (each search going on from
        the end of the last found), or only those of them that start a word run (no word
        character before) when the name starts with a letter or digit and no two of its
        mentions can overlap: every whole-word mention is one of these. They are looked up in
        the text's word index, not searched for through the whole text."""
        index = word_index(self.text)
        if index.scanned or not name[:1].isalnum() or _bordered(name):
            at = self.text.find(name)
            while at >= 0:
                yield at
                at = self.text.find(name, at + len(name))
            return
        first = _FIRST_RUN.match(name)
        assert first is not None  # (it starts with a letter or a digit)
        for at in index.starts(first.group()):
            if self.text.startswith(name, at):
                yield at

    def _described(self, proper: list[str], _: re.Pattern[str] | None) -> _Shown | None:
        """The kind a title, a role or an appositive gives another mention of the name,
        anywhere in the article ("Shell chief executive Wael Sawan", "daily Marca")."""
        for name in proper[:1]:
            for end, start, stop in self._mentions(name):
                if not _same_person(frozenset(proper), self._name_words(start, stop)) or any(
                        w.lower().rstrip(".,") in self.rules.org_name_words
                        for w in self.text[end:stop].split()):
                    continue  # "Rep. Alan Hale" is not "Lola Hale", nor "the Hale Group"
                if (start, stop) not in self.described:
                    self.described[(start, stop)] = self.describe(start, stop)
                desc, titled = self.described[(start, stop)]
                if desc is not None and titled:
                    return desc.kind, desc.evidence or (start, stop)
        return None

    def _holds(self, proper: list[str], _: re.Pattern[str] | None) -> _Shown | None:
        """The office the sentence of another mention of the name, anywhere in the article,
        says its bearer holds or takes up ("Harbour United confirmed Tom Vale will take over
        as manager", "announced Tom Vale as the club's new head coach"): ``office_held``
        after each mention of the whole name."""
        for name in proper[:1]:
            for _end, start, stop in self._mentions(name):
                if _same_person(frozenset(proper), self._name_words(start, stop)):
                    held = self.office_held(stop)
                    if held is not None and held.evidence is not None:
                        return held.kind, held.evidence
        return None

    def _possesses(self, proper: list[str], words: re.Pattern[str] | None) -> _Shown | None:
        """Whether the name's possessive comes before one of the rule's words ("Johnson's
        government", "Roe's lawyer"): it holds an office or has a party's voice."""
        if words is None:
            return None
        for name in proper[:1]:
            for at in self._found(name):
                end = at + len(name)
                if _whole_word(self.text, at, end, possessive=True) and (
                        held := words.match(self.text, end)) is not None:
                    return "official", (at, held.end())
        return None

    def _acronym(self, proper: list[str], _: re.Pattern[str] | None) -> _Shown | None:
        """The kind of the full name an acronym stands for ("the Harbour Fans' Association
        (HFA)" for "HFA")."""
        name = proper[0]
        if not (1 < len(name) <= 8 and name.isupper()):
            return None
        at = self.text.find(f"({name})")
        if at < 0:
            return None
        start = _window_start(self.text, max(0, at - 100), at)
        desc = classify(self.text[start:at].strip(), self.rules, self.registry, self.outlet,
                        None)
        if desc is None or desc.kind not in ("official", "named", "media"):
            return None
        return desc.kind, (start + len(self.text[start:at]) - len(self.text[start:at].lstrip()),
                           at + len(name) + 2)

    def _named_after(self, proper: list[str], _: re.Pattern[str] | None) -> _Shown | None:
        """The office of the speaker just before the name's first mention, when that speaker
        is one office-holder the article has not named ("Shell's chief executive told the FT
        that ... “We will look at it,” Wael Sawan said."): news names the office, then the
        person. Only a definite title of one person (its kind official, no name of its own),
        the latest person who spoke before the name, with no other person's name between."""
        name = proper[0]
        at = next((at for at in self._found(name) if _whole_word(self.text, at, at + len(name))),
                  -1)
        if at < 0:
            return None
        # the latest speaker (the name is looked up where it first speaks)
        entry = next((e for e in reversed(self.entries) if e.person), None)
        lead = self._lead_named(entry, at)
        if lead is not None:
            return lead
        if (entry is None or entry.how != "title" or entry.kind != "official" or entry.names
                or not _ONE_OFFICE.fullmatch(entry.span.text)
                or not 0 <= at - entry.span.end <= _NAMED_AFTER_REACH):
            return None
        given = _NAME_BEFORE.search(self.text, max(0, at - 60), at)
        first = given.start() if given is not None and given.group() else at
        # nobody else named in between, nor just before the title (which may then refer back
        # to that person: "Chris Christie ... the New Jersey governor told reporters")
        for start, end in ((entry.span.end, first),
                           (max(0, entry.span.start - _NAMED_AFTER_REACH), entry.span.start)):
            if self._person_named(start, end):
                return None
        return entry.kind, (entry.span.start, entry.span.end)

    def _lead_named(self, entry: Entry | None, at: int) -> _Shown | None:
        """A delayed identification: the article's first speaker is one office-holder by an
        indefinite role ("... after a city councillor falsely tweeted that ..."), and the very
        next sentence opens with the name ("Ross Eadie sent out a tweet ..."): news tells
        what someone did in the lead, then who it was. The name holds that office."""
        first = next((e for e in self.entries if e.person), None)
        if (entry is None or entry is not first or entry.kind != "unnamed_official"
                or entry.names or not _INDEFINITE_ONE.match(entry.span.text)):
            return None
        given = _NAME_BEFORE.search(self.text, max(0, at - 60), at)
        start = given.start() if given is not None and given.group() else at
        if not _NEXT_SENTENCE.fullmatch(self.text, entry.span.end, start):
            return None
        return "official", (entry.span.start, entry.span.end)

    def _referred_to(self, proper: list[str], _: re.Pattern[str] | None) -> _Shown | None:
        """The office of a definite title of one person that opens a later sentence as its
        subject, when the name is the last person named before it ("Vaughan Gething denied
        ... In a heated exchange, the first minister raised his voice"): news names a person,
        then refers back to them by their office. Only a title (no role, no name of its own:
        "the first minister", "the club's chairman"), within reach, nobody else named between."""
        name = proper[0]
        for _end, start, stop in self._mentions(name):
            words = tuple(w for w in self.text[start:stop].split()
                          if w.lower() not in _NOT_GIVEN)  # "But Mr Gething"
            if not _same_person(frozenset(proper), words):
                continue
            reach = min(len(self.text), stop + _REFERRED_REACH)
            for found in _REFERRED.finditer(self.text, stop, reach):
                if self._person_named(stop, found.start(1)):
                    break  # somebody else named since: the office may be theirs
                if found.group("owner") in proper:
                    continue  # "Hale's aide, ...": somebody the name owns
                office = self._office_words(found.start(1), found.end(1))
                if office is not None:
                    return "official", office
            # names in a presenter's own quotation or show title ("Team Beyoncé", "CBS This
            # Morning") are no other journalist: only the nearness of the tag counts
            near = min(len(self.text), stop + _JOURNALIST_REACH)
            for found in _REFERRED_JOURNALIST.finditer(self.text, stop, near):
                if found.group(2).lower() not in _JOURNALIST_WORDS:
                    continue
                desc = classify(found.group(1), self.rules, self.registry, self.outlet, None)
                if desc is not None and desc.kind == "media":
                    return "media", (found.start(1), found.end(1))
        return None

    def _office_words(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the words from ``start`` that end with the first title word of the lexicon
        are, when they name one office-holder and nobody by name ("the first minister",
        "the club's chairman"); None otherwise."""
        words = lower(self.text[start:end])
        for hit in self.rules.descriptor_scan.finditer(words):
            if self.rules.descriptor_by_group[hit.lastgroup or ""].role != "title":
                continue
            phrase = self.text[start : start + hit.end()]
            if not _ONE_OFFICE.fullmatch(phrase):
                return None
            desc = classify(phrase, self.rules, self.registry, self.outlet, None)
            if desc is None or desc.kind != "official" or desc.how != "title" or desc.names:
                return None
            return start, start + hit.end()
        return None

    def _person_named(self, start: int, end: int) -> bool:
        """Whether a full personal name (not a registry name) stands in ``text[start:end]``."""
        gap = self.text[start:end]
        named = [(a, b) for _, a, b in find_names(self.registry, gap)]
        return any(not any(a <= other.start() < b for a, b in named)
                   for other in _FULL_NAME.finditer(gap))

    def _collective(self, proper: list[str], words: re.Pattern[str] | None) -> _Shown | None:
        """Whether the whole name is somewhere the subject of one of the rule's plural verbs
        ("Harbour United have signed ..."): a body spoken of as its members, not one person;
        not one of several names ("Lund and Berg have"), nor after an auxiliary ("would
        Lund have"); a one-word name the article capitalises only where a sentence opens is
        a common word ("Controversies have")."""
        if words is None or (len(proper) == 1 and proper[0] not in self.inner_capitals()):
            return None  # "Controversies have ...": a common word opening its sentence
        for name in proper[:1]:
            for at in self._found(name):
                end = at + len(name)
                verb = words.match(self.text, end) if _whole_word(self.text, at, end) else None
                if verb is not None:
                    given = _NAME_START.search(self.text, max(0, at - 60), at)
                    first = given.start(1) if given is not None else at
                    before = _WORD_BEFORE.search(self.text, max(0, first - 30), first)
                    if before is None or before.group(1).lower() not in _NOT_ALONE:
                        return "official", (first, verb.end())
        return None

    def _modifies(self, proper: list[str], words: re.Pattern[str] | None) -> _Shown | None:
        """Whether the whole name, with no possessive, somewhere modifies one of the rule's
        nouns ("Harbour Farms products", "Harbour Underground managing director"): what only
        a body has, so the name is a body's, not a person's. Not the end of a longer name
        (a capitalised word right before it that is no function word: "Port Harbour Farms")."""
        if words is None:
            return None
        name = " ".join(reversed(proper))  # the surname first in ``proper``
        for at in self._found(name):
            end = at + len(name)
            noun = words.match(self.text, end) if _whole_word(self.text, at, end) else None
            if noun is not None:
                before = _WORD_RIGHT_BEFORE.search(self.text, max(0, at - 30), at)
                if before is None or not before.group(1)[:1].isupper() or (
                        before.group(1).lower() in _FUNCTION):
                    return "official", (at, noun.end())
        return None

    def _reports(self, proper: list[str], words: re.Pattern[str] | None) -> _Shown | None:
        """Whether the whole name is somewhere the subject or the owner of what only a news
        organisation does or has ("Harbour Radio had reported", "Harbour Radio ran a story",
        "Harbour Radio's correspondent"): an outlet throughout the article, its "said" and
        "told" too. The name as the article writes it, its first letter in either case ("the
        al-Harbour channel", "Al-Harbour reported"); not a person's (a title or a personal
        name before it: "President Tom Vale reported")."""
        if words is None:
            return None
        name = " ".join(reversed(proper))  # the surname first in ``proper``
        first = re.escape(name[0].upper()) + "|" + re.escape(name[0].lower())
        mention = re.compile(rf"(?<![\w'’.-])(?:{first}){re.escape(name[1:])}"
                             r"(?:\.(?:com|net|org|tv|ie|co\.uk))?")
        cases = (name[0].upper() + name[1:], name[0].lower() + name[1:])
        for found in word_index(self.text).finditer(mention, cases, bounded=False):
            shown = words.match(self.text, found.end())
            if shown is None:
                continue
            given = _NAME_BEFORE.search(self.text, max(0, found.start() - 60), found.start())
            start = given.start() if given is not None and given.group() else found.start()
            desc = classify(self.text[start : found.end()], self.rules, self.registry,
                            self.outlet, None)
            if desc is not None and (desc.person or desc.kind in ("official", "named")) and (
                    desc.how not in ("proper_name", "registry", "media")):
                continue  # "President Tom Vale reported": a person
            return "media", (start, shown.end())
        return None

    def common_word(self, desc: Descriptor, at: int) -> Descriptor | None:
        """A bare proper name nothing describes that is a common word capitalised only to
        open its sentence (its name rule's ``common_endings``), or common words capitalised
        for a headline (``headline_words``): ``desc`` with the rule's ``anonymous`` kind, or
        one of kind "none" (no source); a headline's words that describe a speaker in lower
        case ("New Poll Shows": a poll) read as they do there; None when it is a name."""
        if desc.how not in _UNDESCRIBED or not desc.bare:
            return None
        rule = self.rules.names.get(desc.how)
        if rule is not None and self.headline_words(desc.names, at):
            # read as the common words they are ("New Poll Shows": a poll, unnamed)
            common = classify(" ".join(desc.names).lower(), self.rules, self.registry,
                              self.outlet, None)
            if common is not None and common.how not in _UNDESCRIBED and not common.bare:
                return common
            return Descriptor(rule.anonymous or "none", rule.id, False, (), how="common_word")
        if rule is None or not rule.common_endings or not self.initial_only(
                desc.names, at, rule.common_endings):
            return None
        return Descriptor(rule.anonymous or "none", rule.id, False, (), how="common_word")

    def headline_words(self, names: tuple[str, ...], at: int) -> bool:
        """Whether a name of two words or more stands on a line written in title case (a
        headline) and is only words the article writes in lower case elsewhere and never
        capitalises inside a sentence ("Preliminary Talks Confirmed"): common words
        capitalised for the headline, not a name."""
        if len(names) < 2 or not self.text.startswith(names[0], at):
            return False
        if not self.title_line_at(at):
            return False
        inner = self.inner_capitals()
        for name in names:
            word = name.rstrip(".,;:'’")
            if len(word) < 2 or not word[1:].islower() or word in inner:
                return False
            if re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])",
                         self.text) is None:
                return False
        return True

    def initial_only(self, names: tuple[str, ...], at: int, endings: tuple[str, ...]) -> bool:
        """Whether a one-word name opens its sentence (or a clause after a colon or a dash),
        the article never capitalises that word inside a sentence, and it is a common word by
        the article's own lower-case use of it or by one of ``endings``: capitalised for its
        place ("Unverified", "Markets"), not a name. Acronyms and words with inner capitals
        ("McIntyre") are names wherever they stand."""
        words = [n for n in names if n[:1].isupper()]
        if len(words) != 1:
            return False
        word = words[0].rstrip(".,;:'’")
        if len(word) < 2 or not word[1:].islower() or not self.text.startswith(word, at):
            return False
        before = self.text[max(0, at - 40) : at].rstrip(" \t\"“‘'(")
        if before and before[-1] not in _OPENS:
            return False
        if word in self.inner_capitals():
            return False
        low = word.lower()
        return low.endswith(endings) or re.search(
            rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", self.text) is not None

    def inner_capitals(self) -> frozenset[str]:
        """The capitalised words of the article that stand inside a sentence (after a
        lower-case word, a comma or a number), outside lines written in title case."""
        if self._inner is None:
            found: set[str] = set()
            for line in self.text.splitlines():
                if title_line(line):
                    continue
                for match in _INNER_CAPITAL.finditer(line):
                    found.add(match.group(1))
            self._inner = frozenset(found)
        return self._inner

    def office_held(self, name_end: int) -> Descriptor | None:
        """The office the rest of a name's sentence says its bearer holds ("Tito Roe has
        dismissed rumours that he is resigning from his post as finance minister")."""
        end = _SENTENCE_END.search(self.text, name_end, name_end + 300)
        # the name itself before "as" and the office ("named Tom Vale as its new captain"),
        # or the name the subject of a verb that gives it an office ("Vale is the agency's
        # spokesperson", "Vale has been the club's chairman")
        held = (_AS_OFFICE.match(self.text, name_end + 1)
                or _COPULA_OFFICE.match(self.text, name_end + 1)) if self.text[
            name_end : name_end + 1] == " " else None
        held = held or _OFFICE_HELD.search(
            self.text, name_end, end.start() if end else name_end + 300)
        if held is None or held.start() - name_end > _HELD_REACH or any(
                word.group() not in _CALENDAR
                for word in _CAPITALISED.finditer(self.text, name_end, held.start())):
            # an office its subject newly takes up, anywhere in the sentence ("Tom Vale has
            # made it clear he will call the shots on the tour as the newly appointed team
            # director"); somebody else's when another person is named between
            held = self.new_office(name_end, end.start() if end else name_end + 300)
            if held is None:
                return None  # somebody else's ("criticizing Comey, a Republican appointed as")
        office_end = held.end()
        for word in _WORD.finditer(self.text, held.start(1) + 1, held.end()):
            if word.group() in _BOUNDARY:  # "as club captain after the final"
                office_end = word.start()
                break
        office = self.text[held.start(1) : office_end].strip().rstrip(".,;")  # a sentence's end
        desc = self._office_kind(office)
        whole = self.text[held.start(1) : held.end()].strip().rstrip(".,;")
        if whole != office and desc is not None and desc.kind != "official":
            # the words a boundary cut off may say whom the office acts for ("is the
            # attorney for the family": counsel for a party speaks for it, guide 2), read by
            # the same rule ("as a signing for the club" is no office)
            acting = self._office_kind(whole)
            if acting is not None and acting.kind == "official" and acting.rule == desc.rule:
                office, desc = whole, acting
        shown = (held.start(), held.start(1) + len(office))
        if _FORMER_WORD.search(office):
            return None  # "is a former minister": no office now
        if desc is not None and desc.how == "expert" and desc.kind != "official":
            # "his role as a football fan" (an expert who acts for a party speaks for it:
            # "is the attorney for the family")
            return Descriptor("named", desc.rule, True, desc.names, how="known_name",
                              evidence=shown)
        if desc is None or not (desc.kind == "official" or (
                desc.kind in OFFICE_KINDS and desc.how in _OFFICE_HOWS)):
            # (an office-holder nobody in particular is, held by the name, is the name's own
            # office: "serves as the agency's spokesperson")
            return None
        return Descriptor("official", "spk.office_held", True, desc.names, how="known_name",
                          evidence=shown)

    def _office_kind(self, office: str) -> Descriptor | None:
        """What an office given to a name after "is" or "as" is."""
        desc = classify(office, self.rules, self.registry, self.outlet, None)
        if desc is not None and desc.how in _UNDESCRIBED:
            # an office in capitals is no personal name ("serve as First Minister")
            desc = classify(office.lower(), self.rules, self.registry, self.outlet, None)
        if desc is not None and desc.kind == CARRIED and (the := _THE.match(office)):
            # "the agency's spokesperson" after "is" or "as" describes the name, it refers
            # back to nobody
            desc = classify(office[the.end() :], self.rules, self.registry, self.outlet, None)
        return desc

    def new_office(self, name_end: int, stop: int) -> re.Match[str] | None:
        """"as the newly appointed X", "as its new X" in the rest of the sentence of a name
        that is the sentence's subject (only its title's words before it: "Former Harbour
        captain Tom Vale has ..."), with no other person named between: the office the name
        takes up."""
        held = _NEW_OFFICE.search(self.text, name_end, stop)
        if held is None or self._person_named(name_end, held.start()):
            return None
        opens = max(self.text.rfind(".", 0, name_end), self.text.rfind("\n", 0, name_end)) + 1
        before = self.text[opens:name_end]
        hits = [m.span() for m in self.rules.descriptor_scan.finditer(lower(before))]
        for word in _WORD.finditer(before):
            low = word.group().lower()
            if word.group()[0].islower() and low not in _FUNCTION and not any(
                    a <= word.start() < b for a, b in hits):
                return None  # not the subject: "... criticised Tom Vale, who ..."
        return held

    def introduced(self, name: str, before: int, proper: frozenset[str] = frozenset(),
                   official: bool = False, headlines: bool = False
                   ) -> tuple[Descriptor | None, bool]:
        """What the latest full name containing ``name`` before ``before`` was introduced as:
        the latest mention with a title or a role ("Sen. Ana Ruiz", "Ana Ruiz, an analyst")
        rather than a later bare "Ana Ruiz", which only says it is a person (the second
        value: whether words besides the name described it). A full name that gives another
        first name ("Alan Ruiz" for "Lola Ruiz") is somebody else. With ``official``, only
        a mention whose words made it an office-holder counts."""
        bare: Descriptor | None = None
        for start, end in reversed(self.full_names(name, max(0, before - _LOOK_BACK), before)):
            if not _same_person(proper, tuple(self.text[start:end].split())):
                continue
            key = (start, end)
            if key not in self.described:
                self.described[key] = self.describe(start, end)
            desc, titled = self.described[key]
            if official and (desc is None or desc.kind != "official"):
                continue
            if desc is not None and desc.evidence is not None and _owner_named(
                    lower(self.text[desc.evidence[0] : desc.evidence[1]]), proper or {name}):
                continue  # "Kang's father, Kang Myung-soo" is not the "Kang" of his owner
            if desc is not None:
                if titled:
                    return desc, True
                if headlines or not self.title_line_at(start, headline=True):
                    # (a run of capitals in a title-case headline says nothing of a person:
                    # "Harbourlink Train Derails" names no "Harbourlink"; session 33)
                    bare = bare or desc
        return bare, False

    def title_line_at(self, at: int, headline: bool = False) -> bool:
        """Whether the line holding ``at`` is written in title case (a headline); with
        ``headline``, only one that is no run of sentences (not a caption's "Tomas Hale. Ana
        Ruiz/Getty Images")."""
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        line = self.text[start : end if end >= 0 else len(self.text)]
        return title_line(line) and not (headline and _SENTENCE_STOP.search(line))

    def full_names(self, name: str, start: int, before: int) -> list[tuple[int, int]]:
        """Full names starting or ending with ``name`` ("Bae" -> "Bae Jun-ho", "Ferraz" ->
        "Diego Ferraz") in ``[start, before)``."""
        key = (name, start, before)
        cached = self.intros.get(key)
        if cached is not None:
            return cached
        text = self.text
        spans: list[tuple[int, int]] = []
        at = text.find(name, start, before)
        while at >= 0:
            end = at + len(name)
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-_"):
                run = _NAME_RUN.match(text, end)
                if run is not None:
                    spans.append((at, run.end()))
                else:
                    given = _GIVEN_NAME.search(text, max(0, at - 30), at)
                    if given is not None and not OPENING.match(text, given.start(), end):
                        spans.append((given.start(), end))  # not "Under Nishino"
            at = text.find(name, end, before)
        self.intros[key] = spans
        return spans

    def outlet_words(self, start: int, end: int) -> int:
        """Where the words just before a name that may say what it is as a news organisation
        or one of its journalists begin ("sports daily Goleada", "BBC presenter Kenny
        McIntyre"): after the last lower-case word that is neither a news word nor a function
        word (``end`` when there is none of them)."""
        words = self.text[start:end]
        spans = [m.span() for m in self.rules.descriptor_scan.finditer(lower(words))
                 if self.rules.descriptor_by_group[m.lastgroup or ""].role == "media"]
        tail = start
        for token in _WORD.finditer(words):
            low = token.group().lower()
            if token.group()[0].islower() and low not in _FUNCTION and not any(
                    a <= token.start() < b for a, b in spans):
                tail = start + token.end()
        while tail < end and self.text[tail].isspace():
            tail += 1
        return tail

    def office_before(self, start: int, name_start: int,
                      name_end: int | None = None) -> Descriptor | None:
        """The office an appositive before the name gives it, set off by a comma ("the
        Director of Communications at the Presidency, Eugene Arhin"): what those words
        describe when they name an office, a role or an expert's trade; else None ("In a
        statement, Eugene Arhin")."""
        comma = self.text.rfind(",", max(0, start - 2), name_start)
        if comma < 0:
            return None
        gap = self.text[comma + 1 : name_start]
        if gap.strip() and not _COORDINATED.fullmatch(gap) and not _only_honorifics(gap):
            # (one of names coordinated after the comma: "her lawyers, Mark Zaid and Abbe
            # David Lowell")
            return None
        opens = _window_start(self.text, max(0, comma - 100), comma)
        clause = _CLAUSE_OPENED.match(self.text, opens, comma)
        if clause is not None:
            opens = clause.end()  # "media revealed that the President of ..., Ana Ruiz"
        while opens < comma and self.text[opens].isspace():
            opens += 1
        words = self.text[opens:comma]
        desc = classify(words, self.rules, self.registry, self.outlet, None)
        governed = _GOVERNED.match(words)
        if (desc is None or desc.how not in _APPOSITIVE_ROLES) and governed is not None and (
                name_end is not None and _APPOSITION_ENDS.match(self.text, name_end)):
            # the noun phrase a preposition governs, the name in apposition to it and no
            # verb after the name ("... at the direction of America's health secretary, Alex
            # Azar."; not "... approved by the minister, Tom Vale said")
            opens += governed.end()
            words = self.text[opens:comma]
            desc = classify(words, self.rules, self.registry, self.outlet, None)
        if desc is None or desc.how not in _APPOSITIVE_ROLES:
            return None
        # the role word heads a noun phrase that ends at the comma, a few words on at most
        # ("the Director of Communications at the Presidency"), not a clause that mentions
        # one ("The striker has agreed a deal with Harbour United, CF Harbour ...")
        roles = [m.span() for m in self.rules.descriptor_scan.finditer(lower(words))
                 if self.rules.descriptor_by_group[m.lastgroup or ""].role in _APPOSITIVE_ROLES]
        tail = _ACRONYM_GLOSS.sub("", words[roles[-1][1]:]).split()
        if not roles or (len(tail) > _APPOSITIVE_TAIL and not _name_tail(tail)):
            return None
        rule = next(r for r in self.rules.descriptors[desc.how] if r.id == desc.rule)
        # "her lawyer, Tom Reyes": the party's voice; "an analyst, Tom Reyes": the name's kind
        kind = desc.kind if desc.kind == "official" else (rule.with_name or desc.kind)
        first = roles[0][0]
        if rule.former is not None and FORMER.search(words, max(0, first - 24), first):
            kind = rule.former  # "Former Finance Minister, Ana Ruiz": holds no office now
        return Descriptor(kind, desc.rule, True, desc.names, how=desc.how,
                          evidence=(opens, comma))

    def title_start(self, start: int, name_start: int) -> int:
        """Where the words right before a name that may be its title begin: back from the
        name over capitalised words, the lexicon's descriptor words and the words that join
        them ("Shell chief executive", "Minister in the Prime Minister's Department
        (Special Functions)", "the sports daily"), up to the first other word ("one study
        found Trump", "documents leaked to Hale": no title of the name's)."""
        words = self.text[start:name_start]
        hits: list[tuple[int, int]] | None = None  # the descriptor words' spans, on first need
        opens = name_start
        tokens = list(_TITLE_TOKEN.finditer(words))
        if tokens and tokens[-1].group() in _OBJECT_OF:
            return opens  # "a legend at Harbour United": the name is where the legend is
        if len(tokens) > 1 and tokens[-1].group() in _COORDINATORS and tokens[-2].group()[
                :1].islower():
            # "criticism of the team and Ozil": a common noun coordinated with the name is
            # nobody's title ("Ministers Ana Ruiz and Tom Vale": a plural title goes on)
            return opens
        for token in reversed(tokens):
            word = token.group()
            if not (word[0].isupper() or word[0].isdigit() or word[0] in "(&["
                    or (word in _TITLE_JOINS and word not in _BOUNDARY)):
                if hits is None:
                    hits = [m.span() for m in self.rules.descriptor_scan.finditer(lower(words))]
                if not any(a < token.end() and token.start() < b for a, b in hits):
                    break
            opens = start + token.start()
        return opens

    def describe(self, name_start: int, name_end: int) -> tuple[Descriptor | None, bool]:
        """The kind the words around a full name give it (its title, its appositive), and
        whether any words besides the name gave it."""
        start = _window_start(self.text, max(0, name_start - 100), name_start)
        last_words = _LAST_WORDS.search(self.text, start, name_start)
        if last_words:
            start = last_words.start()
        start = self.title_start(start, name_start)
        end = name_end
        appositive = _APPOSITIVE.match(self.text, end)
        if appositive and self._office_appositive(appositive):
            end = appositive.end()
        desc = classify(self.text[start:end], self.rules, self.registry, self.outlet, None)
        if desc is None and (start, end) != (name_start, name_end):
            # words around the name that name no speaker as a whole ("the extradition of
            # Walter Palmer, the dentist who ..."): what the name alone is, a person's name
            # nothing describes (session 28)
            alone = classify(self.text[name_start:name_end], self.rules, self.registry,
                             self.outlet, None)
            desc = alone if alone is not None and alone.how == "person" else None
        if desc is not None and desc.how in _UNDESCRIBED:
            desc = self.office_before(start, name_start, name_end) or desc
        if desc is not None and desc.kind == "media":
            # only the news words right before the name say what it is ("carried by the
            # sports daily Goleada"), not an outlet earlier in the clause ("the newspaper
            # claims that several Hale allies")
            tail = self.outlet_words(start, name_start)
            line = self.text.rfind("\n", 0, name_start) + 1
            if tail < line and not self.text[line:name_start].strip():
                # a name that opens its line: no news words on the line before ("Credit: AP
                # Photo/Ana Roe", "listen to this article") describe it
                tail = name_start
            desc = classify(self.text[tail:end], self.rules, self.registry, self.outlet,
                            None) if tail < name_start else None
            if desc is None or desc.kind != "media":
                # no outlet's: what the name alone is ("Glenn Greenwald": a person)
                desc = classify(self.text[name_start:name_end], self.rules, self.registry,
                                self.outlet, None)
                if desc is None or desc.how not in _UNDESCRIBED:
                    return None, False
        if desc is not None and desc.kind in ("official", "named", "media"):
            titled = desc.how not in _UNDESCRIBED
            # the words that showed it: the mention with its title or appositive ("Finance
            # Minister Jane Roe"); none when only the name rule's fallback typed it
            opens = start + len(self.text[start:end]) - len(self.text[start:end].lstrip())
            if desc.evidence is not None:  # an appositive before the window
                opens = min(opens, desc.evidence[0])
            shown = (opens, end) if titled else None
            if titled and desc.kind == "named" and desc.person:
                # an outside voice by its title ("Former Harbour captain Tom Vale") whom the
                # same sentence shows taking up an office now ("as the newly appointed team
                # director"): the office-holder
                held = self.office_held(name_end)
                if held is not None:
                    return held, True
            return Descriptor(desc.kind, "spk.known_name", desc.person, desc.names,
                              how="known_name", evidence=shown,
                              reason="" if titled else desc.reason), titled
        return None, False


#: The evidence strategies by the name a rule's ``strategy`` gives them.
_EVIDENCE: dict[str, Callable[[Memory, list[str], re.Pattern[str] | None], _Shown | None]] = {
    "described": Memory._described,
    "possesses": Memory._possesses,
    "acronym": Memory._acronym,
    "collective": Memory._collective,
    "named_after": Memory._named_after,
    "holds": Memory._holds,
    "referred_to": Memory._referred_to,
    "reports": Memory._reports,
    "modifies": Memory._modifies,
}
