"""Restock math: order-up-to level over lead time + review period, with safety stock."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sellerops.inventory.restock import Inbound, LeadTime, RestockInput, plan

AS_OF = date(2026, 11, 20)
LEAD = LeadTime(production_days=20, transit_days=30, receiving_days=10, sd_days=0)


def _item(**kw: object) -> RestockInput:
    base: dict[str, object] = dict(
        sku="SKU-1",
        as_of=AS_OF,
        on_hand=0,
        daily_mean=np.full(120, 10.0),
        lead_time=LEAD,
        review_period_days=14,
        service_level=0.5,  # z = 0: no safety stock, easy numbers
    )
    base.update(kw)
    return RestockInput(**base)  # type: ignore[arg-type]


def test_orders_demand_over_lead_time_plus_review_period_minus_stock() -> None:
    line = plan(_item(on_hand=200))
    assert line.protection_days == 74
    assert line.order_units == 740 - 200
    assert line.stockout_date == AS_OF + timedelta(days=20)
    assert line.days_of_cover == 20


def test_orders_nothing_when_inbound_covers_the_protection_period() -> None:
    line = plan(_item(on_hand=200, inbound=(Inbound(600, 15),)))
    assert line.order_units == 0
    # 800 units last 80 days; the next order takes 60 days to land: place it by day 20
    assert line.order_by == AS_OF + timedelta(days=20)


def test_case_pack_and_moq_round_the_order_up() -> None:
    assert plan(_item(on_hand=200, case_pack=48)).order_units == 576  # 540 -> 12 cases
    assert plan(_item(on_hand=700, moq=300)).order_units == 300


def test_higher_service_level_and_noisier_demand_mean_more_safety_stock() -> None:
    calm = plan(_item(service_level=0.95, dispersion=0.0))
    noisy = plan(_item(service_level=0.95, dispersion=0.5))
    surer = plan(_item(service_level=0.99, dispersion=0.5))
    assert 0 < calm.safety_stock < noisy.safety_stock < surer.safety_stock
    # Poisson demand over 74 days: sd = sqrt(740); z(95 %) = 1.645
    assert math.isclose(calm.safety_stock, 1.645 * math.sqrt(740), abs_tol=0.1)


def test_uncertain_lead_time_adds_safety_stock_and_brings_the_order_date_forward() -> None:
    fixed = plan(_item(on_hand=1000, service_level=0.95))
    spread = plan(
        _item(on_hand=1000, service_level=0.95, lead_time=LeadTime(20, 30, 10, sd_days=10))
    )
    assert spread.safety_stock > fixed.safety_stock
    assert fixed.order_by is not None and spread.order_by is not None
    assert spread.order_by < fixed.order_by
    # 1000 units less 45 of safety stock last 95.5 days; the order takes 60 days: day 35
    assert fixed.order_by == AS_OF + timedelta(days=35)


def test_a_sku_that_does_not_sell_orders_nothing_and_never_runs_out() -> None:
    line = plan(_item(on_hand=5, daily_mean=np.zeros(60)))
    assert line.order_units == 0 and line.stockout_date is None and line.order_by is None
    assert math.isinf(line.days_of_cover)


@given(
    on_hand=st.integers(0, 5000),
    rate=st.floats(0.0, 200.0),
    pack=st.integers(1, 60),
    moq=st.integers(0, 500),
)
def test_orders_are_whole_cases_at_least_moq_and_never_negative(
    on_hand: int, rate: float, pack: int, moq: int
) -> None:
    line = plan(_item(on_hand=on_hand, daily_mean=np.full(90, rate), case_pack=pack, moq=moq))
    assert line.order_units >= 0 and line.order_units % pack == 0
    if line.order_units:
        assert line.order_units >= moq
        assert line.position + line.order_units >= line.target_level


def test_service_by_value_averages_the_target_and_protects_cheap_days_most() -> None:
    from sellerops.inventory.restock import service_levels_by_value

    value = np.array([0.5, 2.0, 10.0, 50.0, 400.0, np.nan])
    levels = service_levels_by_value(value, 0.95, lo=0.90)
    assert abs(levels[:5].mean() - 0.95) < 1e-6 and levels[5] == 0.95
    assert np.all(np.diff(levels[:5]) <= 0)  # the dearer a day of demand, the lower the level
    assert levels.min() >= 0.90 and levels.max() <= 0.995
