"""A party's negation of the event the article's story tells, with no report of it
(``events.deny_story_events``): a denial only when the headline or the lede negates the same
event or a party denies it there."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the headline tells a non-event: the party's negation of it later contradicts the
        # claim the story is about
        ("No arrest made in harbour shooting\n\nDetectives worked through the night.\n\n"
         "A police spokesman said that no arrest had been made.", ("denied",)),
        # the headline's party denies it: its later negation goes on denying
        ("Club denies sale of stadium\n\nThe club has denied it is selling the stadium.\n\n"
         "The chairman said the club would not sell the stadium.", ("denied",)),
        # what the headline and the lede do not tell is the party's assertion
        ("Fire destroys warehouse\n\nA fire destroyed a warehouse on Monday.\n\n"
         "The fire chief said no one had been taken to hospital.", ("official",)),
        ("Council opens new library\n\nThe council opened a library on Monday.\n\n"
         "The mayor said the old library would not close.", ("official",)),
        # a decision the lede's party announces is news it makes, no contested event
        ("Talks resume in capital\n\nThe president announced that he would not accept the "
         "resignation of the premier.\n\nThe spokesman said the president had not accepted "
         "the resignation.", ("unnamed_official",)),
    ],
)
def test_a_negation_of_the_story_s_event(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_the_denial_names_the_story_sentence_in_its_reason() -> None:
    found = analyse_text("No arrest made in harbour shooting\n\nDetectives worked through "
                         "the night.\n\nA police spokesman said that no arrest had been made."
                         ).sentences[-1].attributions
    assert "denies the event the story tells" in (found[0].reason or "")
    assert found[0].stance == "denies"
