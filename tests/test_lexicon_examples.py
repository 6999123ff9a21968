"""Every rule of every lexicon file fires on its `match` examples and not on its `no_match`.

A rule's id must appear in the evidence of the analysis of each `match` sentence (the claim
rule, the certainty rule, or an attribution's rule) and must not appear for `no_match`.
"""

from __future__ import annotations

from typing import Any

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.rules.lexicon import lexicon_files, load_data, load_lexicon


def _cases() -> list[Any]:
    cases = []
    for path in lexicon_files():
        if "rules" not in load_data(path.stem):
            continue  # word lists only (segment.yaml: its examples run in test_segment.py)
        for rule in load_lexicon(path.stem):
            examples = rule["examples"]
            for sentence in examples.get("match") or []:
                cases.append(pytest.param(rule["id"], sentence, True, id=f"{rule['id']}+"))
            for sentence in examples.get("no_match") or []:
                cases.append(pytest.param(rule["id"], sentence, False, id=f"{rule['id']}-"))
    return cases


def _evidence(text: str) -> set[str]:
    rules: set[str] = set()
    for sentence in analyse_text(text).sentences:
        rules.add(sentence.claim_rule)
        if sentence.certainty is not None:
            rules.add(sentence.certainty.rule)
        # an attribution's rule is a chain: frame + descriptor (+ content cue)
        rules.update(part for a in sentence.attributions for part in a.rule.split("+"))
    return rules


@pytest.mark.parametrize(("rule_id", "sentence", "should_match"), _cases())
def test_rule_examples(rule_id: str, sentence: str, should_match: bool) -> None:
    found = _evidence(sentence)
    if should_match:
        assert rule_id in found, f"{rule_id} did not fire on {sentence!r}; evidence: {found}"
    else:
        assert rule_id not in found, f"{rule_id} fired on {sentence!r}"
