"""Signing in and out through the pages: CSRF, lock-out, cookies, redirects, headers."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sellerops.accounts.models import User
from sellerops.core.db import unit_of_work
from sellerops.web import security
from sellerops.web.settings import WebSettings
from tests.web.conftest import Seeded, sign_in
from tests.web.world import PASSWORD, World


def _login_form(client: TestClient, query: str = "") -> str:
    page = client.get("/login" + query)
    assert page.status_code == 200
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match
    return match.group(1)


def _login(client: TestClient, email: str, password: str = PASSWORD, next: str = "/") -> Any:
    token = _login_form(client)
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token, "next": next}
    )


def test_anonymous_pages_send_to_login_and_back(client: TestClient, world: World) -> None:
    page = client.get(f"/stores/{world.store_a}/today")
    assert page.status_code == 303
    assert page.headers["location"] == f"/login?next=/stores/{world.store_a}/today"
    done = _login(client, World.email("viewer"), next=f"/stores/{world.store_a}/today")
    assert done.status_code == 303
    assert done.headers["location"] == f"/stores/{world.store_a}/today"
    assert client.get(f"/stores/{world.store_a}/today").status_code == 200


def test_session_cookie_is_signed_httponly_and_samesite_lax(
    client: TestClient, world: World
) -> None:
    done = _login(client, World.email("operator"))
    cookie = done.headers["set-cookie"]
    assert cookie.startswith(security.SESSION_COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    value = client.cookies[security.SESSION_COOKIE]
    client.cookies.clear()
    client.cookies.set(security.SESSION_COOKIE, value[:-2] + "xx")  # tampered signature
    assert client.get("/account").status_code == 303


def test_cookies_are_secure_over_https_or_when_forced(
    seeded: Seeded, web_settings: WebSettings
) -> None:
    from sellerops.core.config import get_settings
    from sellerops.web.app import create_app

    for base, mode in (("https://testserver", "auto"), ("http://testserver", "always")):
        settings = web_settings.model_copy(update={"cookie_secure": mode})
        app = create_app(engine=seeded.engine, settings=get_settings(), web_settings=settings)
        with TestClient(app, base_url=base, follow_redirects=False) as client:
            page = client.get("/login")
            assert "Secure" in page.headers["set-cookie"]
            if base.startswith("https"):
                assert "max-age" in page.headers["strict-transport-security"]


def test_wrong_password_shows_a_message_that_does_not_say_which_part_was_wrong(
    client: TestClient, world: World
) -> None:
    wrong = _login(client, World.email("operator"), password="not the password")
    unknown = _login(client, "nobody@example.com")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Wrong email or password" in response.text
    assert security.SESSION_COOKIE not in client.cookies


def test_lockout_after_five_failures_refuses_even_the_right_password(
    client: TestClient, seeded: Seeded, world: World
) -> None:
    for _ in range(5):
        assert (
            _login(client, World.email("viewer"), password="guess guess guess").status_code == 401
        )
    assert _login(client, World.email("viewer")).status_code == 401
    with unit_of_work(seeded.engine) as s:
        user = s.get(User, world.users["viewer"])
        assert user is not None and user.locked_until is not None


def test_login_without_the_csrf_token_is_refused(client: TestClient, world: World) -> None:
    _login_form(client)
    response = client.post(
        "/login", data={"email": World.email("owner"), "password": PASSWORD, "csrf_token": "x"}
    )
    assert response.status_code == 403
    assert security.SESSION_COOKIE not in client.cookies


def test_every_signed_in_post_needs_the_session_csrf_token(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    assert client.post("/account/lang", data={"lang": "zh"}).status_code == 403
    assert (
        client.post("/account/lang", data={"lang": "zh", "csrf_token": "x" * 43}).status_code == 403
    )
    ok = client.post("/account/lang", data={"lang": "zh", "csrf_token": csrf})
    assert ok.status_code == 303
    via_header = client.post(
        "/account/lang", data={"lang": "en"}, headers={security.CSRF_HEADER: csrf}
    )
    assert via_header.status_code == 303


def test_logout_ends_the_session_on_the_server(
    app: FastAPI, client: TestClient, world: World
) -> None:
    csrf = sign_in(client, app, world.users["operator"])
    stolen = client.cookies[security.SESSION_COOKIE]
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    client.cookies.clear()
    client.cookies.set(security.SESSION_COOKIE, stolen)  # replaying the old cookie
    assert client.get("/account").status_code == 303


def test_signing_in_again_replaces_the_session(client: TestClient, world: World) -> None:
    _login(client, World.email("operator"))
    first = client.cookies[security.SESSION_COOKIE]
    token = client.cookies[security.CSRF_COOKIE].rpartition(".")[0]
    form = {"email": World.email("operator"), "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=form).status_code == 303
    second = client.cookies[security.SESSION_COOKIE]
    assert second != first
    client.cookies.clear()
    client.cookies.set(security.SESSION_COOKIE, first)
    assert client.get("/account").status_code == 303  # the old session ended


def test_next_cannot_send_people_to_another_site(client: TestClient, world: World) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        done = _login(client, World.email("owner"), next=target)
        assert done.headers["location"] == "/"
        client.cookies.clear()


def test_pages_carry_security_headers(client: TestClient) -> None:
    page = client.get("/login")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in page.headers  # plain http here


def test_login_page_language_from_query_then_cookie(client: TestClient) -> None:
    zh = client.get("/login?lang=zh")
    assert "登录" in zh.text and 'lang="zh-CN"' in zh.text
    assert client.cookies[security.LANG_COOKIE] == "zh"
    assert "登录" in client.get("/login").text  # the cookie remembers
    assert "Sign in" in client.get("/login?lang=en").text


def test_login_page_follows_the_browser_language(client: TestClient) -> None:
    assert "登录" in client.get("/login", headers={"accept-language": "zh-CN,zh;q=0.9"}).text
    assert "Sign in" in client.get("/login", headers={"accept-language": "de-DE"}).text


def test_api_without_credentials_answers_401_with_bearer_challenge(client: TestClient) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    bad = client.get("/api/v1/me", headers={"authorization": "Bearer sot_nope"})
    assert bad.status_code == 401


def test_htmx_request_without_session_is_redirected_by_header(client: TestClient) -> None:
    response = client.post("/stores/1/findings/1/status", headers={"hx-request": "true"})
    assert response.status_code == 401
    assert response.headers["hx-redirect"] == "/login"
