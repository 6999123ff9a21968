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
