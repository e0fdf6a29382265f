"""Yearly seasonality: how demand moved, a year (and two) ago, from the 28 days before the
forecast origin to the forecast days themselves.

The ratio ``units in the same H days last year / units in the 28 days before them (per
day)`` is a seasonal index for the coming horizon relative to the current level. Both
windows are 52 weeks back, so they hold the same weekdays; named event days are left out
(their uplift is applied separately). One series' ratio is too noisy to use (it made the M5
backtest worse), so series share their group's index, shrunk toward no change with a
gamma-Poisson weight in units; each series' ratio is capped to [1/2, 2] first, so a launch
ramp or a stock-out a year ago does not pass for seasonality.

A long horizon (a restock plan looks 60-180 days ahead) gets one index per 28-day block of
it, each against the same 28 days before the origin: a plan made in October sees the
November-December peak and the January drop instead of their average.
"""

from __future__ import annotations

import numpy as np

from sellerops.inventory.forecast.panel import NO_EVENT, Panel

YEAR = 364
BEFORE = 28
MAX_RATIO = 2.0
BLOCK = 28  # days per seasonal index of the horizon


def yearly_stats(p: Panel, horizon: int, years: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Per series and 28-day block of the horizon ``(S, B)``: units in last years' windows,
    and the units their preceding 28-day windows would give over the same observed days."""
    usable = np.isfinite(p.y) & (p.event == NO_EVENT)
    y = np.where(usable, p.y, 0.0)
    n_days = p.y.shape[1]
    blocks = n_blocks(horizon)
    after = np.zeros((p.y.shape[0], blocks))
    before = np.zeros((p.y.shape[0], blocks))
    for k in range(1, years + 1):
        start = n_days - k * YEAR
        if start - BEFORE < 0:
            break
        prior = slice(start - BEFORE, start)
        n_before = usable[:, prior].sum(axis=1)
        rate = y[:, prior].sum(axis=1) / np.maximum(n_before, 1)
        for b in range(blocks):
            lo = start + b * BLOCK
            width = min(BLOCK, horizon - b * BLOCK)
            window = slice(lo, min(lo + width, n_days))
            n_after = usable[:, window].sum(axis=1)
            ok = (n_after >= width // 2) & (n_before >= BEFORE // 2)
            expected = rate * n_after
            seen = y[:, window].sum(axis=1)
            # a launch ramp or a stock-out in either window is not seasonality: cap the ratio
            seen = np.clip(seen, expected / MAX_RATIO, expected * MAX_RATIO)
            after[:, b] += np.where(ok, seen, 0.0)
            before[:, b] += np.where(ok, expected, 0.0)
    return after, before


def n_blocks(horizon: int) -> int:
    return max(1, -(-horizon // BLOCK))


def block_factors(index: np.ndarray, horizon: int) -> np.ndarray:
    """Per-day multipliers ``(S, horizon)`` from per-block indices ``(S, B)``."""
    return np.repeat(index, BLOCK, axis=1)[:, :horizon]
