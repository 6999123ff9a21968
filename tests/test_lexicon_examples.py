"""Every rule of every lexicon file fires on its `match` examples and not on its `no_match`,
and an example that states its labels (``"The ministry denied the report. -> denied, media"``)
yields exactly those labels on its last sentence.

A rule's id must appear in the evidence of the analysis of each `match` sentence (the claim
rule, the certainty rule, or an attribution's rule) and must not appear for `no_match`.
"""

from __future__ import annotations

from typing import Any

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.rules.lexicon import lexicon_files, load_data, load_lexicon
from verifier.rules.schema import parse_example


def _cases() -> list[Any]:
    cases = []
    for path in lexicon_files():
        if "rules" not in load_data(path.stem):
            continue  # word lists only (segment.yaml: its examples run in test_segment.py)
        for rule in load_lexicon(path.stem):
            examples = rule["examples"]
            for raw in examples.get("match") or []:
                example = parse_example(raw, None, rule["id"])
                cases.append(pytest.param(rule["id"], example.text, True, example.labels,
                                          id=f"{rule['id']}+"))
            for raw in examples.get("no_match") or []:
                example = parse_example(raw, None, rule["id"])
                cases.append(pytest.param(rule["id"], example.text, False, example.labels,
                                          id=f"{rule['id']}-"))
    return cases


def _evidence(text: str) -> tuple[set[str], tuple[str, ...]]:
    """The rule ids in the evidence of an analysis, and its last sentence's labels."""
    rules: set[str] = set()
    sentences = analyse_text(text).sentences
    for sentence in sentences:
        rules.add(sentence.claim_rule)
        if sentence.certainty is not None:
            rules.add(sentence.certainty.rule)
        # an attribution's rule is a chain: frame + descriptor (+ content cue)
        rules.update(part for a in sentence.attributions for part in a.rule.split("+"))
    return rules, tuple(sorted(sentences[-1].kinds)) if sentences else ()


@pytest.mark.parametrize(("rule_id", "sentence", "should_match", "labels"), _cases())
def test_rule_examples(
    rule_id: str, sentence: str, should_match: bool, labels: tuple[str, ...] | None
) -> None:
    found, kinds = _evidence(sentence)
    if should_match:
        assert rule_id in found, f"{rule_id} did not fire on {sentence!r}; evidence: {found}"
    else:
        assert rule_id not in found, f"{rule_id} fired on {sentence!r}"
    if labels is not None:
        assert kinds == labels, f"{sentence!r} yields {kinds or 'unattributed'}, not {labels}"


def test_every_attribution_example_states_its_labels() -> None:
    for name in ("attribution_frames", "attribution_speakers"):
        for rule in load_lexicon(name):
            for raw in rule["examples"]["match"]:
                assert parse_example(raw, None, rule["id"]).labels is not None, (
                    f"{name}.yaml: rule {rule['id']!r}: example {raw!r} states no labels"
                )
