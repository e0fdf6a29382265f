"""SKU lifecycle: stages from trajectory, stock and margin; the end-of-life exit compared on
the storage it saves."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from sqlalchemy import Engine

from sellerops.catalog import lifecycle, lifecycle_checks
from sellerops.catalog.lifecycle import SkuHistory, classify
from sellerops.core.db import unit_of_work
from sellerops.daily.context import ReviewContext
from sellerops.inventory.models import InventoryHealthSnapshot
from sellerops.inventory.planning import restock_plan
from tests import factories as f
from tests.factories import AS_OF

RNG = np.random.default_rng(3)


def _poisson(rates: list[float]) -> list[float]:
    return [float(x) for x in RNG.poisson(rates)]


def test_a_recent_launch_is_new() -> None:
    assert classify(SkuHistory(daily_units=[3] * 40, days_since_launch=40)).stage == "new"


def test_steady_sales_are_mature() -> None:
    assert classify(SkuHistory(daily_units=_poisson([10.0] * 180))).stage == "mature"


def test_a_clear_rise_is_growth_and_a_clear_fall_is_decline() -> None:
    rising = _poisson([5.0] * 152 + [12.0] * 28)
    falling = _poisson([12.0] * 152 + [4.0] * 28)
    assert classify(SkuHistory(daily_units=rising)).stage == "growth"
    stage = classify(SkuHistory(daily_units=falling))
    assert stage.stage == "decline" and stage.trend < 0.5


def test_a_season_every_sku_shares_is_not_growth() -> None:
    season = [1.0] * 120 + [2.5] * 60
    units = _poisson([6.0 * s for s in season])
    assert classify(SkuHistory(daily_units=units)).stage == "growth"
    index = lifecycle.demand_index(season)
    assert classify(SkuHistory(daily_units=units), index).stage == "mature"


def test_days_out_of_stock_do_not_read_as_decline() -> None:
    units = _poisson([10.0] * 150) + [0.0] * 30
    in_stock = [True] * 150 + [False] * 30
    assert classify(SkuHistory(daily_units=units)).stage == "decline"
    assert classify(SkuHistory(daily_units=units, in_stock=in_stock)).stage == "mature"


def test_faded_sales_with_months_of_stock_is_end_of_life() -> None:
    units = _poisson([10.0] * 100 + [1.0] * 80)
    stage = classify(SkuHistory(daily_units=units, cover_days=400))
    assert (stage.stage, stage.reason) == ("end_of_life", "faded_with_stock")


def test_selling_at_a_loss_is_end_of_life_unless_growing() -> None:
    steady = _poisson([10.0] * 180)
    assert classify(SkuHistory(daily_units=steady, margin=-0.05)).stage == "end_of_life"


def test_stock_that_will_outlive_demand_is_end_of_life() -> None:
    steady = _poisson([2.0] * 180)
    stage = classify(SkuHistory(daily_units=steady, aged_share=0.7, cover_days=600))
    assert stage.reason == "stock_outlives_demand"


def test_holding_cost_counts_the_wait_before_the_excess_sells() -> None:
    fee = Decimal("1.00")
    assert lifecycle.holding_cost(300, 0, fee) == Decimal("3600.00")  # never sells: 12 months
    assert lifecycle.holding_cost(300, 10, fee) == Decimal("150.00")  # gone in one month
    waiting = lifecycle.holding_cost(300, 10, fee, wait_days=60)
    assert waiting == Decimal("750.00")  # two full months, then a month selling down


def test_liquidation_beats_removal_and_keeping_costs_nothing_extra() -> None:
    options = lifecycle.exit_options(
        units=100, units_per_day=0, fee_per_unit_month=Decimal("0.50"), price=Decimal("20")
    )
    assert [o.action for o in options] == ["liquidate", "remove", "keep"]
    liquidate, remove, _keep = options
    assert remove.net == Decimal("600.00") - Decimal("104.00")
    assert liquidate.net == remove.net + Decimal("100.00")  # 5 % of $20 on 100 units


def test_cheap_storage_makes_keeping_the_best_option() -> None:
    options = lifecycle.exit_options(
        units=100, units_per_day=2, fee_per_unit_month=Decimal("0.01"), price=Decimal("5")
    )
    assert options[0].action == "keep"


def test_the_simulator_stages_agree_with_its_ground_truth_mostly() -> None:
    """Stages on simulated SKUs against the simulator's own labels: growth and decline are
    rarely called on SKUs that are mature in truth."""
    from sellerops.sim import SimConfig, simulate

    truth = simulate(SimConfig(seed=42, skus=120, days=180, end_date=date(2026, 11, 26)))
    index = lifecycle.demand_index(truth.demand.sum(axis=0))
    seen: Counter[tuple[str, str]] = Counter()
    for p in truth.products:
        launched = None if p.launch_date is None else (truth.days[-1] - p.launch_date).days
        history = SkuHistory(
            daily_units=list(truth.units_sold[p.index]),
            in_stock=list(truth.available[p.index] > 0),
            days_since_launch=launched,
        )
        seen[(p.lifecycle, classify(history, index).stage)] += 1
    mature = sum(n for (real, _), n in seen.items() if real == "mature")
    called_moving = seen[("mature", "growth")] + seen[("mature", "decline")]
    assert called_moving <= 0.25 * mature
    assert seen[("new", "new")] == sum(n for (real, _), n in seen.items() if real == "new")


def test_an_end_of_life_sku_gets_the_exit_with_its_saving(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-OLD", "B0OLDSKU01", price=Decimal("20.00"))
        for k in range(180):
            day = AS_OF - timedelta(days=k)
            f.traffic(s, store, "B0OLDSKU01", day, units=10 if k > 80 else (1 if k % 2 else 0))
            f.snapshot(s, store, "SKU-OLD", day, fulfillable=800, asin="B0OLDSKU01")
        s.add(InventoryHealthSnapshot(store_id=store.id, snapshot_date=AS_OF, sku="SKU-OLD",
                                      available=800, age_271_365=600, item_volume=Decimal("0.5"),
                                      volume_unit="cubic feet"))  # fmt: skip
        s.flush()
        ctx = ReviewContext(s, store, AS_OF)
        (finding,) = lifecycle_checks.lifecycle_end_of_life(ctx)
        assert lifecycle_checks.lifecycle_decline(ctx) == []
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
    assert finding.entity == "SKU-OLD"
    assert finding.evidence["best_exit"] == "liquidate"
    # the units six months of demand will not sell, at the SKU's one rate: the plan's forecast
    # (about the recent 0.5 a day), the same number the restock plan and overstock show
    assert 0.3 < row.forecast_per_day < 0.7
    assert finding.evidence["forecast_per_day"] == round(row.forecast_per_day, 2)
    assert finding.evidence["units_to_clear"] == 800 - round(row.forecast_per_day * 180)
    # 800 units at under a unit a day outlast the plan's horizon: still a number of days
    # (at the forecast's rate), never "infinite" while something sells, the same in both
    assert row.line.days_of_cover > 365
    assert abs(row.line.days_of_cover - 800 / row.forecast_per_day) < 0.1 * row.line.days_of_cover
    assert finding.evidence["days_of_cover_with_inbound"] == round(row.line.days_of_cover, 1)
    assert finding.money_at_stake > 0 and finding.money_period == "once"
    assert "liquidat" in finding.title("en").lower() and "清算" in finding.title("zh")


def test_the_stage_keeps_the_rates_as_sold_next_to_the_seasonally_adjusted_ones() -> None:
    # 6 a day all along while the store as a whole doubled in the last 4 weeks
    index = np.array([0.8] * 152 + [1.6] * 28)
    stage = classify(SkuHistory(daily_units=[6.0] * 180), index)
    assert stage.adjusted and stage.stage == "decline"
    assert stage.sold_rates.recent == 6.0 and stage.sold_rates.before == 6.0
    assert round(stage.recent_per_day, 2) == 3.75 and round(stage.before_per_day, 2) == 7.5
    plain = classify(SkuHistory(daily_units=[6.0] * 180))
    assert not plain.adjusted and plain.sold_rates.recent == plain.recent_per_day == 6.0


def test_a_decline_title_says_what_it_compares_and_when_it_is_seasonally_adjusted() -> None:
    from sellerops.daily.finding import Finding

    index = np.array([0.8] * 152 + [1.6] * 28)
    adjusted = classify(SkuHistory(daily_units=[6.0] * 180), index)
    plain = classify(SkuHistory(daily_units=[8.0] * 152 + [3.0] * 28))

    def title(stage: lifecycle.Stage, lang: str) -> str:
        return Finding(module="catalog", kind="lifecycle_decline", severity="medium",
                       entity_type="sku", entity="SKU-X", money_at_stake=Decimal(0), currency="USD",
                       params=lifecycle_checks._decline_params(stage)).title(lang)  # fmt: skip

    en = title(adjusted, "en")
    assert "seasonally adjusted, 50% fewer units a day in the last 28 days than in the 56" in en
    assert (
        "sold 6 vs 6 a day, days in stock, while the whole store's daily units changed +100%" in en
    )
    zh = title(adjusted, "zh")
    assert "扣除全店季节因素" in zh and "6 件 vs 6 件" in zh and "+100%" in zh
    en = title(plain, "en")
    assert "seasonally" not in en and "in the last 28 days than in the 56 days before" in en
    assert "(3 vs 8 a day" in en and "3 件 vs 8 件" in title(plain, "zh")


def test_a_declining_sku_that_loses_money_is_not_told_to_cut_its_price() -> None:
    from sellerops.daily.finding import Finding

    index = np.array([0.8] * 152 + [1.6] * 28)
    for stage in (
        classify(SkuHistory(daily_units=[6.0] * 180), index),
        classify(SkuHistory(daily_units=[8.0] * 152 + [3.0] * 28)),
    ):
        for losing in (False, True):
            finding = Finding(module="catalog", kind="lifecycle_decline", severity="medium",
                              entity_type="sku", entity="SKU-X", money_at_stake=Decimal(0),
                              currency="USD",
                              params=lifecycle_checks._decline_params(stage, losing))  # fmt: skip
            en, zh = finding.action("en"), finding.action("zh")
            assert ("try a coupon" in en) is not losing
            assert ("fix the price or the cost before anything else" in en) is losing
            assert ("先调整售价或成本" in zh) is losing
            assert "declining" in finding.title("en")  # the title keeps its comparison
