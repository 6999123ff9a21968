"""The learned filler: a kind for a claim sentence the rules leave without a source."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from verifier import analyse_text
from verifier.analysis.attribution.filler import (
    CLASSES,
    RULE_ID,
    Filler,
    features,
    filler,
    parse_filler,
    read_filler,
    restore_filler,
    use_filler,
    words,
)
from verifier.analysis.results import Attribution, Sentence, Span
from verifier.config import data_path
from verifier.errors import ConfigError

GOOD = {"format": 1, "enabled": True, "threshold": 0.5, "scope": "empty", "meta": {},
        "weights": {"official": {"prev:official": 2.0, "quote:opens": 1.0,
                                 "word:added": 0.5}, "none": {"bias": 1.0}}}


@pytest.fixture
def model_in_force() -> Iterator[None]:
    yield
    restore_filler()


def test_the_packaged_filler_file_is_valid() -> None:
    model = read_filler(data_path("models/filler.yaml"))
    assert set(model.weights) <= set(CLASSES)
    assert 0 < model.threshold <= 1
    for row in model.weights.values():  # weights only: lower-case words, never a name
        assert all(not n.startswith("word:") or n == n.lower() for n in row)


@pytest.mark.parametrize(("change", "message"), [
    ({"colour": "red"}, "field 'colour': unknown"),
    ({"threshold": 0}, "'threshold': expected a number in (0, 1]"),
    ({"threshold": True}, "'threshold': expected a number in (0, 1]"),
    ({"scope": "some"}, "'scope': expected one of empty, all"),
    ({"enabled": "yes"}, "'enabled': expected true or false"),
    ({"format": 2}, "'format': expected 1"),
    ({"weights": {"maybe": {}}}, "'weights.maybe': unknown class"),
    ({"weights": {"official": {"Name:Roe": 1.0}}}, "'weights.official.Name:Roe': unknown feature"),
    ({"weights": {"official": {"word:Roe": 1.0}}}, "'weights.official.word:Roe': unknown feature"),
    ({"weights": {"official": {"bias": float("nan")}}}, "expected a finite number"),
])
def test_a_bad_filler_file_is_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_filler({**GOOD, **change}, "filler.yaml")


def test_a_missing_field_is_refused() -> None:
    raw = dict(GOOD)
    del raw["scope"]
    with pytest.raises(ConfigError, match="field 'scope': missing"):
        parse_filler(raw, "filler.yaml")


TEXT = ("Mayor Ana Roe said the bridge would reopen in May.\n\n"
        "“The work is nearly done,” she added.\n\n"
        "“We have added crews on every shift.”")


def _parts() -> tuple[list[Sentence], list[bool], list[tuple[Attribution, ...]]]:
    first = TEXT.index("Mayor")
    second = TEXT.index("“The work")
    third = TEXT.index("“We have")
    ends = [TEXT.index("\n\n"), TEXT.index("\n\n", second), len(TEXT)]
    sentences = [Sentence(TEXT[s:e], s, e) for s, e in zip((first, second, third), ends,
                                                            strict=True)]
    roe = Span("Mayor Ana Roe", 0, 13)
    said = Span("said", 14, 18)
    official = Attribution("official", "asserts", roe, said, "test.rule")
    carried = Attribution("official", "asserts", roe, Span("added", second + 31, second + 36),
                          "test.carry", True)
    return sentences, [True, True, True], [(official,), (carried,), ()]


def test_features_are_the_rules_outputs_around_the_sentence_and_its_marks() -> None:
    sentences, claims, found = _parts()
    named = features(TEXT, sentences, claims, found, 2)
    assert named["prev:official"] == named["prev2:official"] == 1.0
    assert named["prev:carried"] == named["quote:opens"] == named["paragraph"] == 1.0
    assert named["self:nothing"] == 1.0
    assert "next:nothing" not in named  # the last sentence has no next one


def test_words_are_lower_case_as_written_never_a_name() -> None:
    sentence = Sentence("Minister Roe's aides reportedly met O'Neill.", 10, 54)
    found = words(sentence)
    assert [w for w, _ in found] == ["aides", "reportedly", "met"]
    span = found[1][1]
    assert (span.text, span.start, span.end) == ("reportedly", 31, 41)


def test_an_empty_quoted_paragraph_takes_the_previous_speaker_with_evidence() -> None:
    sentences, claims, found = _parts()
    model = parse_filler(GOOD, "filler.yaml")
    filled = model.fill(TEXT, sentences, claims, found)
    assert filled[:2] == found[:2]
    (added,) = filled[2]
    assert added.kind == "official" and added.rule == RULE_ID and added.carried
    assert (added.source.text, added.source.start) == ("Mayor Ana Roe", 0)  # carried words
    assert added.cue.text == "added"  # the word that weighed most for the kind
    assert "prev:official +2.00" in added.reason and "p=" in added.reason


def test_a_carried_kind_shows_the_cue_it_was_carried_from() -> None:
    # no word of the sentence weighs for the kind: the cue is the previous sentence's, the
    # words that said whose it is (here its "added"), not a character of the sentence itself
    sentences, claims, found = _parts()
    model = parse_filler({**GOOD, "weights": {"official": {"prev:official": 3.0},
                                              "none": {"bias": 1.0}}}, "filler.yaml")
    (added,) = model.fill(TEXT, sentences, claims, found)[2]
    assert added.carried and added.source == found[1][0].source
    assert added.cue == found[1][0].cue
    assert (added.cue.text, TEXT[added.cue.start : added.cue.end]) == ("added", "added")
    assert added.cue.end <= sentences[1].end  # in the sentence the kind was carried from


WRITTEN = {"objects": ["banner", "sign", "placard"], "verbs": ["reading", "that read", "read"],
           "reach": 3, "examples": [
               {"text": 'A banner reading "Jobs now" hung from the window.', "written": True},
               {"text": '"Jobs now," the mayor said.', "written": False}]}


@pytest.mark.parametrize(("text", "written"), [
    ('A banner reading "Jobs now" hung from the window.', True),
    ('Protesters held signs that read: "No more cuts."', True),
    ('A placard on the gate read, “Closed.”', True),
    ('“Jobs now,” the mayor said, pointing to a banner.', False),
    ("A banner hung from the window all week.", False),
    ('The signs were read aloud by "the crowd".', False),  # no quotation right after the verb
])
def test_quoted_words_written_on_an_object_are_read_as_a_construction(
        text: str, written: bool) -> None:
    model = parse_filler({**GOOD, "written": WRITTEN}, "filler.yaml")
    assert model.written is not None and model.written.holds(text) is written


@pytest.mark.parametrize(("change", "message"), [
    ({"reach": 9}, "reach: expected a whole number from 0 to 6"),
    ({"objects": ["Banner"]}, "objects: expected a non-empty list of lower-case words"),
    ({"colour": "red"}, "field 'colour': unknown"),
    ({"examples": [{"text": "A banner hung.", "written": True}]},
     "'A banner hung.' is not read as written words"),
    ({"examples": [{"text": 'A sign read "Open."', "written": True}]},
     "expected examples of both labels"),
])
def test_a_bad_written_construction_is_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_filler({**GOOD, "written": {**WRITTEN, **change}}, "filler.yaml")


def test_quoted_words_on_a_banner_are_no_speaker_going_on() -> None:
    text = ("Mayor Ana Roe said the bridge would reopen in May.\n\n"
            'A banner reading "Bridge now" hung from the town hall.')
    second = text.index("A banner")
    sentences = [Sentence(text[:second].rstrip(), 0, len(text[:second].rstrip())),
                 Sentence(text[second:], second, len(text))]
    roe = Attribution("official", "asserts", Span("Mayor Ana Roe", 0, 13), Span("said", 14, 18),
                      "test.rule")
    weights = {"official": {"prev:official": 2.0, "quote:marks": 1.0}, "none": {"bias": 1.0}}
    without = parse_filler({**GOOD, "weights": weights}, "filler.yaml")
    assert without.fill(text, sentences, [True, True], [(roe,), ()])[1]  # the speaker carried
    model = parse_filler({**GOOD, "weights": weights, "written": WRITTEN}, "filler.yaml")
    assert model.fill(text, sentences, [True, True], [(roe,), ()]) == [(roe,), ()]


def test_the_packaged_filler_declares_the_written_construction() -> None:
    model = read_filler(data_path("models/filler.yaml"))
    assert model.written is not None
    assert model.written.holds('Supporters waved a banner reading "Four more years."')
    assert not model.written.holds('"Four more years," the senator said.')


def test_below_the_threshold_nothing_is_added() -> None:
    sentences, claims, found = _parts()
    model = parse_filler({**GOOD, "threshold": 0.99}, "filler.yaml")
    assert model.fill(TEXT, sentences, claims, found) == found


def test_an_empty_scope_leaves_attributed_sentences_alone_and_all_adds_a_kind() -> None:
    sentences, claims, found = _parts()
    denial = {"denied": {"self:official": 3.0}, "none": {"self:nothing": 5.0}}
    empty = parse_filler({**GOOD, "weights": denial}, "filler.yaml")
    assert empty.fill(TEXT, sentences, claims, found) == found
    every = parse_filler({**GOOD, "weights": denial, "scope": "all"}, "filler.yaml")
    filled = every.fill(TEXT, sentences, claims, found)
    assert [a.kind for a in filled[0]] == ["official", "denied"]
    assert filled[0][1].source == found[0][0].source  # the sentence's own speaker denies


def test_a_kind_with_no_word_and_no_speaker_before_is_not_added() -> None:
    sentence = Sentence("The bridge opens in May.", 0, 24)
    model = parse_filler({**GOOD, "weights": {"unnamed": {"bias": 5.0}}}, "filler.yaml")
    assert model.fill(sentence.text, [sentence], [True], [()]) == [()]


def test_the_analyser_uses_the_filler_in_force(model_in_force: None) -> None:
    text = "Reform plans\n\nThe council's plan was zorbled last week, residents heard."
    before = analyse_text(text)
    assert not before.sentences[1].attributions
    use_filler(Filler({"unnamed": {"word:zorbled": 6.0}}, {}, True, 0.5))
    after = analyse_text(text)
    (added,) = after.sentences[1].attributions
    assert added.kind == "unnamed" and added.rule == RULE_ID
    assert text[added.source.start : added.source.end] == "zorbled"
    assert "word:zorbled +6.00" in added.reason
    restore_filler()
    use_filler(None)  # the rules alone (the fixture restores the packaged one)
    assert analyse_text(text) == before


def test_the_packaged_filler_is_in_force_only_when_enabled() -> None:
    packaged = read_filler(data_path("models/filler.yaml"))
    assert (filler() is not None) == packaged.enabled


def test_a_filled_speaker_who_opens_a_quotation_goes_on_through_it(
        model_in_force: None) -> None:
    # the filler gives the opening sentence its kind; the quotation's untagged sentences
    # after it are that speaker's too, until a sentence with words after its closing mark
    text = ("Water returns\n\nThe board zorbled the plan on Monday, \"The supply is back. "
            "Everything is fine now. Nobody needs to boil water.\" The works cost $2 million.")
    use_filler(Filler({"official": {"word:zorbled": 6.0}}, {}, True, 0.5))
    sentences = analyse_text(text).sentences
    (opened,) = sentences[1].attributions
    assert opened.kind == "official" and opened.rule == RULE_ID
    for sentence in sentences[2:4]:
        (going,) = sentence.attributions
        assert going.kind == "official" and going.carried
        assert going.rule == f"attr.quote_continuation+{RULE_ID}"
        assert going.source == opened.source
    assert not sentences[4].attributions


def test_a_filled_speaker_does_not_go_on_past_a_tag_the_rules_did_not_read(
        model_in_force: None) -> None:
    text = ("Water returns\n\nThe board zorbled the plan on Monday, \"The supply is back. "
            "Was it ever gone?\" Vale wondered aloud.")
    use_filler(Filler({"official": {"word:zorbled": 6.0}}, {}, True, 0.5))
    sentences = analyse_text(text).sentences
    assert sentences[1].attributions
    assert not sentences[2].attributions
