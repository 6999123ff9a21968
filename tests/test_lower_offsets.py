"""``rules.lower``: ASCII capitals lower-cased and ’ ‘ read as ', every other character kept,
so offsets hold; outside ASCII through UTF-8 bytes, the same as ``str.translate``."""

from __future__ import annotations

import pytest

from verifier.analysis.attribution.rules import _LOWER, lower

TEXTS = [
    "",
    "The Minister SAID: “No comment.”",
    "İstanbul’s mayor ‘denied’ it — ÀÉÎ ÕÜ ß ẞ ǅ Ǆ ΑΒΓ Ω ＡＢＣ",
    "Emoji 😀 and A\u0301 combining, TAB\tNEWLINE\n",
    "a lone surrogate \ud800 between CAPITALS",
    "Müller, O’Brien and D’Souza told ČTK",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lower_is_the_translation_and_keeps_offsets(text: str) -> None:
    assert lower(text) == text.translate(_LOWER)
    assert len(lower(text)) == len(text)
