"""Stored restock plans: computed once per store and day, read back line for line."""

from __future__ import annotations

import math

from sqlalchemy import Engine, func, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.inventory import plan_store
from sellerops.inventory.plan_models import RestockPlanLine, RestockPlanRun
from sellerops.inventory.planning import restock_plan
from tests import factories as f
from tests.factories import AS_OF


def _store_with_stock(engine: Engine) -> int:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-LOW", per_day=10, days=60)
        f.snapshot(s, store, "SKU-LOW", AS_OF, fulfillable=50)
        f.snapshot(s, store, "SKU-IDLE", AS_OF, fulfillable=40)  # no sales: endless cover
        f.product(s, store, "SKU-LOW", "B0LOW00001", title="Low", unit_cost=4)
        return store.id


def test_the_stored_plan_reads_back_as_the_planner_computed_it(engine: Engine) -> None:
    store_id = _store_with_stock(engine)
    with unit_of_work(engine) as s:
        the_store = s.get(Store, store_id)
        assert the_store is not None
        computed = restock_plan(session=s, store=the_store, as_of=AS_OF)
        stored = plan_store.stored_plan(session=s, store=the_store, as_of=AS_OF)
    assert [r.sku for r in stored.rows] == [r.sku for r in computed]  # the planner's order
    assert stored.total == len(computed) == 2
    for got, want in zip(stored.rows, computed, strict=True):
        assert got.line.order_units == want.line.order_units
        assert got.line.order_by == want.line.order_by
        assert got.line.stockout_date == want.line.stockout_date
        assert got.line.position == want.line.position
        assert got.forecast_per_day == want.forecast_per_day and got.method == want.method
        assert got.unit_cost == want.unit_cost and got.order_value == want.order_value
        assert got.line.days_of_cover == want.line.days_of_cover or (
            math.isinf(got.line.days_of_cover) and math.isinf(want.line.days_of_cover)
        )
    assert any(math.isinf(r.line.days_of_cover) for r in stored.rows)


def test_the_plan_is_computed_once_a_day_and_dropped_when_facts_change(engine: Engine) -> None:
    store_id = _store_with_stock(engine)
    with unit_of_work(engine) as s:
        the_store = s.get(Store, store_id)
        assert the_store is not None
        plan_store.stored_plan(session=s, store=the_store, as_of=AS_OF)
        first = s.get(RestockPlanRun, (store_id, AS_OF))
        assert first is not None
        stamp = first.computed_at
        page = plan_store.stored_plan(session=s, store=the_store, as_of=AS_OF, offset=1, limit=1)
        assert s.get(RestockPlanRun, (store_id, AS_OF)).computed_at == stamp  # type: ignore[union-attr]
        assert len(page.rows) == 1 and page.total == 2
        plan_store.forget(session=s, store_id=store_id)
        assert s.scalar(select(func.count()).select_from(RestockPlanLine)) == 0
        assert s.get(RestockPlanRun, (store_id, AS_OF)) is None
