"""The product page leads with the price the margins and the ads work at (the average selling
price, else the listing price, each labelled), and a merchant-fulfilled SKU's stock reads as
its own stock or "merchant-fulfilled: no FBA stock", never as a blank."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem
from tests.factories import AS_OF
from tests.web.conftest import sign_in
from tests.web.world import World


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _add_merchant_sku(app: FastAPI, store_id: int, sku: str, *, own_stock: int | None) -> int:
    """A SKU the seller ships: 28 days of merchant-fulfilled orders, no FBA stock report
    (with ``own_stock``: a snapshot of the FBA inventory report naming its MFN quantity)."""
    with unit_of_work(app.state.engine) as s:
        product = Product(store_id=store_id, sku=sku, asin=None, title="Hand-made soap",
                          price=Decimal("8.00"))  # fmt: skip
        s.add(product)
        for k in range(28):
            day = AS_OF - timedelta(days=k)
            order = Order(store_id=store_id, amazon_order_id=f"114-{sku[-4:]}-{k:07d}",
                          purchased_at=datetime.combine(day, time(12), tzinfo=UTC),
                          purchase_day=day, status="Shipped", fulfillment_channel="Merchant")  # fmt: skip
            s.add(order)
            s.flush()
            s.add(OrderItem(order_id=order.id, store_id=store_id, sku=sku, quantity=1,
                            item_price=Decimal("8.00")))  # fmt: skip
        if own_stock is not None:
            s.add(InventorySnapshot(store_id=store_id, snapshot_date=AS_OF - timedelta(days=1),
                                    sku=sku, fulfillable=0, mfn_fulfillable=own_stock))  # fmt: skip
        s.flush()
        return product.id


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_product_page_shows_the_average_selling_price_and_the_listing_price(
    app: FastAPI, client: TestClient, world: World, lang: str
) -> None:
    hijack = world.products[world.store_a][0]
    with unit_of_work(app.state.engine) as s:  # the offer asks more than units sold for
        product = s.get(Product, hijack)
        assert product is not None
        product.price = Decimal("24.99")
    csrf = sign_in(client, app, world.users["viewer"])
    client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
    page = _text(client.get(f"/stores/{world.store_a}/products/{hijack}").text)
    # 27 days of 10 units at $20 and the review day's 2, from the Business Report
    if lang == "en":
        assert "Average selling price (28 days) $20.00" in page
        assert "from the Business Report, 272 units · margins and ads use it" in page
        assert "Listing price $24.99" in page
    else:
        assert "平均售价（近 28 天） US$20.00" in page and "按业务报告计算，272 件" in page
        assert "标价 US$24.99" in page
    catalog = _text(client.get(f"/stores/{world.store_a}/products").text)
    assert ("Listing price" if lang == "en" else "标价") in catalog


def test_without_enough_sales_the_listing_price_is_the_one_used_and_says_so(
    app: FastAPI, client: TestClient, world: World
) -> None:
    pid = _add_merchant_sku(app, world.store_a, "SKU-FEW", own_stock=None)
    with unit_of_work(app.state.engine) as s:  # 4 units in the window: too few to average
        for item in s.scalars(select(OrderItem).where(OrderItem.sku == "SKU-FEW")):
            if item.order_id % 7:
                s.delete(item)
    sign_in(client, app, world.users["viewer"])
    page = _text(client.get(f"/stores/{world.store_a}/products/{pid}").text)
    assert "Average selling price" not in page
    assert "Listing price $8.00 margins and ads use it: fewer than 10 units sold" in page


@pytest.mark.parametrize(("lang", "none", "own"), [
    ("en", "merchant-fulfilled: no FBA stock", "35 (merchant-fulfilled)"),
    ("zh", "自发货：无 FBA 库存", "35（自发货）"),
])  # fmt: skip
def test_a_merchant_fulfilled_sku_says_what_stock_it_has(
    app: FastAPI, client: TestClient, world: World, lang: str, none: str, own: str
) -> None:
    bare = _add_merchant_sku(app, world.store_a, "SKU-MFN1", own_stock=None)
    known = _add_merchant_sku(app, world.store_a, "SKU-MFN2", own_stock=35)
    csrf = sign_in(client, app, world.users["viewer"])
    client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
    catalog = client.get(f"/stores/{world.store_a}/products?q=sku-mfn").text
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<tr class="product-row">.*?>(SKU-[A-Z0-9]+)</a>.*?</tr>', catalog, re.S)}  # fmt: skip
    # the table's Stock cell is short ("MFN"), its tooltip says what that means: a long
    # text there widened the column and broke the SKUs beside it at their hyphens
    short, short_own = ("MFN", "35 MFN") if lang == "en" else ("自发货", "35 自发货")
    assert _text(rows["SKU-MFN1"]).endswith(short) and _text(rows["SKU-MFN2"]).endswith(short_own)
    tips = {
        sku: re.search(r'<td class="num mfn" title="([^"]+)"', row) for sku, row in rows.items()
    }
    tip1, tip2 = (tips[k].group(1) for k in ("SKU-MFN1", "SKU-MFN2"))  # type: ignore[union-attr]
    assert ("Merchant-fulfilled (MFN)" if lang == "en" else "自发货（MFN）") in tip1
    assert "35" in tip2 and ("no FBA stock" if lang == "en" else "无 FBA 库存") in tip1
    assert all('<td class="sku-cell">' in row for row in rows.values())
    assert none in _text(client.get(f"/stores/{world.store_a}/products/{bare}").text)
    assert own in _text(client.get(f"/stores/{world.store_a}/products/{known}").text)
    # an FBA SKU keeps its fulfillable units
    everything = client.get(f"/stores/{world.store_a}/products?q=sku-fast").text
    assert '<td class="num">100</td>' in everything


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_product_page_says_the_unit_cost_is_goods_only_and_why_stock_is_empty(
    app: FastAPI, client: TestClient, world: World, lang: str
) -> None:
    mfn = _add_merchant_sku(app, world.store_a, "SKU-MFN3", own_stock=None)
    with unit_of_work(app.state.engine) as s:
        product = s.get(Product, mfn)
        assert product is not None
        product.unit_cost, product.cost_currency = Decimal("9.85"), "USD"
    csrf = sign_in(client, app, world.users["viewer"])
    client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
    html = client.get(f"/stores/{world.store_a}/products/{mfn}").text
    page = _text(html)
    if lang == "en":
        assert "Unit cost (goods only) $9.85 before first-leg freight and duty" in page
        assert "FBA stock only: this SKU is merchant-fulfilled" in page
    else:
        assert "单位成本（仅货品） US$9.85 不含头程运费和关税" in page
        assert "库存图只显示 FBA 库存：此 SKU 为自发货" in page
    chart = re.search(r'id="product-chart-data">(.*?)</script>', html, re.S)
    assert chart and '"stock_note"' in chart.group(1)  # the chart's empty panel says it too
    # an FBA SKU with stock history has no such note
    with unit_of_work(app.state.engine) as s:
        fba = s.scalars(select(Product.id).where(Product.store_id == world.store_a,
                                                 Product.sku == "SKU-FAST")).one()  # fmt: skip
    assert "stock_note" not in client.get(f"/stores/{world.store_a}/products/{fba}").text
