"""Track records: Beta posterior arithmetic and counting from verdicts."""

from __future__ import annotations

import pytest

from verifier.scoring.trackrecord import TrackRecord


def record(confirmed: int, refuted: int) -> TrackRecord:
    return TrackRecord(1, "x", "X", "newspaper", 8.0, 2.0, "desk default", confirmed, refuted)


def test_posterior_mean_and_interval() -> None:
    prior = record(0, 0)
    assert prior.mean == pytest.approx(0.8)
    worse = record(0, 5)
    assert worse.mean == pytest.approx(8 / 15)
    low, high = worse.interval()
    assert 0 < low < worse.mean < high < 1
    wide_low, wide_high = record(0, 0).interval(0.99)
    assert wide_high - wide_low > high - low - 0.2
    assert record(20, 0).interval()[0] > prior.interval()[0]


def test_to_dict_has_counts_mean_and_interval() -> None:
    data = record(2, 1).to_dict()
    assert data["confirmed"] == 2 and data["refuted"] == 1
    assert data["interval"]["low"] < data["mean"] < data["interval"]["high"]


def test_learning_rule_is_a_pure_function() -> None:
    from verifier.scoring.trackrecord import ReviewedUnit, learn, reviewed_units

    units = reviewed_units(
        story_verdicts={1: "confirmed", 2: "disputed", 3: "refuted"},
        claim_verdicts={10: "refuted", 20: "confirmed", 30: "confirmed"},
        story_members={1: [10, 11], 3: [12]},
        claim_story={10: 1, 20: 2, 30: 99},
    )
    # claim 10's own verdict is ignored (its story has a verdict), and so is claim 20's
    # (story 2 has one, even if disputed); claim 30 counts on its own; disputed teaches nothing
    assert units == [
        ReviewedUnit("confirmed", (10, 11)),
        ReviewedUnit("refuted", (12,)),
        ReviewedUnit("confirmed", (30,)),
    ]
    behind = {
        10: [(7, "asserts"), (8, "denies")],
        11: [(7, "asserts"), (9, "denies"), (9, "asserts")],
        12: [(7, "asserts")],
        30: [(8, "asserts")],
    }
    # source 7 asserted a confirmed and a refuted story; 8 denied a confirmed one (refuted for
    # it) and asserted a confirmed claim; 9 both denied and asserted: asserting wins
    assert learn(units, behind) == {7: (1, 1), 8: (1, 1), 9: (1, 0)}
