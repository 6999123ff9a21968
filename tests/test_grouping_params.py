"""data/grouping.yaml: the grouping thresholds are data, typed and validated."""

from __future__ import annotations

import copy
from dataclasses import fields

import pytest

from tests.config_helpers import set_at
from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.stories import cues
from verifier.stories.params import (
    ArticleParams,
    MergeParams,
    grouping_params,
    load_grouping,
    parse_grouping,
)
from verifier.stories.terms import STORY_WORD_LISTS, parse_story_words, story_words
from verifier.yamlio import read_yaml


def _raw() -> dict[str, object]:
    raw = read_yaml(data_path("grouping.yaml"), "grouping file")
    assert isinstance(raw, dict)
    return copy.deepcopy(raw)


def test_the_packaged_file_loads_and_covers_every_field() -> None:
    params = load_grouping()
    assert params == grouping_params()
    raw = _raw()
    assert set(raw) == {"article", "merge"}
    assert set(raw["article"]) == {f.name for f in fields(ArticleParams)}  # type: ignore[arg-type]
    assert set(raw["merge"]) == {f.name for f in fields(MergeParams)}  # type: ignore[arg-type]
    assert isinstance(params.merge.candidates, int)
    assert isinstance(params.article.join, float)
    assert "denied" in params.article.quiet_kinds


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("article", "join"), "high", r"'article\.join': expected a finite number"),
        (("article", "cover"), float("nan"), r"'article\.cover'"),
        (("merge", "candidates"), 2.5, r"'merge\.candidates': expected a whole number"),
        (("merge", "merge"), -0.2, r"'merge\.merge': expected >= 0"),
        (("merge", "strong_merj"), 0.4, r"'merge\.strong_merj': unknown"),
        (("thresholds",), {}, r"unknown section 'thresholds'"),
        (("article", "actor_kinds"), ["chief"], r"'article\.actor_kinds': expected a list of"),
        (("article", "quiet_kinds"), "denied", r"'article\.quiet_kinds': expected a list of"),
    ],
)
def test_every_value_and_key_is_validated(
    path: tuple[str, ...], value: object, message: str
) -> None:
    raw = _raw()
    set_at(raw, path, value)
    with pytest.raises(ConfigError, match=message):
        parse_grouping(raw, "grouping.yaml")


def test_a_missing_key_or_section_is_an_error() -> None:
    raw = _raw()
    article = raw["article"]
    assert isinstance(article, dict)
    del article["jump"]
    with pytest.raises(ConfigError, match=r"'article\.jump': missing"):
        parse_grouping(raw, "grouping.yaml")
    with pytest.raises(ConfigError, match=r"field 'merge': expected a mapping"):
        parse_grouping({"article": _raw()["article"]}, "grouping.yaml")
    with pytest.raises(ConfigError, match="expected a mapping of sections"):
        parse_grouping([1, 2], "grouping.yaml")


def test_the_story_word_lists_are_validated() -> None:
    raw = read_yaml(data_path("story_words.yaml"), "story word list")
    assert isinstance(raw, dict) and set(raw) == set(STORY_WORD_LISTS)
    assert "in addition" in story_words()["lead_adverbs"]  # a phrase, from a YAML list
    for change, message in (
        ({"lead_adverb": "however"}, r"field 'lead_adverb': unknown"),
        ({"title_words": "Mayor minister"}, r"field 'title_words': expected lower-case"),
        ({"event_heads": [1, "deal"]}, r"field 'event_heads': expected lower-case"),
        ({"separate_words": ""}, r"field 'separate_words': expected lower-case"),
        ({"event_words": ["deal"]}, r"'event_words': entry 'deal': expected a group"),
        ({"event_words": ["deal pact", "pact accord"]}, r"'pact' is in two groups"),
    ):
        with pytest.raises(ConfigError, match=message):
            parse_story_words({**copy.deepcopy(raw), **change}, "story_words.yaml")
    del raw["subject_verbs"]
    with pytest.raises(ConfigError, match=r"field 'subject_verbs': missing"):
        parse_story_words(raw, "story_words.yaml")


def test_the_words_of_one_event_count_as_one_term() -> None:
    from verifier.stories.terms import words

    talks = words("Orvia Steel is in talks to buy Tolsen Mills.")
    closed = words("Orvia Steel completed its takeover of Tolsen Mills on Friday.")
    bought = words("Orvia Steel bought Tolsen Mills and agreed a pact with its unions.")
    assert "W:acquisition" in talks and "W:acquisition" in closed and "W:acquisition" in bought
    assert "W:deal" in bought and "W:talk" in talks
    assert "W:acquisition" not in words("Orvia Steel sold a record tonnage of steel.")


def test_the_subject_starts_after_a_listed_lead_adverb() -> None:
    text = "In addition, Norfield Bank said it would close branches."
    assert text[cues.subject_start(text):].startswith("Norfield")
    assert cues.subject_start("Norfield Bank said so.") == 0


def test_a_change_is_validated_and_in_force_only_while_overriding() -> None:
    from verifier.stories.grouping import group
    from verifier.stories.params import overriding, with_changes
    from verifier.stories.terms import Item

    packaged = grouping_params()
    changed = with_changes(packaged, {"merge.strong_merge": 0.99, "merge.merge": 0.99})
    assert changed.merge.strong_merge == 0.99 and changed.article == packaged.article
    assert with_changes(packaged, {}) == packaged  # kinds lists survive the round trip
    with pytest.raises(ConfigError, match=r"--set: field 'merge\.lnk': unknown"):
        with_changes(packaged, {"merge.lnk": 2.0}, "--set")
    with pytest.raises(ConfigError, match=r"'article\.join': expected a finite number"):
        with_changes(packaged, {"article.join": "high"})
    items = [Item(("a", 0), "a", 0, "Zorvak Motors is in talks to buy Plenta Bikes."),
             Item(("b", 0), "b", 0, "Zorvak Motors completed its purchase of Plenta Bikes.")]
    assert len(group(items)) == 1
    with overriding(changed):
        assert grouping_params() is changed
        assert len(group(items)) == 2
    assert grouping_params() is packaged
    assert len(group(items)) == 1
