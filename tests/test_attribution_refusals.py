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
        # (the bare indefinite spokesperson is an anonymous office-holder: corpus README 2)
        ('A spokeswoman said: "We won\'t go into specific cases but if data was lost we will '
         'act."', ("declined", "unnamed_official")),
        ("Investigators have otherwise not disclosed details of the cause.", ("declined",)),
        # an untagged quotation going on takes both stances of its words, as a tagged one does
        ('The club said in a statement:\n"We are happy with the squad. We will not comment on '
         'the talks, but we can say that the striker stays."', ("declined", "official")),
        # a refusal, then what the speaker says besides after ", simply stating that"
        ("The mayor declined to discuss the coalition, simply stating that her party had no "
         "complaints.", ("declined", "official")),
        # the outlet a statement went to is media, the party speaks for itself
        ("In a statement to the Daily Courier, the club said the coach would stay.",
         ("media", "official")),
        # a scare-quoted verb is still the party's denial
        ("The ministry “categorically rejected” a foreign media report on the talks.",
         ("denied", "media")),
        # asking someone to deny is not denying
        ("The president asked the two directors to deny the report.", ()),
        # one party's refusal tagged twice is one refusal
        ('And Ruiz herself said on Friday, "I do not know what the future holds," Ruiz said.',
         ("declined",)),
        # a refusal to act is not a refusal to speak
        ("The mayor is refusing to quit despite the scandal.", ()),
        # openers one after another before the party are no quotation its tag ends: its
        # words are those after its verb (session 34)
        ("Still, in a letter on Friday, the agency's spokeswoman called the report "
         "fake.", ("denied", "media")),
        ("Meanwhile, on Monday, the harbour club declined comment on those talks.",
         ("declined",)),
        # a clause before the comma is the words a tag ends, opener or not after it
        ('"The bridge will close," however, the mayor said.', ("official",)),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the party's refusal is its whole content: only "declined", and the outlet told
        ("Acme told the Daily Courier that it does not comment on market rumours.",
         ("declined", "media")),
        ('A spokesperson said the office “does not confirm or deny claims based on leaks.”',
         ("declined",)),
        # a hearsay phrase with an agent is the agent's
        ("It was reported by the Daily Courier that the talks had collapsed.", ("media",)),
        # "too" is not part of a list of names
        ("Rovers are winning the race, too, and the Daily Courier reported that a fee was "
         "agreed.", ("media",)),
    ],
)
def test_refusals_and_reports_in_context(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_former_office_holder_is_named() -> None:
    assert _last("Former airline director Raj Patel said the bid would win.") == ("named",)
    assert _last("Raj Patel, the former high commissioner, said the bid would win.") == (
        "named",
    )
    assert _last("Airline director Raj Patel said the bid would win.") == ("official",)
    assert _last("Two former officials said the bid would win.") == ("unnamed_official",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer asked a party for comment and reports no answer: the party's refusal
        ("The Harbour Courier has reached out to the shipping company for comment.",
         ("declined",)),
        ("The Harbour Courier contacted the shipping company for comment, and a spokesman "
         "said the ship was safe.", ("unnamed_official",)),
        ("The shipping company is yet to respond to the allegations.", ("declined",)),
        # "deny" with an infinitive is a refusal to speak, not a denial
        ("The shipping company too denied to offer any comments.", ("declined",)),
        # an answer put off to a later statement
        ('"We expect to provide a further update in the coming days," the shipping company '
         'said.', ("declined",)),
        ('"The new chief will be announced once the papers arrive," the shipping company '
         'said.', ("official",)),
        # the speaker does not know: reported in the third person
        ("The captain said he did not know how the rumours about the ship started.",
         ("declined", "unnamed")),
    ],
)
def test_refusals_in_other_structures(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle set off by a comma, an adverb before it, goes on with the clause's
        # subject
        ("The port authority kept quiet, even declining to comment on the newspaper report.",
         ("declined", "media")),
        # what a deal is worth, not given
        ("Terms of the sale of the port were not immediately available.", ("declined",)),
        ("The port authority did not provide financial details in its statement.",
         ("declined",)),
    ],
)
def test_what_was_not_given(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tag followed by where and when it was said, to the sentence's end
        ("Acme still has no updates on the cause of the fire, the company revealed in a "
         "statement posted on its website on Tuesday.", ("declined",)),
        ("Acme has no updates on the cause of the fire, the company said in an interview with "
         "the paper last week.", ("declined", "media")),
        # a lead-in before the tag and its words after it: the words after are the claim
        ("In March, the ministry said in a statement the plant would close.", ("official",)),
    ],
)
def test_a_tag_with_where_it_was_said(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected
