"""The ``fba-capacity`` sheet (``sellerops template fba-capacity``) -> FBA capacity limits.

One row per storage type and month, as Seller Central's Capacity Monitor shows them (this
month's limit and the next months'). The whole schedule is kept (``fba_capacity_month``);
each storage type's limit in effect this month (the latest row on or before the current month,
in the marketplace's time zone) is copied to ``fba_capacity_limit``, the table
``sellerops fba-capacity`` writes and the restock plan caps shipments at. A later month's
limit takes effect when the sheet is imported again in or after that month (or by the
command). Storage types: standard, oversize, apparel, footwear (also in Chinese).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Table, select

from sellerops.core.db import upsert
from sellerops.core.models import utcnow
from sellerops.ingest import templates
from sellerops.ingest.errors import CellError
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports._fact_rows import (
    LINE,
    check_unique,
    finish,
    parse_month,
    read_rows,
    reads_dates,
)
from sellerops.ingest.values import ValueFormatError
from sellerops.inventory.capacity_models import FbaCapacityMonth
from sellerops.inventory.models import FbaCapacityLimit

TEMPLATE = templates.FBA_CAPACITY
COLUMNS = templates.columns(TEMPLATE)
STORAGE_TYPES = {
    "standard": "standard", "standard-size": "standard", "standard size": "standard",
    "标准": "standard", "标准尺寸": "standard", "标准件": "standard",
    "oversize": "oversize", "oversized": "oversize", "large bulky": "oversize",
    "大件": "oversize", "超大件": "oversize", "大号": "oversize",
    "apparel": "apparel", "clothing": "apparel", "服装": "apparel", "服饰": "apparel",
    "footwear": "footwear", "shoes": "footwear", "鞋": "footwear", "鞋靴": "footwear",
    "鞋类": "footwear",
}  # fmt: skip
_CHINESE_MONTH = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月?\s*$")


def parse_storage_type(text: str) -> str:
    kind = STORAGE_TYPES.get(" ".join(text.strip().lower().split()))
    if kind is None:
        raise ValueFormatError(text, "standard, oversize, apparel or footwear")
    return kind


@reads_dates
def parse_any_month(text: str) -> date:
    """``2026-12``, ``2026-12-01`` or ``2026年12月`` -> the month's first day."""
    match = _CHINESE_MONTH.match(text)
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            return date(year, month, 1)
    return parse_month(text)


def _not_negative(value: Any) -> Any:
    if value < 0:
        raise ValueFormatError(str(value), "a limit of zero or more")
    return value


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters = {"storage_type": parse_storage_type, "month": parse_any_month,
                  "limit_cuft": _not_negative, "limit_units": _not_negative}  # fmt: skip
    parsed = read_rows(table, header_map, COLUMNS, converters)
    headers = {m.column.key: m.header for m in header_map.mapped}
    for row in parsed.records:
        if row.get("limit_cuft") is None and row.get("limit_units") is None:
            raise CellError(
                table.file_name,
                "give a limit in cubic feet or in units (or both)",
                line=row[LINE],
                column=headers.get("limit_cuft") or headers.get("limit_units") or "limit_cuft",
            )
    check_unique(table.file_name, parsed.records, ("storage_type", "month"),
                 "storage type and month")  # fmt: skip
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows: list[dict[str, Any]] = parsed.records
    records = [
        {"store_id": ctx.store.id, "storage_type": r["storage_type"], "month": r["month"],
         "limit_cuft": r.get("limit_cuft"), "limit_units": r.get("limit_units"),
         "import_batch_id": ctx.batch_id}
        for r in rows
    ]  # fmt: skip
    table: Table = FbaCapacityMonth.__table__  # type: ignore[assignment]
    counted = upsert(ctx.session, table, records, key=["store_id", "storage_type", "month"])
    result = finish(LoadResult(), counted, (r["month"] for r in rows))
    this_month = ctx.marketplace.local_date(utcnow()).replace(day=1)
    applied = apply_month(ctx, this_month)
    waiting = sorted({r["storage_type"] for r in rows} - applied)
    if waiting:
        result.notes.append(
            f"no limit for {', '.join(waiting)} is in effect by {this_month:%Y-%m} yet; "
            "the current limit was left as it was"
        )
    return result


def apply_month(ctx: LoadContext, month: date) -> set[str]:
    """Copy each storage type's limit in effect in ``month`` to ``fba_capacity_limit``."""
    query = (
        select(FbaCapacityMonth)
        .where(FbaCapacityMonth.store_id == ctx.store.id, FbaCapacityMonth.month <= month)
        .order_by(FbaCapacityMonth.storage_type, FbaCapacityMonth.month)
    )
    latest = {row.storage_type: row for row in ctx.session.scalars(query)}
    if latest:
        limits = [
            {"store_id": ctx.store.id, "storage_type": kind, "limit_cuft": row.limit_cuft,
             "limit_units": row.limit_units}
            for kind, row in latest.items()
        ]  # fmt: skip
        table: Table = FbaCapacityLimit.__table__  # type: ignore[assignment]
        upsert(ctx.session, table, limits, key=["store_id", "storage_type"])
    return set(latest)


FAMILY = Family(
    name=TEMPLATE.family,
    title="FBA capacity sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
