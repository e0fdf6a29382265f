"""The Imports page's optional fields (day, marketplace, store) for files that do not say
them, the refusals worded for the form, and uploads recorded under their own names."""

from __future__ import annotations

from pathlib import Path
from typing import Any as Response  # httpx2 or httpx, whichever the test client uses

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch
from tests.web.conftest import sign_in
from tests.web.world import World

DATA = Path(__file__).parents[1] / "data" / "ingest"
US_BR = "BusinessReport_US_2026-11-26.csv"
DE_BR = "BusinessReport_DE_2026-11-26.csv"


def _post(
    client: TestClient, csrf: str, store_id: int, source: str, name: str, **fields: str
) -> Response:
    return client.post(
        f"/stores/{store_id}/imports",
        data={"csrf_token": csrf, **fields},
        files=[("files", (name, (DATA / source).read_bytes(), "text/csv"))],
    )


def test_the_form_offers_day_marketplace_and_store(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    page = client.get(f"/stores/{world.store_a}/imports").text
    assert 'type="date" name="day"' in page
    assert 'name="marketplace"' in page and '<option value="DE">DE</option>' in page
    assert 'name="target_store"' in page and "Acme US (US)" in page
    assert "Beta US" not in page.split('name="target_store"')[1].split("</select>")[0]


def test_a_dateless_upload_asks_for_the_day_in_the_form_then_takes_it(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    refused = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv").text
    assert "the file name carries no date: choose the day in the form" in refused
    assert "--date" not in refused
    done = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", day="2026-11-20")
    results = done.text.split('id="import-history"')[0]
    assert "Imported" in results and "Refused" not in results
    with unit_of_work(app.state.engine) as session:
        batch = session.scalars(
            select(ImportBatch).where(ImportBatch.status == "ok").order_by(ImportBatch.id.desc())
        ).first()
        assert batch is not None
        assert batch.file_name == "BusinessReport.csv"  # not /tmp/sellerops-upload-.../0/...
        assert str(batch.data_start) == "2026-11-20"


def test_a_euro_report_uploaded_to_a_us_store_is_refused(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    page = _post(client, csrf, world.store_a, DE_BR, "BusinessReport-20.11.26.csv").text
    assert "the amounts are in EUR, but store &#39;Acme US&#39; sells on amazon.com in USD" in page
    assert "choose a store that sells in EUR, or its marketplace, in the form" in page


def test_a_marketplace_chosen_against_the_store_is_named_as_the_forms(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    page = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", marketplace="CA",
                 day="2026-11-20").text  # fmt: skip
    assert "but the marketplace chosen in the form (CA) is amazon.ca" in page


def test_a_store_the_user_may_not_act_on_cannot_be_chosen(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    response = _post(client, csrf, world.store_a, US_BR, US_BR, target_store=str(world.store_b))
    assert response.status_code == 404
    with unit_of_work(app.state.engine) as session:
        assert session.scalars(select(ImportBatch)).first() is None


def test_an_invalid_day_is_refused_without_importing(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    response = _post(client, csrf, world.store_a, US_BR, "BusinessReport.csv", day="20.11.26")
    assert response.status_code == 400 and "not a date (YYYY-MM-DD)" in response.text
