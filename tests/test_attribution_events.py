"""A party's negation of an event another sentence of the article reports is a denial; the
same negation with no such report is an assertion (sentences written for these tests)."""

from __future__ import annotations

import importlib

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution.events import stem
from verifier.analysis.attribution.rules import rules
from verifier.errors import ConfigError


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the negated event's head is a word of the report
        ("Rumours that the coach would be sacked spread on Monday. The club said the coach "
         "would not be sacked.", ("denied",)),
        # one event family: "resign" reported, "step down" negated
        ("A newspaper reported that the mayor had resigned. The mayor said she had no plans "
         "to step down.", ("denied",)),
        # the opposite of a reported departure
        ("Speculation that the chairman is leaving the bank has grown. The chairman said he "
         "would stay on as chairman.", ("denied",)),
        # a quotation's later sentence, in its speaker's voice
        ("Reports said the two singers had split. \"We are fine,\" their publicist said. "
         "\"They are not splitting up.\"", ("denied",)),
        # the same verb and object as the rumour's ("sell ... stadium")
        ("Rumours that the club will sell its stadium grew. The chairman said the club "
         "would not sell the stadium.", ("denied",)),
        # the party that denied a report goes on: the head alone will do
        ("The ministry said reports that troops had seized the dam were false. \"No troops "
         "entered the area,\" the ministry said.", ("denied",)),
        # another party's word of an event family it says will happen, contradicted (guide 2:
        # a party that "contradicts the claim" denies it; session 25, as the family's counter
        # statements answered it already)
        ("The minister told a newspaper the bridge would be closed. The mayor said the bridge "
         "would not be closed.", ("denied",)),
        # a name right after "no" with no other head is the head: a disease, not a party
        # (session 32)
        ("The health minister said reports of an outbreak were false. \"There is no Ebola in "
         "Kestrel,\" the minister said.", ("denied",)),
        # an irregular verb's form meets the rumour's base form ("sold" / "sell") (session 34)
        ("A newspaper reported that the firm would sell its stake in the port. The firm said "
         "it had not sold any stake in the port.", ("denied",)),
        # a party known by an earlier mention of its name ("Acme" for "Acme Corporation")
        # goes on with that mention's denial; a statement it made is its words, and a word
        # of time before it no part of it (session 34)
        ("Acme Corporation denies talk of selling Rival, its oldest line. The line has four "
         "ships. Overnight, Acme made a statement saying the firm has no plans to sell Rival.",
         ("denied",)),
    ],
)
def test_a_negated_report_is_denied(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no report to deny: an assertion with a "no" in it
        "The club signed a striker on Monday. The club said the coach would not be sacked.",
        # the same name after "no" with no report to deny: an assertion
        "The health minister visited the port. The minister said there is no Ebola in Kestrel.",
        # news the party announces itself
        "Reports said the prisoner would be freed. The minister announced he would not be "
        "freed.",
        # "no information" negates no event
        "A newspaper published information about the presenter. Police said there is no "
        "information to indicate that an offence was committed.",
        # an instruction, not a denial
        "Rumours of a leak spread online. Police urged people not to share the leak.",
        # a condition, a question
        "Rumours that the coach would be sacked spread on Monday. \"If the coach is not "
        "sacked, fans will protest,\" the chairman said.",
        "Rumours that the coach would be sacked spread on Monday. \"Why is the coach not "
        "sacked?\" the chairman said.",
        # a party's own ruling-out names no report: its later negation denies nothing
        "Finance Minister Tom Vale ruled out a tax rise on Monday. Vale said taxes would not "
        "rise.",
        # the head alone shared with a report, not its argument: another event
        "Rumours that the club will sell its stadium grew. The chairman said the club "
        "would not sell its players.",
        # a refusal naming no report is no rumour to deny
        "It is unclear whether the council will cut the budget. The mayor said the council "
        "would not cut the budget.",
        # the rumour's own party: its later negation goes on in its own voice
        "The minister told a newspaper the bridge would be closed, and Mayor Ann Cole "
        "declined to comment. Cole said the bridge would not be closed before May.",
        # what a party has none of to give is a refusal, not a denial of the statement another
        # sentence names (session 29)
        "Rumours spread on Monday that the club would issue a statement on the coach. The "
        "club said it had no statement to issue on the coach.",
    ],
)
def test_not_a_denial(text: str) -> None:
    assert "denied" not in _last(text)


def test_the_denial_names_its_rules_and_the_report_it_answers() -> None:
    text = ("Rumours that the coach would be sacked spread on Monday. The club said the coach "
            "would not be sacked.")
    (attribution,) = analyse_text(text).sentences[-1].attributions
    assert attribution.stance == "denies" and attribution.speaker == "official"
    assert attribution.rule.endswith("+attr.negation.not")
    assert attribution.reason == "denies what another sentence reports: “sacked”"


def test_an_irregular_form_stems_as_its_base_form() -> None:
    forms = rules().event_verb_forms
    assert stem("sold", forms) == stem("selling", forms) == stem("sell", forms)
    assert stem("met", forms) == stem("meeting", forms)
    assert stem("sold") == "sold"  # (no forms given: the word as it is)


def test_a_form_of_two_verbs_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    rules_module = importlib.import_module("verifier.analysis.attribution.rules")
    monkeypatch.setattr(rules_module, "word_list",
                        lambda key, lexicon="": frozenset({"lie lay lain", "lay lain"}))
    with pytest.raises(ConfigError, match="'lain' is a form of both"):
        rules_module.verb_forms()


def test_stems_meet_across_endings_but_not_short_words() -> None:
    assert stem("resigning") == stem("resignation") == stem("resigned") == "resign"
    assert stem("coming") != stem("comment")
    assert stem("interested") != stem("interview")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rumour a denial names, in an untagged continuation of the speaker's quotation
        ("\"We are staying,\" the club's chairman said. \"The rumours about a sale are "
         "untrue.\"", ("denied", "unnamed")),
        # in a party's own words, a denial read from the content
        ("The coach told reporters that all the speculation was rubbish.",
         ("denied", "unnamed")),
        # the report named is the rumour's source: no second hearsay
        ("The club denied a newspaper report on the rumours.", ("denied", "media")),
        # a rumour an earlier sentence told ("this rumour"), a rumour called false
        ("Fans talked of a sale. \"There is no truth to this rumour,\" the chairman said.",
         ("denied",)),
        # no denial: a rumour named beside an assertion is the speaker's subject
        ("The coach said the rumours had reached the dressing room.", ("official",)),
    ],
)
def test_a_denied_rumour_is_hearsay(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "teller", "expected"),
    [
        # a tag after a party's own denial: the spokesman tells it
        ("President Tom Vale dismissed the newspaper report as \"fake news,\" said his "
         "spokesman Ana Ruiz.", "his spokesman Ana Ruiz", ("denied", "media", "official")),
        # an outlet telling a party's words after them
        ("Ruiz said the reports of a rift were untrue, according to the Daily Courier.",
         "the Daily Courier", ("denied", "media", "media")),
        ("Sources said the choice is the king's alone and called the rumours \"baseless,\" the "
         "Daily Courier reported.", "the Daily Courier", ("denied", "media", "unnamed")),
    ],
)
def test_a_teller_of_another_speakers_words_takes_no_stance(
        text: str, teller: str, expected: tuple[str, ...]) -> None:
    sentence = analyse_text(text).sentences[-1]
    assert tuple(sorted(sentence.kinds)) == expected
    told = next(a for a in sentence.attributions if a.source.text == teller)
    assert told.stance == "asserts"
    assert "tells another speaker's words" in told.reason


@pytest.mark.parametrize(
    "text",
    [
        # the speaker's own words, a report named inside them: its own denial
        "The spokesman said the story, which the Daily Courier ran on Monday, was false.",
        # the inner speaker's words, the teller before them: the inner speaker denies
        "The spokeswoman told reporters that the chief of staff had called to say the reports "
        "were not true.",
    ],
)
def test_a_speaker_whose_words_open_with_no_other_frame_keeps_its_stance(text: str) -> None:
    assert "denied" in analyse_text(text).sentences[-1].kinds


def test_a_negated_event_another_party_says_happened_is_denied() -> None:
    """The counter statements of an event family answer what another party says happened;
    a negation of a word of the family does too, and names the family in its chain."""
    text = ("The ministry said the director had resigned on Monday. Her lawyer said she will "
            "not resign.")
    last = analyse_text(text).sentences[-1]
    assert last.kinds == ("denied",)
    assert "attr.event.departure" in last.attributions[0].rule
    own = ("The ministry said the director had resigned on Monday. The ministry said she will "
           "not resign from the board.")
    assert analyse_text(own).sentences[-1].kinds == ("official",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no party's frame in the words: the outlet credited with them reports them
        ("The airline had not yet made a decision on the order, according to the Daily Courier.",
         ("media",)),
        # a party credited with the words is no outlet: its own refusal
        ("The airline had not yet made a decision on the order, according to the ministry.",
         ("declined",)),
    ],
)
def test_an_outlet_credited_with_the_words_reports_them(
        text: str, expected: tuple[str, ...]) -> None:
    sentence = analyse_text(text).sentences[-1]
    assert tuple(sorted(sentence.kinds)) == expected
