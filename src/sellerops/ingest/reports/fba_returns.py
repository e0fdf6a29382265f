"""FBA customer returns (``GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA``) -> customer_return.

The 13 tab-separated columns of report-formats.md section 5, read by name (a Chinese tool's
extra columns are ignored). A line is keyed by order, SKU, license plate number, detailed
disposition and return moment, so monthly files that overlap, or one imported twice, change
no total, while the units of one return that were judged apart (one SELLABLE, one
CUSTOMER_DAMAGED, without license plates) stay apart.

``customer-comments`` is the buyer's free text and comes last, and the file is not quoted:
a tab inside a comment would split it into extra fields, so those are joined back into the
comment; a line break inside one would start a short line that does not begin with a date, so
such a line is added to the comment above it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

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
    finish,
    local_time_note,
    merge,
    own_rows,
    parse_moment,
    read_rows,
    remember_products,
    store,
    total,
    utc_and_day,
)
from sellerops.ingest.values import ValueFormatError
from sellerops.service.models import CustomerReturn

COLUMNS: tuple[Column, ...] = (
    column("returned", "return-date", required=True, nonempty=True),
    column("order_id", "order-id", required=True, nonempty=True, max_len=32),
    column("sku", "sku", required=True, nonempty=True, max_len=64),
    column("asin", "asin", kind="asin"),
    column("fnsku", "fnsku", max_len=16),
    column("title", "product-name", max_len=500, truncate=True),
    column("quantity", "quantity", kind="int", required=True, nonempty=True),
    column("fulfillment_center", "fulfillment-center-id", max_len=16),
    column("detailed_disposition", "detailed-disposition", required=True, max_len=32, default=""),
    column("reason", "reason", max_len=64),
    column("status", "status", max_len=64),
    column("license_plate_number", "license-plate-number", max_len=32, default=""),
    column("customer_comments", "customer-comments"),
)
_KEY = ("order_id", "sku", "license_plate_number", "detailed_disposition", "returned_at")
_FIELDS = (*_KEY, "return_day", "asin", "fnsku", "quantity", "fulfillment_center",
           "reason", "status", "customer_comments")  # fmt: skip


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    comments = next(
        (m.index for m in header_map.mapped if m.column.key == "customer_comments"), None
    )
    if comments == header_map.size - 1:
        table = dataclasses.replace(table, rows=_mended(table.rows, comments))
    return read_rows(table, header_map, COLUMNS, {"returned": parse_moment})


def _mended(
    rows: Iterator[tuple[int, list[str]]], comments: int
) -> Iterator[tuple[int, list[str]]]:
    """Rows with the comment's tabs and line breaks put back (see the module docstring)."""
    pending: tuple[int, list[str]] | None = None
    for line, cells in rows:
        if len(cells) > comments + 1:
            cells = [*cells[:comments], "\t".join(cells[comments:])]
        if pending is not None and len(cells) < comments and not _starts_a_return(cells):
            pending[1][comments] += "\n" + "\t".join(cells)
            continue
        if pending is not None:
            yield pending
        pending = (line, cells) if len(cells) == comments + 1 else None
        if pending is None:
            yield line, cells
    if pending is not None:
        yield pending


#: What is left of a return date cut mid-way (``2026-11``, ``11/0``): not a comment line.
_CUT_DATE = re.compile(r"\d[\d./:T+-]*")


def _starts_a_return(cells: list[str]) -> bool:
    """A line cut short (a truncated download) still starts with its return date (in either
    order of day and month: the column's order is decided once the rows are split), or
    with what the cut left of it."""
    if len(cells) == 1 and _CUT_DATE.fullmatch(cells[0].strip()):
        return True
    for order in ("mdy", "dmy"):
        try:
            with values.reading_dates(values.DateReading(order)):
                parse_moment(cells[0])
        except ValueFormatError:
            continue
        return True
    return False


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["returned_at"], row["return_day"] = utc_and_day(row["returned"], ctx.marketplace)
    local_time_note(result, rows, "returned", "return-date", ctx.marketplace)
    counted = store(ctx, CustomerReturn, merge(rows, _KEY, ("quantity",)), _KEY, _FIELDS)
    remember_products(ctx, rows)
    return finish(result, counted, (r["return_day"] for r in rows))


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: units returned."""
    return {"quantity": total(parsed, market, "quantity")}


FAMILY = Family(
    name="fba_returns",
    title="FBA Customer Returns",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
