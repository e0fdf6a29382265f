"""FBA received inventory (``GET_FBA_FULFILLMENT_INVENTORY_RECEIPTS_DATA``) -> inventory_receipt.

Headers of report-formats.md section 2e, read by name. Key: FBA shipment, FNSKU, fulfillment
center and the moment received; lines repeating it in one file are added together.
"""

from __future__ import annotations

from sellerops.core.marketplaces import Marketplace
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
from sellerops.inventory.models import InventoryReceipt

COLUMNS: tuple[Column, ...] = (
    column("received", "received-date", required=True, nonempty=True),
    column("fnsku", "fnsku", required=True, nonempty=True, max_len=16),
    column("sku", "sku", required=True, max_len=64),
    column("title", "product-name", max_len=500, truncate=True),
    column("quantity", "quantity", kind="int", required=True, nonempty=True),
    column("fba_shipment_id", "fba-shipment-id", required=True, nonempty=True, max_len=32),
    column("fulfillment_center", "fulfillment-center-id", max_len=16, default=""),
)
_KEY = ("fba_shipment_id", "fnsku", "fulfillment_center", "received_at")
_FIELDS = (*_KEY, "received_day", "sku", "quantity")


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    return read_rows(table, header_map, COLUMNS, {"received": parse_moment})


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["received_at"], row["received_day"] = utc_and_day(row["received"], ctx.marketplace)
    local_time_note(result, rows, "received", "received-date", ctx.marketplace)
    counted = store(ctx, InventoryReceipt, merge(rows, _KEY, ("quantity",)), _KEY, _FIELDS)
    remember_products(ctx, rows)
    return finish(result, counted, (r["received_day"] for r in rows))


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: units received."""
    return {"quantity": total(parsed, market, "quantity")}


FAMILY = Family(
    name="fba_received",
    title="FBA Received Inventory",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
