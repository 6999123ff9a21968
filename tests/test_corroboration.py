"""Near-duplicate detection (MinHash) groups copies of one text."""

from __future__ import annotations

from verifier.scoring.corroboration import near_duplicate_groups, shingles

WIRE = (
    "The central bank kept its policy rate unchanged on Thursday, saying inflation "
    "remained above target while growth slowed in the second quarter, officials said. "
    "The decision was expected by most economists polled before the meeting."
)


def test_copies_share_a_group_and_different_texts_do_not() -> None:
    copy = WIRE.replace("Thursday", "Thursday afternoon")
    other = "A storm closed the port for two days and flights were cancelled across the region."
    groups = near_duplicate_groups({1: WIRE, 2: copy, 3: other})
    assert groups[1] == groups[2] == 1
    assert groups[3] == 3


def test_shingles_are_word_ngrams() -> None:
    assert shingles("a b c", 5) == {"a b c"}
    assert len(shingles("one two three four five six", 5)) == 2
