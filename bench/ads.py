"""Benchmark the ads optimizer against the common rule in an advertising simulator.

The world is ``bench/ads_sim.py`` (read its docstring): 3 SKUs, one campaign each matching
40 search terms with a long tail of traffic, 45 % of them never converting; a second-price
auction per term (clicks saturate and CPC climbs as the bid rises); daily budgets; orders
reported 0-6 days after the click; SKU 3 runs low on stock until day 40. Organic demand sells
too; a stock-out loses both. Profit = units sold x margin before ads (35 % of price) - spend.

**Account structure** (default): each SKU's search terms are matched by one auto / broad
target, and every term it matches is bought at that target's one bid (Amazon's suggested
bid, the median of the terms' market prices, at the start). A term gets a bid of its own only
once it is **harvested**: an exact keyword on the term, and the term negative exact in the
source, so the exact keyword alone serves it, at its own bid, in the same auctions (no
relevance bonus is assumed). A new keyword's report starts empty, as in the Ads console: every
policy sees its clicks, spend and orders only from the day it was created (session 3 let it
inherit the search term's whole history, which no console shows: fixed in session 4, which
lowered both policies' profit); the search term report still shows the query's record in
the source, which the optimizer (``ads.plan`` as well) counts as evidence of the keyword's
conversion rate (``BidInput.history``) and for negating it; the rule uses the keyword's own. ``--per-term-bids`` runs the earlier world instead, where every
term has its own bid from day one (as if the account were all exact keywords; numbers then
compare with the session-2 bench lines).

Policies over 60 days, all with the same mature product (target ACoS from ``ads.targets``:
half of break-even). The optimizer runs every day from day 1, as the daily review does (until
session 5 the bench held it back to day 8 like the rule, which the product never does); the
rule from day 8, as it is practised (let a new campaign run a week before touching it: acting
from day 1 lowers its profit, its goal; ``rule_day1`` prints that variant for comparison):

* ``optimizer``: ``sellerops.ads.optimizer`` as the daily plan uses it for a mature product,
  whose goal is profit: every bid (the auto / broad target's on the clicks of the terms it
  still serves; each exact keyword's on its term) goes to the marginal value of a click,
  ``CVR x order value x break-even ACoS`` (second price: a click won costs the competing bid,
  so bidding its value buys every click that pays for itself), CVR from the ad group's
  fitted mixture of converting and never-converting terms (empirical Bayes), bounded steps,
  minimum data; mature days plus the incomplete last 7 days with clicks weighted by the share
  of orders reported so far, and, as in ``ads.plan``, no bid moves before a target has clicks
  of its own whose attribution window has closed (so none in the campaign's first week, nor in
  a harvested keyword's); a bid back from a stock pause restarts at its value per click
  (``BidInput.resumed``) instead of stepping from the bid before the pause; probabilistic
  negatives; harvesting (an order at an ACoS under
  break-even, starting bid = the term's value per click at its rate under the mixture);
  budgets raised while they bind at an ACoS under break-even; inventory factor (pause under
  7 days of cover, and while the SKU is stock-capped: the sales without ads alone sell the
  stock out before more could arrive, so ad sales only take the place of later ones; the
  share of units from ads is read from the orders reported so far).
* ``oracle`` (for scale, not a goal; from day 1): knows the hidden conversion rates and the
  auctions; each
  term's profit-maximising bid (as if every term had its own), no budget cap, paused while
  stock is short.
* ``rule`` (baseline, same worlds, same seeds), the common rule done competently:
  ``new bid = CPC x target ACoS / ACoS`` on targets with 10+ clicks and an order in the last
  14 days (as the console shows them, last days incomplete); negate terms with 15+ clicks and
  no order in a 30-day search term report; harvest terms with an order (the optimizer's
  count) in 30 days at an ACoS under target as exact keywords bid at their CPC (common practice; it was not needed while
  every term had its own bid); no budget or stock awareness.

Prints one line per policy (means over ``--seeds`` runs from ``--first-seed``: profit after
ad spend, ACoS, spend, spend on terms that never converted and the part of it from day 8,
when the rule starts, spend on days the SKU was out of stock or under 7 days of cover,
harvested terms) and one comparison line, against the rule and (``vs_rule_day1``) against the
rule acting from day 1. Nothing was tuned on the reported seeds (0-19): constants were only
looked at on seeds 100+.

    .venv/bin/python bench/ads.py [--seeds 20] [--first-seed 0] [--per-term-bids] [--no-oracle]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

from sellerops.ads import optimizer as opt
from sellerops.ads.targets import LIFECYCLE_FACTOR

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ads_sim as sim
from ads_sim import DAYS, LEAD, MARGIN, PRICE, RESTOCK_DAY, RESTOCK_UNITS, SKUS, TERMS

TARGET = MARGIN * LIFECYCLE_FACTOR["mature"]  # both policies get the same target ACoS
BREAK_EVEN = MARGIN  # margin before ads / price
START_DAY = 8  # the rule's first day (the first week is the same for every policy acting later)
OPTIMIZER_START_DAY = 1  # the daily review runs from the first day with data
NEGATE_CLICKS = 15
HARVEST_ORDERS = opt.RULES.harvest_min_orders  # the rule harvests at the same count


@dataclass
class Account:
    """What a policy controls: one auto / broad target bid per SKU (``group``) serving the
    terms that are not ``exact`` keywords yet; each exact keyword's own bid (``bids``);
    ``active`` = not negated; the campaigns' daily budgets."""

    group: np.ndarray  # [sku]
    bids: np.ndarray  # [sku, term], used where ``exact``
    exact: np.ndarray  # [sku, term] bool
    active: np.ndarray  # [sku, term] bool
    budget: np.ndarray  # [sku]
    paused: np.ndarray  # [sku] bool: the SKU's ads paused for stock
    #: [sku, term] the day the term's exact keyword was created (0: from the start). A new
    #: keyword's own report starts empty: its bid and negation are judged on its own clicks
    #: only (the source's history of the search term still counts for harvesting it).
    since: np.ndarray

    def serving(self) -> np.ndarray:
        bids = np.where(self.exact, self.bids, self.group[:, None])
        return np.where(self.paused[:, None], 0.0, bids)


def start(w: sim.World, per_term: bool) -> Account:
    exact = np.full((SKUS, TERMS), per_term)
    return Account(
        group=np.round(np.median(w.start_bid, axis=1), 2),
        bids=w.start_bid.copy(),
        exact=exact,
        active=np.ones((SKUS, TERMS), bool),
        budget=w.budget.astype(float).copy(),
        paused=np.zeros(SKUS, bool),
        since=np.zeros((SKUS, TERMS), int),
    )


def run(policy: str, seed: int, per_term: bool = False) -> dict[str, float]:
    """One world under ``policy``: ``optimizer``, ``rule``, ``rule_day1`` (the rule acting
    from day 1) or ``oracle``."""
    first = START_DAY if policy == "rule" else OPTIMIZER_START_DAY
    rng = np.random.Generator(np.random.PCG64(seed))
    w = sim.make_world(rng)
    acct = start(w, per_term)
    stock = w.stock.copy()
    log = sim.Log()
    for d in range(DAYS):
        if d == RESTOCK_DAY:
            stock[2] += RESTOCK_UNITS
        if d >= first:
            factors = _factors(log, stock, d)
            if policy == "optimizer":
                _optimize(log, acct, factors, d)
            elif policy in ("rule", "rule_day1"):
                _rule(log, acct, d)
            else:
                _oracle(w, acct, factors)
        sim.day(rng, w, log, acct.serving(), acct.active, acct.budget, stock, d)
    out = sim.score(log, START_DAY)
    out["harvested"] = float((acct.exact & ~start(w, per_term).exact).sum())
    return out


def _factors(log: sim.Log, stock: np.ndarray, d: int) -> np.ndarray:
    rate = np.maximum(log.units[max(0, d - 14) : d].mean(axis=0), 0.1)
    cover = stock / rate
    inbound = np.where((np.arange(SKUS) == 2) & (d < RESTOCK_DAY), RESTOCK_UNITS, 0)
    with_inbound = (stock + inbound) / rate
    arrives = RESTOCK_DAY - d  # inbound counts only once it is near
    # The share of the SKU's units its ads brought (orders reported so far: a low estimate).
    units = log.units[max(0, d - 14) : d].sum(axis=0)
    share = log.reported(d, max(0, d - 14), d).sum(axis=1) / np.maximum(units, 1)
    return np.array([
        opt.inventory_factor(int(stock[s]), cover[s],
                             with_inbound[s] if 0 <= arrives <= cover[s] else cover[s], LEAD,
                             ad_share=float(share[s]))
        for s in range(SKUS)
    ])  # fmt: skip


def _mature(
    log: sim.Log, d: int, since: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Clicks, spend and (complete) orders of the days whose attribution window has closed
    (with ``since``: each term's from that day on, what its keyword's own report shows)."""
    end = max(d - 7, 0)
    begin = max(0, end - 60)
    orders = log.reported(d, begin, end, since)
    if since is None:
        return (log.clicks[begin:end].sum(axis=0), log.spend[begin:end].sum(axis=0), orders,
                max(end - begin, 1))  # fmt: skip
    return (log.own(log.clicks, begin, end, since), log.own(log.spend, begin, end, since),
            orders, max(end - begin, 1))  # fmt: skip


def _money(x: float) -> Decimal:
    return Decimal(str(round(float(x), 2)))


def _optimize(log: sim.Log, acct: Account, factors: np.ndarray, d: int) -> None:
    # Rates and the mixture from every term's history (the search term report); each
    # target's own numbers (bids, negatives) from its own report, since it was created.
    every_clicks, _, every_orders, _ = _mature(log, d)
    clicks, spend, orders, days = _mature(log, d, acct.since)
    recent_clicks = log.own(log.clicks, d - 3, d, acct.since)
    recent_spend = log.own(log.spend, d - 3, d, acct.since)
    # The incomplete last 7 days count, their clicks weighted by the orders reported so far.
    own_days = np.arange(max(0, d - 7), d)[:, None, None] >= acct.since[None]
    tail = np.where(own_days, log.clicks[max(0, d - 7) : d], 0.0)[::-1]
    tail_clicks = np.array([[opt.effective_clicks(list(tail[:, s, k])) for k in range(TERMS)]
                            for s in range(SKUS)])  # fmt: skip
    tail_spend = log.own(log.spend, d - 7, d, acct.since)
    tail_orders = log.reported(d, max(0, d - 7), d, acct.since)
    n_all, spend_all = clicks + tail_clicks, spend + tail_spend
    orders_all = orders + tail_orders
    # A harvested keyword's search term before it: its clicks and orders in the source.
    every_tail = log.clicks[max(0, d - 7) : d][::-1]
    hist_clicks = every_clicks + np.array(
        [[opt.effective_clicks(list(every_tail[:, s, k])) for k in range(TERMS)]
         for s in range(SKUS)]) - n_all  # fmt: skip
    hist_orders = every_orders + log.reported(d, max(0, d - 7), d) - orders_all
    hist_spend = (log.spend[max(0, d - 67) : d].sum(axis=0)
                  - log.own(log.spend, d - 67, d, acct.since))  # fmt: skip
    account = opt.shrunk_rate(every_orders.sum(), every_clicks.sum(), 0.10, 30)
    for s in range(SKUS):
        # Back from a stock pause today: the bids are the ones from before it (resumed).
        resumed, acct.paused[s] = bool(acct.paused[s]) and factors[s] > 0, factors[s] == 0
        if acct.paused[s]:
            continue
        push = min(factors[s], 1.15)
        prior = opt.shrunk_rate(every_orders[s].sum(), every_clicks[s].sum(), account, 30)
        mix = opt.fit_term_prior(list(every_orders[s]), list(every_clicks[s]), prior)
        for k in range(TERMS):
            if not acct.active[s, k]:
                continue
            # The search term's whole record (its source's before the keyword) decides.
            call = opt.negative_call(n_all[s, k] + hist_clicks[s, k],
                                     _money(spend_all[s, k] + hist_spend[s, k]),
                                     int(orders_all[s, k] + hist_orders[s, k]),
                                     PRICE, prior, BREAK_EVEN, term_prior=mix,
                                     goal="profit")  # fmt: skip
            if call is not None:
                acct.active[s, k] = False
                continue
            if not acct.exact[s, k]:
                # Orders reported so far count (adding a keyword is not a cut).
                if orders_all[s, k] >= HARVEST_ORDERS and spend_all[s, k] <= BREAK_EVEN * (
                        orders_all[s, k] * PRICE):  # fmt: skip
                    acct.exact[s, k] = True  # exact keyword + negative exact in the source
                    acct.since[s, k] = d
                    acct.bids[s, k] = float(opt.harvest_bid(
                        int(orders_all[s, k]), round(float(n_all[s, k])), PRICE, prior,
                        BREAK_EVEN, term_prior=mix))  # fmt: skip
                continue
            o = int(orders_all[s, k])
            move = opt.bid_move(opt.BidInput(
                _money(acct.bids[s, k]), round(float(n_all[s, k])), _money(spend_all[s, k]), o,
                Decimal(o * int(PRICE)), days, prior, PRICE, TARGET, BREAK_EVEN, push,
                float(recent_spend[s, k] / max(recent_clicks[s, k], 1)), mix,
                goal="profit", history=(float(hist_clicks[s, k]), float(hist_orders[s, k])),
                resumed=resumed))  # fmt: skip
            if move is not None and clicks[s, k] > 0:  # as ads.plan: own mature clicks first
                acct.bids[s, k] = float(move.new_bid)
        broad = acct.active[s] & ~acct.exact[s]  # the terms the auto / broad target serves
        if broad.any():
            o = int(orders_all[s][broad].sum())
            move = opt.bid_move(opt.BidInput(
                _money(acct.group[s]), round(float(n_all[s][broad].sum())),
                _money(spend_all[s][broad].sum()), o, Decimal(o * int(PRICE)), days, prior,
                PRICE, TARGET, BREAK_EVEN, push,
                float(recent_spend[s][broad].sum() / max(recent_clicks[s][broad].sum(), 1)),
                None, goal="profit", resumed=resumed))  # fmt: skip
            if move is not None and clicks[s][broad].sum() > 0:
                acct.group[s] = float(move.new_bid)
        _budget(log, acct, factors, s, d)


def _budget(log: sim.Log, acct: Account, factors: np.ndarray, s: int, d: int) -> None:
    recent = [_money(x) for x in log.spend[max(0, d - 14) : d, s].sum(axis=1)]
    limited = opt.is_budget_limited(recent, _money(acct.budget[s]))
    _, spend, orders, _ = _mature(log, d)
    sales = orders[s].sum() * PRICE
    acos = spend[s].sum() / sales if sales else None
    move = opt.budget_move(_money(acct.budget[s]), acos, BREAK_EVEN, limited, float(factors[s]))
    if move is not None:
        acct.budget[s] = max(float(move[0]), 5.0)


def _rule(log: sim.Log, acct: Account, d: int) -> None:
    """The common rule, done competently: bids from the last 14 days (what the console
    shows today, the last days' orders still incomplete), negatives and harvests from a
    30-day search term report."""
    begin = max(0, d - 14)
    since = acct.since  # a new keyword's report starts empty
    clicks = log.own(log.clicks, begin, d, since)
    spend = log.own(log.spend, begin, d, since)
    orders = log.reported(d, begin, d, since)
    clicks30 = log.own(log.clicks, d - 30, d, since)
    spend30 = log.own(log.spend, d - 30, d, since)
    orders30 = log.reported(d, max(0, d - 30), d, since)

    def rule_bid(bid: float, n: float, cost: float, sold: float) -> float:
        if n < 10 or sold == 0:
            return bid
        cpc, acos = cost / n, cost / (sold * PRICE)
        return float(np.clip(cpc * TARGET / acos, 0.02, 5.0))

    for s in range(SKUS):
        for k in range(TERMS):
            if not acct.active[s, k]:
                continue
            if orders30[s, k] == 0 and clicks30[s, k] >= NEGATE_CLICKS:
                acct.active[s, k] = False
            elif acct.exact[s, k]:
                acct.bids[s, k] = rule_bid(acct.bids[s, k], clicks[s, k], spend[s, k],
                                           orders[s, k])  # fmt: skip
            elif orders30[s, k] >= HARVEST_ORDERS and (
                    spend30[s, k] <= TARGET * orders30[s, k] * PRICE):  # fmt: skip
                acct.exact[s, k] = True
                acct.since[s, k] = d
                acct.bids[s, k] = round(float(spend30[s, k] / clicks30[s, k]), 2)
        broad = acct.active[s] & ~acct.exact[s]
        if broad.any():
            acct.group[s] = rule_bid(acct.group[s], clicks[s][broad].sum(),
                                     spend[s][broad].sum(), orders[s][broad].sum())  # fmt: skip


def _oracle(w: sim.World, acct: Account, factors: np.ndarray) -> None:
    """Knows the true conversion rates and the auctions: each term's profit-maximising bid
    (on a grid), as its own exact keyword; junk terms off, no budget cap, paused while stock
    is short."""
    grid = np.linspace(0.02, 4.0, 200)[:, None, None]
    value = w.cvr * PRICE * MARGIN
    clicks = sim.expected_clicks(grid + 0 * w.market, w.market, w.top_clicks)
    profit = clicks * (value - sim.expected_cpc(grid + 0 * w.market, w.market))
    best = grid[profit.argmax(axis=0), 0, 0]
    acct.exact[:] = True
    acct.bids[:] = np.where((factors[:, None] > 0) & (profit.max(axis=0) > 0), best, 0.0)
    acct.budget[:] = 1e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=0,
                        help="tune on other seeds than the reported ones (0..19)")  # fmt: skip
    parser.add_argument("--per-term-bids", action="store_true",
                        help="every term its own bid from day one (the session-2 world)")  # fmt: skip
    parser.add_argument("--no-oracle", action="store_true", help="skip the oracle (quicker)")
    args = parser.parse_args()
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    world = "per_term_bids" if args.per_term_bids else "auto_broad_then_exact"
    results = {}
    for policy in ("rule", "rule_day1", "optimizer") + (() if args.no_oracle else ("oracle",)):
        began = time.perf_counter()
        runs = [run(policy, seed, args.per_term_bids) for seed in seeds]
        mean = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
        results[policy] = mean
        print(
            f"ads policy={policy} world={world} seeds={args.seeds} days={DAYS} "
            f"profit={mean['profit']:.0f} ad_profit={mean['ad_profit']:.0f} "
            f"acos={mean['acos']:.3f} tacos={mean['spend'] / mean['sales']:.3f} "
            f"spend={mean['spend']:.0f} "
            f"wasted_never_converted={mean['wasted']:.0f} "
            f"of_it_from_day{START_DAY}={mean['wasted_acting']:.0f} "
            f"spend_oos_or_under_7d_cover={mean['stockout_spend']:.0f} "
            f"harvested={mean['harvested']:.1f} "
            f"seconds={time.perf_counter() - began:.2f}"
        )
    ours, rule, early = results["optimizer"], results["rule"], results["rule_day1"]
    print(
        f"ads compare world={world} profit_gain={ours['profit'] / rule['profit'] - 1:+.1%} "
        f"ad_profit_gain={ours['ad_profit'] / rule['ad_profit'] - 1:+.1%} "
        + (
            f"oracle_profit_gain={results['oracle']['profit'] / rule['profit'] - 1:+.1%} "
            if "oracle" in results
            else ""
        )
        + f"wasted_ratio={ours['wasted'] / max(rule['wasted'], 1e-9):.2f} "
        f"stockout_spend_ratio={ours['stockout_spend'] / max(rule['stockout_spend'], 1e-9):.2f} "
        f"vs_rule_day1: profit_gain={ours['profit'] / early['profit'] - 1:+.1%} "
        f"wasted_ratio={ours['wasted'] / max(early['wasted'], 1e-9):.2f}"
    )


if __name__ == "__main__":
    main()
