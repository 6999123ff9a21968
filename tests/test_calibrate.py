"""Calibration: Brier score and reliability bands; the command on a database."""

from __future__ import annotations

import pytest

from verifier.scoring.calibrate import calibration


def test_brier_and_bands() -> None:
    result = calibration([(0.9, True), (0.1, False), (0.8, False), (1.0, True)], bands=5)
    assert result.brier == pytest.approx((0.01 + 0.01 + 0.64 + 0.0) / 4)
    top = result.bands[-1]
    assert top.count == 3 and top.confirmed_share == pytest.approx(2 / 3)
    assert result.bands[0].count == 1 and result.bands[0].confirmed_share == 0.0
    assert calibration([]).brier is None


def test_calibrate_command_without_verdicts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from verifier.cli import app

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["calibrate", "--db", db])
    assert result.exit_code == 0 and "No reviewed stories" in result.output
    result = runner.invoke(app, ["calibrate", "--json", "--db", db])
    assert '"brier": null' in result.output
