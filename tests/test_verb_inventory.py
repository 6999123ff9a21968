"""The ``verbs`` rule type of the frames lexicon: a verb inventory by frame, inflections derived
(verifier/analysis/attribution/verbs.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from verifier.analysis.attribution.verbs import VerbsRule, compose, inflect
from verifier.errors import ConfigError
from verifier.rules.schema import build


@pytest.mark.parametrize(
    ("entry", "third", "past", "ing"),
    [
        ("warn", "warns", ("warned",), "warning"),
        ("stress", "stresses", ("stressed",), "stressing"),
        ("clarify", "clarifies", ("clarified",), "clarifying"),
        ("concede", "concedes", ("conceded",), "conceding"),
        ("vow", "vows", ("vowed",), "vowing"),
        ("admit admitted admitting", "admits", ("admitted",), "admitting"),
        ("write wrote written writing", "writes", ("wrote", "written"), "writing"),
    ],
)
def test_an_entry_gives_its_forms(entry: str, third: str, past: tuple[str, ...], ing: str) -> None:
    forms = inflect(entry, "here")
    assert (forms.base, forms.third, forms.past, forms.ing) == (entry.split()[0], third, past, ing)


def _raw(**verbs: Any) -> dict[str, Any]:
    return {"id": "attr.verbs.test", "type": "verbs", "verbs": verbs,
            "not_after": ["was", "the"],
            "examples": {"match": ["The mayor vowed to act. -> official"]}}


def _rule(**verbs: Any) -> VerbsRule:
    return build(VerbsRule, _raw(**verbs), "attribution_frames.yaml: rule 'attr.verbs.test'")


def test_an_unknown_frame_is_an_error_naming_the_field() -> None:
    with pytest.raises(ConfigError, match="unknown field 'whispering'"):
        _rule(whispering=["murmur"])


@pytest.mark.parametrize(
    ("verbs", "message"),
    [
        ({"that_clause": ["warn", "warn"]}, "'warn' is listed twice"),
        ({"that_clause": ["Warn"]}, "not a verb entry"),
        ({}, "no verbs in any frame"),
    ],
)
def test_a_bad_inventory_is_an_error_naming_the_rule(verbs: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        compose(_rule(**verbs))
    assert "attr.verbs.test" in str(caught.value)


@pytest.mark.parametrize(
    ("frame", "sentence", "cue"),
    [
        ("that_clause", "the council warned that the road was shut", "warned"),
        ("that_clause", "farmers lament on monday that the levy is high", "lament"),
        ("that_clause", "the dock reopened, stressing that the crane was safe", "stressing"),
        ("to_infinitive", "the board vows to repaint the quay", "vows"),
        ("object_to_infinitive", "the mayor urged all drivers to slow down", "urged"),
        ("for_object", "the governor appealed for calm", "appealed"),
        ("direct_object", "the union demanded an inquiry", "demanded"),
        ("clause_end", "\"it leaks,\" the caretaker narrated.", "narrated"),
        ("object_that", "the agency notified tenants that rents would rise", "notified"),
    ],
)
def test_each_frame_reads_its_verbs_in_their_context(frame: str, sentence: str, cue: str) -> None:
    verbs = {"that_clause": ["warn", "lament", "stress"], "to_infinitive": ["vow"],
             "object_to_infinitive": ["urge"], "for_object": ["appeal"],
             "direct_object": ["demand"], "clause_end": ["narrate"], "object_that": ["notify"]}
    pattern = re.compile(compose(_rule(**{frame: verbs[frame]})))
    found = pattern.search(sentence)
    assert found is not None and found.group(0) == cue


@pytest.mark.parametrize(
    ("frame", "verb", "sentence"),
    [
        # a passive's subject is the one warned (not_after "was")
        ("that_clause", "warn", "the tenants was warned that the road was shut"),
        # a noun of the same spelling (not_after "the"; a possessive before it)
        ("to_infinitive", "pledge", "the pledges to the charity"),
        ("that_clause", "remark", "the mayor's remarks that upset them"),
        # the verb in a sense that reports nothing: no frame's context follows it
        ("that_clause", "stress", "the mechanic stressed the engine"),
        ("that_clause", "add", "the council added two members"),
        ("clause_end", "add", "the council added to the cost."),
        ("direct_object", "demand", "the goods were in demand"),
    ],
)
def test_a_verb_outside_its_frame_is_no_cue(frame: str, verb: str, sentence: str) -> None:
    pattern = re.compile(compose(_rule(**{frame: [verb]})))
    assert pattern.search(sentence) is None
