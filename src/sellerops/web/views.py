"""The Today page: KPIs, chart and ranked findings; findings change status in place (htmx)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from sellerops.accounts.service import allows
from sellerops.catalog import performance
from sellerops.core import i18n
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.models import FindingRow
from sellerops.daily.service import ReviewItem
from sellerops.web.counts import evidence_items
from sellerops.web.deps import DB, NotFoundError, Principal, SignedIn, StoreAccess, store_access
from sellerops.web.page_cache import cached_page, remember
from sellerops.web.rendering import render
from sellerops.web.today import (
    currency_of,
    current_review,
    findings_count,
    item_of,
    today_data,
)

router = APIRouter(include_in_schema=False)


def page_context(session: Session, principal: Principal, **extra: Any) -> dict[str, Any]:
    """What every signed-in page's frame needs: the user, their stores, the CSRF token."""
    return {
        "principal": principal,
        "csrf": principal.csrf,
        "stores": list(principal.visible),
        **extra,
    }


def row_context(
    access: StoreAccess, as_of: date | None, lang: str, session: Session | None = None
) -> dict[str, Any]:
    """What ``_finding_row.html`` needs besides the item itself (with ``session``: the users
    a finding can be assigned to, for the Assign select of those who may act)."""
    base = as_of or date.today()
    assignees = (
        daily.assignable_users(session=session, store_id=access.store.id)
        if session is not None and _can_act(access)
        else []
    )
    return {
        "assignees": assignees,
        "store": access.store,
        "role": access.role,
        "can_act": _can_act(access),
        "as_of": base,
        # a week from the later of today and the review day: on a stale store the review
        # day + 7 can be today or past, and such a snooze would do nothing
        "snooze_default": daily.snooze_default(base).isoformat(),
        "snooze_min": (max(base, date.today()) + timedelta(days=1)).isoformat(),
        "money_label": lambda item: present.money_label(item, lang),
        "evidence_items": lambda finding: evidence_items(finding, lang),
        "currency": currency_of(access.store),
    }


def assignees(request: Request, session: Session, access: StoreAccess) -> list[Any]:
    """``row_context``'s users one may assign findings to, kept per users version (pages
    keyed on the users: ``cached_page(..., with_users=True)``), as plain rows."""
    if not _can_act(access):
        return []
    store_id = access.store.id

    def read() -> list[Any]:
        users = daily.assignable_users(session=session, store_id=store_id)
        return [Assignee(u.id, u.email, u.display_name) for u in users]

    return list(remember(request, ("assignees", store_id), read))


@dataclass(frozen=True, slots=True)
class Assignee:
    id: int
    email: str
    display_name: str


def _can_act(access: StoreAccess) -> bool:
    return allows(access.role, "act")


@router.get("/")
def index(request: Request, session: DB, principal: SignedIn) -> Response:
    stores = principal.visible
    if not stores:
        lang = principal.user.lang
        return render(request, "no_stores.html", lang=lang, **page_context(session, principal))
    return RedirectResponse(f"/stores/{stores[0][0].id}/today", status_code=303)


@router.get("/stores/{store_id}/today")
def today_page(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    mine: Annotated[bool, Query()] = False,
) -> Response:
    access = store_access(session, principal, store_id)
    lang = principal.user.lang

    def build() -> dict[str, Any]:
        data = today_data(
            session=session,
            store=access.store,
            lang=lang,
            page=page,
            assignee_id=principal.user.id if mine else None,
        )
        return {
            "data": data,
            "mine": mine,  # the rows' forms say so: the count they update is of "mine"
            **page_context(session, principal),
            **row_context(access, data.as_of, lang, session),
        }

    return cached_page(request, session, principal, store_id, build, "today.html", with_users=True)


@router.post("/stores/{store_id}/review")
def rerun_review(session: DB, principal: SignedIn, store_id: int) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    current_review(session=session, store=access.store, rerun=True)
    return RedirectResponse(f"/stores/{store_id}/today", status_code=303)


def finding_of_store(session: Session, store_id: int, finding_id: int) -> FindingRow:
    """The finding, only if it belongs to the store (ids of other stores answer 404)."""
    row = session.get(FindingRow, finding_id)
    if row is None or row.store_id != store_id:
        raise NotFoundError()
    return row


@router.post("/stores/{store_id}/findings/{finding_id}/status")
def change_status(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    finding_id: int,
    status: Annotated[str, Form(pattern="^(new|acknowledged|snoozed|done)$")],
    until: Annotated[str, Form(max_length=10)] = "",
    rank: Annotated[int, Form(ge=0)] = 0,
    mine: Annotated[bool, Form()] = False,
) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    row = finding_of_store(session, store_id, finding_id)
    error = None
    try:
        wake = date.fromisoformat(until) if status == "snoozed" else None
    except ValueError:
        wake = None
    if status == "snoozed" and (wake is None or wake <= row.last_seen):
        error = "web.act.bad_date"  # no date, or a day the finding is already past
    else:
        row = daily.set_status(
            session=session, finding_id=row.id, status=status, snoozed_until=wake
        )
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(f"/stores/{store_id}/today", status_code=303)
    return _row_response(request, session, principal, access, row, rank, error, mine=mine)


def _row_response(
    request: Request,
    session: Session,
    principal: Principal,
    access: StoreAccess,
    row: FindingRow,
    rank: int,
    error: str | None,
    error_text: str | None = None,
    mine: bool = False,
) -> Response:
    """The finding's row re-rendered (htmx swaps it in place), and the page's count line as
    it is now (an ``HX-Trigger`` event app.js puts in ``#findings-count``: acknowledging a
    new finding makes one fewer new, done or snoozed one fewer shown)."""
    lang = principal.user.lang
    as_of = performance.latest_day(session=session, store_id=access.store.id)
    item: ReviewItem = item_of(session, row)
    count = findings_count(
        session=session,
        store=access.store,
        lang=lang,
        assignee_id=principal.user.id if mine else None,
    )
    response = render(
        request,
        "_finding_row.html",
        lang=lang,
        item=item,
        rank=rank,
        error=error,
        error_text=error_text,
        csrf=principal.csrf,
        mine=mine,
        **row_context(access, as_of, lang, session),
    )
    # json.dumps escapes non-ASCII (\uXXXX): an HTTP header cannot carry the Chinese as is
    response.headers["HX-Trigger"] = json.dumps({"sellerops-findings-count": {"text": count}})
    return response


@router.post("/stores/{store_id}/findings/{finding_id}/assign")
def assign_finding(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    finding_id: int,
    user_id: Annotated[str, Form(max_length=12, pattern="^[0-9]*$")] = "",
    rank: Annotated[int, Form(ge=0)] = 0,
    mine: Annotated[bool, Form()] = False,
) -> Response:
    """Give the finding to a user of the store (an empty ``user_id``: to nobody)."""
    access = store_access(session, principal, store_id)
    access.require("act")
    row = finding_of_store(session, store_id, finding_id)
    error_text = None
    wanted = int(user_id) if user_id else None
    allowed = {u.id for u in daily.assignable_users(session=session, store_id=store_id)}
    if wanted is not None and wanted not in allowed:  # names nobody: ids are not probed
        error_text = i18n.t("web.assign.refused", principal.user.lang)
    else:
        try:
            row = daily.assign(session=session, finding_id=row.id, user_id=wanted)
        except daily.AssignError as exc:
            error_text = exc.text(principal.user.lang)
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(f"/stores/{store_id}/today", status_code=303)
    return _row_response(
        request, session, principal, access, row, rank, None, error_text, mine=mine
    )
