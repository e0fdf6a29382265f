"""FBA Inventory (``GET_FBA_INVENTORY_PLANNING_DATA``) -> inventory_health_snapshot.

The report that replaced Inventory Age and Inventory Health (report-formats.md section 2c).
Amazon adds and retires columns (the long-term storage fee columns gave way to the Aged
Inventory Surcharge ones), so every column but ``snapshot-date``, ``sku`` and ``available``
is optional and read by name; unknown columns are ignored. One row per SKU and snapshot date
(per ``marketplace`` in a unified account's file: rows of other marketplaces are rejected).
Computed quantities are read as whole numbers even when written ``12.0``. Rows of an older
day than the store's newest are kept as history and leave the catalog's details alone
(``_snapshots``).
"""

from __future__ import annotations

from datetime import date, datetime
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
    finish,
    local_day,
    own_rows,
    parse_count,
    parse_moment,
    read_rows,
    store,
)
from sellerops.inventory.models import InventoryHealthSnapshot

_AGE_BANDS = ((0, 90), (91, 180), (181, 270), (271, 365), (0, 30), (31, 60), (61, 90),
              (181, 330), (331, 365))  # fmt: skip
_AIS_BANDS = ("181-210", "211-240", "241-270", "271-300", "301-330", "331-365", "365-plus")
#: key -> header, for the whole-number columns
_COUNTS: dict[str, str] = {
    "available": "available",
    "pending_removal": "pending-removal-quantity",
    "inbound_quantity": "inbound-quantity",
    "reserved": "reserved-quantity",
    "unfulfillable": "unfulfillable-quantity",
    **{f"age_{lo}_{hi}": f"inv-age-{lo}-to-{hi}-days" for lo, hi in _AGE_BANDS},
    "age_365_plus": "inv-age-365-plus-days",
    **{f"units_shipped_t{n}": f"units-shipped-t{n}" for n in (7, 30, 60, 90)},
    "recommended_removal_quantity": "recommended-removal-quantity",
    "healthy_inventory_level": "healthy-inventory-level",
    "estimated_excess_quantity": "estimated-excess-quantity",
    "ltsf_qty_9_mo": "qty-to-be-charged-ltsf-9-mo",
    "ltsf_qty_12_mo": "qty-to-be-charged-ltsf-12-mo",
    **{
        f"ais_qty_{band.replace('-', '_')}": f"quantity-to-be-charged-ais-{band}-days"
        for band in _AIS_BANDS
    },
}
#: key -> header, for amounts (in ``currency``) and measures
_NUMBERS: dict[str, str] = {
    "your_price": "your-price",
    "sales_price": "sales-price",
    "estimated_cost_savings": "estimated-cost-savings-of-recommended-actions",
    "sell_through": "sell-through",
    "days_of_supply": "days-of-supply",
    "weeks_of_cover_t30": "weeks-of-cover-t30",
    "weeks_of_cover_t90": "weeks-of-cover-t90",
    "item_volume": "item-volume",
    "storage_volume": "storage-volume",
    "estimated_storage_cost_next_month": "estimated-storage-cost-next-month",
    "ltsf_projected_9_mo": "projected-ltsf-9-mo",
    "ltsf_next_charge": "estimated-ltsf-next-charge",
    **{f"ais_amount_{band.replace('-', '_')}": f"estimated-ais-{band}-days" for band in _AIS_BANDS},
}
_TEXTS: dict[str, tuple[str, int]] = {
    "fnsku": ("fnsku", 16),
    "condition": ("condition", 32),
    "currency": ("currency", 3),
    "alert": ("alert", 64),
    "recommended_action": ("recommended-action", 120),
    "volume_unit": ("volume-unit-measurement", 32),
    "storage_type": ("storage-type", 32),
}
COLUMNS: tuple[Column, ...] = (
    column("snapshot", "snapshot-date", required=True, nonempty=True),
    column("sku", "sku", required=True, nonempty=True, max_len=64),
    column("asin", "asin", kind="asin"),
    column("title", "product-name", max_len=500, truncate=True),
    column("marketplace", "marketplace"),
    *(column(k, h, max_len=n) for k, (h, n) in _TEXTS.items()),
    *(column(k, h, required=k == "available") for k, h in _COUNTS.items()),
    *(column(k, h, kind="decimal") for k, h in _NUMBERS.items()),
)
_FIELDS = ("snapshot_date", "sku", "asin", *_TEXTS, *_COUNTS, *_NUMBERS)


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Any] = {"snapshot": parse_moment} | dict.fromkeys(_COUNTS, parse_count)
    return read_rows(table, header_map, COLUMNS, converters, market_key="marketplace")


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["snapshot_date"] = local_day(row["snapshot"], ctx.marketplace)
        if row["currency"]:
            row["currency"] = row["currency"].upper()
    check_unique(ctx.file_name, rows, ("snapshot_date", "sku"), "snapshot date and SKU")
    newest = snapshots.newest_day(ctx, InventoryHealthSnapshot, "snapshot_date")
    counted = store(ctx, InventoryHealthSnapshot, rows, ("snapshot_date", "sku"), _FIELDS)
    # rows of a day older than the store's newest are history: they refresh no product
    current = [r for r in rows if not snapshots.is_older(r["snapshot_date"], newest)]
    snapshots.remember_products(ctx, snapshots.products_of(current), older=False)
    older = [r for r in rows if snapshots.is_older(r["snapshot_date"], newest)]
    snapshots.remember_products(ctx, snapshots.products_of(older), older=True)
    finish(result, counted, (r["snapshot_date"] for r in rows))
    if not current and result.data_end is not None and newest is not None:
        result.notes.append(snapshots.older_note(FAMILY.title, result.data_end, newest))
    return result


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``quantity``: units in Amazon's warehouses (available + reserved + unfulfillable) on
    the file's latest snapshot day, as Manage FBA Inventory's ``quantity`` counts them."""
    rows = [r for r in parsed.records if r.get(MARKET) in (None, market.code)]
    last = max((r["snapshot"] for r in rows), key=_day_of, default=None)
    on_last = [r for r in rows if last is not None and _day_of(r["snapshot"]) == _day_of(last)]
    units = sum(
        (r["available"] or 0) + (r["reserved"] or 0) + (r["unfulfillable"] or 0) for r in on_last
    )
    return {"quantity": Decimal(units)}


def _day_of(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


FAMILY = Family(
    name="fba_inventory_health",
    title="FBA Inventory (inventory health / aged)",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
