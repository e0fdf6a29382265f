"""In a real browser: an owner uploads a German report from a US store's Imports page and
makes a store for it from the form; a refused unknown file stays in the history with its
error. (Chromium through Playwright, like test_browser.py; skipped without them.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, _sign_in, live_server  # noqa: F401
from tests.web.world import World

pytestmark = pytest.mark.browser
DATA = Path(__file__).parents[1] / "data" / "ingest"


@pytest.mark.slow  # a real browser (about 5 s)
def test_an_owner_makes_a_store_for_a_new_marketplace_from_the_upload_form(
    live_server: tuple[str, Any, World],  # noqa: F811
) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, engine, world = live_server
    german = DATA / "BusinessReport_DE_2026-11-26.csv"
    unknown = DATA / "random_export.csv"
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-US")
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        _sign_in(page, base, "owner")
        page.goto(f"{base}/stores/{world.store_a}/imports")

        page.set_input_files("#upload-files", [str(german), str(unknown)])
        page.select_option("select[name=target_store]", "new")
        page.get_by_role("button", name="Import", exact=True).click()
        results = page.locator("#upload-results .import-result")
        expect(results).to_have_count(2)
        expect(page.locator("#upload-results")).to_contain_text(
            "New store DE created on amazon.de (DE) for this file."
        )
        expect(page.locator("#upload-results")).to_contain_text("→ store DE")
        # the refused file is in the history (no store), with its error, without a reload
        history = page.locator("#import-history")
        expect(history).to_contain_text("random_export.csv")
        # its reason under it, without the file's name again; the whole of it on demand
        refusal = history.locator("tr.batch-error").first
        expect(refusal).to_contain_text("This file is not a report sellerops knows")
        expect(refusal).not_to_contain_text("random_export.csv")
        refusal.locator("summary").click()
        expect(refusal).to_contain_text('but lacks the column "Impressions"')
        page.reload()
        expect(page.locator("#import-history")).to_contain_text("no store")
        browser.close()

    assert problems == []
    with unit_of_work(engine) as session:
        assert session.scalars(select(Store.marketplace_code).where(Store.name == "DE")).one() == (
            "DE"
        )


@pytest.mark.slow  # a real browser (about 5 s)
def test_an_owner_pages_and_filters_a_long_import_history_and_sees_a_tidy_form(
    live_server: tuple[str, Any, World],  # noqa: F811
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.web.test_imports_history_pages import walkthrough_history

    base, engine, world = live_server
    walkthrough_history(engine, world.store_a, world.users["owner"])
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-US")
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        _sign_in(page, base, "owner")
        page.goto(f"{base}/stores/{world.store_a}/imports")
        history = page.locator("#import-history")
        rows = history.locator("tr.batch")
        expect(rows).to_have_count(50)
        expect(history.locator(".history-range")).to_have_text("1–50 of 127")

        # older pages, down to the Business Reports under the search-term files
        history.get_by_role("link", name="Older ›").click()
        expect(history.locator(".history-range")).to_have_text("51–100 of 127")
        history.get_by_role("link", name="Oldest »").click()
        expect(rows.last).to_contain_text("BusinessReport_US_2026-10-01.csv")
        history.get_by_role("link", name="‹ Newer").click()
        expect(history.locator(".history-range")).to_have_text("51–100 of 127")

        # only the Business Reports, then only the refusals (the repeated one on one line)
        page.select_option("select[name=type]", "business_report")
        history.get_by_role("button", name="Show").click()
        expect(rows).to_have_count(3)
        expect(history).not_to_contain_text("Search_Term_")
        expect(history.locator("nav.history-pager")).to_have_count(0)
        page.select_option("select[name=type]", "")
        page.select_option("select[name=outcome]", "failed")
        history.get_by_role("button", name="Show").click()
        expect(rows).to_have_count(2)
        expect(history.locator(".refused-times")).to_have_text("×4")
        history.get_by_role("link", name="Clear the filter").click()
        expect(rows).to_have_count(50)

        # the form's optional fields: the new store's name only once "new store" is chosen
        name_box = page.locator("input[name=new_store_name]")
        expect(name_box).to_be_hidden()
        page.select_option("select[name=target_store]", "new")
        expect(name_box).to_be_visible()
        day = page.locator("input[name=day]").bounding_box()
        market = page.locator("select[name=marketplace]").bounding_box()
        assert day and market and abs(day["y"] - market["y"]) < 4  # side by side, one row
        page.select_option("select[name=target_store]", str(world.store_a))
        expect(name_box).to_be_hidden()
        browser.close()
    assert problems == []
