"""The Advertising page: campaigns, search terms, and the optimizer's recommendations to
approve or reject (one by one or in bulk, in place with htmx), then the bulk file to upload.

Who may do what (``accounts.allows``): everyone granted the store reads the page and the
change log; operators and up ("act") approve, reject, run the optimizer, write the bulk file
and download it and its revert file; viewers never change anything. Each decision and each
export is logged in ``ad_change_log`` with the signed-in user's email.

Bulk files are not kept on disk: an export marks its recommendations ``exported`` with one
timestamp, and the two files are written again from those rows on each download (the
revert file then also carries the ids Amazon gave created keywords, once a later bulk
download has been imported).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from sellerops.accounts.service import allows
from sellerops.ads import bulk_export
from sellerops.ads import recommendations as recs
from sellerops.ads.models import AdRecommendation
from sellerops.catalog import performance as catalog_performance
from sellerops.web import ads_page
from sellerops.web.deps import DB, NotFoundError, Principal, SignedIn, StoreAccess, store_access
from sellerops.web.page_cache import cached_page
from sellerops.web.rendering import render
from sellerops.web.today import currency_of
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Decision = Annotated[str, Form(pattern="^(approve|reject)$")]


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


Full = Annotated[str, Query(pattern="^(recs|campaigns|terms)?$")]
PageNo = Annotated[int, Query(ge=1, le=1_000_000)]


def _recs_context(
    session: Session,
    principal: Principal,
    access: StoreAccess,
    kind: str | None,
    show: str,
    full: str = "",
    page: int = 1,
) -> dict[str, Any]:
    """The recommendations section: its first ``TOP``, or (``full == "recs"``) page ``page``
    of all of them."""
    whole = full == "recs"
    day, lines, counts = ads_page.recommendations(
        session=session, store_id=access.store.id, kind=kind, open_only=show == "open",
        lang=principal.user.lang, offset=(page - 1) * ads_page.PAGE_SIZE if whole else 0,
        limit=ads_page.PAGE_SIZE if whole else ads_page.TOP,
    )  # fmt: skip
    return {
        "rec_day": day, "lines": lines, "counts": counts, "kind": kind or "", "show": show,
        "full": full, "page_no": page, "top": ads_page.TOP,
        "rec_pages": ads_page.pages(counts.get("shown", 0)),
        "kinds": ads_page.KINDS, "store": access.store, "role": access.role,
        "can_act": allows(access.role, "act"), "csrf": principal.csrf,
        "currency": currency_of(access.store),
        "approved": len(recs.approved(session=session, store_id=access.store.id)),
        **ads_page.names(principal.user.lang),
    }  # fmt: skip


@router.get("/stores/{store_id}/ads")
def ads_view(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    window: Annotated[int, Query()] = ads_page.DEFAULT_WINDOW,
    kind: Annotated[str, Query(max_length=16)] = "",
    show: Annotated[str, Query(pattern="^(open|all)$")] = "open",
    exported: Annotated[int | None, Query()] = None,
    failed: Annotated[bool, Query()] = False,
    full: Full = "",
    page: PageNo = 1,
) -> Response:
    """The page: each section's first ``ads_page.TOP`` rows and a link to all of them; with
    ``full`` one section alone, ``ads_page.PAGE_SIZE`` rows a page."""
    access = store_access(session, principal, store_id)
    window = window if window in ads_page.WINDOWS else ads_page.DEFAULT_WINDOW
    chosen = kind if kind in ads_page.KINDS else None

    def build() -> dict[str, Any]:
        data = ads_page.performance(session=session, store_id=store_id, window=window)
        recs_part = _recs_context(session, principal, access, chosen, show, full, page)
        return {
            "data": data,
            "ads_behind": _ads_behind(session, store_id, data.as_of, recs_part["rec_day"]),
            **_table_rows(session, store_id, data, full, page),
            "windows": ads_page.WINDOWS,
            "exports": ads_page.exports(session=session, store_id=store_id),
            "log": ads_page.change_log(session=session, store_id=store_id),
            "just_exported": exported,
            "failed": failed,
            **(page_context(session, principal) | recs_part),
        }

    return cached_page(request, session, principal, store_id, build, "ads.html")


def _table_rows(
    session: Session, store_id: int, data: ads_page.AdsPage, full: str, page: int
) -> dict[str, Any]:
    """The campaign and search-term rows the page lists, and their page counts."""
    top, size = ads_page.TOP, ads_page.PAGE_SIZE
    campaigns = (data.campaigns[(page - 1) * size : page * size] if full == "campaigns"
                 else data.campaigns[:top])  # fmt: skip
    terms = (ads_page.term_page(session=session, store_id=store_id, page=data, number=page)
             if full == "terms" else data.terms[:top])  # fmt: skip
    return {
        "campaign_rows": campaigns, "term_rows": terms,
        "campaign_pages": ads_page.pages(len(data.campaigns)),
        "term_pages": ads_page.pages(data.term_count),
    }  # fmt: skip


#: ad reports arrive a day or two late; older than this before the run day, the page says so
ADS_LAG_DAYS = 2


def _ads_behind(
    session: Session, store_id: int, ads_day: date | None, rec_day: date | None
) -> dict[str, Any] | None:
    """The newest ad data's day and the day it lags (the optimizer's run, or the store's
    newest Business Report day) when it is more than ``ADS_LAG_DAYS`` older; else None."""
    if ads_day is None:
        return None
    days = [d for d in (rec_day, catalog_performance.latest_day(session=session,
                                                                store_id=store_id)) if d]  # fmt: skip
    if not days or (max(days) - ads_day).days <= ADS_LAG_DAYS:
        return None
    return {"ads_day": ads_day, "ref_day": max(days), "days": (max(days) - ads_day).days}


@router.post("/stores/{store_id}/ads/refresh")
def run_optimizer(session: DB, principal: SignedIn, store_id: int) -> Response:
    """Plan the newest day now (the daily review does it too)."""
    access = store_access(session, principal, store_id)
    access.require("act")
    store = access.store
    as_of = catalog_performance.latest_day(
        session=session, store_id=store_id
    ) or ads_page.latest_ads_day(session, store_id)
    if as_of is not None:
        # the review's positions: the day's stored restock plan's rate and cover
        positions = recs.day_positions(session=session, store=store, as_of=as_of)
        recs.refresh(session=session, store_id=store_id, as_of=as_of,
                     currency=currency_of(store), positions=positions)  # fmt: skip
    return RedirectResponse(f"/stores/{store_id}/ads#recommendations", status_code=303)


@router.post("/stores/{store_id}/ads/recommendations/{rec_id}")
def decide_one(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    rec_id: int,
    decision: Decision,
) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    row = session.get(AdRecommendation, rec_id)
    if row is None or row.store_id != store_id:
        raise NotFoundError()
    error = _decide(session, principal, store_id, [rec_id], decision)
    if not _is_htmx(request):
        return _back(store_id, error)
    session.refresh(row)
    line = ads_page.recommendation_lines(session, [row], principal.user.lang)[0]
    rec_day, counts = ads_page.day_counts(session=session, store_id=store_id)
    return render(
        request, "_ad_rec_row.html", lang=principal.user.lang, line=line, row_error=error,
        oob=True, store=access.store, csrf=principal.csrf, can_act=True,
        currency=currency_of(access.store), rec_day=rec_day, counts=counts,
        approved=len(recs.approved(session=session, store_id=store_id)),
        **ads_page.names(principal.user.lang),
    )  # fmt: skip


@router.post("/stores/{store_id}/ads/recommendations")
def decide_many(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    decision: Decision,
    ids: Annotated[list[int] | None, Form()] = None,
    every: Annotated[bool, Form()] = False,
    kind: Annotated[str, Form(max_length=16)] = "",
    show: Annotated[str, Form(pattern="^(open|all)$")] = "open",
    full: Annotated[str, Form(pattern="^(recs|campaigns|terms)?$")] = "",
    page: Annotated[int, Form(ge=1, le=1_000_000)] = 1,
) -> Response:
    """Approve or reject the ticked recommendations, or (``every``) all open ones of the
    newest day."""
    access = store_access(session, principal, store_id)
    access.require("act")
    error = None
    if every or ids:
        error = _decide(session, principal, store_id, None if every else ids, decision)
    if not _is_htmx(request):
        return _back(store_id, error)
    chosen = kind if kind in ads_page.KINDS else None
    context = _recs_context(session, principal, access, chosen, show, full, page)
    return render(
        request, "_ad_recs.html", lang=principal.user.lang, error=error, oob=True, **context
    )


def _decide(
    session: Session, principal: Principal, store_id: int, ids: list[int] | None, decision: str
) -> str | None:
    """Decide and log; the message of a decision that cannot be made, else None."""
    try:
        with session.begin_nested():  # all of them or none
            recs.decide(session=session, store_id=store_id, ids=ids,
                        actor=principal.user.email, approve=decision == "approve")  # fmt: skip
    except recs.RecommendationError as exc:
        return str(exc)
    return None


def _back(store_id: int, error: str | None) -> Response:
    """Back to the page; a refusal shows as a fixed text (a URL never carries the message)."""
    flag = "?failed=1" if error else ""
    return RedirectResponse(f"/stores/{store_id}/ads{flag}#recommendations", status_code=303)


@router.post("/stores/{store_id}/ads/export")
def export(session: DB, principal: SignedIn, store_id: int) -> Response:
    """Mark every approved change exported (one bulk file) and log it; then the page offers
    the file and its revert file."""
    access = store_access(session, principal, store_id)
    access.require("act")
    with tempfile.TemporaryDirectory(prefix="sellerops-bulk-") as tmp:
        names = _file_names(access, 0)
        applier = bulk_export.BulkFileApplier(Path(tmp) / names[0], Path(tmp) / names[1])
        done = bulk_export.export_approved(session=session, store_id=store_id, applier=applier,
                                           actor=principal.user.email)  # fmt: skip
    url = f"/stores/{store_id}/ads"
    if done.count:
        found = ads_page.exports(session=session, store_id=store_id)
        url += f"?exported={found[0].key}" if found else ""
    return RedirectResponse(url + "#exports", status_code=303)


def _file_names(access: StoreAccess, key: int) -> tuple[str, str]:
    stem = f"sp-bulk-{access.store.marketplace_code}-{key}"
    return f"{stem}.xlsx", f"{stem}-revert.xlsx"


def _download(session: Session, access: StoreAccess, key: int, revert: bool) -> Response:
    rows = ads_page.export_rows(session=session, store_id=access.store.id, key=key)
    if not rows:
        raise NotFoundError()
    names = _file_names(access, key)
    with tempfile.TemporaryDirectory(prefix="sellerops-bulk-") as tmp:
        forward, back = Path(tmp) / names[0], Path(tmp) / names[1]
        bulk_export.BulkFileApplier(forward, back).apply(session, rows)
        content = (back if revert else forward).read_bytes()
    name = names[1] if revert else names[0]
    return Response(
        content, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'}
    )


@router.get("/stores/{store_id}/ads/exports/{export_id}/bulk.xlsx")
def bulk_file(session: DB, principal: SignedIn, store_id: int, export_id: int) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    return _download(session, access, export_id, revert=False)


@router.get("/stores/{store_id}/ads/exports/{export_id}/revert.xlsx")
def revert_file(session: DB, principal: SignedIn, store_id: int, export_id: int) -> Response:
    access = store_access(session, principal, store_id)
    access.require("act")
    return _download(session, access, export_id, revert=True)
