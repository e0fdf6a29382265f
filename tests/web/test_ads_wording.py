"""The Advertising page: counts in the singular where one, and a notice when the newest ad
data lags the optimizer's run (or the store's newest day) by more than two days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete

from sellerops.ads.models import AdSearchTermDaily
from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.web import ads_page, page_cache
from tests.factories import AS_OF
from tests.web.ads_world import AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in


@pytest.fixture
def ads(seeded: Seeded) -> AdsWorld:
    return build_ads(seeded.engine, [seeded.world.store_a])


def _drop_ad_days_after(seeded: Seeded, last: int) -> None:
    with unit_of_work(seeded.engine) as s:
        s.execute(delete(AdSearchTermDaily).where(
            AdSearchTermDaily.store_id == seeded.world.store_a,
            AdSearchTermDaily.day > AS_OF - timedelta(days=last)))  # fmt: skip


def _forget_pages() -> None:  # the facts changed behind the imports' back
    ads_page.forget_cached_pages()
    page_cache.PAGES.clear()
    page_cache.FACTS.clear()


def test_ad_data_five_days_old_is_said_to_be_behind(
    app: FastAPI, client: TestClient, seeded: Seeded, ads: AdsWorld
) -> None:
    world = seeded.world
    sign_in(client, app, world.users["manager"])
    url = f"/stores/{world.store_a}/ads"
    assert "ads-behind" not in client.get(url).text  # ad data to the run day: no notice

    _drop_ad_days_after(seeded, 5)  # the newest ad day is now Nov 15, the run Nov 20
    _forget_pages()
    html = client.get(url).text
    assert 'class="notice warn ads-behind"' in html
    assert "The newest ad data is from Nov 15, 2026, 5 days before Nov 20, 2026" in html

    csrf = sign_in(client, app, world.users["manager"])
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    zh = client.get(url).text
    assert "最新的广告数据截至" in zh and "早 5 天" in zh


def test_ad_data_two_days_behind_needs_no_notice(
    app: FastAPI, client: TestClient, seeded: Seeded, ads: AdsWorld
) -> None:
    _drop_ad_days_after(seeded, 2)
    _forget_pages()
    sign_in(client, app, seeded.world.users["manager"])
    assert "ads-behind" not in client.get(f"/stores/{seeded.world.store_a}/ads").text


def test_more_figures_count_in_the_singular_and_plural() -> None:
    assert ads_page.TOP  # the page's texts are registered
    assert i18n.t("web.ads.more_evidence", "en", count=1) == "1 more figure"
    assert i18n.t("web.ads.more_evidence", "en", count=12) == "12 more figures"
    assert i18n.t("web.ads.export_waiting", "en", count=1).startswith("1 approved change not")
    assert i18n.t("web.ads.exported_notice", "en", count=1).startswith(
        "Bulk file written with 1 change."
    )
    assert i18n.t("web.ads.more_evidence", "zh", count=1) == "另有 1 项数据"
