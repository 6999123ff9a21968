"""bench/story_features.py on invented stories: each feature reads the class it names, and a
feature is fitted as an added term without each set and scored on the set left out."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import story_features
import story_scores

from verifier.config import data_path
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import effective_weights

WEIGHTS = effective_weights(data_path("scoring.yaml")).weights


def _claim(claim_id: int, text: str, speaker: str | None = None, stance: str = "asserts",
           source: str = "", carrier: int | None = None) -> ClaimEvidence:
    attributions = () if speaker is None else (AttributionEvidence(
        speaker, stance, source, 0, len(source), "said", 0, 4, source_name=source or None),)
    report = claim_id if carrier is None else carrier
    return ClaimEvidence(claim_id, report, text, 0, len(text), "certain", None, None, None,
                         attributions, f"article:{report}", f"article {report}")


#: A plan told in its party's quoted words and denied by the party it is about, in one report.
PLAN = (_claim(1, "“We will open the Tarnby plant in May,” said Ilsa Vorn of Quellco.",
               "official", source="Ilsa Vorn", carrier=1),
        _claim(2, "Quellco will open a plant in Tarnby in May, Ilsa Vorn said.",
               "official", source="Ilsa Vorn", carrier=1),
        _claim(3, "The Tarnby council denied that Quellco would open a plant there.",
               "official", "denies", "Tarnby council", carrier=1))
#: A done event told in two reports' own voice, with a figure.
DONE = (_claim(4, "Quellco opened its Marsby depot on 3 March with 40 staff.", carrier=4),
        _claim(5, "The Marsby depot of Quellco is open and hiring drivers.", carrier=5))


def test_the_features_read_the_class_they_name() -> None:
    names = ["quoted_share", "one_outlet", "outlets", "party_denies", "figures_share",
             "negated_share",
             "scoop", "party_asserts"]
    plan = story_features.feature_values(PLAN, WEIGHTS, names)
    done = story_features.feature_values(DONE, WEIGHTS, names)
    assert plan["quoted_share"] == 0.5  # one of its two supporting statements is quoted
    assert done["quoted_share"] == 0.0
    assert plan["one_outlet"] == 1.0 and done["one_outlet"] == 0.0
    assert done["outlets"] == 2.0
    assert plan["party_denies"] == 1.0  # Tarnby, which the plan's statements name
    assert done["figures_share"] == 0.5
    assert plan["negated_share"] == 0.0 and done["negated_share"] == 0.0
    told = story_features.feature_values(
        (*DONE, _claim(6, "Quellco has not yet named a manager for the Marsby depot.",
                       carrier=6)),
        WEIGHTS, ["negated_share"])
    assert told["negated_share"] == 1 / 3
    assert plan["scoop"] == 0.0  # one report, but an on-record party asserts it
    assert plan["party_asserts"] == 1.0 and done["party_asserts"] == 0.0


def test_a_feature_that_tells_outcomes_apart_is_fitted_without_each_set() -> None:
    # two sets; the score ties every story, the feature is 1 on the confirmed ones only
    sets = ["A", "A", "A", "B", "B", "B"]
    outcomes = [1, 0, 1, 1, 0, 0]
    values = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
    result = story_features.added(sets, values, [0.0] * 6, outcomes)
    assert result["held_out"] == 1.0
    assert result["up"] == 2 and result["down"] == 0
    low, high = result["weights"]
    assert 0 < low <= high
    assert all(h["held_out"] == 1.0 for h in result["halves"])
    # a feature the score already reads adds nothing: the score separates them on its own
    already = story_features.added(sets, values, [2.0, -2.0, 2.0, 2.0, -2.0, -2.0], outcomes)
    assert already["held_out"] == 1.0 and already["up"] == 0


def test_measure_and_report_name_every_feature() -> None:
    rows = [story_scores.Scored("setA", "plan", "refuted", assess(PLAN, WEIGHTS), PLAN),
            story_scores.Scored("setA", "done", "confirmed", assess(DONE, WEIGHTS), DONE),
            story_scores.Scored("setB", "plan", "refuted", assess(PLAN, WEIGHTS), PLAN),
            story_scores.Scored("setB", "done", "confirmed", assess(DONE, WEIGHTS), DONE)]
    result = story_features.measure(rows, WEIGHTS, list(story_features.FEATURES))
    assert result["stories"] == 4 and result["confirmed"] == 2
    lines = story_features.report(result)
    for name in story_features.FEATURES:
        assert any(line.startswith(name) for line in lines)
    assert result["features"]["quoted_share"]["alone"] == 0.0  # the refuted one is quoted
