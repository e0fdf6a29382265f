"""The simulator's store through the browser's routes: an owner adds the store, uploads its
report files as one .zip on Imports, and the pages show its catalog, a product, the restock
plan and the review's findings."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.sim import SimConfig, simulate, write_reports
from tests.web.conftest import sign_in
from tests.web.world import World

FAMILIES = ("business_report", "all_orders", "fba_inventory")


def _zip_of_reports(tmp_path: Path) -> bytes:
    truth = simulate(SimConfig(seed=7, skus=6, days=60, end_date=date(2026, 11, 20)))
    files = write_reports(truth, tmp_path / "reports", families=FAMILIES)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in sorted(files):
            archive.write(file, file.name)
    return buffer.getvalue()


@pytest.mark.slow  # simulating and importing 120 report files (about 6 s)
def test_an_owner_imports_the_simulated_store_and_reads_its_pages(
    app: FastAPI, client: TestClient, world: World, tmp_path: Path
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    client.post(
        "/settings/stores", data={"name": "Sim US", "marketplace": "US", "csrf_token": csrf}
    )
    with unit_of_work(app.state.engine) as s:
        store_id = s.scalars(select(Store.id).where(Store.name == "Sim US")).one()
    upload = client.post(
        f"/stores/{store_id}/imports",
        data={"csrf_token": csrf},
        files=[("files", ("sim_US.zip", _zip_of_reports(tmp_path), "application/zip"))],
    )
    assert upload.status_code == 200
    results = upload.text.split('id="import-history"')[0]  # the history has a "Refused only" filter
    assert "Refused" not in results and 'class="batch status-failed' not in upload.text
    assert upload.text.count('class="import-result imported"') > 60  # one per file in the zip

    catalog = client.get(f"/stores/{store_id}/products").text
    links = re.findall(rf'href="/stores/{store_id}/products/(\d+)"', catalog)
    assert len(links) == 6 and "6 products" in catalog
    assert client.get(f"/stores/{store_id}/products/{links[0]}").status_code == 200
    restock = client.get(f"/stores/{store_id}/restock").text
    assert restock.count("<tr class=") == 6
    today = client.get(f"/stores/{store_id}/today").text
    assert 'class="finding' in today  # the simulator's storylines are found
