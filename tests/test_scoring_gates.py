"""Scoring's phrase patterns are run only on texts their gate admits (``corroboration.searched``,
``RumourWords.search``, ``terms.found_outside``): the answers are those of running every
pattern on every text. Invented sentences."""

from __future__ import annotations

import random
import re

from verifier.scoring import corroboration
from verifier.scoring.terms import RumourWords, found_outside, phrase_pattern

WORDS = ("not", "no", "never", "denied", "rumour", "rumours", "unconfirmed", "wasn't", "wasn’t",
         "has", "been", "confirmed", "officials", "said", "the", "bridge", "Rumour", "NOT",
         "No", "unverified", "claims", "it", "was", "true", "no-one", "Ünconfirmed", "reports")


def _texts(count: int) -> list[str]:
    rng = random.Random(18)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 9))) + rng.choice(".!?")
            for _ in range(count)]


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def test_gated_searches_answer_as_the_patterns_do() -> None:
    negation = phrase_pattern(("not", "no", "never", "wasn't"))
    confirmed = phrase_pattern(("has been confirmed",))
    rumour = RumourWords(phrase_pattern(("rumour", "rumours", "unconfirmed reports")), confirmed)
    affirming = phrase_pattern(("no-one denied", "not only"))
    for text in _texts(3000):
        corroboration.clear_searches()
        assert _span(corroboration.searched(negation, text)) == _span(negation.search(text))
        words = rumour.words.search(text)
        expected = None if words is None or confirmed.search(text) else words
        assert _span(rumour.search(text)) == _span(expected), text
        blanked = affirming.sub(lambda m: " " * len(m.group(0)), text)
        assert _span(found_outside(text, negation, affirming)) == _span(negation.search(blanked))


def test_a_text_without_the_patterns_words_is_not_searched() -> None:
    negation = phrase_pattern(("not", "never"))
    assert not corroboration.pattern_gate(negation).admits("The bridge opened on Monday.")
    assert corroboration.searched(negation, "The bridge opened on Monday.") is None
    assert corroboration.searched(negation, "It did NOT open.") is not None
    # a text the gate cannot read (not ASCII, case-blind words) is searched as before
    assert corroboration.pattern_gate(negation).admits("Ünder the bridge")
    assert found_outside("It is nöt open, never.", negation, re.compile("never")) is None
