"""Every route × every persona × a store they have, one they do not, and one that does not exist.

Like pretix's ``test_permissions.py`` (reliability.md TR-1): the table below says what each
route must answer. A route added to the app without a row here fails
``test_every_route_is_in_the_table``, so no page or endpoint ships unchecked. A store one may
not see answers exactly like a store that does not exist (404), so existence does not leak.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from sellerops.accounts import service as accounts
from sellerops.accounts.models import ApiToken
from sellerops.accounts.tokens import digest
from sellerops.core.config import get_settings
from sellerops.core.db import make_engine, unit_of_work
from sellerops.notifications import service as notify
from sellerops.web import security
from sellerops.web.app import create_app
from sellerops.web.settings import WebSettings
from tests.web.ads_world import AdsWorld, build_ads
from tests.web.conftest import Seeded
from tests.web.world import World, new_api_token, new_session

PERSONAS = ("anonymous", "owner", "manager", "operator", "viewer", "outsider")
MISSING_STORE = 9999

Expect = Callable[[str, str], int]  # (persona, target) -> HTTP status


def role(persona: str, target: str) -> str | None:
    """The persona's role in the target store ("A", "B" or "missing")."""
    if persona == "owner":
        return None if target == "missing" else "owner"
    if persona in ("manager", "operator", "viewer"):
        return persona if target == "A" else None
    if persona == "outsider":
        return "operator" if target == "B" else None
    return None


def public(code: int) -> Expect:
    return lambda persona, target: code


def signed_in(code: int, anonymous: int = 303) -> Expect:
    return lambda persona, target: anonymous if persona == "anonymous" else code


def in_store(action: str, ok: int, anonymous: int) -> Expect:
    def expect(persona: str, target: str) -> int:
        if persona == "anonymous":
            return anonymous
        the_role = role(persona, target)
        if the_role is None:
            return 404
        return ok if accounts.allows(the_role, action) else 403

    return expect


def admin(ok: int) -> Expect:
    """Settings: owners, and managers of some store; the others may not (403)."""

    def expect(persona: str, target: str) -> int:
        if persona == "anonymous":
            return 303
        return ok if persona in ("owner", "manager") else 403

    return expect


def owner_only(persona: str, target: str) -> int:
    return {"anonymous": 303, "owner": 303}.get(persona, 403)


def own_token(persona: str, target: str) -> int:
    if persona == "anonymous":
        return 303
    return 303 if target == "own" else 404


EXPECTED: dict[tuple[str, str], Expect] = {
    ("GET", "/login"): lambda persona, target: 200 if persona == "anonymous" else 303,
    ("POST", "/login"): public(403),  # without the login page's CSRF cookie
    ("POST", "/logout"): signed_in(303),
    ("GET", "/"): signed_in(303),  # to the first store's Today (everyone here has one)
    ("GET", "/stores/{store_id}/today"): in_store("read", 200, anonymous=303),
    ("POST", "/stores/{store_id}/review"): in_store("act", 303, anonymous=303),
    ("POST", "/stores/{store_id}/findings/{finding_id}/status"): in_store("act", 303, 303),
    ("POST", "/stores/{store_id}/findings/{finding_id}/assign"): in_store("act", 303, 303),
    ("GET", "/stores/{store_id}/imports"): in_store("act", 200, anonymous=303),
    ("POST", "/stores/{store_id}/imports"): in_store("act", 200, anonymous=303),
    ("GET", "/stores/{store_id}/products"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/products/{product_id}"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/restock"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/restock.xlsx"): in_store("read", 200, anonymous=303),
    ("POST", "/stores/{store_id}/restock/recalculate"): in_store("manage", 303, anonymous=303),
    ("GET", "/stores/{store_id}/ads"): in_store("read", 200, anonymous=303),
    ("POST", "/stores/{store_id}/ads/refresh"): in_store("act", 303, anonymous=303),
    # a decision already made answers with the page again (303), like a first one
    ("POST", "/stores/{store_id}/ads/recommendations/{rec_id}"): in_store("act", 303, 303),
    ("POST", "/stores/{store_id}/ads/recommendations"): in_store("act", 303, anonymous=303),
    ("POST", "/stores/{store_id}/ads/export"): in_store("act", 303, anonymous=303),
    ("GET", "/stores/{store_id}/ads/exports/{export_id}/bulk.xlsx"): in_store("act", 200, 303),
    ("GET", "/stores/{store_id}/ads/exports/{export_id}/revert.xlsx"): in_store("act", 200, 303),
    ("GET", "/stores/{store_id}/profit"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/profit/sku"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/reports"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/reports/download"): in_store("read", 200, anonymous=303),
    ("GET", "/stores/{store_id}/settings"): in_store("manage", 200, anonymous=303),
    ("GET", "/stores/{store_id}/settings/costs-template.csv"): in_store("manage", 200, 303),
    ("POST", "/stores/{store_id}/settings/notifications"): in_store("manage", 303, 303),
    # a fresh target of the store for each request (deleting one answers 404 the next time)
    ("POST", "/stores/{store_id}/settings/notifications/{target_id}/enabled"): in_store(
        "manage", 303, 303
    ),
    ("POST", "/stores/{store_id}/settings/notifications/{target_id}/delete"): in_store(
        "manage", 303, 303
    ),
    ("GET", "/settings"): admin(200),
    ("POST", "/settings/stores"): owner_only,
    ("POST", "/settings/users"): admin(303),
    # grants a role in store A (the store is a form field): as the table for A says
    ("POST", "/settings/grants"): lambda p, t: in_store("manage", 303, 303)(p, "A"),
    ("POST", "/settings/stores/{store_id}/grants/{user_id}/remove"): in_store("manage", 303, 303),
    ("GET", "/account"): signed_in(200),
    ("POST", "/account/lang"): signed_in(303),
    ("POST", "/account/tokens"): signed_in(201),
    ("POST", "/account/tokens/{token_id}/revoke"): own_token,
    ("GET", "/api/v1/me"): signed_in(200, anonymous=401),
    ("GET", "/api/v1/stores"): signed_in(200, anonymous=401),
    ("GET", "/api/v1/stores/{store_id}/review"): in_store("read", 200, anonymous=401),
    ("POST", "/api/v1/stores/{store_id}/findings/{finding_id}/status"): in_store("act", 200, 401),
    ("POST", "/api/v1/stores/{store_id}/findings/{finding_id}/assignee"): in_store("act", 200, 401),
    ("GET", "/api/openapi.json"): public(200),
    ("GET", "/api/docs"): public(200),
    ("GET", "/healthz"): public(200),
    ("GET", "/static"): public(200),
}

Body = dict[str, Any] | Callable[[str, World], dict[str, Any]]

BODIES: dict[str, Body] = {
    # a file that is no report: refused whole, so the table's database stays as it was
    "/stores/{store_id}/imports": {"files": {"files": ("notes.csv", b"not,a\nreport,x\n")}},
    "/settings/stores": {"data": {"name": "Matrix store", "marketplace": "DE"}},
    "/settings/users": lambda persona, world: {
        "data": {
            "email": f"new-{persona}@example.com",
            "password": "a long new password",
            "role": "viewer",
        }
    },
    "/settings/grants": lambda persona, world: {
        "data": {"store_id": str(world.store_a), "email": "viewer@example.com", "role": "viewer"}
    },
    "/login": {"data": {"email": "owner@example.com", "password": "x" * 12, "csrf_token": "x"}},
    "/stores/{store_id}/ads/recommendations/{rec_id}": {"data": {"decision": "approve"}},
    "/stores/{store_id}/ads/recommendations": {"data": {"decision": "reject"}},  # none ticked
    "/stores/{store_id}/settings/notifications": {
        "data": {"kind": "email", "name": "Matrix", "address": "ops@example.com"}
    },
    "/stores/{store_id}/settings/notifications/{target_id}/enabled": {"data": {"enabled": "false"}},
    "/stores/{store_id}/findings/{finding_id}/status": {"data": {"status": "acknowledged"}},
    "/stores/{store_id}/findings/{finding_id}/assign": {"data": {"user_id": ""}},
    "/account/lang": {"data": {"lang": "en"}},
    "/account/tokens": {"data": {"name": "matrix"}},
    "/api/v1/stores/{store_id}/findings/{finding_id}/status": {"json": {"status": "acknowledged"}},
    "/api/v1/stores/{store_id}/findings/{finding_id}/assignee": {"json": {"assignee": None}},
}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route, also inside included routers; HEAD rides on GET."""
    try:
        from fastapi.routing import iter_route_contexts

        routes: list[Any] = list(iter_route_contexts(app.routes))
    except ImportError:  # FastAPI before route contexts: routes are flat
        routes = list(app.routes)
    found = set()
    for route in routes:
        methods = getattr(route, "methods", None) or {"GET"}  # a Mount serves GET
        found |= {(m, route.path) for m in methods if m != "HEAD"}
    return found


def test_every_route_is_in_the_table(app: FastAPI) -> None:
    assert app_routes(app) == set(EXPECTED)


def targets(path: str) -> tuple[str, ...]:
    if "{store_id}" in path:
        return ("A", "B", "missing")
    if "{token_id}" in path:
        return ("own", "other")
    return ("-",)


def _url(
    path: str, target: str, world: World, token_ids: dict[str, int], ads: AdsWorld | None = None
) -> str:
    store = {"A": world.store_a, "B": world.store_b}.get(target, MISSING_STORE)
    if "{rec_id}" in path or "{export_id}" in path or "{target_id}" in path:
        assert ads is not None
        of = store if store in ads.exports else world.store_a
        path = path.replace("{rec_id}", str(ads.open_recs[of][0]))
        path = path.replace("{export_id}", str(ads.exports[of]))
        path = path.replace("{target_id}", str(ads.targets[of]))
    if path.endswith("/profit/sku"):
        path += "?sku=MAT-1"
    # A finding that exists, of the target store (of store A for the missing store).
    finding = world.findings.get(store, world.findings[world.store_a])[0]
    token = token_ids.get(target, 0)
    product = world.products.get(store, world.products[world.store_a])[0]
    # the owner has no grant to remove: the request changes nothing the table relies on
    owner = world.users["owner"]
    url = path.format(
        store_id=store, finding_id=finding, token_id=token, product_id=product, user_id=owner
    )
    return "/static/app.css" if path == "/static" else url


@dataclass
class Credentials:
    """A session and an API token per persona, made once; a logout spends the session."""

    app: FastAPI
    world: World
    ads: AdsWorld
    sessions: dict[str, tuple[str, str]] = field(default_factory=dict)  # cookie, csrf
    bearers: dict[str, str] = field(default_factory=dict)

    def session(self, persona: str) -> tuple[str, str]:
        if persona not in self.sessions:
            new = new_session(self.app.state.engine, self.world.users[persona])
            cookie = self.app.state.signer.sign("session", new.secret)
            self.sessions[persona] = (cookie, new.row.csrf_token)
        return self.sessions[persona]

    def bearer(self, persona: str) -> str:
        if persona not in self.bearers:
            user_id = self.world.users[persona]
            self.bearers[persona] = new_api_token(self.app.state.engine, user_id)
        return self.bearers[persona]


def _request(
    creds: Credentials, client: TestClient, method: str, path: str, persona: str, target: str
) -> int:
    world = creds.world
    client.cookies.clear()
    headers: dict[str, str] = {}
    spec = BODIES.get(path, {})
    body = dict(spec(persona, world) if callable(spec) else spec)
    token_ids: dict[str, int] = {}
    if persona != "anonymous":
        if path.startswith("/api/v1"):
            headers["authorization"] = "Bearer " + creds.bearer(persona)
        else:
            cookie, csrf = creds.session(persona)
            client.cookies.set(security.SESSION_COOKIE, cookie)
            if method == "POST" and path != "/login":
                body["data"] = {**body.get("data", {}), "csrf_token": csrf}
        if "{token_id}" in path:
            other = world.users["owner" if persona != "owner" else "viewer"]
            token_ids = {
                "own": _token_id(creds.app, world.users[persona]),
                "other": _token_id(creds.app, other),
            }
    if "{target_id}" in path:  # a fresh notification target, so a deleted one is no answer
        store = {"A": world.store_a, "B": world.store_b}.get(target, world.store_a)
        with unit_of_work(creds.app.state.engine) as s:
            creds.ads.targets[store] = notify.add_target(
                session=s, store_id=store, kind="email", name="Fresh", address="x@example.com"
            ).id
    url = _url(path, target, world, token_ids, creds.ads)
    response = client.request(method, url, headers=headers, **body)
    if path == "/logout":
        creds.sessions.pop(persona, None)
    return response.status_code


def _token_id(app: FastAPI, user_id: int) -> int:
    secret = new_api_token(app.state.engine, user_id)
    with unit_of_work(app.state.engine) as s:
        return s.scalars(select(ApiToken.id).where(ApiToken.token_hash == digest(secret))).one()


def mismatches(creds: Credentials, client: TestClient, key: tuple[str, str]) -> list[str]:
    method, path = key
    wrong = []
    for persona in PERSONAS:
        for target in targets(path):
            want = EXPECTED[key](persona, target)
            got = _request(creds, client, method, path, persona, target)
            if got != want:
                wrong.append(f"{method} {path} as {persona} on {target}: {got}, expected {want}")
    return wrong


@pytest.fixture(scope="module")
def matrix(
    _world_template: tuple[Path, World], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Credentials, TestClient]]:
    """One app for the whole table: the answers do not depend on what earlier requests did."""
    path = tmp_path_factory.mktemp("matrix") / "world.db"
    shutil.copy(_world_template[0], path)
    engine = make_engine(f"sqlite:///{path}")
    app = create_app(
        engine=engine, settings=get_settings(), web_settings=WebSettings(secret_key="matrix")
    )
    ads = build_ads(engine, [_world_template[1].store_a, _world_template[1].store_b])
    with TestClient(app, follow_redirects=False) as client:
        yield Credentials(app, _world_template[1], ads), client
    engine.dispose()


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=lambda k: f"{k[0]} {k[1]}")
def test_route_answers_each_persona_as_the_table_says(
    matrix: tuple[Credentials, TestClient], key: tuple[str, str]
) -> None:
    assert mismatches(*matrix, key) == []


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_the_whole_table_holds_on_postgres(seeded_any: Seeded, web_settings: WebSettings) -> None:
    app = create_app(engine=seeded_any.engine, settings=get_settings(), web_settings=web_settings)
    ads = build_ads(seeded_any.engine, [seeded_any.world.store_a, seeded_any.world.store_b])
    with TestClient(app, follow_redirects=False) as client:
        creds = Credentials(app, seeded_any.world, ads)
        wrong = [m for key in sorted(EXPECTED) for m in mismatches(creds, client, key)]
    assert wrong == []
