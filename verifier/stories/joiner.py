"""A learned joiner for pass 2: which story of other articles an article's story joins, or none.

Pass 2's rules (``verifier.stories.grouping._Index.best_match``) join an article's story to a
story of other articles when it passes a chain of tests, each a signal against a threshold:
distinctive names shared (two, or one of ``link`` weight), the same subject, the cosine
(``merge``, ``strong_merge`` for small stories), a side remark ``contain``-ed, ``again``.
The joiner weighs the same signals together. Every story found by a distinctive name (the
candidates the rules look at, published within ``weeks``) and "no story" (the story stands
alone) gets the sum of the weights of the features that fire for it (cosine, shared names and
their weight, the same subject, containment, sizes, days apart, another story of its article
already there, the rules' own choice ...), and the story joins the highest (a conditional
logit: the weights are ``verifier/data/models/joiner.yaml``, trained by
``bench/train_joiner.py`` on the labelled sets and measured leave-one-set-out). When it
agrees with the rules their reason is kept; otherwise its reason (``joined_learned``) gives
its score against the rules' choice and the features that weighed most for its choice.

Pure: no database, no randomness; features are plain numbers named in ``FEATURES``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from verifier.errors import ConfigError
from verifier.model_files import ModelSlot, check_fields, check_margin, check_meta, check_weights
from verifier.stories.reasons import Number, Why

if TYPE_CHECKING:
    from verifier.stories.terms import Group

MODEL_FILE = "models/joiner.yaml"
FORMAT = 1

#: The rules' join ids (``rule:<id>`` fires on the story the rules chose).
RULE_IDS = ("joined_subject", "joined_strong", "joined_contained")

#: Features of a story of other articles as the candidate (what each measures).
PAIR_FEATURES: dict[str, str] = {
    "join": "a story of other articles (constant)",
    "rule_pick": "the rules chose it",
    "cosine": "similarity of terms (cosine)",
    "best_cosine": "the most similar candidate",
    "contained": "share of its weight the story uses",
    "covers": "share of the story's weight it uses",
    "names": "log(1 + distinctive names shared)",
    "two_names": "two distinctive names or more shared",
    "link": "weight of the distinctive names shared, over the rarest term's",
    "any_names": "log(1 + names shared, distinctive or not)",
    "same_subject": "each uses one of the other's subjects",
    "subject_in": "it uses one of the story's subjects",
    "subject_out": "the story uses one of its subjects",
    "cosine_subject": "the cosine, when they have the same subject",
    "small": "it is a side remark (fewer than `small` claims)",
    "other_small": "the story is small (fewer than `small` claims)",
    "other_size": "log(1 + the story's claims)",
    "other_docs": "log(1 + articles in the story)",
    "dated": "both publication times known",
    "days": "log(1 + days between their publications)",
    "near": "published within `near_days` of each other",
    "again": "the story holds another story of its article",
    "again_closer": "it shares more with what other articles brought than with its "
                    "article's part (``again``)",
    "first": "it is its article's first (main) story",
    "eligible": "the rules' name tests let it join: the same subject, `strong_names` "
                "distinctive names, or a side remark sharing two with a larger story",
}

#: Features of "no story" (it stands alone) as the candidate.
ALONE_FEATURES: dict[str, str] = {
    "alone": "no story (constant)",
    "alone_rule": "the rules joined it to no story",
    "alone_size": "log(1 + its claims)",
    "alone_names": "log(1 + its distinctive names)",
    "alone_candidates": "log(1 + stories found by its distinctive names)",
}

RULE_FEATURES: dict[str, str] = {f"rule:{rule}": f"the rules chose it by `{rule}`"
                                 for rule in RULE_IDS}

#: Every feature the model may weigh, and what it measures.
FEATURES: dict[str, str] = {**PAIR_FEATURES, **ALONE_FEATURES, **RULE_FEATURES}

#: How many features a reason names.
SHOWN = 4
#: Before a feature's name in a reason: the rules' choice has it (and it weighs against it).
AGAINST = "rules:"

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class JoinDecision:
    """Everything the joiner weighs for one story of an article: the candidates (their
    numbers in the index, their stories and features; "no story" last in ``features``),
    the rules' choice (``rule_number``, None for no story) and its reason."""

    group: Group
    numbers: Sequence[int]
    stories: Sequence[Group]
    features: Sequence[Features]
    rule_number: int | None
    rule_why: Why | None


class JoinChooser(Protocol):
    """What joins an article's story given the rules' choice: the ``Joiner``, or a trainer's
    recorder."""

    def choose(self, d: JoinDecision) -> tuple[int | None, Why | None]: ...


@dataclass(frozen=True, slots=True)
class Joiner:
    """The learned weights (``weights``: feature -> weight, absent ones weigh nothing), the
    ``margin`` its choice must score above the rules' one to override them, and what the
    file says of them (``meta``)."""

    weights: Mapping[str, float]
    meta: Mapping[str, Any]
    enabled: bool = True
    margin: float = 0.0
    #: It joins only stories the rules' name tests let through (``eligible``): the same
    #: subject, ``strong_names`` names, or a side remark sharing two with a larger story.
    gated: bool = False

    def score(self, features: Features) -> float:
        get = self.weights.get
        return math.fsum(get(name, 0.0) * value for name, value in features.items())

    def choose(self, d: JoinDecision) -> tuple[int | None, Why | None]:
        """The index number of the story the group joins (None: none), and why."""
        scores = [self.score(f) if not self.gated or n == len(d.numbers) or "eligible" in f
                  or d.numbers[n] == d.rule_number else -math.inf
                  for n, f in enumerate(d.features)]
        alone = len(d.numbers)
        best = max(range(len(scores)), key=lambda n: (scores[n], -n))
        ruled = alone if d.rule_number is None else d.numbers.index(d.rule_number)
        if best == ruled or scores[best] - scores[ruled] <= self.margin:
            return d.rule_number, d.rule_why
        if best == alone:
            return None, None
        return d.numbers[best], self.why(d.features[best], scores[best], d.features[ruled],
                                         scores[ruled])

    def why(self, chosen: Features, score: float, ruled: Features, rule_score: float) -> Why:
        """The reason of a join against the rules: the joiner's score for it and for the
        rules' choice, and the features that made the difference (weight x value, largest
        first; one only the rules' choice has is shown as weighing against it)."""
        get = self.weights.get
        gain = {name: get(name, 0.0) * value for name, value in chosen.items()}
        for name, value in ruled.items():
            gain[name] = gain.get(name, 0.0) - get(name, 0.0) * value
        top = sorted((n for n in gain if gain[n] > 0), key=lambda n: (-gain[n], n))[:SHOWN]
        return Why("joined_learned", (
            Number("joiner", score, ">", "rules' choice", rule_score),
            *(Number("joiner:" + name, gain[name]) if name in chosen else
              Number("joiner:" + AGAINST + name, -gain[name]) for name in top)))


def describe_feature(name: str) -> str | None:
    """What a number of a ``joined_learned`` reason measures (``joiner:<feature>``: its weight
    times its value), None for other numbers."""
    if not name.startswith("joiner:"):
        return None
    name = name.removeprefix("joiner:")
    against = name.startswith(AGAINST)
    text = FEATURES.get(name.removeprefix(AGAINST))
    if text is None:
        return None
    return (f"the rules' choice: {text} (weighs, learned joiner)" if against
            else f"{text} (weighs, learned joiner)")


def parse_joiner(raw: Any, where: str) -> Joiner:
    """Validate a parsed joiner file: ``format``, ``enabled``, ``margin`` (a number >= 0),
    ``gated`` (optional, true or false: only stories the rules' name tests let through),
    ``weights`` (known feature names -> finite numbers) and ``meta`` (a mapping of what it
    was trained on and scored: numbers, strings and lists of them, no text of the sets)."""
    raw = check_fields(raw, where, FORMAT, {"format", "enabled", "margin", "weights", "meta"},
                       {"gated"})
    margin = check_margin(raw, where)
    weights = check_weights(raw["weights"], where, "weights", FEATURES.__contains__)
    gated = raw.get("gated", False)
    if not isinstance(gated, bool):
        raise ConfigError(f"{where}: field 'gated': expected true or false")
    meta = check_meta(raw, where)
    for key, value in meta.items():
        values = value if isinstance(value, list) else [value]
        if any(not isinstance(v, str | int | float | bool) or
               (isinstance(v, str) and len(v) > 40) for v in values):
            raise ConfigError(f"{where}: field 'meta.{key}': expected numbers or short "
                              "strings (no text)")
    return Joiner(weights, dict(meta), raw["enabled"], margin, gated)


def read_joiner(path: Path) -> Joiner:
    from verifier.parsecache import read_yaml_cached

    return parse_joiner(read_yaml_cached(path, "joiner model"), str(path))


#: Choosers in force instead of the packaged joiner (``use_joiner``), innermost last.
_SLOT: ModelSlot[JoinChooser, Joiner] = ModelSlot(MODEL_FILE, read_joiner)


def use_joiner(replacement: JoinChooser | None) -> None:
    """Join with ``replacement`` (None: the rules alone) instead of the packaged joiner, until
    ``restore_joiner`` (measuring and training: ``bench/train_joiner.py``)."""
    _SLOT.use(replacement)


def restore_joiner() -> None:
    _SLOT.restore()


def joiner() -> JoinChooser | None:
    """The joiner in force: an override, else the packaged one when it is enabled."""
    return _SLOT.current()
