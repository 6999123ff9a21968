"""The claim filter: page furniture is not a claim, everything else is."""

from __future__ import annotations

import pytest

from verifier.claims import DEFAULT_RULE, _compile_rule, classify, decide
from verifier.errors import ConfigError
from verifier.segment import segment


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("By Maria Lopez and Kenji Ito", "claims.byline"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "claims.credit-line"),
        ("Copyright © Example Media.", "claims.copyright"),
        ("Read more: Five things to know about the vote", "claims.link"),
        ("14:05", "claims.timestamp"),
        ("(END)", "claims.end-mark"),
        ("Share this article", "claims.page-navigation"),
        ("Follow us on Twitter for the latest updates!", "claims.promotion"),
        ("Japanese Prime Minister Fumio Kishida", "claims.bare-label"),
    ],
)
def test_furniture(sentence: str, rule: str) -> None:
    decision = decide(sentence)
    assert decision.claim is False
    assert decision.rule == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister resigned on Tuesday.",
        "Kim-Xi summit bodes well for inter-Korea talks",
        "By Friday, officials had counted 300 ballots.",
        "Police said the suspect was arrested at 14:05 on Monday.",
        "Prime Minister resigns",
        '"No comment."',
    ],
)
def test_claims(sentence: str) -> None:
    assert decide(sentence).claim is True
    assert decide(sentence).rule == DEFAULT_RULE


def test_classify_keeps_order() -> None:
    sentences = segment("By Ann Lee\nThe council approved the fee.\nAll rights reserved.")
    assert [d.claim for d in classify(sentences)] == [False, True, False]


def test_unknown_rule_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="type"):
        _compile_rule({"id": "x", "type": "magic"})
    with pytest.raises(ConfigError, match="invalid pattern"):
        _compile_rule({"id": "x", "type": "pattern", "pattern": "("})
