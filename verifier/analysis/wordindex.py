"""Where a word starts in a text, found without scanning the text again: one index per text.

The attribution's article-wide look-ups (every mention of a name, every place a phrase
occurs) had each scanned the whole text with a regular expression of their own, so a text
with twice the sentences and twice the names cost four times as much. ``WordIndex`` reads
the text's word runs (``\\w+``, as ``re`` reads them) once; a look-up then tries its pattern
only where a run starts with the pattern's first word, and finds exactly what scanning would
have found (``finditer``: the same matches, left to right, none overlapping).

``word_index(text)`` keeps the index of the last few texts (keyed by the text itself), so
every look-up of one article shares one index; a text shorter than ``SCAN_BELOW`` characters
(any ordinary article) is scanned as before, its index never built: reading every word
of it costs more than the few look-ups it saves. ``Spans`` answers whether a position is inside
any of a set of spans by bisection instead of trying every span. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

_RUN = re.compile(r"\w+")
#: the word characters a literal starts with (its first run)
_FIRST_RUN = re.compile(r"\w+")
#: above every character: the end of a prefix's range among sorted words
_TOP = "\U0010ffff"
#: a text this long or longer is looked up in through its index; a shorter one is scanned
SCAN_BELOW = 50_000


class WordIndex:
    """Each word run of one text (a maximal ``\\w+``) and the offsets where it starts."""

    __slots__ = ("_sorted", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None
        self._sorted: list[str] | None = None

    @property
    def scanned(self) -> bool:
        """Whether the text is short enough to scan (``SCAN_BELOW``): no index is built."""
        return len(self.text) < SCAN_BELOW

    def _index(self) -> dict[str, list[int]]:
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            for m in _RUN.finditer(self.text):
                starts.setdefault(m.group(), []).append(m.start())
            self._starts = starts
        return self._starts

    def starts(self, word: str) -> list[int]:
        """Where the run ``word`` (the whole run) starts, in order."""
        return self._index().get(word, [])

    def prefixed(self, prefix: str) -> list[int]:
        """Where a run beginning with ``prefix`` starts, in order."""
        index = self._index()
        if self._sorted is None:
            self._sorted = sorted(index)
        words = self._sorted
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix + _TOP, lo)
        if hi - lo == 1:
            return index[words[lo]]
        return sorted(at for word in words[lo:hi] for at in index[word])

    def finditer(self, pattern: re.Pattern[str], literals: Iterable[str], *,
                 bounded: bool) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, for a pattern whose every match starts where a word run
        starts (no word character before it) with one of ``literals`` (a name, and the same
        name written with another first letter); ``bounded`` says the pattern allows no word
        character right after the literal. A literal that starts with no word character is
        scanned for as before, and so is a short text (``scanned``)."""
        if self.scanned:
            yield from pattern.finditer(self.text)
            return
        found: list[list[int]] = []
        for literal in literals:
            first = _FIRST_RUN.match(literal)
            if first is None:
                yield from pattern.finditer(self.text)
                return
            head = first.group()
            whole = bounded or len(head) < len(literal)
            found.append(self.starts(head) if whole else self.prefixed(head))
        candidates = found[0] if len(found) == 1 else sorted(set().union(*found))
        after = 0
        for at in candidates:
            if at < after:
                continue
            m = pattern.match(self.text, at)
            if m is not None:
                after = m.end() if m.end() > at else at + 1
                yield m


@lru_cache(maxsize=2)
def word_index(text: str) -> WordIndex:
    """The ``WordIndex`` of ``text``, kept for the last few texts."""
    return WordIndex(text)


class Spans:
    """Whether a position is inside any of a set of half-open spans (``a <= at < b``)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(s for s in spans if s[0] < s[1]):
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._starts = starts
        self._ends = ends

    def __contains__(self, at: int) -> bool:
        i = bisect_right(self._starts, at) - 1
        return i >= 0 and at < self._ends[i]
