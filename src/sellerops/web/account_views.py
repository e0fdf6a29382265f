"""The account page: language, the stores and roles one has, API tokens (shown once)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.web.auth_views import safe_next
from sellerops.web.deps import DB, NotFoundError, Principal, SignedIn
from sellerops.web.rendering import render
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)


def _account_page(
    request: Request, session: DB, principal: Principal, new_token: str | None = None
) -> Response:
    context = page_context(session, principal)
    return render(
        request,
        "account.html",
        lang=principal.user.lang,
        status_code=201 if new_token else 200,
        tokens=tokens.list_api_tokens(session=session, user_id=principal.user.id),
        store_names={s.id: s.name for s, _role in context["stores"]},
        new_token=new_token,
        **context,
    )


@router.get("/account")
def account(request: Request, session: DB, principal: SignedIn) -> Response:
    return _account_page(request, session, principal)


@router.post("/account/lang")
def set_language(
    session: DB,
    principal: SignedIn,
    lang: Annotated[str, Form(pattern="^(en|zh)$")],
    next: Annotated[str, Form()] = "/",
) -> Response:
    principal.account(session).lang = lang
    session.flush()
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/account/tokens")
def create_token(
    request: Request,
    session: DB,
    principal: SignedIn,
    name: Annotated[str, Form(max_length=80)],
    store_id: Annotated[str, Form(pattern=r"^\d*$")] = "",
) -> Response:
    try:
        new = tokens.create_api_token(
            session=session,
            user=principal.account(session),
            name=name,
            store_id=int(store_id) if store_id else None,
        )
    except accounts.AccountError:
        raise NotFoundError() from None  # a store one may not see looks like no store
    return _account_page(request, session, principal, new_token=new.secret)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(session: DB, principal: SignedIn, token_id: int) -> Response:
    if not tokens.revoke_api_token(session=session, user_id=principal.user.id, token_id=token_id):
        raise NotFoundError()
    return RedirectResponse("/account", status_code=303)
