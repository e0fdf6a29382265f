"""Settings: owners add stores; owners and managers add users with store grants and remove
grants, in the stores they manage only."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.accounts.models import StoreGrant, User
from sellerops.core.db import unit_of_work
from sellerops.core.models import Store
from tests.web.conftest import sign_in
from tests.web.world import World

NEW_PASSWORD = "a long enough new password"


def _grants(app: FastAPI, email: str) -> set[tuple[int, str]]:
    with unit_of_work(app.state.engine) as s:
        rows = s.execute(
            select(StoreGrant.store_id, StoreGrant.role)
            .join(User, User.id == StoreGrant.user_id)
            .where(User.email == email)
        )
        return {(store_id, role) for store_id, role in rows}


def test_an_owner_adds_a_store_with_its_marketplace(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    response = client.post(
        "/settings/stores", data={"name": "Acme DE", "marketplace": "DE", "csrf_token": csrf}
    )
    assert response.status_code == 303
    assert "Acme DE" in client.get("/settings").text
    with unit_of_work(app.state.engine) as s:
        assert s.scalar(select(Store.marketplace_code).where(Store.name == "Acme DE")) == "DE"
    again = client.post(
        "/settings/stores", data={"name": "Acme DE", "marketplace": "DE", "csrf_token": csrf}
    )
    assert again.status_code == 400 and "exists already" in again.text


def test_a_manager_adds_an_operator_to_their_store_who_can_then_sign_in(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    response = client.post(
        "/settings/users",
        data={
            "email": "new.hire@example.com",
            "display_name": "New Hire",
            "password": NEW_PASSWORD,
            "role": "operator",
            "store_ids": [str(world.store_a)],
            "csrf_token": csrf,
        },
    )
    assert response.status_code == 303
    assert _grants(app, "new.hire@example.com") == {(world.store_a, "operator")}
    page = client.get("/settings").text
    assert "New Hire" in page and "new.hire@example.com" in page


def test_a_manager_cannot_grant_a_store_they_do_not_manage(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    response = client.post(
        "/settings/users",
        data={
            "email": "sneaky@example.com",
            "password": NEW_PASSWORD,
            "role": "manager",
            "store_ids": [str(world.store_b)],
            "csrf_token": csrf,
        },
    )
    assert response.status_code == 403
    with unit_of_work(app.state.engine) as s:
        assert s.scalar(select(User).where(User.email == "sneaky@example.com")) is None


def test_a_weak_password_adds_nobody_and_says_why(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    response = client.post(
        "/settings/users",
        data={"email": "weak@example.com", "password": "short", "role": "viewer",
              "store_ids": [str(world.store_a)], "csrf_token": csrf},
    )  # fmt: skip
    assert response.status_code == 400 and "at least 12 characters" in response.text
    assert _grants(app, "weak@example.com") == set()


def test_removing_a_grant_takes_the_store_away(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    viewer = world.users["viewer"]
    url = f"/settings/stores/{world.store_a}/grants/{viewer}/remove"
    assert client.post(url, data={"csrf_token": csrf}).status_code == 303
    assert _grants(app, World.email("viewer")) == set()
    sign_in(client, app, viewer)
    assert client.get(f"/stores/{world.store_a}/today").status_code == 404


def test_granting_a_store_to_an_existing_user(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["owner"])
    data = {"store_id": str(world.store_b), "email": World.email("viewer"), "role": "operator"}
    assert client.post("/settings/grants", data={**data, "csrf_token": csrf}).status_code == 303
    assert (world.store_b, "operator") in _grants(app, World.email("viewer"))


def test_settings_reads_in_chinese(app: FastAPI, client: TestClient, world: World) -> None:
    csrf = sign_in(client, app, world.users["manager"])
    client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    html = client.get("/settings").text
    assert "用户及店铺权限" in html and "添加用户" in html and "站点" in html
    assert "添加店铺" not in html  # only owners add stores


def test_settings_and_account_keep_the_store_pages_in_the_nav(
    app: FastAPI, client: TestClient, world: World
) -> None:
    sign_in(client, app, world.users["manager"])
    for page in ("/settings", "/account"):
        html = client.get(page).text
        assert f'href="/stores/{world.store_a}/products"' in html, page
        assert f'href="/stores/{world.store_b}/products"' not in html  # not granted to them
