"""Restock Inventory (``GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT``) -> restock_recommendation.

Tab-separated with Title Case headers (report-formats.md section 2b), read by name. The file
has no date column: it is Amazon's advice on the day it was downloaded, taken from the file
name or ``--date``. ``Country`` says the marketplace of each row; rows of another marketplace
than the store's are rejected. ``Recommended ship date`` may be ``none``; computed quantities
are read as whole numbers even when written ``12.0``. Advice of an older day than the
store's newest is kept as history and leaves the catalog's details alone (``_snapshots``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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
from sellerops.ingest.reports import _snapshots as snapshots
from sellerops.ingest.reports._fact_rows import (
    MARKET,
    check_unique,
    own_rows,
    parse_count,
    parse_optional_date,
    read_rows,
    store,
)
from sellerops.inventory.models import RestockRecommendation

_COUNTS: dict[str, str] = {
    "units_sold_last_30_days": "Units Sold Last 30 Days",
    "total_units": "Total Units",
    "inbound": "Inbound",
    "available": "Available",
    "fc_transfer": "FC transfer",
    "fc_processing": "FC Processing",
    "customer_order": "Customer Order",
    "unfulfillable": "Unfulfillable",
    "working": "Working",
    "shipped": "Shipped",
    "receiving": "Receiving",
    "recommended_replenishment_qty": "Recommended replenishment qty",
}
_TEXTS: dict[str, tuple[str, int]] = {
    "fnsku": ("FNSKU", 16),
    "condition": ("Condition", 32),
    "supplier": ("Supplier", 120),
    "supplier_part_no": ("Supplier part no.", 64),
    "currency": ("Currency code", 3),
    "fulfilled_by": ("Fulfilled by", 32),
    "alert": ("Alert", 64),
    "recommended_action": ("Recommended action", 120),
    "unit_storage_size": ("Unit storage size", 32),
}
_REQUIRED = {"available", "recommended_replenishment_qty"}
COLUMNS: tuple[Column, ...] = (
    column("sku", "Merchant SKU", required=True, nonempty=True, max_len=64),
    column("asin", "ASIN", kind="asin", required=True),
    column("title", "Product Name", max_len=500, truncate=True),
    column("country", "Country"),
    column("price", "Price", kind="decimal"),
    column("sales_last_30_days", "Sales last 30 days", kind="decimal"),
    column("total_days_of_supply", "Total Days of Supply (including units from open shipments)",
           kind="decimal"),
    column("days_of_supply_at_amazon", "Days of Supply at Amazon Fulfillment Network",
           kind="decimal"),
    column("recommended_ship_date", "Recommended ship date"),
    *(column(k, h, max_len=n) for k, (h, n) in _TEXTS.items()),
    *(column(k, h, required=k in _REQUIRED) for k, h in _COUNTS.items()),
)  # fmt: skip
_FIELDS = ("snapshot_date", "sku", "asin", "price", "sales_last_30_days",
           "total_days_of_supply", "days_of_supply_at_amazon", "recommended_ship_date",
           *_TEXTS, *_COUNTS)  # fmt: skip


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Any] = {"recommended_ship_date": parse_optional_date}
    converters |= dict.fromkeys(_COUNTS, parse_count)
    parsed = read_rows(table, header_map, COLUMNS, converters, market_key="country")
    check_unique(table.file_name, parsed.records, ("_market", "sku"), "Merchant SKU")
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    """The advice of ``ctx.day``; one of an older day than the store's newest is kept as
    history and refreshes no product's details."""
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    newest = snapshots.newest_day(ctx, RestockRecommendation, "snapshot_date")
    older = snapshots.is_older(ctx.day, newest)
    for row in rows:
        row["snapshot_date"] = ctx.day
        row["currency"] = (row["currency"] or ctx.marketplace.currency).upper()
    counted = store(ctx, RestockRecommendation, rows, ("snapshot_date", "sku"), _FIELDS)
    snapshots.remember_products(ctx, snapshots.products_of(rows), older=older)
    result.inserted, result.updated = counted.inserted, counted.updated
    result.data_start = result.data_end = ctx.day
    if older and ctx.day is not None and newest is not None:
        result.notes.append(snapshots.older_note(FAMILY.title, ctx.day, newest))
    return result


#: The counts that are units in Amazon's warehouses (sellable, reserved, unsellable).
_ON_HAND = ("available", "fc_transfer", "fc_processing", "customer_order", "unfulfillable")


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: units in Amazon's warehouses (available, FC transfer, FC processing,
    customer orders and unfulfillable; inbound not), as Manage FBA Inventory counts them."""
    rows = [r for r in parsed.records if r.get(MARKET) in (None, market.code)]
    return {"quantity": Decimal(sum(r.get(k) or 0 for r in rows for k in _ON_HAND))}


FAMILY = Family(
    name="fba_restock",
    title="Restock Inventory",
    columns=COLUMNS,
    needs_day=True,
    parse=parse,
    load=load,
    totals=totals,
)
