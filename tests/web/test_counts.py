"""Clicks, impressions, orders, units and sessions read as whole numbers on the pages, even
where the data keeps a weighted count's decimal (the optimizer's ``recent_clicks_weighted``)."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.ads.models import AdRecommendation
from sellerops.core.db import unit_of_work
from sellerops.daily.models import FindingRow
from sellerops.web.counts import is_count
from tests.web.ads_world import AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World


@pytest.fixture
def ads(seeded: Seeded) -> AdsWorld:
    return build_ads(seeded.engine, [seeded.world.store_a])


def test_counts_are_told_from_rates_and_averages() -> None:
    for key in ("clicks", "orders", "recent_clicks_weighted", "source_clicks", "source_orders",
                "orders_elsewhere", "excess_units", "units_30d", "sessions"):  # fmt: skip
        assert is_count(key), key
    for key in ("units_per_day", "funnel_clicks_per_day", "sessions_same_weekday_avg",
                "funnel_orders_expected", "order_value", "cvr_shrunk", "unit_cogs"):  # fmt: skip
        assert not is_count(key), key


@pytest.mark.parametrize(("lang", "label"), [("en", "Clicks of the last 7 days"),
                                             ("zh", "近 7 天点击")])  # fmt: skip
def test_weighted_clicks_of_a_recommendation_show_as_a_whole_number(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld, lang: str, label: str
) -> None:
    rec_id = ads.open_recs[world.store_a][0]
    with unit_of_work(app.state.engine) as s:
        rec = s.get(AdRecommendation, rec_id)
        assert rec is not None
        rec.evidence = {**(rec.evidence or {}), "recent_clicks_weighted": 1030.1,
                        "source_clicks": 12.6, "orders_elsewhere": 2,
                        "units_per_day": 2.5}  # fmt: skip
    csrf = sign_in(client, app, world.users["viewer"])
    client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
    html = client.get(f"/stores/{world.store_a}/ads").text
    row = re.search(rf'<tr[^>]*id="rec-{rec_id}".*?</tr>', html, re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", row.group(0) if row else html).split())
    assert label in text
    assert "1,030" in text and "1,030.1" not in text
    assert "13" in text and "12.6" not in text
    assert "2.5" in text  # a rate keeps its decimal
    with unit_of_work(app.state.engine) as s:  # the data keeps the weighted value
        rec = s.get(AdRecommendation, rec_id)
        assert rec is not None and rec.evidence["recent_clicks_weighted"] == 1030.1


def test_a_findings_fractional_unit_count_shows_whole_on_today(
    app: FastAPI, client: TestClient, world: World
) -> None:
    with unit_of_work(app.state.engine) as s:
        row = s.scalars(select(FindingRow).where(FindingRow.store_id == world.store_a)).first()
        assert row is not None
        row.evidence = {**(row.evidence or {}), "excess_units": 1204.6}
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/today").text
    assert "1,205" in html and "1,204.6" not in html
