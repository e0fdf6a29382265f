"""FBA reimbursements (``GET_FBA_REIMBURSEMENTS_DATA``) -> fba_reimbursement.

Headers of report-formats.md section 2e, read by name. A reimbursement id covers one or
more SKUs; (reimbursement id, SKU) is the key, and lines repeating it in one file are added
together (amounts and quantities), so overlapping date-range files change no total. The
amounts are in ``currency-unit`` (the marketplace's currency when the column is empty).
"""

from __future__ import annotations

from sellerops.core.marketplaces import Marketplace
from sellerops.finance.models import FbaReimbursement
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
    one_currency,
    own_rows,
    parse_moment,
    read_rows,
    remember_products,
    store,
    total,
    utc_and_day,
)

_QTY = {"kind": "int", "default": 0}
COLUMNS: tuple[Column, ...] = (
    column("approved", "approval-date", required=True, nonempty=True),
    column("reimbursement_id", "reimbursement-id", required=True, nonempty=True, max_len=32),
    column("case_id", "case-id", max_len=32),
    column("amazon_order_id", "amazon-order-id", max_len=32),
    column("reason", "reason", max_len=64),
    column("sku", "sku", required=True, nonempty=True, max_len=64),
    column("fnsku", "fnsku", max_len=16),
    column("asin", "asin", kind="asin"),
    column("title", "product-name", max_len=500, truncate=True),
    column("condition", "condition", max_len=32),
    column("currency", "currency-unit", max_len=3),
    column("amount_per_unit", "amount-per-unit", kind="decimal"),
    column("amount_total", "amount-total", kind="decimal", required=True, nonempty=True),
    column("quantity_reimbursed_cash", "quantity-reimbursed-cash", **_QTY),
    column("quantity_reimbursed_inventory", "quantity-reimbursed-inventory", **_QTY),
    column("quantity_reimbursed_total", "quantity-reimbursed-total", required=True, **_QTY),
    column("original_reimbursement_id", "original-reimbursement-id", max_len=32),
    column("original_reimbursement_type", "original-reimbursement-type", max_len=64),
)
_KEY = ("reimbursement_id", "sku")
_ADDED = ("amount_total", "quantity_reimbursed_cash", "quantity_reimbursed_inventory",
          "quantity_reimbursed_total")  # fmt: skip
_FIELDS = (*_KEY, *_ADDED, "approved_at", "approval_day", "case_id", "amazon_order_id",
           "reason", "fnsku", "asin", "condition", "currency", "amount_per_unit",
           "original_reimbursement_id", "original_reimbursement_type")  # fmt: skip


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    parsed = read_rows(table, header_map, COLUMNS, {"approved": parse_moment})
    one_currency(parsed)
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["approved_at"], row["approval_day"] = utc_and_day(row["approved"], ctx.marketplace)
        row["currency"] = (row["currency"] or ctx.marketplace.currency).upper()
    local_time_note(result, rows, "approved", "approval-date", ctx.marketplace)
    counted = store(ctx, FbaReimbursement, merge(rows, _KEY, _ADDED), _KEY, _FIELDS)
    remember_products(ctx, rows)
    return finish(result, counted, (r["approval_day"] for r in rows))


def totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``total``: money reimbursed (in ``Parsed.currency``); ``quantity``: units reimbursed
    in cash or stock."""
    return {
        "total": total(parsed, market, "amount_total"),
        "quantity": total(parsed, market, "quantity_reimbursed_total"),
    }


FAMILY = Family(
    name="fba_reimbursements",
    title="FBA Reimbursements",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
    totals=totals,
)
