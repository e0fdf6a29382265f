"""The Advertising, Profit, Reports and store-settings pages against hand-made data
(``tests/web/ads_world.py``): what they show, what each role may do, and in Chinese."""

from __future__ import annotations

import io
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from python_calamine import CalamineWorkbook
from sqlalchemy import select, update

from sellerops.ads.models import AdChangeLog, AdRecommendation
from sellerops.core import i18n
from sellerops.core.db import unit_of_work
from sellerops.notifications.models import NotificationTarget
from sellerops.web import profit_page
from tests.web.ads_world import SLACK, AdsWorld, build_ads
from tests.web.conftest import Seeded, sign_in
from tests.web.test_i18n import UNTRANSLATED
from tests.web.world import World

HX = {"hx-request": "true"}


@pytest.fixture
def ads(seeded: Seeded) -> AdsWorld:
    return build_ads(seeded.engine, [seeded.world.store_a, seeded.world.store_b])


def _recs(app: FastAPI, ids: list[int]) -> dict[int, AdRecommendation]:
    with unit_of_work(app.state.engine) as s:
        rows = s.scalars(select(AdRecommendation).where(AdRecommendation.id.in_(ids)))
        out = {r.id: r for r in rows}
        s.expunge_all()
    return out


def test_ads_page_shows_campaigns_search_terms_wasted_spend_and_the_open_recommendations(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/ads").text
    assert html.count('class="campaign-row"') == 2
    # "yoga ball": 30 days × 1.50 without an order is the no-order spend of the window
    assert "$45.00" in html and 'class="term-row wasted"' in html
    assert "negation proposed" in html
    assert html.count('class="rec status-proposed"') == len(ads.open_recs[world.store_a])
    assert "TACoS" in html
    # a viewer reads; no buttons, no checkboxes, no download links
    assert "Approve" not in html and 'name="ids"' not in html and "bulk.xlsx" not in html
    assert "approving changes needs the operator role" in html


def test_an_operator_approves_one_in_place_and_the_log_names_them(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    rec = ads.open_recs[world.store_a][0]
    url = f"/stores/{world.store_a}/ads/recommendations/{rec}"
    row = client.post(url, data={"decision": "approve", "csrf_token": csrf}, headers=HX)
    assert row.status_code == 200 and row.text.startswith(f'<tr id="rec-{rec}"')
    assert "status-approved" in row.text and "by operator@example.com" in row.text
    assert '<template><div id="export-bar" class="export-bar" hx-swap-oob="true">' in row.text
    again = client.post(url, data={"decision": "reject", "csrf_token": csrf}, headers=HX)
    assert "already decided" in again.text  # the first decision stands
    with unit_of_work(app.state.engine) as s:
        log = s.scalars(select(AdChangeLog).where(AdChangeLog.recommendation_id == rec)).all()
        assert [(e.actor, e.action) for e in log] == [("operator@example.com", "approved")]
    page = client.get(f"/stores/{world.store_a}/ads").text
    assert "operator@example.com" in page  # in the change log


def test_bulk_decisions_take_the_ticked_ones_or_every_open_one(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    first, second, *rest = ads.open_recs[world.store_a]
    url = f"/stores/{world.store_a}/ads/recommendations"
    body = {"decision": "reject", "ids": [str(first), str(second)], "csrf_token": csrf}
    part = client.post(url, data=body, headers=HX)
    assert part.status_code == 200 and part.text.startswith('<section class="card findings')
    # approving everything asks first, naming how many open ones it takes
    assert f'hx-confirm="Approve all {len(rest)} open recommendations' in part.text
    everything = client.post(url, data={"decision": "approve", "every": "true",
                                         "csrf_token": csrf})  # fmt: skip
    assert everything.status_code == 303
    found = _recs(app, [first, second, *rest])
    assert [found[i].status for i in (first, second)] == ["rejected", "rejected"]
    assert {found[i].status for i in rest} == {"approved"}
    # store B's recommendations are no business of store A's bulk decision
    assert {r.status for r in _recs(app, ads.open_recs[world.store_b]).values()} == {"proposed"}


def test_a_recommendation_of_another_store_answers_404(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    other = ads.open_recs[world.store_b][0]
    url = f"/stores/{world.store_a}/ads/recommendations/{other}"
    assert client.post(url, data={"decision": "approve", "csrf_token": csrf}).status_code == 404
    bulk = client.post(f"/stores/{world.store_a}/ads/recommendations",
                       data={"decision": "approve", "ids": [str(other)], "csrf_token": csrf})  # fmt: skip
    assert bulk.status_code == 303 and "failed=1" in bulk.headers["location"]
    assert "Nothing was changed" in client.get(bulk.headers["location"]).text
    assert _recs(app, [other])[other].status == "proposed"
    export = ads.exports[world.store_b]
    assert client.get(f"/stores/{world.store_a}/ads/exports/{export}/bulk.xlsx").status_code == 404


def test_writing_the_bulk_file_exports_the_approved_changes_and_both_files_download(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    store = world.store_a
    bids = [r for r in _recs(app, ads.open_recs[store]).values() if r.kind == "bid"]
    client.post(f"/stores/{store}/ads/recommendations",
                data={"decision": "approve", "ids": [str(r.id) for r in bids], "csrf_token": csrf})  # fmt: skip
    done = client.post(f"/stores/{store}/ads/export", data={"csrf_token": csrf})
    assert done.status_code == 303
    key = int(re.search(r"exported=(\d+)", done.headers["location"]).group(1))  # type: ignore[union-attr]
    assert key == min(r.id for r in bids)
    page = client.get(done.headers["location"]).text
    noun = "change" if len(bids) == 1 else "changes"
    assert f"Bulk file written with {len(bids)} {noun}." in page
    forward = client.get(f"/stores/{store}/ads/exports/{key}/bulk.xlsx")
    back = client.get(f"/stores/{store}/ads/exports/{key}/revert.xlsx")
    assert forward.headers["content-disposition"].endswith('-revert.xlsx"') is False
    rows = [_sheet(forward.content), _sheet(back.content)]
    by_target = {bid.target_id: bid for bid in bids}
    bid_col = rows[0][0].index("Bid")
    for sheet, column in ((rows[0], "proposed"), (rows[1], "current")):
        assert len(sheet) == 1 + len(bids)  # only the changed rows
        assert sorted(float(r[bid_col]) for r in sheet[1:]) == sorted(
            float(getattr(b, column)) for b in by_target.values()
        )
    assert {r.status for r in _recs(app, [b.id for b in bids]).values()} == {"exported"}


def _sheet(content: bytes) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_name("Sponsored Products Campaigns").to_python()


def test_profit_page_totals_the_skus_and_marks_the_estimated_days(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/profit?period=30d&end=2026-11-20").text
    assert 'class="total-row"' in html and "MAT-1" in html and "SKU-FAST" in html
    assert "are not settled yet" in html  # settled to Nov 13; the week after is estimated
    assert "Nov 13, 2026" in html
    assert "No product cost for" in html and "SKU-FAST" in html  # the mug has no cost
    assert "Enter costs" not in html  # a viewer cannot
    assert 'data-profit-chart="profit-chart-data"' in html
    detail = client.get(f"/stores/{world.store_a}/profit/sku?sku=MAT-1&end=2026-11-20").text
    assert detail.count('class="fee-line"') == 21  # 7 settled days × 3 lines
    assert "S-1001" in detail and "Referral fees" in detail and "FBA fulfilment fees" in detail


def test_a_skus_settlement_lines_come_a_page_at_a_time(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(profit_page, "FEE_LINES_PER_PAGE", 8)
    sign_in(client, app, world.users["viewer"])
    url = f"/stores/{world.store_a}/profit/sku?sku=MAT-1&end=2026-11-20"
    first, last = client.get(url).text, client.get(url + "&page=3").text
    assert first.count('class="fee-line"') == 8 and last.count('class="fee-line"') == 5  # of 21
    assert "Page 1 of 3" in first and "page=2#fee-lines" in first and "Previous" not in first
    assert "Page 3 of 3" in last and "page=2#fee-lines" in last and "Next" not in last
    beyond = client.get(url + "&page=9").text  # past the end: the last page
    assert "Page 3 of 3" in beyond


def test_reports_download_in_each_format(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["viewer"])
    base = f"/stores/{world.store_a}/reports/download?kind=weekly&day=2026-11-20"
    html = client.get(base + "&format=html")
    assert html.status_code == 200 and "<html" in html.text
    assert 'filename="weekly-report-US-2026-11-20.html"' in html.headers["content-disposition"]
    xlsx = client.get(base + "&format=xlsx")
    assert CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).sheet_names
    assert client.get(base + "&format=doc").status_code == 422


@pytest.mark.slow  # WeasyPrint renders the PDF (about 3 s)
def test_reports_download_as_pdf(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["viewer"])
    pdf = client.get(f"/stores/{world.store_a}/reports/download?kind=monthly&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_store_settings_show_costs_and_offer_the_template(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["manager"])
    html = client.get(f"/stores/{world.store_a}/settings").text
    assert 'class="cost-row"' in html and "$1.20" in html and "5%" in html
    assert f'action="/stores/{world.store_a}/imports"' in html  # the existing import path
    csv = client.get(f"/stores/{world.store_a}/settings/costs-template.csv")
    assert csv.text.lstrip("\ufeff").startswith("sku,effective_from,unit_cost")


def test_notification_targets_are_validated_and_never_shown_in_full(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    url = f"/stores/{world.store_a}/settings/notifications"
    page = client.get(f"/stores/{world.store_a}/settings").text
    assert "https://hooks.slack.com/…9Z7q" in page and SLACK not in page
    plain = {"kind": "slack", "name": "x", "address": SLACK.replace("https", "http")}
    assert "must start with https://" in client.post(url, data={**plain, "csrf_token": csrf}).text
    elsewhere = {"kind": "dingtalk", "name": "x", "address": "https://169.254.169.254/robot"}
    refused = client.post(url, data={**elsewhere, "csrf_token": csrf})
    assert refused.status_code == 400 and "oapi.dingtalk.com" in refused.text
    assert "169.254.169.254" not in refused.text  # the refused URL is not echoed
    good = {"kind": "dingtalk", "name": "Boss", "csrf_token": csrf, "secret": "SECabc123",
            "address": "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef"}  # fmt: skip
    assert client.post(url, data=good).status_code == 303
    page = client.get(f"/stores/{world.store_a}/settings").text
    assert "access_token=0123" not in page and "SECabc123" not in page and "cdef" in page
    with unit_of_work(app.state.engine) as s:
        found = s.scalars(select(NotificationTarget).where(NotificationTarget.name == "Boss")).one()
        target_id, secret = found.id, found.secret
    assert secret == "SECabc123"
    base = f"/stores/{world.store_a}/settings/notifications/{target_id}"
    client.post(base + "/enabled", data={"enabled": "false", "csrf_token": csrf})
    with unit_of_work(app.state.engine) as s:
        assert s.get(NotificationTarget, target_id).enabled is False  # type: ignore[union-attr]
    assert client.post(base + "/delete", data={"csrf_token": csrf}).status_code == 303
    assert client.post(base + "/delete", data={"csrf_token": csrf}).status_code == 404
    other = ads.targets[world.store_b]  # store B's target through store A's URL
    path = f"/stores/{world.store_a}/settings/notifications/{other}/delete"
    assert client.post(path, data={"csrf_token": csrf}).status_code == 404


def test_the_new_pages_render_in_chinese(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    store = world.store_a
    pages = {
        "ads": (f"/stores/{store}/ads?show=all", "优化建议"),
        "profit": (f"/stores/{store}/profit", "商品销售额"),
        "profit sku": (f"/stores/{store}/profit/sku?sku=MAT-1", "结算明细"),
        "reports": (f"/stores/{store}/reports", "周报"),
        "settings": (f"/stores/{store}/settings", "通知目标"),
    }
    for name, (url, word) in pages.items():
        html = client.get(url).text
        assert word in html, name
        assert UNTRANSLATED.findall(html) == [], name
    ads_page = client.get(pages["ads"][0]).text
    # evidence labels and coded values read in Chinese too
    for english in ("Value per click", "Conversions complete", "mature", "close-match "):
        assert english not in ads_page
    assert "单次点击价值" in ads_page and "精准" in ads_page and "批准" in ads_page


def test_campaigns_read_the_targeting_report_when_no_search_terms_were_imported(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from sellerops.ads import service as ads_service
    from sellerops.ads.models import AdSearchTermDaily, AdTarget
    from tests.factories import AS_OF

    with unit_of_work(app.state.engine) as s:
        s.execute(AdSearchTermDaily.__table__.delete())  # type: ignore[attr-defined]
        target = s.scalars(select(AdTarget).where(AdTarget.store_id == world.store_a,
                                                  AdTarget.text == "yoga mat")).one()  # fmt: skip
        rows = [{"store_id": world.store_a, "day": AS_OF - timedelta(days=k),
                 "target_id": target.id, "campaign_id": target.campaign_id,
                 "ad_group_id": target.ad_group_id, "impressions": 100, "clicks": 4,
                 "spend": Decimal("3.00"), "currency": "USD", "orders": 1, "units": 1,
                 "sales": Decimal("40.00")} for k in range(10)]  # fmt: skip
        ads_service.store_metrics(session=s, level="target", rows=rows)
    sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/ads?window=7").text
    assert html.count('class="campaign-row"') == 1 and "Manual" in html
    assert "$21.00" in html and "$280.00" in html  # 7 days × 3.00 spend, × 40.00 sales


def test_the_pages_say_what_to_import_when_a_store_has_no_data_for_them(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["owner"])
    store = world.store_b
    assert "No advertising data yet" in client.get(f"/stores/{store}/ads").text
    assert (
        "Nothing sold or settled"
        in client.get(f"/stores/{store}/profit?period=day&end=2020-01-01").text
    )
    assert "No costs yet" in client.get(f"/stores/{store}/settings").text
    assert "No target yet" in client.get(f"/stores/{store}/settings").text
    assert client.get(f"/stores/{store}/profit/sku?sku=NOPE").status_code == 200
    assert client.get(f"/stores/{store}/ads/exports/1/bulk.xlsx").status_code == 404
    assert "Download" in client.get(f"/stores/{store}/reports").text


def test_switching_stores_keeps_the_page_one_reads(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["owner"])
    html = client.get(f"/stores/{world.store_a}/profit").text
    assert f'<option value="/stores/{world.store_b}/profit"' in html
    detail = client.get(f"/stores/{world.store_a}/profit/sku?sku=SKU-FAST").text
    assert f'<option value="/stores/{world.store_b}/today"' in detail  # no such SKU page there


def test_the_ads_sums_are_kept_until_the_next_import_of_the_store(
    app: FastAPI, world: World, ads: AdsWorld
) -> None:
    from sellerops.ads.models import AdSearchTermDaily
    from sellerops.core.models import ImportBatch
    from sellerops.web import ads_page

    with unit_of_work(app.state.engine) as s:
        first = ads_page.performance(session=s, store_id=world.store_a, window=30)
        s.execute(update(AdSearchTermDaily).values(spend=0))  # written without an import
        kept = ads_page.performance(session=s, store_id=world.store_a, window=30)
        assert kept.terms == first.terms and kept.wasted == first.wasted
        s.add(ImportBatch(store_id=world.store_a, report_type="ads_search_term",
                          file_name="x.csv", file_sha256="0" * 64, file_size=1, status="ok"))  # fmt: skip
        s.flush()
        renewed = ads_page.performance(session=s, store_id=world.store_a, window=30)
    assert renewed.wasted == 0 and all(t.m.spend == 0 for t in renewed.terms)
    assert first.wasted > 0


def test_the_cost_counts_each_take_their_own_singular_or_plural(
    app: FastAPI, client: TestClient, world: World, ads: AdsWorld
) -> None:
    sign_in(client, app, world.users["manager"])
    html = client.get(f"/stores/{world.store_a}/settings").text
    found = re.search(r"(\d+) cost rows?; (\d+) products? in the catalog (?:have|has) no cost",
                      html)  # fmt: skip
    assert found is not None and "(s)" not in found.group(0), html
    rows, missing = int(found.group(1)), int(found.group(2))
    assert ("1 cost row;" in found.group(0)) == (rows == 1)
    assert ("1 product in the catalog has no cost" in found.group(0)) == (missing == 1)
    words = {
        (n, m): i18n.t("web.costs.count", "en",
                       rows=i18n.t("web.costs.count.rows", "en", count=n),
                       missing=i18n.t("web.costs.count.missing", "en", count=m))
        for n, m in ((1, 1), (1, 3), (2, 1))
    }  # fmt: skip
    assert words[(1, 1)] == "1 cost row; 1 product in the catalog has no cost"
    assert words[(1, 3)] == "1 cost row; 3 products in the catalog have no cost"
    assert words[(2, 1)] == "2 cost rows; 1 product in the catalog has no cost"
    zh = i18n.t("web.costs.count", "zh", rows=i18n.t("web.costs.count.rows", "zh", count=1),
                missing=i18n.t("web.costs.count.missing", "zh", count=1))  # fmt: skip
    assert zh == "共 1 条成本记录；目录中有 1 个商品没有成本"
