"""Property tests: the analyser never raises and its offsets always hold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.analysis.analyse import analyse_text
from verifier.analysis.segment import segment

NEWSY = st.lists(
    st.sampled_from([
        "U.S.", "Gen.", "Jan. 5", "said", "\n", "\r\n", " ", ".", ". ", "?", '"', "“", "”",
        "![]() |", "|", "/ Yonhap", "(AP Photo/X)", "may", "would", "could not", "is expected",
        "according to", "the official", "declined to comment", "Reuters", "By Ann Lee", "(END)",
        "a figure that is expected to", ", who may", "and may", "In May", "22:41", "Mr.", "1.5",
        "Finance Minister Ana Ruiz", "Ruiz", "Ana Ruiz, Deputy Speaker of the House,", "she",
        "(Special Functions)", "will step down as captain", "The club's chairman told",
    ]),
    max_size=40,
).map("".join)
TEXT = st.one_of(st.text(max_size=300), NEWSY)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_analyse_never_raises_and_offsets_hold(text: str) -> None:
    result = analyse_text(text)
    previous_end = 0
    for index, s in enumerate(result.sentences):
        assert s.index == index
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= previous_end
        previous_end = s.end
        assert text[s.start : s.end] == s.text
        spans = []
        if s.certainty is not None and s.certainty.cue is not None:
            spans.append(s.certainty.cue)
            assert s.start <= s.certainty.cue.start < s.certainty.cue.end <= s.end
        for a in s.attributions:
            spans.extend([a.source, a.cue])
            if a.evidence is not None:  # the words elsewhere that showed the kind
                spans.append(a.evidence)
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
        if not s.claim:
            assert s.certainty is None and s.attributions == ()


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_segments_are_stripped_and_non_empty(text: str) -> None:
    for s in segment(text):
        assert s.text == s.text.strip()
        assert any(c.isalnum() for c in s.text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab_-'é9²Ⅷ ", max_size=12), st.sampled_from(["a", "ab", "a-b", "ba"]))
def test_starts_a_word_finds_what_a_word_boundary_pattern_finds(text: str, word: str) -> None:
    import re

    from verifier.scoring.terms import _starts_a_word

    assert _starts_a_word(word, text) == bool(re.search(rf"\b{re.escape(word)}", text))
