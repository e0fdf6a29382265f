"""The pages fit a phone (390 px): a viewport, a top bar that wraps with a nav that scrolls
sideways, every table in a wrapper that scrolls inside its card, and KPI figures that shrink.

The layout itself was measured in Chromium at 390x844 and 1366x900 (en and zh); these
tests hold the markup and the CSS rules that layout rests on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.ads_world import build_ads
from tests.web.conftest import Seeded, sign_in

CSS = (Path(__file__).parents[2] / "src" / "sellerops" / "web" / "static" / "app.css").read_text()
REPORT = Path(__file__).parents[2] / "src" / "sellerops" / "reports" / "templates" / "reports"


def _rule(selector: str, css: str = CSS) -> str:
    """The declarations of the first rule whose selector list is exactly ``selector``."""
    found = re.search(r"(?:^|\})\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", css, re.M)
    assert found is not None, selector
    return found.group(1)


def _phone(css: str = CSS) -> str:
    found = re.search(r"@media \(max-width: 760px\) \{(.*?)\n\}", css, re.S)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("page", ["today", "products", "restock", "ads", "imports"])
def test_every_table_scrolls_inside_its_card_and_the_page_has_a_viewport(
    app: FastAPI, client: TestClient, seeded: Seeded, page: str
) -> None:
    world = seeded.world
    build_ads(seeded.engine, [world.store_a])
    csrf = sign_in(client, app, world.users["manager"])
    if page == "imports":  # a history to list
        client.post(f"/stores/{world.store_a}/imports", data={"csrf_token": csrf},
                    files=[("files", ("junk.csv", b"foo,bar\n1,2\n", "text/csv"))])  # fmt: skip
    html = client.get(f"/stores/{world.store_a}/{page}").text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    tables = html.count("<table")
    assert tables >= 1, page
    assert html.count('<div class="table-wrap"><table') == tables, page


def test_the_product_page_table_is_wrapped_too(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/products/{world.products[world.store_a][0]}").text
    assert html.count("<table") == html.count('<div class="table-wrap"><table') >= 1


def test_the_css_wraps_the_bar_scrolls_the_nav_and_keeps_chinese_labels_whole() -> None:
    topbar = _rule(".topbar")
    assert "flex-wrap: wrap" in topbar and "min-height: 44px" in topbar
    assert "height: 44px" not in topbar.replace("min-height: 44px", "")  # grows as it wraps
    # 今日 on one line, never 今 / 日
    keep = _rule(".topbar a, .topbar button, .topbar .who")
    assert "white-space: nowrap" in keep and "word-break: keep-all" in keep
    phone = _phone()
    nav = _rule(".topbar .nav", phone)
    assert "overflow-x: auto" in nav and "flex: 1 0 100%" in nav
    assert "overflow-x: auto" in _rule(".table-wrap")
    assert "grid-template-columns: repeat(2, minmax(0, 1fr))" in _rule(".kpis, .kpis.wide", phone)
    assert "clamp(" in _rule(".kpi-value", phone)
    assert "min-width: 0" in _rule(".kpi")
    assert "overflow-wrap: anywhere" in _rule(".dropzone > *")  # the file kinds wrap, not cut
    assert "word-break: keep-all" in _rule(".import-file .muted, .import-file .received-by")


def test_the_html_report_fits_a_phone() -> None:
    html = (REPORT / "report.html").read_text()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    phone = re.search(r"@media screen and \(max-width: 600px\) \{(.*?)\n  \}", html, re.S)
    assert phone is not None
    assert "width: calc(50% - 6px)" in phone.group(1)  # two KPIs a row
    assert "overflow-x: auto" in phone.group(1)
