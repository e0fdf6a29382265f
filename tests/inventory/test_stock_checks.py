"""Stock-out risk and out-of-stock findings from snapshots, orders and lead times."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.daily.context import ReviewContext
from sellerops.inventory import checks, plan_store
from sellerops.inventory.planning import restock_plan
from sellerops.inventory.service import velocity
from sellerops.partners.models import PurchaseOrder, PurchaseOrderLine
from tests import factories as f
from tests.factories import AS_OF


def _ctx(session: Session, store: Store) -> ReviewContext:
    return ReviewContext(session=session, store=store, as_of=AS_OF)


def test_velocity_ignores_days_without_stock() -> None:
    assert velocity(units_sold=140, in_stock_days=14) == 10
    assert velocity(units_sold=140, in_stock_days=28) == 5
    assert velocity(units_sold=3, in_stock_days=1) == 3 / 7  # one lucky day is not a trend


def test_sku_with_less_cover_than_lead_time_is_a_stockout_risk(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-FAST", per_day=10, days=28, price="25.00")
        f.snapshot(s, store, "SKU-FAST", AS_OF, fulfillable=200, inbound=50)
        s.flush()
        found = checks.stockout_risk(_ctx(s, store))
        (plan_line,) = restock_plan(session=s, store=store, as_of=AS_OF)
    assert len(found) == 1
    risk = found[0]
    assert risk.module == "inventory" and risk.entity == "SKU-FAST"
    assert risk.evidence["days_of_cover"] == 20.0
    assert risk.evidence["days_of_cover_with_inbound"] == 25.0
    # one convention everywhere: the plan's date, the first day projected stock (inbound
    # counted from the day it lands) reaches zero
    assert risk.evidence["projected_stockout"] == (AS_OF + timedelta(days=25)).isoformat()
    assert plan_line.line.stockout_date is not None and plan_line.line.order_by is not None
    assert risk.evidence["projected_stockout"] == plan_line.line.stockout_date.isoformat()
    assert risk.evidence["days_of_cover_with_inbound"] == round(plan_line.line.days_of_cover, 1)
    assert risk.evidence["forecast_per_day"] == round(plan_line.forecast_per_day, 2)
    # 20 days of lost sales before a new order can land (45 - 25), 10 units x $25 a day
    assert risk.money_at_stake == Decimal("5000.00")
    # the review says what the restock plan says (forecast, safety stock, review period)
    assert risk.params["reorder_units"] == plan_line.line.order_units > 0
    assert risk.evidence["plan_order_units"] == plan_line.line.order_units
    assert risk.evidence["order_by"] == plan_line.line.order_by.isoformat()


def test_inbound_that_covers_the_lead_time_means_no_finding(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-OK", per_day=10, days=28)
        f.snapshot(s, store, "SKU-OK", AS_OF, fulfillable=200, inbound=400)
        s.flush()
        assert checks.stockout_risk(_ctx(s, store)) == []


def test_an_open_purchase_order_that_lands_in_time_means_no_finding(engine: Engine) -> None:
    """The review counts what the restock plan counts: units already ordered are not missing."""
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-PO", per_day=10, days=28, price="25.00")
        f.snapshot(s, store, "SKU-PO", AS_OF, fulfillable=200, inbound=50)
        s.flush()
        assert [x.entity for x in checks.stockout_risk(_ctx(s, store))] == ["SKU-PO"]
        po = PurchaseOrder(store_id=store.id, po_number="PO-7", currency="USD", status="ordered",
                           expected_arrival_date=AS_OF + timedelta(days=15))  # fmt: skip
        s.add(po)
        s.flush()
        s.add(PurchaseOrderLine(purchase_order_id=po.id, store_id=store.id, sku="SKU-PO",
                                quantity=800))  # fmt: skip
        plan_store.forget(session=s, store_id=store.id)  # as importing the PO sheet does
        assert checks.stockout_risk(_ctx(s, store)) == []


def test_product_lead_time_overrides_the_store_default(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.product(s, store, "SKU-AIR", "B000000AIR", lead_time_days=10)
        f.orders(s, store, "SKU-AIR", per_day=10, days=28)
        f.snapshot(s, store, "SKU-AIR", AS_OF, fulfillable=200)
        s.flush()
        assert checks.stockout_risk(_ctx(s, store)) == []


def test_empty_shelf_is_an_out_of_stock_finding_costing_daily_sales(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.orders(s, store, "SKU-GONE", per_day=4, days=28, price="30.00")
        for k in range(7):  # out of stock for the last 7 days
            f.snapshot(s, store, "SKU-GONE", AS_OF - timedelta(days=k), fulfillable=0)
        s.flush()
        found = checks.out_of_stock(_ctx(s, store))
        assert checks.stockout_risk(_ctx(s, store)) == []
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
    assert [x.kind for x in found] == ["out_of_stock"]
    assert found[0].severity == "critical"
    # 112 units over 21 in-stock days -> 5.33/day, shown as the in-stock history
    assert found[0].evidence["units_per_day_when_in_stock"] == 5.33
    # the money is counted at the one rate of the SKU: the restock plan's forecast, at $30
    assert found[0].evidence["forecast_per_day"] == round(row.forecast_per_day, 2)
    expected = (Decimal(str(row.forecast_per_day)) * 30).quantize(Decimal("0.01"))
    assert found[0].money_at_stake == expected > 0


def test_stale_snapshots_raise_nothing(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.orders(s, store, "SKU-OLD", per_day=10, days=28)
        f.snapshot(s, store, "SKU-OLD", AS_OF - timedelta(days=30), fulfillable=5)
        s.flush()
        assert checks.stockout_risk(_ctx(s, store)) == []
        assert checks.out_of_stock(_ctx(s, store)) == []


def test_without_order_reports_the_business_report_gives_the_rate(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.history(s, store, "B0NOORDERS", days=28, units=10, end=AS_OF + timedelta(days=1))
        f.snapshot(s, store, "SKU-BR", AS_OF, fulfillable=100, asin="B0NOORDERS")
        s.flush()
        found = checks.stockout_risk(_ctx(s, store))
        (row,) = restock_plan(session=s, store=store, as_of=AS_OF)
    assert [x.entity for x in found] == ["SKU-BR"]
    # the plan forecasts from the Business Report's units too; the review says its rate
    assert found[0].evidence["forecast_per_day"] == round(row.forecast_per_day, 2) > 0
    assert found[0].evidence["avg_price"] == 20.0


def test_reviewing_an_earlier_day_leaves_the_stored_plan_of_the_newest_day(engine: Engine) -> None:
    from sellerops.inventory import plan_store

    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-FAST", per_day=10, days=28, price="25.00")
        f.snapshot(s, store, "SKU-FAST", AS_OF, fulfillable=200, inbound=50)
        f.snapshot(s, store, "SKU-FAST", AS_OF - timedelta(days=3), fulfillable=230, inbound=50)
        s.flush()
        assert checks.stockout_risk(_ctx(s, store))  # stores the plan of AS_OF
        earlier = ReviewContext(session=s, store=store, as_of=AS_OF - timedelta(days=3))
        assert checks.stockout_risk(earlier)
        kept = plan_store.stored_plan(session=s, store=store, as_of=AS_OF)
    assert [r.sku for r in kept.rows] == ["SKU-FAST"] and kept.as_of == AS_OF
