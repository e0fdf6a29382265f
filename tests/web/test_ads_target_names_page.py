"""The Advertising page names auto-targeting expressions in Chinese with the English kept
(never in the bulk file), and ranks a pause of ads on a SKU that loses money by the spend
it saves among the profit effects."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.ads.models import AdRecommendation, AdTarget
from sellerops.core.db import unit_of_work
from tests.web.ads_world import SKU, AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World


@pytest.fixture
def ads(seeded: Seeded) -> AdsWorld:
    return build_ads(seeded.engine, [seeded.world.store_a])


def _add(app: FastAPI, store_id: int, **kw: object) -> int:
    with unit_of_work(app.state.engine) as s:
        some = s.scalars(select(AdRecommendation).filter_by(store_id=store_id)).first()
        assert some is not None
        row = AdRecommendation(store_id=store_id, review_date=some.review_date,
                               campaign_id=some.campaign_id, ad_group_id=some.ad_group_id,
                               currency="USD", params={}, evidence={}, status="proposed",
                               **kw)  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def _row_html(html: str, rec_id: int) -> str:
    start = html.index(f'<tr id="rec-{rec_id}"')
    return html[start : html.index("</tr>", start)]


def test_auto_targets_read_in_chinese_with_the_english_in_parentheses(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    with unit_of_work(app.state.engine) as s:
        close = s.scalars(select(AdTarget).filter_by(store_id=world.store_a,
                                                     text="close-match")).one()  # fmt: skip
        target_id, group_id, campaign_id = close.id, close.ad_group_id, close.campaign_id
    rec = _add(app, world.store_a, rec_key="bid:x", kind="bid", reason="above_value",
               target_id=target_id, current=1.00, proposed=0.80,
               effect={"spend": -1.0, "profit": 55.0})  # fmt: skip
    with unit_of_work(app.state.engine) as s:
        row = s.get(AdRecommendation, rec)
        assert row is not None
        row.ad_group_id, row.campaign_id = group_id, campaign_id
    csrf = sign_in(client, app, world.users["operator"])
    en = _row_html(client.get(f"/stores/{world.store_a}/ads").text, rec)
    assert "close-match" in en and "紧密匹配" not in en
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    zh = _row_html(client.get(f"/stores/{world.store_a}/ads").text, rec)
    assert "紧密匹配（close-match）" in zh, zh


def test_a_pause_for_a_losing_sku_ranks_by_its_saving_before_small_bid_tweaks(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    pause = _add(app, world.store_a, rec_key="pause:x", kind="pause", reason="no_margin",
                 sku=SKU, effect={"spend": -21.34, "profit": 21.34})  # fmt: skip
    sign_in(client, app, world.users["operator"])
    html = client.get(f"/stores/{world.store_a}/ads").text
    with unit_of_work(app.state.engine) as s:
        smaller = [r.id for r in s.scalars(select(AdRecommendation).filter_by(
            store_id=world.store_a, status="proposed")) if r.id != pause
            and float((r.effect or {}).get("profit") or 0) < 21.34]  # fmt: skip
    assert smaller
    for other in smaller:
        if f'id="rec-{other}"' in html:
            assert html.index(f'id="rec-{pause}"') < html.index(f'id="rec-{other}"')
    assert "+$21.34 profit/day" in _row_html(html, pause)
