"""Hidden stock-outs: runs of zero sales too long for the demand around them.

When the seller's stock history is unknown, a run of ``n`` zero days in a series that sold
``rate`` units a day just before is very unlikely to be real demand once ``n * rate`` is
large (for Poisson demand, ``P = exp(-n * rate)``). Such runs are treated like known
stock-out days: censored, left out of the fit. A run still going at the end of history is
left alone, because it may just as well be a product that stopped selling.
"""

from __future__ import annotations

import numpy as np

RATE_WINDOW = 56  # days before the run whose mean sales set the expected rate


def hidden_stockouts(y: np.ndarray, min_expected: float) -> np.ndarray:
    """Mask of zero days in runs whose expected sales (rate before x length) >= min_expected."""
    n_series, n_days = y.shape
    t = np.broadcast_to(np.arange(n_days), y.shape)
    zero = y == 0  # nan compares False
    prev_zero = np.concatenate([np.zeros((n_series, 1), bool), zero[:, :-1]], axis=1)
    next_zero = np.concatenate([zero[:, 1:], np.zeros((n_series, 1), bool)], axis=1)
    run_start = np.maximum.accumulate(np.where(zero & ~prev_zero, t, 0), axis=1)
    ends = np.where(zero & ~next_zero, t, n_days)
    run_end = np.minimum.accumulate(ends[:, ::-1], axis=1)[:, ::-1]
    length = run_end - run_start + 1
    rate = _mean_before(y, run_start, RATE_WINDOW)
    return zero & (run_end < n_days - 1) & (length * rate >= min_expected)


def _mean_before(y: np.ndarray, start: np.ndarray, window: int) -> np.ndarray:
    """Mean of the observed values in the ``window`` days before column ``start`` per cell."""
    ok = np.isfinite(y)
    zeros = np.zeros((y.shape[0], 1))
    sums = np.concatenate([zeros, np.cumsum(np.where(ok, y, 0.0), axis=1)], axis=1)
    counts = np.concatenate([zeros, np.cumsum(ok, axis=1)], axis=1)
    lo = np.maximum(start - window, 0)
    rows = np.arange(y.shape[0])[:, None]
    n = counts[rows, start] - counts[rows, lo]
    total = sums[rows, start] - sums[rows, lo]
    return np.where(n >= window // 4, total / np.maximum(n, 1), 0.0)


def alive_probability(
    y: np.ndarray, seasonal: np.ndarray, phi: np.ndarray, prior_alive: float
) -> np.ndarray:
    """Posterior probability that a series still sells, given its current run of zeros.

    Under negative-binomial demand at the rate before the run, ``n`` zero days have
    probability ``(1 + phi * rate) ** (-n / phi)``; a dead product (delisted, stuck out of
    stock, suppressed) shows zeros for sure. ``prior_alive`` is the prior odds' numerator.
    """
    n_series, n_days = y.shape
    sold = np.nan_to_num(y) > 0
    has_sold = sold.any(axis=1)
    last = np.where(has_sold, n_days - 1 - np.argmax(sold[:, ::-1], axis=1), 0)
    after = np.arange(n_days)[None, :] > last[:, None]
    zeros_after = np.where((y == 0) & after, seasonal, 0.0).sum(axis=1)
    rate = _mean_before(y, np.broadcast_to((last + 1)[:, None], (n_series, 1)), RATE_WINDOW)[:, 0]
    phi = np.maximum(phi, 1e-6)
    log_lik = -zeros_after / phi * np.log1p(phi * rate)
    alive = prior_alive * np.exp(log_lik)
    posterior = alive / (alive + 1.0 - prior_alive)
    return np.where(has_sold & (zeros_after > 0), posterior, 1.0)
