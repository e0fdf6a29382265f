"""The simulated operator's replenishment habits: imperfect on purpose.

Once a week (a different weekday per SKU) the operator compares the inventory position (on hand
plus everything ordered and not yet received) with a reorder point built from a naive forecast:
the average daily sales over the last 28 in-stock days, times noise, adjusted for only part of
the seasonal change ahead and none of the events. Some weeks the review is skipped, some orders
are cut short for cash, and suppliers and forwarders are late now and then. That is what makes stock-outs happen at
a realistic rate, which the restock checks must then catch earlier than this operator did.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog import CatalogArrays

#: Days of sales history the operator looks at.
HISTORY = 28
#: How often a planned review is skipped (busy week).
SKIP_REVIEW = 0.10
#: How often an order is cut to 40-80 % of what the rule says (cash, or a cautious guess).
CUT_ORDER = 0.08
#: How much of the seasonal change ahead the operator anticipates (1 = all of it).
SEASON_AWARENESS = 0.6


@dataclass(slots=True)
class Policy:
    review_weekday: NDArray[np.int64]  # [sku], review when (day + this) % 7 == 0
    safety_days: NDArray[np.float64]  # [sku], days of safety stock the operator keeps
    cover_days: NDArray[np.float64]  # [sku], days of sales one order is meant to cover


def make_policy(rng: np.random.Generator, n: int) -> Policy:
    return Policy(
        review_weekday=rng.integers(0, 7, size=n),
        safety_days=rng.uniform(7, 28, size=n),
        cover_days=rng.uniform(30, 75, size=n),
    )


def forecast(
    sales: NDArray[np.int32],
    in_stock: NDArray[np.bool_],
    prior: NDArray[np.float64],
    season_ratio: NDArray[np.float64],
    rng: np.random.Generator,
) -> NDArray[np.float64]:
    """The operator's rate estimate per SKU (units/day) from [sku, HISTORY] ring buffers.

    With fewer than a week of in-stock days the operator falls back on the plan (``prior``).
    ``season_ratio`` is the category's seasonality over the coming lead time against now.
    """
    days = in_stock.sum(axis=1)
    mean = (sales * in_stock).sum(axis=1) / np.maximum(days, 1)
    rate = np.where(days >= 7, mean, prior)
    rate *= 1 + SEASON_AWARENESS * (season_ratio - 1)
    return rate * rng.lognormal(0.0, 0.25, size=len(rate))


def order_quantity(
    rate: NDArray[np.float64],
    position: NDArray[np.int64],
    idx: NDArray[np.intp],
    cat: CatalogArrays,
    policy: Policy,
    rng: np.random.Generator,
) -> NDArray[np.int64]:
    """Units to order for the SKUs ``idx`` (0 = no order), rounded up to case pack and MOQ."""
    lead = cat.lead_days[idx] + 7 + policy.safety_days[idx]
    reorder_point = rate * lead
    target = rate * (lead + policy.cover_days[idx])
    need = np.where(position < reorder_point, target - position, 0.0)
    need *= np.where(rng.random(len(idx)) < CUT_ORDER, rng.uniform(0.4, 0.8, size=len(idx)), 1.0)
    pack = cat.case_pack[idx]
    qty = np.ceil(need / pack).astype(np.int64) * pack
    return np.where(need > 0, np.maximum(qty, cat.moq[idx]), 0)


@dataclass(slots=True)
class Timing:
    """Milestones of new purchase orders, as timeline days."""

    working: NDArray[np.int64]  # FBA shipment created ("working"), goods nearly ready
    shipped: NDArray[np.int64]  # handed to the forwarder
    arrived: NDArray[np.int64]  # at the fulfilment centre, receiving starts
    done: NDArray[np.int64]  # received: units become fulfillable
    received: NDArray[np.int64]  # units that made it (short receipts happen)


def po_timing(
    t: int,
    idx: NDArray[np.intp],
    qty: NDArray[np.int64],
    cat: CatalogArrays,
    rng: np.random.Generator,
) -> Timing:
    """Actual production, transit and receiving times: noisy, sometimes late."""
    k = len(idx)
    late = rng.random(k) < 0.10
    prod = np.round(cat.production_days[idx] * rng.lognormal(0, 0.15, k)).astype(np.int64)
    prod += np.where(late, rng.integers(7, 22, size=k), 0)
    shipped = t + prod + rng.integers(1, 5, size=k)
    delayed = rng.random(k) < 0.06  # port congestion, missed vessel
    transit = np.round(cat.transit_days[idx] * rng.lognormal(0, 0.12, k)).astype(np.int64)
    arrived = shipped + transit + np.where(delayed, rng.integers(5, 16, size=k), 0)
    receiving = np.round(cat.receiving_days[idx] * rng.lognormal(0, 0.35, k)).astype(np.int64)
    short = np.where(rng.random(k) < 0.06, rng.binomial(qty, rng.uniform(0.01, 0.05, k)), 0)
    return Timing(
        working=np.maximum(t + prod - 3, t + 1),
        shipped=shipped,
        arrived=arrived,
        done=arrived + np.maximum(receiving, 1),
        received=qty - short,
    )
