"""The freight-invoices sheet (``sellerops template freight-invoices``) -> freight_invoice.

One row per invoice (or forwarder's estimate) of an inbound shipment: the freight of the
whole shipment, the duties and import taxes paid on it, the currency, the basis the freight
splits by (weight or volume) and whether it is an estimate or the actual invoice. An actual
invoice replaces the shipment's estimates in the profit (``finance.landed`` states the
rules); a row without an invoice number is the shipment's one invoice of that status.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sellerops.finance.landed import ACTUAL, ESTIMATED, VOLUME, WEIGHT
from sellerops.finance.models import FreightInvoice
from sellerops.ingest import templates
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import Row, check_unique, finish, read_rows, store
from sellerops.ingest.reports._sheet_values import (
    Marks,
    check_marks,
    noting_marks,
    parse_currency,
)
from sellerops.ingest.values import ValueFormatError

TEMPLATE = templates.FREIGHT_INVOICES
COLUMNS = templates.columns(TEMPLATE)
_KEY = ("shipment_id", "invoice_ref")
_FIELDS = (*_KEY, "invoice_date", "status", "basis", "amount", "duties", "currency")
_BASIS = {"weight": WEIGHT, "kg": WEIGHT, "重量": WEIGHT, "按重量": WEIGHT, "volume": VOLUME,
          "cbm": VOLUME, "体积": VOLUME, "按体积": VOLUME, "方数": VOLUME}  # fmt: skip
_STATUS = {"actual": ACTUAL, "final": ACTUAL, "invoice": ACTUAL, "实际": ACTUAL, "已开票": ACTUAL,
           "estimated": ESTIMATED, "estimate": ESTIMATED, "quote": ESTIMATED,
           "预估": ESTIMATED, "预计": ESTIMATED, "估算": ESTIMATED}  # fmt: skip


def parse_basis(text: str) -> str:
    found = _BASIS.get(text.strip().lower())
    if found is None:
        raise ValueFormatError(text, "weight or volume (重量 / 体积)")
    return found


def parse_status(text: str) -> str:
    found = _STATUS.get(text.strip().lower())
    if found is None:
        raise ValueFormatError(text, "estimated or actual (预估 / 实际)")
    return found


def _not_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueFormatError(str(value), "an amount of zero or more")
    return value


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Callable[[Any], Any]] = {
        "currency": parse_currency, "basis": parse_basis, "status": parse_status,
        "amount": _not_negative, "duties": _not_negative,
    }  # fmt: skip
    marks: Marks = {}
    table = noting_marks(table, header_map, ("amount", "duties"), marks)
    parsed = read_rows(table, header_map, COLUMNS, converters)
    rows: list[Row] = parsed.records
    check_marks(table.file_name, header_map, rows, marks)
    for row in rows:
        row["status"] = row.get("status") or ACTUAL
        row["invoice_ref"] = row.get("invoice") or f"({row['status']})"
        row["invoice_date"] = row["date"]
    check_unique(table.file_name, rows, _KEY, "shipment and invoice")
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows: list[Row] = parsed.records
    counted = store(ctx, FreightInvoice, rows, _KEY, _FIELDS)
    result = finish(LoadResult(), counted, (r["invoice_date"] for r in rows))
    estimates = {r["shipment_id"] for r in rows if r["status"] == ESTIMATED}
    actual = {r["shipment_id"] for r in rows if r["status"] == ACTUAL}
    if estimates & actual:
        result.notes.append(
            "1 shipment has an actual invoice: its estimate no longer counts"
            if len(estimates & actual) == 1
            else f"{len(estimates & actual)} shipments have an actual invoice: their estimates "
            "no longer count"
        )
    return result


FAMILY = Family(
    name=TEMPLATE.family,
    title="Freight invoices sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
