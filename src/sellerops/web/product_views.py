"""The Products pages: the searchable, sortable catalog and one product over time."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sellerops.catalog import performance
from sellerops.catalog.selling_price import WINDOW_DAYS, average_selling_prices
from sellerops.core import i18n
from sellerops.web import products
from sellerops.web.deps import DB, NotFoundError, SignedIn, store_access
from sellerops.web.page_cache import cached_page, remember
from sellerops.web.rendering import short_day
from sellerops.web.today import currency_of, items_from_rows
from sellerops.web.views import assignees, page_context, row_context

router = APIRouter(include_in_schema=False)


def newest_day(request: Request, session: Session, store_id: int) -> date:
    """The store's newest day of data (today without any), once per data version."""
    found = remember(
        request, "latest_day", lambda: performance.latest_day(session=session, store_id=store_id)
    )
    return found or date.today()


def merchant_stock(request: Request, session: Session, store_id: int, as_of: date) -> Any:
    """The store's merchant-fulfilled SKUs and their own stock, once per data version."""
    return remember(
        request, ("merchant_stock", as_of),
        lambda: products.merchant_stock(session=session, store_id=store_id, as_of=as_of),
    )  # fmt: skip


SERIES = ("sales", "units", "sessions", "conversion", "price", "buy_box", "stock",
          "forecast", "forecast_p90")  # fmt: skip


@router.get("/stores/{store_id}/products")
def catalog(
    request: Request,
    session: DB,
    principal: SignedIn,
    store_id: int,
    q: Annotated[str, Query(max_length=100)] = "",
    sort: Annotated[str, Query(pattern="^[a-z_]{1,20}$")] = "sales",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    access = store_access(session, principal, store_id)

    def build() -> dict[str, Any]:
        as_of = newest_day(request, session, store_id)
        fresh = remember(
            request, "rollups_fresh",
            lambda: products.rollups_fresh(session=session, store_id=store_id, as_of=as_of) or None,
        )  # fmt: skip
        listing = products.catalog_page(
            session=session, store_id=store_id, as_of=as_of, search=q.strip(),
            sort=sort, descending=order == "desc", page=page, known_fresh=bool(fresh),
        )  # fmt: skip
        lang = principal.user.lang
        currency = currency_of(access.store)
        merchant = merchant_stock(request, session, store_id, as_of)
        return {
            "listing": listing,
            "rows": products.rows_html(store_id, listing.lines, currency, lang, merchant),
            "q": q,
            "sort": sort if sort in products.SORTS else "sales",
            "order": order,
            "as_of": as_of,
            "window": products.WINDOW_DAYS,
            "currency": currency_of(access.store),
            "store": access.store,
            "role": access.role,
            **page_context(session, principal),
        }

    return cached_page(request, session, principal, store_id, build, "products.html")


@router.get("/stores/{store_id}/products/{product_id}")
def product_page(
    request: Request, session: DB, principal: SignedIn, store_id: int, product_id: int
) -> Response:
    access = store_access(session, principal, store_id)
    product = products.product_of_store(session, store_id, product_id)
    if product is None:
        raise NotFoundError()
    lang = principal.user.lang

    def build() -> dict[str, Any]:
        assert product is not None
        as_of = newest_day(request, session, store_id)
        chart = products.product_chart(
            session=session, store=access.store, product=product, as_of=as_of
        )
        chart["labels"] = [short_day(date.fromisoformat(d), lang) for d in chart["dates"]]
        chart["names"] = {k: i18n.t(f"web.product.series.{k}", lang) for k in SERIES}
        rows = products.open_findings(session=session, store_id=store_id, product=product)
        currency = currency_of(access.store)
        # the price the ads and margins work at (the average selling price, else the listing
        # price), computed for the store once per data version
        sold = remember(request, ("selling_prices", as_of), lambda: average_selling_prices(
            session=session, store_id=store_id, as_of=as_of, currency=currency))  # fmt: skip
        stock = products.stock_now(session, store_id, product.sku, as_of)
        merchant = merchant_stock(request, session, store_id, as_of)
        # the Stock panel charts FBA stock: where it has none, it says why
        if product.sku in merchant:
            chart["stock_note"] = i18n.t("web.product.no_stock_history.merchant", lang)
        elif all(v is None for v in chart["stock"]):
            chart["stock_note"] = i18n.t("web.product.no_stock_history", lang)
        return {
            "product": product,
            "prices": products.price_facts(product, sold.get(product.sku), WINDOW_DAYS),
            "stock_text": products.stock_text(product.sku, stock, merchant, lang),
            "chart": chart,
            "items": items_from_rows(session, list(rows)),
            **page_context(session, principal),
            **row_context(access, as_of, lang),
            "assignees": assignees(request, session, access),
        }

    return cached_page(
        request, session, principal, store_id, build, "product.html", with_users=True
    )
