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

from verifier.rules.regex_gate import (
    ANY,
    AT_START,
    CHARS,
    DIGITS,
    Gate,
    alternatives,
    gate,
    group_end,
    in_class,
    min_width,
    prefixes,
)
from verifier.rules.regex_gate import opening as opening_of
from verifier.rules.trie import substring_trie


class _Whole:
    """The scans an alternation leaves to its whole compiled pattern."""

    __slots__ = ()
    compiled: re.Pattern[str]

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0,
                  endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)


class Alternation(_Whole):
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


class WordAlternation(_Whole):
    """Named rules in one alternation between word edges, ``(?<![E])(?:(?P<a>A)|...)(?![E])``
    (``compiled``), scanned by the word each place opens with. ``finditer`` finds what
    ``compiled.finditer`` does: a match starts only at a place after a character outside the
    edge class E (or where the text starts); there the alternation tries its rules in order
    and gives the first rule's first match. So each rule is tried alone, in order, at such a
    place, and only when it can match there: every part of a rule (its top-level
    alternatives, and theirs when one is a group alone, ``(?:a|b)``) either starts with
    strings one of which each of its matches starts with (``regex_gate.prefixes``: then the
    place's word, its run of ``\\w`` or its one other character, must start with one of them
    or be the start of one: both are starts of the same text), or opens with characters known
    (``alternatives``' ``CHARS``), or holds words one of which each of its matches holds
    (``gate``: left out of a text without them), or may match anywhere. A rule left out of a
    place could not have matched there, so the first rule that matches is the alternation's,
    with the same span and ``lastgroup``. For a scan of long text by rules of hundreds of
    alternatives where most words open none (the speaker descriptors over an article: ~2
    times quicker than ``compiled``'s scan, which tries every rule at every word).

    Group numbers and ``re`` of a match found so are not ``compiled``'s; ``lastgroup``, the
    span and the groups by name are. A rule part that cannot be read makes the rule tried at
    every place; rules that cannot be split make every scan ``compiled``'s."""

    __slots__ = ("_always", "_by_first", "_by_word", "_charred", "_chars", "_found", "_gated",
                 "_gates", "_orders", "_singles", "_starts", "_words", "compiled", "flags",
                 "pattern")

    def __init__(self, rules: Sequence[tuple[str, str]], edge: str = r"\w",
                 flags: int = 0) -> None:
        head, tail = f"(?<![{edge}])", f"(?![{edge}])"
        self.compiled = re.compile(
            head + "(?:" + "|".join(f"(?P<{name}>{source})" for name, source in rules) + ")"
            + tail, flags)
        self.pattern = self.compiled.pattern
        self.flags = self.compiled.flags
        #: each rule alone (None: a rule may match the empty string, every scan is
        #: ``compiled``'s)
        self._singles: tuple[re.Pattern[str], ...] | None = None
        if not any(_may_be_empty(source, flags) for _, source in rules):
            self._singles = tuple(re.compile(f"{head}(?:(?P<{name}>{source})){tail}", flags)
                                  for name, source in rules)
        #: per rule: the strings its parts start with, the characters others open with (and
        #: their gates), the gates of parts known only by the words they hold; the rules
        #: with a part that may match anywhere
        self._starts: list[tuple[str, ...]] = []
        self._chars: list[tuple[tuple[str, Gate], ...]] = []
        self._gates: list[tuple[Gate, ...]] = []
        always: list[int] = []
        readable = not flags & re.IGNORECASE
        for i, (_, source) in enumerate(rules):
            parts = _parts(source, flags) if readable else None
            if parts is None:
                always.append(i)
                parts = []
            starts: list[str] = []
            chars: list[tuple[str, Gate]] = []
            gates: list[Gate] = []
            for part, how, opening in parts:
                found = prefixes(re.compile(part, flags))
                words = gate(re.compile(part, flags))
                if found is not None:
                    starts.extend(found)
                elif how == CHARS:
                    chars.append((opening, words))
                elif (digits := opening_of(part, flags)) is not None:
                    chars.append((digits, words))  # it may open with a digit (``DIGITS``)
                elif words.words is None:
                    always.append(i)
                else:
                    gates.append(words)
            self._starts.append(tuple(starts))
            self._chars.append(tuple(chars))
            self._gates.append(tuple(gates))
        self._always = frozenset(always)
        #: only the rules that have gates, and those that have parts of known openings (each
        #: scan reads them: walking every rule for them cost a short string more than its scan)
        self._gated = tuple((i, gates) for i, gates in enumerate(self._gates) if gates)
        self._charred = tuple((i, parts) for i, parts in enumerate(self._chars) if parts)
        #: the rules' starts by their first character
        self._by_first: dict[str, list[tuple[int, str]]] = {}
        for i, rule_starts in enumerate(self._starts):
            for start in rule_starts:
                self._by_first.setdefault(start[0], []).append((i, start))
        #: the rules each word a place opens with may start (bounded: cleared when full)
        self._by_word: dict[str, frozenset[int]] = {}
        #: the rules to try, in order, after each word met, per what a text's gates admit
        #: (the rules tried everywhere, the characters parts of known openings open with):
        #: texts the gates read alike share them (bounded: cleared when full)
        self._orders: dict[tuple[frozenset[int], tuple[tuple[int, str], ...]],
                           dict[str, tuple[int, ...]]] = {}
        #: the matches in short texts scanned before ("the minister", a speaker's words met
        #: in article after article), by text (bounded: cleared when full)
        self._found: dict[str, tuple[re.Match[str], ...]] = {}
        self._words = re.compile(rf"{head}(?:\w+|.)", re.DOTALL | (flags & re.ASCII))

    def forget(self) -> None:
        """Forget the words and texts met (a fresh process's state; the matches never depend
        on it)."""
        self._by_word.clear()
        self._orders.clear()
        self._found.clear()

    def _opened(self, word: str) -> frozenset[int]:
        """The rules whose parts of known starts a place opening with ``word`` may start."""
        return frozenset(i for i, start in self._by_first.get(word[0], ())
                         if start.startswith(word) or word.startswith(start))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, as ``compiled.finditer(text)`` finds them (their spans,
        ``lastgroup`` and groups by name; a short text met before gives the matches found
        in it then)."""
        if self._singles is None:
            return self.compiled.finditer(text)
        if len(text) > _SHORT_TEXT:
            return self._scan(text)
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= _TEXTS_KEPT:
                self._found.clear()
            found = self._found[text] = tuple(self._scan(text))
        return iter(found)

    def _scan(self, text: str) -> Iterator[re.Match[str]]:
        """``finditer`` of a text not met before: each place tried with its word's rules."""
        singles = self._singles
        assert singles is not None
        anywhere = set(self._always)
        for i, gates in self._gated:
            for g in gates:
                if g.admits(text):
                    anywhere.add(i)
                    break
        #: per rule, the characters its parts of known openings that ``text`` admits open with
        opening = {i: "".join([chars for chars, words in parts if words.admits(text)])
                   for i, parts in self._charred}
        by_word = self._by_word
        #: the rules to try, in order, after each word met in this text (and in every text
        #: its gates read alike)
        orders = self._orders
        profile = (frozenset(anywhere), tuple(opening.items()))
        order = orders.get(profile)
        if order is None:
            if len(orders) >= _PROFILES_KEPT:
                orders.clear()
            order = orders[profile] = {}
        elif len(order) >= _ORDER_WORDS_KEPT:
            order.clear()
        end = 0
        for place in self._words.finditer(text):
            at = place.start()
            if at < end:
                continue
            word = place.group()
            tried = order.get(word)
            if tried is None:
                opened = by_word.get(word)
                if opened is None:
                    if len(by_word) >= _WORDS_KEPT:
                        by_word.clear()
                    opened = by_word[word] = self._opened(word)
                first = word[0]
                digit = first.isdecimal()
                tried = order[word] = tuple(sorted(opened | anywhere | {
                    i for i, chars in opening.items()
                    if first in chars or (digit and DIGITS in chars)}))
            for rule in tried:
                found = singles[rule].match(text, at)
                if found is not None:
                    yield found
                    end = found.end()  # (no rule matches the empty string)
                    break


#: Words whose rules a ``WordAlternation`` keeps (about 2 MB at most).
_WORDS_KEPT = 50_000
#: Gate readings whose words' rules a ``WordAlternation`` keeps, and words kept for each.
_PROFILES_KEPT = 8
_ORDER_WORDS_KEPT = 10_000
#: Texts up to this long have their matches kept (``finditer``), at most this many of them.
_SHORT_TEXT = 200
_TEXTS_KEPT = 5_000


def _parts(source: str, flags: int) -> list[tuple[str, int, str]] | None:
    """A rule's parts: its top-level alternatives, a group alone split into its own
    (``(?:a|b)`` -> a, b: the same matches in the same order), each with what it opens with
    (``alternatives``); None when it cannot be read or a part may match the empty string."""
    found = alternatives(source, flags)
    if found is None:
        return None
    parts: list[tuple[str, int, str]] = []
    for part, how, opening in found:
        inner = part[3:-1] if part.startswith("(?:") and group_end(part) == len(part) else None
        split = _parts(inner, flags) if inner is not None else None
        if split is not None and len(split) > 1:
            parts.extend(split)
        else:
            parts.append((part, how, opening))
    return parts
