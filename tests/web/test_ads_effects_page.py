"""The Advertising page's Effect/day column says what each effect is (profit after ad spend,
or only the ad spend a pause saves) and how the list is ranked, in English and Chinese."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.ads.models import AdRecommendation
from sellerops.core.db import unit_of_work
from tests.web.ads_world import SKU, AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World


@pytest.fixture
def ads(seeded: Seeded) -> AdsWorld:
    return build_ads(seeded.engine, [seeded.world.store_a])


def _add_pause(app: FastAPI, store_id: int) -> int:
    """A pause saving 21.34 a day of ad spend, on the day of the store's recommendations."""
    with unit_of_work(app.state.engine) as s:
        some = s.scalars(select(AdRecommendation).filter_by(store_id=store_id)).first()
        assert some is not None
        pause = AdRecommendation(
            store_id=store_id, review_date=some.review_date, rec_key="pause:x", kind="pause",
            campaign_id=some.campaign_id, ad_group_id=some.ad_group_id, sku=SKU,
            currency="USD", reason="no_margin", params={}, evidence={},
            effect={"spend": -21.34}, status="proposed",
        )  # fmt: skip
        s.add(pause)
        s.flush()
        return pause.id


def _effect_cell(html: str, rec_id: int) -> str:
    row = re.search(rf'<tr id="rec-{rec_id}".*?</tr>', html, re.S)
    assert row is not None
    cell = re.search(r'<td class="num effect[^"]*">(.*?)</td>', row.group(0), re.S)
    assert cell is not None
    return cell.group(1)


def test_effect_says_profit_or_ad_spend_and_the_ranking_is_explained(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    pause = _add_pause(app, world.store_a)
    csrf = sign_in(client, app, world.users["operator"])
    html = client.get(f"/stores/{world.store_a}/ads").text
    with unit_of_work(app.state.engine) as s:
        bid = next(r for r in s.scalars(select(AdRecommendation).filter_by(
            store_id=world.store_a, kind="bid", status="proposed")))  # fmt: skip
        profit = bid.effect["profit"]
    cell = _effect_cell(html, pause)
    assert "−$21.34 ad spend/day" in cell and 'class="money"' not in cell  # not bold as profit
    bid_cell = _effect_cell(html, bid.id)
    assert f'<span class="money">{"+" if profit >= 0 else "−"}${abs(profit):.2f} profit/day' in (
        bid_cell
    ), bid_cell
    assert "ad spend" in bid_cell  # its spend change under it
    assert "Ranked by expected profit per day" in html
    # profit first, then the spend saved: the bid with a profit comes before the pause
    assert html.index(f'id="rec-{bid.id}"') < html.index(f'id="rec-{pause}"')
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    zh = client.get(f"/stores/{world.store_a}/ads").text
    assert "广告花费 −US$21.34/天" in zh
    assert "按预计每日利润" in zh


def test_running_the_optimizer_on_the_page_uses_the_days_restock_plan_cover(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from sqlalchemy import update

    from sellerops.core.models import Store
    from sellerops.daily.context import ReviewContext
    from sellerops.inventory import plan_store
    from sellerops.inventory import service as inventory
    from sellerops.service.models import Order, OrderItem
    from tests.factories import AS_OF

    with unit_of_work(app.state.engine) as s:  # 25 a day over the last week, 10 before
        recent = select(Order.id).where(Order.store_id == world.store_a,
                                        Order.purchase_day > AS_OF - timedelta(days=7))  # fmt: skip
        s.execute(update(OrderItem).where(OrderItem.order_id.in_(recent), OrderItem.sku == SKU)
                  .values(quantity=25, item_price=Decimal(1000)))  # fmt: skip
        plan_store.forget(session=s, store_id=world.store_a)  # new facts, as an import does
    csrf = sign_in(client, app, world.users["operator"])
    done = client.post(f"/stores/{world.store_a}/ads/refresh", data={"csrf_token": csrf},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    with unit_of_work(app.state.engine) as s:
        store = s.get(Store, world.store_a)
        assert store is not None
        day = max(r.review_date for r in s.scalars(
            select(AdRecommendation).filter_by(store_id=world.store_a)))  # fmt: skip
        (plain,) = [p for p in inventory.stock_positions(
            session=s, store_id=store.id, as_of=day, default_lead_time=45) if p.sku == SKU]  # fmt: skip
        (planned,) = [p for p in inventory.review_positions(ReviewContext(s, store, day))
                      if p.sku == SKU]  # fmt: skip
        covers = {r.evidence.get("days_of_cover") for r in s.scalars(
            select(AdRecommendation).filter_by(store_id=world.store_a, review_date=day))
            if "days_of_cover" in r.evidence}  # fmt: skip
    assert round(plain.cover_days, 1) != round(planned.cover_days, 1)
    assert covers == {round(planned.cover_days, 1)}
