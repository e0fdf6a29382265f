"""The Settings page: stores and their marketplaces, users and their store grants; and
each store's own settings page: product costs (the costs sheet) and notification targets.

Owners see and change everything and alone add stores. A manager sees the people granted
one of the stores they manage and grants or removes roles (up to manager) in those stores
only. Everyone else gets 403: the page exists, but not for them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.accounts import service as accounts
from sellerops.accounts.models import StoreGrant, User
from sellerops.catalog.models import Product
from sellerops.core import i18n
from sellerops.core.marketplaces import MARKETPLACES, UnknownMarketplaceError
from sellerops.core.models import Store
from sellerops.core.stores import create_store, find_store
from sellerops.finance.models import ProductCost
from sellerops.ingest import templates
from sellerops.notifications import service as notify
from sellerops.notifications.models import KINDS, NotificationTarget
from sellerops.web import module_messages  # noqa: F401  (registers the page texts)
from sellerops.web.deps import (
    DB,
    ForbiddenError,
    NotFoundError,
    Principal,
    SignedIn,
    StoreAccess,
    store_access,
)
from sellerops.web.rendering import render
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

GRANTABLE = ("viewer", "operator", "manager")


def managed_stores(session: Session, principal: Principal) -> list[Store]:
    """The stores whose people this user may manage."""
    return [s for s, role in principal.stores(session) if accounts.allows(role, "manage")]


def _require_admin(session: Session, principal: Principal) -> list[Store]:
    stores = managed_stores(session, principal)
    if not stores:
        raise ForbiddenError("manage")
    return stores


def _grants(session: Session, store_ids: list[int]) -> list[tuple[User, list[StoreGrant]]]:
    rows = session.execute(
        select(User, StoreGrant)
        .join(StoreGrant, StoreGrant.user_id == User.id)
        .where(StoreGrant.store_id.in_(store_ids))
        .order_by(User.email, StoreGrant.store_id)
    )
    people: dict[int, tuple[User, list[StoreGrant]]] = {}
    for user, grant in rows:
        people.setdefault(user.id, (user, []))[1].append(grant)
    return list(people.values())


def _page(
    request: Request, session: Session, principal: Principal, status_code: int = 200, **extra: Any
) -> Response:
    stores = _require_admin(session, principal)
    extra.setdefault("error", None)
    extra.setdefault("notice", None)
    return render(
        request,
        "settings.html",
        lang=principal.user.lang,
        status_code=status_code,
        managed=stores,
        store_names={s.id: s.name for s in stores},
        people=_grants(session, [s.id for s in stores]),
        owners=list(session.scalars(select(User).where(User.is_owner).order_by(User.email))),
        marketplaces=sorted(MARKETPLACES),
        grantable=GRANTABLE,
        is_owner=principal.user.is_owner,
        **page_context(session, principal),
        **extra,
    )


@router.get("/settings")
def settings_page(request: Request, session: DB, principal: SignedIn) -> Response:
    return _page(request, session, principal)


@router.post("/settings/stores")
def add_store(
    request: Request,
    session: DB,
    principal: SignedIn,
    name: Annotated[str, Form(min_length=1, max_length=120)],
    marketplace: Annotated[str, Form(max_length=8)],
) -> Response:
    if not principal.user.is_owner:
        raise ForbiddenError("owner")
    name = name.strip()
    if not name or find_store(session=session, name=name) is not None:
        return _page(request, session, principal, 400, error=("web.settings.store_exists", name))
    try:
        create_store(session=session, name=name, marketplace=marketplace)
    except UnknownMarketplaceError:
        return _page(request, session, principal, 400, error=("web.settings.bad_market", name))
    return RedirectResponse("/settings", status_code=303)


@router.post("/settings/users")
def add_user(
    request: Request,
    session: DB,
    principal: SignedIn,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=256)],
    role: Annotated[str, Form(pattern="^(viewer|operator|manager)$")],
    display_name: Annotated[str, Form(max_length=120)] = "",
    store_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    allowed = {s.id: s for s in _require_admin(session, principal)}
    chosen = [allowed[i] for i in store_ids or [] if i in allowed]
    if len(chosen) != len(store_ids or []):
        raise ForbiddenError("manage")  # a store one does not manage
    try:
        with session.begin_nested():  # the user and the grants, or nothing
            user = accounts.create_user(
                session=session, email=email, password=password, display_name=display_name or None
            )
            for store in chosen:
                accounts.grant(session=session, user=user, store=store, role=role)
    except accounts.AccountError as exc:
        return _page(request, session, principal, 400, error=("web.settings.user_failed", str(exc)))
    return RedirectResponse("/settings", status_code=303)


@router.post("/settings/grants")
def add_grant(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: Annotated[int, Form()],
    email: Annotated[str, Form(max_length=254)],
    role: Annotated[str, Form(pattern="^(viewer|operator|manager)$")],
) -> Response:
    access = store_access(session, principal, store_id)
    access.require("manage")
    user = accounts.find_user(session=session, email=email)
    if user is None:
        return _page(request, session, principal, 400, error=("web.settings.no_user", email))
    if not user.is_owner:
        accounts.grant(session=session, user=user, store=access.store, role=role)
    return RedirectResponse("/settings", status_code=303)


@router.post("/settings/stores/{store_id}/grants/{user_id}/remove")
def remove_grant(session: DB, principal: SignedIn, store_id: int, user_id: int) -> Response:
    access = store_access(session, principal, store_id)
    access.require("manage")
    accounts.revoke_grant(session=session, user_id=user_id, store_id=access.store.id)
    return RedirectResponse("/settings", status_code=303)


# --- one store's settings: product costs and notification targets (managers and owners) ---

COST_ROWS = 500


def _store_page(
    request: Request, session: Session, principal: Principal, access: StoreAccess,
    status_code: int = 200, **extra: Any,
) -> Response:  # fmt: skip
    store_id = access.store.id
    lang = principal.user.lang
    costs = list(
        session.scalars(
            select(ProductCost).where(ProductCost.store_id == store_id)
            .order_by(ProductCost.sku, ProductCost.effective_from.desc()).limit(COST_ROWS)
        )
    )  # fmt: skip
    extra.setdefault("error", None)
    extra.setdefault("form", {})
    return render(
        request, "store_settings.html", lang=lang, status_code=status_code, costs=costs,
        cost_count=_count(session, ProductCost, store_id), missing=_without_cost(session, store_id),
        targets=notify.targets(session=session, store_id=store_id), mask=notify.mask,
        kinds=KINDS, kind_name=lambda k: i18n.t(f"web.notify.kinds.{k}", lang),
        store=access.store, role=access.role, **page_context(session, principal), **extra,
    )  # fmt: skip


def _count(session: Session, model: Any, store_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(model).where(model.store_id == store_id))
        or 0
    )


def _without_cost(session: Session, store_id: int) -> int:
    costed = select(ProductCost.sku).where(ProductCost.store_id == store_id)
    query = (
        select(func.count())
        .select_from(Product)
        .where(
            Product.store_id == store_id, Product.unit_cost.is_(None), Product.sku.not_in(costed)
        )
    )
    return session.scalar(query) or 0


def _managed(session: Session, principal: Principal, store_id: int) -> StoreAccess:
    access = store_access(session, principal, store_id)
    access.require("manage")
    return access


@router.get("/stores/{store_id}/settings")
def store_settings(request: Request, session: DB, principal: SignedIn, store_id: int) -> Response:
    return _store_page(request, session, principal, _managed(session, principal, store_id))


@router.get("/stores/{store_id}/settings/costs-template.csv")
def costs_template(session: DB, principal: SignedIn, store_id: int) -> Response:
    _managed(session, principal, store_id)
    lang = principal.user.lang
    body = "\ufeff" + templates.render("costs", lang)  # BOM: Excel shows Chinese headers
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="costs-template-{lang}.csv"'},
    )


@router.post("/stores/{store_id}/settings/notifications")
def add_notification_target(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    kind: Annotated[str, Form(max_length=16)],
    name: Annotated[str, Form(max_length=200)],
    address: Annotated[str, Form(max_length=1000)],
    secret: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    access = _managed(session, principal, store_id)
    try:
        notify.add_target(session=session, store_id=store_id, kind=kind, name=name,
                          address=address, secret=secret, actor=principal.user.email)  # fmt: skip
    except notify.TargetError as exc:
        form = {"kind": kind, "name": name}  # never echo the URL or the secret back
        return _store_page(request, session, principal, access, 400, form=form,
                           error=(f"web.notify.error.{exc.code}", exc.params))  # fmt: skip
    return RedirectResponse(f"/stores/{store_id}/settings#notifications", status_code=303)


def _target(session: Session, store_id: int, target_id: int) -> NotificationTarget:
    found = notify.get_target(session=session, store_id=store_id, target_id=target_id)
    if found is None:
        raise NotFoundError()
    return found


@router.post("/stores/{store_id}/settings/notifications/{target_id}/enabled")
def switch_notification_target(
    session: DB,
    principal: SignedIn,
    store_id: int,
    target_id: int,
    enabled: Annotated[bool, Form()] = False,
) -> Response:
    _managed(session, principal, store_id)
    _target(session, store_id, target_id).enabled = enabled
    return RedirectResponse(f"/stores/{store_id}/settings#notifications", status_code=303)


@router.post("/stores/{store_id}/settings/notifications/{target_id}/delete")
def delete_notification_target(
    session: DB, principal: SignedIn, store_id: int, target_id: int
) -> Response:
    _managed(session, principal, store_id)
    session.delete(_target(session, store_id, target_id))
    return RedirectResponse(f"/stores/{store_id}/settings#notifications", status_code=303)
