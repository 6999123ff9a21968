"""bench/learning_curve.py on a made-up piece: the draws of training sets, the pooled figures
per size, the piece off and as shipped, and the leave-one-set-out figures per set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import learning_curve
from learning_curve import Piece, curve, drawn

NAMES = ["A", "B", "C", "D", "E"]


def _piece() -> Piece:
    """A piece whose model is how many sets it was trained on; a set scores that number
    (0 off, 9 as shipped), pooled as the mean."""
    def pooled(parts: list[float]) -> float:
        return sum(parts) / len(parts)

    return Piece(list(NAMES), lambda on: len(on), lambda held, model: float(model or 0),
                 pooled, 9)


def test_a_draw_is_fixed_by_its_set_size_and_number_and_never_holds_the_held_out_set() -> None:
    others = [s for s in NAMES if s != "C"]
    first = drawn("C", others, 2, 0)
    assert first == drawn("C", others, 2, 0)
    assert len(first) == 2 and "C" not in first and first == sorted(first)
    assert drawn("C", others, 4, 0) == others
    assert drawn("C", others, 9, 3) == others


def test_the_curve_pools_each_size_over_every_held_out_set() -> None:
    out = curve(_piece(), [2, 4, 10], draws=3)
    assert out["off"] == 0.0 and out["shipped"] == 9.0
    assert out["per_set"]["A"] == [0.0, 9.0]
    sizes = [(r["n"], len(r["draws"]), r["mean"]) for r in out["rows"]]
    # a size past the other sets' number is all of them: one draw, the leave-one-set-out row
    assert sizes == [(2, 3, 2.0), (4, 1, 4.0), (4, 1, 4.0)]
    assert "per_set" not in out["rows"][0]
    assert out["rows"][1]["per_set"] == dict.fromkeys(NAMES, 4.0)


def test_show_prints_the_sizes_and_the_sets(capsys: pytest.CaptureFixture[str]) -> None:
    out = curve(_piece(), [2, 4], draws=2)
    out["sets"] = NAMES
    learning_curve.show("made-up", out)
    printed = capsys.readouterr().out
    assert "trained on  2  mean 2.0000" in printed
    assert "trained on  4  mean 4.0000" in printed
    assert "A 0.0000/9.0000/4.0000" in printed
