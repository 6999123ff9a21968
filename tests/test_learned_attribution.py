"""The learned attribution finder: the packaged model, its validation, and what it adds.

Sentences are written for these tests; no training text is used.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from verifier import analyse_text
from verifier.analysis.attribution import learned
from verifier.errors import ConfigError

NARRATION = (
    "The bridge reopened on Monday after three weeks of repairs. "
    "Prices of fresh vegetables rose sharply in the spring. "
    "The team won its third match in a row on Saturday. "
    "Workers painted the railings a dark shade of green."
)


def _model_attributions(text: str) -> list[tuple[int, object]]:
    out = []
    for sentence in analyse_text(text).sentences:
        for a in sentence.attributions:
            if a.rule.startswith(learned.RULE_ID):
                out.append((sentence.index, a))
    return out


def test_packaged_model_loads_with_its_provenance() -> None:
    model = learned.read_model(learned.model_path())
    assert model.weights.shape == (len(model.names), len(learned.LABELS))
    assert "PolNeAR" in model.meta["corpus"]
    assert 0.0 < model.threshold < 1.0
    assert set(model.meta["scores"]["dev"]) == {"sentence", "source", "cue"}
    assert "said" in model.accept_words and "the" not in model.accept_words
    assert all(w == ":" or any(c.isalpha() for c in w) for w in model.accept_words)
    assert "bench/train_attribution.py" in model.meta["retrain"]
    # the settings' exclusions apply to the model the analyser uses
    assert not learned.model().accept_words & set(learned.settings().never_cues)


def test_finds_an_attribution_the_rules_miss() -> None:
    text = ("The library will close for a week in May. "
            "Governor Alan Brooks bemoaned the new jobs figures at a rally in Dayton on Friday.")
    found = _model_attributions(text)
    assert len(found) == 1
    index, a = found[0]
    assert index == 1
    assert a.kind == "official"  # from the rules' own reading of "Governor ..."
    assert (a.source.text, a.cue.text) == ("Governor Alan Brooks", "bemoaned")
    assert text[a.source.start:a.source.end] == a.source.text
    assert text[a.cue.start:a.cue.end] == a.cue.text
    assert a.rule.startswith("model.cue+spk.")
    assert a.reason.startswith("model score 0.")
    assert "weighed most:" in a.reason
    assert a.to_dict()["reason"] == a.reason


def test_a_pronoun_source_takes_the_earlier_speaker() -> None:
    text = ("Senator Maria Lopez said the clinic would stay open. "
            "She bemoaned the slow pace of the repairs.")
    found = _model_attributions(text)
    assert len(found) == 1
    _, a = found[0]
    assert a.carried and a.source.text == "Senator Maria Lopez" and a.cue.text == "bemoaned"
    assert a.mention is not None and a.mention.text == "She"
    assert a.to_dict()["mention"] == {"text": "She", "start": 53, "end": 56}


def test_quiet_on_plain_narration_and_headlines() -> None:
    assert _model_attributions(NARRATION) == []
    # a headline (no closing punctuation) is left to the rules by the settings
    assert _model_attributions("Intro line.\nGovernor Alan Brooks touts new jobs figures") == []


def test_an_unclassified_speaker_is_unnamed_with_its_own_rule() -> None:
    found = _model_attributions("The harbour was quiet on Sunday. "
                                "Nearby shopkeepers insisted the rent had doubled.")
    assert [(a.kind, a.source.text, a.cue.text, a.rule) for _, a in found] == [
        ("unnamed", "Nearby shopkeepers", "insisted", f"model.cue+{learned.UNCLASSIFIED_RULE}")]


def test_an_unclassified_speaker_is_no_person_a_later_pronoun_stands_for() -> None:
    # no speaker rule says "Another image" is a person: "he" is the analyst (session 24,
    # held out on Z)
    text = ('Political scientist Tom Vale declined to make predictions. Another image showed '
            'a smiling Prime Minister Ana Ruiz having drinks with the captain. "The government '
            'is preparing for an election," he said.')
    last = analyse_text(text).sentences[-1].attributions
    assert [a.source.text for a in last] == ["Political scientist Tom Vale"]


@pytest.mark.parametrize(("words", "describes"), [
    ("Nearby shopkeepers", True), ("critics", True), ("One questioner", True),
    ("week", False),  # a single singular common noun names nobody
    ("its", False), ("Its", False),  # a possessive determiner alone names nobody
    ("announced", False), ("previously said", False),  # a verb taken for the source
    ("the", False), ("21", False), ("", False),
])
def test_which_unclassified_words_stand_for_a_speaker(words: str, describes: bool) -> None:
    assert learned._describes(words, learned.model().cue_words) is describes


def test_the_settings_exclusions_hold_back_what_the_model_proposes() -> None:
    raw = learned.read_model(learned.model_path())
    # agreeing to do something is an act (never_cues)
    agreed = "Both unions agreed to resume the talks in March."
    assert [agreed[p.cue[0]:p.cue[1]] for p in learned.propose(agreed, raw)] == ["agreed"]
    assert learned.propose(agreed) == []
    # ... also when another word of the cue is one the model accepts ("has agreed")
    perfect = ("The Lakeside Teachers Pension Fund has agreed to pay Borealis Energy Inc. "
               "C$2.1 billion to buy a portfolio of farms.")
    assert [perfect[p.cue[0]:p.cue[1]] for p in learned.propose(perfect)] == ["has agreed"]
    assert _model_attributions("Intro line. " + perfect) == []
    # extending one's contract is an act the reporter tells, not words of the player
    extended = "Her team-mate Tom Hale has also extended his deal for two more years."
    assert [extended[p.cue[0]:p.cue[1]] for p in learned.propose(extended, raw)] == [
        "has also extended"]
    assert _model_attributions("Intro line. " + extended) == []
    # a cue after "by" is the means of the clause's act (never_after)
    means = "The mayor calmed the dispute by promising to repave the road."
    assert [means[p.cue[0]:p.cue[1]] for p in learned.propose(means)] == ["promising"]
    assert _model_attributions("Intro line. " + means) == []
    assert learned._follows("moving forward by promising", 7, 27, {"by": "x"})
    # an act on an object the settings name is the reporter's narrative (act_objects)
    acts = {"issued": frozenset({"authorisation", "threat"})}
    assert learned._acts_on("The agency issued an emergency authorisation", 11, 17, acts)
    assert learned._acts_on("He issued threats to return", 3, 9, acts)
    assert not learned._acts_on("The agency issued a statement on Friday", 11, 17, acts)
    assert not learned._follows("he kept promising", 8, 17, {"by": "x"})


def test_rule_attributions_have_no_reason() -> None:
    result = analyse_text("The ministry said the road would reopen in May.")
    (a,) = result.sentences[0].attributions
    assert not a.rule.startswith(learned.RULE_ID) and a.reason == ""
    assert "reason" not in a.to_dict()


def test_a_higher_threshold_in_the_settings_turns_it_off() -> None:
    strict = learned.configured(learned.read_model(learned.model_path()),
                                learned.Settings(True, 1.0, False, {}, None))
    learned.use_model(strict)
    try:
        assert _model_attributions(
            "Intro line. Governor Alan Brooks touted the new jobs figures.") == []
    finally:
        learned.use_model(None)


# ---------------------------------------------------------------- bad files


def _save(path: Path, **arrays: np.ndarray) -> Path:
    with path.open("wb") as fh:
        np.savez(fh, **arrays)  # type: ignore[arg-type]
    return path


def _parts() -> dict[str, np.ndarray]:
    with np.load(learned.model_path(), allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def _meta(parts: dict[str, np.ndarray]) -> dict[str, object]:
    meta: dict[str, object] = json.loads(bytes(parts["meta"]).decode())
    return meta


def _with_meta(parts: dict[str, np.ndarray], meta: dict[str, object]) -> dict[str, np.ndarray]:
    return {**parts, "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)}


def test_bad_model_files_are_clear_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a model at all")
    with pytest.raises(ConfigError, match=r"garbage\.npz: not a readable attribution model"):
        learned.read_model(garbage)
    with pytest.raises(ConfigError, match="not found"):
        learned.read_model(tmp_path / "missing.npz")

    parts = _parts()
    without = {k: v for k, v in parts.items() if k != "transitions"}
    with pytest.raises(ConfigError, match="lacks transitions"):
        learned.read_model(_save(tmp_path / "a.npz", **without))

    meta = _meta(parts)
    with pytest.raises(ConfigError, match=r"unknown metadata key.*thresold"):
        learned.read_model(_save(tmp_path / "b.npz", **_with_meta(parts, {**meta, "thresold": 1})))
    with pytest.raises(ConfigError, match=r"threshold 3\.0 is not between 0 and 1"):
        learned.read_model(_save(tmp_path / "c.npz", **_with_meta(parts, {**meta, "threshold": 3})))
    with pytest.raises(ConfigError, match="labels"):
        learned.read_model(_save(tmp_path / "d.npz",
                                 **_with_meta(parts, {**meta, "labels": ["O", "CUE"]})))

    short = {**parts, "weights": parts["weights"][:-1]}
    with pytest.raises(ConfigError, match="weights have shape"):
        learned.read_model(_save(tmp_path / "e.npz", **short))
    bad = parts["weights"].copy()
    bad[0, 0] = np.inf
    with pytest.raises(ConfigError, match="non-finite"):
        learned.read_model(_save(tmp_path / "f.npz", **{**parts, "weights": bad}))


_OK = ("enabled: true\nthreshold: null\nheadlines: false\nnever_cues: {}\n"
       "never_after: {}\nact_objects: {}\nunclassified_source: unnamed\n")


def test_a_valid_settings_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "attribution.yaml"
    path.write_text(_OK, encoding="utf-8")
    assert learned.read_settings(path) == learned.Settings(True, None, False, {}, "unnamed")


@pytest.mark.parametrize(("body", "message"), [
    (_OK + "extra: 1\n", "unknown key"),
    ("threshold: null\nheadlines: false\n", "missing key"),
    (_OK.replace("threshold: null", "threshold: 2"), "between 0 and 1"),
    (_OK.replace("headlines: false", "headlines: maybe"), "'headlines' must be true or false"),
    (_OK.replace("enabled: true", "enabled: 1"), "'enabled' must be true or false"),
    (_OK.replace("never_cues: {}", "never_cues: {Rejected: x}"), "lower-case"),
    (_OK.replace("never_after: {}", "never_after: [by]"), "'never_after' must map"),
    (_OK.replace("unnamed", "somebody"), "unclassified_source"),
    (_OK.replace("act_objects: {}", "act_objects: {issued: permit}"), "'act_objects' must map"),
    ("- a list\n", "expected a mapping"),
])
def test_bad_settings_are_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "attribution.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        learned.read_settings(path)


def test_packaged_settings_are_valid() -> None:
    how = learned.read_settings(learned.data_path(learned.SETTINGS_FILE))
    assert how.headlines is False
    assert all(reason for reason in how.never_cues.values())


def test_tagger_decodes_only_valid_tag_sequences() -> None:
    model = learned.model()
    text = "Officials at the port said on Tuesday that the cranes were working again."
    words = [text[a:b] for a, b in learned.tokens(text)]
    path, _ = learned.viterbi(model.emissions(learned.features(words, model.cue_words)),
                              model.transitions)
    for before, tag in zip([-1, *path], path, strict=False):
        if tag == learned.I_CUE:
            assert before in (learned.B_CUE, learned.I_CUE)
        if tag == learned.I_SRC:
            assert before in (learned.B_SRC, learned.I_SRC)


def test_a_quotation_goes_on_in_the_voice_of_a_speaker_the_rules_typed() -> None:
    # (a paragraph of quotation after the speaker's own: with a colon before the quotation,
    # the rules' attr.introduced_quote would take the speaker before the model is asked)
    text = ('Governor Alan Brooks bemoaned the new jobs figures at a rally in Dayton.\n\n"We '
            'have never seen numbers like these. The plant alone hired 400 people."')
    sentences = analyse_text(text).sentences
    (first,) = sentences[0].attributions
    assert first.rule.startswith("model.cue+")
    (going_on,) = sentences[1].attributions
    assert going_on.carried and going_on.kind == "official"
    assert going_on.source.text == "Governor Alan Brooks"


def test_a_guessed_speaker_does_not_go_on() -> None:
    # "the wardens": no speaker rule types it; the model's guess holds for its own sentence
    text = ('The wardens lamented the slow pace of the repairs: "We have waited for a year. '
            'Nobody has come to look at the roof."')
    sentences = analyse_text(text).sentences
    assert [a.kind for a in sentences[0].attributions] == ["unnamed"]
    assert sentences[1].attributions == ()


def test_a_sentence_ending_in_a_colon_is_read_not_taken_for_a_headline() -> None:
    text = ('The library will close for a week in May.\n'
            'Governor Alan Brooks touted the figures at a rally in Dayton:\n'
            '"We have never seen numbers like these."')
    sentences = analyse_text(text).sentences
    assert [a.kind for a in sentences[1].attributions] == ["official"]
    assert [a.source.text for a in sentences[2].attributions] == ["Governor Alan Brooks"]


@pytest.mark.parametrize("sentence", [
    'The mayor said on Monday that the bridge "will reopen soon," according to a spokeswoman.',
    "“We are not worried,” she told reporters, adding: “Not at all.”",
    "Officials, who asked not to be named, said the vote was close.",
    "Yes.",
    'He said "no" , ’ , : " said SAID Said 2021 É',
    " ".join(["word"] * 30) + " said the minister",
])
def test_emissions_found_by_index_are_those_of_the_feature_names(sentence: str) -> None:
    # ``emissions_of`` looks the features up without building their names: the same rows
    # in the same order, so the same sums, bit for bit, whatever the model has seen before
    model = learned.model()
    words = [sentence[a:b] for a, b in learned.tokens(sentence)]
    expected = model.emissions(learned.features(words, model.cue_words))
    for _ in range(2):  # the second time from the model's memo
        assert model.emissions_of(words).tobytes() == expected.tobytes()
    assert model.emissions_of([]).shape == (0, len(learned.LABELS))


@pytest.mark.parametrize(("words", "relative"), [
    ("who today", "who"), ("which last year", "which"), ("who also", "who"),
    ("who", "who"),
])
def test_relative_then_time_words(words: str, relative: str) -> None:
    """A relative pronoun with the time words the tagger took into a source ("who today
    confirmed") stands for the antecedent alone."""
    from verifier.analysis.attribution.learned import _RELATIVE_THEN_TIME

    found = _RELATIVE_THEN_TIME.fullmatch(words)
    assert found is not None and found.group(1) == relative


def test_relative_then_other_words_is_no_relative() -> None:
    from verifier.analysis.attribution.learned import _RELATIVE_THEN_TIME

    assert _RELATIVE_THEN_TIME.fullmatch("who lives nearby") is None
