"""Rules are typed data: a schema per rule type, unknown keys and bad values are errors that
name the file, the rule and the field; behaviour comes from declared fields, not rule ids."""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from verifier.analysis.analyse import analyse_text
from verifier.errors import ConfigError
from verifier.rules import lexicon
from verifier.rules.schema import Example, build, load_rules, parse_example

#: the module (the package's ``rules`` name is its compile function)
attribution_rules = importlib.import_module("verifier.analysis.attribution.rules")


def _frame(**extra: Any) -> dict[str, Any]:
    rule = {
        "id": "attr.deny.denied", "type": "frame", "pattern": "denied",
        "stance": "denies", "examples": {"match": ["The ministry denied the report. -> denied"]},
    }
    rule.update(extra)
    return rule


def test_an_unknown_key_names_file_rule_and_field() -> None:
    raw = _frame()
    raw["stanse"] = raw.pop("stance")
    with pytest.raises(ConfigError) as error:
        build(attribution_rules.FrameRule, raw, "attribution_frames.yaml: rule 'attr.deny.denied'")
    message = str(error.value)
    assert "attribution_frames.yaml" in message
    assert "'attr.deny.denied'" in message
    assert "unknown field 'stanse'" in message


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"stance": "refutes"}, "stance"),
        ({"speaker_at": ["above"]}, "speaker_at"),
        ({"speaker_at": "left"}, "speaker_at"),
        ({"carries_speaker": "yes"}, "carries_speaker"),
        ({"pattern": "(unclosed"}, "pattern"),
        ({"pattern": "(?P<name>x)"}, "pattern"),
    ],
)
def test_bad_values_are_errors_naming_the_field(extra: dict[str, Any], field: str) -> None:
    with pytest.raises(ConfigError, match=f"field '{field}'"):
        build(attribution_rules.FrameRule, _frame(**extra), "f.yaml: rule 'x'")


def test_a_missing_required_field_is_an_error() -> None:
    raw = _frame()
    del raw["pattern"]
    with pytest.raises(ConfigError, match="field 'pattern' is required"):
        build(attribution_rules.FrameRule, raw, "f.yaml: rule 'x'")


def test_examples_state_labels() -> None:
    labels = frozenset({"denied", "media", "unattributed"})
    assert parse_example("The ministry denied the report. -> media, denied", labels, "w") == (
        Example("The ministry denied the report.", ("denied", "media"))
    )
    assert parse_example("The sky is blue. -> unattributed", labels, "w").labels == ()
    assert parse_example("No labels here.", labels, "w").labels is None
    with pytest.raises(ConfigError, match="unknown label 'refuted'"):
        parse_example("The ministry denied it. -> refuted", labels, "w")


def _with_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Any,
                  name: str = attribution_rules.FRAMES) -> None:
    """Load the attribution lexicons from a copy of the package data whose lexicon ``name``
    (the frames by default) is changed by ``edit``; the other files are copied unchanged."""
    source = Path(lexicon.data_path(lexicon.LEXICON_DIR))
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for path in source.glob("*.yaml"):
        if path.stem != name:
            shutil.copyfile(path, folder / path.name)
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        edit(data["rules"])
        (folder / path.name).write_text(
            yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(lexicon, "data_path", lambda name: folder)
    lexicon.load_lexicon.cache_clear()
    lexicon.load_data.cache_clear()
    attribution_rules.rules.cache_clear()


@pytest.fixture
def restore_lexicons() -> Any:
    yield
    lexicon.load_lexicon.cache_clear()
    lexicon.load_data.cache_clear()
    attribution_rules.rules.cache_clear()


def test_a_typo_in_the_packaged_lexicon_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def typo(rules: list[dict[str, Any]]) -> None:
        rule = next(r for r in rules if r["id"] == "attr.deny.denied")
        rule["stanse"] = rule.pop("stance")

    _with_lexicon(tmp_path, monkeypatch, typo)
    with pytest.raises(ConfigError, match=r"attr\.deny\.denied.*unknown field 'stanse'"):
        attribution_rules.rules()


def test_keywords_are_read_from_patterns_and_an_override_must_be_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def needless(rules: list[dict[str, Any]]) -> None:
        rule = next(r for r in rules if r["id"] == "attr.citing")
        rule["keywords"] = ["citing"]

    _with_lexicon(tmp_path, monkeypatch, needless)
    with pytest.raises(ConfigError, match=r"attr\.citing.*field 'keywords': not needed"):
        attribution_rules.rules()


def test_unclassified_goes_with_a_right_speaker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def misplaced(rules: list[dict[str, Any]]) -> None:
        rule = next(r for r in rules if r["id"] == "attr.say")
        rule["unclassified"] = "unnamed"

    _with_lexicon(tmp_path, monkeypatch, misplaced)
    with pytest.raises(ConfigError, match=r"attr\.say.*field 'unclassified' goes with"):
        attribution_rules.rules()


def test_reported_after_object_goes_with_an_object_speaker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def misplaced(rules: list[dict[str, Any]]) -> None:
        rule = next(r for r in rules if r["id"] == "attr.say")
        rule["reported_after_object"] = True

    _with_lexicon(tmp_path, monkeypatch, misplaced)
    with pytest.raises(ConfigError, match=r"attr\.say.*field 'reported_after_object' goes with"):
        attribution_rules.rules()


def test_the_one_told_is_no_speaker_of_the_words_told() -> None:
    """"told X (that) it would not comment": the refusal is the teller's, in every written
    form of the one told (a news organisation, "reporters", a programme)."""
    for text, kinds in [
        ("The ministry told the Harbour Gazette it would not comment on the talks.",
         ("media", "declined")),
        ("The ministry told the Harbour Gazette that it could not confirm the figure.",
         ("media", "declined")),
        ("The club told the Harbour Gazette it declined to comment.", ("media", "declined")),
        ("A spokesman told reporters he would not discuss the case.", ("declined",)),
        # another party's refusal in the words told stays its own
        ("The ministry told reporters that the police would not comment.",
         ("official", "declined")),
    ]:
        sentence = analyse_text(text).sentences[0]
        assert sorted(sentence.kinds) == sorted(kinds), text
        assert all(a.source.text != "reporters he" for a in sentence.attributions)


def test_right_words_no_descriptor_classifies_take_the_frames_unclassified_kind() -> None:
    sentence = analyse_text(
        "Turnout rose to 61 percent, according to complete but unofficial returns.").sentences[0]
    assert sentence.kinds == ("unnamed",)
    assert sentence.attributions[0].rule == "attr.according_to+spk.unclassified"
    assert sentence.attributions[0].source.text == "complete but unofficial returns"
    # a pronoun is a speaker the memory resolves, never "unclassified" words
    assert analyse_text("According to him, the levy failed.").sentences[0].kinds == ()


def test_a_new_wording_is_a_yaml_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def add(rules: list[dict[str, Any]]) -> None:
        rules.append({
            "id": "attr.test.grumbled", "type": "frame", "pattern": "grumbled",
            "speaker_at": ["inverted", "left"],
            "examples": {"match": ["The mayor grumbled that the bridge was late. -> official"]},
        })

    _with_lexicon(tmp_path, monkeypatch, add)
    from verifier.analysis.attribution.plan import clear_plan_cache

    clear_plan_cache()
    try:
        sentence = analyse_text("The mayor grumbled that the bridge was late.").sentences[0]
        assert sentence.kinds == ("official",)
        assert sentence.attributions[0].rule.startswith("attr.test.grumbled+")
    finally:
        clear_plan_cache()


@pytest.mark.parametrize("verb", ["said", "reported"])
def test_a_quote_continuation_follows_any_frame_that_carries_its_speaker(verb: str) -> None:
    # "attr.reported" once counted as "attr.report" (rule ids matched with startswith)
    text = f'"The plant will close," the Daily Courier {verb}. "Hundreds of jobs will go."'
    sentences = analyse_text(text).sentences
    assert sentences[1].kinds == ("media",)
    assert sentences[1].attributions[0].carried


@pytest.mark.parametrize(
    ("module", "lexicon_name"),
    [
        ("verifier.analysis.attribution.rules", "attribution_frames"),
        ("verifier.analysis.attribution.rules", "attribution_speakers"),
        ("verifier.analysis.attribution.readings", "stance_readings"),
        ("verifier.analysis.certainty", "certainty"),
        ("verifier.analysis.claim_filter", "claims"),
    ],
)
def test_every_rule_of_every_lexicon_has_a_schema_that_refuses_unknown_keys(
    module: str, lexicon_name: str
) -> None:
    owner = importlib.import_module(module)
    schemas = getattr(owner, "SCHEMAS", None) or {
        **owner.FRAME_SCHEMAS, **owner.SPEAKER_SCHEMAS
    }
    for raw in lexicon.load_lexicon(lexicon_name):
        build(schemas[raw["type"]], raw, "w")  # the packaged rule is valid
        with pytest.raises(ConfigError, match="unknown field 'colour'"):
            build(schemas[raw["type"]], {**raw, "colour": "red"}, "w")


def _speaker_rule(rule_id: str) -> Any:
    def find(rules: list[dict[str, Any]]) -> dict[str, Any]:
        return next(r for r in rules if r["id"] == rule_id)
    return find


@pytest.mark.parametrize(
    ("rule_id", "change", "message"),
    [
        # a name rule's fields are typed like any other
        ("spk.proper_name", {"anonymous": "somebody"}, r"spk\.proper_name.*field 'anonymous'"),
        ("spk.person", {"role": "nickname"}, r"spk\.person.*field 'role'"),
        ("spk.proper_name", {"common_endings": "ed"}, r"spk\.proper_name.*field 'common_endings'"),
        # an evidence rule's words and kind go with the strategy that reads them
        ("spk.evidence.possesses", {"words": []}, r"spk\.evidence\.possesses.*'words' and 'kind'"),
        ("spk.evidence.acronym", {"kind": "official"},
         r"spk\.evidence\.acronym.*'words' and 'kind'"),
        ("spk.evidence.described", {"strategy": "guess"}, r"spk\.evidence\.described.*'strategy'"),
        # whom a spokesperson speaks for is a speaker kind, and no pronoun's
        ("spk.agent", {"speaks_for": "party"}, r"spk\.agent.*field 'speaks_for'"),
        ("spk.pronoun", {"speaks_for": "official"}, r"spk\.pronoun.*'speaks_for' does not go"),
        # the kind with no name is a speaker kind, and only where a party is spoken for
        ("spk.agent", {"nameless": "party"}, r"spk\.agent.*field 'nameless'"),
        ("spk.expert", {"nameless": "unnamed_official"},
         r"spk\.expert.*'nameless' goes with 'speaks_for' or 'party_before'"),
    ],
)
def test_name_and_evidence_rules_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any,
    rule_id: str, change: dict[str, Any], message: str,
) -> None:
    def edit(rules: list[dict[str, Any]]) -> None:
        _speaker_rule(rule_id)(rules).update(change)

    _with_lexicon(tmp_path, monkeypatch, edit, attribution_rules.SPEAKERS)
    with pytest.raises(ConfigError, match=message):
        attribution_rules.rules()


def test_each_name_role_needs_exactly_one_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def drop(rules: list[dict[str, Any]]) -> None:
        rules.remove(_speaker_rule("spk.person")(rules))

    _with_lexicon(tmp_path, monkeypatch, drop, attribution_rules.SPEAKERS)
    with pytest.raises(ConfigError, match="no name rule with role 'person'"):
        attribution_rules.rules()


def test_the_common_word_strategy_is_switched_by_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    text = "Bond markets fell on Monday. Markets believe the central bank will cut rates."
    assert analyse_text(text).sentences[-1].kinds == ("unnamed",)

    def off(rules: list[dict[str, Any]]) -> None:
        _speaker_rule("spk.proper_name")(rules)["common_endings"] = []

    _with_lexicon(tmp_path, monkeypatch, off, attribution_rules.SPEAKERS)
    from verifier.analysis.attribution.plan import clear_plan_cache
    from verifier.analysis.attribution.speakers import clear_descriptor_cache

    clear_plan_cache()
    clear_descriptor_cache()
    try:
        assert analyse_text(text).sentences[-1].kinds == ("official",)
    finally:
        clear_plan_cache()
        clear_descriptor_cache()


def test_a_nameless_spokesperson_kind_is_switched_by_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    """An unnamed person speaking for a named body is unnamed_official by the rule's
    ``nameless`` field; named, the party's voice; without the field, official as before."""
    nameless = ["A Harbourline spokeswoman said the ferries would resume on Monday.",
                "A spokesperson for the harbour board said the quay would reopen in May."]
    named = "Harbourline spokeswoman Ana Ruiz said the ferries would resume on Monday."
    for text in nameless:
        assert analyse_text(text).sentences[-1].kinds == ("unnamed_official",), text
    assert analyse_text(named).sentences[-1].kinds == ("official",)

    def off(rules: list[dict[str, Any]]) -> None:
        for rule_id in ("spk.agent", "spk.agent_indefinite"):
            del _speaker_rule(rule_id)(rules)["nameless"]

    _with_lexicon(tmp_path, monkeypatch, off, attribution_rules.SPEAKERS)
    from verifier.analysis.attribution.plan import clear_plan_cache
    from verifier.analysis.attribution.speakers import clear_descriptor_cache

    clear_plan_cache()
    clear_descriptor_cache()
    try:
        for text in nameless:
            assert analyse_text(text).sentences[-1].kinds == ("official",), text
        assert analyse_text(named).sentences[-1].kinds == ("official",)
    finally:
        clear_plan_cache()
        clear_descriptor_cache()


def test_a_turn_that_ends_with_its_line_is_switched_by_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    text = ("Q: Will you stay?\nRuiz: I will stay.\nQ: And next year?\nRuiz: We will see.\n"
            "Lund: I agree with him.\nThe panel ended at noon.")
    assert analyse_text(text).sentences[-1].kinds == ()

    def off(rules: list[dict[str, Any]]) -> None:
        next(r for r in rules if r["id"] == "attr.label.interview")["turn_ends_with_line"] = False

    _with_lexicon(tmp_path, monkeypatch, off)
    from verifier.analysis.attribution.plan import clear_plan_cache

    clear_plan_cache()
    try:
        assert analyse_text(text).sentences[-1].kinds == ("named",)
    finally:
        clear_plan_cache()


def test_labels_whose_speakers_return_are_switched_by_their_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    # three headings that each name something once are a list, no interview
    text = ("The orchestra sold its archive.\nArchive Scope: The sale covers every tape.\n"
            "New Owner: A heritage trust holds the tapes.\n"
            "Playback Rights: A broadcaster keeps its licence.\nIt closes in spring.")
    rules = {a.rule.split("+")[0] for s in analyse_text(text).sentences for a in s.attributions}
    assert "attr.label.interview" not in rules

    def off(rules: list[dict[str, Any]]) -> None:
        next(r for r in rules if r["id"] == "attr.label.interview")["speakers_return"] = False

    _with_lexicon(tmp_path, monkeypatch, off)
    from verifier.analysis.attribution.plan import clear_plan_cache

    clear_plan_cache()
    try:
        found = {a.rule.split("+")[0] for s in analyse_text(text).sentences
                 for a in s.attributions}
        assert "attr.label.interview" in found
    finally:
        clear_plan_cache()


@pytest.mark.parametrize("field", ["speakers_return", "turn_ends_with_line"])
def test_a_turn_field_goes_only_on_a_label_rule(
    field: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    # speakers_return goes with two turns, turn_ends_with_line with until_next_label
    def misplaced(rules: list[dict[str, Any]]) -> None:
        next(r for r in rules if r["id"] == "attr.label.headline")[field] = True

    _with_lexicon(tmp_path, monkeypatch, misplaced)
    with pytest.raises(ConfigError, match=rf"attr\.label\.headline.*'{field}' goes"):
        attribution_rules.rules()


def test_an_acronym_headline_label_is_switched_by_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    # one word in capitals before a headline's colon, in an article with no turns
    text = "HBA: Free parking stays in the old town\nHBA said on Monday that it would stay free."
    first = analyse_text(text).sentences[0]
    assert [a.rule.split("+")[0] for a in first.attributions] == ["attr.label.headline"]

    def off(rules: list[dict[str, Any]]) -> None:
        next(r for r in rules if r["id"] == "attr.label.transcript")["headline_words"] = 0

    _with_lexicon(tmp_path, monkeypatch, off)
    from verifier.analysis.attribution.plan import clear_plan_cache

    clear_plan_cache()
    try:
        assert analyse_text(text).sentences[0].attributions == ()
    finally:
        clear_plan_cache()


def test_headline_words_goes_only_with_turns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any
) -> None:
    def misplaced(rules: list[dict[str, Any]]) -> None:
        next(r for r in rules if r["id"] == "attr.label.headline")["headline_words"] = 1

    _with_lexicon(tmp_path, monkeypatch, misplaced)
    with pytest.raises(ConfigError, match=r"attr\.label\.headline.*'headline_words' goes"):
        attribution_rules.rules()


@pytest.mark.parametrize(
    ("rule_id", "change", "message"),
    [
        # a negation must look at one word at least; an event family needs words
        ("attr.negation.not", {"reach": 0}, r"attr\.negation\.not.*field 'reach': at least 1"),
        ("attr.negation.no", {"argument_reach": -1},
         r"attr\.negation\.no.*field 'argument_reach': expected a whole number >= 0"),
        ("attr.event.departure", {"words": []}, r"attr\.event\.departure.*field 'words'"),
        ("attr.event.breakup", {"counter": "together"}, r"attr\.event\.breakup.*field 'counter'"),
    ],
)
def test_negation_and_event_rules_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any,
    rule_id: str, change: dict[str, Any], message: str,
) -> None:
    def edit(rules: list[dict[str, Any]]) -> None:
        next(r for r in rules if r["id"] == rule_id).update(change)

    _with_lexicon(tmp_path, monkeypatch, edit)
    with pytest.raises(ConfigError, match=message):
        attribution_rules.rules()


# --- the rule types of stance_readings.yaml: their keys and which are required --------------

#: Each rule type of ``stance_readings.yaml``: the keys it takes and the ones it requires
#: (a shared base for the fields the types repeat must change neither).
_READING_KEYS = {
    "reading": ({"id", "type", "stance", "compose", "examples", "frame", "passive"},
                {"id", "type", "stance", "compose", "examples"}),
    "quotation": ({"id", "type", "stance", "compose", "examples", "negations"},
                  {"id", "type", "stance", "compose", "examples"}),
    "party": ({"id", "type", "stance", "compose", "examples", "negations", "coordinated",
               "not_after"}, {"id", "type", "stance", "compose", "examples"}),
    # (these read the lexicon's negations alone: no words of absence, no ``compose``)
    "clause": ({"id", "type", "stance", "examples", "negations", "not_after"},
               {"id", "type", "stance", "examples"}),
    "insistence": ({"id", "type", "stance", "examples", "cues", "negations",
                    "not_after"}, {"id", "type", "stance", "examples", "cues"}),
    "headline": ({"id", "type", "stance", "examples", "negations", "not_after"},
                 {"id", "type", "stance", "examples"}),
}


def _readings_rule(rule_type: str) -> dict[str, Any]:
    """The packaged stance_readings.yaml rule of ``rule_type`` with every key it may take
    (an optional key missing from the file is given a valid value)."""
    raw = dict(next(r for r in lexicon.load_lexicon("stance_readings") if r["type"] == rule_type))
    fill = {"frame": False, "passive": False, "negations": [], "coordinated": True,
            "not_after": "negator", "cues": "negator"}
    for key in _READING_KEYS[rule_type][0] - set(raw):
        raw[key] = fill[key]
    return raw


@pytest.mark.parametrize("rule_type", sorted(_READING_KEYS))
def test_a_readings_rule_type_takes_its_keys_and_requires_its_required_ones(
        rule_type: str) -> None:
    from verifier.analysis.attribution import readings

    schema = readings.SCHEMAS[rule_type]
    keys, required = _READING_KEYS[rule_type]
    where = "stance_readings.yaml: rule 'read.x'"
    raw = _readings_rule(rule_type)
    assert set(raw) == keys
    built = build(schema, raw, where)  # every key it takes, each valid
    assert built.type == rule_type
    for key in sorted(keys):
        lacking = {k: v for k, v in raw.items() if k != key}
        if key in required:
            with pytest.raises(ConfigError) as error:
                build(schema, lacking, where)
            assert str(error.value) == f"{where}: field {key!r} is required"
        else:
            build(schema, lacking, where)
    with pytest.raises(ConfigError) as error:
        build(schema, {**raw, "colour": "red"}, where)
    assert str(error.value) == (f"{where}: unknown field 'colour' (this rule type has: "
                                f"{', '.join(sorted(keys))})")
    with pytest.raises(ConfigError, match=f"^{where}: field 'type': 'other' is not one of"):
        build(schema, {**raw, "type": "other"}, where)


@pytest.mark.parametrize("rule_type", sorted(_READING_KEYS))
def test_the_readings_file_names_its_file_rule_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restore_lexicons: Any, rule_type: str
) -> None:
    from verifier.analysis.attribution import readings

    def edit(rules: list[dict[str, Any]]) -> None:
        rule = next(r for r in rules if r["type"] == rule_type)
        rule["colour"] = "red"
        del rule["stance"]

    _with_lexicon(tmp_path, monkeypatch, edit, readings.READINGS)
    rule_id = next(r["id"] for r in lexicon.load_lexicon("stance_readings")
                   if r["type"] == rule_type)
    with pytest.raises(ConfigError, match=(
            rf"^stance_readings\.yaml: rule '{re.escape(rule_id)}': unknown field 'colour'")):
        load_rules(readings.READINGS, readings.SCHEMAS)
