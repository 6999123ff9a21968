"""``stories.terms.pack``: the stored form of a counter of terms, the same string as the plain
definition (sorted terms, ``*count`` when not 1, counts below 1 left out)."""

from __future__ import annotations

import random
from collections import Counter

from verifier.stories.terms import pack, unpack


def _plain(terms: Counter[str]) -> str:
    return " ".join(t if c == 1 else f"{t}*{c}" for t, c in sorted(terms.items()) if c > 0)


def test_pack_is_the_plain_definition() -> None:
    generator = random.Random(11)
    for size in (0, 1, 2, 7, 40, 300):
        for with_zero in (False, True):
            terms: Counter[str] = Counter()
            for _ in range(size):
                word = "".join(generator.choice("abcdez") for _ in range(generator.randint(1, 6)))
                terms[generator.choice(("N:", "W:")) + word] += generator.choice((1, 1, 2, 9))
            if with_zero and terms:
                terms[next(iter(terms))] = 0
                terms["W:gone"] = -2
            assert pack(terms) == _plain(terms)
            assert unpack(pack(terms)) == +terms


def test_pack_examples() -> None:
    assert pack(Counter({"W:visit": 1, "N:seoul": 2})) == "N:seoul*2 W:visit"
    assert pack(Counter()) == ""
    assert pack(Counter({"W:a": 0})) == ""
