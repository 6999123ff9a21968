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
        # a hedge on a reported clause defers to the clause's own hedge
        ("Earlier trials suggested that the drug may slow the decline.", "possible"),
        ("Earlier trials suggested that the drug slows the decline.", "probable"),
        ("Earlier trials suggested that the drug could not slow the decline.", "probable"),
        ("Earlier trials suggested that the drug slows the decline, and the dose may rise.",
         "probable"),
        ("The agency claims the carrier would pay the fee in four instalments.", "certain"),
        ("The chairman again discounted the possibility that the airline might merge.",
         "certain"),
        ("The senator asked if the minister would be moved to another post.", "certain"),
        ('"I would urge everyone to stay calm," the mayor said.', "certain"),
        ("The striker appears closer than ever to leaving the club.", "probable"),
        ("It looks like the talks have stalled.", "probable"),
        ("They must have been relieved by the verdict.", "probable"),
        ("A source suggested the minister was aware of the plan.", "probable"),
        # a hedge adjective as a reduced relative after a noun phrase is not the main claim's
        ("The agency spied on both leaders, according to a news report likely to raise "
         "tensions.", "certain"),
        ("Turnout in the city is likely to exceed 70 percent.", "probable"),
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


@pytest.mark.parametrize(
    ("sentence", "value", "rule"),
    [
        # a hedge in an indirect question or in the clause of a subject noun is set aside
        ("It is unclear how many homes may have been damaged.", "certain",
         "certainty.scope.noun-complement"),
        ("She gave no date as to when the bridge could reopen.", "certain",
         "certainty.scope.noun-complement"),
        ("Speculation the mayor may step down has grown this week.", "certain",
         "certainty.scope.noun-complement"),
        ("Concerns may grow if the vote is delayed.", "possible", "certainty.modal"),
        # a colon after a complete clause ends the main clause, unless it introduces speech
        ("The club lost its last match of the season: the coach may leave in June.", "certain",
         "certainty.scope.coordination"),
        ("The coach said on Friday: the club may sell the striker.", "possible",
         "certainty.modal"),
        # a sentence-initial "That" is a determiner, so its "would" stays conditional
        ("That fee would make him the costliest player in the league.", "possible",
         "certainty.conditional-would"),
        # "one" before a hedged adjective makes a noun phrase
        ("One likely cause would be a sudden drop in demand.", "possible",
         "certainty.conditional-would"),
        # a headline that asks raises its claim as possible; a quoted question does not
        ("Minister under investigation?", "possible", "certainty.question-headline"),
        ('"Why now?" the minister asked.', "certain", PLAIN_RULE),
    ],
)
def test_scopes_and_marks(sentence: str, value: str, rule: str) -> None:
    got_value, _, got_rule = certainty_of(sentence)
    assert (got_value, got_rule) == (value, rule)


def test_every_rule_example_yields_the_value_it_states() -> None:
    """A cue or mark rule's `match` examples yield the rule's `value` (its stated label); a
    scope rule's yield `certain`, the hedge set aside."""
    from verifier.analysis.analyse import analyse_text
    from verifier.rules.lexicon import load_lexicon

    for rule in load_lexicon("certainty"):
        expected = "certain" if rule["type"] == "scope" else rule["value"]
        for sentence in rule["examples"]["match"]:
            labels = [s.certainty for s in analyse_text(sentence).sentences if s.certainty]
            assert any(
                label.rule == rule["id"] and label.value == expected for label in labels
            ), (rule["id"], sentence, labels)


def test_unknown_field_in_a_certainty_rule_is_a_config_error() -> None:
    from verifier.analysis.certainty import _cue_rule, _mark_rule
    from verifier.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown field 'valeu'"):
        _cue_rule({"id": "x", "type": "cue", "value": "possible", "valeu": "possible",
                   "phrases": ["may"], "examples": {"match": ["It may rain."]}})
    with pytest.raises(ConfigError, match="field 'pattern' is required"):
        _mark_rule({"id": "x", "type": "mark", "value": "possible",
                    "examples": {"match": ["Rain?"]}})
    with pytest.raises(ConfigError, match="value"):
        _mark_rule({"id": "x", "type": "mark", "value": "sure", "pattern": "x",
                    "examples": {"match": ["Rain?"]}})


def test_unknown_field_in_a_scope_rule_is_a_config_error() -> None:
    from verifier.analysis.scope import compile_scopes
    from verifier.errors import ConfigError
    from verifier.rules.lexicon import load_lexicon

    (rule,) = [r for r in load_lexicon("certainty") if r["id"] == "certainty.scope.noun-phrase"]
    with pytest.raises(ConfigError, match="unknown field 'adjective'"):
        compile_scopes([{**rule, "adjective": ["likely"]}], "certainty")
    (rule,) = [r for r in load_lexicon("certainty") if r["id"] == "certainty.scope.coordination"]
    with pytest.raises(ConfigError, match="colon_min_words"):
        compile_scopes([{**rule, "colon_min_words": "six"}], "certainty")


def test_which_relative_pronouns_are_ambiguous_is_data() -> None:
    # "that" after a verb of saying is a complementiser (scope.relative `ambiguous` and
    # `not_after`); a pronoun not listed ambiguous is a relative pronoun wherever it stands
    from verifier.analysis.scope import compile_scopes
    from verifier.rules.lexicon import load_lexicon

    (rule,) = [r for r in load_lexicon("certainty") if r["id"] == "certainty.scope.relative"]
    text = "The analyst noted the risk, adding that could delay the vote."
    start = text.index("could")
    hedge = (text, start, start + len("could"))
    assert compile_scopes([rule], "certainty").blocker(*hedge) is None
    assert compile_scopes([{**rule, "ambiguous": ["which"]}],
                          "certainty").blocker(*hedge) == "certainty.scope.relative"
