"""The replay behind bench/restock.py: one store, two ordering policies, day by day.

Both policies face the same simulated customers (``truth.demand``, units wanted per SKU and
day), the same starting stock and the same supplier: a purchase order placed on day ``t`` for
SKU ``s`` lands after ``lead[s, t]`` days with ``received[s, t]`` of its units (drawn once
from the simulator's production/transit/receiving model, late suppliers and short receipts
included), so the only difference between the two runs is what each policy orders.

Orders are reviewed once a week for every SKU. A sale is ``min(demand, on hand)``; the rest
is lost. A policy sees only what a seller sees: its own sales, censored on days it had no
stock, and its own inventory position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from sellerops.sim import SimTruth
from sellerops.sim.replenish import po_timing

#: Monthly FBA storage fee per cubic foot, US standard size (Amazon's 2024 rate card):
#: January-September $0.78, October-December $2.40. Charged here per day, pro rata.
STORAGE_USD_PER_CUFT = {"off_peak": 0.78, "peak": 2.40}
REVIEW_EVERY_DAYS = 7

#: A policy: (state, day index) -> units to order now per SKU.
Policy = Callable[["State", int], NDArray[np.int64]]


@dataclass
class Store:
    """The fixed facts of the replay: demand, lead times, costs, volumes (per SKU)."""

    truth: SimTruth
    start: int  # first replayed day (index into truth.days); history before it is observed
    days: int  # replayed days
    warmup: int  # of which the first ``warmup`` are not measured
    lead: NDArray[np.int64]  # [sku, day] days until an order placed that day is sellable
    received: NDArray[np.float64]  # [sku, day] share of its units that arrive
    lead_mean: NDArray[np.float64]  # [sku] what the seller's scorecard says (mean)
    lead_sd: NDArray[np.float64]  # [sku] and spread
    cuft: NDArray[np.float64]  # [sku] cubic feet per unit
    cost: NDArray[np.float64]  # [sku] COGS per unit, dollars

    @property
    def skus(self) -> int:
        return len(self.truth.products)

    def day(self, t: int) -> date:
        return self.truth.days[0] + timedelta(days=t)


@dataclass
class State:
    """A policy's running store: stock, pipeline and what it has observed."""

    on_hand: NDArray[np.int64]  # [sku]
    arrivals: NDArray[np.int64]  # [sku, day] units landing at the start of that day
    sales: NDArray[np.float64]  # [sku, day] observed sales (full timeline)
    in_stock: NDArray[np.float64]  # [sku, day] 1 when stock was available at the day's start
    orders: list[tuple[int, int, int]]  # (sku, expected arrival day, units) still open

    def position(self, t: int) -> NDArray[np.int64]:
        """On hand plus everything ordered that has not landed yet (from day ``t`` on)."""
        return self.on_hand + self.arrivals[:, t:].sum(axis=1)


@dataclass(frozen=True)
class Result:
    in_stock_rate: float  # share of listed SKU-days that started with sellable stock
    fill_rate: float  # share of units wanted that were sold
    lost_units: int
    lost_usd: float  # lost units x selling price that day
    avg_inventory_usd: float  # on-hand units x COGS, averaged over the replayed days
    storage_usd: float  # storage fees over the replayed days
    orders: int
    lost_by_sku: NDArray[np.int64]  # [sku] units lost
    stock_by_sku: NDArray[np.float64]  # [sku] average on-hand units


def make_store(truth: SimTruth, start: int, days: int, warmup: int, seed: int) -> Store:
    """Draw one lead time and receipt share per SKU and possible order day."""
    cat = truth.catalog
    n, total = truth.demand.shape
    rng = np.random.Generator(np.random.PCG64(seed))
    idx = np.arange(n)
    lead = np.zeros((n, total), dtype=np.int64)
    received = np.ones((n, total))
    qty = np.full(n, 1000, dtype=np.int64)
    for t in range(total):
        timing = po_timing(t, idx, qty, cat, rng)
        lead[:, t] = timing.done - t
        received[:, t] = timing.received / qty
    return Store(
        truth=truth,
        start=start,
        days=days,
        warmup=warmup,
        lead=lead,
        received=received,
        lead_mean=lead.mean(axis=1),
        lead_sd=lead.std(axis=1),
        cuft=np.prod(cat.dims_in, axis=1) / 1728.0,
        cost=cat.cost_cents / 100.0,
    )


def initial_state(store: Store) -> State:
    """The simulator's stock on the first replayed day, the same for every policy.

    On hand is what the simulated seller had; what it had in production or on the water is
    put on the policy's books as arriving evenly over the next lead time.
    """
    m = store.truth.primary
    n, total = m.demand.shape
    s = store.start
    t = np.arange(total)
    sales = np.where(t < s, m.units_sold, 0).astype(np.float64)
    in_stock = np.where(t < s, m.available > 0, 0).astype(np.float64)
    arrivals = np.zeros((n, total + 400), dtype=np.int64)
    pipeline = (
        m.on_order[:, s - 1]
        + m.inbound_working[:, s - 1]
        + m.inbound_shipped[:, s - 1]
        + m.inbound_receiving[:, s - 1]
    )
    for i in range(n):
        land = s + int(store.lead_mean[i] // 2)
        arrivals[i, land] += int(pipeline[i])
    return State(
        on_hand=m.fulfillable[:, s - 1].astype(np.int64),
        arrivals=arrivals,
        sales=sales,
        in_stock=in_stock,
        orders=[],
    )


def replay(store: Store, policy: Policy) -> Result:
    """Run ``policy`` over the replayed days and measure what it cost."""
    state = initial_state(store)
    demand = store.truth.demand
    price = store.truth.price / 100.0
    listed = store.truth.true_demand > 0.01
    days = range(store.start, store.start + store.days)
    inv_usd = storage = lost_usd = 0.0
    stocked = listed_days = lost = wanted = orders = 0
    lost_by_sku = np.zeros(store.skus, dtype=np.int64)
    stock_by_sku = np.zeros(store.skus)
    for t in days:
        if (t - store.start) % REVIEW_EVERY_DAYS == 0:
            orders += _place(store, state, t, policy(state, t))
        state.on_hand += state.arrivals[:, t]
        has = state.on_hand > 0
        sold = np.minimum(demand[:, t], state.on_hand)
        state.on_hand -= sold
        state.sales[:, t] = sold
        state.in_stock[:, t] = has
        if t < store.start + store.warmup:
            continue
        stocked += int((has & listed[:, t]).sum())
        listed_days += int(listed[:, t].sum())
        short = demand[:, t] - sold
        lost += int(short.sum())
        lost_by_sku += short
        stock_by_sku += state.on_hand
        wanted += int(demand[:, t].sum())
        lost_usd += float((short * price[:, t]).sum())
        inv_usd += float((state.on_hand * store.cost).sum())
        storage += float((state.on_hand * store.cuft).sum()) * _fee_per_cuft_day(store.day(t))
    return Result(
        in_stock_rate=stocked / max(listed_days, 1),
        fill_rate=1 - lost / max(wanted, 1),
        lost_units=lost,
        lost_usd=lost_usd,
        avg_inventory_usd=inv_usd / (store.days - store.warmup),
        storage_usd=storage,
        orders=orders,
        lost_by_sku=lost_by_sku,
        stock_by_sku=stock_by_sku / (store.days - store.warmup),
    )


def _place(store: Store, state: State, t: int, units: NDArray[np.int64]) -> int:
    placed = np.nonzero(units > 0)[0]
    for i in placed:
        land = t + int(store.lead[i, t])
        state.arrivals[i, land] += round(float(units[i] * store.received[i, t]))
    return len(placed)


def _fee_per_cuft_day(day: date) -> float:
    monthly = STORAGE_USD_PER_CUFT["peak" if day.month >= 10 else "off_peak"]
    return monthly * 12 / 365


def round_orders(need: NDArray[np.float64], moq: NDArray[np.int64], pack: NDArray[np.int64]):
    """Units to order: ``need`` rounded up to whole case packs and at least the MOQ."""
    qty = np.ceil(np.maximum(need, 0) / pack).astype(np.int64) * pack
    qty = np.where(qty > 0, np.maximum(qty, np.ceil(moq / pack).astype(np.int64) * pack), 0)
    return qty.astype(np.int64)
