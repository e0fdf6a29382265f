"""The ``warehouse-stock`` sheet (``sellerops template warehouse-stock``) -> ``warehouse_stock``.

Stock per SKU at an intermediate warehouse (a domestic or overseas 3PL) on a day, and the days
a transfer from there to FBA takes: the same table ``sellerops warehouse-stock`` writes, so
the restock plan orders into the warehouse and proposes transfers to FBA with a ship-by date.
The plan models one warehouse per SKU: a SKU's latest count wins (a sheet may keep a history
of counts), also across imports: a count older than the one stored is not applied (the
table holds the current count only); the same SKU in two warehouses on the same day is an
error. An empty ``transfer_days`` keeps the SKU's stored value (10 days for a SKU new to the
table).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Table, select

from sellerops.catalog import service as catalog
from sellerops.core.db import upsert
from sellerops.ingest import templates
from sellerops.ingest.errors import FileError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports import _snapshots as snapshots
from sellerops.ingest.reports._fact_rows import LINE, finish, read_rows
from sellerops.ingest.values import ValueFormatError
from sellerops.inventory.models import WarehouseStock

TEMPLATE = templates.WAREHOUSE_STOCK
COLUMNS = templates.columns(TEMPLATE)
DEFAULT_WAREHOUSE = "3PL"
DEFAULT_TRANSFER_DAYS = 10


def _not_negative(value: int) -> int:
    if value < 0:
        raise ValueFormatError(str(value), "a count of zero or more")
    return value


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters = {"units": _not_negative, "transfer_days": _not_negative}
    parsed = read_rows(table, header_map, COLUMNS, converters)
    latest: dict[str, dict[str, Any]] = {}
    for row in parsed.records:
        row["warehouse"] = row.get("warehouse") or DEFAULT_WAREHOUSE
        kept = latest.get(row["sku"])
        if kept is not None and kept["as_of"] == row["as_of"]:
            same = "warehouse" if kept["warehouse"] == row["warehouse"] else "day in two warehouses"
            raise FileError(
                table.file_name,
                f"SKU {row['sku']!r} is counted again for {row['as_of']} "
                f"(first on line {kept[LINE]}, same {same}); the restock plan keeps one "
                "warehouse per SKU: give one count per SKU and day",
                line=row[LINE],
            )
        if kept is None or row["as_of"] > kept["as_of"]:
            latest[row["sku"]] = row
    parsed.records = list(latest.values())
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    """Each SKU's count, unless the one stored is of a later day (a sheet imported after a
    newer one, or after ``sellerops warehouse-stock``): the table holds only the current
    count, so such a row is left out, and the import says how many were."""
    every: list[dict[str, Any]] = parsed.records
    stored = _stored_days(ctx, [r["sku"] for r in every])
    rows = [r for r in every if not snapshots.is_older(r["as_of"], stored.get(r["sku"]))]
    with_days = [r for r in rows if r.get("transfer_days") is not None]
    without = [r for r in rows if r.get("transfer_days") is None]
    table: Table = WarehouseStock.__table__  # type: ignore[assignment]
    counted = upsert(
        ctx.session,
        table,
        [_record(ctx, r, r["transfer_days"]) for r in with_days],
        key=["store_id", "sku"],
    )
    counted += upsert(
        ctx.session,
        table,
        [_record(ctx, r, DEFAULT_TRANSFER_DAYS) for r in without],
        key=["store_id", "sku"],
        update=["warehouse", "units", "as_of"],
    )
    catalog.upsert_products(session=ctx.session, store_id=ctx.store.id,
                            products=[{"sku": r["sku"]} for r in every])  # fmt: skip
    result = finish(LoadResult(), counted, (r["as_of"] for r in every))
    if len(rows) < len(every):
        result.notes.append(snapshots.older_rows_note(len(every) - len(rows), "count"))
    return result


def _stored_days(ctx: LoadContext, skus: list[str]) -> dict[str, date]:
    """The day of each SKU's stored count (SKUs without one, or without a day, left out)."""
    query = select(WarehouseStock.sku, WarehouseStock.as_of).where(
        WarehouseStock.store_id == ctx.store.id, WarehouseStock.as_of.is_not(None)
    )
    wanted = set(skus)
    return {sku: day for sku, day in ctx.session.execute(query) if sku in wanted and day}


def _record(ctx: LoadContext, row: dict[str, Any], days: int) -> dict[str, Any]:
    return {"store_id": ctx.store.id, "sku": row["sku"], "warehouse": row["warehouse"],
            "units": row["units"], "transfer_days": days, "as_of": row["as_of"]}  # fmt: skip


FAMILY = Family(
    name=TEMPLATE.family,
    title="3PL warehouse stock sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
