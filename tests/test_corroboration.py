"""Near-duplicate detection (MinHash) groups copies of one text."""

from __future__ import annotations

import pytest

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


def test_signature_is_the_minhash_of_the_shingle_set() -> None:
    """``signature`` hashes slices of the joined words (repeats included) instead of the
    set of shingles: the same minima, on cased, non-ASCII and repetitive text alike."""
    from zlib import crc32

    import numpy as np

    from verifier.scoring.signatures import _permutations, signature

    def by_set(text: str) -> bytes | None:
        grams = shingles(text)
        if not grams:
            return None
        hashes = np.array([crc32(g.encode("utf-8")) for g in grams], dtype=np.uint64)
        a, b = _permutations()
        values = hashes.reshape(-1, 1) * a + b
        return bytes((values.min(axis=0) >> np.uint64(32)).astype("<u4").tobytes())

    texts = [
        WIRE, WIRE + " " + WIRE, "", "...", "One two", "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ ΑΣ ΌΣΟΣ ΕΙΣ ΣΑΣ ΣΑΣ",
        "İstanbul İzmir ŉ ﬀ Straße STRASSE ǅ ǈ, and the da\u0307ta said so", "a a a a a a a a",
    ]
    for text in texts:
        assert signature(text) == by_set(text), text


def test_a_long_texts_signature_is_hashed_in_blocks_with_the_same_minima(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text's shingles are hashed a block at a time (its whole matrix would take
    hundreds of megabytes): the same signature as one block of all of them."""
    from verifier.scoring import signatures

    text = " ".join(f"{WIRE} Paragraph {n} of the long transcript." for n in range(40))
    whole = signatures.signature(text)
    for block in (1, 7, 64, 1000):
        monkeypatch.setattr(signatures, "_BLOCK", block)
        assert signatures.signature(text) == whole
