"""Assigning findings on Today (in place, htmx) and through the API; "assigned to me"."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.daily.models import FindingRow
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World, new_api_token

HX = {"hx-request": "true"}


def _assignee(app: FastAPI, finding: int) -> int | None:
    with unit_of_work(app.state.engine) as s:
        row = s.get(FindingRow, finding)
        assert row is not None
        return row.assignee_id


def _options(html: str) -> list[str]:
    select = re.search(r'<select name="user_id".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r"<option [^>]*>([^<]*)</option>", select.group(0))


def _row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr id="finding-(\d+)"', html)]


def _operator_assigns_in_place(app: FastAPI, client: TestClient, world: World) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    page = client.get(f"/stores/{world.store_a}/today").text
    options = _options(page)
    # operators and up of store A, owners included; not the viewer, not store B's outsider
    assert options[0] == "Nobody"
    assert {o.split("(")[-1].rstrip(")") for o in options[1:]} == {
        World.email(p) for p in ("owner", "manager", "operator")
    }
    finding = world.findings[world.store_a][1]
    url = f"/stores/{world.store_a}/findings/{finding}/assign"
    data = {"user_id": str(world.users["manager"]), "rank": "2", "csrf_token": csrf}
    row = client.post(url, data=data, headers=HX)
    assert row.status_code == 200
    assert row.text.lstrip().startswith(f'<tr id="finding-{finding}"')
    assert "Assigned to manager@example.com" in row.text
    assert re.search(rf'<option value="{world.users["manager"]}" selected>', row.text)
    assert _assignee(app, finding) == world.users["manager"]
    # the page shows it too, and it stays on the row after a status change
    status = client.post(
        f"/stores/{world.store_a}/findings/{finding}/status",
        data={"status": "acknowledged", "csrf_token": csrf},
        headers=HX,
    )
    assert "Assigned to manager@example.com" in status.text
    # a user of another store cannot be slipped in: refused, nothing changes, no email leaks
    data["user_id"] = str(world.users["outsider"])
    refused = client.post(url, data=data, headers=HX)
    assert refused.status_code == 200 and "cannot be assigned findings" in refused.text
    assert "outsider@example.com" not in refused.text
    assert _assignee(app, finding) == world.users["manager"]
    data["user_id"] = ""
    cleared = client.post(url, data=data, headers=HX)
    assert "Assigned to" not in cleared.text and _assignee(app, finding) is None


def test_operator_assigns_a_finding_in_place(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _operator_assigns_in_place(app, client, world)


def test_operator_assigns_in_place_on_each_database(
    seeded_any: Seeded, web_settings: WebSettings
) -> None:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    with TestClient(app, follow_redirects=False) as client:
        _operator_assigns_in_place(app, client, seeded_any.world)


def test_viewer_sees_the_assignee_but_cannot_assign(
    app: FastAPI, client: TestClient, world: World
) -> None:
    finding = world.findings[world.store_a][0]
    csrf = sign_in(client, app, world.users["operator"])
    url = f"/stores/{world.store_a}/findings/{finding}/assign"
    mine = {"user_id": str(world.users["operator"]), "csrf_token": csrf}
    assert client.post(url, data=mine).status_code == 303  # without htmx: back to Today
    csrf = sign_in(client, app, world.users["viewer"])
    page = client.get(f"/stores/{world.store_a}/today").text
    assert 'name="user_id"' not in page
    assert "Assigned to operator@example.com" in page
    response = client.post(
        url, data={"user_id": str(world.users["viewer"]), "csrf_token": csrf}, headers=HX
    )
    assert response.status_code == 403
    assert _assignee(app, finding) == world.users["operator"]
    sign_in(client, app, world.users["operator"])  # a session, but no CSRF token sent
    assert client.post(url, data={"user_id": ""}, headers=HX).status_code == 403


def test_assigned_to_me_filter_and_chinese_texts(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    first, second, third = world.findings[world.store_a][:3]
    for finding, who in ((first, "operator"), (third, "manager")):
        client.post(
            f"/stores/{world.store_a}/findings/{finding}/assign",
            data={"user_id": str(world.users[who]), "csrf_token": csrf},
            headers=HX,
        )
    everything = client.get(f"/stores/{world.store_a}/today").text
    assert _row_ids(everything) == [first, second, third]
    assert "Assigned to me" in everything
    mine = client.get(f"/stores/{world.store_a}/today?mine=1").text
    assert _row_ids(mine) == [first] and "Show all" in mine
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    zh = client.get(f"/stores/{world.store_a}/today").text
    assert "负责人：operator@example.com" in zh and "分配给我的" in zh and "未分配" in zh


def test_api_shows_and_sets_the_assignee(app: FastAPI, client: TestClient, world: World) -> None:
    token = new_api_token(app.state.engine, world.users["operator"])
    auth = {"authorization": f"Bearer {token}"}
    finding = world.findings[world.store_a][0]
    url = f"/api/v1/stores/{world.store_a}/findings/{finding}/assignee"
    ok = client.post(url, json={"assignee": "Manager@Example.com"}, headers=auth)
    assert ok.status_code == 200, ok.text
    assert ok.json()["assignee"] == "manager@example.com" and ok.json()["id"] == finding
    review = client.get(f"/api/v1/stores/{world.store_a}/review", headers=auth).json()
    assignees = {i["id"]: i["assignee"] for i in review["findings"]}
    assert assignees[finding] == "manager@example.com"
    assert list(assignees.values()).count(None) == len(assignees) - 1
    for refused in ("outsider@example.com", "viewer@example.com", "nobody@example.com"):
        response = client.post(url, json={"assignee": refused}, headers=auth)
        assert response.status_code == 422 and refused in response.json()["detail"]
    zh = client.post(url + "?lang=zh", json={"assignee": "outsider@example.com"}, headers=auth)
    assert "无权访问店铺" in zh.json()["detail"]
    assert client.post(url, json={"assignee": "a@b.c", "extra": 1}, headers=auth).status_code == 422
    assert _assignee(app, finding) == world.users["manager"]
    cleared = client.post(url, json={"assignee": None}, headers=auth)
    assert cleared.status_code == 200 and cleared.json()["assignee"] is None
    viewer = new_api_token(app.state.engine, world.users["viewer"])
    denied = client.post(
        url, json={"assignee": None}, headers={"authorization": f"Bearer {viewer}"}
    )
    assert denied.status_code == 403
