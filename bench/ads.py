"""Benchmark the ads optimizer against the common rule in an advertising simulator.

The world is ``bench/ads_sim.py`` (read its docstring): 3 SKUs, one campaign each matching
40 search terms with a long tail of traffic, 45 % of them never converting; a second-price
auction per term (clicks saturate and CPC climbs as the bid rises); daily budgets; orders
reported 0-6 days after the click; SKU 3 runs low on stock until day 40. Organic demand sells
too; a stock-out loses both. Profit = units sold x margin before ads (35 % of price) - spend.

Policies, run every day from day 8 on over 60 days, with the same target ACoS (the product's
mature target from ``ads.targets``):

* ``optimizer``: ``sellerops.ads.optimizer`` as the daily plan uses it: conversion rates from
  the ad group's fitted mixture of converting and never-converting terms (empirical Bayes),
  each term's average CPC toward its value per click at target, never bidding above the
  click's break-even value, bounded steps, minimum data; mature days plus the incomplete
  last 7 days with clicks weighted by the share of orders reported so far; probabilistic
  negatives; budget moves; inventory factor (pause under 7 days of cover).
* ``oracle`` (for scale, not a goal): knows the hidden conversion rates and the auctions; each
  term's profit-maximising bid, no budget cap, paused while stock is short.
* ``rule`` (baseline, same worlds, same seeds), the common rule done competently:
  ``new bid = CPC x target ACoS / ACoS`` on terms with 10+ clicks and an order in the last 14
  days (as the console shows them, last days incomplete); negate terms with 15+ clicks and no
  order in a 30-day search term report; no budget or stock awareness.

Prints one line per policy (means over ``--seeds`` runs: profit after ad spend, ACoS, spend,
spend on terms that never converted, spend on days the SKU was out of stock or under 7 days
of cover) and one comparison line.

    .venv/bin/python bench/ads.py [--seeds 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

from sellerops.ads import optimizer as opt
from sellerops.ads.targets import LIFECYCLE_FACTOR

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ads_sim as sim
from ads_sim import DAYS, LEAD, MARGIN, PRICE, RESTOCK_DAY, RESTOCK_UNITS, SKUS, TERMS

TARGET = MARGIN * LIFECYCLE_FACTOR["mature"]  # both policies get the same target ACoS
START_DAY = 8


def run(policy: str, seed: int) -> dict[str, float]:
    rng = np.random.Generator(np.random.PCG64(seed))
    w = sim.make_world(rng)
    bids = w.start_bid.copy()
    active = np.ones((SKUS, TERMS), bool)
    budget = w.budget.astype(float).copy()
    stock = w.stock.copy()
    log = sim.Log()
    for d in range(DAYS):
        if d == RESTOCK_DAY:
            stock[2] += RESTOCK_UNITS
        if d >= START_DAY:
            factors = _factors(log, stock, d)
            if policy == "optimizer":
                _optimize(log, bids, active, budget, factors, d)
            elif policy == "rule":
                _rule(log, bids, active, d)
            else:
                _oracle(w, bids, active, budget, factors)
        sim.day(rng, w, log, bids, active, budget, stock, d)
    return sim.score(log)


def _factors(log: sim.Log, stock: np.ndarray, d: int) -> np.ndarray:
    rate = np.maximum(log.units[max(0, d - 14) : d].mean(axis=0), 0.1)
    cover = stock / rate
    inbound = np.where((np.arange(SKUS) == 2) & (d < RESTOCK_DAY), RESTOCK_UNITS, 0)
    with_inbound = (stock + inbound) / rate
    arrives = RESTOCK_DAY - d  # inbound counts only once it is near
    return np.array([
        opt.inventory_factor(int(stock[s]), cover[s],
                             with_inbound[s] if 0 <= arrives <= cover[s] else cover[s], LEAD)
        for s in range(SKUS)
    ])  # fmt: skip


def _mature(log: sim.Log, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Clicks, spend and (complete) orders of the days whose attribution window has closed."""
    end = d - 7
    start = max(0, end - 60)
    orders = log.reported(d, start, end)
    return (log.clicks[start:end].sum(axis=0), log.spend[start:end].sum(axis=0), orders,
            max(end - start, 1))  # fmt: skip


def _optimize(log, bids, active, budget, factors, d) -> None:  # type: ignore[no-untyped-def]
    clicks, spend, orders, days = _mature(log, d)
    recent = log.spend[max(0, d - 3) : d].sum(axis=0) / np.maximum(
        log.clicks[max(0, d - 3) : d].sum(axis=0), 1
    )
    # The incomplete last 7 days count for negatives, weighted by the orders reported so far.
    tail = log.clicks[max(0, d - 7) : d][::-1]
    tail_clicks = np.array([[opt.effective_clicks(list(tail[:, s, k])) for k in range(TERMS)]
                            for s in range(SKUS)])  # fmt: skip
    tail_spend = log.spend[max(0, d - 7) : d].sum(axis=0)
    tail_orders = log.reported(d, max(0, d - 7), d)
    account = opt.shrunk_rate(orders.sum(), clicks.sum(), 0.10, 30)
    for s in range(SKUS):
        prior = opt.shrunk_rate(orders[s].sum(), clicks[s].sum(), account, 30)
        mix = opt.fit_term_prior(list(orders[s]), list(clicks[s]), prior)
        for k in range(TERMS):
            if not active[s, k]:
                continue
            if factors[s] == 0:
                bids[s, k] = 0.0 if bids[s, k] > 0 else bids[s, k]
                continue
            if bids[s, k] == 0:
                bids[s, k] = float(log.spend[:, s, k].sum() / max(log.clicks[:, s, k].sum(), 1)
                                   or 0.5)  # fmt: skip
            n = clicks[s, k] + tail_clicks[s, k]
            call = opt.negative_call(n, Decimal(str(spend[s, k] + tail_spend[s, k])),
                                     int(orders[s, k] + tail_orders[s, k]), PRICE, prior, TARGET,
                                     term_prior=mix)  # fmt: skip
            if call is not None:
                active[s, k] = False
                continue
            o = int(orders[s, k] + tail_orders[s, k])
            move = opt.bid_move(opt.BidInput(
                Decimal(str(round(bids[s, k], 2))), round(float(n)),
                Decimal(str(spend[s, k] + tail_spend[s, k])), o,
                Decimal(str(o * PRICE)), days, prior, PRICE, TARGET, MARGIN,
                min(factors[s], 1.15), float(recent[s, k]), mix))  # fmt: skip
            if move is not None:
                bids[s, k] = float(move.new_bid)
        _budget(log, budget, factors, s, d)


def _budget(log: sim.Log, budget: np.ndarray, factors: np.ndarray, s: int, d: int) -> None:
    recent = [Decimal(str(round(x, 2))) for x in log.spend[max(0, d - 14) : d, s].sum(axis=1)]
    limited = opt.is_budget_limited(recent, Decimal(str(round(budget[s], 2))))
    _, spend, orders, _ = _mature(log, d)
    sales = orders[s].sum() * PRICE
    acos = spend[s].sum() / sales if sales else None
    move = opt.budget_move(Decimal(str(round(budget[s], 2))), acos, TARGET, limited,
                           float(factors[s]))  # fmt: skip
    if move is not None:
        budget[s] = max(float(move[0]), 5.0)


def _rule(log: sim.Log, bids: np.ndarray, active: np.ndarray, d: int) -> None:
    """The common rule, done competently: bids from the last 14 days (what the console
    shows today, the last days' orders still incomplete), negatives from a 30-day search
    term report."""
    start = max(0, d - 14)
    clicks = log.clicks[start:d].sum(axis=0)
    spend = log.spend[start:d].sum(axis=0)
    orders = log.reported(d, start, d)
    sales = orders * PRICE
    clicks30 = log.clicks[max(0, d - 30) : d].sum(axis=0)
    orders30 = log.reported(d, max(0, d - 30), d)
    for s in range(SKUS):
        for k in range(TERMS):
            if not active[s, k]:
                continue
            if orders30[s, k] == 0 and clicks30[s, k] >= NEGATE_CLICKS:
                active[s, k] = False
                continue
            if clicks[s, k] < 10 or orders[s, k] == 0:
                continue
            cpc, acos = spend[s, k] / clicks[s, k], spend[s, k] / sales[s, k]
            bids[s, k] = float(np.clip(cpc * TARGET / acos, 0.02, 5.0))


NEGATE_CLICKS = 15


def _oracle(
    w: sim.World, bids: np.ndarray, active: np.ndarray, budget: np.ndarray, factors: np.ndarray
) -> None:
    """Knows the true conversion rates and the auctions: each term's profit-maximising bid
    (on a grid), junk terms off, no budget cap, paused while stock is short."""
    grid = np.linspace(0.02, 4.0, 200)[:, None, None]
    value = w.cvr * PRICE * MARGIN
    clicks = sim.expected_clicks(grid + 0 * w.market, w.market, w.top_clicks)
    profit = clicks * (value - sim.expected_cpc(grid + 0 * w.market, w.market))
    best = grid[profit.argmax(axis=0), 0, 0]
    bids[:] = np.where((factors[:, None] > 0) & (profit.max(axis=0) > 0), best, 0.0)
    budget[:] = 1e9


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
            f"acos={mean['acos']:.3f} tacos={mean['spend'] / mean['sales']:.3f} "
            f"spend={mean['spend']:.0f} "
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
