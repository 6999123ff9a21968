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

from verifier.rules.regex_gate import ANY, AT_START, CHARS, alternatives, in_class


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
