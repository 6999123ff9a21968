r"""How many runs of white space a match can cross before it reaches one of its rule's words.

A scanned rule is tried only near the words every match of it holds (its trigger words, read
from the pattern by ``regex_gate``). ``word_reach(source, flags, words)`` reads from the
pattern itself how far before such a word a match can start: the largest number of runs of
white space (``\s``) a match crosses from its first character to where an occurrence of one
of ``words`` starts, over every way the pattern can match, taking on each way the first
occurrence its literal characters spell. ``(?:the\s+)?(?:ministry|office)\s+said`` with the
word ``said`` reaches it across at most 2 runs ("the ministry said"); ``[^.]*\bsaid`` has no
bound (None): ``[^.]`` matches white space and the rest alike, any number of times.

Each character the pattern matches counts as any character its set allows (white space or
not), so the number is an upper bound. Zero-width parts (anchors, look-arounds) match no
character. An occurrence is found only in runs of literal characters of parts that do not
fold case (a case-insensitive match may spell a word with other characters, "ſ" for "s");
a repeat of at most
``_UNROLL`` is unrolled (an occurrence inside it found), a longer or unbounded one counted by
the runs it can add (None when they have no bound). A backreference, a conditional or a
pattern too large to walk (``_BUDGET`` steps) gives None: no bound known.

May import what ``verifier.rules`` may.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from verifier.rules.patterncache import remembered

try:  # the regex compiler's parser; without it no bound is read
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - other Python versions
    _parser = _c = None

#: Character kinds: white space (``\s``) or not.
_Kind = bool
_ALL_KINDS: frozenset[_Kind] = frozenset({True, False})
#: The state before a character: the previous one is white space, or not.
_SPACE, _OTHER = 0, 1
_INF = float("inf")
_NONE = float("-inf")
#: A repeat of at most this many times is unrolled (so an occurrence inside it is found).
_UNROLL = 4
#: Steps of the walk at most; beyond, no bound.
_BUDGET = 200_000

_Matrix = tuple[tuple[float, float], tuple[float, float]]
#: A node of the pattern's tree with whether its literals fold case.
_Node = tuple[Any, Any, bool]


class _Unknown(Exception):
    """The pattern holds what the walk does not read, or is too large to walk."""


def word_reach(source: str, flags: int, words: Iterable[str]) -> int | None:
    """The largest number of runs of white space before the first of ``words`` in any match
    of ``source``, or None when not known."""
    if _parser is None:
        return None
    chosen = tuple(sorted(set(words)))
    if not chosen or any(not word for word in chosen):
        return None
    key = source + "\x00" + "\x00".join(chosen)
    found: int | None = remembered("white_space_reach", key, flags,
                                   lambda: _reach(source, flags, chosen))
    return found


def _reach(source: str, flags: int, words: tuple[str, ...]) -> int | None:
    try:
        parsed = _parser.parse(source, flags)
    except Exception:  # an optimisation, never an error
        return None
    fold = bool(parsed.state.flags & re.IGNORECASE)
    walk = _Walk(words)
    try:
        found = walk.run(_nodes(parsed.data, fold), 0, None, _OTHER, "")
    except (_Unknown, RecursionError):
        return None
    return None if found is None or found == _INF else int(found)


def _nodes(items: Iterable[Any], fold: bool) -> tuple[_Node, ...]:
    return tuple((op, av, fold) for op, av in items)


def _char_kind(char: str) -> _Kind:
    return char.isspace()  # what ``\s`` matches in a str pattern


def _literal_kinds(code: int, fold: bool) -> frozenset[_Kind]:
    char = chr(code)
    chars = {char, char.lower(), char.upper()} if fold else {char}
    return frozenset(_char_kind(c) for c in chars)


def _set_kinds(av: Any, fold: bool) -> frozenset[_Kind]:
    """The kinds of character a set (``[...]``) can match; every kind when not read."""
    kinds: set[_Kind] = set()
    for op, value in av:
        if op is _c.NEGATE:
            return frozenset({False}) if all(
                o is _c.NEGATE or (o is _c.CATEGORY and v is _c.CATEGORY_SPACE)
                for o, v in av) else _ALL_KINDS
        if op is _c.LITERAL:
            kinds |= _literal_kinds(value, fold)
        elif op is _c.RANGE and value[1] - value[0] < 512:
            for code in range(value[0], value[1] + 1):
                kinds |= _literal_kinds(code, fold)
        elif op is _c.CATEGORY and value in (_c.CATEGORY_WORD, _c.CATEGORY_DIGIT,
                                                 _c.CATEGORY_NOT_SPACE):
            kinds.add(False)
        elif op is _c.CATEGORY and value is _c.CATEGORY_SPACE:
            kinds.add(True)
        else:
            return _ALL_KINDS
    return frozenset(kinds)


def _char_node_kinds(node: _Node) -> frozenset[_Kind] | None:
    """The kinds of the one character a node matches, or None when it is no one character."""
    op, av, fold = node
    if op is _c.LITERAL:
        return _literal_kinds(av, fold)
    if op is _c.IN:
        return _set_kinds(av, fold)
    if op in (_c.ANY, _c.NOT_LITERAL):
        return _ALL_KINDS
    return None


def _char_matrix(kinds: frozenset[_Kind]) -> _Matrix:
    """Runs one character opens, from the previous character's state to its own."""
    rows = []
    for before in (_SPACE, _OTHER):
        row = [_NONE, _NONE]
        for space in kinds:
            after = _SPACE if space else _OTHER
            row[after] = max(row[after], 1.0 if space and before == _OTHER else 0.0)
        rows.append((row[0], row[1]))
    return (rows[0], rows[1])


_IDENTITY: _Matrix = ((0.0, _NONE), (_NONE, 0.0))


def _times(a: _Matrix, b: _Matrix) -> _Matrix:
    """Max-plus product: a then b."""
    return tuple(tuple(max(a[i][k] + b[k][j] if a[i][k] != _NONE and b[k][j] != _NONE
                           else _NONE for k in range(2)) for j in range(2))
                 for i in range(2))  # type: ignore[return-value]


def _plus(a: _Matrix, b: _Matrix) -> _Matrix:
    return tuple(tuple(max(a[i][j], b[i][j]) for j in range(2))
                 for i in range(2))  # type: ignore[return-value]


def _star(m: _Matrix) -> _Matrix:
    """Any number of times (zero included); a count that grows each time has no bound."""
    total = _IDENTITY
    power = _IDENTITY
    for _ in range(3):
        power = _times(power, m)
        total = _plus(total, power)
    grown = _plus(total, _times(power, m))
    return tuple(tuple(_INF if grown[i][j] > total[i][j] else total[i][j] for j in range(2))
                 for i in range(2))  # type: ignore[return-value]


def _matrix(nodes: Sequence[_Node]) -> _Matrix:
    """What a sequence adds to the count of runs, by the state before and after."""
    total = _IDENTITY
    for node in nodes:
        total = _times(total, _node_matrix(node))
    return total


def _node_matrix(node: _Node) -> _Matrix:
    op, av, fold = node
    kinds = _char_node_kinds(node)
    if kinds is not None:
        return _char_matrix(kinds)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _IDENTITY
    if op is _c.BRANCH:
        total: _Matrix = ((_NONE, _NONE), (_NONE, _NONE))
        for alternative in av[1]:
            total = _plus(total, _matrix(_nodes(alternative, fold)))
        return total
    if op is _c.SUBPATTERN:
        return _matrix(_subpattern(av, fold))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _matrix(_nodes(av, fold))
    if op in _REPEATS:
        low, high, sub = av
        body = _matrix(_nodes(sub, fold))
        total = _IDENTITY
        for _ in range(min(low, 64)):
            total = _times(total, body)
        if high - low > 64:
            return _times(total, _star(body))
        once = _plus(_IDENTITY, body)
        for _ in range(high - low):
            total = _times(total, once)
        return total
    raise _Unknown(op)


def _subpattern_fold(av: Any, fold: bool) -> bool:
    _, add, remove, _ = av
    return (fold or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE


def _subpattern(av: Any, fold: bool) -> tuple[_Node, ...]:
    return _nodes(av[3], _subpattern_fold(av, fold))


_REPEATS = tuple(op for op in (getattr(_c, "MAX_REPEAT", None), getattr(_c, "MIN_REPEAT", None),
                               getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


class _Walk:
    """Every way through a pattern, each until its first occurrence of a word; what the rest
    of a way gives is remembered by where it is (node, the ways it returns to, the state of
    the character before, the literal characters that may begin a word)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.prefixes = frozenset(w[:size] for w in words for size in range(1, len(w)))
        self.steps = 0
        self.memo: dict[Any, float | None] = {}
        self.seqs: dict[tuple[int, Any, bool], tuple[_Node, ...]] = {}
        self.kept: list[Any] = []  # the sequences made here, alive while their ids are keys

    def seq(self, items: Any, fold: bool) -> tuple[_Node, ...]:
        key = (id(items), None, fold)
        found = self.seqs.get(key)
        if found is None:
            found = self.seqs[key] = _nodes(items, fold)
            self.kept.append(items)
        return found

    def run(self, nodes: tuple[_Node, ...], at: int, then: Any, state: int,
            tail: str) -> float | None:
        """The largest count of runs, from here to the start of the first occurrence
        of a word, over the ways on from ``nodes[at]`` (and then ``then``: the sequences
        to return to); None when a way holds no occurrence. ``tail``: the literal characters
        just before that may begin a word."""
        while at == len(nodes):
            if then is None:
                return None
            nodes, at, then, _ = then
        key = (id(nodes), at, None if then is None else then[3], state, tail)
        if key in self.memo:
            return self.memo[key]
        self.steps += 1
        if self.steps > _BUDGET:
            raise _Unknown("budget")
        found = self.memo[key] = self._step(nodes, at, then, state, tail)
        return found

    def _step(self, nodes: tuple[_Node, ...], at: int, then: Any, state: int,
              tail: str) -> float | None:
        node = nodes[at]
        op, av, fold = node
        if op is _c.LITERAL and not fold:
            char = chr(av)
            space = _char_kind(char)
            added = 1 if space and state == _OTHER else 0
            text = tail + char
            hit = [len(text) - len(w) for w in self.words if text.endswith(w)]
            if hit:
                return added - _starts_after(text, min(hit))
            while text and text not in self.prefixes:
                text = text[1:]
            return self._plus(added, self.run(nodes, at + 1, then,
                                              _SPACE if space else _OTHER, text))
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return self.run(nodes, at + 1, then, state, tail)
        back = (nodes, at + 1, then, (id(nodes), at + 1, None if then is None else then[3]))
        if op is _c.BRANCH:
            return self._most(self.run(self.seq(alternative, fold), 0, back, state, tail)
                              for alternative in av[1])
        if op is _c.SUBPATTERN:
            return self.run(self.seq(av[3], _subpattern_fold(av, fold)), 0, back, state, tail)
        if op is getattr(_c, "ATOMIC_GROUP", None):
            return self.run(self.seq(av, fold), 0, back, state, tail)
        if op in _REPEATS:
            low, high, sub = av
            if high <= _UNROLL:
                body = self.seq(sub, fold)
                ways = []
                for times in range(low, high + 1):
                    key = (id(sub), times, fold)
                    unrolled = self.seqs.get(key)
                    if unrolled is None:
                        unrolled = self.seqs[key] = body * times
                    ways.append(self.run(unrolled, 0, back, state, tail))
                return self._most(iter(ways))
            return self._after(_node_matrix(node), back, state)
        kinds = _char_node_kinds(node)
        if kinds is None:
            raise _Unknown(op)
        return self._after(_char_matrix(kinds), back, state)

    def _after(self, matrix: _Matrix, back: Any, state: int) -> float | None:
        """The ways on after a part read only for its count (no literal run goes through)."""
        ways = []
        for after in (_SPACE, _OTHER):
            added = matrix[state][after]
            if added == _NONE:
                continue
            if added == _INF:
                return _INF
            ways.append(self._plus(added, self.run(back[0], back[1], back[2], after, "")))
        return self._most(iter(ways))

    @staticmethod
    def _plus(added: float, found: float | None) -> float | None:
        return None if found is None else added + found

    @staticmethod
    def _most(found: Iterable[float | None]) -> float | None:
        best: float = _NONE
        for value in found:
            if value is None:
                return None
            best = max(best, value)
        return None if best == _NONE else best


def _starts_after(text: str, at: int) -> int:
    """The runs of white space ``text`` opens after position ``at``."""
    return sum(1 for i in range(at + 1, len(text))
               if text[i].isspace() and not text[i - 1].isspace())
