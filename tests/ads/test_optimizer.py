"""The optimizer's math: shrunk conversion rates, bounded bids, negatives, budgets, stock."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sellerops.ads import metrics as am
from sellerops.ads import optimizer as opt
from sellerops.ads import targets as tg


def _bid(**kw: object) -> opt.BidInput:
    base: dict[str, object] = dict(
        bid=Decimal("1.00"), clicks=200, spend=Decimal("180"), orders=10, sales=Decimal("250"),
        days=60, prior_cvr=0.08, prior_order_value=25.0, target_acos=0.25, break_even_acos=0.35,
    )  # fmt: skip
    base.update(kw)
    return opt.BidInput(**base)  # type: ignore[arg-type]


def test_few_clicks_borrow_the_ad_groups_rate_many_clicks_speak_for_themselves() -> None:
    assert opt.shrunk_rate(1, 2, 0.10, 30) == pytest.approx(0.125, abs=0.01)
    assert opt.shrunk_rate(100, 1000, 0.02, 30) == pytest.approx(0.0985, abs=0.002)


def test_no_bid_move_before_the_minimum_clicks() -> None:
    assert opt.bid_move(_bid(clicks=5, spend=Decimal("5"), orders=0)) is None


def test_expensive_keyword_is_cut_by_at_most_a_quarter_a_day() -> None:
    move = opt.bid_move(_bid(orders=1, sales=Decimal("25")))  # ACoS 720 %
    assert move is not None
    assert move.new_bid == Decimal("0.75") and move.reason == "above_target"
    assert move.spend_per_day < 0 and move.profit_per_day > 0


def test_cheap_converting_keyword_is_raised_by_at_most_a_fifth() -> None:
    move = opt.bid_move(_bid(spend=Decimal("40"), orders=30, sales=Decimal("750")))
    assert move is not None and move.new_bid == Decimal("1.20")
    assert move.reason == "below_target"


def test_low_stock_scales_the_bid_down_and_says_why() -> None:
    on_target = dict(bid=Decimal("0.80"), spend=Decimal("122"), orders=20, sales=Decimal("500"))
    assert opt.bid_move(_bid(**on_target)) is None  # at target: leave it
    low = opt.bid_move(_bid(**on_target, inventory=0.4))
    assert low is not None and low.reason == "inventory_low"
    assert low.new_bid == Decimal("0.60")


def test_bid_never_above_the_break_even_value_of_the_last_click() -> None:
    # Average CPC 0.61 is on target (ACoS 24 %), but the bid 1.00 pays up to 1.00 for the
    # last clicks, worth 0.0974 x 25 x 0.35 = 0.85 at break-even: it comes down.
    move = opt.bid_move(_bid(spend=Decimal("122"), orders=20, sales=Decimal("500")))
    assert move is not None and move.new_bid == Decimal("0.85")
    assert move.profit_per_day > 0


def test_mixture_prior_separates_terms_that_never_convert() -> None:
    orders = [0.0] * 10 + [3.0, 4.0, 2.0, 5.0, 3.0, 4.0, 2.0, 3.0, 4.0, 3.0]
    clicks = [30.0] * 20
    prior = opt.fit_term_prior(orders, clicks, 0.05)
    assert 0.35 < prior.junk_share < 0.65 and 0.08 < prior.rate < 0.15
    assert opt.junk_probability(0, 25, prior) > 0.8  # spends without orders: likely junk
    assert opt.junk_probability(2, 25, prior) < 0.02  # orders clear it
    assert opt.term_rate(0, 25, prior) < opt.shrunk_rate(0, 25, 0.05, 30)
    assert opt.fit_term_prior([0, 1], [5, 5], 0.05).junk_share == 0  # too little data
    call = opt.negative_call(20, Decimal("16"), 0, 25.0, 0.05, 0.25, term_prior=prior)
    assert call is not None and call.probability < opt.RULES.negative_probability
    assert opt.negative_call(20, Decimal("16"), 1, 25.0, 0.05, 0.25, term_prior=prior) is None


def test_incomplete_days_count_by_the_share_of_orders_reported() -> None:
    assert opt.effective_clicks([10, 10]) == pytest.approx(10 * 0.35 + 10 * 0.55)
    assert opt.effective_clicks([0] * 6 + [10, 10]) == pytest.approx(20)


def test_inventory_factor_pauses_scales_and_pushes() -> None:
    assert opt.inventory_factor(0, 0, 50, 45) == 0  # out of stock
    assert opt.inventory_factor(30, 5, 60, 45) == 0  # under a week of cover
    assert opt.inventory_factor(300, 60, 60, 45, buybox_lost=True) == 0
    assert opt.inventory_factor(300, 60, 60, 45) == 1
    middle = opt.inventory_factor(100, 26, 26, 45)
    assert 0.25 < middle < 1
    assert opt.inventory_factor(100, 10, 10, 45) < middle  # smooth, not a cliff
    assert opt.inventory_factor(5000, 400, 400, 45) > 1  # overstock gets more push


def test_term_with_many_clicks_and_no_orders_is_negated_with_its_probability() -> None:
    call = opt.negative_call(60, Decimal("60"), 0, 25.0, 0.08, 0.25)
    assert call is not None
    assert call.probability < opt.RULES.negative_probability


def test_terms_with_little_data_or_real_orders_are_not_negated() -> None:
    assert opt.negative_call(6, Decimal("6"), 0, 25.0, 0.08, 0.25) is None
    assert opt.negative_call(400, Decimal("500"), 5, 25.0, 0.08, 0.25) is None


def test_probability_of_reaching_a_rate_follows_the_evidence() -> None:
    unlikely = opt.prob_rate_at_least(0.10, 0, 100, 0.08, 30)
    likely = opt.prob_rate_at_least(0.10, 15, 100, 0.08, 30)
    assert unlikely < 0.01 < 0.5 < likely


def test_budget_rises_when_capped_under_target_and_falls_when_capped_over() -> None:
    capped = [Decimal("50")] * 10
    assert opt.is_budget_limited(capped, Decimal("50"))
    up = opt.budget_move(Decimal("50"), 0.15, 0.25, True, 1.0)
    down = opt.budget_move(Decimal("50"), 0.45, 0.25, True, 1.0)
    assert up == (Decimal("62.50"), "budget_limited_profitable")
    assert down == (Decimal("37.50"), "budget_over_target")
    assert opt.budget_move(Decimal("50"), 0.15, 0.25, False, 1.0) is None
    assert opt.budget_move(Decimal("50"), 0.15, 0.25, True, 0.5) == (
        Decimal("37.50"),
        "inventory_low",
    )


def test_break_even_acos_from_price_fees_and_landed_cost() -> None:
    e = tg.economics(Decimal("40"), None, Decimal("10"), "product_cost")
    target = tg.target_acos("SKU", e, "mature")
    assert target.profit_per_unit == Decimal("18.00")  # 40 - 6 referral - 6 FBA - 10
    assert target.break_even == pytest.approx(0.45)
    assert target.target == pytest.approx(0.45 * tg.LIFECYCLE_FACTOR["mature"])


def test_without_costs_a_stated_margin_is_assumed() -> None:
    e = tg.economics(Decimal("40"), None, None, "assumed_margin")
    target = tg.target_acos("SKU", e, "mature")
    assert target.break_even == pytest.approx(float(tg.DEFAULT_MARGIN))
    assert target.evidence()["cost_source"] == "assumed_margin"


def test_launch_may_run_above_break_even_decline_spends_less() -> None:
    e = tg.economics(Decimal("40"), None, Decimal("10"), "product_cost")
    launch = tg.target_acos("SKU", e, "launch").target
    decline = tg.target_acos("SKU", e, "decline").target
    assert launch > 0.45 > decline
    as_of = date(2026, 11, 20)
    assert tg.lifecycle_stage(date(2026, 10, 1), as_of, None) == "launch"
    assert tg.lifecycle_stage(date(2025, 1, 1), as_of, -0.5) == "decline"
    assert tg.lifecycle_stage(date(2025, 1, 1), as_of, 0.1) == "mature"


def test_a_product_that_loses_money_before_ads_gets_no_target_above_break_even() -> None:
    e = tg.economics(Decimal("10"), None, Decimal("9"), "product_cost")  # 10 - 3 fees - 9 < 0
    mature = tg.target_acos("SKU", e, "mature")
    assert mature.break_even == 0.0 and mature.target == 0.0
    # only a launch buys clicks above break-even, on purpose
    assert tg.target_acos("SKU", e, "launch").target == tg.MIN_TARGET


def test_the_effect_of_a_proposal_counts_its_spend_saved_once() -> None:
    from sellerops.ads.models import AdRecommendation
    from sellerops.ads.recommendations import impact

    both = AdRecommendation(effect={"spend": -15.30, "profit": 10.49})
    assert impact(both) == pytest.approx(10.49)  # the profit change includes the spend saved
    assert impact(AdRecommendation(effect={"spend": -4.0})) == pytest.approx(4.0)


def test_metrics_ratios_and_tacos() -> None:
    m = am.Metrics(1000, 50, Decimal("40"), 5, 6, Decimal("160"))
    assert m.ctr == 0.05 and m.cvr == 0.1 and m.acos == 0.25 and m.roas == 4
    assert m.cpc == Decimal("0.80")
    assert am.tacos(Decimal("40"), Decimal("800")) == 0.05
    assert am.Metrics().acos is None
    assert am.mature_end(date(2026, 11, 20), 7) == date(2026, 11, 13)


def test_a_profit_goal_bids_the_clicks_marginal_value_not_the_average_at_target() -> None:
    # 10 orders of 25.00 from 200 clicks at 0.90 (bid 0.60 now): shrunk CVR ~0.054, a click
    # worth 0.054 x 25 x 0.35 = 0.47 at break-even, the bid a profit goal goes to; a target
    # goal aims the average CPC at 0.054 x 25 x 0.25 = 0.34 and cuts by the most a day
    # allows (-25 %: 0.45).
    x = dict(bid=Decimal("0.60"), spend=Decimal("180"))
    target = opt.bid_move(_bid(**x))
    profit = opt.bid_move(_bid(**x, goal="profit"))
    assert target is not None and profit is not None
    cvr = opt.shrunk_rate(10, 200, 0.08, opt.RULES.prior_clicks)
    assert float(profit.new_bid) == pytest.approx(cvr * 25 * 0.35, abs=0.01)
    assert target.new_bid == Decimal("0.45") and profit.new_bid == Decimal("0.47")
    assert profit.reason == "above_value"
    assert profit.value_per_click == pytest.approx(cvr * 25 * 0.35)
    # Below its value, the bid rises (bounded: +20 % a day).
    up = opt.bid_move(_bid(bid=Decimal("0.30"), spend=Decimal("60"), goal="profit"))
    assert up is not None and up.new_bid == Decimal("0.36") and up.reason == "below_value"
    # An ACoS the operator set still caps the average: CPC 0.30 at the bid 0.30.
    capped = opt.bid_move(_bid(bid=Decimal("0.30"), spend=Decimal("60"), goal="profit",
                               acos_cap=0.15))  # fmt: skip
    assert capped is not None and capped.new_bid < Decimal("0.30")


def test_a_profit_goal_negates_terms_that_cannot_pay_for_their_clicks_at_break_even() -> None:
    # 40 clicks at 1.00 and no order: paying for them at 35 % of 25.00 needs an 11 % CVR.
    call = opt.negative_call(40, Decimal("40"), 0, 25.0, 0.08, 0.35, goal="profit")
    assert call is not None and call.needed_cvr == pytest.approx(1 / (25 * 0.35))
    assert opt.negative_call(40, Decimal("8"), 0, 25.0, 0.08, 0.35, goal="profit") is None
    assert opt.goal_acos("profit", 0.2, 0.4) == 0.4 and opt.goal_acos("target", 0.2, 0.4) == 0.2


def test_mature_and_declining_products_aim_at_profit_launches_at_their_target() -> None:
    from sellerops.ads.plan import goal_of

    assert goal_of("mature") == goal_of("decline") == "profit"
    assert goal_of("launch") == goal_of("growth") == "target"


def test_stock_capped_sku_pauses_its_ads_when_sales_without_ads_sell_it_out() -> None:
    # 26 days of cover at the current rate, lead time 30: ads bring 20 % of the units, so
    # without them the stock lasts 32.5 days, past the lead time: scale down, keep serving.
    assert not opt.stock_capped(26, 30, 0.2)
    assert 0.25 < opt.inventory_factor(200, 26, 26, 30, ad_share=0.2) < 1
    # Ads bring 10 %: without them the stock still runs out (28.9 days) before a new order
    # could land, so every ad sale only takes the place of a later one: pause.
    assert opt.stock_capped(26, 30, 0.1)
    assert opt.inventory_factor(200, 26, 26, 30, ad_share=0.1) == 0
    # Unknown share, or inbound that covers the lead time: unchanged behaviour.
    assert (
        opt.inventory_factor(200, 26, 26, 30)
        == opt.inventory_factor(200, 26, 26, 30, ad_share=None)
        > 0
    )
    assert opt.inventory_factor(200, 26, 60, 30, ad_share=0.1) == 1


def test_harvest_bid_uses_the_converting_terms_rate_under_the_mixture() -> None:
    # The group's pooled rate (5 %) is diluted by terms that never convert; a term that
    # converted is most likely a converting one (rate 10 %): its bid starts higher.
    mix = opt.TermPrior(junk_share=0.5, rate=0.10)
    plain = opt.harvest_bid(1, 8, 30.0, 0.05, 0.35)
    mixed = opt.harvest_bid(1, 8, 30.0, 0.05, 0.35, term_prior=mix)
    assert mixed > plain
    assert float(mixed) == pytest.approx(opt.term_rate(1, 8, mix) * 30 * 0.35, abs=0.01)
