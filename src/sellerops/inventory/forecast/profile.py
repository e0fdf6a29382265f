"""Weekday profile and event uplifts: ratios of units to a local baseline, shrunk to a prior.

Every factor is estimated as ``(A + k * prior) / (B + k)`` with ``A`` the units sold on the
days in question and ``B`` the units a plain local baseline expected on them: the posterior
mean of a gamma-Poisson rate ratio. A slow mover (small ``B``) keeps its group's factor; a
fast mover earns its own.
"""

from __future__ import annotations

import numpy as np

from sellerops.inventory.forecast.panel import NO_EVENT, Panel

BASELINE_WIDTH = 28  # whole weeks, so every weekday weighs the same in the baseline


def centred_mean(y: np.ndarray, width: int = BASELINE_WIDTH) -> np.ndarray:
    """Mean of the observed values in the ``width`` days around each day; nan where none."""
    t = y.shape[1]
    half = width // 2
    ok = np.isfinite(y)
    sums = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(np.where(ok, y, 0.0), 1)], 1)
    counts = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(ok, 1)], 1)
    lo = np.clip(np.arange(t) - half, 0, t)
    hi = np.clip(np.arange(t) - half + width, 0, t)
    n = counts[:, hi] - counts[:, lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, (sums[:, hi] - sums[:, lo]) / np.maximum(n, 1), np.nan)


def shrink(a: np.ndarray, b: np.ndarray, prior: np.ndarray | float, k: float) -> np.ndarray:
    """Gamma-Poisson posterior mean of the ratio a/b with ``k`` units of prior weight."""
    return (a + k * prior) / (b + k)


def per_row_sums(
    values: np.ndarray, codes: np.ndarray, mask: np.ndarray, n_codes: int
) -> np.ndarray:
    """``out[i, c]`` = sum of ``values[i, t]`` over the cells with ``codes[i, t] == c``."""
    rows = np.broadcast_to(np.arange(values.shape[0])[:, None], values.shape)
    idx = rows[mask] * n_codes + codes[mask]
    out = np.bincount(idx, weights=values[mask], minlength=values.shape[0] * n_codes)
    return out.reshape(values.shape[0], n_codes)


def weekday_stats(p: Panel, base: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray]:
    """Units and baseline units per weekday over the last ``days`` ordinary observed days."""
    mask = np.isfinite(p.y) & np.isfinite(base) & (p.event == NO_EVENT)
    mask[:, : max(0, p.y.shape[1] - days)] = False
    return per_row_sums(p.y, p.dow, mask, 7), per_row_sums(base, p.dow, mask, 7)


def normalise_weekdays(w: np.ndarray) -> np.ndarray:
    """Scale each profile to average 1 over the week, so the level is a weekly mean."""
    mean = w.mean(axis=1, keepdims=True)
    return np.where(mean > 0, w / np.where(mean > 0, mean, 1.0), 1.0)


def event_stats(p: Panel, expected: np.ndarray, n_events: int) -> tuple[np.ndarray, np.ndarray]:
    """Units and baseline-expected units per event name over all observed event days."""
    if n_events == 0:
        empty = np.zeros((p.y.shape[0], 0))
        return empty, empty
    mask = np.isfinite(p.y) & np.isfinite(expected) & (p.event != NO_EVENT)
    return (
        per_row_sums(p.y, p.event, mask, n_events),
        per_row_sums(expected, p.event, mask, n_events),
    )


def day_factors(factors: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Per cell, the factor of that cell's code (1 where the code is NO_EVENT)."""
    if factors.shape[1] == 0:
        return np.ones(codes.shape)
    rows = np.arange(codes.shape[0])[:, None]
    picked = factors[rows, np.maximum(codes, 0)]
    return np.where(codes == NO_EVENT, 1.0, picked)
