"""The Beta interval without SciPy: exact cases, symmetry, and agreement with SciPy if present."""

from __future__ import annotations

import pytest

from verifier.scoring.beta import beta_cdf, beta_quantile, central_interval


@pytest.mark.parametrize("x", [0.0, 0.1, 0.37, 0.5, 0.9, 1.0])
def test_uniform_and_closed_forms(x: float) -> None:
    assert beta_cdf(x, 1, 1) == pytest.approx(x, abs=1e-12)
    assert beta_cdf(x, 2, 1) == pytest.approx(x**2, abs=1e-12)
    assert beta_cdf(x, 1, 3) == pytest.approx(1 - (1 - x) ** 3, abs=1e-12)
    assert beta_cdf(x, 2, 2) == pytest.approx(3 * x**2 - 2 * x**3, abs=1e-12)


@pytest.mark.parametrize(("a", "b"), [(2.0, 3.0), (6.5, 3.0), (0.5, 0.5), (40.0, 7.0)])
def test_quantile_inverts_cdf_and_interval_is_symmetric_for_swapped_parameters(
    a: float, b: float
) -> None:
    for p in (0.05, 0.5, 0.95):
        assert beta_cdf(beta_quantile(p, a, b), a, b) == pytest.approx(p, abs=1e-9)
    low, high = central_interval(0.9, a, b)
    low2, high2 = central_interval(0.9, b, a)
    assert low == pytest.approx(1 - high2, abs=1e-9)
    assert high == pytest.approx(1 - low2, abs=1e-9)


def test_agrees_with_scipy_when_installed() -> None:
    stats = pytest.importorskip("scipy.stats")
    for a, b in [(6, 3), (2.5, 11), (1, 1), (120, 80)]:
        expected = stats.beta.ppf([0.05, 0.95], a, b)
        assert central_interval(0.9, a, b) == pytest.approx(tuple(expected), abs=1e-8)


def test_rejects_bad_parameters() -> None:
    with pytest.raises(ValueError):
        beta_cdf(0.5, 0, 1)
    with pytest.raises(ValueError):
        beta_quantile(1.5, 1, 1)
