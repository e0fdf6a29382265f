"""Restock quantities and dates: pure math over a demand forecast and a lead time.

The policy is a periodic-review order-up-to level: every review period the operator may
order; the order must cover demand over the protection period (lead time + review period)
with the wanted service level. Demand per day is negative-binomial around the forecast mean
(variance = mean + phi * mean**2, phi from the forecaster); the lead time is uncertain too
(supplier production + freight + FBA receiving, each with a spread), so the variance of
demand over the protection period is Var = sum(var_day) + mean_day**2 * Var(lead time).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import NormalDist

import numpy as np


@dataclass(frozen=True, slots=True)
class LeadTime:
    """Days from placing an order to units being sellable at FBA, as mean and spread."""

    production_days: float = 25.0
    transit_days: float = 35.0
    receiving_days: float = 7.0
    sd_days: float = 7.0

    @property
    def mean(self) -> float:
        return self.production_days + self.transit_days + self.receiving_days


@dataclass(frozen=True, slots=True)
class Inbound:
    units: int
    arrives_in_days: int  # 0 = already receiving


@dataclass(frozen=True, slots=True)
class RestockInput:
    """One SKU's stock position and forecast on day ``as_of`` (forecast starts the next day)."""

    sku: str
    as_of: date
    on_hand: int  # fulfillable now
    daily_mean: np.ndarray  # forecast units per day, at least lead time + review period long
    dispersion: float = 0.0
    inbound: tuple[Inbound, ...] = ()
    lead_time: LeadTime = field(default_factory=LeadTime)
    review_period_days: int = 14
    service_level: float = 0.95
    moq: int = 0
    case_pack: int = 1


@dataclass(frozen=True, slots=True)
class RestockLine:
    """What to do for one SKU, with the numbers that explain it (units, days, dates)."""

    sku: str
    order_units: int  # to order now (0: the position covers the protection period)
    order_by: date | None  # last day to place the next order so it lands before stock runs low
    stockout_date: date | None  # when stock runs out if nothing is ordered (None: not in horizon)
    days_of_cover: float  # days on-hand + inbound last at the forecast
    target_level: float  # units wanted in stock + on order: protection-period demand + safety
    safety_stock: float
    protection_days: float
    position: int  # on hand + inbound


def plan(item: RestockInput) -> RestockLine:
    """Units to order now and the day the order must be placed by."""
    protection = item.lead_time.mean + item.review_period_days
    mean_p, var_p = _demand_over(item.daily_mean, protection, item.dispersion)
    avg_day = mean_p / protection if protection else 0.0
    var_p += (avg_day**2) * item.lead_time.sd_days**2
    z = NormalDist().inv_cdf(item.service_level)
    safety = z * math.sqrt(max(var_p, 0.0))
    target = mean_p + safety
    position = item.on_hand + sum(i.units for i in item.inbound)
    need = max(0.0, target - position)
    units = _round_order(need, item.moq, item.case_pack)
    stockout = _stockout_day(item)
    cover = _cover_days(item.daily_mean, position)
    order_by = None
    if stockout is not None or units > 0:
        # the next order must land before stock falls under the safety stock
        usable = _cover_days(item.daily_mean, max(0.0, position - safety))
        if not math.isinf(usable):
            slack = usable - item.lead_time.mean
            order_by = item.as_of + timedelta(days=max(0, math.floor(slack)))
    return RestockLine(
        sku=item.sku,
        order_units=units,
        order_by=order_by,
        stockout_date=stockout,
        days_of_cover=cover,
        target_level=round(target, 1),
        safety_stock=round(safety, 1),
        protection_days=protection,
        position=position,
    )


def _demand_over(mean: np.ndarray, days: float, phi: float) -> tuple[float, float]:
    """Mean and variance of total demand over ``days`` (the last day counted in part)."""
    whole = int(days)
    series = _extend(mean, whole + 1)
    weights = np.ones(whole + 1)
    weights[whole] = days - whole
    mu = float(np.sum(series * weights))
    var = float(np.sum((series + phi * series**2) * weights))
    return mu, var


def _extend(mean: np.ndarray, n: int) -> np.ndarray:
    """The forecast, carried on at its last 28 days' average when the plan needs more days."""
    if len(mean) >= n:
        return np.asarray(mean[:n], dtype=float)
    tail = float(np.mean(mean[-28:])) if len(mean) else 0.0
    return np.concatenate([np.asarray(mean, dtype=float), np.full(n - len(mean), tail)])


def _round_order(need: float, moq: int, case_pack: int) -> int:
    if need <= 0:
        return 0
    pack = max(1, case_pack)
    units = math.ceil(need / pack) * pack
    if units < moq:
        units = math.ceil(moq / pack) * pack
    return units


def _stockout_day(item: RestockInput) -> date | None:
    """The first day projected stock (on hand + arriving inbound - demand) reaches zero."""
    horizon = max(len(item.daily_mean), 365)
    demand = _extend(item.daily_mean, horizon)
    arrivals = np.zeros(horizon)
    for inbound in item.inbound:
        if inbound.arrives_in_days < horizon:
            arrivals[max(0, inbound.arrives_in_days)] += inbound.units
    stock = item.on_hand + np.cumsum(arrivals - demand)
    empty = np.nonzero(stock <= 0)[0]
    if len(empty) == 0 or demand.sum() <= 0:
        return None
    return item.as_of + timedelta(days=int(empty[0]) + 1)


def _cover_days(mean: np.ndarray, units: float) -> float:
    """Days ``units`` last at the forecast (fractional; inf when nothing sells)."""
    demand = _extend(mean, max(len(mean), 730))
    cum = np.cumsum(demand)
    if cum[-1] <= 0:
        return math.inf
    k = int(np.searchsorted(cum, units, side="right"))
    if k >= len(cum):
        return math.inf
    before = cum[k - 1] if k else 0.0
    return k + (units - before) / demand[k] if demand[k] > 0 else float(k)
