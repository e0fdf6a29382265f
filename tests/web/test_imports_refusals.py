"""The Imports page after the new-user walkthrough: a refusal's reason in the history (short,
the whole on demand) and in the reader's language with the report's Chinese name, repeated
identical refusals on one line with a count, no file name said twice, and the file kinds
the drop zone names are the ones the importer reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any as Response  # httpx2 or httpx, whichever the test client uses

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch
from sellerops.ingest.sources import SUFFIXES
from sellerops.web.imports_views import short_reason
from tests.web.conftest import sign_in
from tests.web.world import World

DATA = Path(__file__).parents[1] / "data" / "ingest"
US_BR = "BusinessReport_US_2026-11-26.csv"


def _post(client: TestClient, csrf: str, store_id: int, source: str, name: str) -> Response:
    return client.post(
        f"/stores/{store_id}/imports",
        data={"csrf_token": csrf},
        files=[("files", (name, (DATA / source).read_bytes(), "text/csv"))],
    )


def _history(page: str) -> str:
    return page.split('id="import-history"')[1]


def _set_lang(app: FastAPI, user_id: int, lang: str) -> None:
    from sellerops.accounts.models import User

    with unit_of_work(app.state.engine) as session:
        user = session.get(User, user_id)
        assert user is not None
        user.lang = lang


def test_the_same_refusal_uploaded_three_times_is_one_history_line_with_its_reason(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    for _ in range(3):  # a Business Report named without its day: refused each time
        _post(client, csrf, world.store_a, US_BR, "report.csv")
    history = _history(client.get(f"/stores/{world.store_a}/imports").text)

    assert history.count("<code>report.csv</code>") == 1
    assert "×3" in history and "Refused 3 times" in history
    reason = re.search(r'<details class="refusal-reason" title="([^"]*)"', history)
    assert reason is not None  # long: cut short, the whole on hover and when opened
    assert "has no date column and the file name carries no date" in reason[1]
    assert "report.csv:" not in history  # the name is in its own column, not again
    with unit_of_work(app.state.engine) as session:  # every attempt is still recorded
        assert session.scalar(select(func.count()).select_from(ImportBatch)) >= 3


def test_different_refusals_of_the_same_name_stay_apart(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    _post(client, csrf, world.store_a, US_BR, "report.csv")
    _post(client, csrf, world.store_a, "random_export.csv", "report.csv")  # other bytes
    history = _history(client.get(f"/stores/{world.store_a}/imports").text)

    assert history.count("<code>report.csv</code>") == 2
    assert "×2" not in history


def test_a_refused_upload_says_the_file_name_once_in_chinese_with_the_reports_chinese_name(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _set_lang(app, world.users["operator"], "zh")
    csrf = sign_in(client, app, world.users["operator"])
    page = _post(client, csrf, world.store_a, US_BR, "report.csv").text
    results = page.split('id="upload-results"')[1].split('id="import-history"')[0]

    assert results.count("report.csv") == 1
    assert "业务报告（详情页面上的销售量与访问量 - 按子商品）没有日期列" in results
    assert "Business Report (Detail Page" not in page
    unknown = _post(client, csrf, world.store_a, "random_export.csv", "notes.csv").text
    assert "README.md" not in unknown and "可导入的报告类型" in unknown
    assert "成本表" in unknown.split("可导入的报告类型")[1]  # the list the message points to


def test_the_drop_zone_names_every_kind_of_file_the_importer_reads(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    page = client.get(f"/stores/{world.store_a}/imports").text
    drop = page.split('class="drop-title">')[1].split("</span>")[0]

    assert drop.endswith("(several at once; " + ", ".join(SUFFIXES) + ")")
    for kind in (".xls", ".gz", ".zip", ".xlsx", ".json"):
        assert kind in SUFFIXES


def test_a_long_reason_is_cut_at_a_word_and_a_short_one_is_kept() -> None:
    assert short_reason("larger than 1 MB; not imported") == "larger than 1 MB; not imported"
    cut = short_reason("word " * 40, limit=30)
    assert cut.endswith("…") and len(cut) <= 31 and "wor…" not in cut
