"""FBA storage fees -> storage_fee_monthly and storage_fee_long_term.

- Monthly storage fees (``GET_FBA_STORAGE_FEE_CHARGES_DATA``, report-formats.md section 2d):
  snake_case headers, one row per ASIN / FNSKU and fulfillment center for a
  ``month_of_charge`` (``2022-10``). The columns Amazon added later (utilization surcharge,
  incentive fee ...) are optional.
- Long-term storage fees / Aged Inventory Surcharge
  (``GET_FBA_FULFILLMENT_LONGTERM_STORAGE_FEE_CHARGES_DATA``): not in report-formats.md. The
  current layout is Airbyte's ``LongTermStorageFeeCharges.json`` (airbytehq/airbyte @
  96d72ab6ef6c2db6994412cb86036530ce2f0679): ``snapshot-date sku fnsku asin product-name
  condition per-unit-volume currency volume-unit country qty-charged amount-charged
  surcharge-age-tier rate-surcharge``, one row per SKU and age tier. The pre-2022 layout
  (``qty-charged-12-mo-long-term-storage-fee``, ``12-mo-long-terms-storage-fee``,
  ``qty-charged-6-mo-...``, ``6-mo-long-terms-storage-fee``, ``enrolled-in-small-and-light``)
  is known from third-party parsers only; its two charges become tiers ``12-mo`` / ``6-mo``.

A ``snapshot-date`` written as midnight (``2021-08-15T00:00:00+00:00``) is that date; a month
of charge covers the month to its last day. Rows of another country than the store's
marketplace are rejected. Lines repeating a key in
one file are added together.
"""

from __future__ import annotations

from datetime import date, timedelta

from sellerops.core.marketplaces import Marketplace
from sellerops.finance.models import StorageFeeLongTerm, StorageFeeMonthly
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
from sellerops.ingest.reports._fact_rows import (
    Row,
    finish,
    local_day,
    merge,
    one_currency,
    own_rows,
    parse_moment,
    parse_month,
    read_rows,
    remember_products,
    store,
    total,
)

_MEASURES = ("longest_side", "median_side", "shortest_side", "weight", "item_volume",
             "storage_utilization_ratio", "storage_rate", "base_rate",
             "utilization_surcharge_rate")  # fmt: skip
_ADDED = ("average_quantity_on_hand", "average_quantity_pending_removal",
          "average_quantity_customer_orders", "estimated_total_item_volume",
          "estimated_monthly_storage_fee", "total_incentive_fee_amount")  # fmt: skip
_UNITS = ("measurement_units", "weight_units", "volume_units")
MONTHLY_COLUMNS: tuple[Column, ...] = (
    column("asin", kind="asin", required=True),
    column("fnsku", required=True, nonempty=True, max_len=16),
    column("fulfillment_center", required=True, nonempty=True, max_len=16),
    column("month", "month_of_charge", required=True, nonempty=True),
    column("country_code", max_len=4),
    column("currency", required=True, max_len=3),
    column("product_size_tier", max_len=64),
    column("dangerous_goods_storage_type", max_len=64),
    *(column(key, max_len=32) for key in _UNITS),
    *(column(key, kind="decimal") for key in (*_MEASURES, *_ADDED)),
)
_MONTHLY_KEY = ("month_of_charge", "fnsku", "fulfillment_center")
_MONTHLY_FIELDS = (*_MONTHLY_KEY, "asin", "country_code", "currency", "product_size_tier",
                   "dangerous_goods_storage_type", *_UNITS, *_MEASURES, *_ADDED)  # fmt: skip


def parse_monthly(table: FileTable, header_map: HeaderMap) -> Parsed:
    parsed = read_rows(
        table, header_map, MONTHLY_COLUMNS, {"month": parse_month}, market_key="country_code"
    )
    one_currency(parsed)
    return parsed


def monthly_totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``total``: the estimated monthly storage fees (in ``Parsed.currency``)."""
    return {"total": total(parsed, market, "estimated_monthly_storage_fee")}


def load_monthly(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["month_of_charge"] = row["month"]
        row["currency"] = (row["currency"] or ctx.marketplace.currency).upper()
        row["estimated_monthly_storage_fee"] = row["estimated_monthly_storage_fee"] or 0
    merged = merge(rows, _MONTHLY_KEY, _ADDED)
    counted = store(ctx, StorageFeeMonthly, merged, _MONTHLY_KEY, _MONTHLY_FIELDS)
    # a month's fee covers the whole month: the file's data runs to its last month's end
    return finish(result, counted, (d for r in rows for d in _month_days(r["month_of_charge"])))


def _month_days(first: date) -> tuple[date, date]:
    """The first and the last day of the month that starts on ``first``."""
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


_OLD_TIERS = {
    "12-mo": ("qty_12_mo", "amount_12_mo"),
    "6-mo": ("qty_6_mo", "amount_6_mo"),
}
LONG_TERM_COLUMNS: tuple[Column, ...] = (
    column("snapshot", "snapshot-date", required=True, nonempty=True),
    column("sku", "sku", required=True, nonempty=True, max_len=64),
    column("fnsku", "fnsku", required=True, max_len=16),
    column("asin", "asin", kind="asin"),
    column("title", "product-name", max_len=500, truncate=True),
    column("condition", "condition", max_len=32),
    column("per_unit_volume", "per-unit-volume", kind="decimal", required=True),
    column("currency", "currency", required=True, max_len=3),
    column("volume_unit", "volume-unit", max_len=32),
    column("country", "country", max_len=4),
    column("qty_charged", "qty-charged", kind="int"),
    column("amount_charged", "amount-charged", kind="decimal"),
    column("surcharge_age_tier", "surcharge-age-tier", max_len=32),
    column("rate_surcharge", "rate-surcharge", kind="decimal"),
    column("qty_12_mo", "qty-charged-12-mo-long-term-storage-fee", kind="int"),
    column("amount_12_mo", "12-mo-long-terms-storage-fee", "12-mo-long-term-storage-fee",
           kind="decimal"),
    column("qty_6_mo", "qty-charged-6-mo-long-term-storage-fee", kind="int"),
    column("amount_6_mo", "6-mo-long-terms-storage-fee", "6-mo-long-term-storage-fee",
           kind="decimal"),
    Column("~small_and_light", ("enrolled-in-small-and-light",), kind="ignore"),
)  # fmt: skip
_LONG_KEY = ("snapshot_date", "sku", "surcharge_age_tier")
_LONG_FIELDS = (*_LONG_KEY, "fnsku", "asin", "condition", "country", "per_unit_volume",
                "volume_unit", "qty_charged", "amount_charged", "rate_surcharge",
                "currency")  # fmt: skip


def parse_long_term(table: FileTable, header_map: HeaderMap) -> Parsed:
    present = {m.column.key for m in header_map.mapped}
    if not (
        {"qty_charged", "amount_charged"} <= present or {"qty_12_mo", "amount_12_mo"} <= present
    ):
        raise FileError(
            table.file_name,
            'has neither "qty-charged" and "amount-charged" (the current long-term storage '
            'fee layout) nor "qty-charged-12-mo-long-term-storage-fee" and '
            '"12-mo-long-terms-storage-fee" (the older one)',
        )
    converters = {"snapshot": parse_moment}
    parsed = read_rows(table, header_map, LONG_TERM_COLUMNS, converters, market_key="country")
    if "qty_charged" not in present:
        parsed.records = [tier for row in parsed.records for tier in _old_tiers(row)]
    one_currency(parsed)
    return parsed


def long_term_totals(parsed: Parsed, market: Marketplace) -> Totals:
    """``total``: the long-term storage fees / surcharges charged (in ``Parsed.currency``)."""
    return {"total": total(parsed, market, "amount_charged")}


def _old_tiers(row: Row) -> list[Row]:
    """The pre-2022 layout's one row -> a row per charge it carries."""
    tiers: list[Row] = []
    for tier, (qty, amount) in _OLD_TIERS.items():
        if row.get(qty) is None and row.get(amount) is None:
            continue
        tiers.append({**row, "surcharge_age_tier": tier, "qty_charged": row[qty],
                      "amount_charged": row[amount]})  # fmt: skip
    return tiers


def load_long_term(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    for row in rows:
        row["snapshot_date"] = local_day(row["snapshot"], ctx.marketplace)
        row["currency"] = (row["currency"] or ctx.marketplace.currency).upper()
        row["surcharge_age_tier"] = row["surcharge_age_tier"] or ""
        row["qty_charged"] = row["qty_charged"] or 0
        row["amount_charged"] = row["amount_charged"] or 0
    merged = merge(rows, _LONG_KEY, ("qty_charged", "amount_charged"))
    counted = store(ctx, StorageFeeLongTerm, merged, _LONG_KEY, _LONG_FIELDS)
    remember_products(ctx, rows)
    return finish(result, counted, (r["snapshot_date"] for r in rows))


FAMILIES: tuple[Family, ...] = (
    Family(
        name="fba_storage_fees",
        title="FBA Monthly Storage Fees",
        columns=MONTHLY_COLUMNS,
        needs_day=False,
        parse=parse_monthly,
        load=load_monthly,
        totals=monthly_totals,
    ),
    Family(
        name="fba_long_term_storage_fees",
        title="FBA Long-Term Storage Fees / Aged Inventory Surcharge",
        columns=LONG_TERM_COLUMNS,
        needs_day=False,
        parse=parse_long_term,
        load=load_long_term,
        totals=long_term_totals,
    ),
)
