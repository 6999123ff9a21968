"""Refusals and the recipients of statements in other words (sentences written for these
tests)."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Daily Courier could not independently verify the figures.", ("declined",)),
        ("The minister was tonight non-committal on whether he would resign.", ("declined",)),
        ("Minister non-committal on sacking", ("declined",)),
        ('A spokeswoman said: "We won\'t go into specific cases."', ("declined",)),
        # a refusal, then the speaker's own words after "but"
        ('A spokeswoman said: "We won\'t go into specific cases but if data was lost we will '
         'act."', ("declined", "unnamed_official")),
        ("Investigators have otherwise not disclosed details of the cause.", ("declined",)),
        # the outlet a statement went to is media, the party speaks for itself
        ("In a statement to the Daily Courier, the club said the coach would stay.",
         ("media", "official")),
        # a scare-quoted verb is still the party's denial
        ("The ministry “categorically rejected” a foreign media report on the talks.",
         ("denied", "media")),
        # asking someone to deny is not denying
        ("The president asked the two directors to deny the report.", ()),
    ],
)
def test_refusals(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_back_reference_to_a_representative() -> None:
    text = (
        'Ana Ruiz\'s representative said: "There has been absolutely no row." '
        'The spokesperson added: "She is resting at home."'
    )
    sentences = analyse_text(text).sentences
    assert sentences[0].kinds == ("denied",)
    assert sentences[1].kinds == ("official",)
    assert sentences[1].attributions[0].source.text == "Ana Ruiz's representative"
