"""The demand level: several smoothers of units over expected units, each scored on how
well it would have forecast 1-28 days ahead over the last year, and the best one kept.

Candidates, all on the deseasonalised scale (units per ordinary day at the last price):

* exponential smoothing ``L <- L + g (y_t - s_t L)`` with gain ``g = max(alpha, 1/n_t)``,
  ``n_t`` the expected-unit days seen so far: a plain mean while the history is shorter than
  ``1/alpha``, then smoothing. For an intermittent series this is the TSB (Teunter-Syntetos-
  Babai) demand rate with equal smoothing of occurrence and size, updated every day, so it
  decays through long runs of zeros instead of waiting for the next sale as Croston does;
* moving averages over the last ``w`` days, ``sum(y) / sum(s)`` (the ADIDA-style
  aggregate rate of the window).

A shut day (``s_t = 0``) or a censored day (``y_t = nan``) moves no candidate. The choice is
made per series, with its error profile blended with its group's, because one series' year
of errors is a noisy judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DISPERSION_LAG = 7


@dataclass
class LevelFit:
    """Per series: the level at the end of history and what it rests on."""

    level: np.ndarray  # expected units per ordinary day at the reference price
    choice: np.ndarray  # index of the chosen candidate
    seen: np.ndarray  # expected-unit days observed (evidence behind the level)
    phi_num: np.ndarray  # sum of (error^2 - mean) at lag DISPERSION_LAG
    phi_den: np.ndarray  # sum of mean^2 at the same lag


def smoothing_paths(y: np.ndarray, s: np.ndarray, alphas: Sequence[float]) -> np.ndarray:
    """Level after each day, ``(S, A, T)``, for every alpha; nan before the first observation."""
    n_series, n_days = y.shape
    inv_alpha = 1.0 / np.asarray(alphas, dtype=float)
    paths = np.full((n_series, len(alphas), n_days), np.nan, dtype=np.float32)
    level = np.zeros((n_series, len(alphas)))
    seen = np.zeros(n_series)
    for t in range(n_days):
        yt, st = y[:, t], s[:, t]
        ok = np.isfinite(yt)
        seen = seen + np.where(ok, st, 0.0)
        gain = 1.0 / np.minimum(np.maximum(seen, 1e-9)[:, None], inv_alpha[None, :])
        gain = np.minimum(gain, 1.0 / np.maximum(st, 1e-9)[:, None])
        step = gain * (np.where(ok, yt, 0.0)[:, None] - st[:, None] * level)
        level = level + np.where(ok[:, None], step, 0.0)
        paths[:, :, t] = np.where(seen[:, None] > 0, level, np.nan)
    return paths


def window_paths(y: np.ndarray, s: np.ndarray, windows: Sequence[int]) -> np.ndarray:
    """Moving-average level after each day, ``(S, W, T)``: units over expected units."""
    ok = np.isfinite(y)
    zero = np.zeros((y.shape[0], 1))
    units = np.concatenate([zero, np.cumsum(np.where(ok, y, 0.0), axis=1)], axis=1)
    expected = np.concatenate([zero, np.cumsum(np.where(ok, s, 0.0), axis=1)], axis=1)
    out = np.full((y.shape[0], len(windows), y.shape[1]), np.nan, dtype=np.float32)
    end = np.arange(1, y.shape[1] + 1)
    for k, w in enumerate(windows):
        start = np.maximum(end - w, 0)
        num = units[:, end] - units[:, start]
        den = expected[:, end] - expected[:, start]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:, k] = np.where(den > 0, num / den, np.nan)
    return out


def choose_level(
    paths: np.ndarray,
    y: np.ndarray,
    s: np.ndarray,
    lags: Sequence[int],
    score_from: int,
    pooling: float,
) -> LevelFit:
    """Score every candidate's past forecasts and keep the best per series.

    ``score_from`` is the first column whose errors count (for the choice and for the
    dispersion of the errors). ``pooling`` weighs the batch's average error profile against
    the series' own (0 = own only).
    """
    sse = np.zeros(paths.shape[:2])
    for lag in lags:
        sse += _lagged_errors(paths, y, s, lag, score_from)[0]
    normalised = sse / np.maximum(sse.min(axis=1, keepdims=True), 1e-12)
    criterion = normalised + pooling * normalised.mean(axis=0, keepdims=True)
    # a moving average whose window holds no observed day (a long stock-out) cannot be used
    criterion = np.where(np.isfinite(paths[:, :, -1]), criterion, np.inf)
    best = np.argmin(criterion, axis=1)
    rows = np.arange(paths.shape[0])
    _, phi_num, phi_den = _lagged_errors(
        paths[rows, best][:, None], y, s, DISPERSION_LAG, score_from
    )
    last = np.nan_to_num(paths[rows, best, -1].astype(float))
    seen = np.where(np.isfinite(y), s, 0.0).sum(axis=1)
    return LevelFit(np.maximum(last, 0.0), best, seen, phi_num[:, 0], phi_den[:, 0])


def _lagged_errors(
    paths: np.ndarray, y: np.ndarray, s: np.ndarray, lag: int, score_from: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Squared errors of the forecasts made ``lag`` days earlier, and the NB moment sums."""
    start = max(score_from, lag)
    if start >= y.shape[1]:
        zero = np.zeros(paths.shape[:2])
        return zero, zero, zero
    mean = paths[:, :, start - lag : y.shape[1] - lag] * s[:, None, start:]
    actual = y[:, None, start:]
    use = np.isfinite(mean) & np.isfinite(actual)
    mu = np.where(use, mean, 0.0)
    err2 = np.where(use, (np.nan_to_num(actual) - mu) ** 2, 0.0)
    return err2.sum(axis=2), (err2 - mu).sum(axis=2), (mu * mu).sum(axis=2)
