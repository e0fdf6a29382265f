"""The Profit page: true profit by SKU over a period, with totals, a chart and a SKU's lines.

Everyone granted the store reads it ("read"): the numbers are the store's own. The period
ends on the newest Business Report day unless ``end`` says otherwise.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sellerops.catalog import performance
from sellerops.core import i18n
from sellerops.finance.messages import LINE_NAMES, line_name
from sellerops.web import (
    module_messages,  # noqa: F401  (registers the page texts)
    profit_page,
)
from sellerops.web.deps import DB, SignedIn, store_access
from sellerops.web.page_cache import cached_page
from sellerops.web.rendering import render
from sellerops.web.today import currency_of
from sellerops.web.views import page_context

router = APIRouter(include_in_schema=False)

Period = Annotated[str, Query(pattern="^(day|week|month|30d)$")]
End = Annotated[str, Query(max_length=10)]


def _end(session: Session, store_id: int, end: str) -> date:
    try:
        return date.fromisoformat(end)
    except ValueError:
        return performance.latest_day(session=session, store_id=store_id) or date.today()


@router.get("/stores/{store_id}/profit")
def profit(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    period: Period = profit_page.DEFAULT_PERIOD,
    end: End = "",
    sort: Annotated[str, Query(max_length=16)] = "profit",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    access = store_access(session, principal, store_id)
    lang = principal.user.lang
    sort = sort if sort in profit_page.SORTS else "profit"

    def build() -> dict[str, Any]:
        names = {k: i18n.t(f"web.profit.series.{k}", lang)
                 for k in ("sales", "profit", "estimated")}  # fmt: skip
        view = profit_page.profit_view(
            session=session, store_id=store_id, currency=currency_of(access.store),
            period=period, end=_end(session, store_id, end), sort=sort,
            descending=order == "desc", page=page, labels=names,
        )  # fmt: skip
        return {
            "view": view, "sort": sort, "order": order, "periods": profit_page.PERIODS,
            "groups": profit_page.GROUPS, "store": access.store, "role": access.role,
            "currency": currency_of(access.store),
            "can_manage": access.role in ("manager", "owner"),
            "period_name": lambda p: i18n.t(f"web.profit.periods.{p}", lang),
            **page_context(session, principal),
        }  # fmt: skip

    return cached_page(request, session, principal, store_id, build, "profit.html")


@router.get("/stores/{store_id}/profit/sku")
def profit_of_sku(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    sku: Annotated[str, Query(min_length=1, max_length=64)],
    period: Period = profit_page.DEFAULT_PERIOD,
    end: End = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    access = store_access(session, principal, store_id)
    lang = principal.user.lang
    detail = profit_page.sku_detail(
        session=session, store_id=store_id, currency=currency_of(access.store), sku=sku,
        period=period, end=_end(session, store_id, end), page=page,
    )  # fmt: skip
    return render(
        request, "profit_sku.html", lang=lang, detail=detail, period=period,
        line_name=lambda key: _line_label(key, lang), store=access.store, role=access.role,
        currency=currency_of(access.store), **page_context(session, principal),
    )  # fmt: skip


def _line_label(key: str, lang: str) -> str:
    if key in LINE_NAMES:
        return line_name(key, lang)
    own = f"web.profit.line.{key}"
    return i18n.t(own, lang) if i18n.has_message(own) else key
