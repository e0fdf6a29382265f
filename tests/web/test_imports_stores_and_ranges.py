"""The Imports page: files refused before their store was known stay in the history (for
their uploader and owners), a store for a new marketplace from the form (owners only), a
Business Report over several days, and every missing choice named in one refusal."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any as Response  # httpx2 or httpx, whichever the test client uses

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.catalog.models import SalesTrafficDaily, SalesTrafficPeriod
from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch, Store
from tests.web.conftest import sign_in
from tests.web.world import World

DATA = Path(__file__).parents[1] / "data" / "ingest"
US_BR = "BusinessReport_US_2026-11-26.csv"
DE_BR = "BusinessReport_DE_2026-11-26.csv"
UNKNOWN = "random_export.csv"


def _post(
    client: TestClient, csrf: str, store_id: int, source: str, name: str, **fields: str
) -> Response:
    return client.post(
        f"/stores/{store_id}/imports",
        data={"csrf_token": csrf, **fields},
        files=[("files", (name, (DATA / source).read_bytes(), "text/csv"))],
    )


def _history(page: str) -> str:
    return page.split('id="import-history"')[1]


def _stores(app: FastAPI) -> dict[str, str]:
    with unit_of_work(app.state.engine) as session:
        return {s.name: s.marketplace_code for s in session.scalars(select(Store))}


# Refused before the store was known


def test_an_unknown_file_is_in_its_uploaders_history_with_its_error(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    refused = _post(client, csrf, world.store_a, UNKNOWN, "mystery.csv")
    assert "Refused" in refused.text
    history = _history(client.get(f"/stores/{world.store_a}/imports").text)
    assert "<code>mystery.csv</code>" in history
    assert "is not a report sellerops knows" in history or "does not look like" in history
    assert "no store" in history  # refused before any store was chosen
    with unit_of_work(app.state.engine) as session:
        batch = session.scalars(select(ImportBatch).where(ImportBatch.status == "failed")).one()
        assert (batch.store_id, batch.user_id) == (None, world.users["operator"])


def test_someone_elses_storeless_refusal_is_shown_to_owners_only(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    _post(client, csrf, world.store_a, UNKNOWN, "mystery.csv")
    sign_in(client, app, world.users["manager"])
    assert "mystery.csv" not in client.get(f"/stores/{world.store_a}/imports").text
    sign_in(client, app, world.users["owner"])
    assert "mystery.csv" in _history(client.get(f"/stores/{world.store_b}/imports").text)


def test_a_file_too_large_is_recorded_in_the_history(
    app: FastAPI, client: TestClient, world: World
) -> None:
    app.state.web_settings.upload_max_mb = 0  # every file is too large
    csrf = sign_in(client, app, world.users["operator"])
    page = _post(client, csrf, world.store_a, US_BR, "big.csv")
    assert "larger than 0 MB; not imported" in page.text
    assert "<code>big.csv</code>" in _history(client.get(f"/stores/{world.store_a}/imports").text)


def test_the_history_error_is_in_the_readers_language(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", day="2026-11-01",
          day_to="2026-10-01")  # fmt: skip
    with unit_of_work(app.state.engine) as session:
        from sellerops.accounts.models import User

        user = session.get(User, world.users["operator"])
        assert user is not None
        user.lang = "zh"
    history = _history(client.get(f"/stores/{world.store_a}/imports").text)
    assert "表单中的最后一天（2026-10-01）早于第一天（2026-11-01）；未导入" in history


# A store for a new marketplace


def test_only_owners_are_offered_a_new_store(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    page = client.get(f"/stores/{world.store_a}/imports").text
    assert '<option value="new">' not in page and "Only an owner can add a store" in page
    sign_in(client, app, world.users["owner"])
    page = client.get(f"/stores/{world.store_a}/imports").text
    assert '<option value="new">' in page and 'name="new_store_name"' in page


def test_an_owner_makes_a_store_for_the_files_marketplace_and_is_told_so(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    page = _post(client, csrf, world.store_a, DE_BR, DE_BR, target_store="new")
    assert page.status_code == 200
    assert "New store DE created on amazon.de (DE) for this file." in page.text
    assert "→ store DE" in page.text
    assert _stores(app)["DE"] == "DE"
    # the next file for the marketplace goes to that store; nothing new is made
    again = _post(client, csrf, world.store_a, DE_BR, "BusinessReport_DE_2026-11-27.csv",
                  target_store="new")  # fmt: skip
    assert "New store" not in again.text.split("upload-results")[1] and "→ store DE" in again.text
    assert list(_stores(app).values()).count("DE") == 1


def test_an_owner_may_name_the_new_store(app: FastAPI, client: TestClient, world: World) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    page = _post(client, csrf, world.store_a, DE_BR, DE_BR, target_store="new",
                 new_store_name="Acme Germany")  # fmt: skip
    assert "New store Acme Germany created on amazon.de (DE)" in page.text
    assert _stores(app)["Acme Germany"] == "DE"


def test_a_non_owner_asking_for_a_new_store_is_refused_clearly(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    page = _post(client, csrf, world.store_a, DE_BR, DE_BR, target_store="new")
    assert page.status_code == 403
    assert "only an owner can add a store for a marketplace none of the stores sells on" in (
        page.text
    )
    assert "DE" not in _stores(app)
    assert "<code>BusinessReport_DE_2026-11-26.csv</code>" in _history(page.text)


def test_a_new_store_needs_the_marketplace_and_the_day_said_at_once(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    page = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", target_store="new")
    assert (
        "the file does not say which marketplace it is for, so no store can "
        "be made for it: choose the marketplace in the form; and a Business Report (Detail Page "
        "Sales and Traffic By Child Item) has no date column and the file name carries no "
        "date: choose the day in the form, or the first and the last day for a report over "
        "several days"
    ) in page.text.replace("&#39;", "'")
    done = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", target_store="new",
                 marketplace="CA", day="2026-11-20")  # fmt: skip
    assert "New store CA created on amazon.ca (CA)" in done.text


# A Business Report over several days


def test_a_business_report_over_several_days_is_kept_as_one_period(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    page = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", day="2026-11-01",
                 day_to="2026-11-07")  # fmt: skip
    results = page.text.split('id="import-history"')[0]
    assert "Imported" in results and "Refused" not in results
    with unit_of_work(app.state.engine) as session:
        batch = session.scalars(select(ImportBatch).where(ImportBatch.status == "ok")).one()
        assert (batch.data_start, batch.data_end) == (date(2026, 11, 1), date(2026, 11, 7))
        periods = session.scalars(select(SalesTrafficPeriod)).all()
        assert {(p.date_from, p.date_to) for p in periods} == {(batch.data_start, batch.data_end)}
        assert sum(p.units_ordered for p in periods) == 1243
        days = session.scalars(
            select(SalesTrafficDaily.day).where(SalesTrafficDaily.import_batch_id == batch.id)
        ).all()
        assert days == []  # no day holds the range's totals
