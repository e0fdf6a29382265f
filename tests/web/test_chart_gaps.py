"""A day no Business Report covers is a gap in the charts (null), never drawn as zero."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.catalog.rollup_models import StoreDayTotal
from sellerops.core.db import unit_of_work
from tests.factories import AS_OF
from tests.web.conftest import Seeded, sign_in

MISSING = AS_OF - timedelta(days=3)  # Nov 17: no Business Report that day


def _json(html: str, element_id: str) -> dict[str, Any]:
    raw = re.search(rf'id="{element_id}">(.*?)</script>', html, re.S)
    assert raw is not None, element_id
    data: dict[str, Any] = json.loads(raw.group(1))
    return data


def _drop_a_day(seeded: Seeded, store_id: int) -> None:
    with unit_of_work(seeded.engine) as s:
        s.execute(delete(SalesTrafficDaily).where(SalesTrafficDaily.store_id == store_id,
                                                  SalesTrafficDaily.day == MISSING))  # fmt: skip
        s.execute(delete(StoreDayTotal).where(StoreDayTotal.store_id == store_id,
                                              StoreDayTotal.day == MISSING))  # fmt: skip


def test_today_chart_leaves_a_gap_for_a_day_without_a_business_report(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    _drop_a_day(seeded, world.store_a)
    sign_in(client, app, world.users["viewer"])
    chart = _json(client.get(f"/stores/{world.store_a}/today").text, "sales-chart-data")
    assert len(chart["sales"]) == 28
    assert chart["sales"][-4] is None and chart["units"][-4] is None  # Nov 17: unknown
    assert chart["sales"][-5] == 400.0 and chart["units"][-5] == 20  # Nov 16: two ASINs x 10
    assert chart["sales"][-1] == 60.0  # the review day


def test_product_chart_leaves_a_gap_but_a_reported_day_without_sales_is_zero(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    _drop_a_day(seeded, world.store_a)
    sign_in(client, app, world.users["viewer"])
    hijack, _, fast = world.products[world.store_a]
    chart = _json(client.get(f"/stores/{world.store_a}/products/{hijack}").text,
                  "product-chart-data")  # fmt: skip
    i = chart["dates"].index(MISSING.isoformat())
    assert chart["units"][i] is None and chart["sessions"][i] is None
    assert chart["sales"][i] is None
    assert chart["units"][i - 1] == 10 and chart["sessions"][i - 1] == 85
    first = chart["dates"].index((AS_OF - timedelta(days=35)).isoformat())
    assert chart["units"][first - 1] is None  # before the first Business Report: unknown
    # SKU-FAST's ASIN is in no Business Report row: on reported days it sold nothing (zero)
    fast_chart = _json(client.get(f"/stores/{world.store_a}/products/{fast}").text,
                       "product-chart-data")  # fmt: skip
    assert fast_chart["units"][i - 1] == 0 and fast_chart["units"][i] is None
