"""Yearly seasonality: how demand moved, a year (and two) ago, from the 28 days before the
forecast origin to the forecast days themselves.

The ratio ``units in the same H days last year / units in the 28 days before them (per
day)`` is a seasonal index for the coming horizon relative to the current level. Both
windows are 52 weeks back, so they hold the same weekdays; named event days are left out
(their uplift is applied separately). One series' ratio is too noisy to use (it made the M5
backtest worse), so series share their group's index, shrunk toward no change with a
gamma-Poisson weight in units; each series' ratio is capped to [1/2, 2] first, so a launch
ramp or a stock-out a year ago does not pass for seasonality.
"""

from __future__ import annotations

import numpy as np

from sellerops.inventory.forecast.panel import NO_EVENT, Panel

YEAR = 364
BEFORE = 28
MAX_RATIO = 2.0


def yearly_stats(p: Panel, horizon: int, years: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Per series: units in last years' forecast windows, and the units their preceding
    28-day windows would give over the same number of observed days."""
    usable = np.isfinite(p.y) & (p.event == NO_EVENT)
    y = np.where(usable, p.y, 0.0)
    n_days = p.y.shape[1]
    after = np.zeros(p.y.shape[0])
    before = np.zeros(p.y.shape[0])
    for k in range(1, years + 1):
        start = n_days - k * YEAR
        if start - BEFORE < 0:
            break
        window = slice(start, min(start + horizon, n_days))
        prior = slice(start - BEFORE, start)
        n_after = usable[:, window].sum(axis=1)
        n_before = usable[:, prior].sum(axis=1)
        ok = (n_after >= horizon // 2) & (n_before >= BEFORE // 2)
        expected = y[:, prior].sum(axis=1) / np.maximum(n_before, 1) * n_after
        seen = y[:, window].sum(axis=1)
        # a launch ramp or a stock-out in either window is not seasonality: cap the ratio
        seen = np.clip(seen, expected / MAX_RATIO, expected * MAX_RATIO)
        after += np.where(ok, seen, 0.0)
        before += np.where(ok, expected, 0.0)
    return after, before
