"""What a sentence's wording says about which story it belongs to, apart from its terms.

- ``shift``: 3 when it names another report or another party's like move ("a separate
  report", "two other shipbuilders") or opens on another matter ("Separately, ..."), 2 when
  it opens on another time ("In May, ...", "Last year, ...", "Since 2011, ..."), 1 when
  another time is inside it ("last year", "at the time", "reported in May") or it opens by
  adding a point ("Additionally, ..."), else 0.
- ``refers_back``: it opens on a pronoun or a back-reference ("He added", "The official
  said") or continues a quotation.
- ``names_the_event``: it opens on the event itself ("The deal", "The possible visit").
- ``titled_opening``: the capitalised words it opens on when they hold a title.
- ``opening_name``: the name it opens on when a verb or an apposition follows (its subject).
- ``is_headline``: a first line that does not end like a sentence.
- ``describes``: it describes a party ("GitHub is an open source coding site"): background.
- ``is_caption``: a photo caption (a file-photo label, a picture credit, "is seen at").
- ``epithets``: the descriptions that stand for a party already named ("the Norway striker",
  "The 30-year-old England forward", "the Redmond giant"): the names inside describe it.
- ``names_the_report``: it names the report an article is about ("denied the report",
  "these rumours"): a denial of it answers that story.
- ``quotes``: it holds a quotation (a double quotation mark, or it opens on a single one):
  a speaker's own words.

Word lists come from ``data/story_words.yaml``; the patterns here only arrange them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache, lru_cache, wraps
from typing import Any, TypeVar, cast

from verifier.stories.terms import word_list

_Cue = TypeVar("_Cue", bound=Callable[..., Any])
#: Cues read ahead (``read_ahead``: in ingest's analysis workers, while the writer groups),
#: by text: each kept cue's value on it, in ``_SLOTS`` order. A kept cue looks its text up
#: here before reading it (``known``); a cue depends on its text alone, so a value read
#: ahead is the value it would give.
_KNOWN: dict[str, tuple[Any, ...]] = {}
#: The kept cues: (the function, the arguments after the text it is read ahead with).
_SLOTS: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
#: Kept cues read before, by text: each slot's value, or ``_UNREAD``. A sentence that
#: recurs (a wire report several outlets run, a paragraph an article repeats) is read once,
#: as the analyser's plans are kept by text. Emptied when it holds ``_READ_LIMIT`` texts,
#: so memory stays flat.
_READ: dict[str, list[Any]] = {}
_READ_LIMIT = 20_000
_UNREAD: Any = object()


def _read(text: str, slot: int) -> Any:
    """A kept cue's value on ``text``: read before, or read now and kept."""
    held = _READ.get(text)
    if held is None:
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        held = _READ[text] = [_UNREAD] * len(_SLOTS)
    value = held[slot]
    if value is _UNREAD:
        fn, args = _SLOTS[slot]
        value = held[slot] = fn(text, *args)
    return value


def _kept(fn: _Cue) -> _Cue:
    """A cue of its text alone, which ``read_ahead`` works out beforehand."""
    slot = len(_SLOTS)
    _SLOTS.append((fn, ()))

    @wraps(fn)
    def cue(text: str) -> Any:
        found = _KNOWN.get(text)
        return _read(text, slot) if found is None else found[slot]

    return cast(_Cue, cue)


def _kept_with(*variants: tuple[Any, ...]) -> Callable[[_Cue], _Cue]:
    """``_kept`` for a cue of its text and other arguments, read ahead with each of
    ``variants`` (others are worked out when asked)."""
    def wrap(fn: _Cue) -> _Cue:
        slots = {}
        for args in variants:
            slots[args] = len(_SLOTS)
            _SLOTS.append((fn, args))

        @wraps(fn)
        def cue(text: str, *args: Any) -> Any:
            slot = slots.get(args)
            if slot is None:
                return fn(text, *args)
            found = _KNOWN.get(text)
            return _read(text, slot) if found is None else found[slot]

        return cast(_Cue, cue)

    return wrap


def read_ahead(texts: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """Every kept cue's value on each text (for ``known``). Values are shared by whoever
    reads them: callers must not change a list a cue returns."""
    slots = range(len(_SLOTS))
    return {text: tuple(_read(text, slot) for slot in slots) for text in dict.fromkeys(texts)}


@contextmanager
def known(readings: Mapping[str, tuple[Any, ...]]) -> Iterator[None]:
    """Within: kept cues of these texts are looked up in ``readings`` (``read_ahead``'s, made
    by this same code) instead of read again."""
    added = [text for text in readings if text not in _KNOWN]
    _KNOWN.update((text, readings[text]) for text in added)
    try:
        yield
    finally:
        for text in added:
            del _KNOWN[text]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_OPENING_SHIFT = re.compile(
    rf"^\W*(?:(?:in|since|during|by|until|starting|back in|as of|earlier|early|late)"
    rf" (?:early |late |mid-?|the )?(?:{_MONTH}|\d{{4}}|(?:this|last|that) (?:year|month|week)"
    rf"|the past|the (?:19|20)\d0s)\b|(?:last|earlier this|a year ago|years ago)\b)",
    re.IGNORECASE,
)
_INNER_SHIFT = re.compile(
    r"\b(?:last (?:year|month|week|spring|summer|autumn|fall|winter)|"
    r"(?:in|since|during) (?:early |late |mid-)?(?:19|20)\d\d|"
    r"at the time|earlier this (?:year|month)|years? ago|months? ago|previously)\b",
    re.IGNORECASE,
)
#: ... or something said or done in a month ("reported in May"): tried only when "in" and
#: a month follow one another (``_IN_MONTH``), as the words before are costly to look for.
_IN_MONTH = re.compile(rf"\bin (?:early |late |mid-)?{_MONTH}(?! \d)\b", re.IGNORECASE)
_DONE_IN_MONTH = re.compile(
    rf"\b(?:\w+ed|said|told) (?:\w+ )?in (?:early |late |mid-)?{_MONTH}(?! \d)\b",
    re.IGNORECASE,
)
#: A year that dates something: "in 2012", "since December 2015", "in March 2003",
#: "until Sept. 4, 2019" (a bare number or "the 2020 election" dates nothing here).
_DATED_YEAR = re.compile(
    rf"\b(?:in|since|during|until|by|from|of) (?:early |late |mid-?)?(?:{_MONTH} )?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,? )?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d)")
_QUOTE_OPENING = re.compile(r"^\s*[\"“‘']")
#: A double quotation mark: “ opens, ” closes; a straight one opens after a space or a
#: sentence's start and closes after a word or punctuation.
_DOUBLE_QUOTE = re.compile(r'[“”"]')
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s*$")


def _alternatives(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(word_list(key), key=len, reverse=True))


@cache
def _event_opening() -> re.Pattern[str]:
    return re.compile(rf"^\W*the (?:\w+ )?(?:{_alternatives('event_heads')})s?\b", re.IGNORECASE)


@cache
def _epithet() -> re.Pattern[str]:
    """"the" + up to three modifiers of which one is a capitalised word or an age + a head
    from ``epithet_heads``; or "the N-year-old" alone."""
    modifier = r"(?:\d+-year-old|[A-Z][\w'’.-]*|[a-z][\w-]*)"
    marked = r"(?:\d+-year-old|[A-Z][\w'’.-]*)"
    return re.compile(
        rf"\b[Tt]he\s+(?:(?:{modifier}\s+){{0,2}}{marked}\s+(?:{modifier}\s+)?"
        rf"(?:{_alternatives('epithet_heads')})s?|\d+-year-old)\b"
    )


@_kept
def epithets(text: str) -> list[str]:
    """Descriptions standing for a party already named: "the" with a capitalised modifier
    or an age before a role noun ("the Norway striker", "The 30-year-old England forward",
    "the La Liga giants"), or "the 37-year-old"."""
    return [m.group(0) for m in _epithet().finditer(text)]


@cache
def _report() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{_alternatives('report_determiners')})\s+(?:[\w'’-]+\s+)?"
        rf"(?:{_alternatives('report_nouns')})\b", re.IGNORECASE)


def names_the_report(text: str) -> bool:
    """It names a report or rumour by a definite description ("denied the story", "these
    rumours", "the Journal's report"): ``report_determiners``, at most one word, then one
    of ``report_nouns``."""
    return _report().search(text) is not None


@_kept
def names_the_event(text: str) -> bool:
    """It opens on the event itself ("The deal ...", "The possible visit ...")."""
    return bool(_event_opening().match(text))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    separate = re.compile(
        rf"\b(?:(?:a |an )?(?:{_alternatives('separate_words')}) (?:\w+ )?"
        rf"(?:{_alternatives('separate_nouns')})s?|"
        rf"(?:{_alternatives('other_quantifiers')}) other)\b",
        re.IGNORECASE,
    )
    back = re.compile(
        rf"^\W*(?:(?:{_alternatives('back_reference_pronouns')})|"
        rf"the (?:\w+ )?(?:{_alternatives('back_reference_heads')}))\b",
        re.IGNORECASE,
    )
    opening = re.compile(
        r"^\W*([A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)*(?:'s|’s)?"
        rf"(?=,| (?:{_alternatives('subject_verbs')}|\w+ed)\b)"
    )
    return separate, back, opening


@cache
def _adverb_openings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(rf"^\W*(?:{_alternatives('separate_adverbs')})\b", re.IGNORECASE),
        re.compile(rf"^\W*(?:{_alternatives('adding_adverbs')})\b", re.IGNORECASE),
    )


@cache
def _separate_literals() -> frozenset[str]:
    """Words one of which a match of the "separate report" pattern holds as a whole word."""
    return frozenset(w.lower() for w in (*word_list("separate_words"), "other"))


#: The characters beyond ASCII that a case-insensitive pattern matches with an ASCII letter
#: (İ ı ſ and the Kelvin sign; tests/test_story_cues.py checks the list).
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_WORD_RUN = re.compile(r"\w+")


def _may_hold(text: str, words: frozenset[str]) -> bool:
    """False only when a case-insensitive pattern that must match one of ``words``
    (lower-case ASCII) as a whole word (a run of word characters) cannot match: no run of
    the text, lower-cased, is one of them. A quick test before a slow search; a text with a
    character the pattern would fold onto an ASCII letter other than ``str.lower`` does is
    searched all the same."""
    return _folds(text) or not words.isdisjoint(_lowered_runs(text))


def _folds(text: str) -> bool:
    return not text.isascii() and not FOLDS_TO_ASCII.isdisjoint(text)


@lru_cache(maxsize=16)
def _lowered_runs(text: str) -> list[str]:
    """The runs of word characters of a text lower-cased, in order (lower-casing makes no
    character a word character or not, but İ, which ``_folds`` finds). Cached: ``shift``
    and ``titled_names`` read the same sentence."""
    return _WORD_RUN.findall(text.lower())


@_kept
def shift(text: str) -> int:
    """3 another report, party or matter; 2 opens on another time; 1 another time inside, or
    opens by adding a point; 0 none."""
    separate, adding = _adverb_openings()
    if (_may_hold(text, _separate_literals()) and _patterns()[0].search(text)) or \
            separate.match(text):
        return 3
    if _OPENING_SHIFT.match(text):
        return 2
    inner = _INNER_SHIFT.search(text) or (_IN_MONTH.search(text)
                                           and _DONE_IN_MONTH.search(text))
    return 1 if inner or adding.match(text) else 0


@cache
def _description() -> re.Pattern[str]:
    """A name (or "He"/"She"), an optional aside, then what it is ("is a", "is one of", "has
    been the largest") or does by standing ("employs", "provides": ``description_verbs``)."""
    name = (r"^\W*(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&.'’-]*)*"
            r"(?:\s*\([^)]*\))?(?:,[^,]{0,100},)?\s+")
    return re.compile(
        name + r"(?:(?:is|are|has been|have been)\s+(?:a|an|one of|among|known as|the "
        r"(?:world|country|nation|largest|biggest|second|third|oldest|leading|only)\w*)\b"
        rf"|(?:{_alternatives('description_verbs')})\b)"
    )


#: Openings that are no party ("This is a signing ...", "It was a decision ...").
_NOT_A_PARTY = re.compile(r"^\W*(?:This|That|It|These|Those|There|What)\b")


@_kept
def describes(text: str) -> bool:
    """It describes a party, what it is or does by standing ("GitHub is an open source
    coding site", "SGS employs around 100,000 people", "He is a three-time finalist"):
    background to the event, not the event."""
    return (any(hint in text for hint in _description_hints())
            and _description().match(text) is not None and not _NOT_A_PARTY.match(text))


@cache
def _description_hints() -> tuple[str, ...]:
    """Words one of which a description holds (a quick test before the pattern)."""
    return (" is ", " are ", " been ", *(f" {verb} " for verb in word_list("description_verbs")))


@_kept
def dated_years(text: str) -> list[int]:
    """The years the sentence dates something by ("in 2012", "since December 2015")."""
    return [int(m.group(1)) for m in _DATED_YEAR.finditer(text)]


@_kept
def years(text: str) -> list[int]:
    """Every year the sentence mentions."""
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


@_kept_with((False,), (True,))
def quotation(text: str, open_before: bool) -> tuple[bool, bool]:
    """(it goes on with a quotation the sentence before left open, a quotation is open at its
    end). It goes on with one when one was open before it, or when its first double
    quotation mark closes a quotation ("... back to London with her.”")."""
    state = open_before
    continues = open_before
    for number, found in enumerate(_DOUBLE_QUOTE.finditer(text)):
        mark, at = found.group(0), found.start()
        opens = mark == "“" or (mark == '"' and (at == 0 or text[at - 1] in " \t([—–-:"))
        if not opens and number == 0 and not state:
            continues = True
        state = opens
    return continues, state


@_kept
def quotes(text: str) -> bool:
    """It holds a quotation: a double quotation mark anywhere, or a single one it opens on
    (a single mark inside is mostly an apostrophe: "Tulisa’s team")."""
    return bool(_DOUBLE_QUOTE.search(text) or _QUOTE_OPENING.match(text))


@_kept
def refers_back(text: str) -> bool:
    """It opens on a pronoun or back-reference, or continues a quotation."""
    return bool(_patterns()[1].match(text) or _QUOTE_OPENING.match(text))


_DEFINITE = re.compile(r"^\W*the ([a-z][\w'’-]*)(?: ([a-z][\w'’-]*))?", re.IGNORECASE)


@_kept
def definite_heads(text: str) -> tuple[str, ...]:
    """The lower-case words after an opening "The" ("The plane was ...", "The cookie maker
    ..."): a definite description refers back when an earlier sentence used its noun."""
    found = _DEFINITE.match(text[subject_start(text):])
    if found is None:
        return ()
    return tuple(w for w in found.groups() if w and w.islower())


@cache
def _lead_adverb() -> re.Pattern[str]:
    """Sentence adverbs before the subject ("However, Trump ...", "Additionally, ...")."""
    return re.compile(rf"^\W*(?:{_alternatives('lead_adverbs')})\b,?\s+", re.IGNORECASE)


@_kept
def subject_start(text: str) -> int:
    """Where the sentence's subject starts, after a sentence adverb ("However, ...")."""
    found = _lead_adverb().match(text)
    return found.end() if found else 0


_OPENING_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'’.-]*)*")


@_kept
def titled_opening(text: str) -> str | None:
    """The capitalised words a sentence opens on when they hold a title ("Mayor Ann Cole",
    "Energy Minister Dodi Prakoso"): a party being introduced."""
    start = subject_start(text)
    found = _OPENING_RUN.match(text, start)
    if found is None:
        return None
    titles = _titles()
    if any(w.lower().strip(".") in titles for w in found.group(0).split()):
        return found.group(0)
    return None


@cache
def _titles() -> frozenset[str]:
    return frozenset(word_list("title_words"))


@cache
def _title_set() -> frozenset[str]:
    """The title words lower-cased (the title pattern ignores case)."""
    return frozenset(w.lower() for w in word_list("title_words"))


@cache
def _titled_name() -> re.Pattern[str]:
    return re.compile(rf"\b(?i:{_alternatives('title_words')})\.?((?:\s+[A-Z][\w'’.-]*)+)")


@_kept
def titled_names(text: str) -> list[str]:
    """Names that follow a title anywhere in the sentence ("hosted by President Han Seung-woo"):
    parties being introduced."""
    if not _may_hold(text, _title_set()):
        return []  # no title in it (the pattern's title is a whole word: \b before, \s after)
    return [m.group(1) for m in _titled_name().finditer(text)]


@_kept
def opening_name(text: str) -> str | None:
    """The capitalised word a sentence opens on (after a sentence adverb) when a verb or
    apposition follows it (datelines in capitals excluded)."""
    found = _patterns()[2].match(text[subject_start(text):])
    if found is None or found.group(1).isupper():
        return None
    return found.group(1)


#: A capitalised word opening a sentence and described by an apposition ("Brask, a rival
#: carmaker, ..."): a party being introduced.
_INTRODUCED = re.compile(r"([A-Z][\w'’-]+), an? [a-z]")


@_kept
def introduced_name(text: str) -> str | None:
    """The capitalised word a sentence opens on (after a sentence adverb) when an apposition
    with "a" or "an" describes it ("Brask, a rival carmaker, said ..."): a name, though a
    sentence's first word alone says nothing by its capital. None for a function word."""
    found = _INTRODUCED.match(text, subject_start(text))
    if found is None or found.group(1).lower() in _stopword_set():
        return None
    return found.group(1)


@cache
def _stopword_set() -> frozenset[str]:
    return frozenset(word_list("stopwords"))


@_kept
def is_headline(text: str) -> bool:
    """A line that does not end like a sentence (a headline, a sub-heading, a caption)."""
    return not _SENTENCE_END.search(text)


#: A photo caption: a file-photo label that opens it, a picture credit, or what a picture
#: shows ("is seen at", "are pictured ahead of").
_CAPTION = re.compile(
    r"^\W*(?:FILE\b|File photo\b|PHOTO:)"
    r"|\b(?:is|are|being) (?:seen|pictured) (?:on|at|in|during|with|leaving|arriving|outside|"
    r"inside|ahead)\b"
    r"|\bREUTERS/|\((?:AP|AFP|Reuters) Photo\b|\(Photo by\b|\bPhoto(?: credit)?: "
    r"|\bGetty Images\b"
)


#: Words one of which every caption the pattern finds holds (a quick test before it).
_CAPTION_HINTS = ("FILE", "File photo", "PHOTO", "seen ", "pictured ", "REUTERS/", "Photo",
                  "Getty")


@_kept
def is_caption(text: str) -> bool:
    """A photo caption: what a picture shows is no event the article reports, and it does
    not seed the article's main story."""
    return (any(hint in text for hint in _CAPTION_HINTS)
            and _CAPTION.search(text) is not None)


@_kept
def is_subheading(text: str) -> bool:
    """A heading inside the body: no sentence end, and no photo credit ("/ Yonhap",
    "(AP Photo/...)") as a caption has."""
    stripped = text.rstrip()
    return is_headline(text) and not stripped.endswith(")") and " / " not in stripped


def first_clause(text: str) -> str:
    """A headline that joins two events ("X completes move, Y denies bid") up to its comma."""
    head, comma, rest = text.partition(", ")
    if comma and len(head.split()) >= 3 and len(rest.split()) >= 3:
        return head
    return text
