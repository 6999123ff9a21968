"""Quotation tags set in other typographies (session 25): a straight closing mark with no
comma before its tag, a dash between a quotation's close and its inverted tag."""

from __future__ import annotations

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution.source_words import closing_mark


def _kinds(text: str) -> list[list[str]]:
    return [sorted(s.kinds) for s in analyse_text(text).sentences]


def test_a_straight_mark_after_a_word_and_before_its_tag_closes_the_quotation() -> None:
    words = 'The state shall pay for it" said the minister.'
    assert closing_mark(words) == words.index('"')
    # an opening mark after a space, or a mark between two words, closes nothing
    assert closing_mark('He called the plan "reckless" and left.') == -1
    assert closing_mark('The 12" pipe burst.') == -1


def test_a_quotation_over_sentences_tagged_with_no_comma_is_the_tag_s() -> None:
    text = ('"The bridge will reopen in May. Residents will not pay more. The state shall '
            'pay for it" said the minister.')
    assert _kinds(text) == [["official"], ["official"], ["official"]]


def test_a_dash_between_the_close_and_the_tag_is_no_part_of_the_tag() -> None:
    text = ('“The bridge will reopen in May. Residents will not pay more”, - concluded the '
            'head of the government.')
    assert _kinds(text) == [["official"], ["official"]]
    said = '“The bridge will reopen in May”, - said the mayor.'
    assert _kinds(said) == [["official"]]
