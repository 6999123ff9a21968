"""What a bare article text says about itself: its outlet and its headline.

A ``.txt`` file (or a JSON line without an ``outlet``) carries no metadata, but the text often
names its publisher: a dateline's wire credit ("BRUSSELS, March 4 (Reuters) -", "(AP) —",
"SEOUL, March 3 (Yonhap) --", "MOSCOW, March 4. /TASS/.", "YEREVAN, APRIL 30, ARMENPRESS."),
a closing credit or copyright line ("(Reporting by ...)", "... to resign. (NewsWire)",
"© 2025 The Associated Press", "Copyright Deutsche Welle"). Each is looked up in the
registry (by name, alias or id, spaces and punctuation aside: "Kurdistan 24" is
``kurdistan24``); an outlet the registry does not know is not guessed, and a picture's
credit ("(AP Photo)") is not the copy's.

``found_outlet`` says which words showed the outlet, so ingest can report it; when nothing
does, ingest warns (an unknown outlet's anonymous sources are then kept to that article), and
``credited_name`` gives the name a dateline or closing credit shows that the registry does
not know ("LAS VEGAS (KLAS) —"), so the warning can name it and ``--add-outlets`` register it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from verifier.registry import Registry, Source

#: How far into the text a dateline may start, and how far from the end a credit line.
HEAD_CHARS = 600
TAIL_CHARS = 600
#: A wire credit in parentheses or slashes after a dateline's place and date.
_WIRE = re.compile(
    r"^[^\n]{0,80}?(?:\(\s*(?P<paren>[A-Z][\w.&' -]{0,40}?)\s*\)|/(?P<slash>[A-Z][\w-]{1,20})/)"
    r"\s*(?:--|[-–—:.]|(?=[A-Z\"“]))",
    re.MULTILINE,
)
#: A copyright or publisher line: "© 2025 Reuters", "Copyright (c) 2025 The Hindu",
#: "(c) Deutsche Welle", "All rights reserved" preceded by the name.
_COPYRIGHT = re.compile(
    r"(?:©|ⓒ|\([cC]\)|\bCopyright\b)\s*(?:©|\([cC]\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>[A-Z][\w.&'’ -]{1,60}?)\s*(?:[.,|]|All rights|$)",
    re.MULTILINE,
)
_REUTERS_CREDIT = re.compile(r"\((?:Reporting|Writing|Editing) by [^)]*\)")
_MONTH = (r"(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[A-Za-z]*\.?")
#: A dateline whose credit stands bare after the place and date: "YEREVAN, APRIL 30,
#: ARMENPRESS. ...", "KYIV, Ukrinform -" (a date stamp may come first on the line).
_BARE_DATELINE = re.compile(
    r"^[^\n]{0,40}?\b[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3},\s*"
    rf"(?:{_MONTH}\s+\d{{1,2}},\s*)?"
    r"(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})\s*(?:\.|--|[-–—:])\s",
    re.MULTILINE,
)
#: A credit in parentheses closing the text after its last sentence: "... to resign. (NewsWire)".
_CLOSING = re.compile(r"[.!?\"”’]\s*\(\s*(?P<name>[A-Z][\w.&'’ -]{1,40}?)\s*\)\s*\Z")
#: Words that make a credit a picture's, not the copy's: "(AP Photo)", "(Reuters/File)".
_PICTURE = re.compile(
    r"\b(?:Photos?|Pictures?|Images?|Pics?|File|Video|Graphics?|Illustrations?)\b", re.IGNORECASE
)
#: What may come before a dateline's credit: a place and a date, every word capitalised or a
#: number ("LAS VEGAS", "Lima, August 6", "FAYETTEVILLE, Ark."), perhaps after a date stamp.
_PLACE_WORD = re.compile(r"[A-Z0-9][\w.'’-]*,?|[-–—,:.]+")
_STAMP = re.compile(r"\W*date\s+\S+\s+")
_HEADLINE_MAX = 200


@dataclass(frozen=True, slots=True)
class FoundOutlet:
    """The registry entry a text names as its publisher, and the words that show it."""

    source: Source
    evidence: str


@dataclass(frozen=True, slots=True)
class FoundName:
    """An outlet's name as a credit in the text gives it, and the credit's words."""

    name: str
    evidence: str


_COMPACT: WeakKeyDictionary[Registry, dict[str, Source]] = WeakKeyDictionary()


def _compact(words: str) -> str:
    return re.sub(r"[\W_]+", "", words).lower()


def _by_compact_name(registry: Registry) -> dict[str, Source]:
    """Every media entry by its id, name and aliases with spaces and punctuation removed."""
    table = _COMPACT.get(registry)
    if table is None:
        table = {}
        for source in registry:
            if source.is_media:
                for name in (source.id, *source.names):
                    table.setdefault(_compact(name), source)
        _COMPACT[registry] = table
    return table


def _media(registry: Registry, words: str) -> Source | None:
    words = words.strip()
    if not words or _PICTURE.search(words):
        return None
    found = registry.get(words.lower())
    if found is not None and found.is_media:
        return found
    found = _by_compact_name(registry).get(_compact(words))
    if found is not None:
        return found
    best: tuple[int, Source] | None = None
    for source, start, end in registry.find(words):
        if source.is_media and (best is None or end - start > best[0]):
            best = (end - start, source)
    return best[1] if best else None


def found_outlet(text: str, registry: Registry) -> FoundOutlet | None:
    """The publisher a text names in a dateline wire credit, a wire's closing credit or a
    copyright line, if the registry knows it."""
    for match in _WIRE.finditer(text[:HEAD_CHARS]):
        words = match.group("paren") or match.group("slash") or ""
        source = _media(registry, words)
        if source is not None:
            return FoundOutlet(source, match.group(0).strip())
    for match in _BARE_DATELINE.finditer(text[:HEAD_CHARS]):
        source = _media(registry, match.group("name"))
        if source is not None:
            return FoundOutlet(source, match.group(0).strip())
    tail = text[-TAIL_CHARS:]
    credit = _REUTERS_CREDIT.search(tail)
    if credit is not None and (reuters := registry.get("reuters")) is not None:
        return FoundOutlet(reuters, credit.group(0))
    closing = _CLOSING.search(tail)
    if closing is not None and (source := _media(registry, closing.group("name"))) is not None:
        return FoundOutlet(source, _closing_words(closing))
    for match in _COPYRIGHT.finditer(tail):
        source = _media(registry, match.group("name"))
        if source is not None:
            return FoundOutlet(source, match.group(0).strip())
    return None


def _closing_words(closing: re.Match[str]) -> str:
    """A closing credit's words as evidence: "(NewsWire)", without the sentence's end."""
    return closing.group(0).lstrip(".!?\"”’ ")


def _dateline_credit(match: re.Match[str]) -> bool:
    """Whether a parenthesised credit follows a place and date, not words of a sentence
    ("the Social Democratic Party's (PSD)")."""
    before = match.group(0)[: match.start("paren") - match.start()].rstrip(" (")
    stamp = _STAMP.match(before)
    before = before[stamp.end():] if stamp else before
    words = before.split()
    name = match.group("paren") or ""
    return (0 < len(words) <= 8 and all(_PLACE_WORD.fullmatch(word) for word in words)
            and not _abbreviates(name, words) and _DAY_OF_MONTH.fullmatch(name.strip()) is None)


#: A day of a month in parentheses ("KUALA LUMPUR (May 21):"): a date, not a credit.
_DAY_OF_MONTH = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")


def _abbreviates(name: str, words: list[str]) -> bool:
    """Whether a name in capitals is the initials of the capitalised words right before it
    ("Allahabad University (AU)", "Cricket Australia (CA)"): that name's short form, not
    a wire's credit."""
    letters = name.strip()
    if not (1 < len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return initials.endswith(letters)


def _name_like(name: str) -> bool:
    """A credit reads as an outlet's name: at most four words, at most one in capitals
    ("ANTARA News", "Colombo Gazette"), not a call to action ("CLICK TO READ ...")."""
    words = name.split()
    return 0 < len(words) <= 4 and sum(w.isupper() and len(w) > 2 for w in words) <= 1 \
        and not _PICTURE.search(name)


def credited_name(text: str) -> FoundName | None:
    """The outlet a dateline credit ("LAS VEGAS (KLAS) —") or a closing credit
    ("... to resign. (NewsWire)") names, whether or not the registry knows it; None when
    the text credits nobody (a picture's credit does not count)."""
    for match in _WIRE.finditer(text[:HEAD_CHARS]):
        name = (match.group("paren") or "").strip()
        if _name_like(name) and _dateline_credit(match):
            return FoundName(name, match.group(0).strip())
    closing = _CLOSING.search(text[-TAIL_CHARS:])
    if closing is not None and _name_like(closing.group("name")):
        return FoundName(closing.group("name").strip(), _closing_words(closing))
    return None


#: How many of the first lines (blank ones not counted) may be page furniture before the
#: headline.
HEADLINE_LINES = 4
_MIN_HEADLINE_WORDS = 4
#: A byline the headline line carries after a dash: "... Merger – by Ana Lind (Velm Post)".
_BYLINE_TAIL = re.compile(r"\s+(?:--|[-–—|])\s*[Bb]y\s+[A-Z].*$")
#: What a sentence may close with after its full stop: a link or note in parentheses, a
#: closing quotation mark ("... Bloomberg said. (bloom.bg/x)", "“... Rio Tinto.”").
_CLOSERS = re.compile(r"(?:\s*\([^()]*\)|[\"”’'\s])+$")
#: A picture's credit closing its caption after a slash, perhaps in a pasted table's cell:
#: "... in Beijing, Tuesday. / Yonhap |" is a caption's sentence, no headline.
_CREDIT_TAIL = re.compile(r"\s+/\s*[A-Z][\w.&'’ -]{0,40}?\s*\|?\s*$")
#: A line that is no headline: a list item ("- Shares rose ..."), a caption with its credit
#: ("... | Photo: ...", "... collapse. PHOTO BY ANA LEE", "... © Example montage", "... Ruiz/via
#: Tom Hale"), a skip link ('Press "Enter" to skip to content').
_NOT_HEADLINE = re.compile(
    r"^[-–—•*·]\s|\|\s*(?:Photo|Image|Picture|Credit|Video)s?\b|\bskip to (?:main )?content\b"
    r"|[.!?]\s+(?:photo|picture|image)s?\s+(?:by|credit)\b|©|\w/\s*via\s+[A-Z]",
    re.IGNORECASE,
)


#: A page's date stamp sharing its line with the headline after it, and a close button's
#: cross before it: "date 2026-01-13 Ferry service resumes", "2026-01-13 – Ferry service
#: resumes", "× Ferry service resumes".
_FILLED_LINE = re.compile(r"[^\S\n]*\S[^\n]*")
_FILLED = re.compile(r"\S")
_STAMP_HEAD = re.compile(r"^(?:(?:date\s+)?(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?\s*(?:[-–—|:]\s*)?)?"
                         r"(?:[×✕]\s+)?", re.IGNORECASE)


def headline(text: str) -> str | None:
    """The title a bare text opens with: the first of its first lines that reads like a
    headline (four words or more, short, not a sentence ending in a full stop, also inside
    a quotation or before a note in parentheses, not a dateline, a list item or a
    caption's credit, and a claim to the claim filter, so "Skip to content" or "Watch now"
    is passed over), with more text after it."""
    from verifier.analysis.claim_filter import decide

    for number, line in enumerate(_FILLED_LINE.finditer(text)):
        if number == HEADLINE_LINES:
            break
        first = _BYLINE_TAIL.sub("", _STAMP_HEAD.sub("", " ".join(line.group(0).split())))
        if (len(first.split()) < _MIN_HEADLINE_WORDS or len(first) > _HEADLINE_MAX
                or _CLOSERS.sub("", _CREDIT_TAIL.sub("", first)).endswith(
                    (".", ",", ";", ":"))
                or _WIRE.match(first) or _NOT_HEADLINE.search(first)
                or not decide(first).claim):
            continue
        return first if _FILLED.search(text, line.end()) else None
    return None


#: A full date as a page prints it: "2021-04-18", "May 9, 2022", "Sept. 23, 2024",
#: "5 February, 2026", "01 July 2024" (a year is needed: "May 9" alone could be any year).
_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_DATE = re.compile(
    r"\b(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>(?:19|20)\d\d))\b"
)
#: A dateline whose date has its year, at the start of a line, the date before the dash
#: that ends it: "WASHINGTON (AFP) March 22, 2000 -", "Nairobi, 4 June 2024 (Xinhua) --",
#: "SEOUL, March 3, 2024 (Yonhap) --", "Velm, Jan 9, 2026, 10:45 GMT —", "MOSCOW, March 4,
#: 2024. /TASS/.", "YEREVAN, April 30, 2024, ARMENPRESS.". The place is in capitals, or
#: a comma or a credit follows it (a headline in title case is no place).
_CREDIT = r"\(\s*[A-Z][\w.&'’ -]{0,40}?\s*\)"
_DATED_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?=\s*[,(]))"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"  # a region: "FAYETTEVILLE, Ark."
    rf"(?:\s*{_CREDIT})?,?\s+(?:{_DATE.pattern})"
    r"(?:,?\s+\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?"  # "10:45 GMT"
    rf"(?:(?:,?\s*{_CREDIT})?\s*(?:--|[-–—:])(?:\s|$)"  # a credit perhaps, then the dash
    r"|\.?\s*/[A-Z][\w-]{1,20}/\.?(?:\s|$)"  # "/TASS/."
    r"|,\s*[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}\s*(?:\.|--|[-–—:])(?:\s|$))"  # "ARMENPRESS."
)
#: A dash that ends a dateline: a date after it is the story's, not the dateline's.
_DASH = re.compile(r"--|[–—]|(?:^|\s)-(?:\s|$)")
#: A label that says the date is the publication's: "Publish Date : 01 July 2024".
_PUBLISHED_LABEL = re.compile(r"\b(?:Publish(?:ed)?|Posted|Updated)\b[^\n]{0,20}?$",
                              re.IGNORECASE)
#: How many of the first lines may hold the page's date stamp, and how long a stamp line is.
DATE_LINES = 6
_STAMP_WORDS = 12
#: How many words may follow a stamp's date on its line and still be shown with it ("at
#: 3:43 PM EST"); more are a headline sharing the line.
_STAMP_TAIL = 4
#: How many words may open a publication-date line before its label (a byline).
_LABEL_AFTER = 6


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A publication date a text shows, ISO, and the line that shows it."""

    day: str
    evidence: str


def _iso(match: re.Match[str]) -> str | None:
    from datetime import date

    if match.group("iso"):
        text = match.group("iso")
        year, month, day = (int(x) for x in text.split("-"))
    else:
        month_word = match.group("m1") or match.group("m2")
        month = _MONTH_NAMES.get(month_word[:3].lower(), 0)
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y1") or match.group("y2"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def shown_date(text: str) -> FoundDate | None:
    """The date a pasted page shows as its own: a line labelled as the publication date
    ("Publish Date : 01 July 2024") anywhere, else a short date-stamp line among the first
    lines ("May 9, 2022 at 3:43 PM", "London, Jan 9, 2026, 10:45 GMT") or a dateline
    opening one of them with a full date ("WASHINGTON (AFP) March 22, 2000 - ...",
    "Nairobi, 4 June 2024 (Xinhua) -- ...": the date in the dateline, never one in the
    sentence after it). Only offered to the reviewer, never stored unasked: a page may also
    show the day it was saved."""
    lines = [line.strip() for line in text.split("\n")]
    for line in lines:
        match = _DATE.search(line)
        label = None if match is None else _PUBLISHED_LABEL.search(line[:match.start()])
        # the label opens a short line, as a page's furniture does ("By Ana Lind | Posted:
        # May 2"; "a notice posted in the August 2 edition" deep in a sentence is what the
        # story tells)
        if match is not None and label is not None \
                and len(line[:label.start()].split()) <= _LABEL_AFTER \
                and len(line.split()) <= 2 * _STAMP_WORDS:
            day = _iso(match)
            if day is not None:
                return FoundDate(day, line[:120])
    for line in [line for line in lines if line][:DATE_LINES]:
        dateline = _DATED_DATELINE.match(line)
        if dateline is not None and (day := _iso(dateline)) is not None:
            return FoundDate(day, dateline.group(0).strip())
        match = _DATE.search(line)
        if match is not None and len(line[:match.start()].split()) <= 3 \
                and len(line.split()) <= _STAMP_WORDS \
                and not _DASH.search(line[:match.start()]):  # "VELM — On May 9, 2026, ..."
            day = _iso(match)
            if day is not None:
                # a stamp that a headline follows on its line shows up to its date ("date
                # 2021-01-28", not the headline after it)
                rest = line[match.end():]
                shown = line[:match.end()] if len(rest.split()) > _STAMP_TAIL else line
                return FoundDate(day, shown[:120])
    return None
