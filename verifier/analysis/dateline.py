"""The dateline that opens a wire story, in a module of its own: ``verifier.stories.terms``
(grouping and matching, also on the desk's read commands) needs this one pattern, not the
segmenter's lexicon and its compiled rules; with it, what a story's title leaves out (the
dateline, a list marker, a claim that opens with a pronoun). Pure; imports ``re`` only."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A dateline or label that opens a text ("LONDON, Aug 21 (Reuters) -", "BERLIN –", "NEW
#: DELHI:", "FLUSHING, Queens —", "(AP) —", "TOP STORY:"): where and by whom, not what
#: happened, and no sentence's subject. Use ``match`` at where the text opens.
DATELINE = re.compile(
    r"\W*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
    rf"(?:,?\s*{_MONTHS}\s+\d{{1,2}}\.?)?"
    r"(?:\s*\(\s*[A-Z][\w.&' -]{0,40}?\s*\))?"
    r"|\(\s*[A-Z][\w.&' -]{0,40}?\s*\))\s*(?:--|[-–—:])\s+"
)

#: A list item's or a thread's marker opening a line: "- ", "• ", "3/ ".
_MARKER = re.compile(r"\s*(?:[-–—•*·]\s+|\d{1,2}/\s+)")
_DASHED = re.compile(r"(?:--|[-–—])\s*$")
#: A wire dateline in mixed case: "Lima, August 6 (RHC)-- ", "Taipei, Sept. 23 (CNA) - ".
_CREDITED = re.compile(
    r"\W*[A-Z][\w.'’-]*(?:[ ,]+[A-Z0-9][\w.'’-]*){0,5},?\s*\(\s*[A-Z][\w.&' ]{1,40}?\s*\)"
    r"\s*(?:--|[-–—])\s*"
)

#: A dated wire dateline with no dash after its credit: "New Delhi, Jan 3 (IANS) President
#: ..." (the sentence opens with a capital right after the credit).
_DATED_CREDIT = re.compile(
    r"\W*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s*"
    rf"{_MONTHS}\s+\d{{1,2}},?\s*\(\s*[A-Z][\w.&' ]{{1,40}}?\s*\)\s+(?=[A-Z])"
)


def without_dateline(text: str) -> str:
    """``text`` without the dateline ("LOS ANGELES (AP) - ", "CHICAGO — ") or list marker
    ("- ", "3/ ") that opens it, for a title: where and by whom is not what happened. A
    dateline closed by a colon is kept ("UN: ..." may be the subject); so is the whole
    text when too little would be left."""
    found = DATELINE.match(text)
    end = found.end() if found and _DASHED.search(found.group(0).rstrip()) else 0
    credited = None if end else (_CREDITED.match(text) or _DATED_CREDIT.match(text))
    if credited is not None:
        end = credited.end()
    marker = _MARKER.match(text, end)
    if marker is not None:
        end = marker.end()
    rest = text[end:]
    return rest if len(rest.split()) >= 3 else text


#: A personal pronoun opening a sentence: it refers back, so the sentence says little as a
#: title on its own ("She also is a former labor leader ...").
_PRONOUN_OPENING = re.compile(
    r"\W*(?:He|She|It|They|We|I|You|His|Her|Its|Their|Our|My|Your)\b(?!\.)"
)


def title_text(texts: Iterable[str]) -> str:
    """Of a story's claims in order, the first that does not open with a pronoun (the
    first claim when all do), without its dateline: what the story's title shows."""
    first = None
    for text in texts:
        shown = without_dateline(text)
        if first is None:
            first = shown
        if not _PRONOUN_OPENING.match(shown):
            return shown
    return first or ""
