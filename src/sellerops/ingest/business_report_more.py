"""The other two Business Reports of "Detail Page Sales and Traffic":

* **By Parent Item** -> ``sales_traffic_parent_daily`` (``sales_traffic_parent_period`` for a
  report over several days). Like the child report it has no date column: the day comes from
  the file name, ``--date`` or ``--from``/``--to`` (the same rules, ``resolve.resolve_period``).
  Its columns are the child report's without ``(Child) ASIN`` and ``SKU`` (20 in the full
  layout: sessions, session %, page views, page views %, Buy Box %, units, unit session %,
  sales and order items, each with its B2B column). Sources: a parser of "Detail Page Sales and
  Traffic By Parent Item.csv" [GH-CODE, index id 16640531724] reading those 20 columns by
  position from ``(Parent) ASIN``, ``Title``; the legacy ``"(Parent) ASIN","Title","Sessions",
  "Page Views",…,"Gross Product Sales","Orders Placed"`` in a PHP importer's comments
  [GH-CODE, index id 33671842000]; the tester's file (``BusinessReport_US_parent_*.csv``).
* **By Date** ("Detail Page Sales and Traffic", the store's totals) ->
  ``sales_traffic_store_daily``, one row per ``Date``. Its columns are those of the SP-API
  ``salesAndTrafficByDate`` (report-formats.md §1: ``SalesByDate`` / ``TrafficByDate``) as the
  UI names them: ``Date``, ``Ordered Product Sales``, ``Units Ordered``, ``Total Order Items``,
  ``Sessions - Total``, ``Page Views - Total``, ``Featured Offer (Buy Box) Percentage``, ``Unit
  Session Percentage``, ``Units Refunded``, ``Shipped Product Sales``, ``Units Shipped``,
  ``Orders Shipped`` …; a parser of "Detail Page Sales and Traffic.csv" [GH-CODE, index id
  16866143884] reads date, sales, units, order items, page views, sessions, Buy Box % and unit
  session % from it.

Neither is read by the daily review, the per-SKU figures or the forecasts: they read the child
table only (a parent's or the store's total would count its children twice).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from sellerops.catalog.traffic_models import (
    SalesTrafficParentDaily,
    SalesTrafficParentPeriod,
    SalesTrafficStoreDaily,
)
from sellerops.core.db import upsert
from sellerops.core.marketplaces import Marketplace
from sellerops.ingest import business_report as child
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import CellError
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
from sellerops.ingest.reports._fact_rows import date_readings
from sellerops.ingest.values import Amount, currency_for

_CHILD = {c.key: c for c in child.COLUMNS}
#: The measures the parent and the by-date reports share with the child report.
_MEASURES = (
    "sessions", "sessions_b2b", "session_pct", "page_views", "page_views_b2b",
    "page_views_pct", "buy_box_pct", "units_ordered", "units_ordered_b2b", "unit_session_pct",
    "ordered_sales", "ordered_sales_b2b", "total_order_items", "total_order_items_b2b",
)  # fmt: skip
_ADDITIVE = (
    "sessions", "sessions_b2b", "page_views", "page_views_b2b", "units_ordered",
    "units_ordered_b2b", "ordered_sales", "ordered_sales_b2b", "total_order_items",
    "total_order_items_b2b",
)  # fmt: skip
#: The child report's columns these reports have but sellerops does not store here.
_IGNORED = tuple(
    c
    for c in child.COLUMNS
    if c.kind == "ignore" or c.key in ("sessions_mobile", "sessions_browser")
)
_IGNORED = tuple(replace(c, kind="ignore") for c in _IGNORED)


def _ignored(*names: str) -> Column:
    return Column("~" + names[0], names, kind="ignore")


PARENT_COLUMNS: tuple[Column, ...] = (
    replace(_CHILD["parent_asin"], required=True, nonempty=True),
    _CHILD["title"],
    *(_CHILD[key] for key in _MEASURES),
    *_IGNORED,
    # the legacy layout [GH-CODE 33671842000]
    _ignored("Gross Product Sales"),
    _ignored("Orders Placed"),
)

#: The by-date report's columns that the child report does not have.
_BY_DATE_ONLY: tuple[Column, ...] = (
    column("units_refunded", "Units Refunded", kind="int"),
    column("shipped_sales", "Shipped Product Sales", kind="amount"),
    column("units_shipped", "Units Shipped", kind="int"),
    column("orders_shipped", "Orders Shipped", kind="int"),
)
BY_DATE_COLUMNS: tuple[Column, ...] = (
    replace(_CHILD["row_day"], required=True, nonempty=True),
    *(_CHILD[key] for key in _MEASURES),
    *_BY_DATE_ONLY,
    *_IGNORED,
    *(
        _ignored(name)
        for name in (
            "Average Sales per Order Item",
            "Average Sales per Order Item - B2B",
            "Average Units per Order Item",
            "Average Units per Order Item - B2B",
            "Average Selling Price",
            "Average Selling Price - B2B",
            "Refund Rate",
            "Feedback Received",
            "Negative Feedback Received",
            "Received Negative Feedback Rate",
            "A-to-z Claims Granted",
            "Claims Amount",
            "Average Offer Count",
            "Average Parent Items",
        )
    ),
)


@dataclass(slots=True)
class _Rows:
    #: parent ASIN (By Parent Item) or day (By Date) -> the row
    by_key: dict[Any, dict[str, Any]] = field(default_factory=dict)


def parse_parent(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row of a By Parent Item report; a parent ASIN on several rows is summed."""
    parser = RowParser(table.file_name, header_map, PARENT_COLUMNS)
    records = _Rows()
    rows_read = 0
    for line, cells in table.rows:
        rows_read += 1
        row = parser.parse(line, cells)
        seen = records.by_key.get(row["parent_asin"])
        if seen is None:
            records.by_key[row["parent_asin"]] = row
        else:
            child._add_into(seen, row, _ADDITIVE)
    return child.sales_parsed(records.by_key.values(), rows_read, records)


def parse_by_date(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row of a By Date report: one day each (a day on two rows is refused)."""
    lines = list(table.rows)  # its 05/11/2026 reads as the whole column says (day_order)
    readings = date_readings(table, header_map, lines)
    parser = RowParser(table.file_name, header_map, BY_DATE_COLUMNS, readings)
    dated = next(m.header for m in header_map.mapped if m.column.key == "row_day")
    records = _Rows()
    first_line: dict[date, int] = {}
    rows_read = 0
    for line, cells in lines:
        rows_read += 1
        row = parser.parse(line, cells)
        day = row["row_day"]
        if day in first_line:
            raise CellError(table.file_name, f"the day {day} appears again (first on line "
                            f"{first_line[day]})", line=line, column=dated)  # fmt: skip
        first_line[day] = line
        records.by_key[day] = row
    parsed = child.sales_parsed(records.by_key.values(), rows_read, records)
    parsed.dated_rows = True
    return parsed


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``units`` ordered and ``sales`` (ordered product sales) of the whole file."""
    return child.sales_totals(parsed.records.by_key.values())


def _fact(ctx: LoadContext, row: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    sales: Amount | None = row["ordered_sales"]
    sales_b2b: Amount | None = row["ordered_sales_b2b"]
    fact = {key: row[key] for key in (*_MEASURES, *keep)}
    fact.update(
        store_id=ctx.store.id,
        ordered_sales=sales.value if sales else Decimal(0),
        ordered_sales_b2b=sales_b2b.value if sales_b2b else None,
        currency=currency_for(sales.symbol if sales else None, ctx.marketplace.currency),
        import_batch_id=ctx.batch_id,
    )
    return fact


def load_parent(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows = [_fact(ctx, row, ("parent_asin", "title")) for row in parsed.records.by_key.values()]
    if ctx.until is not None:  # totals over day .. until
        for row in rows:
            row["date_from"], row["date_to"] = ctx.day, ctx.until
        table: Table = SalesTrafficParentPeriod.__table__  # type: ignore[assignment]
        key = ["store_id", "date_from", "date_to", "parent_asin"]
    else:
        for row in rows:
            row["day"] = ctx.day
        table = SalesTrafficParentDaily.__table__  # type: ignore[assignment]
        key = ["store_id", "day", "parent_asin"]
    result = upsert(ctx.session, table, rows, key=key)
    removed = child.drop_absent(ctx, SalesTrafficParentDaily, SalesTrafficParentPeriod)
    notes = [child.absent_note(removed, "parent", ctx)] if removed else []
    return LoadResult(result.inserted, result.updated, 0, ctx.day, ctx.until or ctx.day, notes)


def load_by_date(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows = []
    for day, row in parsed.records.by_key.items():
        fact = _fact(ctx, row, ("units_refunded", "units_shipped", "orders_shipped"))
        shipped: Amount | None = row["shipped_sales"]
        fact.update(day=day, shipped_sales=shipped.value if shipped else None)
        rows.append(fact)
    table: Table = SalesTrafficStoreDaily.__table__  # type: ignore[assignment]
    result = upsert(ctx.session, table, rows, key=["store_id", "day"])
    days = [row["day"] for row in rows]
    first, last = (min(days), max(days)) if days else (None, None)
    return LoadResult(result.inserted, result.updated, 0, first, last)


forget_parent = child.batch_remover(SalesTrafficParentDaily, SalesTrafficParentPeriod)


PARENT = Family(
    name="business_report_parent",
    title="Business Report (Detail Page Sales and Traffic By Parent Item)",
    columns=PARENT_COLUMNS,
    needs_day=True,
    ranges=True,
    parse=parse_parent,
    load=load_parent,
    totals=totals,
    forget=forget_parent,
)
BY_DATE = Family(
    name="business_report_by_date",
    title="Business Report (Detail Page Sales and Traffic, by date)",
    columns=BY_DATE_COLUMNS,
    needs_day=False,  # its ``Date`` column says each row's day
    parse=parse_by_date,
    load=load_by_date,
    totals=totals,
)
