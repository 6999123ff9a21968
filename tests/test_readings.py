"""Refusals and denials read compositionally (verifier/analysis/attribution/readings.py):
the composition of slots into patterns, its checks, and what the readings add to the
lexicon's own rules (sentences written for these tests)."""

from __future__ import annotations

import re

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution.readings import compose, reading_rules, scan_form
from verifier.errors import ConfigError

_CLASSES = {
    "self": ["we", "he"],
    "aux": ["would", "did"],
    "negator": ["not", "never"],
    "negated_forms": ["won't"],
    "told_aux": ["did"],
    "adverb": ["immediately", "publicly"],
    "speech": ["comment", "go into"],
    "report": ["that", "reports"],
    "copula": ["is", "'s"],
    "falsity": ["false"],
    "emphasis": ["how"],
    "clause_end": ["and"],
}


def _matches(slots: tuple[str, ...], text: str) -> str | None:
    found = re.search(compose(slots, _CLASSES, "w"), text)
    return found.group() if found else None


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


def test_a_composition_varies_negation_modal_and_adverb_without_listing_them() -> None:
    slots = ("<self", "neg", "adverb*", "speech")
    assert _matches(slots, "he would not immediately comment") == "would not immediately comment"
    assert _matches(slots, "we won't go   into it") == "won't go   into"
    assert _matches(slots, "he didn't comment") == "didn't comment"
    assert _matches(slots, "we never publicly comment") == "never publicly comment"
    # the party's pronoun must stand right before the verb group
    assert _matches(slots, "they would not comment") is None


def test_a_party_told_of_needs_an_auxiliary() -> None:
    slots = ("neg_told", "speech")
    assert _matches(slots, "the club did not comment") == "did not comment"
    assert _matches(slots, "why not comment") is None


def test_joins_a_word_written_onto_the_last_and_ends_the_clause() -> None:
    slots = ("report", "copula", "falsity", "$")
    assert _matches(slots, "that's false.") == "that's false"
    assert _matches(slots, "reports is false and") == "reports is false"
    assert _matches(slots, "that is false to say") is None


def test_the_words_after_a_lookahead_must_follow_but_are_not_held() -> None:
    slots = ("speech", ">", "report")
    assert _matches(slots, "comment reports") == "comment"
    assert _matches(slots, "comment on reports") is None


def test_a_quoted_word_is_still_the_word() -> None:
    slots = ("report", "copula", "falsity", "$")
    assert _matches(slots, "reports is “false”.") == "reports is “false"
    assert _matches(slots, "reports is 'false'.") == "reports is 'false"
    assert _matches(slots, "reports\" is false.") == "reports\" is false"


def test_the_scan_form_looks_ahead_for_the_words_before_the_lookbehinds() -> None:
    slots = ("<self", "neg", "adverb*", "speech")
    composed = compose(slots, _CLASSES, "w")
    scanned = scan_form(composed)
    assert scanned.startswith("(?=") and scanned.endswith(composed)
    assert scan_form(compose(("neg_told", "speech"), _CLASSES, "w")) == compose(
        ("neg_told", "speech"), _CLASSES, "w")  # no lookbehind opens it: unchanged
    for text in ("he would not immediately comment, and we won't go into it",
                 "they would not comment", "we didn't comment; he never publicly comment",
                 "so he didn't comment [at all] (we did not)"):
        assert [m.span() for m in re.finditer(scanned, text)] == [
            m.span() for m in re.finditer(composed, text)]


def test_the_packaged_readings_scan_as_composed() -> None:
    for rule in reading_rules():
        pattern = getattr(rule, "pattern", None)
        if pattern is None:
            continue
        scanned = re.compile(scan_form(pattern))
        for text in ("we would not comment on the reports, and they're not aware of any",
                     "he's not heard anything. it's false that we won't confirm it."):
            assert [m.span() for m in scanned.finditer(text)] == [
                m.span() for m in re.finditer(pattern, text)], rule.id


def test_not_followed_by_an_emphasis_with_more_words() -> None:
    slots = ("<self", "neg", "speech", "!emphasis")
    assert _matches(slots, "we won't comment how it went") is None
    assert _matches(slots, "we won't comment how.") == "won't comment"


def test_every_slot_matches_whole_words_of_its_class_only() -> None:
    # a class lacking a longer form does not match its start: "commented" is not "comment"
    # with more letters, at the last slot, inside, before a look-ahead or inside one
    assert _matches(("neg_told", "speech"), "the club did not commented") is None
    assert _matches(("speech", "report"), "comments reports") is None
    assert _matches(("speech", ">", "report"), "commenting reports") is None
    assert _matches(("speech", ">", "report"), "comment reportsx") is None
    assert _matches(("speech", ">", "report"), "comment reports.") == "comment"
    assert _matches(("report", "copula", "falsity"), "reports is falsely") is None
    assert _matches(("speech", "report"), "go into-that") is None
    # a word written onto the last one still joins ("that's")
    assert _matches(("report", "copula"), "that's") == "that's"


def test_the_packaged_classes_are_each_read_and_well_formed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.analysis.attribution import readings

    raw = readings.load_data(readings.READINGS)
    for classes, message in (
            ({**raw["classes"], "unread_words": ["by"]}, "class 'unread_words': no rule reads"),
            ({**raw["classes"], "adverb": ["yet", "Yet"]}, "'Yet' is not lower case"),
            ({**raw["classes"], "adverb": ["yet", "yet"]}, "'yet' is listed twice"),
            ({**raw["classes"], "adverb": ["as  yet"]}, "is not lower case and trimmed")):
        monkeypatch.setattr(readings, "load_data", lambda _name, c=classes: {**raw, "classes": c})
        readings.reading_rules.cache_clear()
        try:
            with pytest.raises(ConfigError, match=message):
                readings.reading_rules()
        finally:
            monkeypatch.undo()
            readings.reading_rules.cache_clear()
    assert readings.reading_rules()


def test_a_rule_that_reads_no_words_of_absence_takes_no_compose() -> None:
    from verifier.analysis.attribution import readings
    from verifier.analysis.attribution.rules import EXAMPLE_LABELS
    from verifier.rules.schema import build

    for kind in ("clause", "insistence", "headline"):
        raw = {"id": "read.x", "type": kind, "stance": "denies", "compose": ["event_absence"],
               "examples": {"match": [], "no_match": []}, "cues": "insist"}
        if kind != "insistence":
            del raw["cues"]
        with pytest.raises(ConfigError, match="unknown field 'compose'"):
            build(readings.SCHEMAS[kind], raw, "stance_readings.yaml: rule 'read.x'",
                  EXAMPLE_LABELS)
    assert readings.clause_rule() is not None and readings.clause_rule().absence is None


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        (("speech?",), "no slot is required"),
        (("nothing",), "no class 'nothing'"),
        (("report", "$", "falsity"), r"'\$' ends"),
        (("~2", "report"), "follows a word"),
        (("report", "<self"), "only first"),
        (("report", "bad slot!"), "is no slot"),
        ((">", "report"), "'>' once, between words"),
        (("report", ">"), "'>' once, between words"),
        (("report", ">", "copula", ">", "falsity"), "'>' once, between words"),
        (("report", ">", "copula?"), "'>': no required word after it"),
        ((), "no slots"),
    ],
)
def test_a_bad_composition_is_refused(slots: tuple[str, ...], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        compose(slots, _CLASSES, "stance_readings.yaml: rule 'x'")


def test_the_packaged_readings_build_and_name_their_ids() -> None:
    built = reading_rules()
    assert built and all(rule.id.startswith("read.") for rule in built)
    assert {rule.stance for rule in built} <= {"declines", "denies"}


def test_the_lexicon_s_own_content_rule_is_tried_first() -> None:
    # both would read it; the lexicon's rule is the evidence, the reading only where it fails
    found = analyse_text("The ministry said it had no record of the letter.").sentences[-1]
    assert [a.rule for a in found.attributions] == ["attr.say+spk.institution"
                                                    "+attr.content.refusal"]
    found = analyse_text('"We have no word on that yet," a spokesman said.').sentences[-1]
    assert found.attributions[0].rule.endswith("+read.refuse.no_knowledge")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun no earlier words stand for: labelled by its stance alone
        ("The mayor opened the bridge on Monday. She declined to comment.", ("declined",)),
        ("He did not respond to requests for comment.", ("declined",)),
        # ... but not when it asserts something (that label would need its kind)
        ("The mayor opened the bridge on Monday. She said the bridge was safe.", ()),
        # a lead-in clause is no quotation the tag ends: the words after the verb are said
        ("When asked about the claims, the spokesman said they were bogus.", ("denied",)),
        ("When contacted, a spokesman said the request remained under review.", ("declined",)),
        # words before ", says X" that negate or deny are what X says
        # (a headline: the party's negation there is its denial, session 27)
        ("Coach not leaving, says club", ("denied",)),
        ("Coach not leaving, says club.", ("official",)),
        ("No truth in reports, says ministry", ("denied", "media")),
        # a one-word alias in parentheses ends the subject
        ("President Ana Ruiz (Anita) has denied the report.", ("denied", "media")),
        # a verb with no object: its subject is what the reported event is about
        ("A newspaper reported that the council would close the library. The council said "
         "the library is not closing.", ("denied",)),
        # the report in the party's own sentence, a contrast apart from its answer
        ("A newspaper reported that a suspect was arrested, but the police said that no "
         "arrest had been made.", ("denied", "media")),
        ("The police said no arrest had been made, but a radio station reported that its "
         "sources said an arrest was close.", ("denied", "media", "unnamed")),
        # no contrast, or another event: the party's assertion
        ("The police said no arrest had been made after a newspaper reported the theft.",
         ("media", "official")),
        ("A newspaper reported that a suspect was arrested, but the police said that no "
         "shots were fired.", ("media", "official")),
    ],
)
def test_refusals_and_denials_in_other_words(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_pronoun_s_refusal_keeps_the_pronoun_as_its_words_and_is_not_remembered() -> None:
    text = "The mayor opened the bridge on Monday. She declined to comment. She said it was safe."
    sentences = analyse_text(text).sentences
    (refusal,) = sentences[1].attributions
    assert refusal.source.text == "She" and not refusal.carried
    assert sentences[2].kinds == ()  # no speaker was made of the refusal's pronoun


def test_both_names_joined_by_and_are_one_party_also_opening_the_sentence() -> None:
    # "Both Ruiz and Ortega" reads as "both Ruiz and Ortega" within a sentence: one party
    assert _last("Both Ruiz and Ortega declined to comment on the talks.") == ("declined",)
    assert _last("Later both Ruiz and Ortega declined to comment.") == ("declined",)
    # names joined by "and" without "both" stay two parties
    assert _last("Ruiz and Ortega declined to comment.") == ("declined", "declined")


def test_informing_someone_that_reports_it_also_as_a_coordinated_verb() -> None:
    assert _last("The firm has informed all staff that no merger talks are underway.") == (
        "denied",)
    # the subject a sentence's conjunction opens on; "and has informed" goes on with it
    assert _last("But Harbourfirm has stood its ground, and has informed all staff that no "
                 "merger talks are underway.") == ("denied",)
    # the one informed is no speaker
    (sentence,) = analyse_text("The mayor was informed that the bridge had closed.").sentences
    assert not any("informed_that" in a.rule for a in sentence.attributions)


def test_a_speakerless_refusal_in_a_speakers_reported_words_is_the_speakers() -> None:
    # one refusal, not the speaker's and a passive's
    assert _last("The spokesman said the matter was under review and that no comment was "
                 "available from the ministry.") == ("declined",)
    # the speaker's only words: its refusal, not an assertion besides
    assert _last("The club said the fee had not been disclosed.") == ("declined",)
    assert _last("The spokesman said the bridge would close on Monday and that no details "
                 "have been confirmed.") == ("declined", "official")
    # alone, the passive is the source itself
    assert _last("No details have been confirmed.") == ("declined",)
