"""Manage FBA Inventory (``GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA``) -> inventory snapshots.

The file has no date column: it is the stock on the day it was downloaded, taken from the
file name or ``--date``. The 21-column layout and the older 18-column one (without the
researching / future-supply columns) are both read by header name. One row per SKU; a SKU
repeated in one file is an error, since it cannot be told which row is right. A file of an
older day than the store's newest snapshot is kept as history and leaves the catalog's
details alone (``reports._snapshots``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from sellerops.core.db import upsert
from sellerops.core.marketplaces import Marketplace
from sellerops.ingest.cells import RowParser
from sellerops.ingest.errors import FileError
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
from sellerops.ingest.reports import _snapshots as snapshots
from sellerops.inventory.models import InventorySnapshot

_STOCK = {"kind": "int", "required": True, "default": 0}
COLUMNS: tuple[Column, ...] = (
    column("sku", "sku", required=True, nonempty=True, max_len=64),
    column("fnsku", "fnsku", max_len=16),
    column("asin", "asin", kind="asin", required=True),
    column("title", "product-name", max_len=500, truncate=True),
    column("condition", "condition", max_len=32),
    column("your_price", "your-price", kind="decimal"),
    column("mfn_listing_exists", "mfn-listing-exists", kind="flag"),
    column("mfn_fulfillable", "mfn-fulfillable-quantity", kind="int"),
    column("afn_listing_exists", "afn-listing-exists", kind="flag"),
    column("warehouse_total", "afn-warehouse-quantity", kind="int"),
    column("fulfillable", "afn-fulfillable-quantity", **_STOCK),
    column("unfulfillable", "afn-unsellable-quantity", **_STOCK),
    column("reserved", "afn-reserved-quantity", **_STOCK),
    column("afn_total", "afn-total-quantity", kind="int"),
    column("per_unit_volume", "per-unit-volume", kind="decimal"),
    column("inbound_working", "afn-inbound-working-quantity", **_STOCK),
    column("inbound_shipped", "afn-inbound-shipped-quantity", **_STOCK),
    column("inbound_receiving", "afn-inbound-receiving-quantity", **_STOCK),
    column("researching", "afn-researching-quantity", kind="int"),
    column("reserved_future_supply", "afn-reserved-future-supply", kind="int"),
    column("future_supply_buyable", "afn-future-supply-buyable", kind="int"),
)
#: Parsed and validated, but kept on the product rather than the snapshot.
_NOT_STORED = ("title",)


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    """Every row validated; one row per SKU."""
    parser = RowParser(table.file_name, header_map, COLUMNS)
    by_sku: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    rows_read = 0
    for line, cells in table.rows:
        rows_read += 1
        row = parser.parse(line, cells)
        sku = row["sku"]
        if sku in by_sku:
            raise FileError(
                table.file_name,
                f"SKU {sku!r} appears again (first on line {first_line[sku]})",
                line=line,
            )
        by_sku[sku], first_line[sku] = row, line
    return Parsed(rows_read, by_sku)


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: units in Amazon's warehouses (``afn-warehouse-quantity``, else
    fulfillable + unsellable + reserved)."""
    rows = parsed.records.values()
    units = sum(
        r["warehouse_total"]
        if r["warehouse_total"] is not None
        else r["fulfillable"] + r["unfulfillable"] + r["reserved"]
        for r in rows
    )
    return {"quantity": Decimal(units)}


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    """The snapshot of ``ctx.day``. One of an older day than the store's newest is kept as
    history (stock readers take each SKU's newest day) and refreshes no product's details."""
    by_sku: dict[str, dict[str, Any]] = parsed.records
    newest = snapshots.newest_day(ctx, InventorySnapshot, "snapshot_date")
    older = snapshots.is_older(ctx.day, newest)
    rows = [_snapshot_row(ctx, row) for row in by_sku.values()]
    table: Table = InventorySnapshot.__table__  # type: ignore[assignment]
    result = upsert(ctx.session, table, rows, key=["store_id", "snapshot_date", "sku"])
    products = [
        {"sku": r["sku"], "fnsku": r["fnsku"], "asin": r["asin"], "title": r["title"],
         "price": r["your_price"]}
        for r in by_sku.values()
    ]  # fmt: skip
    snapshots.remember_products(ctx, products, older=older)
    loaded = LoadResult(result.inserted, result.updated, 0, ctx.day, ctx.day)
    if older and ctx.day is not None and newest is not None:
        loaded.notes.append(snapshots.older_note(FAMILY.title, ctx.day, newest))
    return loaded


def _snapshot_row(ctx: LoadContext, row: dict[str, Any]) -> dict[str, Any]:
    snapshot = {k: v for k, v in row.items() if k not in _NOT_STORED}
    snapshot.update(store_id=ctx.store.id, snapshot_date=ctx.day, import_batch_id=ctx.batch_id)
    return snapshot


FAMILY = Family(
    name="fba_inventory",
    title="Manage FBA Inventory",
    columns=COLUMNS,
    needs_day=True,
    parse=parse,
    load=load,
    totals=totals,
)
