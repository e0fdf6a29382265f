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
    #: days the stock lasts at the forecast: on hand, plus inbound only from the day it
    #: lands (inbound arriving after a stock-out does not extend it); fractional, inf when
    #: it outlasts the horizon. ``stockout_date`` is the day this cover ends.
    days_of_cover: float
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
    cover, stockout = run_out(item)
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


STOCKOUT_HORIZON_DAYS = 365


def run_out(item: RestockInput) -> tuple[float, date | None]:
    """Days of cover and the stock-out date, one convention for every screen.

    Cover: days the projected stock (on hand, plus each inbound from the day it lands,
    minus the forecast) lasts, fractional. Stock-out date: the first day projected stock
    reaches zero, so the first day sales are lost (``as_of`` + the cover rounded up, at
    least tomorrow); None when stock outlasts :data:`STOCKOUT_HORIZON_DAYS` or nothing sells.
    """
    horizon = max(len(item.daily_mean), STOCKOUT_HORIZON_DAYS)
    demand = _extend(item.daily_mean, horizon)
    if demand.sum() <= 0:
        return math.inf, None
    arrivals = np.zeros(horizon)
    for inbound in item.inbound:
        if inbound.arrives_in_days < horizon:
            arrivals[max(0, inbound.arrives_in_days)] += inbound.units
    stock = item.on_hand + np.cumsum(arrivals - demand)
    empty = np.nonzero(stock <= 0)[0]
    if len(empty) == 0:
        return _cover_days(item.daily_mean, item.on_hand + sum(i.units for i in item.inbound)), None
    k = int(empty[0])
    before = (stock[k - 1] if k else float(item.on_hand)) + arrivals[k]
    part = min(1.0, max(0.0, before / demand[k])) if demand[k] > 0 else 0.0
    cover = k + part
    return cover, item.as_of + timedelta(days=max(1, math.ceil(cover - 1e-9)))


def _cover_days(mean: np.ndarray, units: float) -> float:
    """Days ``units`` last at the forecast (fractional; inf only when nothing sells: stock
    for years at a slow rate is that many days, not infinite)."""
    demand = _extend(mean, max(len(mean), 730))
    cum = np.cumsum(demand)
    if cum[-1] <= 0:
        return math.inf
    k = int(np.searchsorted(cum, units, side="right"))
    if k >= len(cum):  # lasts beyond the array: the rest at the forecast's carried-on rate
        tail = float(demand[-1])
        return math.inf if tail <= 0 else len(cum) + (units - float(cum[-1])) / tail
    before = cum[k - 1] if k else 0.0
    return k + (units - before) / demand[k] if demand[k] > 0 else float(k)


@dataclass(frozen=True, slots=True)
class Transfer:
    """Units to send from the intermediate warehouse (3PL) to FBA, and by when."""

    units: int
    ship_by: date | None  # last day to ship so the units land before FBA stock runs low
    held_back: int = 0  # units wanted at FBA that the warehouse does not hold


def transfer_to_fba(item: RestockInput, warehouse_units: int, transfer_days: float) -> Transfer:
    """The 3PL -> FBA leg: FBA stock topped up to cover the transfer time plus the review
    period at the service level, from what the warehouse holds (whole case packs).

    ``item`` is the FBA side (on hand + inbound to FBA); its lead time is ignored here: the
    transfer takes ``transfer_days`` with a 20 % spread.
    """
    leg = RestockInput(
        sku=item.sku,
        as_of=item.as_of,
        on_hand=item.on_hand,
        daily_mean=item.daily_mean,
        dispersion=item.dispersion,
        inbound=item.inbound,
        lead_time=LeadTime(transfer_days, 0.0, 0.0, 0.2 * transfer_days),
        review_period_days=item.review_period_days,
        service_level=item.service_level,
        case_pack=item.case_pack,
    )
    line = plan(leg)
    pack = max(1, item.case_pack)
    wanted = line.order_units
    available = (max(0, warehouse_units) // pack) * pack
    units = min(wanted, available)
    if units == 0 and 0 < warehouse_units < pack and wanted > 0:
        units = min(wanted, warehouse_units)  # a broken case is better than nothing
    return Transfer(units=units, ship_by=line.order_by, held_back=max(0, wanted - units))


@dataclass(frozen=True, slots=True)
class Shipment:
    """A SKU's proposed units to FBA, for the capacity check."""

    sku: str
    storage_type: str
    units: int
    unit_cuft: float | None  # None: volume unknown (counts by units only)
    stockout_date: date | None
    margin_per_unit: float = 0.0


@dataclass(frozen=True, slots=True)
class CapacityLimit:
    limit_cuft: float | None = None
    limit_units: int | None = None


def cap_shipments(
    shipments: list[Shipment],
    limits: dict[str, CapacityLimit],
    used_cuft: dict[str, float],
    used_units: dict[str, int],
) -> dict[str, int]:
    """Units of each SKU that fit under its storage type's FBA capacity limit.

    Room left = limit - what is already on hand and inbound. SKUs are served in priority
    order: the earliest projected stock-out first (no stock-out date last), then the higher
    margin per unit; each takes what fits, in whole units. A storage type without a limit
    takes everything. Returns the allowed units per SKU (the rest is held back).
    """
    room_cuft = {
        k: (None if v.limit_cuft is None else v.limit_cuft - used_cuft.get(k, 0.0))
        for k, v in limits.items()
    }
    room_units = {
        k: (None if v.limit_units is None else v.limit_units - used_units.get(k, 0))
        for k, v in limits.items()
    }
    order = sorted(shipments, key=lambda s: (s.stockout_date or date.max, -s.margin_per_unit))
    allowed: dict[str, int] = {}
    for s in order:
        fits = s.units
        cuft, units = room_cuft.get(s.storage_type), room_units.get(s.storage_type)
        if cuft is not None and s.unit_cuft:
            fits = min(fits, max(0, math.floor(cuft / s.unit_cuft + 1e-9)))
        if units is not None:
            fits = min(fits, max(0, units))
        allowed[s.sku] = fits
        if cuft is not None and s.unit_cuft:
            room_cuft[s.storage_type] = cuft - fits * s.unit_cuft
        if units is not None:
            room_units[s.storage_type] = units - fits
    return allowed


def service_levels_by_value(
    daily_value: np.ndarray, target: float, lo: float = 0.80, hi: float = 0.995
) -> np.ndarray:
    """Per-SKU service levels averaging ``target``, cheapest in-stock days bought first.

    A day a listing is out of stock costs it rank whatever it sells, but the safety stock
    that prevents it costs in proportion to the units a day times their cost. Equalising the
    in-stock days gained per dollar of safety stock gives each SKU a stock-out chance
    proportional to its daily demand value (``units/day x unit cost``): slow, cheap SKUs get
    a high service level, fast, costly ones a lower one, clipped to ``[lo, hi]``, with the
    plain average over SKUs equal to ``target``. SKUs with no value (nan or 0) get ``target``.
    """
    value = np.asarray(daily_value, dtype=float)
    known = np.isfinite(value) & (value > 0)
    out = np.full(value.shape, target)
    if known.sum() < 2 or not lo <= target <= hi:
        return out
    v = value[known]

    def mean_level(log_lam: float) -> float:
        return float(np.mean(1.0 - np.clip(np.exp(log_lam) * v, 1.0 - hi, 1.0 - lo)))

    a, b = -30.0, 30.0  # mean_level falls as lambda grows
    for _ in range(100):
        mid = (a + b) / 2
        if mean_level(mid) > target:
            a = mid
        else:
            b = mid
    out[known] = 1.0 - np.clip(np.exp((a + b) / 2) * v, 1.0 - hi, 1.0 - lo)
    return out


#: Service level per ABC class (``abc_classes``): most of the money in few SKUs, kept in stock.
ABC_LEVELS = {"A": 0.97, "B": 0.95, "C": 0.90}
#: Cumulative shares of sales value that close classes A and B (the rest is C).
ABC_CUTS = (0.80, 0.95)


def abc_classes(sales_value: np.ndarray, cuts: tuple[float, float] = ABC_CUTS) -> list[str]:
    """Pareto classes by sales value: the SKUs making the first 80 % of it are A, the next
    15 % B, the rest C (``cuts``). A SKU is classed by the share sold before it, so the top
    seller is always A; SKUs without sales (0 or nan) are C.
    """
    value = np.nan_to_num(np.asarray(sales_value, dtype=float), nan=0.0).clip(min=0.0)
    total = float(value.sum())
    out = ["C"] * len(value)
    if total <= 0:
        return out
    before = 0.0
    for k in np.argsort(-value, kind="stable"):
        if value[k] <= 0:
            break
        share = before / total
        out[k] = "A" if share < cuts[0] else "B" if share < cuts[1] else "C"
        before += float(value[k])
    return out
