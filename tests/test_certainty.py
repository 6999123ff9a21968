"""Certainty: the main clause's hedge decides; scopes set other hedges aside."""

from __future__ import annotations

import pytest

from verifier.analysis.certainty import PLAIN_RULE, label_certainty
from verifier.analysis.segment import segment


def certainty_of(sentence: str) -> tuple[str, str | None, str]:
    sentences = segment(sentence)
    assert len(sentences) == 1
    label = label_certainty(sentence, sentences, [True])[0]
    assert label is not None
    return label.value, label.cue.text if label.cue else None, label.rule


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The governor is expected to sign the bill on Friday.", "probable"),
        ("Analysts said the merger will probably face scrutiny.", "probable"),
        ("The rebels appear to have withdrawn from the town.", "probable"),
        ("There is a strong chance the bank raises rates.", "probable"),
        ("Officials said the bridge could reopen next month.", "possible"),
        ("If approved, the plan would cost $2 billion.", "possible"),
        ("The strike might spread to other ports.", "possible"),
        ("Perhaps the clearest sign is the falling currency.", "possible"),
        ("The president will travel to Tokyo in May.", "certain"),
        ("In May, the council raised the fee.", "certain"),
        ("The senator plans to meet the governor next week.", "certain"),
        ("The company is set to announce results on Tuesday.", "certain"),
        ("The minister's possible visit drew protests.", "certain"),
        ("The agency said the minister would visit Paris next week.", "certain"),
        ("The prime minister would visit Paris, according to the report.", "certain"),
        ("The spokesman would not say whether the meeting took place.", "certain"),
        ("The union said pay talks had stalled and that a strike was likely.", "certain"),
        ("Rumors that the firm may be sold lifted its shares.", "certain"),
        ("The mayor, who may seek a third term, opened the bridge.", "certain"),
        ("The suspect is said to be hiding in the hills.", "certain"),
        ("The suspect reportedly fled the country.", "certain"),
        ('"A deal would be a huge relief," the farmer said.', "possible"),
        ('"He is right that it would be costly," the professor said.', "certain"),
    ],
)
def test_values(sentence: str, value: str) -> None:
    assert certainty_of(sentence)[0] == value


def test_cue_and_rule_are_evidence() -> None:
    value, cue, rule = certainty_of("The ministry is likely to delay the vote.")
    assert (value, cue, rule) == ("probable", "likely", "certainty.likely")
    assert certainty_of("The ministry delayed the vote.") == ("certain", None, PLAIN_RULE)
    value, cue, rule = certainty_of("Exports rose, a figure that is expected to grow.")
    assert (value, rule) == ("certain", "certainty.scope.relative")
    assert cue == "is expected"


def test_non_claims_have_no_certainty() -> None:
    text = "By Ann Lee\nThe vote may be delayed."
    sentences = segment(text)
    labels = label_certainty(text, sentences, [False, True])
    assert labels[0] is None
    assert labels[1] is not None and labels[1].value == "possible"
    assert labels[1].cue is not None
    assert text[labels[1].cue.start : labels[1].cue.end] == "may"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a measured difference in risk is not a hedge; without the number it is
        ("Patients on the drug were 40% less likely to be readmitted.", "certain"),
        ("Night-shift workers were twice as likely to report poor sleep.", "certain"),
        ("The central bank is now less likely to cut rates in June.", "probable"),
        # "appear" with an adjective or a quoted word
        ("Voters appear less convinced than a year ago.", "probable"),
        ('The fee appeared "excessive" to several council members.', "probable"),
        ("The minister appeared on television on Sunday.", "certain"),
        # a participle that adds to a plain main clause does not decide
        ('"We will keep investing," the chief executive said, adding that a recovery was '
         "likely next year.", "certain"),
        # a reported "would" with a condition, or with a hypothetical act as its subject
        ("The governor said the bank would raise rates if inflation kept rising.", "possible"),
        ("The institute estimated that scrapping the levy would raise $3 billion a year.",
         "possible"),
        ("The spokesman said he did not know if the minister would attend.", "certain"),
        ("The mayor said hiring would resume in the spring.", "certain"),
        # a coordinated hedge inside quotation marks comes after the main clause
        ('A friend said she was "exhausted" and "may well quit" if the board overruled her.',
         "certain"),
        ("Economists polled last week expected the bank to cut rates again.", "probable"),
        ("Analysts had on average expected a profit of 455 million crowns.", "certain"),
    ],
)
def test_values_beyond_the_dev_corpus(sentence: str, value: str) -> None:
    assert certainty_of(sentence)[0] == value
