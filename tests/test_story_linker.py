"""Pass 1's learned linker: its file, its features, and how its decisions are explained."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.stories import linker as linking
from verifier.stories.article import group_article
from verifier.stories.grouping import Item, corpus_idf
from verifier.stories.linker import (
    AGAINST,
    FEATURES,
    LINK_FEATURES,
    MODEL_FILE,
    OWN_FEATURES,
    Decision,
    Linker,
    candidates,
    parse_linker,
    read_linker,
)
from verifier.stories.params import grouping_params
from verifier.stories.reasons import RULES, Why
from verifier.stories.terms import Group

SENTENCES = [
    "Velmont mayor Ada Quist resigned on Monday after auditors questioned a harbour "
    "dredging contract, two council members said.",
    "Quist said in a statement that she had done nothing wrong.",
    "She added that she would cooperate with the auditors.",
    "In March, the council had approved a new budget for the city's schools.",
    "Deputy mayor Oren Falk will lead Velmont until an election is held, the council said.",
]


def _items() -> list[Item]:
    return [Item(("m", i), "m", i, text) for i, text in enumerate(SENTENCES)]


@pytest.fixture
def rules_only() -> Iterator[None]:
    linking.use_linker(None)
    yield
    linking.restore_linker()


def _grouped(chooser: linking.Chooser | None) -> tuple[list[list[object]], dict[object, Why]]:
    found = _items()
    reasons: dict[object, Why] = {}
    if chooser is None:
        linking.use_linker(None)
        try:
            groups = group_article(found, corpus_idf(found), reasons)
        finally:
            linking.restore_linker()
    else:
        groups = group_article(found, corpus_idf(found), reasons, chooser)
    return [list(g.members) for g in groups], reasons


def test_the_packaged_linker_file_is_valid() -> None:
    model = read_linker(data_path(MODEL_FILE))
    assert set(model.weights) <= set(FEATURES)
    assert set(LINK_FEATURES).isdisjoint(OWN_FEATURES)
    if model.enabled:  # it says what it was trained on and what it measured
        assert {"sets", "loso_macro", "rules_macro"} <= set(model.meta)


GOOD = {"format": 1, "enabled": True, "margin": 0.0, "overrides": [], "keeps": [],
        "weights": {}, "meta": {}}


@pytest.mark.parametrize(("raw", "message"), [
    ({**GOOD, "weights": {"nonsense": 1.0}}, "'weights.nonsense': unknown feature"),
    ({**GOOD, "weights": {"own": float("nan")}}, "'weights.own': expected a finite number"),
    ({k: v for k, v in GOOD.items() if k != "meta"}, "'meta': missing"),
    ({**GOOD, "enabled": "yes"}, "'enabled': expected"),
    ({**GOOD, "margin": -1}, "'margin': expected a number >= 0"),
    ({**GOOD, "format": 2}, "'format': expected 1"),
    ({**GOOD, "overrides": ["away"]}, "'overrides': expected a list of own, main"),
    ({**GOOD, "keeps": ["nonsense"]}, "'keeps': expected a list of pass-1 rule ids"),
    ({**GOOD, "reconsiders": ["before"]}, "'reconsiders': expected a list of main, side"),
    ({**GOOD, "more": 1}, "'more': unknown"),
])
def test_a_bad_linker_file_is_refused(raw: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_linker(raw, "linker.yaml")


def test_a_linker_weighing_only_the_rules_choice_groups_as_the_rules_do() -> None:
    follows = Linker({"rule_pick": 1.0, "own_rule_pick": 1.0}, {})
    assert _grouped(follows) == _grouped(None)


def test_an_override_names_the_features_that_weighed_most() -> None:
    # a linker that starts a story for every claim after a break in sharing ...
    alone = Linker({"own": 5.0}, {})
    groups, reasons = _grouped(alone)
    assert groups == [[("m", i)] for i in range(len(SENTENCES))]
    rules_groups, rules_reasons = _grouped(None)
    for key, why in reasons.items():
        if key == ("m", 0):
            assert why.rule == "first"
            continue
        if any(key in g and len(g) == 1 for g in rules_groups):
            assert why == rules_reasons[key]  # the rules started a story too: their reason
            continue
        assert why.rule == "linker.own" and why.rule in RULES
        score, *weighed = why.numbers
        assert score.name == "linker" and score.value > score.limit
        assert [n.name for n in weighed] == ["own"] and weighed[0].value == 5.0
        assert "a story of its own (constant) (weighs) 5" in why.describe()


def test_candidates_describe_each_story_and_a_story_of_its_own(tmp_path: Path) -> None:
    seen: list[list[dict[str, float]]] = []

    class Recording:
        def choose(self, d: Decision) -> tuple[Group | None, Why]:
            seen.append(candidates(d))
            return d.rule_target, d.rule_why

    _grouped(Recording())
    second = seen[0]  # "Quist said ...": the main story or a story of its own
    assert len(second) == 2
    main, own = second
    assert main["link"] == main["main"] == main["previous"] == 1.0
    assert main["rule_pick"] == 1.0 and main["shared"] > 0
    assert own["own"] == 1.0 and "own_rule_pick" not in own
    back = seen[1]  # "She added ...": refers back to the story of the claim before
    assert back[0]["back_previous"] == 1.0 and back[-1]["refers_back"] == 1.0
    march = seen[2]  # "In March, ...": another time, the rules start a story
    assert march[-1]["shift_other"] == 1.0 and march[-1]["own_rule_pick"] == 1.0
    assert march[-1]["rule:other_time"] == 1.0
    assert all(set(c) <= set(FEATURES) for found in seen for c in found)


def test_the_linker_overrides_the_rules_only_by_its_margin() -> None:
    groups, _ = _grouped(Linker({"own": 5.0}, {}, margin=6.0))
    assert groups == _grouped(None)[0]
    assert parse_linker(GOOD, "linker.yaml").margin == 0.0


def test_the_linker_overrides_the_rules_only_toward_what_it_may() -> None:
    splits = Linker({"own": 5.0}, {}, overrides=frozenset({"main"}))
    assert _grouped(splits) == _grouped(None)
    assert _grouped(Linker({"own": 5.0}, {}, overrides=frozenset({"own"})))[0] == [
        [("m", i)] for i in range(len(SENTENCES))]


def test_the_linker_leaves_the_decisions_of_the_rules_it_keeps() -> None:
    every = Linker({"own": 5.0}, {}, keeps=frozenset(linking.RULE_IDS))
    assert _grouped(every) == _grouped(None)


def test_the_rules_alone_when_the_linker_is_off(rules_only: None) -> None:
    assert linking.linker() is None


def test_the_linker_reconsiders_only_the_placements_it_may() -> None:
    # the rules put "In March, ..." and the deputy in stories of their own, the rest in the
    # main story: a linker reconsidering only side-story placements has none to change
    rules_groups = _grouped(None)[0]
    assert rules_groups == [[("m", 0), ("m", 1), ("m", 2)], [("m", 3)], [("m", 4)]]
    alone = [[("m", i)] for i in range(len(SENTENCES))]
    assert _grouped(Linker({"own": 5.0}, {}, reconsiders=frozenset({"main"})))[0] == alone
    assert _grouped(Linker({"own": 5.0}, {}, reconsiders=frozenset({"side"})))[0] == \
        rules_groups
    assert parse_linker({**GOOD, "reconsiders": ["main"]}, "l").reconsiders == {"main"}
    assert parse_linker(GOOD, "linker.yaml").reconsiders == frozenset()


def _features(sentences: list[str], key: int) -> list[dict[str, float]]:
    items = [Item(("a", i), "a", i, text) for i, text in enumerate(sentences)]
    seen: dict[int, list[dict[str, float]]] = {}

    class Recording:
        def choose(self, d: Decision) -> tuple[Group | None, Why]:
            seen[d.claim.item.position] = candidates(d)
            return d.rule_target, d.rule_why

    group_article(items, corpus_idf(items), chooser=Recording())
    return seen[key]


def test_where_a_claim_stands_is_read_apart_from_the_articles_length() -> None:
    short = SENTENCES
    *_, own = _features(short, 4)  # the last of five body claims
    assert own["relative"] == 1.0  # placed 4 of 4 after the first
    deep = grouping_params().article.deep
    assert own["through"] == pytest.approx(4 / deep)  # a short article reads as `deep` long
    long = [*SENTENCES, *(f"Velmont's harbour board met on day {n} of the audit."
                          for n in range(2 * deep))]
    *_, own = _features(long, 4)
    assert own["relative"] == pytest.approx(4 / (len(long) - 1))
    assert own["through"] == own["relative"]
    # the story of the claim before: its last claim is the sentence right before
    main, *_ = _features(short, 2)
    assert main["adjacent"] == 1.0 and main["since"] == 0.0
    gapped = [Item(("g", p), "g", p, text) for p, text in zip((0, 1, 5), SENTENCES[:3],
                                                              strict=True)]
    seen: list[dict[str, float]] = []

    class Recording:
        def choose(self, d: Decision) -> tuple[Group | None, Why]:
            if d.claim.item.position == 5:
                seen.extend(candidates(d))
            return d.rule_target, d.rule_why

    group_article(gapped, corpus_idf(gapped), chooser=Recording())
    assert "adjacent" not in seen[0] and seen[0]["since"] == pytest.approx(math.log1p(3))


def test_a_feature_of_the_rules_choice_alone_is_shown_weighing_against_it() -> None:
    away = Linker({"link": -5.0}, {})
    _, reasons = _grouped(away)
    moved = [why for why in reasons.values() if why.rule == "linker.own"]
    assert moved
    for why in moved:
        assert why.numbers[1].name == AGAINST + "link" and why.numbers[1].value == -5.0
        assert "the rules' choice: an existing story (constant) (weighs) -5" in why.describe()


def test_a_heading_inside_the_body_stays_in_the_main_story_and_says_why() -> None:
    sentences = [
        "Velmont mayor Ada Quist resigned on Monday after auditors questioned a harbour "
        "dredging contract, two council members said.",
        "Quist said in a statement that she had done nothing wrong.",
        "Tolsen watchdog weighs in on Quist resignation",
        "The Tolsen watchdog said it would review the dredging contract.",
    ]
    items = [Item(("h", i), "h", i, text) for i, text in enumerate(sentences)]
    reasons: dict[object, Why] = {}
    linking.use_linker(None)
    try:
        groups = group_article(items, corpus_idf(items), reasons)
    finally:
        linking.restore_linker()
    assert ("h", 2) in groups[0].members
    assert reasons[("h", 2)].rule == "heading" and reasons[("h", 2)].rule in RULES
    assert "heading" in linking.RULE_IDS  # a linker may keep the rules' reading of it


def _weighing_every_candidate(linker: Linker, d: Decision) -> tuple[Group | None, Why]:
    """``Linker.choose`` as it reads when every candidate is worked out."""
    if d.rule_why.rule in linker.keeps:
        return d.rule_target, d.rule_why
    return linker.weighed(d)


@pytest.mark.parametrize("seed", range(12))
def test_a_linker_that_may_only_start_stories_decides_as_if_it_weighed_every_story(
        seed: int) -> None:
    # its shortcut (only the rules' choice and a story of its own scored) changes nothing
    import random

    rng = random.Random(seed)
    packaged = read_linker(data_path(MODEL_FILE))
    weights = {name: value * rng.uniform(0.0, 2.0) for name, value in packaged.weights.items()}
    weights["own"] = weights.get("own", 0.0) + rng.uniform(-3.0, 3.0)
    linker = Linker(weights, {}, margin=rng.choice([0.0, 0.5, 2.0]),
                    overrides=frozenset({"own"}))
    decided: list[bool] = []

    class Both:
        def choose(self, d: Decision) -> tuple[Group | None, Why]:
            chosen = linker.choose(d)
            assert chosen[0] is _weighing_every_candidate(linker, d)[0]
            assert chosen[1] == _weighing_every_candidate(linker, d)[1]
            decided.append(chosen[0] is not d.rule_target)
            if not linker.weighs(d.rule_target, d.rule_why):  # pass 1 does not ask it then
                assert chosen == (d.rule_target, d.rule_why)
            return chosen

    _grouped(Both())
    assert decided


def test_pass_1_asks_a_linker_only_what_it_weighs() -> None:
    # a linker not asked where it says it keeps the rules' choice groups as one always asked
    packaged = read_linker(data_path(MODEL_FILE))

    class Asked:
        def choose(self, d: Decision) -> tuple[Group | None, Why]:
            return packaged.choose(d)

    assert _grouped(packaged) == _grouped(Asked())


def test_a_story_of_its_own_is_read_against_the_main_story() -> None:
    # "Quist said ...": it opens on a name the main story recurs to, shares it with it, and
    # the claim before quoted no one
    *_, own = _features(SENTENCES, 1)
    assert own["main_subject"] == 1.0 and own["main_names"] > 0
    assert 0 < own["main_overlap"] <= 1.0 and "quote_run" not in own
    assert "main_speaker" not in own  # no source stands behind it
    spoken = [Item(("s", 0), "s", 0, SENTENCES[0], ("named",), ("Ada Quist",)),
              Item(("s", 1), "s", 1, "Quist told reporters she would appeal.", ("named",),
                   ("Quist",))]
    seen: list[dict[str, float]] = []

    class Recording:
        def choose(self, d: Decision) -> tuple[Group | None, Why]:
            seen.append(candidates(d)[-1])
            return d.rule_target, d.rule_why

    group_article(spoken, corpus_idf(spoken), chooser=Recording())
    assert seen[0]["main_speaker"] == 1.0
    quoted = ['Velmont mayor Ada Quist resigned on Monday, "after a long audit", she said.',
              'Quist said: "I have done nothing wrong."',
              'The auditor said: "We found a harbour contract nobody approved."']
    *_, own = _features(quoted, 2)  # quotes, and so did the claim before
    assert own["quote_run"] == 1.0
    assert all(name in OWN_FEATURES for name in
               ("main_names", "main_overlap", "main_subject", "main_speaker", "quote_run"))


def test_an_override_toward_the_main_story_needs_its_own_margin() -> None:
    # a linker that sends everything to the main story: "In March, ..." and the deputy go
    # there unless the main story's margin is more than it scores over the rules' choice
    home = Linker({"main": 5.0}, {}, overrides=frozenset({"main"}))
    assert _grouped(home)[0] == [[("m", i) for i in range(len(SENTENCES))]]
    assert _grouped(Linker({"main": 5.0}, {}, overrides=frozenset({"main"}),
                           main_margin=6.0))[0] == _grouped(None)[0]
    assert parse_linker({**GOOD, "main_margin": 2}, "l").main_margin == 2.0
    assert parse_linker(GOOD, "l").main_margin is None
    with pytest.raises(ConfigError, match="main_margin"):
        parse_linker({**GOOD, "main_margin": -1}, "l")
