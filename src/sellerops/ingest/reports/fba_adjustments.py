"""FBA inventory adjustments (``GET_FBA_FULFILLMENT_INVENTORY_ADJUSTMENTS_DATA``) -> inventory_adjustment.

Headers of report-formats.md section 2e (plus Airbyte's optional ``reconciled`` /
``unreconciled``), read by name. Key: transaction item id, FNSKU, reason code and
disposition; lines repeating it in one file are one adjustment, their quantities added.
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
from sellerops.inventory.models import InventoryAdjustment

COLUMNS: tuple[Column, ...] = (
    column("adjusted", "adjusted-date", required=True, nonempty=True),
    column("transaction_item_id", "transaction-item-id", required=True, nonempty=True,
           max_len=64),
    column("fnsku", "fnsku", required=True, max_len=16, default=""),
    column("sku", "sku", required=True, max_len=64),
    column("title", "product-name", max_len=500, truncate=True),
    column("fulfillment_center", "fulfillment-center-id", max_len=16),
    column("quantity", "quantity", kind="int", required=True, nonempty=True),
    column("reason", "reason", required=True, max_len=32, default=""),
    column("disposition", "disposition", max_len=32, default=""),
    column("reconciled", "reconciled", kind="int"),
    column("unreconciled", "unreconciled", kind="int"),
)  # fmt: skip
_KEY = ("transaction_item_id", "fnsku", "reason", "disposition")
_ADDED = ("quantity", "reconciled", "unreconciled")
_FIELDS = (*_KEY, *_ADDED, "adjusted_at", "adjusted_day", "sku", "fulfillment_center")


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    return read_rows(table, header_map, COLUMNS, {"adjusted": parse_moment})


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["adjusted_at"], row["adjusted_day"] = utc_and_day(row["adjusted"], ctx.marketplace)
    local_time_note(result, rows, "adjusted", "adjusted-date", ctx.marketplace)
    counted = store(ctx, InventoryAdjustment, merge(rows, _KEY, _ADDED), _KEY, _FIELDS)
    remember_products(ctx, rows)
    return finish(result, counted, (r["adjusted_day"] for r in rows))


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: net units adjusted (found minus lost, damaged ...)."""
    return {"quantity": total(parsed, market, "quantity")}


FAMILY = Family(
    name="fba_adjustments",
    title="FBA Inventory Adjustments",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
