"""SP-API ``GET_SALES_AND_TRAFFIC_REPORT`` document (JSON) -> ``sales_traffic_daily``.

The same table the Business Report CSV fills, per day and child ASIN. The document's
``salesAndTrafficByAsin`` section has no date: it is a total over ``dataStartTime`` ..
``dataEndTime``, whatever ``dateGranularity`` says. A document of one day goes to
``sales_traffic_daily``; a longer one holds totals over its range, which cannot be spread
over its days without inventing numbers: it goes to ``sales_traffic_period``, like a Business
Report downloaded for a date range. ``asinGranularity`` must
be CHILD or SKU (PARENT has no child ASINs); SKU rows of one child ASIN are summed, and their
SKUs recorded as products. The section by date (store totals) is not stored.

Percentages are 0-100 in the document (the schema's example has ``unitSessionPercentage``
300.0 and ``buyBoxPercentage`` 95.24) and stored as fractions; amounts keep their
``currencyCode``. Fields the document lacks (titles, B2B splits) are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from sellerops.catalog import service as catalog
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.db import upsert
from sellerops.core.marketplaces import Marketplace
from sellerops.ingest import business_report, values
from sellerops.ingest.documents import json_family, marketplaces_of
from sellerops.ingest.errors import FileError
from sellerops.ingest.registry import LoadContext, LoadResult, Parsed, Totals
from sellerops.ingest.reports import _console


def _percent(text: str) -> Decimal:
    return values.parse_decimal(text) / 100


#: column of sales_traffic_daily -> (section, field, parser)
_FIELDS: dict[str, tuple[str, str, Callable[[str], Any]]] = {
    "units_ordered": ("salesByAsin", "unitsOrdered", values.parse_int),
    "units_ordered_b2b": ("salesByAsin", "unitsOrderedB2B", values.parse_int),
    "total_order_items": ("salesByAsin", "totalOrderItems", values.parse_int),
    "total_order_items_b2b": ("salesByAsin", "totalOrderItemsB2B", values.parse_int),
    "sessions": ("trafficByAsin", "sessions", values.parse_int),
    "sessions_b2b": ("trafficByAsin", "sessionsB2B", values.parse_int),
    "sessions_mobile": ("trafficByAsin", "mobileAppSessions", values.parse_int),
    "sessions_browser": ("trafficByAsin", "browserSessions", values.parse_int),
    "page_views": ("trafficByAsin", "pageViews", values.parse_int),
    "page_views_b2b": ("trafficByAsin", "pageViewsB2B", values.parse_int),
    "session_pct": ("trafficByAsin", "sessionPercentage", _percent),
    "page_views_pct": ("trafficByAsin", "pageViewsPercentage", _percent),
    "buy_box_pct": ("trafficByAsin", "buyBoxPercentage", _percent),
    "unit_session_pct": ("trafficByAsin", "unitSessionPercentage", _percent),
}
_MONEY = {"ordered_sales": "orderedProductSales", "ordered_sales_b2b": "orderedProductSalesB2B"}
_ADDITIVE = [k for k, (_, _, p) in _FIELDS.items() if p is values.parse_int] + list(_MONEY)
_REQUIRED = ("units_ordered", "total_order_items", "sessions", "page_views", "ordered_sales")


def parse(document: dict[str, Any], file_name: str) -> Parsed:
    spec = _object(document.get("reportSpecification"), file_name, "reportSpecification")
    day, until = _days(spec, file_name)
    options = spec.get("reportOptions") or {}
    granularity = str(options.get("asinGranularity") or "PARENT").upper()
    if granularity == "PARENT":
        raise FileError(
            file_name,
            "is by parent ASIN (asinGranularity PARENT); sales and traffic are stored per "
            "child ASIN: request the document with asinGranularity CHILD or SKU",
        )
    by_asin: dict[str, dict[str, Any]] = {}
    products: list[dict[str, Any]] = []
    items = document.get("salesAndTrafficByAsin") or []
    for index, item in enumerate(items if isinstance(items, list) else []):
        row = _row(_object(item, file_name, f"salesAndTrafficByAsin[{index}]"), file_name, index)
        seen = by_asin.get(row["child_asin"])
        if seen is None:
            by_asin[row["child_asin"]] = row
        else:
            for key in _ADDITIVE:
                if row[key] is not None:
                    seen[key] = row[key] if seen[key] is None else seen[key] + row[key]
        if row["sku"]:
            products.append({"sku": row["sku"], "asin": row["child_asin"],
                             "parent_asin": row["parent_asin"]})  # fmt: skip
    currency = next((r["currency"] for r in by_asin.values() if r["currency"]), None)
    records = {"day": day, "until": until, "by_asin": by_asin, "products": products}
    return Parsed(len(items), records, marketplaces=marketplaces_of(spec), currency=currency)


def _object(value: Any, file_name: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FileError(file_name, "expected an object", column=where)
    return value


def _days(spec: dict[str, Any], file_name: str) -> tuple[date, date]:
    try:
        start = _console.parse_date(str(spec.get("dataStartTime", ""))[:10])
        end = _console.parse_date(str(spec.get("dataEndTime", ""))[:10])
    except values.ValueFormatError as exc:
        raise FileError(file_name, str(exc), column="reportSpecification.dataStartTime") from None
    if end < start:
        raise FileError(
            file_name,
            f"ends ({end}) before it starts ({start})",
            column="reportSpecification.dataEndTime",
        )
    return start, end


def _row(item: dict[str, Any], file_name: str, index: int) -> dict[str, Any]:
    where = f"salesAndTrafficByAsin[{index}]"
    row: dict[str, Any] = {"currency": None}
    try:
        row["child_asin"] = values.parse_asin(str(item.get("childAsin") or ""))
    except values.ValueFormatError as exc:
        raise FileError(file_name, str(exc), column=f"{where}.childAsin") from None
    parent = item.get("parentAsin")
    row["parent_asin"] = values.parse_asin(str(parent)) if parent else None
    row["sku"] = str(item["sku"])[:64] if item.get("sku") else None
    for key, (section, name, parser) in _FIELDS.items():
        raw = (item.get(section) or {}).get(name)
        row[key] = _value(raw, parser, file_name, f"{where}.{section}.{name}", key)
    for key, name in _MONEY.items():
        amount = (item.get("salesByAsin") or {}).get(name)
        path = f"{where}.salesByAsin.{name}"
        if isinstance(amount, dict):
            row[key] = _value(amount.get("amount"), values.parse_decimal, file_name, path, key)
            row["currency"] = row["currency"] or amount.get("currencyCode")
        else:
            row[key] = _value(amount, values.parse_decimal, file_name, path, key)
    return row


def _value(raw: Any, parser: Callable[[str], Any], file_name: str, path: str, key: str) -> Any:
    if raw is None:
        if key in _REQUIRED:
            raise FileError(file_name, "expected a number, got nothing", column=path)
        return None
    try:
        return parser(str(raw))
    except values.ValueFormatError as exc:
        raise FileError(file_name, str(exc), column=path) from None


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    day, until = parsed.records["day"], parsed.records["until"]
    currency = parsed.currency or ctx.marketplace.currency
    rows = [
        {**row, "store_id": ctx.store.id, "day": day, "currency": row["currency"] or currency,
         "import_batch_id": ctx.batch_id}
        for row in parsed.records["by_asin"].values()
    ]  # fmt: skip
    if until != day:  # totals over the range
        for row in rows:
            row["date_from"], row["date_to"] = row.pop("day"), until
        result = business_report.load_period(ctx, rows)
    else:
        table: Table = SalesTrafficDaily.__table__  # type: ignore[assignment]
        result = upsert(ctx.session, table, rows, key=["store_id", "day", "child_asin"])
    catalog.upsert_products(
        session=ctx.session, store_id=ctx.store.id, products=parsed.records["products"]
    )
    return LoadResult(result.inserted, result.updated, 0, day, until)


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``units`` ordered and ``sales`` (ordered product sales) of the document."""
    rows = parsed.records["by_asin"].values()
    units = sum(r["units_ordered"] for r in rows)
    sales = sum((r["ordered_sales"] for r in rows), Decimal(0))
    return {"units": Decimal(units), "sales": sales}


FAMILY = json_family(
    name="sales_traffic_json",
    title="SP-API Sales and Traffic report (GET_SALES_AND_TRAFFIC_REPORT, JSON)",
    keys=("reportSpecification", "salesAndTrafficByAsin"),
    optional=("salesAndTrafficByDate",),
    parse=parse,
    load=load,
    totals=totals,
)
