"""The advertising world of ``bench/ads.py``: search terms, second-price auctions, budgets,
attribution delay and stock. Policies only see the :class:`Log` (what the Ads console and
the reports show); the hidden truth (conversion rates, competitors' bids) stays here.

What makes it like a real account (and why each part is there):

* **Long tail of search terms.** Each SKU's campaign matches :data:`TERMS` search terms
  whose traffic is log-normal (a few head terms take most clicks, most terms get a click
  every few days), and :data:`JUNK_SHARE` of them almost never convert (:data:`JUNK_CVR`:
  irrelevant matches of broad / auto targeting; real search term reports show most terms
  with clicks have no order). Converting terms have a conversion rate ~ Beta(3, 27) (mean 10 %).
* **Second-price auction per term.** The best competing bid is log-normal around a
  term-specific market price; a bid wins the share of auctions whose competing bid is
  lower and pays that competing bid (the expected second price, plus noise). Winning more
  auctions also means top-of-search placements, where clicks per impression are higher,
  so clicks saturate while CPC keeps rising with the bid: the last clicks bought are
  the most expensive ones.
* **Volume**: a term won in every auction would get a median of 3 clicks a day; with organic
  demand of 6-8 units a day per SKU, ads bring about a third of the units, as in many
  accounts (and as in this bench's first version).
* **Budgets** cap a campaign's daily spend: once spent, the rest of the day (the evening)
  is lost across all its terms alike.
* **Attribution delay**: an order is reported 0-6 days after its click, most within two
  days (the 7-day window of Sponsored Products).
* **Stock**: SKU 3 starts short (250 units) and is restocked on day 40 (lead time 30 days);
  out of stock, ads stop serving and organic sales stop too.

Profit = units sold x margin before ads - ad spend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

DAYS, TERMS, SKUS = 60, 40, 3
PRICE, MARGIN = 30.0, 0.35
LEAD, RESTOCK_DAY, RESTOCK_UNITS = 30, 40, 1500
JUNK_SHARE = 0.45
JUNK_CVR = 0.003  # an irrelevant match still converts by accident now and then
MARKET_SIGMA = 0.4  # spread of the best competing bid around the term's market price
#: Share of a day's orders reported 0, 1, ... 6 days after the click.
DELAY = np.array([0.45, 0.2, 0.12, 0.08, 0.06, 0.05, 0.04])


@dataclass
class World:
    cvr: np.ndarray  # [sku, term], hidden
    top_clicks: np.ndarray  # clicks a day when winning every auction
    market: np.ndarray  # median best competing bid
    organic: np.ndarray  # [sku] units a day
    stock: np.ndarray  # [sku]
    budget: np.ndarray  # [sku] starting daily budget
    start_bid: np.ndarray  # Amazon's suggested bid: about the market price


def make_world(rng: np.random.Generator) -> World:
    junk = rng.random((SKUS, TERMS)) < JUNK_SHARE
    cvr = np.where(junk, JUNK_CVR, rng.beta(3, 27, (SKUS, TERMS)))
    market = rng.uniform(0.5, 1.3, (SKUS, TERMS))
    top_clicks = rng.lognormal(math.log(3.0), 1.1, (SKUS, TERMS))
    start = np.round(market * rng.uniform(0.85, 1.15, (SKUS, TERMS)), 2)
    # A budget that covers the starting bids on a quiet day and binds on a busy one.
    budget = np.round(0.9 * (expected_clicks(start, market, top_clicks)
                             * expected_cpc(start, market)).sum(axis=1))  # fmt: skip
    return World(
        cvr=cvr,
        top_clicks=top_clicks,
        market=market,
        organic=np.array([8.0, 6.0, 7.0]),
        stock=np.array([1500.0, 1500.0, 250.0]),
        budget=budget,
        start_bid=start,
    )


def _phi(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + _erf(x / math.sqrt(2)))


def _erf(x: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf, otypes=[float])(x)


def win_share(bid: np.ndarray, market: np.ndarray) -> np.ndarray:
    """Share of auctions won: P(best competing bid < bid)."""
    z = (np.log(np.maximum(bid, 1e-6)) - np.log(market)) / MARKET_SIGMA
    return np.where(bid > 0, _phi(z), 0.0)


def expected_clicks(bid: np.ndarray, market: np.ndarray, top: np.ndarray) -> np.ndarray:
    """Clicks a day: auctions won x a click rate that doubles from the lowest placements to
    top of search (placements improve with the share won)."""
    won = win_share(bid, market)
    return top * won * (0.5 + 0.5 * won)


def expected_cpc(bid: np.ndarray, market: np.ndarray) -> np.ndarray:
    """Second price: the mean competing bid among the auctions won (log-normal, truncated at
    the bid), never above the bid."""
    mu, s = np.log(market), MARKET_SIGMA
    z = (np.log(np.maximum(bid, 1e-6)) - mu) / s
    won = np.maximum(_phi(z), 1e-12)
    mean = np.exp(mu + s * s / 2) * _phi(z - s) / won
    return np.where(bid > 0, np.minimum(mean, bid), 0.0)


@dataclass
class Log:
    """What the console shows: per day, SKU and term. ``seen`` orders are the ones reported
    by that day (the delay), ``orders`` the true ones (for scoring only)."""

    clicks: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, TERMS)))
    spend: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, TERMS)))
    orders: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS, TERMS)))
    lagged: np.ndarray = field(
        default_factory=lambda: np.zeros((DAYS, len(DELAY), SKUS, TERMS))
    )  # [click day, report delay, sku, term]
    units: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS)))
    stock: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS)))
    budget: np.ndarray = field(default_factory=lambda: np.zeros((DAYS, SKUS)))

    def reported(self, d: int, start: int, end: int, since: np.ndarray | None = None) -> np.ndarray:
        """Orders of the clicks of days ``start..end-1`` as the console shows them at the
        start of day ``d`` (reports through day d-1): complete only for days <= d-7.
        ``since`` [sku, term]: count only the days from that one on (a keyword's own)."""
        out = np.zeros((SKUS, TERMS))
        for t in range(max(start, 0), min(end, d)):
            day = self.lagged[t, : d - t].sum(axis=0)
            out += day if since is None else np.where(since <= t, day, 0.0)
        return out

    def own(self, what: np.ndarray, start: int, end: int, since: np.ndarray) -> np.ndarray:
        """``what`` (clicks or spend, [day, sku, term]) summed over days ``start..end-1``
        from each term's ``since`` day on."""
        days = np.arange(max(start, 0), end)[:, None, None]
        return np.where(days >= since[None], what[max(start, 0) : end], 0.0).sum(axis=0)


def day(
    rng: np.random.Generator, w: World, log: Log, bids: np.ndarray, active: np.ndarray,
    budget: np.ndarray, stock: np.ndarray, d: int,
) -> None:  # fmt: skip
    """One day of auctions under the policy's bids, active terms and budgets."""
    serving = (stock > 0)[:, None] & active & (bids > 0)
    lam = np.where(serving, expected_clicks(bids, w.market, w.top_clicks), 0.0)
    clicks = rng.poisson(lam).astype(float)
    cpc = np.minimum(expected_cpc(bids, w.market) * rng.uniform(0.85, 1.15, bids.shape), bids)
    spend = clicks * cpc
    total = spend.sum(axis=1)
    over = total > budget  # the budget runs out: the rest of the day is lost
    scale = np.where(over, budget / np.maximum(total, 1e-9), 1.0)[:, None]
    clicks = np.floor(clicks * scale)
    spend = clicks * cpc
    orders = rng.binomial(clicks.astype(int), w.cvr).astype(float)
    organic = rng.poisson(w.organic)
    wanted = orders.sum(axis=1) + organic
    sold = np.minimum(wanted, stock)
    ratio = np.where(wanted > 0, sold / np.maximum(wanted, 1), 0)
    orders = np.floor(orders * ratio[:, None])
    stock -= sold
    log.clicks[d], log.spend[d], log.orders[d], log.units[d], log.stock[d] = (
        clicks, spend, orders, sold, stock)  # fmt: skip
    log.budget[d] = budget
    lags = rng.multinomial(1, DELAY, size=orders.shape).argmax(axis=-1)
    for lag in range(len(DELAY)):
        log.lagged[d, lag] = np.where(lags == lag, orders, 0)


def score(log: Log, acting_from: int = 0) -> dict[str, float]:
    """Totals of a run; ``wasted_acting`` is the spend on never-converting terms from day
    ``acting_from`` on (the days before it, the same for every policy, are left out)."""
    spend = log.spend.sum()
    sales = log.orders.sum() * PRICE
    never = log.orders.sum(axis=0) == 0
    wasted = (log.spend.sum(axis=0) * never).sum()
    wasted_acting = (log.spend[acting_from:].sum(axis=0) * never).sum()
    rate = np.maximum(log.units.mean(axis=0), 0.1)
    low = (log.stock <= 0) | (log.stock / rate < 7)
    return {
        "profit": log.units.sum() * PRICE * MARGIN - spend,
        "ad_profit": sales * MARGIN - spend,  # of ad-attributed sales only
        "acos": spend / sales if sales else 0.0,
        "wasted": wasted,
        "wasted_acting": wasted_acting,
        "stockout_spend": (log.spend.sum(axis=2) * low).sum(),
        "spend": spend,
        "sales": log.units.sum() * PRICE,
    }
