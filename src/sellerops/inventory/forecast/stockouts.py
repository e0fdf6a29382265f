"""Zero runs: hidden stock-outs inside the history, and a run still going at its end.

When the seller's stock history is unknown, a run of ``n`` zero days in a series that sold
``rate`` units a day just before is very unlikely to be real demand once ``n * rate`` is
large (for Poisson demand, ``P = exp(-n * rate)``). Such runs can be treated like known
stock-out days: censored, left out of the fit (:func:`hidden_stockouts`, off by default).
A run still going at the end of history may be a dip (sessions collapsed, a suppressed
listing, an unrecorded stock-out) or a product that stopped selling: :func:`presence`
weighs the two, so a few days of zeros do not wipe the forecast out.
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


def presence(
    y: np.ndarray,
    seasonal: np.ndarray,
    phi: np.ndarray,
    horizon: int,
    prior_alive: float,
    outage_share: float = 0.8,
    outage_days: float = 3.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How much of which level a series whose history ends in zeros keeps.

    Three explanations of the zero days since the last sale compete: ordinary demand (under
    negative-binomial demand at the rate before the run, ``n`` zero days have probability
    ``(1 + phi * rate) ** (-n / phi)``); a temporary outage that zeroes sales for sure
    (listing suppressed, traffic collapsed, an unrecorded stock-out), which ends after
    ``outage_days`` on average (exponential durations, so it has lasted ``d`` days with
    probability ``exp(-d / outage_days)``); and a product that stopped selling for good.
    ``prior_alive`` is the prior weight of ordinary demand; the rest is split
    ``outage_share`` : ``1 - outage_share`` between an outage and the end (an outage is
    the likelier of the two). Day ``h`` of the horizon gets ``P(ordinary) + P(outage) x
    P(over by day h)``, so a short dip, even an impossible one for ordinary demand, keeps
    most of the level and returns to it over the horizon; only weeks of zeros at a rate
    that should have sold take the forecast toward zero.

    Returns the weight of ordinary demand ``(S,)`` (it applies to the level fitted through
    the zeros), that of the outage per forecast day ``(S, horizon)`` (it applies to the level
    of the day of the last sale: an outage's zeros say nothing about demand) and that last
    sale's column ``(S,)``.
    """
    n_series, n_days = y.shape
    sold = np.nan_to_num(y) > 0
    has_sold = sold.any(axis=1)
    last = np.where(has_sold, n_days - 1 - np.argmax(sold[:, ::-1], axis=1), 0)
    after = np.arange(n_days)[None, :] > last[:, None]
    zero_days = (y == 0) & after
    expected_zeros = np.where(zero_days, seasonal, 0.0).sum(axis=1)
    run = zero_days.sum(axis=1).astype(float)
    rate = _mean_before(y, np.broadcast_to((last + 1)[:, None], (n_series, 1)), RATE_WINDOW)[:, 0]
    phi = np.maximum(phi, 1e-6)
    ordinary = prior_alive * np.exp(-expected_zeros / phi * np.log1p(phi * rate))
    outage = (1 - prior_alive) * outage_share * np.exp(-run / outage_days)
    ended = (1 - prior_alive) * (1 - outage_share)
    total = ordinary + outage + ended
    back = 1.0 - np.exp(-np.arange(1, horizon + 1) / outage_days)
    in_run = has_sold & (run > 0)
    w_ordinary = np.where(in_run, ordinary / total, 1.0)
    w_outage = np.where(in_run, outage / total, 0.0)[:, None] * back[None, :]
    return w_ordinary, w_outage, last
