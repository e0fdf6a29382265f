"""In a real browser: an operator assigns a finding in place and filters "assigned to me"."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sellerops.core.db import unit_of_work
from sellerops.daily.models import FindingRow
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, _sign_in
from tests.web.test_browser import live_server as live_server  # the fixture
from tests.web.world import World

pytestmark = pytest.mark.browser


def test_operator_assigns_a_finding_in_place_and_filters_their_own(
    live_server: tuple[str, Any, World], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, engine, world = live_server
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="en-US")
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        _sign_in(page, base, "operator")
        expect(page).to_have_url(f"{base}/stores/{world.store_a}/today")
        rows = page.locator("tr.finding")
        total = rows.count()
        assert total >= 3
        second = rows.nth(1)
        finding_id = int((second.get_attribute("id") or "").split("-")[1])
        second.locator("select[name=user_id]").select_option(str(world.users["operator"]))
        second.get_by_role("button", name="Assign").click()
        row = page.locator(f"#finding-{finding_id}")
        expect(row.locator(".assignee")).to_have_text("Assigned to operator@example.com")
        expect(rows).to_have_count(total)  # swapped in place, nothing else changed
        page.screenshot(path=str(tmp_path / "today-assigned-en.png"), full_page=True)

        page.get_by_role("link", name="Assigned to me").click()
        expect(rows).to_have_count(1)
        expect(page.locator(f"#finding-{finding_id}")).to_have_count(1)
        page.locator(".lang-switch button[value=zh]").click()
        expect(page.locator(f"#finding-{finding_id} .assignee")).to_have_text(
            "负责人：operator@example.com"
        )
        page.screenshot(path=str(tmp_path / "today-assigned-zh.png"), full_page=True)
        browser.close()

    with unit_of_work(engine) as s:
        assignee = s.scalar(select(FindingRow.assignee_id).where(FindingRow.id == finding_id))
    assert assignee == world.users["operator"]
    assert problems == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("today-assigned-en.png", "today-assigned-zh.png"):
        shutil.copy(tmp_path / name, SHOTS / name)
