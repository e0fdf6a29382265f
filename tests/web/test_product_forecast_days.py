"""The product page forecasts a SKU the stored plan has no line of from the plan's history:
orders where an order report covers the day, Business Report units where only it does, days
neither covers left out. It read the Business Report alone before, every day without a row
of the ASIN a day without sales: weeks with orders but no Business Report pulled it down,
and the page said a third of the units/day the restock plan said for the same SKU."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.core.stores import find_store
from sellerops.inventory.planning import restock_plan
from sellerops.web import products
from tests import factories as f
from tests.factories import AS_OF

ASIN = "B0SKU00001"
LATER = AS_OF + timedelta(days=3)  # Business Reports run 3 days past the last order


def _store(engine: Engine, *, snapshot: bool = True) -> int:
    with unit_of_work(engine) as s:
        store = f.store(s)
        product = f.product(s, store, "SKU-1", ASIN)
        f.orders(s, store, "SKU-1", per_day=4, days=120)  # 4 a day up to AS_OF
        for k in range(120):  # a Business Report for one week in three
            if (k // 7) % 3 == 0:
                f.traffic(s, store, ASIN, AS_OF - timedelta(days=k), units=4)
        for k in range(1, 4):  # and for the days after the orders
            f.traffic(s, store, ASIN, AS_OF + timedelta(days=k), units=4)
        if snapshot:
            f.snapshot(s, store, "SKU-1", LATER, fulfillable=300, asin=ASIN)
        s.flush()
        return product.id


def test_the_product_page_says_the_units_a_day_the_restock_plan_says(engine: Engine) -> None:
    product_id = _store(engine)
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        product = products.product_of_store(s, store.id, product_id)
        chart = products.product_chart(session=s, store=store, product=product, as_of=LATER)
        plan = {r.sku: r for r in restock_plan(session=s, store=store, as_of=LATER)}
    forecast = chart["forecast"][products.CHART_DAYS :]
    assert len(forecast) == products.FORECAST_DAYS and all(v is not None for v in forecast)
    per_day = sum(forecast) / len(forecast)
    # the plan (not stored: the page forecast the SKU itself) of a one-SKU store: the same
    assert abs(per_day - plan["SKU-1"].forecast_per_day) < 0.01, (per_day, plan["SKU-1"])
    assert 3.5 < per_day < 4.5, per_day  # 4 a day every day: ~1.4 when holes read as 0


def test_a_sku_the_plan_has_no_line_of_is_forecast_from_the_same_days(engine: Engine) -> None:
    product_id = _store(engine, snapshot=False)  # no stock report: not in the plan
    with unit_of_work(engine) as s:
        store = find_store(session=s, name="Acme US")
        assert store is not None
        product = products.product_of_store(s, store.id, product_id)
        chart = products.product_chart(session=s, store=store, product=product, as_of=LATER)
        assert "SKU-1" not in {r.sku for r in restock_plan(session=s, store=store, as_of=LATER)}
    forecast = chart["forecast"][products.CHART_DAYS :]
    per_day = sum(forecast) / len(forecast)
    assert 3.5 < per_day < 4.5, per_day
