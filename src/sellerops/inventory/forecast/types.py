"""What goes into the forecaster and what comes out: plain dataclasses over numpy arrays."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

#: A calendar of named days: past days (to learn each event's uplift) and future days
#: (to apply it). One name per day; the forecaster learns one factor per name.
Calendar = Mapping[date, str]


@dataclass(frozen=True)
class SeriesInput:
    """One SKU's daily history.

    ``units[k]`` is the units sold on ``start + k`` days (negative values, i.e. returns,
    count as 0; ``nan`` as not observed). ``in_stock[k]`` is 1 when the SKU
    could be bought all day and 0 when it could not: sales on a 0 day are censored (demand
    was at least that much), so the forecaster leaves them out instead of reading them as
    low demand. Without ``in_stock``, zeros before the first sale are taken as "not listed
    yet". ``price`` is the selling price per day (``nan`` = unknown), ``events`` a name per
    day (``None``/``""`` = ordinary day) that overrides the shared calendar for this series.
    ``future_price`` is the planned price for the forecast days (default: the last known
    price), ``future_events`` extra named future days for this series only. ``group``
    (category, brand, department) is what a new SKU borrows its weekday profile, event
    uplifts, price response and starting level from.
    """

    series_id: str
    start: date
    units: np.ndarray
    in_stock: np.ndarray | None = None
    price: np.ndarray | None = None
    events: Sequence[str | None] | None = None
    group: str | None = None
    future_price: np.ndarray | None = None
    future_events: Calendar | None = None

    def __post_init__(self) -> None:
        n = len(self.units)
        for name in ("in_stock", "price", "events"):
            value = getattr(self, name)
            if value is not None and len(value) != n:
                raise ValueError(
                    f"series {self.series_id!r}: {name} has {len(value)} days, units has {n}"
                )

    @property
    def end(self) -> date:
        """The last day of history."""
        return self.start + timedelta(days=len(self.units) - 1)


@dataclass(frozen=True)
class SeriesForecast:
    """Forecast of one SKU for ``horizon`` days starting the day after its history ends.

    ``mean`` is expected units per day (what a point forecast and velocity should use);
    ``p50`` and ``p90`` are the daily median and 90th percentile of units (the quantiles
    safety stock uses). ``method`` is the demand class of recent history (Syntetos-Boylan:
    ``smooth``, ``erratic``, ``intermittent``, ``lumpy``), or ``new`` (little history, pooled
    toward the group) or ``none`` (no usable history: the group's typical level, or zero). It
    describes the series (the explanation and the "Demand type" column say it); the level is
    chosen by backtest whatever the class.
    """

    series_id: str
    start: date
    mean: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    method: str
    dispersion: float = 0.0  # negative-binomial phi: variance = mean + phi * mean**2

    @property
    def dates(self) -> list[date]:
        return [self.start + timedelta(days=k) for k in range(len(self.mean))]


@dataclass(frozen=True)
class ForecastConfig:
    """Knobs of the model; the defaults are what the benchmark in bench/forecast.py ran.

    Shrinkage strengths are in "expected units": a per-series factor estimated from ``k``
    expected units of evidence weighs as much as the pooled group value.
    """

    max_history: int = 800  # days of history used (the yearly index looks two years back)
    alphas: tuple[float, ...] = (0.01, 0.02, 0.04, 0.08, 0.15, 0.3)
    windows: tuple[int, ...] = (28, 56)  # moving-average candidates (days)
    selection_lags: tuple[int, ...] = (1, 7, 14, 28)
    selection_pooling: float = 0.3
    selection_top: int = 3  # the level averages this many best-scoring candidates
    stack_ridge: float = 0.0  # >0: combine level candidates with batch-learned weights (off)
    stack_scale_power: float = 1.0  # samples weigh 1 / scale**power (1 = as RMSSE does)
    selection_days: int = 364  # days scored when choosing the smoothing constant
    weekday_days: int = 364  # days the weekday profile is learned from
    weekday_strength: float = 100.0
    event_strength: float = 30.0
    yearly_strength: float = 300.0  # a group's yearly index; a huge value switches it off
    elasticity_strength: float = 2.0  # expected units x squared log-price deviation
    elasticity_bounds: tuple[float, float] = (-4.0, 0.0)
    new_series_days: int = 56  # fewer observed days than this: shrink the level to the group
    level_prior_days: float = 14.0
    dispersion_days: int = 364
    prior_alive: float = 0.99  # prior that a run of zeros at the end is ordinary demand
    outage_share: float = 0.8  # of the rest: a temporary outage (else the product ended)
    outage_days: float = 3.0  # mean length of a temporary outage (sales back after it)
    hidden_stockout_units: float = 0.0  # 0 = never guess stock-outs from zero runs
    chunk_size: int = 2048  # series per block of matrices (memory ~ chunk x history x 10 x 8 B)
