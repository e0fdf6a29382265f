"""Walkthrough 2: the web pages' words and numbers (restock cover, profit SKU rows, dates)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import update

from sellerops.core import i18n
from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.inventory import plan_store
from sellerops.inventory.plan_models import RestockPlanLine
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.ads.world import SKU
from tests.factories import AS_OF
from tests.web.ads_world import build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World


def test_endless_cover_is_a_dash_on_the_restock_page(
    seeded_any: Seeded, web_settings: WebSettings
) -> None:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    world = seeded_any.world
    with unit_of_work(seeded_any.engine) as s:  # a line with no demand: endless cover
        store = s.get(Store, world.store_a)
        assert store is not None
        plan_store.ensure_plan(session=s, store=store, as_of=AS_OF)
        s.execute(update(RestockPlanLine).where(RestockPlanLine.store_id == world.store_a)
                  .values(days_of_cover=None))  # fmt: skip
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, app, world.users["viewer"])
        html = client.get(f"/stores/{world.store_a}/restock").text
    assert "SKU-FAST" in html
    assert "∞" not in html and '<td class="num">–</td>' in html


def _cells(row: str) -> list[str]:
    return re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)


def test_the_profit_sku_table_keeps_each_number_under_its_header_and_one_day_is_one_date(
    app: FastAPI, client: TestClient, world: World, seeded: Seeded
) -> None:
    build_ads(seeded.engine, [world.store_a])
    csrf = sign_in(client, app, world.users["manager"])
    base = f"/stores/{world.store_a}"
    for lang, margin_word in (("en", "Margin"), ("zh", "利润率")):
        client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
        html = client.get(f"{base}/profit/sku?sku={SKU}&period=30d&end={AS_OF}").text
        table = re.search(r'<table class="plain data pnl-lines">(.*?)</table>', html, re.S)
        assert table is not None
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
        header, body = _cells(rows[0]), [_cells(r) for r in rows[1:]]
        assert all(len(r) == len(header) for r in body), body
        (margin,) = [r for r in body if r[0] == margin_word]
        assert margin[1].endswith("%") and margin[2] == ""  # under Amount, not "Of which estimated"
        assert not [r for r in body if "%" in r[2]]  # no margin under "Of which estimated"
        day_word = i18n.day(AS_OF, lang)
        for page in (f"{base}/profit?period=day&end={AS_OF}",
                     f"{base}/profit/sku?sku={SKU}&period=day&end={AS_OF}"):  # fmt: skip
            text = client.get(page).text
            assert day_word in text and f"{day_word} – {day_word}" not in text, page


def test_an_unknown_file_on_the_imports_page_points_to_this_pages_list(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    url = f"/stores/{world.store_a}/imports"
    body = b"colour,flavour,mood\nblue,salty,calm\n"
    for lang, here in (("en", 'listed on this page, under "Report types sellerops reads"'),
                       ("zh", "列在本页的“可导入的报告类型”中")):  # fmt: skip
        client.post("/account/lang", data={"lang": lang, "csrf_token": csrf})
        done = client.post(url, data={"csrf_token": csrf},
                           files=[("files", ("odd.csv", body, "text/csv"))]).text  # fmt: skip
        page = client.get(url).text
        for html in (done, page):  # the upload's result and the history line
            assert str(escape(here)) in html, lang
            assert "web Imports page" not in html and "网页“报告导入”页面" not in html


def test_the_why_column_of_ad_recommendations_keeps_a_readable_width(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    """At 390 px the other columns squeezed "Why" to ~80 px, a word a line; it keeps 18rem
    and the table scrolls sideways inside its wrapper (measured in Chromium at 390x844)."""
    css = (Path(__file__).parents[2] / "src/sellerops/web/static/app.css").read_text()
    rule = re.search(r"\.recs-table th\.why, \.recs-table td\.evidence \{([^}]*)\}", css)
    assert rule is not None and "min-width: 18rem" in rule.group(1)
    world = seeded.world
    build_ads(seeded.engine, [world.store_a])
    sign_in(client, app, world.users["manager"])
    html = client.get(f"/stores/{world.store_a}/ads").text
    recs = html.split('<table class="findings-table recs-table">')
    assert len(recs) == 2 and recs[0].endswith('<div class="table-wrap">')
    assert '<th class="why">Why</th>' in recs[1] and '<td class="evidence">' in recs[1]
