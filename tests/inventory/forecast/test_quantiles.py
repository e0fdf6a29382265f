"""Negative-binomial quantiles: exact where small, smooth where large, always ordered."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sellerops.inventory.forecast.quantiles import nb_quantile


def test_poisson_quantiles_match_the_cumulative_distribution() -> None:
    # Poisson(2): P(X<=1)=0.406, P(X<=2)=0.677, P(X<=3)=0.857, P(X<=4)=0.947
    mu = np.array([2.0])
    assert nb_quantile(mu, 0.0, 0.5)[0] == 2
    assert nb_quantile(mu, 0.0, 0.9)[0] == 4


def test_overdispersion_widens_the_upper_quantile() -> None:
    mu = np.full(3, 5.0)
    p90 = nb_quantile(mu, np.array([0.0, 0.5, 2.0]), 0.9)
    assert p90[0] < p90[1] < p90[2]


def test_large_means_are_close_to_the_normal_approximation() -> None:
    mu = np.array([400.0])
    p90 = nb_quantile(mu, 0.01, 0.9)[0]
    sd = np.sqrt(400 + 0.01 * 400**2)
    assert abs(p90 - (400 + 1.2816 * sd)) < 0.05 * sd + 2


@settings(deadline=None)  # timing is the benchmark's job, not the tests'
@given(
    mu=st.floats(0.0, 500.0, allow_nan=False),
    phi=st.floats(0.0, 20.0, allow_nan=False),
)
def test_quantiles_are_ordered_and_non_negative(mu: float, phi: float) -> None:
    m = np.array([mu])
    p50, p80, p90, p95 = (nb_quantile(m, phi, q)[0] for q in (0.5, 0.8, 0.9, 0.95))
    assert 0.0 <= p50 <= p80 <= p90 <= p95
    assert np.isfinite(p95)
