"""The daily optimizer's math: pure functions over plain values (no database).

* **Conversion rates** are shrunk toward the parent's rate (target -> ad group -> campaign ->
  account) as a Beta prior worth :attr:`Rules.prior_clicks` clicks: with few clicks a
  target's rate is mostly its parent's, with many it is its own (empirical Bayes).
* **Bids**, for a product whose goal is profit (mature, declining), go to the *marginal*
  value of a click: ``CVR x order value x break-even ACoS``, the profit before ads one more
  click brings. Sponsored ads are sold in second-price auctions: a click won costs the best
  competing bid, not ours, so bidding what the click is worth buys every click that pays for
  itself and none that does not; aiming the *average* CPC at a target ACoS instead stops
  short of profitable clicks (the average ACoS bidding the value lands at is below
  break-even on its own, since the clicks cost less than the bid). An operator's ACoS cap
  (``acos_cap``) still bounds the average. For a launch or growth goal, the bid moves the
  average CPC toward ``CVR x order value x target ACoS``, never above the click's
  break-even value unless the target is above break-even (a launch buying rank).
  Both scale with the inventory factor, move at most +20 % / -25 % a day, and only with at
  least :attr:`Rules.min_clicks` clicks of *mature* data (conversions of the attribution
  window's last days are not complete, so they are never used to cut). A harvested exact
  keyword's report starts empty; the same search term's record under the auto / broad
  targets it came from (``BidInput.history``) is the same query's conversion evidence, so it
  counts for the rate and the minimum data (not for the click volume).
  A bid only goes up on a target with an order (its own, or its search term's in the source
  it was harvested from: operators' top complaint is overspending on thin data), and for a
  profit goal only when the raise is expected to add profit (:func:`_effect`, figured in the
  same second-price auction: the clicks already won keep their cost, the clicks a move
  gains or loses cost about the midpoint of the two bids).
  A target coming back from a stock pause (``BidInput.resumed``) restarts at its value per
  click at once: its bid is the one from before the pause, set on older data (or never tuned
  at all), and the daily bounds exist to limit how far one day's noisy data moves a bid that
  is serving, not to walk a stale one back a quarter a day while it buys clicks.
* **Negatives**: a search term is negated when the probability that its true conversion
  rate reaches the rate needed to pay for its clicks is below
  :attr:`Rules.negative_probability`: for a profit goal, paying for them at break-even at
  about today's CPC (a term matched by a broad / auto target pays that target's CPC); for a
  target goal, reaching the target ACoS even at :attr:`Rules.negative_cpc_factor` of today's CPC;
  terms with more than :attr:`Rules.negative_max_orders` orders get bid changes instead.
* **Terms that never convert**: real search-term reports are a mix of relevant terms and
  irrelevant matches that (almost) never convert. :func:`fit_term_prior` fits that mixture
  to an ad group's terms by empirical Bayes (EM): the share of never-converting terms and
  the converting terms' rate. With it, a term's conversion rate (:func:`term_rate`) and its
  chance of reaching the target fall fast while it spends without orders, and the first
  order clears it; without it (``TermPrior.junk_share == 0``) it is the plain Beta prior.
* **Harvests and budgets** are judged at the ACoS of the goal (:func:`goal_acos`):
  break-even for profit, the target otherwise.
* **Inventory**: bids and budgets scale down linearly as days of cover fall from the lead time
  to :attr:`Rules.pause_cover_days`, to zero (pause) below it, when out of stock, when the
  Buy Box is lost, or when the SKU is stock-capped (:func:`stock_capped`: its sales without
  ads alone sell the stock out before a new order could arrive, so an ad sale only takes the
  place of a later one); overstock gets :attr:`Rules.overstock_push` more.
* **Harvests** need :attr:`Rules.harvest_min_orders` order(s) at an ACoS under the goal's; the
  exact keyword starts at its value per click, the rate from the ad group's mixture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np


@dataclass(frozen=True, slots=True)
class Rules:
    prior_clicks: float = 30.0
    min_clicks: int = 12
    max_step_up: float = 0.20
    max_step_down: float = 0.25
    min_change: float = 0.03
    min_bid: Decimal = Decimal("0.02")
    max_bid: Decimal = Decimal("20.00")
    click_elasticity: float = 0.8  # clicks ~ bid ** elasticity, for expected effects
    negative_probability: float = 0.10
    negative_min_clicks: int = 10
    negative_cpc_factor: float = 0.5  # a bid can fall this far before giving up on a term
    negative_prior_clicks: float = 10.0  # terms differ more than targets: a weaker prior
    negative_max_orders: int = 2  # terms with more orders are a bid problem, not a negative
    harvest_min_orders: int = 1  # at an ACoS under the goal's (see harvest_proposals)
    budget_limited_share: float = 0.95  # a day spending this share of the budget is capped
    budget_limited_days: int = 4  # of the last 14
    budget_step: float = 0.25
    pause_cover_days: float = 7.0
    overstock_cover_days: float = 180.0
    overstock_push: float = 1.15


RULES = Rules()
CENT = Decimal("0.01")
#: Share of a click day's orders already reported, by days since the click (0 = yesterday's
#: clicks seen in today's report). Sponsored Products report most orders within a day or
#: two and all within the 7-day window; these shares are deliberately on the low side, so
#: the incomplete days count for less than they are probably worth.
REPORTED_SHARE = (0.35, 0.55, 0.68, 0.78, 0.86, 0.93, 1.0)


def effective_clicks(
    clicks_by_age: list[float], shares: tuple[float, ...] = REPORTED_SHARE
) -> float:
    """Clicks of the incomplete days weighted by the share of their orders reported so far:
    ``clicks_by_age[i]`` are the clicks of the day ``i`` days before the last reported one.
    Their reported orders are ~ Binomial(effective clicks, rate), so a term that keeps
    spending without orders is seen as soon as the evidence is there."""
    return sum(c * shares[min(i, len(shares) - 1)] for i, c in enumerate(clicks_by_age))


def shrunk_rate(successes: float, trials: float, prior_rate: float, prior_trials: float) -> float:
    """Posterior mean of a Beta prior (mean ``prior_rate``, weight ``prior_trials``)."""
    return (successes + prior_rate * prior_trials) / (trials + prior_trials)


def goal_acos(goal: str, target_acos: float, break_even_acos: float) -> float:
    """The ACoS a term's or campaign's evidence is judged against: break-even when the goal
    is profit (a click that pays for itself adds profit), else the target."""
    return break_even_acos if goal == "profit" else target_acos


def value_per_click(cvr: float, order_value: float, target_acos: float) -> float:
    """What one click may cost to land at the target ACoS."""
    return cvr * order_value * target_acos


def inventory_factor(
    fulfillable: int,
    cover_days: float,
    cover_with_inbound_days: float,
    lead_time_days: float,
    buybox_lost: bool = False,
    rules: Rules = RULES,
    ad_share: float | None = None,
) -> float:
    """1 = full push; 0 = pause. Fulfillable cover under ``pause_cover_days`` pauses; above,
    the push falls linearly from 1 at the lead time (inbound counted) to 0.25.

    ``ad_share`` (the share of the SKU's recent units that its ads brought; None: unknown)
    adds the stock-capped case: when the sales that do not come from ads alone sell the
    stock (inbound counted) out before a new order could arrive (:func:`stock_capped`), an
    ad-driven sale only moves the stock-out earlier and takes the place of a later sale at
    the same margin: the ads cost money and add no units, so they pause too."""
    cause = pause_cause(fulfillable, cover_days, cover_with_inbound_days, lead_time_days,
                        buybox_lost, rules, ad_share)  # fmt: skip
    if cause is not None:
        return 0.0
    if cover_days >= rules.overstock_cover_days and cover_days >= 3 * lead_time_days:
        return rules.overstock_push
    if cover_with_inbound_days >= lead_time_days:
        return 1.0
    span = max(lead_time_days - rules.pause_cover_days, 1.0)
    return 0.25 + 0.75 * max(0.0, cover_with_inbound_days - rules.pause_cover_days) / span


#: Why a SKU's ads pause (:func:`pause_cause`), in the order they are checked.
PAUSE_CAUSES = ("out_of_stock", "buybox_lost", "cover_short", "capped")


def pause_cause(
    fulfillable: int,
    cover_days: float,
    cover_with_inbound_days: float,
    lead_time_days: float,
    buybox_lost: bool = False,
    rules: Rules = RULES,
    ad_share: float | None = None,
) -> str | None:
    """The reason :func:`inventory_factor` pauses a SKU's ads (one of :data:`PAUSE_CAUSES`),
    or None when it does not: out of stock, its offer lost the Buy Box, fulfillable cover
    under ``pause_cover_days``, or stock-capped (:func:`stock_capped`)."""
    if fulfillable <= 0:
        return "out_of_stock"
    if buybox_lost:
        return "buybox_lost"
    if cover_days < rules.pause_cover_days:
        return "cover_short"
    if stock_capped(cover_with_inbound_days, lead_time_days, ad_share):
        return "capped"
    return None


def stock_capped(
    cover_with_inbound_days: float, lead_time_days: float, ad_share: float | None
) -> bool:
    """True when the sales without ads alone (``1 - ad_share`` of the current rate) sell the
    stock, inbound counted, out before a new order placed today could arrive."""
    if ad_share is None or not math.isfinite(cover_with_inbound_days):
        return False
    organic = max(1.0 - min(max(ad_share, 0.0), 1.0), 1e-9)
    return cover_with_inbound_days / organic < lead_time_days


@dataclass(frozen=True, slots=True)
class BidInput:
    bid: Decimal
    clicks: int  # mature window
    spend: Decimal
    orders: int
    sales: Decimal
    days: int  # length of the mature window
    prior_cvr: float  # the ad group's (shrunk) rate
    prior_order_value: float
    target_acos: float
    break_even_acos: float
    inventory: float = 1.0
    recent_cpc: float = 0.0  # CPC of the last days at about today's bid (0: use the window's)
    term_prior: TermPrior | None = None  # the ad group's fitted mixture (None: Beta prior)
    #: ``profit``: bid the click's marginal value at break-even (mature, declining products);
    #: ``target``: move the average CPC toward the target ACoS (launch, growth).
    goal: str = "target"
    acos_cap: float | None = None  # an ACoS the operator set: the average stays under it
    #: (clicks, orders) of the same search term before this target served it, e.g. in the
    #: auto / broad source of a harvested exact keyword: the same query, so the same
    #: conversion rate; counted for the rate (and the minimum data), not for the volume.
    history: tuple[float, float] = (0.0, 0.0)
    #: The target's ads come back today from a stock pause: its bid is the one from before
    #: the pause, set on older data (or never tuned), and bought nothing since, so there is
    #: nothing to step away from: it restarts at today's value per click, the daily step
    #: bounds left out (:func:`bid_move`, reason ``resume_value``).
    resumed: bool = False


@dataclass(frozen=True, slots=True)
class BidMove:
    new_bid: Decimal
    reason: str  # above_value | below_value (profit goal) | above_target | below_target
    #              | inventory_low | overstock | resume_value
    cvr: float
    value_per_click: float
    cpc: float
    spend_per_day: float  # expected change, marketplace currency
    profit_per_day: float


def bid_move(x: BidInput, rules: Rules = RULES) -> BidMove | None:
    """The next bid, or None when the data is too thin or the change too small."""
    seen, sold = x.clicks + x.history[0], x.orders + x.history[1]
    if seen < rules.min_clicks or x.clicks <= 0 or x.bid <= 0:
        return None
    if x.term_prior is not None:
        cvr = term_rate(sold, seen, x.term_prior)
    else:
        cvr = shrunk_rate(sold, seen, x.prior_cvr, rules.prior_clicks)
    aov = _order_value(x)
    # Clicks and spend are complete at once; only conversions lag. The CPC the current bid
    # buys is read from the last days, or the bid would keep climbing on a stale CPC.
    cpc = x.recent_cpc or float(x.spend) / x.clicks
    new, vpc = _next_bid(x, cvr, aov, cpc, x.inventory, rules)
    ratio = float(new / x.bid)
    if abs(ratio - 1) < rules.min_change:
        return None
    # The stock names the move only when it makes the difference: the bid the value alone
    # asks for (push 1) is at least ``min_change`` of the bid away.
    free = new if x.inventory == 1 else _next_bid(x, cvr, aov, cpc, 1.0, rules)[0]
    by_stock = abs(float(new - free)) / float(x.bid) >= rules.min_change
    spend_delta, profit_delta = _effect(x, cvr, aov, cpc, ratio, rules)
    if ratio > 1 and (sold <= 0 or (x.goal == "profit" and profit_delta < 0)):
        # No raise on thin data: a target without an order (its own, or the same search
        # term's in the source it was harvested from) only comes down. For a profit goal a
        # raise must be expected to add profit (an overstock push past the click's value
        # does not).
        return None
    return BidMove(new, _reason(x, ratio, by_stock), cvr, vpc, cpc, spend_delta, profit_delta)


def _next_bid(
    x: BidInput, cvr: float, aov: float, cpc: float, push: float, rules: Rules
) -> tuple[Decimal, float]:
    """The bid the value per click asks for at the stock's ``push``, bounded by a day's
    steps and the bid limits; and that value per click."""
    marginal = value_per_click(cvr, aov, x.break_even_acos) * push
    if x.goal == "profit":
        # Second price: the bid is the most one click may cost; it pays the competing bid.
        vpc = marginal
        wanted = marginal
    else:
        vpc = value_per_click(cvr, aov, x.target_acos) * push
        wanted = float(x.bid) * vpc / cpc if cpc > 0 else vpc
        if x.target_acos <= x.break_even_acos:  # the last click must at least break even
            wanted = min(wanted, marginal)
    if x.acos_cap is not None and cpc > 0:  # the operator's cap on the average ACoS
        wanted = min(wanted, float(x.bid) * value_per_click(cvr, aov, x.acos_cap) / cpc)
    if x.resumed:
        new = _money(wanted)
    else:
        low = float(x.bid) * (1 - rules.max_step_down)
        high = float(x.bid) * (1 + rules.max_step_up)
        new = _money(min(max(wanted, low), high))
    return min(max(new, rules.min_bid), rules.max_bid), vpc


def _order_value(x: BidInput) -> float:
    """The target's own order value when it has a few orders, else the ad group's."""
    own = float(x.sales) / x.orders if x.orders else 0.0
    weight = min(x.orders, 3) / 3
    return weight * own + (1 - weight) * x.prior_order_value


def _reason(x: BidInput, ratio: float, by_stock: bool = True) -> str:
    """Why the bid moves: the stock when it makes the difference (``by_stock``), else the
    click's value against the bid (profit goal) or the ACoS against the target; a bid coming
    back from a stock pause restarts at the value (``resume_value``)."""
    if x.resumed:
        return "resume_value"
    if x.inventory < 1 and by_stock:
        return "inventory_low"
    if x.inventory > 1 and ratio > 1 and by_stock:
        return "overstock"
    if x.goal == "profit":
        return "below_value" if ratio > 1 else "above_value"
    return "below_target" if ratio > 1 else "above_target"


def _effect(
    x: BidInput, cvr: float, aov: float, cpc: float, ratio: float, rules: Rules
) -> tuple[float, float]:
    """Expected change per day of spend and of profit after ads, in the second-price
    auction the bid is set for: clicks follow the bid with ``click_elasticity``; the clicks
    already won keep their cost (each pays its competing bid, not ours), and the clicks a
    move gains or loses are the ones whose competing bid lies between the old and the new
    bid, at about their midpoint each (never under today's CPC: they are the dearest ones).
    A cut never leaves the remaining clicks cheaper than today's CPC scaled by the bid
    (``cpc x ratio``): where the elasticity overstates the clicks lost, the spend saved is
    bounded so. So a raise to at most what a click is worth adds profit, and a cut from
    above it does too, as the reasons say."""
    clicks = x.clicks / max(x.days, 1)
    new_clicks = clicks * ratio**rules.click_elasticity
    bid = float(x.bid)
    marginal_cost = max((bid + bid * ratio) / 2, cpc)
    spend = (new_clicks - clicks) * marginal_cost
    if ratio < 1:
        spend = max(spend, new_clicks * cpc * ratio - clicks * cpc)
    margin = cvr * aov * x.break_even_acos  # profit before ads per click
    return spend, (new_clicks - clicks) * margin - spend


def prob_rate_at_least(
    needed: float, successes: float, trials: float, prior_rate: float, prior_trials: float
) -> float:
    """P(true rate >= needed) under the Beta posterior, by integration on a fine grid."""
    if needed <= 0:
        return 1.0
    if needed >= 1:
        return 0.0
    a = successes + max(prior_rate, 1e-4) * prior_trials
    b = trials - successes + max(1 - prior_rate, 1e-4) * prior_trials
    x = (np.arange(4000) + 0.5) / 4000
    log_pdf = (a - 1) * np.log(x) + (b - 1) * np.log1p(-x)
    pdf = np.exp(log_pdf - log_pdf.max())
    return float(pdf[x >= needed].sum() / pdf.sum())


@dataclass(frozen=True, slots=True)
class TermPrior:
    """An ad group's search terms as a mixture: ``junk_share`` of them convert at
    ``junk_rate`` (about never), the others at a rate ~ Beta(mean ``rate``, weight
    ``weight`` clicks)."""

    junk_share: float
    rate: float
    weight: float = 30.0
    junk_rate: float = 0.002


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def junk_probability(orders: float, clicks: float, prior: TermPrior) -> float:
    """P(the term is one that never converts | its orders and clicks)."""
    if prior.junk_share <= 0:
        return 0.0
    if prior.junk_share >= 1:
        return 1.0
    a = max(prior.rate, 1e-4) * prior.weight
    b = max(1 - prior.rate, 1e-4) * prior.weight
    good = (
        math.log(1 - prior.junk_share)
        + _log_beta(a + orders, b + clicks - orders)
        - (_log_beta(a, b))
    )
    p0 = prior.junk_rate
    junk = math.log(prior.junk_share) + orders * math.log(p0) + (clicks - orders) * math.log1p(-p0)
    top = max(good, junk)
    return math.exp(junk - top) / (math.exp(junk - top) + math.exp(good - top))


def term_rate(orders: float, clicks: float, prior: TermPrior) -> float:
    """Posterior mean conversion rate of a term under the mixture."""
    q = junk_probability(orders, clicks, prior)
    good = shrunk_rate(orders, clicks, prior.rate, prior.weight)
    return q * prior.junk_rate + (1 - q) * good


def fit_term_prior(
    orders: list[float], clicks: list[float], fallback_rate: float, weight: float = 30.0,
    min_clicks: float = 200.0,
) -> TermPrior:  # fmt: skip
    """Empirical Bayes (EM) fit of the mixture to a group's terms; the plain Beta prior at
    ``fallback_rate`` (no junk share) until the group has ``min_clicks`` clicks."""
    total = sum(clicks)
    if total < min_clicks or sum(orders) <= 0:
        return TermPrior(0.0, fallback_rate, weight)
    prior = TermPrior(0.3, min(0.9, sum(orders) / total / 0.7), weight)
    for _ in range(30):
        resp = [junk_probability(o, n, prior) if n > 0 else prior.junk_share
                for o, n in zip(orders, clicks, strict=True)]  # fmt: skip
        share = sum(resp) / len(resp)
        good_clicks = sum((1 - r) * n for r, n in zip(resp, clicks, strict=True))
        good_orders = sum((1 - r) * o for r, o in zip(resp, orders, strict=True))
        rate = good_orders / good_clicks if good_clicks > 0 else fallback_rate
        prior = TermPrior(min(max(share, 0.0), 0.95), min(max(rate, 1e-4), 0.9), weight)
    return prior


@dataclass(frozen=True, slots=True)
class NegativeCall:
    probability: float  # of ever reaching the needed rate
    needed_cvr: float


def negative_call(
    clicks: float,
    spend: Decimal,
    orders: int,
    order_value: float,
    prior_cvr: float,
    target_acos: float,
    rules: Rules = RULES,
    term_prior: TermPrior | None = None,
    goal: str = "target",
) -> NegativeCall | None:
    """A negation when the term has spent enough that reaching the target is unlikely:
    P(true rate >= the rate that pays for its clicks at the target ACoS, even at
    ``negative_cpc_factor`` of today's CPC) < ``negative_probability``. With a fitted
    ``term_prior`` that probability counts the chance the term is one that never converts."""
    if clicks < rules.negative_min_clicks or orders > rules.negative_max_orders:
        return None
    if order_value <= 0 or target_acos <= 0:
        return None
    cpc = float(spend) / clicks
    # Profit goal (``target_acos`` is then break-even): a search term matched by a broad,
    # phrase or auto target pays that target's CPC, it has no bid of its own to lower, so it
    # must pay for its clicks at about today's CPC. Target goal: it must be able to reach
    # the target even at ``negative_cpc_factor`` of today's CPC.
    factor = 1.0 if goal == "profit" else rules.negative_cpc_factor
    needed = cpc * factor / (order_value * target_acos)
    if term_prior is not None and term_prior.junk_share > 0:
        q = junk_probability(orders, clicks, term_prior)
        p_good = prob_rate_at_least(needed, orders, clicks, term_prior.rate, term_prior.weight)
        p = (1 - q) * p_good + (q if term_prior.junk_rate >= needed else 0.0)
    else:
        p = prob_rate_at_least(needed, orders, clicks, prior_cvr, rules.negative_prior_clicks)
    if p >= rules.negative_probability:
        return None
    return NegativeCall(p, needed)


def harvest_bid(
    orders: int, clicks: int, order_value: float, prior_cvr: float, target_acos: float,
    rules: Rules = RULES, term_prior: TermPrior | None = None,
) -> Decimal:  # fmt: skip
    """Starting bid of a harvested exact keyword: its value per click at the target. With the
    ad group's fitted mixture (``term_prior``) the rate is the term's posterior under it: a
    term that converted is most likely one of the converting kind, so its rate is shrunk
    toward the converting terms' rate, not toward the group's rate diluted by the terms that
    never convert."""
    if term_prior is not None and term_prior.junk_share > 0:
        cvr = term_rate(orders, clicks, term_prior)
    else:
        cvr = shrunk_rate(orders, clicks, prior_cvr, rules.prior_clicks)
    return min(max(_money(value_per_click(cvr, order_value, target_acos)), rules.min_bid),
               rules.max_bid)  # fmt: skip


def is_budget_limited(daily_spend: list[Decimal], budget: Decimal, rules: Rules = RULES) -> bool:
    capped = sum(1 for s in daily_spend if s >= budget * Decimal(str(rules.budget_limited_share)))
    return capped >= rules.budget_limited_days


@dataclass(frozen=True, slots=True)
class BudgetMove:
    new: Decimal
    #: The cause that sets the new budget: ``budget_limited_profitable`` (raise),
    #: ``budget_over_target`` (cut for ACoS) or ``inventory_low`` (cut for stock).
    reason: str
    #: Every cause that asked for a cut (both when ACoS and stock do), the deciding one first.
    causes: tuple[str, ...] = ()


def budget_decision(
    budget: Decimal, acos: float | None, target_acos: float, limited: bool, inventory: float,
    rules: Rules = RULES, allow_raise: bool = True,
) -> BudgetMove | None:  # fmt: skip
    """More budget for capped campaigns under target (stock allowing, ``allow_raise``); less
    for capped campaigns well over it (cut by ``budget_step``: an ACoS cause), or whose stock
    runs low (cut to the inventory factor, at most ``budget_step`` a day: a stock cause).
    When both ask for a cut the deeper one sets the budget and names the reason; a stock cut
    smaller than ``min_change`` is no cut. Only a campaign that spends its budget changes."""
    if not limited:
        return None
    cuts: list[tuple[Decimal, str]] = []
    if inventory < 1 and 1 - max(inventory, 1 - rules.budget_step) >= rules.min_change:
        cuts.append((_money(float(budget) * max(inventory, 1 - rules.budget_step)),
                     "inventory_low"))  # fmt: skip
    if acos is not None and acos >= 1.3 * target_acos:
        cuts.append((_money(float(budget) * (1 - rules.budget_step)), "budget_over_target"))
    if cuts:
        # The deeper cut decides; at a tie the ACoS is named (it would cut without the stock).
        cuts.sort(key=lambda c: (c[0], c[1] != "budget_over_target"))
        return BudgetMove(cuts[0][0], cuts[0][1], tuple(c[1] for c in cuts))
    if allow_raise and acos is not None and acos <= 0.9 * target_acos and inventory >= 1:
        return BudgetMove(_money(float(budget) * (1 + rules.budget_step)),
                          "budget_limited_profitable")  # fmt: skip
    return None


def budget_move(
    budget: Decimal, acos: float | None, target_acos: float, limited: bool, inventory: float,
    rules: Rules = RULES,
) -> tuple[Decimal, str] | None:  # fmt: skip
    """:func:`budget_decision` as (new budget, reason)."""
    move = budget_decision(budget, acos, target_acos, limited, inventory, rules)
    return None if move is None else (move.new, move.reason)


def _money(value: float) -> Decimal:
    if not math.isfinite(value):
        return Decimal(0)
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
