"""A bounded memo: a dict that remembers what a pure function gave, emptied when full.

Hot paths (the analyser's speaker readings and learned proposals, scoring's pattern gates)
remember results by key in a plain dict; when it reaches its limit it is emptied rather than
trimmed (no bookkeeping per look-up, and results never depend on what is remembered).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, TypeVarTuple, Unpack

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
A = TypeVarTuple("A")


def remembered(
    memo: dict[K, V], key: K, limit: int, make: Callable[[Unpack[A]], V], *args: *A
) -> V:
    """``memo[key]``, or ``make(*args)`` kept under ``key`` (the memo emptied first when it
    holds ``limit`` entries)."""
    try:
        return memo[key]
    except KeyError:
        pass
    if len(memo) >= limit:
        memo.clear()
    found = memo[key] = make(*args)
    return found
