"""Pass 2's learned joiner: its file, its features, and how its joins are explained."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

import pytest

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.stories import joiner as joining
from verifier.stories.grouping import Item, _Index, _merge, corpus_idf, group, group_article
from verifier.stories.joiner import (
    ALONE_FEATURES,
    FEATURES,
    MODEL_FILE,
    PAIR_FEATURES,
    Joiner,
    parse_joiner,
    read_joiner,
)
from verifier.stories.reasons import RULES, Number, Why

# Two reports of one takeover that share one distinctive name (Zentrix): the rules want two
# such names (or one weighing `link`), so they keep the two articles' stories apart.
FIRST = [
    "Harbour operator Zentrix agreed to buy the ferry line of Velmont for 40 million "
    "dollars on Monday, the company said.",
    "The ferry line carries two million passengers a year between the islands.",
]
SECOND = [
    "Analysts said that Zentrix will pay cash for the ferry business and keep its crews.",
    "The purchase of the ferry line still needs the approval of the harbour authority.",
]


def _items() -> list[Item]:
    return [Item((doc, i), doc, i, text) for doc, texts in (("a", FIRST), ("b", SECOND))
            for i, text in enumerate(texts)]


@pytest.fixture
def rules_only() -> Iterator[None]:
    joining.use_joiner(None)
    yield
    joining.restore_joiner()


def _grouped(chooser: joining.JoinChooser | None
             ) -> tuple[list[list[Hashable]], dict[Hashable, Why]]:
    items = _items()
    idf = corpus_idf(items)
    index = _Index([], idf)
    joins: dict[Hashable, Why] = {}
    joining.use_joiner(chooser)
    try:
        for doc in ("a", "b"):
            _merge(group_article([i for i in items if i.doc == doc], idf), index, joins=joins)
    finally:
        joining.restore_joiner()
    return [list(g.members) for g in index.groups], joins


def test_the_packaged_joiner_file_is_valid() -> None:
    model = read_joiner(data_path(MODEL_FILE))
    assert set(model.weights) <= set(FEATURES)
    assert set(PAIR_FEATURES).isdisjoint(ALONE_FEATURES)
    assert {"sets", "loso_macro", "rules_macro"} <= set(model.meta)


GOOD = {"format": 1, "enabled": True, "margin": 0.0, "weights": {}, "meta": {}}


@pytest.mark.parametrize(("raw", "message"), [
    ({**GOOD, "weights": {"nonsense": 1.0}}, "'weights.nonsense': unknown feature"),
    ({**GOOD, "weights": {"cosine": "high"}}, "'weights.cosine': expected a finite number"),
    ({**GOOD, "margin": -1}, "'margin': expected a number >= 0"),
    ({**GOOD, "format": 2}, "'format': expected 1"),
    ({**GOOD, "extra": 1}, "'extra': unknown"),
    ({k: v for k, v in GOOD.items() if k != "meta"}, "'meta': missing"),
    ({**GOOD, "meta": {"note": "a sentence of some labelled article copied in here"}},
     "'meta.note': expected numbers or short strings"),
])
def test_a_bad_joiner_file_is_refused(raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_joiner(raw, "joiner.yaml")


def test_the_rules_keep_apart_stories_sharing_one_distinctive_name(rules_only: None) -> None:
    stories = group(_items())
    assert len(stories) == 2
    assert all(len({k[0] for k in story}) == 1 for story in stories)  # type: ignore[index]


def test_a_joiner_weighing_nothing_joins_as_the_rules_do() -> None:
    assert _grouped(Joiner({}, {}))[0] == _grouped(None)[0]


def test_a_join_against_the_rules_names_the_features_that_weighed_most() -> None:
    model = Joiner({"join": 1.0, "cosine": 2.0, "alone": -0.5}, {})
    groups, joins = _grouped(model)
    joined = next(g for g in groups if {k[0] for k in g} == {"a", "b"})  # type: ignore[index]
    why = joins[("b", 0)]
    assert ("b", 0) in joined and ("a", 0) in joined
    assert why.rule == "joined_learned" and why.rule in RULES
    assert why.numbers[0].name == "joiner" and why.numbers[0].value > why.numbers[0].limit
    shown = {n.name: n.value for n in why.numbers[1:]}
    assert shown["joiner:join"] == 1.0 and shown["joiner:rules:alone"] == -0.5
    assert 0 < shown["joiner:cosine"] <= 2.0
    described = why.describe()
    assert "the learned joiner's score" in described
    assert "a story of other articles (constant) (weighs, learned joiner)" in described
    assert "the rules' choice: no story (constant) (weighs, learned joiner)" in described


def test_the_joiner_overrides_the_rules_only_by_its_margin() -> None:
    wide = Joiner({"join": 1.0, "cosine": 2.0, "alone": 0.5}, {}, margin=50.0)
    assert _grouped(wide)[0] == _grouped(None)[0]


def test_the_rules_alone_when_the_joiner_is_off() -> None:
    off = Joiner({"join": 5.0}, {}, enabled=False)
    assert not off.enabled
    joining.use_joiner(None)
    try:
        assert joining.joiner() is None
    finally:
        joining.restore_joiner()


def test_a_joiner_feature_reads_as_its_text_and_weight() -> None:
    said = Number("joiner:cosine", 0.5).describe()
    assert said == "similarity of terms (cosine) (weighs, learned joiner) 0.50"
    assert joining.describe_feature("cosine") is None
    assert joining.describe_feature("joiner:nonsense") is None


def test_a_gated_joiner_joins_only_stories_the_name_tests_let_through() -> None:
    from verifier.stories.joiner import JoinDecision
    from verifier.stories.terms import Group

    group = Group(["x"])
    stories = [Group(["y"]), Group(["z"])]
    features = [{"join": 1.0}, {"join": 1.0, "eligible": 1.0, "cosine": 0.1}, {"alone": 1.0}]
    decision = JoinDecision(group, [7, 8], stories, features, None, None)
    weights = {"join": 2.0, "cosine": -5.0}
    assert Joiner(weights, {}).choose(decision)[0] == 7
    assert Joiner(weights, {}, gated=True).choose(decision)[0] == 8
    assert Joiner({"join": 2.0, "cosine": -50.0}, {}, gated=True).choose(decision) == (None, None)
    assert parse_joiner({**GOOD, "gated": True}, "joiner.yaml").gated
    with pytest.raises(ConfigError, match="'gated': expected true or false"):
        parse_joiner({**GOOD, "gated": "yes"}, "joiner.yaml")
