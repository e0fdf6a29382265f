"""A person in a real browser: sign in, read Today, acknowledge a finding, switch to Chinese.

Runs Debian's Chromium through Playwright against uvicorn on 127.0.0.1 (a free port, in a
thread) and a temporary SQLite database. Skipped when Chromium or Playwright is missing,
unless SELLEROPS_REQUIRE_BROWSER=1 (CI), which makes that a failure. Screenshots go to the
test's tmp dir and, for a person to look at, to /tmp/web-shots/.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sellerops.core.config import get_settings
from sellerops.core.db import make_engine, unit_of_work
from sellerops.core.migrate import upgrade
from sellerops.daily.models import FindingRow
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.web.world import PASSWORD, World, build_world

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("/tmp/web-shots")

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    missing = []
    if not CHROMIUM.exists():
        missing.append(str(CHROMIUM))
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright package")
    if missing:
        message = "browser test needs " + " and ".join(missing)
        if os.environ.get("SELLEROPS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, Any, World]]:
    """uvicorn in a thread, on a seeded SQLite file whose reviews have not run yet."""
    _require_browser()
    import uvicorn

    engine = make_engine(f"sqlite:///{tmp_path / 'web.db'}")
    upgrade(engine)
    world = build_world(engine, run_reviews=False)
    app = create_app(
        engine=engine, settings=get_settings(), web_settings=WebSettings(secret_key="browser")
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", engine, world
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


def test_operator_signs_in_acknowledges_a_finding_and_switches_to_chinese(
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

        page.goto(base + "/")
        expect(page).to_have_url(f"{base}/login")
        page.fill("input[name=email]", World.email("operator"))
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        expect(page).to_have_url(f"{base}/stores/{world.store_a}/today")

        rows = page.locator("tr.finding")
        expect(rows).to_have_count(3)
        expect(page.locator("h1")).to_contain_text("Daily review")
        expect(page.locator("#sales-chart canvas")).to_have_count(1)  # ECharts drew
        page.screenshot(path=str(tmp_path / "today-en.png"), full_page=True)

        first = rows.first
        finding_id = int((first.get_attribute("id") or "").split("-")[1])
        first.get_by_role("button", name="Acknowledge").click()
        row = page.locator(f"#finding-{finding_id}")
        expect(row.locator(".status-label")).to_have_text("acknowledged")
        expect(row.get_by_role("button", name="Acknowledge")).to_have_count(0)

        page.locator(".lang-switch button[value=zh]").click()
        expect(page.locator("h1")).to_contain_text("每日复盘")
        expect(page.locator(f"#finding-{finding_id} .status-label")).to_have_text("已确认")
        expect(page.locator("#sales-chart canvas")).to_have_count(1)
        page.screenshot(path=str(tmp_path / "today-zh.png"), full_page=True)
        browser.close()

    with unit_of_work(engine) as s:
        status = s.scalar(select(FindingRow.status).where(FindingRow.id == finding_id))
    assert status == "acknowledged"
    assert problems == []  # no script errors, no CSP violations
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("today-en.png", "today-zh.png"):
        shutil.copy(tmp_path / name, SHOTS / name)
