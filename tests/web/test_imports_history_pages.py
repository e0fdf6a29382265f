"""The Imports history after the new-user walkthrough: 575 imports, the newest 50 all Ads
search-term files, and no way to see the Business Reports or settlements behind them. The
history now has pages (newest first, "Older" / "Newer") and filters by report type and by
outcome, and a refusal uploaded again unchanged is still one line with its count."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch
from tests.web.conftest import sign_in
from tests.web.world import World

START = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def _batch(
    store_id: int | None, n: int, kind: str | None, name: str, **extra: object
) -> ImportBatch:
    values: dict[str, object] = {
        "store_id": store_id,
        "report_type": kind,
        "file_name": name,
        "file_sha256": f"{n:064x}",
        "file_size": 100,
        "status": "ok",
        "rows_read": 10,
        "finished_at": START + timedelta(minutes=n),
    }
    values.update(extra)
    return ImportBatch(**values)


def walkthrough_history(engine: Engine, store_id: int, user_id: int) -> None:
    """Oldest first: 3 Business Reports and 2 settlements, a refusal four times (the same
    bytes and reason) and another once, then 120 search-term files, the newest."""
    rows: list[ImportBatch] = []
    n = 0
    for day in range(3):
        n += 1
        rows.append(_batch(store_id, n, "business_report", f"BusinessReport_US_2026-10-0{day + 1}.csv",
                           data_start=date(2026, 10, day + 1)))  # fmt: skip
    for week in range(2):
        n += 1
        rows.append(_batch(store_id, n, "settlement_v2", f"settlement_{week}.txt"))
    for _ in range(4):
        n += 1
        rows.append(_batch(None, n, None, "export.csv", status="failed", file_sha256="f" * 64,
                           error="export.csv: not a report sellerops knows", user_id=user_id))  # fmt: skip
    n += 1
    rows.append(_batch(None, n, None, "notes.csv", status="failed", user_id=user_id,
                       error="notes.csv: not a report sellerops knows"))  # fmt: skip
    for day in range(120):
        n += 1
        rows.append(_batch(store_id, n, "ads_search_term", f"Search_Term_{day:03d}.csv"))
    with unit_of_work(engine) as session:
        session.add_all(rows)


def _history(page: str) -> str:
    return page.split('id="import-history"')[1]


def _files(history: str) -> list[str]:
    return re.findall(r"<code>([^<]+)</code>", history)


def test_the_history_has_pages_from_newest_to_oldest(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["owner"])
    walkthrough_history(app.state.engine, world.store_a, world.users["owner"])
    url = f"/stores/{world.store_a}/imports"

    first = _history(client.get(url).text)
    assert len(_files(first)) == 50 and _files(first)[0] == "Search_Term_119.csv"
    assert "1–50 of 127" in first and "Page 1 of 3" in first  # 120 + 5 + 2 refusal lines
    assert f'href="{url}?page=2#import-history"' in first and "Older" in first
    assert "BusinessReport" not in first

    last = _history(client.get(url, params={"page": "3"}).text)
    assert "101–127 of 127" in last and "Newer" in last and "Older" not in last
    assert _files(last)[-3:] == ["BusinessReport_US_2026-10-03.csv",
                                 "BusinessReport_US_2026-10-02.csv",
                                 "BusinessReport_US_2026-10-01.csv"]  # fmt: skip
    # the repeated refusal is one line with its count, on the page its newest copy is on
    assert _files(last).count("export.csv") == 1 and "×4" in last
    beyond = _history(client.get(url, params={"page": "99"}).text)  # past the end: the last
    assert _files(beyond) == _files(last)


def test_the_history_filters_by_report_type_and_refusals(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["owner"])
    walkthrough_history(app.state.engine, world.store_a, world.users["owner"])
    url = f"/stores/{world.store_a}/imports"

    page = _history(client.get(url).text)
    assert re.search(r'<option value="business_report">[^<]*\(3\)</option>', page)
    assert re.search(r'<option value="settlement_v2">[^<]*\(2\)</option>', page)
    assert '<option value="unknown">Not recognized (refused) (5)</option>' in page

    reports = _history(client.get(url, params={"type": "business_report"}).text)
    assert _files(reports) == [f"BusinessReport_US_2026-10-0{d}.csv" for d in (3, 2, 1)]
    assert '<option value="business_report" selected>' in reports
    assert "1–3 of 3" in reports and "Clear the filter" in reports and "Older" not in reports

    refused = _history(client.get(url, params={"outcome": "failed"}).text)
    assert _files(refused) == ["notes.csv", "export.csv"] and "×4" in refused
    imported = _history(client.get(url, params={"outcome": "ok", "type": "settlement_v2"}).text)
    assert _files(imported) == ["settlement_1.txt", "settlement_0.txt"]
    none = _history(client.get(url, params={"outcome": "failed", "type": "settlement_v2"}).text)
    assert _files(none) == [] and "No imports match this filter." in none
    # the filter is kept from page to page
    searches = _history(client.get(url, params={"type": "ads_search_term"}).text)
    assert "?type=ads_search_term&amp;page=2#import-history" in searches


def test_the_history_filter_in_chinese(app: FastAPI, client: TestClient, world: World) -> None:
    from sellerops.accounts.models import User

    sign_in(client, app, world.users["operator"])
    with unit_of_work(app.state.engine) as session:
        user = session.get(User, world.users["operator"])
        assert user is not None
        user.lang = "zh"
    walkthrough_history(app.state.engine, world.store_a, world.users["owner"])
    page = _history(client.get(f"/stores/{world.store_a}/imports").text)
    assert "仅已拒绝" in page and "第 1–50 条，共 125 条" in page and "较早" in page
    # another person's storeless refusals are not shown to an operator, nor counted
    # (120 search-term files, 3 Business Reports, 2 settlements)
    assert "未识别的文件" not in page
