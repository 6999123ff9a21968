"""``verifier.rules.reach``: how many runs of white space a match crosses before its rule's
words, read from the pattern; and the cue scan's windows narrowed by it finding every match
the 13-word windows find."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from verifier.analysis.attribution.rules import rules
from verifier.rules.reach import word_reach


def _runs_before_first(text: str, words: tuple[str, ...]) -> int | None:
    """Runs of white space in ``text`` before the first occurrence of one of ``words``."""
    places = [text.find(w) for w in words if w in text]
    if not places:
        return None
    first = min(places)
    return len(re.findall(r"(?<!\s)\s", text[:first]))


@pytest.mark.parametrize(("pattern", "words", "expected"), [
    (r"said", ("said",), 0),
    (r"the\s+minister\s+said", ("said",), 2),
    (r"(?:the\s+)?(?:ministry|office)\s+said", ("said",), 2),
    (r"according\s+to", ("according",), 0),
    (r"according\s+to", ("to",), 1),
    (r"sa(?:id|ys)", ("said", "says"), 0),  # a word spelled across a branch
    (r"(?:[\w'’-]+\s+){0,2}?(?:report|story)", ("report", "story"), 2),
    (r"no\s+(?:[\w-]+\s+){0,5}?been", ("been",), 6),
    (r"told\s+\w+|\w+\s+\w+\s+told", ("told",), 2),
    (r"[^.]*said", ("said",), None),  # white space any number of times
    (r"(?:\s+very)*\s+said", ("said",), None),
    (r"(?:very\s+)*said", ("said",), None),
    (r"it\s+(?:is|was)\W*said", ("said",), None),
    (r"(a)\s+\1\s+said", ("said",), None),  # a backreference: not read
    (r"(?:[\w-]+){1,9}\s+said", ("said",), 1),  # a long repeat with no white space
    (r"x\s+(?=\s+said)said", ("said",), 1),  # a look-ahead matches no character
    (r"(?i:Said)", ("said",), None),  # a part folding case spells no word
])
def test_bound_read_from_the_pattern(pattern: str, words: tuple[str, ...],
                                     expected: int | None) -> None:
    assert word_reach(pattern, 0, words) == expected


def test_no_words_no_bound() -> None:
    assert word_reach("said", 0, ()) is None


@pytest.mark.parametrize("pattern", [
    r"(?:the\s+)?(?:ministry|office)\s+said",
    r"(?:[\w'’-]+\s+){0,2}?(?:report|story)\s+(?:said|says)",
    r"no\s+(?:[\w-]+\s+){0,3}?(?:has|had)\s+been",
    r"(?:told|tells)\s+(?:the\s+)?(?:\w+\s+)?paper|paper\s+(?:\w+\s+){0,2}told",
])
def test_bound_holds_for_every_match(pattern: str) -> None:
    """Every match of the pattern over random texts made of its own words reaches the first
    occurrence of a word within the bound read."""
    compiled = re.compile(pattern)
    words = ("said", "says", "report", "story", "been", "told", "paper")
    present = tuple(w for w in words if w in pattern)
    bound = word_reach(pattern, 0, present)
    assert bound is not None
    vocabulary = ["the", "ministry", "office", "said", "says", "report", "story", "no",
                  "has", "had", "been", "told", "tells", "paper", "it's", "a", "-"]
    spaces = [" ", "  ", "\n", " \t "]
    generator = random.Random(7)
    found = 0
    for _ in range(3000):
        size = generator.randint(1, 9)
        text = "".join(itertools.chain.from_iterable(
            (generator.choice(vocabulary), generator.choice(spaces)) for _ in range(size)))
        for start in range(len(text)):
            match = compiled.match(text, start)
            if match is None:
                continue
            found += 1
            runs = _runs_before_first(match.group(), present)
            assert runs is not None and runs <= bound, (pattern, match.group())
    assert found > 10


def test_packaged_cues_read() -> None:
    """Most packaged cue rules have a bound (the scan tries them only near their words)."""
    cues = rules().cues
    bounded = [cue for cue in cues if cue.reach is not None]
    assert len(bounded) > len(cues) // 2


def _windows_matches(sentence: str, narrow: bool) -> set[tuple[int, int, int]]:
    """The cue matches the scan's windows find in ``sentence``, with or without the bounds."""
    from bisect import bisect_left, bisect_right

    from verifier.analysis.attribution import plan

    lexicon = rules()
    low = sentence.lower()
    starts = [m.start() for m in plan._WORD_START.finditer(low)]
    spaces = [m.end() for m in re.finditer(r"\s+", low)]
    found: set[tuple[int, int, int]] = set()
    for position, indices in lexicon.triggers.hits(low):
        last = bisect_right(starts, position)
        first = max(0, last - plan._REACH)
        runs = bisect_right(spaces, position)
        for index in indices:
            cue = lexicon.cues[index]
            start = first
            if narrow and cue.reach is not None and runs > cue.reach:
                start = max(first, bisect_left(starts, spaces[runs - cue.reach - 1]))
            for at in starts[start:last]:
                match = cue.pattern.match(low, at)
                if match is not None:
                    found.add((index, *match.span()))
    return found


@pytest.mark.parametrize("sentence", [
    "The ministry said on Tuesday that the talks had failed.",
    "According to two officials familiar with the plan, the deal is off.",
    "No date for the vote has yet been officially confirmed by the council.",
    '"We will not resign," the minister told reporters in a brief interview.',
    "The club declined to comment on the reports, which appeared in a local paper.",
    "Speculation over the coach's future has been rife in the local press for weeks.",
    "In view of the findings, the board has denied any wrongdoing, a statement said.",
    "The mayor, speaking to the Courier in an interview, dismissed the claims as false.",
])
def test_narrowed_windows_find_the_same_matches(sentence: str) -> None:
    assert _windows_matches(sentence, narrow=True) == _windows_matches(sentence, narrow=False)
