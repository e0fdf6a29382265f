"""A stored restock plan older than the store's newest import is stale: its explanation notes
(here the "losing money" caution) may be out of date, so a reader computes it again rather
than show them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine, update

from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch, Store, utcnow
from sellerops.finance.models import ProductCost
from sellerops.inventory import plan_store
from sellerops.inventory.plan_models import RestockPlanRun
from tests import factories as f
from tests.factories import AS_OF


def _world(engine: Engine) -> int:
    with unit_of_work(engine) as s:
        store = f.store(s, lead_time=45)
        f.orders(s, store, "SKU-LOSS", per_day=10, days=28, price="25.00")
        f.snapshot(s, store, "SKU-LOSS", AS_OF, fulfillable=200, inbound=50)
        s.add(ProductCost(store_id=store.id, sku="SKU-LOSS", unit_cost=Decimal("30.00"),
                          effective_from=AS_OF - timedelta(days=90), currency="USD"))  # fmt: skip
        return store.id


def _import_batch(engine: Engine, store_id: int) -> None:
    """A file that went in after the plan was computed, without dropping it (as when a plan
    computing in the background is stored after the import's drop)."""
    with unit_of_work(engine) as s:
        s.add(ImportBatch(store_id=store_id, report_type="costs", file_name="costs.csv",
                          file_sha256="0" * 64, file_size=1, status="ok",
                          finished_at=utcnow()))  # fmt: skip


def test_a_plan_older_than_the_newest_import_is_computed_again(engine: Engine) -> None:
    store_id = _world(engine)
    with unit_of_work(engine) as s:
        store = s.get(Store, store_id)
        assert store is not None
        before = plan_store.stored_plan(session=s, store=store, as_of=AS_OF)
        assert before.rows[0].losing_money and before.newer_import_at is None
        # the cost was wrong: 5.00 a unit, not 30.00; the plan must not keep the caution
        s.execute(update(ProductCost).values(unit_cost=Decimal("5.00")))
    _import_batch(engine, store_id)
    with unit_of_work(engine) as s:
        store = s.get(Store, store_id)
        assert store is not None
        run = s.get(RestockPlanRun, (store_id, AS_OF))
        assert run is not None and plan_store.is_stale(session=s, run=run)
        # a reader that must not compute (the page while its job runs) is told its age
        old = plan_store.stored_plan(session=s, store=store, as_of=AS_OF, compute=False)
        assert old.rows[0].losing_money and old.newer_import_at is not None
        fresh = plan_store.stored_plan(session=s, store=store, as_of=AS_OF)
    assert not fresh.rows[0].losing_money and "Caution" not in fresh.rows[0].explain("en")
    assert fresh.newer_import_at is None
