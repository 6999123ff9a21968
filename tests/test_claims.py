"""The claim filter: page furniture is not a claim, everything else is."""

from __future__ import annotations

import pytest

from verifier.analysis.claim_filter import DEFAULT_RULE, _compile_rule, classify, decide
from verifier.analysis.segment import segment
from verifier.errors import ConfigError


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


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("By Mia Chen, Health reporter", "claims.byline"),
        ("By Ola Berg – Senior Reporter, Oslo Business Journal", "claims.byline"),
        ("Tom Hale Political correspondent", "claims.byline-role"),
        ("Wed 5 Mar 2025 09.15 GMT", "claims.timestamp"),
        ("Updated April 2, 2025 at 6:10 p.m.", "claims.stamp"),
        ("Published On 3 May 2025", "claims.stamp"),
        ("— With assistance from Jo Park", "claims.credit-line"),
        ("==Kyodo", "claims.desk-slug"),
        ("09/29/2025 06:00 PM EDT", "claims.dateline-only"),
        ("Jo Park covers energy and climate policy.", "claims.reporter-bio"),
    ],
)
def test_furniture_of_other_house_styles(sentence: str, rule: str) -> None:
    decision = decide(sentence)
    assert (decision.claim, decision.rule) == (False, rule)


@pytest.mark.parametrize(
    "sentence",
    [
        "Published in 2019, the study found no link between the two.",
        "The company posted a $3 million loss in the second quarter.",
        "Medicare covers the cost of the test.",
        "Tom Hale is our political correspondent in Brussels.",
    ],
)
def test_claims_that_look_like_furniture(sentence: str) -> None:
    assert decide(sentence).claim is True
