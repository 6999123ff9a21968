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
