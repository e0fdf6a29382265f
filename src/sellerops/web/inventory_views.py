"""The Inventory page: the restock plan as a table, and the same plan as an XLSX download.

Both read the plan stored for the day (``inventory.plan_store``): computed once, when first
asked for, and again when an owner or manager asks to recalculate, in the background
(``web.jobs``): a large store's page says "being computed" instead of waiting for it.
"""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from sellerops.accounts.service import allows
from sellerops.catalog import performance
from sellerops.core import i18n
from sellerops.core.models import Store
from sellerops.core.xlsx import write_table
from sellerops.inventory import plan_explain, plan_store
from sellerops.inventory.plan_models import RestockPlanRun
from sellerops.inventory.planning import PlanRow
from sellerops.web import jobs, restock_messages  # noqa: F401  (registers the texts)
from sellerops.web.deps import DB, SignedIn, store_access
from sellerops.web.page_cache import cached_page
from sellerops.web.today import currency_of
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Columns of the table and the spreadsheet, as message keys ``web.restock.col.<name>``.
COLUMNS = ("sku", "title", "on_hand", "forecast", "cover", "stockout", "order_by",
           "order_units", "order_value", "lead_time", "method", "why")  # fmt: skip


PER_PAGE = 50


def _as_of(session: DB, store: Store) -> date:
    return performance.latest_day(session=session, store_id=store.id) or date.today()


@router.get("/stores/{store_id}/restock")
def restock_page(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    access = store_access(session, principal, store_id)
    engine = request.app.state.engine

    def build() -> dict[str, Any]:
        as_of = _as_of(session, access.store)
        job = jobs.running_plan(engine, store_id)
        run = session.get(RestockPlanRun, (store_id, as_of))
        # missing, or older than the newest import (stale notes): compute it in the background
        if job is None and (run is None or plan_store.is_stale(session=session, run=run)):
            session.commit()  # the job writes through its own connection
            job = jobs.compute_plan(engine, store_id, as_of)
        if job is not None and job.done.is_set():
            job = None
        session.expire_all()  # what the job stored
        stored = (
            plan_store.StoredPlan(as_of, None, [], 0)
            if job is not None and session.get(RestockPlanRun, (store_id, as_of)) is None
            else plan_store.stored_plan(
                session=session, store=access.store, as_of=as_of,
                offset=(page - 1) * PER_PAGE, limit=PER_PAGE, compute=job is None,
            )
        )  # fmt: skip
        return {
            "computing": job.started_at if job is not None else None,
            "plan": stored.rows,
            "total": stored.total,
            "page": page,
            "pages": max(1, -(-stored.total // PER_PAGE)),
            "computed_at": stored.computed_at,
            "newer_import_at": stored.newer_import_at,
            "losing": sum(1 for r in stored.rows if r.losing_money),
            # the demand class in the words of the CLI, the spreadsheets and the explanation
            "demand_words": {
                m: plan_explain.demand_label(m, principal.user.lang)
                for m in plan_explain.DEMAND_LABELS
            },
            "can_recalculate": allows(access.role, "manage"),
            "as_of": as_of,
            "columns": COLUMNS,
            "currency": currency_of(access.store),
            "store": access.store,
            "role": access.role,
            **page_context(session, principal),
        }

    return cached_page(request, session, principal, store_id, build, "restock.html")


@router.post("/stores/{store_id}/restock/recalculate")
def recalculate(request: Request, session: DB, principal: SignedIn, store_id: int) -> Response:
    """Recompute today's stored plan (owners and managers: it forecasts every SKU) in the
    background; the page says so until it is stored."""
    access = store_access(session, principal, store_id)
    access.require("manage")
    as_of = _as_of(session, access.store)
    session.commit()  # the job writes through its own connection
    jobs.compute_plan(request.app.state.engine, store_id, as_of,
                      computed_by=principal.user.email, force=True)  # fmt: skip
    return RedirectResponse(f"/stores/{store_id}/restock", status_code=303)


def sheet_row(row: PlanRow, lang: str = "en") -> list[Any]:
    """One plan line as spreadsheet cells, in the order of :data:`COLUMNS`.

    Endless cover (no demand) is an empty cell: spreadsheets have no infinity. The last cell
    explains the numbers in ``lang``.
    """
    line = row.line
    return [
        row.sku,
        row.title,
        line.position,
        round(row.forecast_per_day, 2),
        round(line.days_of_cover, 1) if math.isfinite(line.days_of_cover) else None,
        line.stockout_date,
        line.order_by,
        line.order_units,
        row.order_value,
        round(row.lead_time_days),
        plan_explain.demand_label(row.method, lang),
        row.explain(lang),
    ]


@router.get("/stores/{store_id}/restock.xlsx")
def restock_download(session: DB, principal: SignedIn, store_id: int) -> Response:
    access = store_access(session, principal, store_id)
    lang = principal.user.lang
    as_of = _as_of(session, access.store)
    plan = plan_store.stored_plan(session=session, store=access.store, as_of=as_of).rows
    headers = [i18n.t(f"web.restock.col.{c}", lang) for c in COLUMNS]
    with tempfile.TemporaryDirectory(prefix="sellerops-xlsx-") as tmp:
        path = Path(tmp) / "restock.xlsx"
        write_table(
            path, i18n.t("web.restock.sheet", lang), headers, [sheet_row(r, lang) for r in plan]
        )
        content = path.read_bytes()
    name = f"restock-{access.store.marketplace_code}-{as_of.isoformat()}.xlsx"
    return Response(
        content, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'}
    )
