"""Days of cover are a number whenever something is forecast to sell (years of stock at a
slow rate is ~950 days, not "∞"), and a SKU with no demand says "no sales expected"."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.daily.context import ReviewContext
from sellerops.daily.evidence import evidence_items
from sellerops.inventory import alert_checks
from sellerops.inventory.models import InventorySnapshot
from tests import factories as f
from tests.factories import AS_OF


def test_years_of_stock_at_a_slow_rate_is_a_number_of_days(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.product(s, store, "SKU-SLOW", "B0SLOW0001", price=Decimal("20.00"))
        f.orders(s, store, "SKU-SLOW", per_day=3, days=120)
        s.add(InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku="SKU-SLOW",
                                asin="B0SLOW0001", fulfillable=2846,
                                per_unit_volume=Decimal("0.2")))  # fmt: skip
        s.flush()
        (finding,) = alert_checks.overstock(ReviewContext(session=s, store=store, as_of=AS_OF))
    cover = finding.evidence["days_of_cover_with_inbound"]
    assert isinstance(cover, float) and 900 < cover < 1000  # 2,846 / 3 a day
    days = round(cover)
    en, zh = finding.title("en"), finding.title("zh")
    assert f"{days} days of cover" in en.replace(",", "") and "∞" not in en
    assert f"可售 {days} 天" in zh.replace(",", "") and "∞" not in zh


def test_stock_nothing_is_forecast_to_sell_says_so(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = f.store(s)
        f.orders(s, store, "SKU-SELLS", per_day=3, days=120)  # the store's orders cover the days
        f.product(s, store, "SKU-DEAD", "B0DEAD0001", price=Decimal("20.00"))
        for sku, units in (("SKU-DEAD", 1000), ("SKU-SELLS", 10)):
            s.add(InventorySnapshot(store_id=store.id, snapshot_date=AS_OF, sku=sku,
                                    fulfillable=units, per_unit_volume=Decimal("0.5")))  # fmt: skip
        s.flush()
        found = {x.entity: x for x in alert_checks.overstock(ReviewContext(session=s, store=store,
                                                                          as_of=AS_OF))}  # fmt: skip
    dead = found["SKU-DEAD"]
    assert dead.evidence["days_of_cover_with_inbound"] is None
    assert dead.evidence["days_of_cover_note"] == "no_sales_expected"
    shown = dict(evidence_items(dead, "zh"))
    assert shown["可售天数"] == "无：预计无销售"
    assert dict(evidence_items(dead, "en"))["Days of cover"] == "none: no sales expected"
    en, zh = dead.title("en"), dead.title("zh")
    assert "no sales expected" in en and "∞" not in en
    assert "预计无销售" in zh and "∞" not in zh
