"""The Today page and the review API: KPIs, ranked findings, statuses changed in place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import IntegrityError

from sellerops.accounts import service as accounts
from sellerops.catalog.rollup_models import StoreDayTotal
from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from sellerops.core.stores import get_store
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.finding import Finding
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.web import page_cache, today
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from sellerops.web.today import current_review
from tests import factories as f
from tests.factories import AS_OF
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World, new_api_token, problem_store

HX = {"hx-request": "true"}


@contextmanager
def count_queries(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr id="finding-(\d+)"', html)]


def test_today_shows_kpis_chart_and_the_ranked_findings(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    page = client.get("/")
    assert page.status_code == 303 and page.headers["location"] == f"/stores/{world.store_a}/today"
    html = client.get(page.headers["location"]).text
    assert "Daily review · Acme US · Nov 20, 2026" in html
    assert "$60.00" in html and "-85%" in html  # yesterday's sales, down against both days
    assert 'id="sales-chart-data"' in html
    assert _row_ids(html) == world.findings[world.store_a]  # ranked as the review ranked them
    assert "Buy Box share down to 30%" in html and "Acknowledge" in html
    assert "Beta US" not in html  # the operator has no grant there: not even in the switcher


def test_today_runs_the_review_when_the_day_has_not_been_reviewed(
    seeded_any: Seeded, web_settings: WebSettings
) -> None:
    engine = seeded_any.engine
    with unit_of_work(engine) as s:  # a new store whose review has never run
        store = problem_store(s, "Gamma US")
        store_id = store.id
    app = create_app(engine=engine, settings=get_settings(), web_settings=web_settings)
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, app, seeded_any.world.users["owner"])
        html = client.get(f"/stores/{store_id}/today").text
        assert len(_row_ids(html)) == 3
        with unit_of_work(engine) as s:
            run = s.get(ReviewRun, (store_id, AS_OF))
            assert run is not None
            ran_at = run.ran_at
        again = client.get(f"/stores/{store_id}/today").text  # read back, not run again
        assert _row_ids(again) == _row_ids(html)
    with unit_of_work(engine) as s:
        assert s.get(ReviewRun, (store_id, AS_OF)).ran_at == ran_at  # type: ignore[union-attr]


def test_acknowledge_snooze_and_done_update_the_row_in_place(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    csrf = sign_in(client, app, world.users["operator"])
    first, second, third = world.findings[world.store_a]
    url = f"/stores/{world.store_a}/findings/{{}}/status"
    ack = client.post(url.format(first), data={"status": "acknowledged", "rank": "1", "csrf_token": csrf}, headers=HX)  # fmt: skip
    assert ack.status_code == 200 and ack.text.lstrip().startswith(f'<tr id="finding-{first}"')
    assert "acknowledged" in ack.text and 'value="acknowledged"' not in ack.text
    until = (AS_OF + timedelta(days=3)).isoformat()
    snooze = client.post(url.format(second), data={"status": "snoozed", "until": until, "csrf_token": csrf}, headers=HX)  # fmt: skip
    assert "snoozed" in snooze.text and "until Nov 23, 2026" in snooze.text
    done = client.post(url.format(third), data={"status": "done", "csrf_token": csrf}, headers=HX)
    assert "status-done" in done.text and "Reopen" in done.text
    with unit_of_work(seeded.engine) as s:
        rows = {r.id: r for r in s.scalars(select(FindingRow))}
    assert rows[first].status == "acknowledged"
    assert rows[second].status == "snoozed" and rows[second].snoozed_until.isoformat() == until  # type: ignore[union-attr]
    assert rows[third].status == "done"
    html = client.get(f"/stores/{world.store_a}/today").text
    assert _row_ids(html) == [first]  # snoozed and done leave today's list


def test_snooze_without_a_day_says_so_and_changes_nothing(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    csrf = sign_in(client, app, world.users["operator"])
    finding = world.findings[world.store_a][0]
    response = client.post(
        f"/stores/{world.store_a}/findings/{finding}/status",
        data={"status": "snoozed", "until": "", "csrf_token": csrf},
        headers=HX,
    )
    assert response.status_code == 200 and "Choose a later day to snooze until" in response.text
    with unit_of_work(seeded.engine) as s:
        assert s.get(FindingRow, finding).status == "new"  # type: ignore[union-attr]
    past = client.post(
        f"/stores/{world.store_a}/findings/{finding}/status",
        data={"status": "snoozed", "until": "2020-01-01", "csrf_token": csrf},
        headers=HX,
    )
    assert past.status_code == 200 and "Choose a later day to snooze until" in past.text
    with unit_of_work(seeded.engine) as s:
        assert s.get(FindingRow, finding).status == "new"  # type: ignore[union-attr]


def test_without_htmx_a_status_change_redirects_back_to_today(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    finding = world.findings[world.store_a][0]
    response = client.post(
        f"/stores/{world.store_a}/findings/{finding}/status",
        data={"status": "done", "csrf_token": csrf},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/stores/{world.store_a}/today"


def test_viewers_read_without_buttons_and_cannot_change_anything(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["viewer"])
    html = client.get(f"/stores/{world.store_a}/today").text
    assert len(_row_ids(html)) == 3
    assert "Acknowledge" not in html and "Run the review again" not in html
    assert "changing findings needs the operator role" in html
    finding = world.findings[world.store_a][0]
    response = client.post(
        f"/stores/{world.store_a}/findings/{finding}/status",
        data={"status": "done", "csrf_token": csrf},
        headers=HX,
    )
    assert response.status_code == 403


def test_a_finding_of_another_store_is_not_found_through_my_store(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    foreign = world.findings[world.store_b][0]
    for url in (
        f"/stores/{world.store_a}/findings/{foreign}/status",
        f"/stores/{world.store_b}/findings/{foreign}/status",
    ):
        response = client.post(url, data={"status": "done", "csrf_token": csrf}, headers=HX)
        assert response.status_code == 404


def test_owner_switches_between_every_store(app: FastAPI, client: TestClient, world: World) -> None:
    sign_in(client, app, world.users["owner"])
    html = client.get(f"/stores/{world.store_b}/today").text
    assert f'value="/stores/{world.store_a}/today"' in html
    assert f'value="/stores/{world.store_b}/today" selected' in html
    assert "Daily review · Beta US" in html


def test_a_store_without_data_says_to_import_reports(
    seeded: Seeded, app: FastAPI, client: TestClient
) -> None:
    with unit_of_work(seeded.engine) as s:
        empty = f.store(s, "Empty US").id
    sign_in(client, app, seeded.world.users["owner"])
    html = client.get(f"/stores/{empty}/today").text
    assert "has no Business Report data yet" in html
    api = client.get(f"/api/v1/stores/{empty}/review")
    assert api.json() == {
        "date": None,
        "store": "Empty US",
        "marketplace": "US",
        "findings": [],
        "errors": {},
    }


def test_review_api_returns_the_same_json_as_the_cli(
    seeded_any: Seeded, web_settings: WebSettings
) -> None:
    engine, world = seeded_any.engine, seeded_any.world
    app = create_app(engine=engine, settings=get_settings(), web_settings=web_settings)
    token = new_api_token(engine, world.users["viewer"])
    with TestClient(app) as client:
        got = client.get(
            f"/api/v1/stores/{world.store_a}/review?lang=zh",
            headers={"authorization": f"Bearer {token}"},
        )
    assert got.status_code == 200
    with unit_of_work(engine) as s:
        store = get_store(session=s, name="Acme US")
        _day, review = current_review(session=s, store=store)
        assert review is not None
        expected = present.review_to_dict(review, "zh")
    assert got.json() == expected
    assert [f["id"] for f in expected["findings"]] == world.findings[world.store_a]


def test_api_status_change_and_its_validation(
    app: FastAPI, client: TestClient, world: World
) -> None:
    token = new_api_token(app.state.engine, world.users["operator"])
    auth = {"authorization": f"Bearer {token}"}
    finding = world.findings[world.store_a][0]
    url = f"/api/v1/stores/{world.store_a}/findings/{finding}/status"
    ok = client.post(url, json={"status": "snoozed", "snoozed_until": "2026-12-01"}, headers=auth)
    assert ok.status_code == 200
    assert ok.json()["status"] == "snoozed" and ok.json()["id"] == finding
    assert client.post(url, json={"status": "snoozed"}, headers=auth).status_code == 422
    assert client.post(url, json={"status": "gone"}, headers=auth).status_code == 422
    sneaky = client.post(url, json={"status": "done", "store_id": world.store_b}, headers=auth)
    assert sneaky.status_code == 422  # unknown fields are refused, not ignored


def test_browser_session_on_the_api_needs_the_csrf_header_to_write(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    assert client.get("/api/v1/me").json()["email"] == World.email("operator")
    finding = world.findings[world.store_a][0]
    url = f"/api/v1/stores/{world.store_a}/findings/{finding}/status"
    assert client.post(url, json={"status": "done"}).status_code == 403
    assert (
        client.post(url, json={"status": "done"}, headers={"x-csrf-token": csrf}).status_code == 200
    )


def test_a_store_scoped_token_sees_only_its_store(
    app: FastAPI, client: TestClient, world: World
) -> None:
    token = new_api_token(app.state.engine, world.users["owner"], store_id=world.store_b)
    auth = {"authorization": f"Bearer {token}"}
    assert [s["name"] for s in client.get("/api/v1/stores", headers=auth).json()] == ["Beta US"]
    assert client.get(f"/api/v1/stores/{world.store_a}/review", headers=auth).status_code == 404
    assert client.get(f"/api/v1/stores/{world.store_b}/review", headers=auth).status_code == 200


def test_review_api_and_today_page_stay_within_a_query_budget(
    app: FastAPI, client: TestClient, world: World
) -> None:
    """A fixed number of queries, whatever the number of findings (no N+1)."""
    token = new_api_token(app.state.engine, world.users["operator"])
    auth = {"authorization": f"Bearer {token}"}
    client.get(f"/api/v1/stores/{world.store_a}/review", headers=auth)  # warm: touch token
    with count_queries(app.state.engine) as api_queries:
        client.get(f"/api/v1/stores/{world.store_a}/review", headers=auth)
    sign_in(client, app, world.users["operator"])
    # the world added products after its review: the first load refreshes the rollups
    client.get(f"/stores/{world.store_a}/today")
    page_cache.PAGES.clear()
    with count_queries(app.state.engine) as page_queries:  # rendered
        client.get(f"/stores/{world.store_a}/today")
    with count_queries(app.state.engine) as kept_queries:  # the same page again: kept
        client.get(f"/stores/{world.store_a}/today")
    assert len(api_queries) <= 8, api_queries
    assert len(page_queries) <= 20, page_queries
    # kept: the session with its user and stores, the store's version, the users and grants
    assert len(kept_queries) <= 4, kept_queries


def test_account_page_creates_a_token_once_and_revokes_it(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["viewer"])
    created = client.post("/account/tokens", data={"name": "sheets", "csrf_token": csrf})
    assert created.status_code == 201
    secret = re.search(r'<code class="token" id="new-token">(sot_[^<]+)</code>', created.text)
    assert secret
    auth = {"authorization": f"Bearer {secret.group(1)}"}
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    page = client.get("/account").text
    assert "sheets" in page and secret.group(1) not in page  # shown once only
    token_id = re.search(r"/account/tokens/(\d+)/revoke", page).group(1)  # type: ignore[union-attr]
    assert (
        client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf}).status_code
        == 303
    )
    client.cookies.clear()
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_removing_a_grant_takes_effect_on_the_next_request(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    assert client.get(f"/stores/{world.store_a}/today").status_code == 200
    with unit_of_work(app.state.engine) as s:
        accounts.revoke_grant(session=s, user_id=world.users["operator"], store_id=world.store_a)
    assert client.get(f"/stores/{world.store_a}/today").status_code == 404


def test_a_review_run_racing_another_request_falls_back_to_the_stored_one(
    app: FastAPI, client: TestClient, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = seeded.world
    with unit_of_work(seeded.engine) as s:  # as if the run had not been recorded yet
        s.delete(s.get(ReviewRun, (world.store_a, AS_OF)))

    def collide(**kw: object) -> None:
        raise IntegrityError("INSERT INTO finding", {}, Exception("unique constraint"))

    monkeypatch.setattr(daily, "run_review", collide)
    sign_in(client, app, world.users["operator"])
    page = client.get(f"/stores/{world.store_a}/today")
    assert page.status_code == 200
    assert _row_ids(page.text) == world.findings[world.store_a]


def _extra_key(k: int) -> str:
    extra = Finding("catalog", "buy_box_lost", "low", "asin", f"B0EXTRA{k:03d}", Decimal(1), "USD")
    return extra.key


def _more_findings(engine: Engine, store_id: int, n: int) -> None:
    """``n`` extra low-ranked findings of the review day (as a large store has)."""
    with unit_of_work(engine) as s:
        for k in range(n):
            s.add(
                FindingRow(
                    store_id=store_id, finding_key=_extra_key(k), module="catalog",
                    kind="buy_box_lost", severity="low", entity_type="asin",
                    entity=f"B0EXTRA{k:03d}", params={"share": 0.5}, evidence={},
                    money_at_stake=Decimal(1), money_period="month", currency="USD",
                    score=-1.0 - k, first_seen=AS_OF - timedelta(days=3), last_seen=AS_OF,
                    status="done" if k == 0 else "new",
                )
            )  # fmt: skip


def test_today_lists_the_findings_a_page_at_a_time_with_counts_of_all(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _more_findings(app.state.engine, world.store_a, 31)  # one of them done: 30 shown
    sign_in(client, app, world.users["operator"])
    first = client.get(f"/stores/{world.store_a}/today").text
    second = client.get(f"/stores/{world.store_a}/today?page=2").text
    per_page = today.FINDINGS_PER_PAGE
    assert _row_ids(first)[:3] == world.findings[world.store_a]  # the top of the ranking
    assert len(_row_ids(first)) == per_page
    assert len(_row_ids(second)) == 33 - per_page
    assert not set(_row_ids(first)) & set(_row_ids(second))
    assert "33 findings" in first and "33 findings" in second  # counted over every page
    assert "Page 2 of 2" in second and re.search(rf'<td class="rank">{per_page + 1}<', second)


def test_today_reads_a_reviewed_day_without_running_the_review_again(
    app: FastAPI, client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(**kw: object) -> None:
        raise AssertionError("the review ran on a page load")

    monkeypatch.setattr(daily, "run_review", must_not_run)
    sign_in(client, app, world.users["operator"])
    html = client.get(f"/stores/{world.store_a}/today").text
    assert "$60.00" in html and _row_ids(html) == world.findings[world.store_a]


def test_today_kpis_come_from_the_daily_totals_rollup(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["operator"])
    client.get(f"/stores/{world.store_a}/today")  # refreshes what the world wrote directly
    with unit_of_work(app.state.engine) as s:
        total = s.get(StoreDayTotal, (world.store_a, AS_OF))
        assert total is not None and total.sales == Decimal("60.00")  # 2 x $20 + 1 x $20
        total.sales = Decimal("61.00")  # the page shows the rollup, not a fresh sum
    assert "$61.00" in client.get(f"/stores/{world.store_a}/today").text


def test_the_summary_counts_shared_money_once_as_the_full_review_does(
    seeded_any: Seeded,
) -> None:
    world = seeded_any.world
    engine = seeded_any.engine
    _more_findings(engine, world.store_a, 3)  # extra-0 is done; extra-1 and extra-2 show
    with unit_of_work(engine) as s:
        rows = {r.finding_key: r for r in s.scalars(select(FindingRow))}
        rows[_extra_key(2)].overlaps_key = _extra_key(1)  # counted with extra-1: once
        rows[_extra_key(1)].overlaps_key = _extra_key(0)  # extra-0 is done: extra-1 counts
    with unit_of_work(engine) as s:
        store = s.get(Store, world.store_a)
        assert store is not None
        full = today.persisted_review(session=s, store=store, as_of=AS_OF)
        summary = today.review_summary(session=s, store_id=store.id, as_of=AS_OF)
    assert summary.total == len(full.items) == 5
    assert summary.new == sum(1 for i in full.items if i.is_new(AS_OF))
    assert abs(summary.monthly - present.total_monthly(full)) < 0.005


def test_a_finding_sharing_the_money_of_the_one_above_says_so(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _more_findings(app.state.engine, world.store_a, 3)  # extra-0 is done
    with unit_of_work(app.state.engine) as s:
        rows = {r.finding_key: r for r in s.scalars(select(FindingRow))}
        rows[_extra_key(2)].overlaps_key = _extra_key(1)
    sign_in(client, app, world.users["operator"])
    html = client.get(f"/stores/{world.store_a}/today").text
    assert html.count('class="shared-money"') == 1
    assert "counted once in the total" in html


def _count_line(html: str) -> str:
    match = re.search(r'id="findings-count"[^>]*>([^<]*)<', html)
    assert match, "the count line above the findings"
    return " ".join(match.group(1).split())


def _counts(text: str) -> tuple[int, int]:
    match = re.search(r"(\d+) findings?, (\d+) new", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def test_a_status_change_in_place_sends_the_count_line_as_it_is_now(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    import json

    world = seeded.world
    csrf = sign_in(client, app, world.users["operator"])
    first, second, _third = world.findings[world.store_a]
    shown, new = _counts(_count_line(client.get(f"/stores/{world.store_a}/today").text))
    assert new >= 2  # the planted findings were first seen on the review day
    url = f"/stores/{world.store_a}/findings/{{}}/status"
    ack = client.post(url.format(first), data={"status": "acknowledged", "rank": "1", "csrf_token": csrf}, headers=HX)  # fmt: skip
    sent = json.loads(ack.headers["HX-Trigger"])["sellerops-findings-count"]["text"]
    assert _counts(sent) == (shown, new - 1)  # acknowledged: seen, no longer new
    assert sent == _count_line(client.get(f"/stores/{world.store_a}/today").text)
    done = client.post(url.format(second), data={"status": "done", "csrf_token": csrf}, headers=HX)
    sent = json.loads(done.headers["HX-Trigger"])["sellerops-findings-count"]["text"]
    assert _counts(sent) == (shown - 1, new - 2)  # done: leaves the list
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    reopen = client.post(url.format(second), data={"status": "new", "csrf_token": csrf}, headers=HX)  # fmt: skip
    sent = json.loads(reopen.headers["HX-Trigger"])["sellerops-findings-count"]["text"]
    assert f"共 {shown} 项" in sent and "新增" in sent


def test_an_empty_assigned_to_me_says_nothing_is_assigned_to_you(
    app: FastAPI, client: TestClient, seeded: Seeded
) -> None:
    world = seeded.world
    csrf = sign_in(client, app, world.users["operator"])
    mine = client.get(f"/stores/{world.store_a}/today?mine=1").text
    assert _count_line(mine) == "No findings are assigned to you."
    assert "Nothing needs your attention today" not in mine
    everything = client.get(f"/stores/{world.store_a}/today").text
    assert "findings" in _count_line(everything)
    # a change made on "Assigned to me" sends that list's count
    first = world.findings[world.store_a][0]
    url = f"/stores/{world.store_a}/findings/{first}/status"
    ack = client.post(url, data={"status": "acknowledged", "mine": "1", "csrf_token": csrf}, headers=HX)  # fmt: skip
    assert "No findings are assigned to you." in ack.headers["HX-Trigger"]
    assert 'name="mine" value="1"' in ack.text  # the row's forms keep saying so
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    zh = client.get(f"/stores/{world.store_a}/today?mine=1").text
    assert _count_line(zh) == "目前没有分配给您的事项。" and "今天没有需要处理的事项" not in zh
