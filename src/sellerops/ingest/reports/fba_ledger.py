"""The FBA Inventory Ledger, detail view (``GET_LEDGER_DETAIL_VIEW_DATA``) ->
inventory_ledger_event, and summary view (``GET_LEDGER_SUMMARY_VIEW_DATA``) ->
inventory_ledger_balance.

Headers as Seller Central writes them (Reports > Fulfillment > Inventory Ledger, and the
SP-API report of the same name); the column set is pinned from Airbyte's schemas of both
reports (``source-amazon-seller-partner/schemas/GET_LEDGER_*_VIEW_DATA.json``), which list
the headers verbatim. ``Date`` is ``MM/DD/YYYY`` in the US download (other date forms are
read too); the summary view's monthly aggregation writes the month as ``10/2026``. ``Country``
(detail) / ``Location`` (summary, a country code or a fulfillment center) say where a row
belongs: rows of another marketplace than the store's are skipped and counted as rejected.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sellerops.core.marketplaces import Marketplace
from sellerops.ingest import values
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import (
    Column,
    Family,
    HeaderMap,
    LoadContext,
    LoadResult,
    Parsed,
    Totals,
    column,
)
from sellerops.ingest.reports._fact_rows import (
    MARKET,
    Row,
    finish,
    local_time_note,
    market_code,
    merge,
    own_rows,
    parse_moment,
    read_rows,
    reads_dates,
    remember_products,
    store,
    total,
    utc_and_day,
)
from sellerops.inventory.ledger_models import InventoryLedgerBalance, InventoryLedgerEvent

DETAIL_COLUMNS: tuple[Column, ...] = (
    column("date", "Date", required=True, nonempty=True),
    column("fnsku", "FNSKU", required=True, max_len=16, default=""),
    column("asin", "ASIN", kind="asin"),
    column("sku", "MSKU", required=True, max_len=64),
    column("title", "Title", max_len=500, truncate=True),
    column("event_type", "Event Type", required=True, nonempty=True, max_len=32),
    column("reference_id", "Reference ID", required=True, max_len=64, default=""),
    column("quantity", "Quantity", kind="int", required=True, nonempty=True),
    column("fulfillment_center", "Fulfillment Center", max_len=16, default=""),
    column("disposition", "Disposition", required=True, max_len=32, default=""),
    column("reason", "Reason", max_len=32, default=""),
    column("country", "Country", max_len=8),
    column("reconciled", "Reconciled Quantity", kind="int"),
    column("unreconciled", "Unreconciled Quantity", kind="int"),
    column("date_time", "Date and Time"),
)
_DETAIL_KEY = ("day", "fnsku", "event_type", "reference_id", "fulfillment_center",
               "disposition", "reason")  # fmt: skip
_DETAIL_ADDED = ("quantity", "reconciled", "unreconciled")
_DETAIL_FIELDS = (*_DETAIL_KEY, *_DETAIL_ADDED, "moment", "asin", "sku", "country")

#: summary view: file header -> field
_MOVEMENTS = {
    "Starting Warehouse Balance": "starting",
    "In Transit Between Warehouses": "in_transit",
    "Receipts": "receipts",
    "Customer Shipments": "customer_shipments",
    "Customer Returns": "customer_returns",
    "Vendor Returns": "vendor_returns",
    "Warehouse Transfer In/Out": "transfers",
    "Found": "found",
    "Lost": "lost",
    "Damaged": "damaged",
    "Disposed": "disposed",
    "Other Events": "other",
    "Ending Warehouse Balance": "ending",
    "Unknown Events": "unknown",
}
_REQUIRED_MOVEMENTS = {"starting", "ending", "receipts", "customer_shipments"}
SUMMARY_COLUMNS: tuple[Column, ...] = (
    column("date", "Date", required=True, nonempty=True),
    column("fnsku", "FNSKU", required=True, max_len=16, default=""),
    column("asin", "ASIN", kind="asin"),
    column("sku", "MSKU", required=True, max_len=64),
    column("title", "Title", max_len=500, truncate=True),
    column("disposition", "Disposition", required=True, max_len=32, default=""),
    *(column(key, header, kind="int", required=key in _REQUIRED_MOVEMENTS)
      for header, key in _MOVEMENTS.items()),
    column("location", "Location", max_len=16, default=""),
)  # fmt: skip
_SUMMARY_KEY = ("period_start", "period", "fnsku", "disposition", "location")
_SUMMARY_FIELDS = (*_SUMMARY_KEY, *_MOVEMENTS.values(), "asin", "sku")


class LedgerDateFormatError(values.ValueFormatError):
    expected = "a date like 11/26/2026 or 2026-11-26, or a month like 11/2026"


_MONTH = re.compile(r"(\d{1,2})/(\d{4})")


@reads_dates
def _period(text: str) -> tuple[date, str]:
    """``11/2026`` -> (first of the month, "month"); a date -> (that day, "day")."""
    stripped = text.strip()
    month = _MONTH.fullmatch(stripped)
    if month:
        m, y = int(month.group(1)), int(month.group(2))
        if 1 <= m <= 12:
            return date(y, m, 1), "month"
        raise LedgerDateFormatError(text)
    try:
        moment = parse_moment(stripped)
    except values.ValueFormatError:
        raise LedgerDateFormatError(text) from None
    return (moment.date() if isinstance(moment, datetime) else moment), "day"


@reads_dates
def _optional_moment(text: str) -> datetime | date | None:
    return parse_moment(text) if text and text.strip() else None


def parse_detail(table: FileTable, header_map: HeaderMap) -> Parsed:
    return read_rows(
        table,
        header_map,
        DETAIL_COLUMNS,
        {"date": parse_moment, "date_time": _optional_moment},
        market_key="country",
    )


def load_detail(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        # Date is the marketplace-local day Amazon books the movement on
        when = row["date"]
        row["day"] = when.date() if isinstance(when, datetime) else when
        moment = row.get("date_time")
        row["moment"] = (
            utc_and_day(moment, ctx.marketplace)[0] if isinstance(moment, datetime) else None
        )
    local_time_note(result, rows, "date_time", "Date and Time", ctx.marketplace)
    counted = store(
        ctx, InventoryLedgerEvent, merge(rows, _DETAIL_KEY, _DETAIL_ADDED), _DETAIL_KEY,
        _DETAIL_FIELDS,
    )  # fmt: skip
    remember_products(ctx, rows)
    return finish(result, counted, (r["day"] for r in rows))


def detail_totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: net units moved (receipts and returns in, shipments and losses out)."""
    return {"quantity": total(parsed, market, "quantity")}


def parse_summary(table: FileTable, header_map: HeaderMap) -> Parsed:
    parsed = read_rows(table, header_map, SUMMARY_COLUMNS, {"date": _period})
    for row in parsed.records:
        row["period_start"], row["period"] = row.pop("date")
        # Location is a country code (aggregated by country) or a fulfillment center
        row[MARKET] = market_code(row["location"]) if len(row["location"]) == 2 else None
        if row[MARKET] is not None:
            parsed.marketplaces[row[MARKET]] += 1
    return parsed


def load_summary(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    counted = store(ctx, InventoryLedgerBalance, merge(rows, _SUMMARY_KEY, ()), _SUMMARY_KEY,
                    _SUMMARY_FIELDS)  # fmt: skip
    remember_products(ctx, rows)
    return finish(result, counted, (day for r in rows for day in _period_days(r)))


def _period_days(row: Row) -> tuple[date, date]:
    """The first and the last day of a row's period (a day, or a whole month)."""
    start: date = row["period_start"]
    if row["period"] != "month":
        return start, start
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def summary_totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: units on hand at the end of the file's last period: each item's
    (FNSKU, disposition, location) ending balance of the latest day or month the file
    gives it, added over the items. Balances of earlier days are not added: they are the
    same units counted again."""
    latest: dict[tuple[Any, ...], Row] = {}
    rows: list[Row] = parsed.records
    for row in rows:
        if row.get(MARKET) not in (None, market.code):
            continue
        item = (row["fnsku"], row["disposition"], row["location"])
        kept = latest.get(item)
        if kept is None or row["period_start"] >= kept["period_start"]:
            latest[item] = row
    return {"quantity": Decimal(sum(r["ending"] or 0 for r in latest.values()))}


FAMILIES = (
    Family(
        name="fba_ledger_detail",
        title="FBA Inventory Ledger (detailed view)",
        columns=DETAIL_COLUMNS,
        needs_day=False,
        parse=parse_detail,
        load=load_detail,
        totals=detail_totals,
    ),
    Family(
        name="fba_ledger_summary",
        title="FBA Inventory Ledger (summary view)",
        columns=SUMMARY_COLUMNS,
        needs_day=False,
        parse=parse_summary,
        load=load_summary,
        totals=summary_totals,
    ),
)
