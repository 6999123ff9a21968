"""Speakers that hold more than one sentence: transcript turns, quotations tagged at their end,
quotations in mixed or single quotation marks (sentences written for these tests)."""

from __future__ import annotations

from verifier.analysis.analyse import analyse_text


def _kinds(text: str) -> list[tuple[str, ...]]:
    return [s.kinds for s in analyse_text(text).sentences]


def test_a_transcript_speaker_holds_the_turn_until_the_next_label() -> None:
    text = (
        "MS LUND: Good afternoon.\n"
        "MS LUND: The talks will resume on Monday. We expect a deal by June.\n"
        "QUESTION: Will the minister attend?\n"
        "The talks are over."
    )
    sentences = analyse_text(text).sentences
    assert not sentences[0].claim  # a greeting is not a claim, but it opens the turn
    assert sentences[1].kinds == ("official",)
    assert sentences[2].kinds == ("official",)
    assert sentences[2].attributions[0].source.text == "MS LUND"
    assert sentences[-1].kinds == ()  # the questioner's label ended the turn


def test_a_quotation_tagged_at_its_end_is_the_speakers_throughout() -> None:
    kinds = _kinds(
        'The talks stalled. "No deal was signed. Talks ended in May," the minister said.'
    )
    assert kinds == [(), ("denied",), ("denied",)]
    kinds = _kinds('"We will win. The voters are with us," said Mayor Ann Cole.')
    assert kinds == [("official",), ("official",)]


def test_mixed_and_single_quotation_marks_close_a_quotation() -> None:
    assert _kinds('"I have no answer to your question,” the coach said.') == [("declined",)]
    assert _kinds("'We will win,' said Mayor Ann Cole.") == [("official",)]


def test_a_headline_label_names_the_speaker_but_a_section_label_does_not() -> None:
    assert _kinds("Mayor: bridge will reopen in May\n\nThe bridge closed in March.")[0] == (
        "official",
    )
    assert _kinds("Analysis: the bridge may reopen in May\n\nIt closed in March.")[0] == ()


def test_an_office_given_once_applies_to_later_mentions() -> None:
    kinds = _kinds(
        "The Environment Minister, Tony Burke, says he is optimistic. "
        "Burke says he will not send the documents."
    )
    assert kinds == [("official",), ("official",)]
