"""The Profit page's cards add up to its Profit card: item sales, refunds / promotions / other,
Amazon fees, advertising and landed cost, in English and Chinese."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete

from sellerops.ads.models import AdProductAd
from sellerops.core.db import unit_of_work
from sellerops.finance import service as finance
from tests.ads.world import SKU
from tests.factories import AS_OF
from tests.web.ads_world import build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World

CARD = re.compile(
    r'data-card="(\w+)"><div class="kpi-label">[^<]*</div><div class="kpi-value[^"]*"'
    r'(?: id="total-profit")?>([^<]+)</div>'
)


def _amount(text: str) -> Decimal:
    """``$1,234.56`` / ``-US$57.00`` as a number."""
    return Decimal(re.sub(r"[^\d.\-]", "", text))


def _cards(html: str) -> dict[str, Decimal]:
    return {name: _amount(value) for name, value in CARD.findall(html)}


def _refund(seeded: Seeded, store_id: int) -> None:
    """A refund of 2 MAT-1 units (with its promotion) on a settled day."""
    day = AS_OF - timedelta(days=10)
    rows = [("ItemPrice", "Principal", "-80.00"), ("Promotion", "Principal", "5.00")]
    with unit_of_work(seeded.engine) as s:
        finance.save_fee_lines(session=s, lines=[
            {"store_id": store_id, "source_id": "S-1001", "line_no": 900 + k, "posted_day": day,
             "transaction_type": "Refund", "order_id": "111-0000010-0000001", "sku": SKU,
             "quantity": None, "amount_type": kind, "amount_description": desc,
             "amount": Decimal(amount), "currency": "USD"}
            for k, (kind, desc, amount) in enumerate(rows)
        ])  # fmt: skip


def test_the_profit_cards_add_up_to_the_profit_in_english_and_chinese(
    app: FastAPI, client: TestClient, world: World, seeded: Seeded
) -> None:
    build_ads(seeded.engine, [world.store_a])
    _refund(seeded, world.store_a)
    csrf = sign_in(client, app, world.users["manager"])
    url = f"/stores/{world.store_a}/profit?period=30d&end={AS_OF.isoformat()}"
    for lang in ("en", "zh"):
        client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
        html = client.get(url).text
        cards = _cards(html)
        assert set(cards) == {"sales", "other_revenue", "amazon_fees", "ads", "landed", "profit"}
        assert cards["other_revenue"] == Decimal("-75.00")  # the refund, net of its promotion
        parts = sum((v for k, v in cards.items() if k != "profit"), Decimal(0))
        assert parts == cards["profit"], lang
    assert "退款、促销及其他" in html and "利润率" in html


def test_ad_spend_no_report_ties_to_a_sku_is_marked_as_estimated(
    app: FastAPI, client: TestClient, world: World, seeded: Seeded
) -> None:
    build_ads(seeded.engine, [world.store_a])
    with unit_of_work(seeded.engine) as s:  # the bulk file's product ads are not known
        s.execute(delete(AdProductAd).where(AdProductAd.store_id == world.store_a))
    csrf = sign_in(client, app, world.users["manager"])
    url = f"/stores/{world.store_a}/profit?period=30d&end={AS_OF.isoformat()}"
    html = client.get(url).text
    cards = _cards(html)
    assert cards["ads"] < 0 and "estimated (split by sales)" in html
    assert 'class="muted small ads-split-note"' in html and "Advertising partly estimated" in html
    assert sum((v for k, v in cards.items() if k != "profit"), Decimal(0)) == cards["profit"]
    detail = client.get(f"/stores/{world.store_a}/profit/sku?sku={SKU}&end={AS_OF}").text
    assert "ads-split-note" in detail
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    assert "广告费部分为估算" in client.get(url).text
