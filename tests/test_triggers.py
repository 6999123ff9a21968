"""Which scanned rules a text may fire (attribution/rules.py ``Triggers``): the words inside
each token found by walking a trie, as looking every word up in it would find them."""

from __future__ import annotations

from verifier.analysis.attribution.rules import Triggers, rules


def brute_force(words: dict[str, set[int]], token: str) -> frozenset[int]:
    return frozenset(i for word, ids in words.items() if " " not in word and word in token
                     for i in ids)


def test_every_word_inside_a_token_fires_its_rules() -> None:
    words = {"in": {0}, "interview": {1}, "view": {2, 5}, "said": {3}, "in a statement": {4}}
    triggers = Triggers(words)
    assert triggers._inside("interviews") == frozenset({0, 1, 2, 5})
    assert triggers._inside("reviewing") == frozenset({0, 2, 5})
    assert triggers._inside("unsaid") == frozenset({3})
    assert triggers._inside("xyz") == frozenset()
    assert triggers._inside("") == frozenset()
    hits = triggers.hits("she said in a statement")
    assert Triggers.fired(hits) == frozenset({0, 3, 4})


def test_the_packaged_words_as_looked_up_one_by_one() -> None:
    triggers = rules().triggers
    for token in ("interviewed", "spokeswoman", "reportedly", "acknowledged", "said",
                  "don't", "re-election", "x", "according", "unconfirmed"):
        assert triggers._inside(token) == brute_force(triggers.words, token), token
