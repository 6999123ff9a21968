"""Named rules in one alternation between word edges, scanned by the character each place opens
with.

``Alternation(rules, edge)`` is the pattern ``(?<![E])(?:(?P<a>A)|(?P<b>B)|...)(?![E])`` (E the
``edge`` class, ``\\w`` by default), compiled as before in ``compiled``. Its ``finditer`` gives
the same matches as ``compiled.finditer``, found with less work: a match can start only where
the text starts or after a character outside the edge class, and at such a place only the
rules' top-level alternatives that can open with the character there can match
(``regex_gate.alternatives`` reads what each can open with). So each such place is tried with
a pattern of those alternatives alone, in their order and in their rules' named groups (made
once per character met): an alternative left out could not have matched there, so the
alternation picks the same alternative, the same span and the same ``lastgroup``. Without
the dispatch a scan of the whole alternation tries every alternative of every rule at every
place (the content cues: 263 alternatives of 8 rules, ~4 us at each word).

Not dispatched (``compiled`` scans as always) when an alternative cannot be read so (see
``regex_gate.alternatives``). Only ``lastgroup``, the span and the groups by name of a match
found so are the same as ``compiled``'s: its group numbers and ``re`` differ.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence

from verifier.rules.regex_gate import ANY, AT_START, CHARS, alternatives, in_class, min_width
from verifier.rules.trie import substring_trie


class Alternation:
    """An alternation of named rules between word edges (see the module)."""

    __slots__ = ("_at_start", "_by_char", "_by_kept", "_edge", "_head", "_rules", "_tail",
                 "compiled", "flags", "pattern")

    def __init__(self, rules: Sequence[tuple[str, str]], edge: str = r"\w",
                 flags: int = 0) -> None:
        if edge == r"\w":
            self._head, self._tail = r"(?<!\w)", r"(?!\w)"
        else:
            self._head, self._tail = f"(?<![{edge}])", f"(?![{edge}])"
        self.compiled = re.compile(
            self._head + "(?:" + "|".join(f"(?P<{name}>{source})" for name, source in rules)
            + ")" + self._tail, flags)
        self.pattern = self.compiled.pattern
        self.flags = self.compiled.flags
        split = [alternatives(source, flags) for _, source in rules]
        self._rules: list[tuple[str, tuple[tuple[str, int, str], ...]]] | None = (
            None if any(parts is None for parts in split)
            else [(name, parts) for (name, _), parts in zip(rules, split, strict=True)
                  if parts is not None])
        #: a character after which a match may start, followed by one a match may start with
        opening = "" if self._rules is None or any(
            how == ANY for _, parts in self._rules for _, how, _ in parts) else "".join(
            sorted({char for _, parts in self._rules for _, how, chars in parts
                    if how == CHARS for char in chars}))
        self._edge = re.compile(f"[^{edge}]" + (
            "(?=[" + "".join(in_class(char) for char in opening) + "])" if opening else ""))
        #: the pattern a place opening with a character is tried with (None: nothing can
        #: match there), and the patterns by the alternatives they keep
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        self._at_start: dict[str, re.Pattern[str] | None] = {}
        self._by_kept: dict[tuple[tuple[int, ...], ...], re.Pattern[str] | None] = {}

    @property
    def dispatched(self) -> bool:
        """Whether ``finditer`` tries each place with its character's alternatives."""
        return self._rules is not None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0,
                  endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, as ``compiled.finditer(text)`` finds them."""
        if self._rules is None:
            yield from self.compiled.finditer(text)
            return
        if not text:
            return
        end = 0
        try:
            first = self._at_start[text[0]]
        except KeyError:
            first = self._at_start[text[0]] = self._for(text[0], True)
        found = first.match(text) if first is not None else None
        if found is not None:
            yield found
            end = found.end()
        size = len(text)
        by_char = self._by_char
        for edge in self._edge.finditer(text):
            at = edge.end()
            if at < end or at == size:
                continue
            char = text[at]
            try:
                pattern = by_char[char]
            except KeyError:
                pattern = by_char[char] = self._for(char)
            if pattern is None:
                continue
            found = pattern.match(text, at)
            if found is not None:
                yield found
                end = found.end()  # (no alternative matches the empty string)

    def _for(self, char: str, start: bool = False) -> re.Pattern[str] | None:
        """The rules' alternatives that can open with ``char`` (``start``: where the text
        starts, those opening with ``^`` too), in one pattern."""
        assert self._rules is not None
        kept = tuple(
            tuple(i for i, (_, how, chars) in enumerate(parts)
                  if how == ANY or (start if how == AT_START else char in chars))
            for _, parts in self._rules)
        if kept in self._by_kept:
            return self._by_kept[kept]
        groups = [f"(?P<{name}>" + "|".join(parts[i][0] for i in keep) + ")"
                  for (name, parts), keep in zip(self._rules, kept, strict=True) if keep]
        pattern = (re.compile(self._head + "(?:" + "|".join(groups) + ")" + self._tail,
                              self.flags) if groups else None)
        self._by_kept[kept] = pattern
        return pattern


class KeyedAlternation:
    """Named rules in one alternation between word edges, ``(?<!\\w)(?:(?P<a>A)|...)(?!\\w)``
    (``compiled``), each rule with words one of which its every match holds (its keys, read
    from the pattern by ``regex_gate.gate``). ``finditer`` and ``search`` find what
    ``compiled``'s do, but try only the rules whose keys the text holds, each rule's pattern
    alone: the leftmost match of any of them, at one start the first rule's (an alternation
    tries its alternatives at a place in order), then on from its end. A rule whose keys a
    text lacks cannot match anywhere in it, so leaving it out changes no match. For a scan of
    many rules of which a text holds the keys of a few (the compositional readings: 58 rules,
    three or four of them keyed in a speaker's words): one scan of the keys and a few small
    scans instead of every rule tried at every word.

    Matches are the rules' own patterns': ``lastgroup``, the span and the groups by name are
    ``compiled``'s, group numbers are not. A rule with no keys is tried on every text; when
    a rule can match the empty string, every scan is ``compiled``'s."""

    __slots__ = ("_always", "_compiled", "_keys", "_rules_of", "_singles", "flags", "pattern")

    def __init__(self, rules: Sequence[tuple[str, str, Sequence[str]]], edge: str = r"\w",
                 flags: int = 0) -> None:
        head, tail = (r"(?<!\w)", r"(?!\w)") if edge == r"\w" else (f"(?<![{edge}])",
                                                                   f"(?![{edge}])")
        self.pattern = (head + "(?:" + "|".join(f"(?P<{name}>{source})"
                                                for name, source, _ in rules) + ")" + tail)
        self.flags = flags
        #: the whole alternation, compiled when first asked for (the scans need it only
        #: when a rule may match the empty string)
        self._compiled: re.Pattern[str] | None = None
        self._singles: tuple[re.Pattern[str], ...] | None = None
        if not any(_may_be_empty(source, flags) for _, source, _ in rules):
            self._singles = tuple(re.compile(f"{head}(?:(?P<{name}>{source})){tail}", flags)
                                  for name, source, _ in rules)
        #: the rules tried on every text (no keys)
        self._always = frozenset(i for i, (_, _, keys) in enumerate(rules) if not keys)
        words = sorted({w for _, _, keys in rules for w in keys})
        # at each place the key the trie finds there (of the keys starting there, the one
        # every other starts with: the trie keeps no key another key starts); the rules of
        # every key that starts with it
        self._keys = re.compile("(?=(" + substring_trie(words) + "))") if words else None
        self._rules_of = {found: frozenset(i for i, (_, _, keys) in enumerate(rules)
                                           if any(key.startswith(found) for key in keys))
                          for found in words}

    @property
    def compiled(self) -> re.Pattern[str]:
        """The whole alternation."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, as ``compiled.search(text)`` finds it."""
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, as ``compiled.finditer(text)`` finds them."""
        singles = self._singles
        if singles is None:
            yield from self.compiled.finditer(text)
            return
        tried = set(self._always)
        if self._keys is not None:
            rules_of = self._rules_of
            for key in self._keys.finditer(text):
                tried |= rules_of[key.group(1)]
        if not tried:
            return
        order = sorted(tried)
        #: each rule's next match from where the scan is (None: none left), once found
        ahead: dict[int, re.Match[str] | None] = {}
        at = 0
        while True:
            best: re.Match[str] | None = None
            for rule in order:
                if rule in ahead:
                    found = ahead[rule]
                    if found is not None and found.start() < at:
                        found = ahead[rule] = singles[rule].search(text, at)
                else:
                    found = ahead[rule] = singles[rule].search(text, at)
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            yield best
            at = best.end()


def _may_be_empty(source: str, flags: int) -> bool:
    """Whether a pattern may match the empty string (True when it cannot be read)."""
    width = min_width(source, flags)
    return width is None or width == 0
