"""A cheap test to run before a regular expression: words one of which every match holds.

``gate(pattern)`` reads the pattern's syntax tree once and finds literal strings that every
match must contain (``reports?|story`` -> "report" or "story"). ``Gate.admits(text)`` is then
a few substring tests: when it says no, the pattern cannot match anywhere in ``text`` and the
search can be skipped; when it says yes (or when nothing could be learned from the pattern),
the search runs as before. Rules stay data: the words come from the patterns themselves.

Case-insensitive parts are compared with lower-cased text, and only for ASCII text, where
lower-casing is exactly what the regex engine's case folding does.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from verifier.rules.patterncache import remembered

_T = TypeVar("_T")

try:  # the regex compiler's parser; without it every gate admits everything
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - other Python versions
    _parser = _c = None

#: A word to look for, and whether to look for it in lower-cased text.
_Word = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class Gate:
    """Words one of which every match of a pattern holds (None: no such words known)."""

    words: tuple[_Word, ...] | None

    def admits(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in ``text``."""
        words = self.words
        if words is None:
            return True
        folded: str | None = None
        for word, fold in words:
            if fold:
                if folded is None:
                    if not text.isascii():
                        return True
                    folded = text.lower()
                if word in folded:
                    return True
            elif word in text:
                return True
        return False


OPEN = Gate(None)


@lru_cache(maxsize=1024)
def _parse(source: str, flags: int) -> Any:
    """The syntax tree of a pattern (read, never changed, by the functions here). Cached: a
    rule builder asks for a pattern's gate, its prefixes and its first characters, a parse
    each otherwise (about a third of a process's start-up spent on patterns)."""
    return _parser.parse(source, flags)


def min_width(source: str, flags: int) -> int | None:
    """The fewest characters a match of ``source`` takes (None: not known); kept between
    runs (a parse of each of a lexicon's patterns at every start-up otherwise)."""
    if _parser is None:
        return None
    found: int | None = remembered("min_width", source, flags,
                                   lambda: _min_width(source, flags))
    return found


def _min_width(source: str, flags: int) -> int | None:
    try:
        width: int = _parse(source, flags).getwidth()[0]
    except Exception:  # an optimisation, never an error
        return None
    return width


def gate(pattern: re.Pattern[str]) -> Gate:
    """The gate of a compiled pattern."""
    if _parser is None:
        return OPEN
    words = remembered("gate", pattern.pattern, pattern.flags,
                       lambda: _gate_words(pattern.pattern, pattern.flags))
    return OPEN if words is None else Gate(words)


def _gate_words(source: str, flags: int) -> tuple[_Word, ...] | None:
    try:
        parsed = _parse(source, flags)
    except Exception:  # a gate is an optimisation, never an error
        return None
    fold = bool(parsed.state.flags & re.IGNORECASE)
    words = _required(list(parsed.data), fold)
    if not words or any(not word for word, _ in words):
        return None
    return tuple(sorted(words))


def prefixes(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with, or None if not known.

    For a case-sensitive pattern only (None otherwise): ``text.startswith(found, pos)`` is
    then a cheap test before ``pattern.match(text, pos)``.
    """
    if _parser is None or pattern.flags & re.IGNORECASE:
        return None
    found: tuple[str, ...] | None = remembered(
        "literal_starts", pattern.pattern, pattern.flags,
        lambda: _prefixes_of(pattern.pattern, pattern.flags))
    return found


def _prefixes_of(source: str, flags: int) -> tuple[str, ...] | None:
    try:
        parsed = _parse(source, flags)
        found = _starts(list(parsed.data), [_STARTS_BUDGET])
    except Exception:  # a prefix is an optimisation, never an error
        return None
    if not found or "" in found:
        return None
    # a string that starts with another one found tests nothing more ("was" beside "w")
    return tuple(p for p in sorted(found)
                 if not any(q != p and p.startswith(q) for q in found))


#: Sequences ``_starts`` reads at most for one pattern (each optional part read two ways).
_STARTS_BUDGET = 2000


def _every(alternatives: Iterator[set[_T] | None]) -> set[_T] | None:
    """The union of every alternative's set, or None as soon as one alternative has none
    (then nothing is known of the whole): what a branch gives both walks below."""
    found: set[_T] = set()
    for alternative in alternatives:
        if alternative is None:
            return None
        found |= alternative
    return found


def _starts(items: list[Any], budget: list[int]) -> set[str] | None:
    """The literal starts of a sequence, or None: its first literal run, where zero-width
    parts before it (anchors, look-arounds, a branch of them) match no character, a branch
    or an optional part before it read each way with the rest of the sequence after it
    ("(?:to\\s+)?say" -> "to", "say"). Raises when the budget runs out."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("too many ways")
    run: list[str] = []
    for at, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run or op is None:  # (``_STOP`` with no run: not known)
            break
        rest = items[at + 1 :]
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT) or _zero_width([(op, av)]):
            continue
        if op is _c.BRANCH:
            return _every(_starts(list(alternative) + rest, budget) for alternative in av[1])
        if op is _c.SUBPATTERN:
            _, add, _, sub = av
            return None if add & re.IGNORECASE else _starts(list(sub) + rest, budget)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            if high == 0:
                continue
            # once, then the rest (or, when it may repeat, no further than the part)
            once = _starts(list(sub) + (rest if high == 1 else [_STOP]), budget)
            if low >= 1:
                return once
            never = _starts(rest, budget)
            return None if once is None or never is None else once | never
        return None
    return {"".join(run)} if run else None


#: Where ``_starts`` stops reading a literal run (the end of a part that may repeat).
_STOP = (None, None)


def _zero_width(items: Sequence[Any]) -> bool:
    """Whether a sequence matches no character whatever it matches (anchors, look-arounds
    and branches or groups of them only)."""
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.BRANCH and all(_zero_width(list(alt)) for alt in av[1]):
            continue
        if op is _c.SUBPATTERN and _zero_width(list(av[3])):
            continue
        return False
    return True


def _prefixes(items: Sequence[Any]) -> set[str] | None:
    """The literal starts of a sequence (skipping leading zero-width assertions), or None."""
    run: list[str] = []
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT) and not run:
            continue
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            break
        if op is _c.BRANCH:
            found: set[str] = set()
            for alternative in av[1]:
                alt = _prefixes(list(alternative))
                if not alt:
                    return None
                found |= alt
            return found
        if op is _c.SUBPATTERN:
            _, add, _, sub = av
            return None if add & re.IGNORECASE else _prefixes(list(sub))
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _, sub = av
            return _prefixes(list(sub)) if low >= 1 else None
        return None
    return {"".join(run)} if run else None


def _structure(source: str) -> Iterator[tuple[int, str]]:
    """Each ``(``, ``)`` and ``|`` of ``source`` with its index, outside escapes and sets."""
    i = 0
    size = len(source)
    while i < size:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 1
            if i < size and source[i] == "^":
                i += 1
            if i < size and source[i] == "]":
                i += 1
            while i < size and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        if char in "()|":
            yield i, char
        i += 1


def group_end(source: str) -> int | None:
    """Where the parenthesised group that opens ``source`` ends (escapes and sets skipped)."""
    depth = 0
    for i, char in _structure(source):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def first_class(source: str) -> str | None:
    """A regex for the first character of every match of ``source`` (for a look-ahead that
    turns a position away before the pattern is tried), or None if not known or if the
    pattern can match the empty string. Characters from case-insensitive parts keep that
    flag, so the class folds case exactly as the pattern does."""
    if _parser is None:
        return None
    first: str | None = remembered("first_class", source, 0, lambda: _first_class(source))
    return first


def _first_class(source: str) -> str | None:
    try:
        parsed = _parse(source, 0)
    except Exception:  # an optimisation, never an error
        return None
    found = _first(list(parsed.data), bool(parsed.state.flags & re.IGNORECASE))
    if found is None or found[2]:
        return None
    plain, folded, _ = found
    parts = []
    if plain:
        parts.append("[" + "".join(in_class(c) for c in sorted(plain)) + "]")
    if folded:
        parts.append("(?i:[" + "".join(in_class(c) for c in sorted(folded)) + "])")
    return "|".join(parts) if parts else None


def in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


_First = tuple[set[str], set[str], bool]  # case-sensitive chars, case-folded chars, can be empty


def _first(items: Sequence[Any], fold: bool, digits: bool = False) -> _First | None:
    """The first characters of a sequence, or None if not known (``digits``: ``\\d`` in a
    set is known, as ``DIGITS``)."""
    plain: set[str] = set()
    folded: set[str] = set()
    target = folded if fold else plain
    for op, av in items:
        if op is _c.LITERAL:
            target.add(chr(av))
            return plain, folded, False
        if op is _c.IN:
            chars = _set_chars(av, digits)
            if chars is None:
                return None
            target.update(chars)
            return plain, folded, False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.BRANCH:
            empty = False
            for alternative in av[1]:
                alt = _first(list(alternative), fold, digits)
                if alt is None:
                    return None
                plain |= alt[0]
                folded |= alt[1]
                empty = empty or alt[2]
        elif op is _c.SUBPATTERN:
            _, add, remove, sub = av
            inner_fold = (fold or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            inner = _first(list(sub), inner_fold, digits)
            if inner is None:
                return None
            plain |= inner[0]
            folded |= inner[1]
            empty = inner[2]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _, sub = av
            inner = _first(list(sub), fold, digits)
            if inner is None:
                return None
            plain |= inner[0]
            folded |= inner[1]
            empty = low == 0 or inner[2]
        else:
            return None
        if not empty:
            return plain, folded, False
    return plain, folded, True


def _set_chars(av: Any, digits: bool = False) -> set[str] | None:
    """The characters of a set of literals and small ranges (no classes, no negation;
    ``digits``: ``\\d`` too, as ``DIGITS``)."""
    chars: set[str] = set()
    for op, value in av:
        if op is _c.LITERAL:
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] < 256:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        elif digits and op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            chars.add(DIGITS)
        else:
            return None
    return chars


#: Stands for every decimal digit (``\\d``: ``str.isdecimal``, and only ASCII ones under
#: ``re.ASCII``) in what ``opening`` gives.
DIGITS = "\x00"


def opening(source: str, flags: int) -> str | None:
    """The characters every match of ``source`` starts with, ``DIGITS`` standing for the
    decimal digits when one may start it (``\\d``); None when not known (or case-blind)."""
    if _parser is None:
        return None
    try:
        parsed = _parse(source, flags)
    except Exception:  # an optimisation, never an error
        return None
    found = _first(list(parsed.data), bool(parsed.state.flags & re.IGNORECASE), digits=True)
    if found is None or found[1] or found[2]:
        return None
    return "".join(sorted(found[0]))


#: Words nearly every sentence holds: a candidate made of one of them selects nothing.
_COMMON = frozenset({
    "that", "the", "and", "not", "been", "have", "has", "had", "was", "were", "are", "for",
    "with", "this", "from", "they", "said", "will", "would", "its", "his", "her", "their",
})


def _best(candidates: list[set[_Word]]) -> set[_Word] | None:
    """The most selective candidate: the longest shortest word (a very common word counts as
    short), then the fewest words."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(_weight(w) for w, _ in c), -len(c)))


def _weight(word: str) -> float:
    """How selective a word is: its length, a very common word counting as 2.5 letters."""
    return 2.5 if word in _COMMON else len(word)


def _joined(run: str, alternatives: Sequence[Any]) -> set[_Word] | None:
    """A literal run and the literal starts of the branch after it, joined ("sa" and
    "id|ys|y" -> "said", "says", "say"); None when an alternative starts otherwise."""
    joined: set[_Word] = set()
    for alternative in alternatives:
        starts = _prefixes(list(alternative))
        if not starts:
            return None
        joined.update((run + start, False) for start in starts)
    return joined


def _required(items: Sequence[Any], fold: bool) -> set[_Word] | None:
    """Words one of which every match of the sequence ``items`` holds, or None."""
    candidates: list[set[_Word]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append({("".join(run), fold)})
            run.clear()

    for op, av in items:
        if op is _c.LITERAL or (op is _c.IN and _single(av) is not None):
            char = chr(av) if op is _c.LITERAL else _single(av)
            assert char is not None
            if fold and not char.isascii():
                close()
                continue
            run.append(char.lower() if fold else char)
            continue
        if run and not fold and op is _c.BRANCH:  # "sa" + (id|ys|y) -> said, says, say
            joined = _joined("".join(run), av[1])
            if joined is not None:
                candidates.append(joined)
        close()
        found = _item_required(op, av, fold)
        if found:
            candidates.append(found)
    close()
    return _best(candidates)


def _item_required(op: Any, av: Any, fold: bool) -> set[_Word] | None:
    """Words one of which every match of one item that is no literal holds, or None: a set
    of plain characters, every alternative's words (None when one has none), a group's own
    (case folded inside it when its flags say so), a repeat's when it repeats at least once,
    an atomic group's."""
    if op is _c.IN:
        return _charset(av, fold)
    if op is _c.BRANCH:
        return _every(_required(list(alternative), fold) for alternative in av[1])
    if op is _c.SUBPATTERN:
        _, add, remove, sub = av
        inner = (fold or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _required(list(sub), inner)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        return _required(list(sub), fold) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _required(list(av), fold)
    return None


def _single(av: Any) -> str | None:
    """The one character a character set holds, if it holds exactly one literal."""
    if len(av) == 1 and av[0][0] is _c.LITERAL:
        return chr(av[0][1])
    return None


def _charset(av: Any, fold: bool) -> set[_Word] | None:
    """The characters of a set of plain literals (no ranges, classes or negation), or None."""
    chars: set[_Word] = set()
    for op, value in av:
        if op is not _c.LITERAL:
            return None
        char = chr(value)
        if fold and not char.isascii():
            return None
        chars.add((char.lower() if fold else char, fold))
    return chars or None


#: What a top-level alternative can start with (``alternatives``): the characters given, only
#: the start of the text (it opens with ``^``), or anything (not known).
CHARS, AT_START, ANY = 0, 1, 2
#: A backreference or a conditional group: an alternative split off would not keep its group.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(")
#: Flags set for the whole pattern at its start ("(?i)..."): only the first part would keep them.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def alternatives(source: str, flags: int) -> tuple[tuple[str, int, str], ...] | None:
    """The top-level alternatives of ``source`` ("a|(b|c)d" -> "a", "(b|c)d"), each with
    what a match of it can start with: ``(alternative, CHARS, the characters)``,
    ``(alternative, AT_START, "")`` when it opens with ``^`` (without ``re.MULTILINE``: it
    matches only where the text starts), ``(alternative, ANY, "")`` when not known.

    None when ``source`` cannot be split so: a backreference or a conditional group (a split
    alternative would not keep the group it names), flags set for the whole pattern, an
    alternative that can match the empty string, or one that does not parse alone."""
    if _parser is None:
        return None
    found: tuple[tuple[str, int, str], ...] | None = remembered(
        "alternatives", source, flags, lambda: _alternatives(source, flags))
    return found


def _alternatives(source: str, flags: int) -> tuple[tuple[str, int, str], ...] | None:
    if _GROUP_REFERENCE.search(source) or _GLOBAL_FLAGS.match(source):
        return None
    parts = top_level_split(source)
    if parts is None:
        return None
    out: list[tuple[str, int, str]] = []
    for part in parts:
        try:
            parsed = _parse(part, flags)
        except Exception:  # an optimisation, never an error
            return None
        if parsed.getwidth()[0] == 0:
            return None
        items = list(parsed.data)
        multiline = (flags | parsed.state.flags) & re.MULTILINE
        if (items and items[0][0] is _c.AT and not multiline
                and items[0][1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)):
            out.append((part, AT_START, ""))
            continue
        first = _first(items, bool(parsed.state.flags & re.IGNORECASE))
        if first is None or first[1] or first[2]:
            out.append((part, ANY, ""))
        else:
            out.append((part, CHARS, "".join(sorted(first[0]))))
    return tuple(out)


def top_level_split(source: str) -> list[str] | None:
    """``source`` cut at each ``|`` outside groups and sets (escapes skipped); None when its
    parentheses do not balance."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in _structure(source):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            parts.append(source[start:i])
            start = i + 1
    if depth:
        return None
    parts.append(source[start:])
    return parts
