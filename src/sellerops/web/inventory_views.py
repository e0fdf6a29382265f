"""The Inventory page: the restock plan as a table, and the same plan as an XLSX download."""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sellerops.catalog import performance
from sellerops.core import i18n
from sellerops.core.models import Store
from sellerops.core.xlsx import write_table
from sellerops.inventory.planning import PlanRow, restock_plan
from sellerops.web.deps import DB, SignedIn, store_access
from sellerops.web.rendering import render
from sellerops.web.today import currency_of
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Columns of the table and the spreadsheet, as message keys ``web.restock.col.<name>``.
COLUMNS = ("sku", "title", "on_hand", "forecast", "cover", "stockout", "order_by",
           "order_units", "order_value", "lead_time", "method")  # fmt: skip


def _as_of(session: DB, store: Store) -> date:
    return performance.latest_day(session=session, store_id=store.id) or date.today()


@router.get("/stores/{store_id}/restock")
def restock_page(request: Request, session: DB, principal: SignedIn, store_id: int) -> Response:
    access = store_access(session, principal, store_id)
    as_of = _as_of(session, access.store)
    plan = restock_plan(session=session, store=access.store, as_of=as_of)
    return render(
        request,
        "restock.html",
        lang=principal.user.lang,
        plan=plan,
        as_of=as_of,
        columns=COLUMNS,
        currency=currency_of(access.store),
        store=access.store,
        role=access.role,
        **page_context(session, principal),
    )


def sheet_row(row: PlanRow) -> list[Any]:
    """One plan line as spreadsheet cells, in the order of :data:`COLUMNS`.

    Endless cover (no demand) is an empty cell: spreadsheets have no infinity.
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
        row.method,
    ]


@router.get("/stores/{store_id}/restock.xlsx")
def restock_download(session: DB, principal: SignedIn, store_id: int) -> Response:
    access = store_access(session, principal, store_id)
    lang = principal.user.lang
    as_of = _as_of(session, access.store)
    plan = restock_plan(session=session, store=access.store, as_of=as_of)
    headers = [i18n.t(f"web.restock.col.{c}", lang) for c in COLUMNS]
    with tempfile.TemporaryDirectory(prefix="sellerops-xlsx-") as tmp:
        path = Path(tmp) / "restock.xlsx"
        write_table(path, i18n.t("web.restock.sheet", lang), headers, [sheet_row(r) for r in plan])
        content = path.read_bytes()
    name = f"restock-{access.store.marketplace_code}-{as_of.isoformat()}.xlsx"
    return Response(
        content, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'}
    )
