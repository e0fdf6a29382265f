"""What the web says, worded as the CLI words it: a pause or harvest recommendation's change
("enabled → paused", not "– → –"), an upload into another store (the page keeps its own
history and says where each file went), and the Today KPI comparisons in Chinese."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from sellerops.ads import present
from sellerops.ads.models import AdRecommendation
from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch
from tests.web.ads_world import AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.test_imports_form import US_BR, _post
from tests.web.world import World


@pytest.fixture
def ads(seeded: Seeded) -> AdsWorld:
    return build_ads(seeded.engine, [seeded.world.store_a])


def test_change_text_words_state_changes_and_prices_bids() -> None:
    assert present.change_text("pause", None, None, "USD", "en") == "enabled → paused"
    assert present.change_text("enable", None, None, "USD", "zh") == "暂停 → 启用"
    assert present.change_text("negative", None, None, None, "en") == "→ negative exact"
    assert present.change_text("harvest", None, 0.8, "USD", "en") == "new exact, bid $0.80"
    assert present.change_text("bid", 1.0, 0.65, "USD", "en") == "$1.00 → $0.65"
    assert present.change_text("budget", None, 20, "USD", "en") == "– → $20.00"


def test_the_ads_page_words_a_pause_and_a_new_keyword_like_the_cli(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    paused, harvested = ads.open_recs[world.store_a][:2]
    with unit_of_work(app.state.engine) as s:
        s.execute(update(AdRecommendation).where(AdRecommendation.id == paused)
                  .values(kind="pause", current=None, proposed=None))  # fmt: skip
        s.execute(update(AdRecommendation).where(AdRecommendation.id == harvested)
                  .values(kind="harvest", current=None, proposed=0.9))  # fmt: skip
    sign_in(client, app, world.users["viewer"])

    def change_cell(html: str, rec_id: int) -> str:
        row = html.split(f'id="rec-{rec_id}"')[1].split("</tr>")[0]
        return row.split('class="num change">')[1].split("</td>")[0]

    html = client.get(f"/stores/{world.store_a}/ads").text
    assert change_cell(html, paused) == "enabled → paused"
    assert change_cell(html, harvested) == "new exact, bid $0.90"
    assert "– → –" not in html
    csrf = sign_in(client, app, world.users["operator"])
    client.post("/account/lang", data={"csrf_token": csrf, "lang": "zh"})
    zh = client.get(f"/stores/{world.store_a}/ads").text
    assert change_cell(zh, paused) == "启用 → 暂停"


def test_importing_into_another_store_keeps_this_pages_history_and_names_the_receiver(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    # Acme US's page, the file chosen for Beta US
    page = _post(client, csrf, world.store_a, US_BR, US_BR, target_store=str(world.store_b)).text
    assert "<h1>Imports · Acme US</h1>" in page
    results, history = page.split('id="import-history"')
    assert "→ store Beta US" in results
    assert f'href="/stores/{world.store_b}/imports"' in results
    assert US_BR not in history  # Acme US's history: the file went to Beta US
    with unit_of_work(app.state.engine) as s:
        batch = s.scalars(select(ImportBatch)).one()
        assert batch.store_id == world.store_b
    theirs = client.get(f"/stores/{world.store_b}/imports").text
    assert US_BR in theirs.split('id="import-history"')[1]
    # into the page's own store: named too, no link elsewhere
    own = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", day="2026-11-20").text
    own_results = own.split('id="import-history"')[0]
    assert "→ store Acme US" in own_results
    assert f'href="/stores/{world.store_b}/imports"' not in own_results


def test_the_kpi_comparisons_read_as_the_cli_reads_them_in_chinese(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    client.post("/account/lang", data={"csrf_token": csrf, "lang": "zh"})
    html = client.get(f"/stores/{world.store_a}/today").text
    assert "较前日" in html and "较上周同日" in html
    assert "环比<" not in html and "周同比" not in html
