"""Kept pages (``web.page_cache``): served again only while nothing they show changed, only
to the user they were rendered for, always with the session's own CSRF token; the product
page charts the stored plan's forecast; a slow restock plan is computed in the background."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from sellerops.core.db import unit_of_work
from sellerops.core.models import ImportBatch
from sellerops.daily import service as daily
from sellerops.daily.models import FindingRow
from sellerops.inventory.plan_models import RestockPlanLine, RestockPlanRun
from sellerops.web import jobs, page_cache, versions
from sellerops.web.report_names import ZH, report_names
from tests.factories import AS_OF
from tests.web.conftest import sign_in
from tests.web.world import World


def _row_status(html: str, finding_id: int) -> str:
    found = re.search(rf'<tr id="finding-{finding_id}" class="finding status-(\w+)"', html)
    assert found is not None, finding_id
    return found.group(1)


def test_a_kept_page_is_served_again_until_a_finding_changes(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    url = f"/stores/{world.store_a}/today"
    client.get(url)  # the world wrote products after its review: this load refreshes
    first = client.get(url).text
    hits = page_cache.PAGES.hits
    assert client.get(url).text == first and page_cache.PAGES.hits == hits + 1
    finding = world.findings[world.store_a][0]
    assert _row_status(first, finding) == "new"
    # through the page (another worker would see the bumped version too) ...
    client.post(f"/stores/{world.store_a}/findings/{finding}/status",
                data={"status": "acknowledged", "csrf_token": csrf})  # fmt: skip
    assert _row_status(client.get(url).text, finding) == "acknowledged"
    # ... and by the CLI's path, straight in the database
    with unit_of_work(app.state.engine) as s:
        daily.set_status(session=s, finding_id=finding, status="done")
    assert f'id="finding-{finding}"' not in client.get(url).text


def test_kept_pages_are_per_user_and_never_skip_the_permission_check(
    app: FastAPI, client: TestClient, world: World
) -> None:
    url = f"/stores/{world.store_a}/today"
    sign_in(client, app, world.users["operator"])
    operator_page = client.get(url).text
    assert client.get(url).text == operator_page  # kept
    sign_in(client, app, world.users["viewer"])
    viewer_page = client.get(url).text
    assert viewer_page != operator_page and "/status" not in viewer_page  # viewers only read
    sign_in(client, app, world.users["outsider"])
    assert client.get(url).status_code == 404
    assert client.get(f"/stores/{world.store_a}/ads").status_code == 404


def test_a_kept_page_carries_each_sessions_own_csrf_token(
    app: FastAPI, client: TestClient, world: World
) -> None:
    url = f"/stores/{world.store_a}/ads"
    first = sign_in(client, app, world.users["operator"])
    page = client.get(url).text
    second = sign_in(client, app, world.users["operator"])  # same user, another session
    kept = client.get(url).text
    assert first in page and second not in page
    assert second in kept and first not in kept
    assert page_cache.CSRF_PLACEHOLDER not in page + kept


def test_the_store_version_moves_with_imports_findings_and_web_changes(
    app: FastAPI, world: World
) -> None:
    engine = app.state.engine

    def version() -> tuple[object, ...]:
        with unit_of_work(engine) as s:
            return versions.store_version(s, world.store_a)

    seen = [version()]
    with unit_of_work(engine) as s:
        s.add(ImportBatch(store_id=world.store_a, report_type="business_report",
                          file_name="x.csv", file_sha256="0" * 64, file_size=1, status="ok"))  # fmt: skip
    seen.append(version())
    with unit_of_work(engine) as s:
        s.execute(
            update(FindingRow)
            .where(FindingRow.id == world.findings[world.store_a][0])
            .values(status="acknowledged")
        )
    seen.append(version())
    with unit_of_work(engine) as s:
        versions.bump(s, world.store_a)
        versions.bump(s, world.store_a)
    seen.append(version())
    assert len(set(seen)) == len(seen)
    with unit_of_work(engine) as s:  # another store's changes leave this one alone
        versions.bump(s, world.store_b)
    assert version() == seen[-1]


def test_the_product_page_charts_the_forecast_stored_with_the_plan(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["viewer"])
    client.get(f"/stores/{world.store_a}/restock")  # computes and stores the day's plan
    with unit_of_work(app.state.engine) as s:
        line = s.scalars(
            select(RestockPlanLine).where(
                RestockPlanLine.store_id == world.store_a, RestockPlanLine.sku == "SKU-FAST"
            )
        ).one()
        assert line.forecast is not None and len(line.forecast["mean"]) == 28
        line.forecast = {"mean": [123.45] * 28, "p90": [234.56] * 28}
        product_id = next(p for p in world.products[world.store_a] if _sku_of(s, p) == "SKU-FAST")
    html = client.get(f"/stores/{world.store_a}/products/{product_id}").text
    assert "123.45" in html and "234.56" in html


def _sku_of(session: object, product_id: int) -> str:
    from sellerops.catalog.models import Product

    product = session.get(Product, product_id)  # type: ignore[attr-defined]
    assert product is not None
    return str(product.sku)


def test_a_slow_restock_plan_is_computed_in_the_background(
    app: FastAPI, client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "WAIT_SECONDS", 0.0)  # as if it took longer than a request waits
    sign_in(client, app, world.users["viewer"])
    page = client.get(f"/stores/{world.store_a}/restock")
    assert page.status_code == 200
    job = jobs.running_plan(app.state.engine, world.store_a)
    if job is not None:  # still running: the page said so and asked to be reloaded
        assert "being computed" in page.text and 'http-equiv="refresh"' in page.text
        assert job.done.wait(60) and job.error is None
    with unit_of_work(app.state.engine) as s:
        run = s.get(RestockPlanRun, (world.store_a, AS_OF))
        assert run is not None and run.lines >= 1
    assert "SKU-FAST" in client.get(f"/stores/{world.store_a}/restock").text


def test_every_report_type_has_a_chinese_name(client: TestClient, app: FastAPI) -> None:
    english, chinese = report_names("en"), report_names("zh")
    missing = sorted(set(english) - set(ZH))
    assert not missing, f"report types without a Chinese name: {missing}"
    assert chinese["business_report"] != english["business_report"]
    assert all(chinese[k] == ZH[k] for k in english)
