"""Benchmark the ads optimizer against the common rule in a small advertising simulator.

The simulator: 3 SKUs, each with one campaign of 20 keywords. Each keyword has a hidden
conversion rate (a quarter of them junk, converting ~0.5 %) and a click volume that responds
to the bid (clicks ~ bid ** 0.9, CPC = bid x 0.6-0.9). Campaigns have daily budgets.
Conversions are attributed with a delay of 0-6 days (the 7-day window): the last days'
orders are incomplete when the policy looks. SKU 3 starts with 250 units and is restocked
only on day 40 (lead time 30 days), so it runs low; the others hold ~150 days of cover. Organic demand sells too; a stock-out
loses both. Profit = units sold x margin before ads (35 % of price) - ad spend.

Policies, run every day from day 8 on over 60 days:

* ``optimizer``: ``sellerops.ads.optimizer`` (shrunk CVR, value per click at target ACoS,
  bounded steps, mature data only, probabilistic negatives, budgets, inventory factor).
* ``oracle`` (for scale, not a goal): knows the hidden conversion rates.
* ``rule`` (baseline, same run, same seeds): ``new bid = CPC x target ACoS / ACoS`` on
  keywords with 10+ clicks in the last 14 days (all days, immature included), negate at
  15 clicks without an order, no budget or stock awareness.

Prints one line per policy (means over ``--seeds`` runs) and one comparison line.

    .venv/bin/python bench/ads.py [--seeds 20]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from sellerops.ads import optimizer as opt
from sellerops.ads.targets import LIFECYCLE_FACTOR

DAYS, KEYWORDS, SKUS = 60, 20, 3
PRICE, MARGIN = 30.0, 0.35
TARGET = MARGIN * LIFECYCLE_FACTOR["mature"]  # both policies get the same target ACoS
LEAD, RESTOCK_DAY = 30, 40


@dataclass
class World:
    cvr: np.ndarray  # [sku, kw] hidden
    base_clicks: np.ndarray  # clicks a day at the reference bid
    ref_bid: np.ndarray
    organic: np.ndarray  # [sku] units a day
    stock: np.ndarray  # [sku]
    budget: np.ndarray  # [sku]


def make_world(rng: np.random.Generator) -> World:
    junk = rng.random((SKUS, KEYWORDS)) < 0.25
    cvr = np.where(junk, 0.005, rng.beta(4, 36, (SKUS, KEYWORDS)))
    return World(
        cvr=cvr,
        base_clicks=rng.gamma(2.0, 2.0, (SKUS, KEYWORDS)),
        ref_bid=rng.uniform(0.6, 1.2, (SKUS, KEYWORDS)),
        organic=np.array([8.0, 6.0, 7.0]),
        stock=np.array([1500.0, 1500.0, 250.0]),
        budget=np.array([60.0, 60.0, 60.0]),
    )


@dataclass
class Log:
    clicks: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, KEYWORDS)))
    spend: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, KEYWORDS)))
    orders: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, KEYWORDS)))
    seen: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, KEYWORDS)))
    units: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS)))
    stock: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS)))


def run(policy: str, seed: int) -> dict[str, float]:
    rng = np.random.Generator(np.random.PCG64(seed))
    w = make_world(rng)
    bids = np.full((SKUS, KEYWORDS), 1.0)
    active = np.ones((SKUS, KEYWORDS), bool)
    budget = w.budget.copy()
    stock = w.stock.copy()
    log = Log()
    for d in range(DAYS):
        if d == RESTOCK_DAY:
            stock[2] += 1500
        if d >= 8:
            factors = _factors(log, stock, d)
            if policy == "optimizer":
                _optimize(log, bids, active, budget, factors, d)
            elif policy == "rule":
                _rule(log, bids, active, d)
            else:
                _oracle(w, bids, budget, stock, factors)
        _day(rng, w, log, bids, active, budget, stock, d)
    return _score(log, w)


def _day(rng, w, log, bids, active, budget, stock, d) -> None:  # type: ignore[no-untyped-def]
    serving = (stock > 0)[:, None] & active & (bids > 0)
    clicks = rng.poisson(w.base_clicks * np.minimum(bids / w.ref_bid, 3) ** 0.9) * serving
    cpc = bids * rng.uniform(0.6, 0.9, bids.shape)
    spend = clicks * cpc
    over = spend.sum(axis=1) > budget  # budget runs out: clicks cut proportionally
    scale = np.where(over, budget / np.maximum(spend.sum(axis=1), 1e-9), 1.0)[:, None]
    clicks = np.floor(clicks * scale)
    spend = clicks * cpc
    orders = rng.binomial(clicks.astype(int), w.cvr)
    organic = rng.poisson(w.organic)
    wanted = orders.sum(axis=1) + organic
    sold = np.minimum(wanted, stock)
    ratio = np.where(wanted > 0, sold / np.maximum(wanted, 1), 0)
    orders = np.floor(orders * ratio[:, None])
    stock -= sold
    log.clicks[d], log.spend[d], log.orders[d], log.units[d], log.stock[d] = (
        clicks, spend, orders, sold, stock)  # fmt: skip
    delay = rng.integers(0, 7, orders.shape)  # each day's orders show up 0-6 days later
    for lag in range(7):
        if d + lag < DAYS:
            log.seen[d + lag] += np.where(delay == lag, orders, 0)


def _factors(log: Log, stock: np.ndarray, d: int) -> np.ndarray:
    rate = np.maximum(log.units[max(0, d - 14) : d].mean(axis=0), 0.1)
    cover = stock / rate
    inbound = np.where((np.arange(SKUS) == 2) & (d < RESTOCK_DAY), 1500, 0)
    with_inbound = (stock + inbound) / rate
    arrives = RESTOCK_DAY - d  # inbound counts only once it is near
    return np.array([
        opt.inventory_factor(int(stock[s]), cover[s],
                             with_inbound[s] if 0 <= arrives <= cover[s] else cover[s], LEAD)
        for s in range(SKUS)
    ])  # fmt: skip


def _window(log: Log, d: int, mature: bool) -> tuple[np.ndarray, ...]:
    end = d - 7 if mature else d
    start = max(0, end - 60)
    seen_orders = log.seen[:d].sum(axis=0) if not mature else log.orders[start:end].sum(axis=0)
    return log.clicks[start:end].sum(axis=0), log.spend[start:end].sum(axis=0), seen_orders


def _optimize(log, bids, active, budget, factors, d) -> None:  # type: ignore[no-untyped-def]
    clicks, spend, orders = _window(log, d, mature=True)
    recent = log.spend[max(0, d - 3) : d].sum(axis=0) / np.maximum(
        log.clicks[max(0, d - 3) : d].sum(axis=0), 1
    )
    for s in range(SKUS):
        g_clicks, g_orders = clicks[s].sum(), orders[s].sum()
        prior = opt.shrunk_rate(g_orders, g_clicks, 0.08, 30)
        for k in range(KEYWORDS):
            if not active[s, k]:
                continue
            if factors[s] == 0:
                bids[s, k] = 0.0 if bids[s, k] > 0 else bids[s, k]
                continue
            if bids[s, k] == 0:
                bids[s, k] = 0.5
            call = opt.negative_call(int(clicks[s, k]), Decimal(str(spend[s, k])),
                                     int(orders[s, k]), PRICE, prior, TARGET)  # fmt: skip
            if call is not None:
                active[s, k] = False
                continue
            move = opt.bid_move(opt.BidInput(
                Decimal(str(round(bids[s, k], 2))), int(clicks[s, k]),
                Decimal(str(spend[s, k])), int(orders[s, k]),
                Decimal(str(orders[s, k] * PRICE)), 53, prior, PRICE, TARGET, MARGIN,
                min(factors[s], 1.15), float(recent[s, k])))  # fmt: skip
            if move is not None:
                bids[s, k] = float(move.new_bid)
        _budget(log, budget, factors, s, d)


def _budget(log: Log, budget: np.ndarray, factors: np.ndarray, s: int, d: int) -> None:
    recent = [Decimal(str(round(x, 2))) for x in log.spend[max(0, d - 14) : d, s].sum(axis=1)]
    limited = opt.is_budget_limited(recent, Decimal(str(round(budget[s], 2))))
    _, spend, orders = _window(log, d, mature=True)
    sales = orders[s].sum() * PRICE
    acos = spend[s].sum() / sales if sales else None
    move = opt.budget_move(Decimal(str(round(budget[s], 2))), acos, TARGET, limited,
                           float(factors[s]))  # fmt: skip
    if move is not None:
        budget[s] = max(float(move[0]), 5.0)


def _rule(log: Log, bids: np.ndarray, active: np.ndarray, d: int) -> None:
    start = max(0, d - 14)
    clicks = log.clicks[start:d].sum(axis=0)
    spend = log.spend[start:d].sum(axis=0)
    orders = log.seen[start:d].sum(axis=0)  # what the console shows today: incomplete
    sales = orders * PRICE
    for s in range(SKUS):
        for k in range(KEYWORDS):
            if not active[s, k] or clicks[s, k] < 10:
                continue
            if orders[s, k] == 0:
                if clicks[s, k] >= 15:
                    active[s, k] = False
                continue
            cpc, acos = spend[s, k] / clicks[s, k], spend[s, k] / sales[s, k]
            bids[s, k] = float(np.clip(cpc * TARGET / acos, 0.02, 5.0))


def _oracle(
    w: World, bids: np.ndarray, budget: np.ndarray, stock: np.ndarray, factors: np.ndarray
) -> None:
    """Knows the true conversion rates: the profit-maximising bid (CPC = value per click x
    e / (1 + e) at break-even, e = 0.9), no budget cap, paused while stock is short."""
    value = w.cvr * PRICE * MARGIN * 0.9 / 1.9
    bids[:] = np.where(factors[:, None] > 0, value / 0.75, 0.0)
    budget[:] = 1e9


def _score(log: Log, w: World) -> dict[str, float]:
    spend = log.spend.sum()
    sales = log.orders.sum() * PRICE
    never = log.orders.sum(axis=0) == 0
    wasted = (log.spend.sum(axis=0) * never).sum()
    rate = np.maximum(log.units.mean(axis=0), 0.1)
    low = (log.stock <= 0) | (log.stock / rate < 7)
    stockout_spend = (log.spend.sum(axis=2) * low).sum()
    return {
        "profit": log.units.sum() * PRICE * MARGIN - spend,
        "ad_profit": sales * MARGIN - spend,  # of ad-attributed sales only
        "acos": spend / sales if sales else 0.0,
        "wasted": wasted,
        "stockout_spend": stockout_spend,
        "spend": spend,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    results = {}
    for policy in ("rule", "optimizer", "oracle"):
        start = time.perf_counter()
        runs = [run(policy, seed) for seed in range(args.seeds)]
        mean = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
        results[policy] = mean
        print(
            f"ads policy={policy} seeds={args.seeds} days={DAYS} profit={mean['profit']:.0f} "
            f"ad_profit={mean['ad_profit']:.0f} "
            f"acos={mean['acos']:.3f} spend={mean['spend']:.0f} "
            f"wasted_never_converted={mean['wasted']:.0f} "
            f"spend_oos_or_under_7d_cover={mean['stockout_spend']:.0f} "
            f"seconds={time.perf_counter() - start:.2f}"
        )
    ours, rule = results["optimizer"], results["rule"]
    print(
        f"ads compare profit_gain={ours['profit'] / rule['profit'] - 1:+.1%} "
        f"ad_profit_gain={ours['ad_profit'] / rule['ad_profit'] - 1:+.1%} "
        f"oracle_profit_gain={results['oracle']['profit'] / rule['profit'] - 1:+.1%} "
        f"wasted_ratio={ours['wasted'] / max(rule['wasted'], 1e-9):.2f} "
        f"stockout_spend_ratio={ours['stockout_spend'] / max(rule['stockout_spend'], 1e-9):.2f}"
    )


if __name__ == "__main__":
    main()
