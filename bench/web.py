"""How fast the Today page, the review API and the Products and Restock pages answer.

    .venv/bin/python bench/web.py              # 300 ASINs, 35 days of Business Report rows
    .venv/bin/python bench/web.py --asins 1000

Seeds a temporary SQLite database (every tenth ASIN loses its Buy Box yesterday, every
seventh SKU is about to run out), signs in an owner, then times: the first Today load (which
runs the review), then repeated Today loads and review API calls (which read it back).
Prints one JSON line of figures (milliseconds), then one line per page of the catalog
(products list, a search, a product page, the restock plan), each with the p50 of
``/healthz`` in the same run as the baseline (the cost of a request that does nothing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import insert

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core.config import get_settings
from sellerops.core.db import make_engine, unit_of_work
from sellerops.core.migrate import upgrade
from sellerops.core.stores import create_store
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem
from sellerops.web.app import create_app
from sellerops.web.security import SESSION_COOKIE
from sellerops.web.settings import WebSettings

AS_OF = date(2026, 11, 20)


def seed(engine: Any, asins: int) -> tuple[int, int]:
    """A store with ``asins`` ASINs; returns (store id, owner user id)."""
    with unit_of_work(engine) as s:
        store = create_store(session=s, name="Bench US", marketplace="US")
        traffic, snapshots, items, products = [], [], [], []
        for k in range(asins):
            asin = f"B0BENCH{k:04d}"
            products.append(
                {"store_id": store.id, "sku": f"SKU-{k:04d}", "asin": asin,
                 "title": f"Bench product {k}", "price": Decimal("20.00")}
            )  # fmt: skip
            for back in range(35, -1, -1):
                day = AS_OF - timedelta(days=back)
                lost = back == 0 and k % 10 == 0
                units = 2 if lost else 10
                traffic.append(
                    {
                        "store_id": store.id,
                        "day": day,
                        "child_asin": asin,
                        "sessions": 85,
                        "page_views": 170,
                        "buy_box_pct": Decimal("0.3" if lost else "1.0"),
                        "units_ordered": units,
                        "ordered_sales": Decimal(20 * units),
                        "total_order_items": units,
                        "currency": "USD",
                    }
                )
            if k % 7 == 0:
                sku = f"SKU-{k:04d}"
                snapshots.append(
                    {"store_id": store.id, "snapshot_date": AS_OF, "sku": sku, "fulfillable": 80}
                )
                for back in range(28):
                    day = AS_OF - timedelta(days=back)
                    order = Order(
                        store_id=store.id,
                        amazon_order_id=f"111-{k:04d}-{back:07d}",
                        purchased_at=datetime.combine(day, clock(18), tzinfo=UTC),
                        purchase_day=day,
                        status="Shipped",
                    )
                    s.add(order)
                    items.append((order, sku))
        s.execute(insert(SalesTrafficDaily), traffic)
        s.execute(insert(Product), products)
        if snapshots:
            s.execute(insert(InventorySnapshot), snapshots)
        s.flush()
        for order, sku in items:
            s.add(
                OrderItem(
                    order_id=order.id,
                    store_id=store.id,
                    sku=sku,
                    quantity=10,
                    item_price=Decimal("250"),
                )
            )
        owner = accounts.create_user(
            session=s, email="bench@example.com", password="bench password 1", is_owner=True
        )
        return store.id, owner.id


def timed(call: Any, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = call()
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            sys.exit(f"unexpected {response.status_code}: {response.text[:200]}")
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asins", type=int, default=300)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        store_id, owner_id = seed(engine, args.asins)
        with unit_of_work(engine) as s:
            user = s.get(accounts.User, owner_id)
            session = tokens.start_session(session=s, user=user)
            secret = tokens.create_api_token(session=s, user=user, name="bench").secret
        web = WebSettings(secret_key="bench")
        app = create_app(engine=engine, settings=get_settings(), web_settings=web)
        with TestClient(app) as client:
            client.cookies.set(SESSION_COOKIE, app.state.signer.sign("session", session.secret))
            url = f"/stores/{store_id}/today"
            first = timed(lambda: client.get(url), 1)[0]
            page = timed(lambda: client.get(url), args.requests)
            auth = {"authorization": f"Bearer {secret}"}
            api_url = f"/api/v1/stores/{store_id}/review"
            api = timed(lambda: client.get(api_url, headers=auth), args.requests)
            findings = len(client.get(api_url, headers=auth).json()["findings"])
            pages = page_figures(client, store_id, args)
        engine.dispose()
    figures = {
        "bench": "web",
        "asins": args.asins,
        "findings": findings,
        "first_today_ms": round(first, 1),
        "today_p50_ms": round(statistics.median(page), 1),
        "today_p95_ms": round(p95(page), 1),
        "api_review_p50_ms": round(statistics.median(api), 1),
        "api_review_p95_ms": round(p95(api), 1),
    }
    print(json.dumps(figures))
    for line in pages:
        print(json.dumps(line))


def page_figures(
    client: TestClient, store_id: int, args: argparse.Namespace
) -> list[dict[str, Any]]:
    """p50/p95 of each catalog page, against the p50 of /healthz measured alongside."""
    baseline = statistics.median(timed(lambda: client.get("/healthz"), args.requests))
    base = f"/stores/{store_id}"
    product_id = client.get(f"{base}/products").text.split(f'href="{base}/products/')[1]
    urls = {
        "products": f"{base}/products",
        "products_sorted_by_conversion": f"{base}/products?sort=conversion&order=asc",
        "products_search": f"{base}/products?q=product+12",
        "product": f"{base}/products/{product_id.split(chr(34))[0]}",
        "restock": f"{base}/restock",
    }
    out = []
    for name, url in urls.items():
        n = max(3, args.requests // 5) if name == "restock" else args.requests
        times = timed(lambda url=url: client.get(url), n)  # type: ignore[misc]
        out.append(
            {"bench": "web", "page": name, "asins": args.asins, "requests": n,
             "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1),
             "baseline_healthz_p50_ms": round(baseline, 1)}
        )  # fmt: skip
    return out


if __name__ == "__main__":
    main()
