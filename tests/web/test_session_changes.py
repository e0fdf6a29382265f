"""A signed-in browser keeps no rights of its own: what changes about its user, grants or
session elsewhere (another worker, the CLI, a manager's page) holds at its very next request.

The session, its user and their stores are read with one query per request
(``tokens.live_session``); these tests change the rows directly, as the CLI would, between
two requests of one session, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.accounts.models import StoreGrant, User, WebSession
from sellerops.core.config import get_settings
from sellerops.core.db import unit_of_work
from sellerops.core.models import utcnow
from sellerops.core.stores import create_store
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.web.conftest import Seeded, sign_in
from tests.web.world import World


@pytest.fixture
def live(seeded_any: Seeded, web_settings: WebSettings) -> Iterator[tuple[FastAPI, TestClient]]:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    with TestClient(app, follow_redirects=False) as client:
        yield app, client


def _change(app: FastAPI, *statements: object) -> None:
    with unit_of_work(app.state.engine) as s:
        for statement in statements:
            s.execute(statement)  # type: ignore[call-overload]


def test_a_revoked_grant_hides_the_store_at_the_next_request(
    live: tuple[FastAPI, TestClient], seeded_any: Seeded
) -> None:
    app, client = live
    world = seeded_any.world
    sign_in(client, app, world.users["viewer"])
    page = f"/stores/{world.store_a}/today"
    assert client.get(page).status_code == 200 and "Acme US" in client.get("/account").text
    with unit_of_work(app.state.engine) as s:
        accounts.revoke_grant(session=s, user_id=world.users["viewer"], store_id=world.store_a)
    assert client.get(page).status_code == 404
    assert "Acme US" not in client.get("/account").text


def test_a_changed_role_holds_at_the_next_request(
    live: tuple[FastAPI, TestClient], seeded_any: Seeded
) -> None:
    app, client = live
    world = seeded_any.world
    csrf = sign_in(client, app, world.users["viewer"])
    finding = world.findings[world.store_a][0]
    act = f"/stores/{world.store_a}/findings/{finding}/status"
    form = {"csrf_token": csrf, "status": "acknowledged"}
    assert client.post(act, data=form).status_code == 403  # a viewer may not act
    grant = StoreGrant.__table__.c
    _change(app, update(StoreGrant).where(grant.user_id == world.users["viewer"],
                                          grant.store_id == world.store_a).values(role="operator"))  # fmt: skip
    assert client.post(act, data=form).status_code == 303
    _change(app, update(StoreGrant).where(grant.user_id == world.users["viewer"],
                                          grant.store_id == world.store_a).values(role="viewer"))  # fmt: skip
    assert client.post(act, data=form).status_code == 403


def test_a_disabled_user_is_signed_out_at_the_next_request(
    live: tuple[FastAPI, TestClient], seeded_any: Seeded
) -> None:
    app, client = live
    world = seeded_any.world
    sign_in(client, app, world.users["operator"])
    assert client.get("/account").status_code == 200
    _change(app, update(User).where(User.id == world.users["operator"]).values(is_active=False))
    assert client.get("/account").status_code == 303
    _change(app, update(User).where(User.id == world.users["operator"]).values(is_active=True))
    assert client.get("/account").status_code == 200  # the session itself did not end


def test_a_password_change_elsewhere_ends_this_session(
    live: tuple[FastAPI, TestClient], seeded_any: Seeded
) -> None:
    app, client = live
    world = seeded_any.world
    sign_in(client, app, world.users["operator"])
    assert client.get("/account").status_code == 200
    with unit_of_work(app.state.engine) as s:
        user = s.get(User, world.users["operator"])
        assert user is not None
        accounts.set_password(session=s, user=user, password="a brand new password")
        tokens.end_all_sessions(session=s, user_id=user.id)
    assert client.get("/account").status_code == 303


def test_an_idle_session_times_out(live: tuple[FastAPI, TestClient], seeded_any: Seeded) -> None:
    app, client = live
    world = seeded_any.world
    sign_in(client, app, world.users["operator"])
    assert client.get("/account").status_code == 200
    idle = tokens.SessionPolicy().idle + timedelta(minutes=1)
    ws = WebSession.__table__.c
    _change(app, update(WebSession).where(ws.user_id == world.users["operator"])
                 .values(last_seen_at=utcnow() - idle))  # fmt: skip
    assert client.get("/account").status_code == 303
    assert client.get("/account").status_code == 303


def test_an_owner_sees_a_new_store_at_once_and_others_do_not(
    live: tuple[FastAPI, TestClient], seeded_any: Seeded
) -> None:
    app, client = live
    world = seeded_any.world
    with unit_of_work(app.state.engine) as s:
        new = create_store(session=s, name="Gamma US", marketplace="US").id
    sign_in(client, app, world.users["owner"])
    assert client.get(f"/stores/{new}/today").status_code == 200
    assert "Gamma US" in client.get("/account").text
    sign_in(client, app, world.users["manager"])
    assert client.get(f"/stores/{new}/today").status_code == 404
    assert "Gamma US" not in client.get("/account").text
    assert World.email("manager") in client.get("/account").text


def test_last_seen_is_written_apart_from_the_requests_own_transaction(
    live: tuple[FastAPI, TestClient], seeded_any: Seeded
) -> None:
    # the sign-in check's write commits on its own, so the request's transaction stays
    # read-only (on SQLite it would otherwise hold the write lock while waiting for a thread):
    # even a request whose own work is rolled back (a store it may not see) leaves it written
    app, client = live
    world = seeded_any.world
    sign_in(client, app, world.users["operator"])
    ws = WebSession.__table__.c
    earlier = utcnow() - tokens.TOUCH_EVERY - timedelta(seconds=5)
    mine = (ws.user_id == world.users["operator"]) & ws.ended_at.is_(None)
    _change(app, update(WebSession).where(mine).values(last_seen_at=earlier))

    assert client.get("/stores/999999/products").status_code == 404

    with unit_of_work(app.state.engine) as s:
        seen = s.scalar(select(ws.last_seen_at).where(mine))
    assert seen is not None and seen.replace(tzinfo=None) > earlier.replace(tzinfo=None)
