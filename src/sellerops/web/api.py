"""JSON API under ``/api/v1``: bearer tokens (or a browser session), same store rules as pages."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from sellerops.accounts.service import find_user
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.web.deps import DB, ApiUser, store_access
from sellerops.web.today import current_review, item_of
from sellerops.web.views import finding_of_store

router = APIRouter(prefix="/api/v1", tags=["v1"])

Lang = Literal["en", "zh"]


class Me(BaseModel):
    email: str
    display_name: str
    lang: Lang
    is_owner: bool


class StoreOut(BaseModel):
    id: int
    name: str
    marketplace: str
    role: Literal["owner", "manager", "operator", "viewer"]


class FindingOut(BaseModel):
    """One finding, as ``sellerops review --json`` prints it."""

    model_config = ConfigDict(extra="allow")

    id: int
    key: str
    module: str
    kind: str
    severity: Literal["critical", "high", "medium", "low"]
    entity: str
    entity_type: str
    title: str
    evidence: dict[str, Any]
    money_at_stake: float = Field(description="in `currency` per `money_period`")
    money_period: Literal["day", "month", "once"]
    currency: str
    action: str
    status: Literal["new", "acknowledged", "snoozed", "done"]
    new: bool
    first_seen: date
    score: float
    assignee: str | None = Field(default=None, description="email of the assigned user")


class ReviewOut(BaseModel):
    """The review of the store's newest day with data (``date`` is null without data)."""

    model_config = ConfigDict(extra="allow")

    date: date | None
    store: str
    marketplace: str
    findings: list[FindingOut]
    errors: dict[str, str]


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")  # no mass assignment: only these fields

    status: Literal["new", "acknowledged", "snoozed", "done"]
    snoozed_until: date | None = None
    note: str | None = Field(default=None, max_length=500)


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignee: str | None = Field(
        max_length=254, description="email of a user of the store (operator or above); null: nobody"
    )


@router.get("/me", response_model=Me)
def me(principal: ApiUser) -> Me:
    user = principal.user
    return Me(
        email=user.email,
        display_name=user.display_name,
        lang=user.lang,
        is_owner=user.is_owner,
    )


@router.get("/stores", response_model=list[StoreOut])
def stores(session: DB, principal: ApiUser) -> list[StoreOut]:
    return [
        StoreOut(id=s.id, name=s.name, marketplace=s.marketplace_code, role=role)
        for s, role in principal.visible
    ]


@router.get("/stores/{store_id}/review", response_model=ReviewOut)
def review(
    session: DB, principal: ApiUser, store_id: int, lang: Lang | None = None
) -> dict[str, Any]:
    """The ranked findings of the newest day, run first if that day has not been reviewed."""
    access = store_access(session, principal, store_id)
    _as_of, result = current_review(session=session, store=access.store)
    if result is None:
        store = access.store
        return {
            "date": None,
            "store": store.name,
            "marketplace": store.marketplace_code,
            "findings": [],
            "errors": {},
        }
    return present.review_to_dict(result, lang or principal.user.lang)


@router.post("/stores/{store_id}/findings/{finding_id}/status", response_model=FindingOut)
def set_status(
    session: DB,
    principal: ApiUser,
    store_id: int,
    finding_id: int,
    body: StatusIn,
    lang: Lang | None = None,
) -> dict[str, Any]:
    """Acknowledge, snooze (needs ``snoozed_until``), finish or reopen a finding."""
    access = store_access(session, principal, store_id)
    access.require("act")
    row = finding_of_store(session, store_id, finding_id)
    if body.status == "snoozed" and body.snoozed_until is None:
        raise HTTPException(status_code=422, detail="snoozing needs snoozed_until")
    try:
        row = daily.set_status(
            session=session,
            finding_id=row.id,
            status=body.status,
            snoozed_until=body.snoozed_until,
            note=body.note,
        )
    except daily.SnoozeDateError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    item = item_of(session, row)
    review = daily.Review(store=access.store, as_of=row.last_seen, items=[item])
    return present.item_to_dict(item, review, lang or principal.user.lang)


@router.post("/stores/{store_id}/findings/{finding_id}/assignee", response_model=FindingOut)
def assign(
    session: DB,
    principal: ApiUser,
    store_id: int,
    finding_id: int,
    body: AssignIn,
    lang: Lang | None = None,
) -> dict[str, Any]:
    """Assign a finding to a user of the store (by email), or to nobody (``null``)."""
    access = store_access(session, principal, store_id)
    access.require("act")
    row = finding_of_store(session, store_id, finding_id)
    language = lang or principal.user.lang
    user_id = None
    if body.assignee is not None:
        user = find_user(session=session, email=body.assignee)
        if user is None:  # the same answer as for a user without access: no probing for emails
            refused = daily.AssignError(
                "finding.assign.no_grant", user=body.assignee, store=access.store.name
            )
            raise HTTPException(status_code=422, detail=refused.text(language))
        user_id = user.id
    try:
        row = daily.assign(session=session, finding_id=row.id, user_id=user_id)
    except daily.AssignError as exc:
        raise HTTPException(status_code=422, detail=exc.text(language)) from exc
    item = item_of(session, row)
    review = daily.Review(store=access.store, as_of=row.last_seen, items=[item])
    return present.item_to_dict(item, review, language)
