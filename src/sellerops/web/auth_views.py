"""Sign-in and sign-out. The login form is protected by a signed double-submit CSRF cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.core import i18n
from sellerops.web import security
from sellerops.web.deps import (
    DB,
    ForbiddenError,
    SignedIn,
    cookie_principal,
    request_lang,
    signer,
    web_settings,
)
from sellerops.web.rendering import render

router = APIRouter(include_in_schema=False)

LANG_COOKIE_AGE = 365 * 24 * 3600


def safe_next(target: str | None) -> str:
    """Only paths on this site: never ``//evil.example`` or ``https://...`` (open redirect)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def secure_cookies(request: Request) -> bool:
    mode = web_settings(request).cookie_secure
    return mode == "always" or (mode == "auto" and request.url.scheme == "https")


def set_cookie(
    response: Response, request: Request, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/",
    )


@router.get("/login")
def login_page(request: Request, session: DB, next: str = "/") -> Response:
    if cookie_principal(request, session) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, next=safe_next(next))


def _login_form(request: Request, *, next: str, email: str = "", failed: bool = False) -> Response:
    lang = request_lang(request)
    token = signer(request).unsign("csrf", request.cookies.get(security.CSRF_COOKIE))
    fresh = token is None
    token = token or security.new_csrf_token()
    response = render(
        request,
        "login.html",
        lang=lang,
        status_code=401 if failed else 200,
        login_csrf=token,
        next=next,
        email=email,
        failed=failed,
    )
    if fresh:
        set_cookie(response, request, security.CSRF_COOKIE, signer(request).sign("csrf", token))
    if request.query_params.get("lang") in i18n.LANGS:
        set_cookie(response, request, security.LANG_COOKIE, lang, max_age=LANG_COOKIE_AGE)
    return response


@router.post("/login")
def login_submit(
    request: Request,
    session: DB,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = signer(request).unsign("csrf", request.cookies.get(security.CSRF_COOKIE))
    if not security.same_token(csrf_token, expected):
        raise ForbiddenError("csrf")
    result = accounts.authenticate(session=session, email=email, password=password)
    if result.user is None:
        return _login_form(request, next=safe_next(next), email=email, failed=True)
    old = cookie_principal(request, session)
    if old is not None and old.session_id is not None:
        tokens.end_session_by_id(session=session, session_id=old.session_id)
    new = tokens.start_session(session=session, user=result.user)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_cookie(
        response, request, security.SESSION_COOKIE, signer(request).sign("session", new.secret)
    )
    return response


@router.post("/logout")
def logout(request: Request, session: DB, principal: SignedIn) -> Response:
    if principal.session_id is not None:
        tokens.end_session_by_id(session=session, session_id=principal.session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response
