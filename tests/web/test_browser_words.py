"""Words kept whole in a real browser: a Chinese restock header is never broken inside its
term (日均预 / 测 once), a SKU never at its hyphens (ACME-BEAUTY-0032- / L once, when the
merchant-fulfilled text widened the Stock column), and the pages still fit the window."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sellerops.catalog.models import Product
from sellerops.core.db import unit_of_work
from sellerops.service.models import Order, OrderItem
from tests.factories import AS_OF
from tests.web.test_browser import (  # noqa: F401  (live_server: the fixture)
    CHROMIUM,
    CHROMIUM_ARGS,
    _add_demo_like_skus,
    _sign_in,
    live_server,
)
from tests.web.world import World

pytestmark = pytest.mark.browser

# elements laid out on more than one line (an inline box has one rect per line)
BROKEN = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.getClientRects().length > 1).map(e => e.textContent.trim())"""


def _add_merchant_skus(engine: Any, store_id: int) -> None:
    """Long SKUs the seller ships (merchant-fulfilled orders, no FBA stock)."""
    with unit_of_work(engine) as s:
        for n in range(3):
            sku = f"ACME-BEAUTY-003{n}-L"
            s.add(Product(store_id=store_id, sku=sku, asin=f"B0MFN0000{n}",
                          title="Acme Gentle Hair Towel Wrap, Long Lasting, Large",
                          price=Decimal("19.99")))  # fmt: skip
            for k in range(28):
                day = AS_OF - timedelta(days=k)
                order = Order(store_id=store_id, amazon_order_id=f"114-{n:03d}-{k:07d}",
                              purchased_at=datetime.combine(day, time(12), tzinfo=UTC),
                              purchase_day=day, status="Shipped", fulfillment_channel="Merchant")  # fmt: skip
                s.add(order)
                s.flush()
                s.add(OrderItem(order_id=order.id, store_id=store_id, sku=sku, quantity=3,
                                item_price=Decimal("59.97")))  # fmt: skip


@pytest.mark.slow  # two pages, two widths, two languages
def test_restock_headers_and_skus_are_never_broken_inside_a_word(
    live_server: tuple[str, Any, World],  # noqa: F811
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    base, engine, world = live_server
    _add_demo_like_skus(engine, world.store_a)
    _add_merchant_skus(engine, world.store_a)
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width in (1280, 1440):
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="en-US")
            _sign_in(page, base, "manager")
            for lang in ("en", "zh"):
                if lang == "zh":
                    page.locator(".lang-switch button[value=zh]").click()
                where = f"{lang} at {width}px"
                page.goto(f"{base}/stores/{world.store_a}/restock")
                page.wait_for_load_state("networkidle")
                terms = page.locator("table.restock-table th .th-term")
                assert terms.count() >= 10
                if lang == "zh":  # a Chinese term has no space to wrap at: whole, or broken
                    problems += [f"restock header {t!r} {where}"
                                 for t in page.evaluate(BROKEN, "table.restock-table th .th-term")]  # fmt: skip
                    # the terms the walkthrough saw broken
                    heads = page.locator("table.restock-table th").all_inner_texts()
                    assert {"日均预测", "交货周期", "建议订货量", "需求类型"} <= set(heads)
                page.screenshot(path=str(tmp_path / f"restock-{lang}-{width}.png"), full_page=True)
                page.goto(f"{base}/stores/{world.store_a}/products?q=ACME")
                page.wait_for_load_state("networkidle")
                mfn = page.locator("td.mfn")
                assert mfn.count() == 3 and mfn.first.get_attribute("title")
                problems += [f"SKU {t!r} {where}"
                             for t in page.evaluate(BROKEN, "table.products-table td.sku-cell a")]  # fmt: skip
                for name in ("restock", "products?q=ACME"):
                    page.goto(f"{base}/stores/{world.store_a}/{name}")
                    page.wait_for_load_state("networkidle")
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    if wide > width:
                        problems.append(f"{name} {where}: {wide}px wide")
                page.screenshot(path=str(tmp_path / f"words-{lang}-{width}.png"), full_page=True)
            page.close()
        browser.close()
    assert problems == []
