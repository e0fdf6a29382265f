"""What an operator found on the demo store's recommendations, fixed: each pause names its
cause with the numbers, budget cuts are labelled by the cause that sets them, end-of-life SKUs
are not grown, a product losing money before ads gets no "0 %" target, and the expected
effect says what it is."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from sellerops.ads import optimizer as opt
from sellerops.ads import plan
from sellerops.ads.models import AdRecommendation
from sellerops.ads.present import effect_text, reason_text, to_dict
from sellerops.core.db import unit_of_work
from sellerops.inventory import service as inventory
from tests.ads import world
from tests.ads.test_ads_cli import run
from tests.factories import AS_OF


@pytest.mark.parametrize(
    ("fulfillable", "reason", "words"),
    [
        (40, "inventory_cover_short", "40 units = 4 days of cover, under the 7-day line"),
        (0, "inventory_out_of_stock", "0 units fulfillable; lead time 45 days"),
    ],
)
def test_a_pause_says_why_with_the_numbers(
    engine: Engine, fulfillable: int, reason: str, words: str
) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=fulfillable)
        pauses = world.by_kind(world.refresh(s, store))["pause"]
        texts = [reason_text(p, "en") for p in pauses]
        zh = reason_text(pauses[0], "zh")
    assert {p.reason for p in pauses} == {reason}
    assert all(words in t for t in texts), texts
    assert pauses[0].evidence["pause_cause"] in opt.PAUSE_CAUSES
    assert world.SKU in zh and "45 天" in zh


def test_pause_cause_names_the_first_reason_the_inventory_factor_pauses_for() -> None:
    assert opt.pause_cause(0, 0.0, 0.0, 30) == "out_of_stock"
    assert opt.pause_cause(500, 50.0, 50.0, 30, buybox_lost=True) == "buybox_lost"
    assert opt.pause_cause(30, 5.0, 40.0, 30) == "cover_short"
    assert opt.pause_cause(300, 10.0, 10.0, 30, ad_share=0.5) == "capped"
    assert opt.pause_cause(3000, 200.0, 200.0, 30, ad_share=0.5) is None
    assert opt.inventory_factor(30, 5.0, 40.0, 30) == 0.0


def test_a_budget_cut_is_labelled_by_the_cause_that_sets_it() -> None:
    budget = Decimal("120")
    # Stock barely short (push 0.99) but ACoS twice its goal: an ACoS cut, not a stock one.
    acos = opt.budget_decision(budget, 0.68, 0.33, True, 0.99)
    assert acos is not None and acos.reason == "budget_over_target"
    assert acos.new == Decimal("90.00") and acos.causes == ("budget_over_target",)
    # ACoS fine, stock low: a stock cut.
    stock = opt.budget_decision(budget, 0.30, 0.33, True, 0.5)
    assert stock is not None and stock.reason == "inventory_low" and stock.new == Decimal("90.00")
    assert stock.causes == ("inventory_low",)
    # Both: the deeper cut decides, both causes are kept.
    both = opt.budget_decision(budget, 0.68, 0.33, True, 0.85)
    assert both is not None and both.reason == "budget_over_target"
    assert set(both.causes) == {"budget_over_target", "inventory_low"}
    assert opt.budget_decision(budget, 0.1, 0.33, True, 1.0, allow_raise=False) is None


def test_a_stock_driven_budget_cut_shows_stock_numbers_and_that_acos_is_not_the_cause(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, fulfillable=300)  # 30 days of cover, lead time 45
        (budget,) = world.by_kind(world.refresh(s, store))["budget"]
        text = reason_text(budget, "en")
    assert budget.reason == "inventory_low"
    assert budget.evidence["cut_for_stock"] and not budget.evidence["cut_for_acos"]
    assert budget.evidence["days_of_cover"] == pytest.approx(30.0)
    assert "30 days of cover with inbound against a 45-day lead time" in text
    assert "is not the cause" in text


def test_no_harvest_or_raise_for_an_end_of_life_sku(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "catalog_stages", lambda *a: {world.SKU: "end_of_life"})
    with unit_of_work(engine) as s:
        store = world.account(s)
        rows = world.refresh(s, store)
        kinds = world.by_kind(rows)
        texts = [reason_text(r, "en") for r in kinds["bid"]]
    assert "harvest" not in kinds
    assert all(r.proposed is not None and r.current is not None and r.proposed < r.current
               for r in kinds["bid"])  # fmt: skip
    # close-match is worth more than its bid (raised for a mature SKU, see
    # test_recommendations): not raised at its end of life.
    assert "close-match" not in {r.params["target"] for r in kinds["bid"]}
    assert all(r.reason != "budget_limited_profitable" for r in kinds.get("budget", []))
    (bid,) = kinds["bid"]
    assert bid.evidence["lifecycle"] == "end_of_life"
    assert bid.evidence["no_growth_skus"] == world.SKU
    assert "end of life (MAT-1, catalog lifecycle)" in texts[0]


def test_catalog_stages_reads_the_daily_reviews_lifecycle(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        positions = inventory.stock_positions(
            session=s, store_id=store.id, as_of=AS_OF, default_lead_time=45
        )
        stages = plan.catalog_stages(s, store.id, AS_OF, positions)
    assert set(stages) <= {world.SKU}
    assert set(stages.values()) <= {"new", "growth", "mature", "decline", "end_of_life"}


def test_a_product_losing_money_before_ads_gets_no_zero_target_but_a_pause(
    engine: Engine,
) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s, unit_cost="30")  # 40 - 6 - 6 - 30 = -2.00 before ads
        rows = world.refresh(s, store)
        kinds = world.by_kind(rows)
        pause = kinds["pause"][0]
        text, zh = reason_text(pause, "en"), reason_text(pause, "zh")
        record = to_dict(s, pause, "en")
    assert set(kinds) == {"pause"} and {p.reason for p in kinds["pause"]} == {"no_margin"}
    assert pause.evidence["loses_money_before_ads"] is True
    assert pause.evidence["target_acos"] is None and pause.evidence["break_even_acos"] is None
    assert pause.evidence["profit_before_ads"] == pytest.approx(-2.0)
    assert "Loses money on every unit before ads" in text
    assert "-$2.00 per unit before ads at a price of $40.00" in text
    assert "未计广告每件利润" in zh
    assert record["reason"] == "no_margin" and "0%" not in record["reason_text"]


def test_the_expected_effect_says_what_it_is() -> None:
    assert effect_text({"spend": -5.0, "profit": 3.2}, "USD", "en") == (
        "+$3.20 profit/day expected (ad spend −$5.00/day)"
    )
    assert effect_text({"spend": -10.66}, "USD", "en") == "−$10.66 ad spend/day expected"
    assert effect_text({}, "USD", "en").startswith("not estimated")
    assert "预计每日利润" in effect_text({"profit": 1.0}, "USD", "zh")


def test_json_and_table_spell_out_the_expected_effect(engine: Engine, db_url: str) -> None:
    with unit_of_work(engine) as s:
        world.account(s)
    code, out, err = run(db_url, "ads", "recommendations", "--json", "--date", "2026-11-20")
    assert code == 0, err
    listed = json.loads(out)["recommendations"]
    bid = next(r for r in listed if r["kind"] == "bid")
    assert bid["expected_effect_per_day"]["profit"] == bid["expected_profit_per_day"]
    assert bid["expected_effect_per_day"]["spend"] == bid["expected_spend_change_per_day"]
    assert "profit/day expected" in bid["expected_effect_text"]
    assert "impact_per_day" in bid  # the keys the JSON had stay
    code, out, _ = run(db_url, "ads", "recommendations", "--date", "2026-11-20")
    assert code == 0 and "Expected effect" in out and "profit/day" in out


def test_a_bid_reason_gives_the_clicks_conversion_and_what_a_click_is_worth() -> None:
    row = AdRecommendation(kind="bid", reason="above_value", currency="USD", sku="MAT-1",
                           evidence={"clicks": 1474, "orders": 74, "cvr_shrunk": 0.0617,
                                     "value_per_click": 0.98, "cpc": 1.34})  # fmt: skip
    assert reason_text(row, "en").endswith(
        "1,474 clicks, 74 orders: conversion rate 6.2% (its own 5%, drawn toward the ad "
        "group's while clicks are few); a click is worth $0.98 and costs $1.34."
    )
    assert "× 客单价 ×" in reason_text(row, "zh") and "每次点击价值 US$0.98" in reason_text(
        row, "zh"
    )
    row.evidence = {"clicks": 1474}  # an older row without the numbers: the reason alone
    assert reason_text(row, "en").endswith("the last clicks bought lose money")
