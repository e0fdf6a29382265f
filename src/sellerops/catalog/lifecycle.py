"""SKU lifecycle as pure arithmetic: the stage from the sales trajectory, margin and stock
age, and for a SKU at its end the cheapest way out (liquidate, remove or keep selling).

Stages:

- ``new``: first sale less than 60 days ago.
- ``growth``: the last 28 days sell clearly more than the 56 days before (ratio over 1.25
  and more than two standard errors above, the spread taken from the weekly rates).
- ``decline``: clearly less (ratio under 0.75, two standard errors below).

Days without stock are left out, and units are divided by the store's (or category's)
demand index first, so a season or an event day all SKUs share is not read as growth.
- ``end_of_life``: sales down to a fifth of the best 28 days or less while the stock left
  lasts over 180 days or a quarter of it is over 180 days old; or selling at a loss while
  not growing; or most of the stock is over 180 days old and the rest of it lasts over a
  year (the stock will outlive the demand).
- ``mature``: everything else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

STAGES = ("new", "growth", "mature", "decline", "end_of_life")
RECENT_DAYS = 28
BEFORE_DAYS = 56
NEW_DAYS = 60
GROWTH_RATIO = 1.25
DECLINE_RATIO = 0.75
EOL_SHARE_OF_PEAK = 0.2
EOL_COVER_DAYS = 180.0
EOL_AGED_SHARE = 0.25
OUTLIVED_AGED_SHARE = 0.5
Z = 2.0

#: Per-unit removal (return or disposal) fee, Amazon US 2024, standard size up to 0.5 lb /
#: oversize up to 1 lb; an approximation: heavier units cost more.
REMOVAL_FEE = {"standard": Decimal("1.04"), "oversize": Decimal("3.12")}
#: What FBA Liquidations pays back, net of its fees, as a share of the selling price
#: (Amazon quotes 5-10 % of the average selling price before its fees).
LIQUIDATION_NET_RECOVERY = Decimal("0.05")
HORIZON_MONTHS = 12
#: Stock an end-of-life SKU sells within this many days stays; the rest is cleared (units
#: older than 180 days pay the aged surcharge).
KEEP_DAYS = 180


@dataclass(frozen=True, slots=True)
class SkuHistory:
    """One SKU's trajectory: ``daily_units`` oldest first, ending on the review day, and
    ``in_stock`` for the same days (days without stock are left out of every average).

    ``days_since_launch`` is None when the SKU sold before the history began; ``margin`` a
    fraction of the price after COGS and fees (None: unknown); ``aged_share`` the share of
    units on hand over 180 days old; ``cover_days`` how long the stock lasts at the recent rate.
    """

    daily_units: Sequence[float]
    in_stock: Sequence[bool] | None = None
    days_since_launch: int | None = None
    margin: float | None = None
    aged_share: float = 0.0
    cover_days: float = 0.0


@dataclass(frozen=True, slots=True)
class Rates:
    """Units a day over the days in stock: the last 28 days, the 56 before, the best 28."""

    recent: float
    before: float
    peak: float


@dataclass(frozen=True, slots=True)
class Stage:
    """The stage and the rates it was judged on. ``recent/before/peak_per_day`` are the rates
    the rules compare: seasonally adjusted (units divided by the store's demand index) when
    ``adjusted``; ``sold`` holds the same rates as sold (plain units a day)."""

    stage: str
    recent_per_day: float  # last 28 days
    before_per_day: float  # the 56 days before them
    peak_per_day: float  # best 28-day stretch in the history
    reason: str  # which rule decided, a code: see REASONS in the catalog checks
    sold: Rates | None = None  # the plain rates; None: the same as the judged ones
    adjusted: bool = False  # the judged rates are divided by the store's demand index
    #: the store's demand index, last 28 days over the 56 before, minus 1 (None: no index)
    store_change: float | None = None

    @property
    def sold_rates(self) -> Rates:
        """Units a day as the store sold them (not seasonally adjusted)."""
        return self.sold or Rates(self.recent_per_day, self.before_per_day, self.peak_per_day)

    @property
    def trend(self) -> float:
        """Recent over before (1.0 when nothing sold before)."""
        return self.recent_per_day / self.before_per_day if self.before_per_day > 0 else 1.0


def _mean(part: np.ndarray) -> float:
    """Mean over the days with stock (NaN marks a day without); 0 when there are none."""
    kept = part[~np.isnan(part)]
    return float(kept.mean()) if len(kept) else 0.0


def _means(units: np.ndarray) -> tuple[float, float, float]:
    recent = _mean(units[-RECENT_DAYS:])
    before = _mean(units[-(RECENT_DAYS + BEFORE_DAYS) : -RECENT_DAYS])
    if len(units) >= RECENT_DAYS:
        filled = np.where(np.isnan(units), 0.0, units)
        stocked = (~np.isnan(units)).astype(float)
        kernel = np.ones(RECENT_DAYS)
        sums = np.convolve(filled, kernel, mode="valid")
        days = np.convolve(stocked, kernel, mode="valid")
        rates = np.divide(sums, days, out=np.zeros_like(sums), where=days >= 7)
        peak = max(float(rates.max()), recent)
    else:
        peak = recent
    return recent, before, peak


def _weekly(part: np.ndarray) -> np.ndarray:
    """Units a day per whole week (NaN days left out; weeks without stock dropped)."""
    weeks = [part[k : k + 7] for k in range(len(part) % 7, len(part), 7)]
    means = [np.nanmean(w) for w in weeks if np.any(~np.isnan(w))]
    return np.asarray(means, dtype=float)


def _z(units: np.ndarray) -> float:
    """How many standard errors the last 4 weeks' daily rate lies from the 8 weeks before.

    The spread comes from the weekly rates themselves (demand is lumpier than Poisson): half
    the mean squared week-to-week difference, which a step change barely moves; never below
    the Poisson spread.
    """
    recent = _weekly(units[-RECENT_DAYS:])
    before = _weekly(units[-(RECENT_DAYS + BEFORE_DAYS) : -RECENT_DAYS])
    if len(recent) < 2 or len(before) < 2:
        return 0.0
    mean_before = float(before.mean())
    if mean_before <= 0:
        return 0.0
    # Week-to-week differences measure the noise without counting a level shift as noise.
    weeks = np.concatenate([before, recent])
    var_week = max(float(np.mean(np.diff(weeks) ** 2)) / 2, mean_before / 7)
    se = math.sqrt(var_week / len(recent) + var_week / len(before))
    return (float(recent.mean()) - mean_before) / se


def demand_index(totals: Sequence[float]) -> np.ndarray:
    """The store's daily demand level relative to its mean (7-day centred average), to take
    the season and event days out of every SKU's trajectory: a November rise that all SKUs
    share is the season, not growth."""
    values = np.asarray(totals, dtype=float)
    if len(values) == 0 or values.sum() <= 0:
        return np.ones(len(values))
    kernel = np.ones(7) / 7
    padded = np.pad(values, 3, mode="edge")
    smooth = np.convolve(padded, kernel, mode="valid")
    return np.maximum(smooth / smooth.mean(), 0.05)


def classify(history: SkuHistory, index: Sequence[float] | None = None) -> Stage:
    """The SKU's lifecycle stage and the rule that decided it (see the module docstring).

    ``index`` is the store's :func:`demand_index` over the same days; units are divided by
    it before the comparisons, so seasons and events do not read as growth or decline (the
    stage keeps the plain rates too, for the reader: :attr:`Stage.sold_rates`).
    """
    units = np.asarray(history.daily_units, dtype=float)
    if history.in_stock is not None:  # a day without stock says nothing about demand
        units = np.where(np.asarray(history.in_stock, dtype=bool), units, np.nan)
    sold = Rates(*_means(units))
    store_change = None
    if index is not None:
        level = np.asarray(index, dtype=float)[-len(units) :]
        units = units / level
        then = level[-(RECENT_DAYS + BEFORE_DAYS) : -RECENT_DAYS]
        if len(then):
            store_change = float(level[-RECENT_DAYS:].mean() / then.mean()) - 1.0
    recent, before, peak = _means(units)

    def stage(name: str, reason: str) -> Stage:
        return Stage(name, recent, before, peak, reason, sold, index is not None, store_change)

    if history.days_since_launch is not None and history.days_since_launch < NEW_DAYS:
        return stage("new", "launched_recently")
    z = _z(units)
    growing = before > 0 and recent > GROWTH_RATIO * before and z > Z
    if not growing and history.margin is not None and history.margin < 0:
        return stage("end_of_life", "selling_at_a_loss")
    faded = peak > 0 and recent <= EOL_SHARE_OF_PEAK * peak
    stuck = history.cover_days > EOL_COVER_DAYS or history.aged_share >= EOL_AGED_SHARE
    if faded and stuck:
        return stage("end_of_life", "faded_with_stock")
    if not growing and history.aged_share >= OUTLIVED_AGED_SHARE and history.cover_days > 365:
        return stage("end_of_life", "stock_outlives_demand")
    if growing:
        return stage("growth", "sales_rising")
    if before > 0 and recent < DECLINE_RATIO * before and z < -Z:
        return stage("decline", "sales_falling")
    return stage("mature", "steady")


@dataclass(frozen=True, slots=True)
class ExitOption:
    """One way to deal with stock a SKU will not sell soon: ``net`` is what it saves over
    keeping the units for up to 12 months (storage and aged surcharges avoided, plus what
    liquidation pays back, minus the fees it costs); negative means it costs more."""

    action: str  # liquidate | remove | keep
    units: int
    cost: Decimal
    net: Decimal


def holding_cost(
    units: int,
    units_per_day: float,
    fee_per_unit_month: Decimal,
    *,
    wait_days: float = 0.0,
    months: int = HORIZON_MONTHS,
) -> Decimal:
    """Storage (and surcharge) paid on ``units`` over at most ``months`` months when they
    start selling at ``units_per_day`` only after ``wait_days`` (first in, first out: the
    excess sells after the stock ahead of it)."""
    total, left = Decimal(0), float(units)
    for month in range(months):
        if left <= 0:
            break
        selling_days = min(30.0, max(0.0, (month + 1) * 30 - wait_days))
        after = max(0.0, left - units_per_day * selling_days)
        total += Decimal(str((left + after) / 2)) * fee_per_unit_month
        left = after
    return total.quantize(Decimal("0.01"))


def exit_options(
    *,
    units: int,
    units_per_day: float,
    fee_per_unit_month: Decimal,
    price: Decimal,
    storage: str = "standard",
    wait_days: float = 0.0,
) -> list[ExitOption]:
    """Liquidate, remove and keep, best first, for ``units`` of excess stock that starts
    selling after ``wait_days`` (see :func:`holding_cost`)."""
    keep = holding_cost(units, units_per_day, fee_per_unit_month, wait_days=wait_days)
    removal = REMOVAL_FEE[storage] * units
    recovery = LIQUIDATION_NET_RECOVERY * price * units
    options = [
        ExitOption(
            "liquidate", units, removal, (keep - removal + recovery).quantize(Decimal("0.01"))
        ),
        ExitOption("remove", units, removal, (keep - removal).quantize(Decimal("0.01"))),
        ExitOption("keep", units, keep, Decimal(0)),
    ]
    return sorted(options, key=lambda o: o.net, reverse=True)
