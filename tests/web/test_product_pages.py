"""Products (searchable, sortable catalog; one product over time with its findings) and the
restock plan with its XLSX download."""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from decimal import Decimal
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.catalog.rollup_models import AsinRollup
from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.inventory.plan_models import RestockPlanRun
from sellerops.inventory.planning import PlanRow
from sellerops.inventory.restock import RestockLine
from sellerops.web import jobs
from sellerops.web.app import create_app
from sellerops.web.inventory_views import COLUMNS, sheet_row
from sellerops.web.settings import WebSettings
from tests.factories import AS_OF
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World


def _skus(html: str) -> list[str]:
    return re.findall(r'<a href="/stores/\d+/products/\d+">([^<]+)</a>', html)


def _chart(html: str) -> dict[str, Any]:
    raw = re.search(r'id="product-chart-data">(.*?)</script>', html, re.S)
    assert raw is not None
    data: dict[str, Any] = json.loads(raw.group(1))
    return data


def test_the_catalog_shows_four_weeks_of_each_product_and_its_stock(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/products").text
    assert _skus(html) == ["SKU-HIJACK", "SKU-QUIET", "SKU-FAST"]  # by sales, largest first
    assert "3 products" in html and "Stainless steel water bottle" in html
    # 27 days of 10 units at $20 and the review day's 2 units, for the hijacked ASIN
    assert '<td class="num">272</td>' in html and "$5,440.00" in html
    assert '<td class="num">100</td>' in html  # SKU-FAST's fulfillable stock


def test_the_catalog_searches_and_sorts(app: FastAPI, client: TestClient, world: World) -> None:
    sign_in(client, app, world.users["viewer"])
    base = f"/stores/{world.store_a}/products"
    assert _skus(client.get(base + "?q=bamboo").text) == ["SKU-QUIET"]
    assert _skus(client.get(base + "?q=b0fast").text) == ["SKU-FAST"]
    assert _skus(client.get(base + "?sort=sku&order=asc").text) == [
        "SKU-FAST",
        "SKU-HIJACK",
        "SKU-QUIET",
    ]
    stock_first = _skus(client.get(base + "?sort=stock&order=desc").text)
    assert stock_first[0] == "SKU-FAST"  # the only one with a snapshot; no stock sorts last
    assert "No product matches" in client.get(base + "?q=nothing-like-this").text


def test_a_product_page_has_its_time_series_forecast_and_open_findings(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    hijack = world.products[world.store_a][0]
    html = client.get(f"/stores/{world.store_a}/products/{hijack}").text
    chart = _chart(html)
    assert len(chart["dates"]) == 90 + 28 and chart["dates"][89] == "2026-11-20"
    assert chart["units"][89] == 2 and chart["buy_box"][89] == 30.0  # the Buy Box loss day
    assert chart["conversion"][89] == round(100 * 2 / 85, 1)
    assert all(v is not None and v >= 0 for v in chart["forecast"][90:])
    assert "Open findings" in html and 'class="finding' in html  # the Buy Box finding
    assert "Acknowledge" in html  # an operator can act on it here


def test_a_product_of_another_store_is_not_found(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["owner"])
    other = world.products[world.store_b][0]
    assert client.get(f"/stores/{world.store_a}/products/{other}").status_code == 404


def test_the_restock_plan_lists_skus_and_downloads_as_xlsx(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/restock").text
    assert "SKU-FAST" in html and "Order units" in html and "Download XLSX" in html
    download = client.get(f"/stores/{world.store_a}/restock.xlsx")
    assert download.status_code == 200
    assert download.headers["content-disposition"].endswith('restock-US-2026-11-20.xlsx"')
    with zipfile.ZipFile(io.BytesIO(download.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "SKU-FAST" in strings and "Order units" in strings


def test_products_and_restock_read_in_chinese(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["viewer"])
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    catalog = client.get(f"/stores/{world.store_a}/products").text
    product = client.get(f"/stores/{world.store_a}/products/{world.products[world.store_a][0]}")
    restock = client.get(f"/stores/{world.store_a}/restock").text
    assert "可售库存" in catalog and "转化率" in catalog and "US$5,440.00" in catalog
    assert "未处理事项" in product.text
    assert _chart(product.text)["names"]["forecast"] == "预测（均值）"
    assert "补货计划" in restock and "建议订货量" in restock


def test_the_product_pages_work_on_each_database(
    seeded_any: Seeded, web_settings: WebSettings
) -> None:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    world = seeded_any.world
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, app, world.users["viewer"])
        catalog = client.get(f"/stores/{world.store_a}/products?sort=conversion&order=asc").text
        product = client.get(f"/stores/{world.store_a}/products/{world.products[world.store_a][0]}")
        restock = client.get(f"/stores/{world.store_a}/restock")
    assert _skus(catalog)[0] == "SKU-HIJACK" and product.status_code == 200
    assert restock.status_code == 200 and "SKU-FAST" in restock.text


def test_endless_cover_is_an_empty_spreadsheet_cell() -> None:
    line = RestockLine(
        sku="SKU-IDLE", order_units=0, order_by=None, stockout_date=None,
        days_of_cover=math.inf, target_level=0.0, safety_stock=0.0, protection_days=52.0,
        position=40,
    )  # fmt: skip
    row = PlanRow("SKU-IDLE", None, None, line, 0.0, "none", 45.0, None)
    cells = sheet_row(row)
    assert cells[COLUMNS.index("cover")] is None and cells[COLUMNS.index("on_hand")] == 40


def test_the_restock_plan_is_stored_once_and_managers_recalculate_it(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/restock").text
    assert "SKU-FAST" in html and "Recalculate" not in html  # viewers only read
    with unit_of_work(app.state.engine) as s:
        run = s.get(RestockPlanRun, (world.store_a, AS_OF))
        assert run is not None and run.lines == 1 and run.computed_by is None
        stamp = run.computed_at
    client.get(f"/stores/{world.store_a}/restock.xlsx")  # reads the stored plan
    with unit_of_work(app.state.engine) as s:
        assert s.get(RestockPlanRun, (world.store_a, AS_OF)).computed_at == stamp  # type: ignore[union-attr]
    csrf = sign_in(client, app, world.users["manager"])
    assert "Recalculate" in client.get(f"/stores/{world.store_a}/restock").text
    done = client.post(f"/stores/{world.store_a}/restock/recalculate", data={"csrf_token": csrf})
    assert done.status_code == 303
    job = jobs.running_plan(app.state.engine, world.store_a)  # computed in the background
    assert job is None or job.done.wait(120)
    with unit_of_work(app.state.engine) as s:
        run = s.get(RestockPlanRun, (world.store_a, AS_OF))
        assert run is not None and run.computed_by == World.email("manager")


def test_the_catalog_reads_the_precomputed_rollup(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["viewer"])
    client.get(f"/stores/{world.store_a}/products")  # refreshes what the world wrote directly
    with unit_of_work(app.state.engine) as s:
        row = s.scalars(select(AsinRollup).where(AsinRollup.sku == "SKU-QUIET")).one()
        row.sales_28 = Decimal("99999.00")  # only the rollup says so
    html = client.get(f"/stores/{world.store_a}/products").text
    assert _skus(html)[0] == "SKU-QUIET" and "$99,999.00" in html
