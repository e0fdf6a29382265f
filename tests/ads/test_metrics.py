"""Metrics at every level over any period, and TACoS against the Business Report."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from sellerops.ads import metrics as am
from sellerops.core.db import unit_of_work
from tests import factories as f
from tests.ads import world
from tests.factories import AS_OF


def test_levels_sum_the_same_clicks_and_spend(engine: Engine) -> None:
    start, end = AS_OF - timedelta(days=29), AS_OF
    with unit_of_work(engine) as s:
        store = world.account(s)
        by = {
            level: am.metrics_by(session=s, store_id=store.id, level=level, start=start, end=end)
            for level in ("search_term", "ad_group", "campaign")
        }
    totals = {level: sum(rows.values(), am.Metrics()) for level, rows in by.items()}
    assert {t.clicks for t in totals.values()} == {30 * 8}
    assert {t.spend for t in totals.values()} == {Decimal("30") * Decimal("9.50")}
    manual = next(m for m in by["campaign"].values() if m.clicks == 150)
    assert manual.acos == pytest.approx(180 / 400)  # 10 orders x 40 over 30 days


def test_tacos_is_ad_spend_over_all_ordered_sales_of_the_asin(engine: Engine) -> None:
    start, end = AS_OF - timedelta(days=9), AS_OF
    with unit_of_work(engine) as s:
        store = world.account(s)
        for k in range(10):
            f.traffic(s, store, world.ASIN, AS_OF - timedelta(days=k), units=10, price="40.00")
        s.flush()
        found = am.tacos_by_asin(session=s, store_id=store.id, start=start, end=end)
    spend, sales, tacos = found[world.ASIN]
    assert spend == Decimal("95.00") and sales == Decimal("4000")
    assert tacos == pytest.approx(95 / 4000)


def test_tacos_view_counts_only_products_with_known_total_sales(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        store = world.account(s)
        unknown = am.tacos_view(session=s, store_id=store.id, as_of=AS_OF)
        for k in range(30):
            f.traffic(s, store, world.ASIN, AS_OF - timedelta(days=k), units=10, price="40.00")
        s.flush()
        view = am.tacos_view(session=s, store_id=store.id, as_of=AS_OF)
    assert not unknown.known and unknown.tacos is None
    # 30 days: yoga mat 6.00 + yoga mat thick 2.00 + yoga ball 1.50 a day; 400.00 sales a day
    assert view.spend == Decimal("285.00") and view.total_sales == Decimal("12000.00")
    assert view.tacos == pytest.approx(285 / 12000)
    assert view.by_sku[world.SKU] == pytest.approx(285 / 12000)
    assert view.as_dict()["by_asin"][world.ASIN]["tacos"] == round(285 / 12000, 4)
