"""What a bare article text says about itself: its outlet and its headline.

A ``.txt`` file (or a JSON line without an ``outlet``) carries no metadata, but the text often
names its publisher: a dateline's wire credit ("BRUSSELS, March 4 (Reuters) -", "(AP) —",
"SEOUL, March 3 (Yonhap) --", "MOSCOW, March 4. /TASS/."), a closing credit or copyright line
("(Reporting by ...)", "© 2025 The Associated Press", "Copyright Deutsche Welle"). Each is
looked up in the registry; an outlet the registry does not know is not guessed.

``found_outlet`` says which words showed the outlet, so ingest can report it; when nothing
does, ingest warns (an unknown outlet's anonymous sources are then kept to that article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_HEADLINE_MAX = 200


@dataclass(frozen=True, slots=True)
class FoundOutlet:
    """The registry entry a text names as its publisher, and the words that show it."""

    source: Source
    evidence: str


def _media(registry: Registry, words: str) -> Source | None:
    words = words.strip()
    found = registry.get(words.lower())
    if found is not None and found.is_media:
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
    tail = text[-TAIL_CHARS:]
    credit = _REUTERS_CREDIT.search(tail)
    if credit is not None and (reuters := registry.get("reuters")) is not None:
        return FoundOutlet(reuters, credit.group(0))
    for match in _COPYRIGHT.finditer(tail):
        source = _media(registry, match.group("name"))
        if source is not None:
            return FoundOutlet(source, match.group(0).strip())
    return None


#: How many of the first lines may be page furniture before the headline.
HEADLINE_LINES = 4
_MIN_HEADLINE_WORDS = 4


def headline(text: str) -> str | None:
    """The title a bare text opens with: the first of its first lines that reads like a
    headline (four words or more, short, not a sentence ending in a full stop, not a
    dateline, and a claim to the claim filter, so "Skip to content" or "Watch now" is
    passed over), with more text after it."""
    from verifier.analysis.claim_filter import decide

    lines = text.lstrip().split("\n", HEADLINE_LINES)  # the rest stays one piece
    for number, line in enumerate(lines[:HEADLINE_LINES]):
        first = " ".join(line.split())
        if not first:
            continue
        if (len(first.split()) < _MIN_HEADLINE_WORDS or len(first) > _HEADLINE_MAX
                or first.endswith((".", ",", ";", ":")) or _WIRE.match(first)
                or not decide(first).claim):
            continue
        if any(rest.strip() for rest in lines[number + 1:]):
            return first
        return None
    return None
