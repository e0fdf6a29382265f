"""The review and the restock plan say one thing per SKU: one demand rate, one cover, one
stock-out date, never "order more" and "overstock" the same day, overstock evidence whose
terms add up, and merchant-fulfilled SKUs named in the plan."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.inventory import alert_checks, checks
from sellerops.inventory import service as inventory
from sellerops.inventory.models import InventorySnapshot
from sellerops.inventory.planning import restock_plan
from sellerops.inventory.restock import Inbound, RestockInput, plan, run_out
from sellerops.service.models import Order, OrderItem
from tests import factories as f
from tests.factories import AS_OF


def _ctx(session: Session, store: Store) -> ReviewContext:
    return ReviewContext(session=session, store=store, as_of=AS_OF)


def _item(on_hand: int, per_day: float, inbound: tuple[Inbound, ...] = ()) -> RestockInput:
    return RestockInput("S", date(2026, 11, 26), on_hand, np.full(200, per_day), inbound=inbound)


# --- the arithmetic: one convention for cover and stock-out ------------------------------


def test_stockout_date_is_the_first_day_stock_reaches_zero() -> None:
    # 32 units at 10 a day: 2 left on the morning of day 4, so day 4 (Nov 30) is the first
    # day without stock for part of it; the cover is 3.2 days and ends on that day
    cover, day = run_out(_item(32, 10.0))
    assert math.isclose(cover, 3.2)
    assert day == date(2026, 11, 30)
    assert plan(_item(32, 10.0)).stockout_date == day
    # exactly 3 days of stock: the third day sells the last unit
    assert run_out(_item(30, 10.0))[1] == date(2026, 11, 29)
    assert run_out(_item(0, 10.0)) == (0.0, date(2026, 11, 27))


def test_inbound_landing_after_the_stockout_does_not_extend_the_cover() -> None:
    late = (Inbound(300, 14),)  # 105 units last 7.5 days; the shipment lands on day 14
    line = plan(_item(105, 14.0, late))
    assert math.isclose(line.days_of_cover, 7.5)
    assert line.stockout_date == date(2026, 11, 26) + timedelta(days=8)
    early = (Inbound(300, 3),)  # lands in time: counted
    line = plan(_item(105, 14.0, early))
    assert math.isclose(line.days_of_cover, 405 / 14)
    assert line.stockout_date == date(2026, 11, 26) + timedelta(days=29)


# --- the review reads the plan -----------------------------------------------------------


def _stock(s: Session, store: Store, sku: str, **kw: object) -> None:
    s.add(InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku=sku,
                            asin="B0" + sku[-8:], **kw))  # fmt: skip


def test_review_rate_cover_and_stockout_are_the_plans(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-LATEIN1", per_day=14, days=28)
        _stock(s, store, "SKU-LATEIN1", fulfillable=105, inbound_working=300)
        s.flush()
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
        (pos,) = inventory.review_positions(_ctx(s, store))
        (risk,) = checks.stockout_risk(_ctx(s, store))
    assert pos.rate_source == "forecast" and pos.units_per_day == row.forecast_per_day
    # inbound still "working" lands in 30 days, after the stock-out: cover is the on-hand one
    assert row.line.days_of_cover < 10
    assert risk.evidence["days_of_cover_with_inbound"] == round(row.line.days_of_cover, 1)
    assert risk.evidence["projected_stockout"] == row.line.stockout_date.isoformat()  # type: ignore[union-attr]
    assert risk.params["cover_days"] == round(row.line.days_of_cover, 1)
    assert risk.evidence["forecast_per_day"] == round(row.forecast_per_day, 2)
    assert "units_per_day" not in risk.evidence


def test_a_sku_the_plan_orders_for_is_never_overstock(engine: Engine) -> None:
    """The old review judged overstock at the past rate while the plan ordered at its
    (seasonal) forecast; now both read the plan: the healthy level is at least its target."""
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=120)
        f.product(s, store, "SKU-SEASON1", "B0SEASON1", price=Decimal("20.00"))
        f.orders(s, store, "SKU-SEASON1", per_day=10, days=28)
        # 150 days of stock at the past rate, under the plan's 134-day target + safety
        _stock(s, store, "SKU-SEASON1", fulfillable=1500, per_unit_volume=Decimal("0.5"))
        s.flush()
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
        found = alert_checks.overstock(_ctx(s, store))
    assert row.line.order_units > 0
    assert found == []
    # the same stock judged at the recent rate alone (no plan line) would have been overstock
    pos = inventory.StockPosition("SKU-SEASON1", None, None, AS_OF, 1500, 0, 0, 10.0, None, 120)
    assert alert_checks.excess_of(pos)["excess_units"] > 0  # type: ignore[index]


def test_overstock_evidence_shows_the_terms_of_the_excess(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=30)
        f.product(s, store, "SKU-HEAVY01", "B0HEAVY01", price=Decimal("20.00"))
        f.orders(s, store, "SKU-HEAVY01", per_day=2, days=28)
        _stock(s, store, "SKU-HEAVY01", fulfillable=300, reserved=40, inbound_shipped=1000,
               per_unit_volume=Decimal("1.0"))  # fmt: skip
        s.flush()
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
        (finding,) = alert_checks.overstock(_ctx(s, store))
    e = finding.evidence
    assert e["stock_position"] == e["fulfillable"] + e["inbound"] == row.line.position
    assert e["over_healthy_units"] == e["stock_position"] - e["healthy_units"]
    # only units already in FBA pay storage: capped at fulfillable + reserved
    assert e["excess_units"] == min(e["over_healthy_units"], e["fulfillable"] + e["reserved"])
    assert e["excess_units"] == 340
    assert e["healthy_units"] == max(round(row.line.target_level), round(90 * row.forecast_per_day))
    assert e["forecast_per_day"] == round(row.forecast_per_day, 2)
    assert e["days_of_cover_with_inbound"] == round(row.line.days_of_cover, 1)


def test_a_merchant_fulfilled_sku_has_a_plan_line_saying_why(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-FBA0001", "B0FBA0001")
        f.orders(s, store, "SKU-FBA0001", per_day=3, days=28)
        _stock(s, store, "SKU-FBA0001", fulfillable=500)
        f.product(s, store, "SKU-MFN0001", "B0MFN0001")
        for k in range(28):
            day = AS_OF - timedelta(days=k)
            order = Order(store_id=store.id, amazon_order_id=f"MFN-{k}",
                          purchased_at=datetime.combine(day, time(18), tzinfo=UTC),
                          purchase_day=day, status="Shipped", fulfillment_channel="Merchant")  # fmt: skip
            s.add(order)
            s.flush()
            s.add(OrderItem(order_id=order.id, store_id=store.id, sku="SKU-MFN0001", quantity=2,
                            item_price=Decimal("60.00")))  # fmt: skip
        s.flush()
        rows = restock_plan(session=s, store=store, as_of=AS_OF)
    by_sku = {r.sku: r for r in rows}
    assert set(by_sku) == {"SKU-FBA0001", "SKU-MFN0001"}
    mfn = by_sku["SKU-MFN0001"]
    assert mfn.method == "merchant" and mfn.line.order_units == 0
    assert mfn.forecast_per_day == 2.0
    assert "Merchant-fulfilled" in mfn.explain("en") and "2 a day" in mfn.explain("en")
    assert "自发货" in mfn.explain("zh")
    assert rows[-1].sku == "SKU-MFN0001"  # after the FBA lines


def test_the_catalogs_days_of_cover_is_the_plans(engine: Engine) -> None:
    from sqlalchemy import select

    from sellerops.catalog import rollups
    from sellerops.catalog.rollup_models import AsinRollup
    from sellerops.inventory import plan_store

    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.product(s, store, "SKU-LATEIN2", "B0LATEIN2")
        f.orders(s, store, "SKU-LATEIN2", per_day=14, days=28)
        for k in range(28):
            f.traffic(s, store, "B0LATEIN2", AS_OF - timedelta(days=k), units=14)
        s.add(InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku="SKU-LATEIN2",
                                asin="B0LATEIN2", fulfillable=105, inbound_receiving=300))  # fmt: skip
        s.flush()
        rollups.refresh(session=s, store_id=store.id)  # no plan stored: stock over 28-day sales
        (before,) = s.scalars(select(AsinRollup)).all()
        assert before.days_of_cover == 7.5
        plan_store.store_plan(session=s, store=store, as_of=AS_OF)
        (row,) = plan_store.plan_of_day(session=s, store=store, as_of=AS_OF)
        rollups.refresh(session=s, store_id=store.id)
        (after,) = s.scalars(select(AsinRollup)).all()
    # the inbound lands in 3 days, in time: the plan's cover counts it, as the review does
    assert after.days_of_cover == row.line.days_of_cover > 20


def test_with_nothing_on_the_way_the_on_hand_cover_is_the_plans_cover() -> None:
    """The plan's cover reads its full forecast; the stored 28-day path, carried on at its
    average (here a holiday week), would say fewer days: with nothing inbound both covers
    are the same stock, so they must say the same number."""
    from dataclasses import replace

    from sellerops.inventory.planning import PlanRow
    from sellerops.inventory.restock import RestockLine

    line = RestockLine(sku="SKU-A", order_units=0, order_by=None, stockout_date=None,
                       days_of_cover=59.6, target_level=900.0, safety_stock=100.0,
                       protection_days=60.0, position=600)  # fmt: skip
    path = (12.0,) * 28  # 50 days of the 600 units at the path's pace
    row = PlanRow("SKU-A", None, None, line, 10.0, "smooth", 45.0, None,
                  forecast_path=(path, path))  # fmt: skip
    pos = inventory.StockPosition(sku="SKU-A", asin=None, title=None, snapshot_date=AS_OF,
                                  fulfillable=600, inbound=0, reserved=40, units_per_day=10.0,
                                  avg_price=None, lead_time_days=45.0)  # fmt: skip
    got = inventory.with_plan(pos, row)
    assert got.cover_days == got.cover_with_inbound_days == 59.6
    # with units on the way, the on-hand cover is the stock alone, never more than the total
    on_the_way = replace(row, line=replace(line, position=900))
    inbound = inventory.with_plan(pos, on_the_way)
    assert inbound.cover_days == 50.0 and inbound.cover_with_inbound_days == 59.6
