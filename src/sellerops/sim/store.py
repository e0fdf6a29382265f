"""The store's day loop: stock, sales and purchase orders.

The only Python loop over days in the simulator; every step inside it is vectorised over SKUs.
Per day: received units become fulfillable, buyers who reached our offer buy what is
available (``sales = min(wanted, available)``; the rest is lost, not back-ordered), a few units
are damaged in the warehouse, reserved units are re-counted, and on review days the operator
places purchase orders (see :mod:`sellerops.sim.replenish`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.catalog import CatalogArrays
from sellerops.sim.replenish import (
    HISTORY,
    SKIP_REVIEW,
    Policy,
    Timing,
    forecast,
    make_policy,
    order_quantity,
    po_timing,
)

#: Days past the end of the timeline that purchase-order milestones may fall on.
HORIZON = 260
#: Daily chance that a unit on the shelf is damaged in the warehouse.
FC_DAMAGE = 0.0003


@dataclass(slots=True)
class PurchaseOrders:
    """One entry per purchase order; days are timeline indexes (may exceed the window)."""

    sku: NDArray[np.int64]
    created: NDArray[np.int64]
    qty: NDArray[np.int64]
    received: NDArray[np.int64]
    working: NDArray[np.int64]
    shipped: NDArray[np.int64]
    arrived: NDArray[np.int64]
    done: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.sku)


@dataclass(slots=True)
class StockTrace:
    available: NDArray[np.int32]  # [sku, day], sellable units at the start of the day
    units_sold: NDArray[np.int32]  # [sku, day]
    fulfillable: NDArray[np.int32]  # [sku, day], end of day
    reserved: NDArray[np.int32]  # [sku, day], end of day
    damaged: NDArray[np.int32]  # [sku, day], units damaged in the warehouse that day
    purchase_orders: PurchaseOrders


@dataclass(slots=True)
class _State:
    on_hand: NDArray[np.int64]
    reserved: NDArray[np.int64]
    pipeline: NDArray[np.int64]  # ordered, not yet received
    hist_sales: NDArray[np.int32]  # [HISTORY, sku] ring buffer of daily sales
    hist_in: NDArray[np.bool_]  # [HISTORY, sku] ring buffer: had stock that day
    arrive_good: NDArray[np.int64]  # [day + HORIZON, sku], units becoming fulfillable
    arrive_done: NDArray[np.int64]  # [day + HORIZON, sku], units leaving the pipeline
    orders: list[tuple[int, NDArray[np.intp], Timing, NDArray[np.int64]]]  # day, skus, timing, qty


@dataclass(slots=True)
class StoreInputs:
    """What the loop reads per SKU and day.

    ``wanted`` [sku, day] is demand that reached our offer (after Buy Box losses); it may be
    changed for days the loop has not reached yet. ``plan_rate`` [sku, day] is the rate the
    operator plans with when history is too short (launches); ``reorder_stop_t`` [sku] is the
    day the operator stops ordering; ``lean`` [sku] marks SKUs ordered with minimal safety
    stock and cover; ``season`` [sku, day] is the seasonality the operator partly plans for.
    """

    wanted: NDArray[np.int32]
    plan_rate: NDArray[np.float32]
    reorder_stop_t: NDArray[np.int64]
    lean: NDArray[np.bool_]
    season: NDArray[np.float64]


class StoreLoop:
    """The day loop, resumable: ``run(until)`` advances to a day, so a caller can look at the
    stock (``position``) and change later days' demand (``set_wanted``) before going on.

    Internally arrays are day-major ([day, sku]) so each day reads and writes contiguous rows;
    with 10,000 SKUs, column access on [sku, day] arrays costs more than the arithmetic.
    """

    def __init__(self, cat: CatalogArrays, inputs: StoreInputs, rng: np.random.Generator):
        n, t_all = inputs.wanted.shape
        self.cat, self.inputs, self.rng = cat, inputs, rng
        self.policy = make_policy(rng, n)
        self.policy.safety_days[inputs.lean] = 5.0
        self.policy.cover_days[inputs.lean] = 30.0
        self.reserve_rate = rng.uniform(0.02, 0.05, size=n)
        self.wanted = np.ascontiguousarray(inputs.wanted.T)
        self.plan = np.ascontiguousarray(inputs.plan_rate.T)
        self.st = _initial_state(cat, inputs.plan_rate, n, t_all, rng)
        keys = ("avail", "sold", "ful", "res", "dmg")
        self.out = {k: np.zeros((t_all, n), dtype=np.int32) for k in keys}
        self.t = 0

    def run(self, until: int) -> None:
        """Simulate days ``self.t`` .. ``until - 1``."""
        for t in range(self.t, min(until, self.wanted.shape[0])):
            self._day(t)
            self.t = t + 1

    def position(self, sku: int, by: int) -> int:
        """Units of ``sku`` on hand now plus those that will be received by day ``by``."""
        st = self.st
        return int(st.on_hand[sku] + st.arrive_good[self.t : by + 1, sku].sum())

    def set_wanted(self, sku: int, start: int, values: NDArray[np.int32]) -> None:
        """Replace a SKU's wanted units from ``start`` (a day not simulated yet) on."""
        assert start >= self.t
        self.inputs.wanted[sku, start:] = values
        self.wanted[start:, sku] = values

    def _day(self, t: int) -> None:
        st, rng, cat, out = self.st, self.rng, self.cat, self.out
        n = len(st.on_hand)
        st.on_hand += st.arrive_good[t]
        st.pipeline -= st.arrive_done[t]
        avail = st.on_hand - st.reserved
        sold = np.minimum(self.wanted[t], avail)
        st.on_hand -= sold
        dmg = rng.binomial(st.on_hand, FC_DAMAGE)
        st.on_hand -= dmg
        st.reserved = rng.binomial(st.on_hand, self.reserve_rate * rng.uniform(0.6, 1.4, size=n))
        out["avail"][t], out["sold"][t], out["dmg"][t] = avail, sold, dmg
        out["res"][t], out["ful"][t] = st.reserved, st.on_hand - st.reserved
        st.hist_sales[t % HISTORY] = sold
        st.hist_in[t % HISTORY] = avail > 0
        review = ((t + self.policy.review_weekday) % 7 == 0) & (rng.random(n) >= SKIP_REVIEW)
        review &= (t < self.inputs.reorder_stop_t) & _wants_stock(cat, self.plan, t)
        if review.any():
            _reorder(st, cat, self.policy, self.inputs, t, np.flatnonzero(review), rng)

    def result(self) -> StockTrace:
        def sku_major(key: str) -> NDArray[np.int32]:
            return np.ascontiguousarray(self.out.pop(key).T)

        return StockTrace(
            available=sku_major("avail"),
            units_sold=sku_major("sold"),
            fulfillable=sku_major("ful"),
            reserved=sku_major("res"),
            damaged=sku_major("dmg"),
            purchase_orders=_collect(self.st.orders),
        )


def _initial_state(
    cat: CatalogArrays,
    plan_rate: NDArray[np.float32],
    n: int,
    t_all: int,
    rng: np.random.Generator,
) -> _State:
    """Shelves stocked for lead time plus 3-10 weeks for SKUs already selling at day 0."""
    days = cat.lead_days + rng.uniform(20, 70, size=n)
    on_hand = np.round(plan_rate[:, 0] * days).astype(np.int64)
    return _State(
        on_hand=on_hand,
        reserved=np.zeros(n, dtype=np.int64),
        pipeline=np.zeros(n, dtype=np.int64),
        hist_sales=np.zeros((HISTORY, n), dtype=np.int32),
        hist_in=np.zeros((HISTORY, n), dtype=bool),
        arrive_good=np.zeros((t_all + HORIZON, n), dtype=np.int64),
        arrive_done=np.zeros((t_all + HORIZON, n), dtype=np.int64),
        orders=[],
    )


def _wants_stock(cat: CatalogArrays, plan: NDArray[np.float32], t: int) -> NDArray[np.bool_]:
    """Launched (or launching within a lead time) and not being run down at end of life.

    ``plan`` is the operator's planned rate, day-major [day, sku].
    """
    ahead = np.minimum(t + cat.lead_days + 14, plan.shape[0] - 1)
    upcoming = plan[ahead, np.arange(len(ahead))] > 0
    fading = (t >= cat.decline_t) & (plan[t] < 0.3 * cat.base_rate)
    return upcoming & ~fading


def _reorder(
    st: _State,
    cat: CatalogArrays,
    policy: Policy,
    inp: StoreInputs,
    t: int,
    idx: NDArray[np.intp],
    rng: np.random.Generator,
) -> None:
    plan_rate, season = inp.plan_rate, inp.season
    t_all = plan_rate.shape[1]
    ahead = np.minimum(t + cat.lead_days[idx], t_all - 1)
    prior = plan_rate[idx, ahead].astype(np.float64)
    # Stock ordered now sells from arrival on: compare that period's season with today's.
    later = np.minimum(t + cat.lead_days[idx] + 30, season.shape[1] - 1)
    ratio = season[idx, later] / season[idx, t]
    rate = forecast(st.hist_sales[:, idx].T, st.hist_in[:, idx].T, prior, ratio, rng)
    position = st.on_hand[idx] + st.pipeline[idx]
    qty = order_quantity(rate, position, idx, cat, policy, rng)
    keep = qty > 0
    idx, qty = idx[keep], qty[keep]
    if len(idx) == 0:
        return
    timing = po_timing(t, idx, qty, cat, rng)
    limit = st.arrive_good.shape[0] - 1
    done = np.minimum(timing.done, limit)
    st.arrive_good[done, idx] += timing.received
    st.arrive_done[done, idx] += qty
    st.pipeline[idx] += qty
    st.orders.append((t, idx, timing, qty))


def _collect(
    orders: list[tuple[int, NDArray[np.intp], Timing, NDArray[np.int64]]],
) -> PurchaseOrders:
    def join(values: list[NDArray[np.int64]]) -> NDArray[np.int64]:
        return np.concatenate(values).astype(np.int64) if values else np.zeros(0, dtype=np.int64)

    return PurchaseOrders(
        sku=join([o[1].astype(np.int64) for o in orders]),
        created=join([np.full(len(o[1]), o[0], dtype=np.int64) for o in orders]),
        qty=join([o[3] for o in orders]),
        received=join([o[2].received for o in orders]),
        working=join([o[2].working for o in orders]),
        shipped=join([o[2].shipped for o in orders]),
        arrived=join([o[2].arrived for o in orders]),
        done=join([o[2].done for o in orders]),
    )
