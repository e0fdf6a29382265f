"""The Advertising page stays workable on a big store: each section shows its first rows
ranked by the money at stake, a section menu on top, and "Show all (N)" opens the section on
its own page, a page at a time; bulk decisions there keep the page as it was."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sellerops.web import ads_page
from tests.web.ads_world import AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.test_i18n import UNTRANSLATED
from tests.web.world import World

HX = {"hx-request": "true"}
REC_ROW = re.compile(r'<tr id="rec-(\d+)" class="rec ')


@pytest.fixture
def ads(seeded: Seeded, monkeypatch: pytest.MonkeyPatch) -> AdsWorld:
    # the hand-made store has a few rows of each: one on the page, two a page on their own
    monkeypatch.setattr(ads_page, "TOP", 1)
    monkeypatch.setattr(ads_page, "PAGE_SIZE", 2)
    return build_ads(seeded.engine, [seeded.world.store_a])


def test_each_section_shows_its_top_rows_and_a_link_to_all_of_them(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["manager"])
    store, count = world.store_a, len(ads.open_recs[world.store_a])
    assert count > 2  # more than one page of two
    html = client.get(f"/stores/{store}/ads").text
    assert 'class="chips section-nav"' in html
    for anchor in ("#recommendations", "#exports", "#campaigns", "#search-terms", "#change-log"):
        assert f'href="{anchor}"' in html
    # the first by money at stake: the optimizer's own ranking
    assert len(REC_ROW.findall(html)) == 1
    assert html.count('class="campaign-row"') == 1 and html.count('class="term-row') == 1
    assert f'href="?full=recs&amp;kind=&amp;show=open">Show all ({count})</a>' in html
    assert 'href="?full=campaigns&amp;window=30">Show all (2)</a>' in html
    assert "?full=terms&amp;window=30" in html

    first = client.get(f"/stores/{store}/ads?full=recs").text
    second = client.get(f"/stores/{store}/ads?full=recs&page=2").text
    shown = REC_ROW.findall(first) + REC_ROW.findall(second)
    assert len(REC_ROW.findall(first)) == 2 and len(set(shown)) == len(shown) == min(count, 4)
    assert f"Page 1 of {-(-count // 2)}" in first and 'rel="next"' in first
    assert 'id="campaigns"' not in first and 'id="change-log"' not in first  # one section
    assert "Back to the overview" in first
    campaigns = client.get(f"/stores/{store}/ads?full=campaigns").text
    assert campaigns.count('class="campaign-row"') == 2 and 'id="recs"' not in campaigns
    assert client.get(f"/stores/{store}/ads?full=nothing").status_code == 422


def test_bulk_approval_on_the_full_list_keeps_its_page(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    store = world.store_a
    page = client.get(f"/stores/{store}/ads?full=recs").text
    assert '<input type="hidden" name="full" value="recs">' in page
    ids = REC_ROW.findall(page)
    body = {"decision": "approve", "ids": ids[:1], "csrf_token": csrf, "full": "recs",
            "page": "1"}  # fmt: skip
    part = client.post(f"/stores/{store}/ads/recommendations", data=body, headers=HX)
    assert part.status_code == 200
    after = REC_ROW.findall(part.text)
    assert len(after) == 2 and ids[0] not in after  # still a full page of open ones


def test_the_section_menu_and_show_all_in_chinese(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    assert client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf}).status_code == 303
    html = client.get(f"/stores/{world.store_a}/ads").text
    assert "显示全部（" in html and "显示金额影响最大的 1 条" in html
    full = client.get(f"/stores/{world.store_a}/ads?full=terms").text
    assert "返回概览" in full and "第 1 / " in full and "下一页" in full
    assert UNTRANSLATED.findall(full) == []
