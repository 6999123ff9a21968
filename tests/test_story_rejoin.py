"""Pass 1's rejoin step: a small story joined to an earlier story of its article, its model
section in the linker file, and how the join is explained."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from tests.test_story_linker import SENTENCES as LINKER_SENTENCES
from verifier.errors import ConfigError
from verifier.stories.article import group_article
from verifier.stories.grouping import Item, corpus_idf
from verifier.stories.linker import Linker, parse_linker
from verifier.stories.reasons import RULES, Why
from verifier.stories.rejoin import FEATURES, RULE, Rejoiner, parse_rejoiner

SENTENCES = [
    *LINKER_SENTENCES,
    "The Tolsen Rovers football club announced a new stadium near the Brask river.",
    "Rovers chairman Ivo Brandt said the stadium on the Brask would open in 2028.",
]


def _grouped(rejoin: Rejoiner | None) -> tuple[list[list[object]], dict[object, Why]]:
    """The article's stories and reasons with the rules (the linker never overriding them:
    margin 1 over nothing weighed) and ``rejoin`` after them."""
    found = [Item(("m", i), "m", i, text) for i, text in enumerate(SENTENCES)]
    keeps_rules = Linker({}, {}, margin=1.0, overrides=frozenset({"own"}), rejoin=rejoin)
    reasons: dict[object, Why] = {}
    groups = group_article(found, corpus_idf(found), reasons, keeps_rules)
    return [list(g.members) for g in groups], reasons


def _rules(reasons: Mapping[object, Why]) -> list[str]:
    return [reasons[("m", i)].rule for i in range(len(SENTENCES))]


def test_without_a_rejoin_step_the_rules_stories_stand() -> None:
    stories, reasons = _grouped(None)
    assert stories == [[("m", 0), ("m", 1), ("m", 2)], [("m", 3)], [("m", 4)],
                       [("m", 5), ("m", 6)]]
    assert _rules(reasons) == ["first", "main", "back", "other_time", "context.own",
                               "new_names.own", "inner_time.side"]


def test_a_step_weighing_apart_most_joins_nothing() -> None:
    assert _grouped(Rejoiner({"apart": 5.0, "adjacent": 1.0}, 0.0, 2)) == _grouped(None)


def test_small_stories_join_the_story_holding_the_claim_before_them() -> None:
    stories, reasons = _grouped(Rejoiner({"adjacent": 5.0}, 1.0, 1))
    # the one-claim stories 3 and 4 follow the main story's claims in turn; 5-6 are two
    # claims, more than `small`
    assert stories == [[("m", 0), ("m", 1), ("m", 2), ("m", 3), ("m", 4)],
                       [("m", 5), ("m", 6)]]
    assert _rules(reasons)[3:5] == [RULE, RULE]
    said = reasons[("m", 3)].describe()
    assert said.startswith(RULES[RULE])
    assert "the rejoin step's score 5 > apart 0" in said
    assert "it holds the claim right before the small story's first (weighs, rejoin step) 5" \
        in said


def test_a_small_story_joins_the_story_it_shares_names_with() -> None:
    stories, reasons = _grouped(Rejoiner({"names": 5.0}, 1.0, 1))
    # "Deputy mayor Oren Falk will lead Velmont" shares Velmont with the main story; the
    # council's budget shares no name with any story and stays apart
    assert stories == [[("m", 0), ("m", 1), ("m", 2), ("m", 4)], [("m", 3)],
                       [("m", 5), ("m", 6)]]
    assert reasons[("m", 4)].rule == RULE
    assert reasons[("m", 3)].rule == "other_time"


GOOD = {"format": 1, "enabled": True, "margin": 0.0, "overrides": [], "keeps": [],
        "weights": {}, "meta": {}}


def test_the_linker_file_may_carry_a_rejoin_step() -> None:
    model = parse_linker({**GOOD, "rejoin": {"margin": 0.5, "small": 2,
                                             "weights": {"adjacent": 1.0}}}, "x")
    assert model.rejoin == Rejoiner({"adjacent": 1.0}, 0.5, 2)
    assert parse_linker(GOOD, "x").rejoin is None


@pytest.mark.parametrize(("raw", "message"), [
    ({"margin": 0, "small": 1}, "expected a mapping with margin, small and weights"),
    ({"margin": 0, "small": 1, "weights": {}, "other": 1}, "expected a mapping"),
    ({"margin": -1, "small": 1, "weights": {}}, "'margin': expected a number >= 0"),
    ({"margin": 0, "small": 0, "weights": {}}, "'rejoin.small': expected a whole number"),
    ({"margin": 0, "small": True, "weights": {}}, "'rejoin.small': expected a whole number"),
    ({"margin": 0, "small": 1, "weights": {"nonsense": 1}},
     "'rejoin.weights.nonsense': unknown feature"),
])
def test_a_malformed_rejoin_section_is_an_error(raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_rejoiner(raw, "x")


def test_every_feature_says_what_it_measures() -> None:
    assert all(text and not text.endswith(".") for text in FEATURES.values())
