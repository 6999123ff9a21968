"""Sentence segmentation: the golden table in segment.yaml and offsets into the original."""

from __future__ import annotations

import pytest

from verifier.analysis.segment import segment
from verifier.rules.lexicon import load_data

EXAMPLES = load_data("segment")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_golden_table(example: dict[str, object]) -> None:
    text = str(example["text"])
    assert [s.text for s in segment(text)] == example["sentences"]


def test_offsets_point_into_the_original() -> None:
    text = "  Talks resume.\r\n\r\n![]() |\nA ship leaves Busan. / Yonhap |  \n(END)"
    sentences = segment(text)
    expected = ["Talks resume.", "A ship leaves Busan. / Yonhap", "(END)"]
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_each_line_is_a_unit() -> None:
    text = "Kim-Xi summit bodes well\nBy Lee Min-hyung\nNorth Korean leader Kim Jong-un"
    assert len(segment(text)) == 3


def test_quotation_ending_a_sentence() -> None:
    text = 'He said: "No comment." The ministry did not respond.'
    expected = ['He said: "No comment."', "The ministry did not respond."]
    assert [s.text for s in segment(text)] == expected


def test_curly_quotes_and_attribution_after_quote() -> None:
    text = "“We expect the deal to close,” Bae said. “It is a base for us.”"
    expected = ["“We expect the deal to close,” Bae said.", "“It is a base for us.”"]
    assert [s.text for s in segment(text)] == expected


def test_dateline_stays_with_its_sentence() -> None:
    text = "WASHINGTON, Jan. 5 (AP) — The White House declined to comment. Officials left."
    first = segment(text)[0].text
    assert first.startswith("WASHINGTON, Jan. 5 (AP) — The White")
    assert first.endswith("comment.")


def test_empty_and_residue_only() -> None:
    assert segment("") == []
    assert segment(" \n | \n![]() |\n") == []


def test_an_over_long_run_is_cut_at_white_space_within_the_limit() -> None:
    from verifier.analysis.segment import _rules

    limit = _rules().max_chars
    text = "alpha beta gamma " * 40_000  # 680 000 characters, no punctuation, one line
    sentences = segment(text)
    assert len(sentences) > len(text) // limit
    assert all(len(s.text) <= limit for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert all(not s.text[0].isspace() and not s.text[-1].isspace() for s in sentences)
    # nothing lost: the pieces hold every word, in order
    assert " ".join(s.text for s in sentences).split() == text.split()


def test_a_long_token_without_white_space_is_cut_hard() -> None:
    from verifier.analysis.segment import _rules

    limit = _rules().max_chars
    text = "x" * (limit * 3 + 7)
    assert [len(s.text) for s in segment(text)] == [limit, limit, limit, 7]


def test_many_glued_dots_in_a_long_token_stay_one_run() -> None:
    text = "a.Bc" * 200_000  # no white space: no sentence boundary, only cuts at the limit
    sentences = segment(text)
    assert "".join(s.text for s in sentences) == text


def test_glued_full_stop_splits_only_before_a_capitalised_word() -> None:
    text = (
        "The deal was done.On Monday the board met. Prices rose 3.5 percent. "
        "Visit Example.com now."
    )
    assert [s.text for s in segment(text)] == [
        "The deal was done.", "On Monday the board met.", "Prices rose 3.5 percent.",
        "Visit Example.com now.",
    ]


def test_a_quote_closed_by_a_tag_keeps_its_full_stops_only_when_it_opens_inside() -> None:
    inside = 'One post read: "The mayor has fled. The army rules," wrote a user.'
    assert [s.text for s in segment(inside)] == [inside]
    opening = '"The mayor has fled. The army rules," wrote a user.'
    assert len(segment(opening)) == 2


def test_unknown_field_in_segment_lexicon_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from verifier.analysis import segment as module
    from verifier.errors import ConfigError

    data = dict(load_data("segment"))
    data["max_char"] = 10
    monkeypatch.setattr(module, "load_data", lambda name: data)
    module._rules.cache_clear()
    try:
        with pytest.raises(ConfigError, match="unknown field 'max_char'"):
            module._rules()
        data.pop("max_char")
        data["max_chars"] = 3
        with pytest.raises(ConfigError, match="max_chars"):
            module._rules()
    finally:
        module._rules.cache_clear()
