"""Calibration: were the scores stories had when reviewed borne out by the verdicts?

Uses the latest confirmed/refuted verdict of each story and the score stored on it at review
time: the Brier score (mean squared error of score vs outcome; 0 is perfect, 0.25 is what
always saying 0.5 earns) and a reliability table by score band (mean score vs the share
confirmed in each band).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

BANDS = 5


@dataclass(frozen=True, slots=True)
class Band:
    low: float
    high: float
    count: int
    mean_score: float | None
    confirmed_share: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "count": self.count,
            "mean_score": None if self.mean_score is None else round(self.mean_score, 4),
            "confirmed_share": (
                None if self.confirmed_share is None else round(self.confirmed_share, 4)
            ),
        }


@dataclass(frozen=True, slots=True)
class Calibration:
    count: int
    brier: float | None
    bands: tuple[Band, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviewed_stories": self.count,
            "brier": None if self.brier is None else round(self.brier, 4),
            "bands": [b.to_dict() for b in self.bands],
        }


def calibration(pairs: Sequence[tuple[float, bool]], bands: int = BANDS) -> Calibration:
    """Pure: (score at review, confirmed?) pairs -> Brier score and reliability bands."""
    brier = sum((s - float(y)) ** 2 for s, y in pairs) / len(pairs) if pairs else None
    table = []
    for n in range(bands):
        low, high = n / bands, (n + 1) / bands
        inside = [(s, y) for s, y in pairs if low <= s < high or (n == bands - 1 and s == 1.0)]
        table.append(
            Band(
                round(low, 4),
                round(high, 4),
                len(inside),
                sum(s for s, _ in inside) / len(inside) if inside else None,
                sum(1 for _, y in inside if y) / len(inside) if inside else None,
            )
        )
    return Calibration(len(pairs), brier, tuple(table))
