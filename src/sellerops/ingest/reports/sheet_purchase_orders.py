"""The purchase-orders sheet (``sellerops template purchase-orders``) -> purchase_order and
purchase_order_line.

One row per PO line (PO number and SKU). The order's supplier, currency, dates and status
may be repeated on each of its lines or written once; two different values are an error.
The sheet is the truth about the orders it lists: importing it again with a line removed
removes that line. Orders it does not list are left alone. A supplier not in the suppliers
sheet yet is added by name.
"""

from __future__ import annotations

from sqlalchemy import Table, delete, select, tuple_

from sellerops.core.db import upsert
from sellerops.ingest import templates
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import Row, check_unique, read_rows
from sellerops.ingest.reports._sheet_values import (
    Marks,
    check_marks,
    noting_marks,
    parse_currency,
    same_across_rows,
)
from sellerops.ingest.reports.sheet_suppliers import ensure_suppliers
from sellerops.ingest.values import ValueFormatError
from sellerops.partners.models import PO_STATUSES, PurchaseOrder, PurchaseOrderLine

TEMPLATE = templates.PURCHASE_ORDERS
COLUMNS = templates.columns(TEMPLATE)
ORDER_FIELDS = ("supplier", "currency", "order_date", "expected_ship_date",
                "expected_arrival", "status")  # fmt: skip
_STATUS_WORDS = {
    **{s: s for s in PO_STATUSES},
    "placed": "ordered", "open": "ordered", "confirmed": "ordered", "production": "in_production",
    "in production": "in_production", "in transit": "shipped", "in_transit": "shipped",
    "delivered": "received", "closed": "received", "canceled": "cancelled",
    "草稿": "draft", "已下单": "ordered", "下单": "ordered", "生产中": "in_production",
    "已发货": "shipped", "运输中": "shipped", "已到货": "received", "已收货": "received",
    "已入库": "received", "已完成": "received", "已取消": "cancelled", "取消": "cancelled",
}  # fmt: skip


def parse_status(text: str) -> str:
    status = _STATUS_WORDS.get(" ".join(text.strip().lower().replace("-", " ").split()))
    if status is None:
        raise ValueFormatError(text, f"a status: {', '.join(PO_STATUSES)}")
    return status


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters = {"currency": parse_currency, "status": parse_status}
    marks: Marks = {}
    table = noting_marks(table, header_map, ("unit_cost",), marks)
    parsed = read_rows(table, header_map, COLUMNS, converters)
    lines: list[Row] = parsed.records
    check_marks(table.file_name, header_map, lines, marks)
    check_unique(table.file_name, lines, ("po_number", "sku"), "PO and SKU")
    orders = same_across_rows(table.file_name, header_map, lines, "po_number", ORDER_FIELDS)
    parsed.records = {"orders": orders, "lines": lines}
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    orders: dict[str, Row] = parsed.records["orders"]
    lines: list[Row] = parsed.records["lines"]
    suppliers = ensure_suppliers(ctx, sorted({o["supplier"] for o in orders.values()}))
    rows = [
        {"store_id": ctx.store.id, "po_number": number, "supplier_id": suppliers[o["supplier"]],
         "currency": o["currency"], "order_date": o.get("order_date"),
         "expected_ship_date": o.get("expected_ship_date"),
         "expected_arrival_date": o.get("expected_arrival"),
         "status": o.get("status") or "ordered", "import_batch_id": ctx.batch_id}
        for number, o in orders.items()
    ]  # fmt: skip
    order_table: Table = PurchaseOrder.__table__  # type: ignore[assignment]
    made = upsert(ctx.session, order_table, rows, key=["store_id", "po_number"])
    ids = _order_ids(ctx, list(orders))
    removed = _drop_lines_not_listed(ctx, ids, lines)
    records = [
        {"purchase_order_id": ids[ln["po_number"]], "sku": ln["sku"], "store_id": ctx.store.id,
         "quantity": ln["quantity"], "unit_cost": ln["unit_cost"]}
        for ln in lines
    ]  # fmt: skip
    line_table: Table = PurchaseOrderLine.__table__  # type: ignore[assignment]
    counted = upsert(ctx.session, line_table, records, key=["purchase_order_id", "sku"])
    result = LoadResult(counted.inserted, counted.updated)
    result.notes.append(
        f"{len(rows)} purchase order{'' if len(rows) == 1 else 's'} ({made.inserted} new)"
    )
    if removed:
        result.notes.append(
            "1 line no longer on the sheet was removed"
            if removed == 1
            else f"{removed} lines no longer on the sheet were removed"
        )
    days = [o["order_date"] for o in orders.values() if o.get("order_date")]
    result.data_start, result.data_end = (min(days), max(days)) if days else (None, None)
    return result


def _order_ids(ctx: LoadContext, numbers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(numbers), 500):
        query = select(PurchaseOrder.po_number, PurchaseOrder.id).where(
            PurchaseOrder.store_id == ctx.store.id,
            PurchaseOrder.po_number.in_(numbers[start : start + 500]),
        )
        found.update({number: pk for number, pk in ctx.session.execute(query)})
    return found


def _drop_lines_not_listed(ctx: LoadContext, ids: dict[str, int], lines: list[Row]) -> int:
    listed = {(ids[ln["po_number"]], ln["sku"]) for ln in lines}
    query = select(PurchaseOrderLine.purchase_order_id, PurchaseOrderLine.sku).where(
        PurchaseOrderLine.purchase_order_id.in_(list(ids.values()))
    )
    stale = [key for key in ctx.session.execute(query) if tuple(key) not in listed]
    if stale:
        ctx.session.execute(
            delete(PurchaseOrderLine).where(
                tuple_(PurchaseOrderLine.purchase_order_id, PurchaseOrderLine.sku).in_(stale)
            )
        )
    return len(stale)


FAMILY = Family(
    name=TEMPLATE.family,
    title="Purchase orders sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
