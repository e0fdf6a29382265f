"""The landed-cost floor and the repricing rules."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.catalog import pricing_checks, pricing_service
from sellerops.catalog.pricing import (
    MinMargin,
    PricingError,
    RepricingRule,
    UnitCosts,
    landed_cost_floor,
    margin_rate,
    propose,
    unit_profit,
)
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.daily.registry import all_checks
from sellerops.finance.models import ProductCost
from tests import factories as f
from tests.factories import AS_OF

COSTS = UnitCosts(
    cogs=D("5.00"),
    freight=D("1.20"),
    duty_rate=D("0.25"),  # 1.25 on a 5.00 customs value
    fba_fee=D("3.22"),
    referral_rate=D("0.15"),
    storage=D("0.08"),
    ad_cost=D("1.25"),
)  # fixed per unit: 12.00


def test_floor_covers_every_landed_cost_and_the_referral_fee() -> None:
    floor = landed_cost_floor(COSTS)
    assert floor == D("14.12")  # 12.00 / 0.85 = 14.1176..., rounded up
    assert unit_profit(floor, COSTS) >= 0
    assert unit_profit(floor - D("0.01"), COSTS) < 0


def test_floor_adds_the_minimum_margin_as_share_and_amount() -> None:
    floor = landed_cost_floor(COSTS, MinMargin(rate=D("0.10"), amount=D("0.50")))
    assert floor == D("16.67")  # 12.50 / 0.75 = 16.666...
    assert unit_profit(floor, COSTS) >= D("0.10") * floor + D("0.50")


def test_floor_moves_when_costs_change() -> None:
    dearer = UnitCosts(**{**_fields(COSTS), "freight": D("2.90")})
    assert landed_cost_floor(dearer) == D("16.12")  # 13.70 / 0.85
    assert landed_cost_floor(dearer) > landed_cost_floor(COSTS)


def test_match_rule_follows_the_buy_box_down_but_not_through_the_floor() -> None:
    rule = RepricingRule("match_buy_box")
    above = propose(rule, current=D("19.99"), costs=COSTS, buy_box=D("17.49"))
    assert (above.price, above.reason) == (D("17.49"), "match_buy_box")
    below = propose(rule, current=D("19.99"), costs=COSTS, buy_box=D("12.99"))
    assert (below.price, below.reason) == (D("14.12"), "floor")
    assert below.unit_profit >= 0


def test_beat_rule_undercuts_the_buy_box_by_its_amount() -> None:
    rule = RepricingRule("beat_buy_box", beat_by=D("0.25"))
    proposal = propose(rule, current=D("19.99"), costs=COSTS, buy_box=D("18.99"))
    assert (proposal.price, proposal.reason) == (D("18.74"), "beat_buy_box")
    assert proposal.changes


def test_target_margin_rule_prices_for_its_margin() -> None:
    rule = RepricingRule("target_margin", target_margin=D("0.20"))
    proposal = propose(rule, current=D("14.99"), costs=COSTS)
    assert proposal.reason == "target_margin"
    assert margin_rate(proposal.price, COSTS) >= D("0.20")
    assert margin_rate(proposal.price - D("0.01"), COSTS) < D("0.20")


def test_min_and_max_bound_the_rule_but_the_floor_wins_over_both() -> None:
    capped = propose(
        RepricingRule("match_buy_box", max_price=D("21.00")),
        current=D("19.99"),
        costs=COSTS,
        buy_box=D("24.99"),
    )
    assert (capped.price, capped.reason) == (D("21.00"), "max_price")
    raised = propose(
        RepricingRule("match_buy_box", min_price=D("16.00")),
        current=D("19.99"),
        costs=COSTS,
        buy_box=D("15.49"),
    )
    assert (raised.price, raised.reason) == (D("16.00"), "min_price")
    floor_wins = propose(
        RepricingRule("match_buy_box", max_price=D("13.00")),
        current=D("19.99"),
        costs=COSTS,
        buy_box=D("12.00"),
    )
    assert (floor_wins.price, floor_wins.reason) == (D("14.12"), "floor")


def test_without_a_buy_box_price_a_buy_box_rule_keeps_the_price() -> None:
    proposal = propose(RepricingRule("match_buy_box"), current=D("19.99"), costs=COSTS)
    assert (proposal.price, proposal.reason, proposal.changes) == (D("19.99"), "no_buy_box", False)


def test_a_price_under_the_floor_today_is_raised_even_by_a_hold_rule() -> None:
    proposal = propose(RepricingRule("hold"), current=D("13.49"), costs=COSTS)
    assert (proposal.price, proposal.reason) == (D("14.12"), "floor")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"strategy": "undercut_everyone"},
        {"strategy": "beat_buy_box", "beat_by": D("-1")},
        {"strategy": "target_margin"},
        {"min_price": D("20"), "max_price": D("10")},
    ],
)
def test_rules_that_cannot_price_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(PricingError):
        RepricingRule(**kwargs)  # type: ignore[arg-type]


def test_fees_and_margin_that_take_the_whole_price_are_refused() -> None:
    with pytest.raises(PricingError):
        landed_cost_floor(COSTS, MinMargin(rate=D("0.85")))


def _fields(costs: UnitCosts) -> dict[str, D]:
    return {name: getattr(costs, name) for name in UnitCosts.__slots__}


# --- stored rules, proposals and the change log (SQLite and PostgreSQL) ---


def _priced_sku(session: Session, store: Store, price: str, cost: str) -> None:
    f.product(session, store, "MUG-01", "B0MUG00001", price=D(price))
    session.add(
        ProductCost(
            store_id=store.id,
            sku="MUG-01",
            effective_from=AS_OF - timedelta(days=60),
            unit_cost=D(cost),
            currency="USD",
            first_leg_freight_per_unit=D("1.00"),
            duty_rate=D("0.10"),
        )
    )
    session.flush()


def test_a_sku_priced_under_its_floor_is_a_finding_with_its_costs(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="9.99", cost="8.00")  # fixed 9.80 -> floor 11.53
        findings = pricing_checks.price_below_floor(_ctx(s, store))
    [finding] = findings
    assert finding.entity == "MUG-01"
    assert finding.evidence["landed_cost_floor"] == 11.53
    assert finding.evidence["unit_duty"] == 0.8
    assert "11.53" in finding.title("en") and "11.53" in finding.title("zh")


def test_a_new_cost_row_moves_the_floor(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="14.99", cost="8.00")
        before = pricing_service.floors(session=s, store_id=store.id, currency="USD", as_of=AS_OF)
        s.add(ProductCost(store_id=store.id, sku="MUG-01", effective_from=AS_OF, unit_cost=D("9.50"),
                          currency="USD", first_leg_freight_per_unit=D("1.00"), duty_rate=D("0.10")))  # fmt: skip
        s.flush()
        after = pricing_service.floors(session=s, store_id=store.id, currency="USD", as_of=AS_OF)
    assert (before[0].floor, after[0].floor) == (D("11.53"), D("13.48"))  # 11.45 / 0.85, rounded up


def test_rules_propose_within_the_floor_and_applied_changes_are_logged(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="14.99", cost="8.00")
        rule = RepricingRule("beat_buy_box", beat_by=D("0.50"), min_margin=MinMargin(D("0.05")))
        pricing_service.set_rule(session=s, store_id=store.id, sku="MUG-01", rule=rule)
        pricing_service.record_prices(
            session=s, store_id=store.id, rows=[{"sku": "MUG-01", "day": AS_OF,
                                                 "buy_box_price": D("11.99")}]
        )  # fmt: skip
        [proposal] = pricing_service.propose_prices(
            session=s, store_id=store.id, currency="USD", as_of=AS_OF
        )
        assert (proposal.proposed_price, proposal.reason) == (D("12.25"), "floor")  # 9.80/0.80
        change = pricing_service.apply_proposal(session=s, proposal_id=proposal.id, actor="amy")
        log = pricing_service.change_log(session=s, store_id=store.id)
    assert (change.old_price, change.new_price, change.reason) == (D("14.99"), D("12.25"), "floor")
    assert [c.id for c in log] == [change.id]


def test_a_proposal_is_applied_once(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="14.99", cost="8.00")
        pricing_service.set_rule(session=s, store_id=store.id, sku="MUG-01",
                                 rule=RepricingRule("target_margin", target_margin=D("0.25")))  # fmt: skip
        [proposal] = pricing_service.propose_prices(
            session=s, store_id=store.id, currency="USD", as_of=AS_OF
        )
        pricing_service.apply_proposal(session=s, proposal_id=proposal.id, actor=None)
        with pytest.raises(PricingError):
            pricing_service.apply_proposal(session=s, proposal_id=proposal.id, actor=None)


def test_the_daily_review_shows_a_rules_proposal_in_both_languages(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="14.99", cost="8.00")
        rule = RepricingRule("match_buy_box")
        pricing_service.set_rule(session=s, store_id=store.id, sku="MUG-01", rule=rule)
        pricing_service.record_prices(
            session=s, store_id=store.id, rows=[{"sku": "MUG-01", "day": AS_OF,
                                                 "buy_box_price": D("13.99")}]
        )  # fmt: skip
        [finding] = pricing_checks.repricing_proposal(_ctx(s, store))
    assert finding.evidence["proposed_price"] == 13.99
    assert "13.99" in finding.title("en") and "购买按钮" in finding.title("zh")
    names = {c.name for c in all_checks()}
    assert {"catalog.price_below_floor", "catalog.repricing_proposal"} <= names


def _ctx(session: Session, store: Store) -> ReviewContext:
    return ReviewContext(session=session, store=store, as_of=AS_OF)


# --- the floor against what units sell for (the walkthrough's ACME-ELEC-0022-BK) ---


def test_a_sku_listed_above_its_floor_that_sells_under_it_is_a_finding(engine: Engine) -> None:
    """Listed at 14.99 over a floor of 11.53, but its units sold for 10.99 (a coupon):
    the floor is held against the average selling price, which the finding names."""
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="14.99", cost="8.00")
        f.orders(s, store, "MUG-01", per_day=1, days=28, price="10.99")
        [line] = pricing_service.floors(session=s, store_id=store.id, currency="USD", as_of=AS_OF)
        [finding] = pricing_checks.price_below_floor(_ctx(s, store))
    assert line.price == D("14.99") and line.selling is not None
    assert (line.checked_price, line.selling.units) == (D("10.99"), 28)
    assert line.gap == line.floor - D("10.99") > 0
    assert finding.title("en").startswith(
        "MUG-01: sells at $10.99 on average (listing price $14.99), under its landed-cost floor"
    )
    assert "平均售价 US$10.99（标价 US$14.99）低于到岸成本底价" in finding.title("zh")
    assert finding.evidence["selling_price"] == 10.99 and finding.evidence["listing_price"] == 14.99


def test_too_few_units_sold_keep_the_listing_price_against_the_floor(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        _priced_sku(s, store, price="14.99", cost="8.00")
        f.orders(s, store, "MUG-01", per_day=1, days=3, price="10.99")  # 3 units: too few
        [line] = pricing_service.floors(session=s, store_id=store.id, currency="USD", as_of=AS_OF)
        assert pricing_checks.price_below_floor(_ctx(s, store)) == []
    assert line.selling is None and line.checked_price == D("14.99")


def test_refunds_and_other_fees_per_unit_raise_the_floor() -> None:
    with_returns = UnitCosts(**{**_fields(COSTS), "returns": D("0.85")})
    assert landed_cost_floor(with_returns) - landed_cost_floor(COSTS) == D("1.00")  # 0.85 / 0.85
    assert with_returns.breakdown()["returns"] == D("0.85")
