"""The restock plan followed week after week: a small day-by-day replay of one SKU.

bench/restock.py measures the policy on a simulated store of 300 SKUs; these tests pin the
behaviour that benchmark relies on, in milliseconds: following the plan keeps the SKU in
stock, a higher service level buys fewer stock-outs with more stock, and orders respect the
case pack and MOQ even when the plan is followed blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sellerops.inventory.restock import Inbound, LeadTime, RestockInput, plan

START = date(2026, 1, 5)
LEAD = LeadTime(production_days=20, transit_days=15, receiving_days=5, sd_days=4)


@dataclass
class Run:
    in_stock: float  # share of days that started with stock
    avg_on_hand: float
    orders: list[int]


def _replay(rate: float, level: float, days: int = 364, seed: int = 1, **kw: int) -> Run:
    """Poisson demand at ``rate``; weekly review; lead times drawn around LEAD."""
    rng = np.random.default_rng(seed)
    demand = rng.poisson(rate, size=days)
    arrivals = np.zeros(days + 200, dtype=int)
    on_hand, stocked, held, orders = int(rate * 50), 0, 0, []  # covers the first lead time
    for t in range(days):
        if t % 7 == 0:
            inbound = tuple(Inbound(int(u), k) for k, u in enumerate(arrivals[t:]) if u)
            line = plan(RestockInput(sku="MUG", as_of=START + timedelta(days=t), on_hand=on_hand,
                                     daily_mean=np.full(120, rate), inbound=inbound, lead_time=LEAD,
                                     review_period_days=7, service_level=level, **kw))  # fmt: skip
            if line.order_units:
                lead = max(1, round(rng.normal(LEAD.mean, LEAD.sd_days)))
                arrivals[t + lead] += line.order_units
                orders.append(line.order_units)
        on_hand += arrivals[t]
        stocked += on_hand > 0
        on_hand -= min(on_hand, demand[t])
        held += on_hand
    return Run(stocked / days, held / days, orders)


def test_following_the_plan_keeps_a_steady_seller_in_stock() -> None:
    run = _replay(rate=20, level=0.95)
    assert run.in_stock >= 0.97
    # cycle stock (half a week) + safety stock: well under a month of sales on the shelf
    assert run.avg_on_hand < 20 * 30


def test_a_higher_service_level_holds_more_stock_for_fewer_stockouts() -> None:
    low = [_replay(rate=8, level=0.80, seed=s) for s in range(3)]
    high = [_replay(rate=8, level=0.98, seed=s) for s in range(3)]
    assert np.mean([r.in_stock for r in high]) >= np.mean([r.in_stock for r in low])
    assert np.mean([r.avg_on_hand for r in high]) > np.mean([r.avg_on_hand for r in low])


def test_orders_come_in_case_packs_and_at_least_the_moq() -> None:
    run = _replay(rate=5, level=0.95, case_pack=12, moq=100)
    assert run.orders
    assert all(units % 12 == 0 and units >= 100 for units in run.orders)
