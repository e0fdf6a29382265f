"""The ``listings`` sheet (``sellerops template listings``) -> ``listing_content``.

For sellers who keep their listing copy in a spreadsheet (often written in Chinese first and
translated): one row per SKU with the title, up to five bullet points (or all of them in the
first bullet column, one per line), the description, the image count, whether A+ content is
live, the product type, missing attributes, and Amazon's status and messages if known. A
column the sheet lacks leaves what is stored alone; an empty cell means "not known".
A ``marketplace`` column lets one sheet serve several stores: rows for other marketplaces
than the store's are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sellerops.ingest import templates
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed
from sellerops.ingest.reports import listings_content
from sellerops.ingest.reports._fact_rows import LINE, check_unique, own_rows, read_rows
from sellerops.ingest.reports.sheet_fba_capacity import parse_storage_type
from sellerops.ingest.values import ValueFormatError

TEMPLATE = templates.LISTINGS
COLUMNS = templates.columns(TEMPLATE)
_BULLETS = tuple(f"bullet_{n}" for n in range(1, 6))
_YES = {"yes", "y", "true", "1", "是", "有", "已压制", "x", "✓"}
_NO = {"no", "n", "false", "0", "否", "无", "没有", "未压制"}
#: sheet column -> listing_content field, for the columns stored as they are
_DIRECT = {"asin": "asin", "title": "title", "description": "description",
           "image_count": "image_count", "aplus": "has_aplus", "product_type": "product_type",
           "storage_type": "storage_type",
           "missing_attributes": "missing_attributes", "suppressed": "suppressed",
           "status": "status", "issues": "issues"}  # fmt: skip


def parse_yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueFormatError(text, "yes or no (是 / 否)")


def _count(value: int) -> int:
    if value < 0:
        raise ValueFormatError(str(value), "a count of zero or more")
    return value


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    converters: dict[str, Callable[[Any], Any]] = {
        "aplus": parse_yes_no,
        "suppressed": parse_yes_no,
        "image_count": _count,
        "storage_type": parse_storage_type,
    }
    parsed = read_rows(table, header_map, COLUMNS, converters, market_key="marketplace")
    check_unique(table.file_name, parsed.records, ("sku", "_market"), "SKU")
    present = {m.column.key for m in header_map.mapped}
    records = []
    for row in parsed.records:
        record: dict[str, Any] = {"sku": row["sku"], "_market": row["_market"], LINE: row[LINE]}
        for column, field in _DIRECT.items():
            if column in present:
                record[field] = row.get(column)
        if "missing_attributes" in present:
            record["missing_attributes"] = listings_content.split_list(row["missing_attributes"])
        if "issues" in present:
            lines = [s.strip() for s in (row["issues"] or "").splitlines() if s.strip()]
            record["issues"] = [{"code": "", "severity": "ERROR", "message": m,
                                 "categories": [], "attributes": [], "enforcements": []}
                                for m in lines]  # fmt: skip
        cells = [row.get(b) for b in _BULLETS if b in present]
        record["bullets"] = [
            line.strip() for cell in cells if cell for line in cell.splitlines() if line.strip()
        ]
        records.append(record)
    parsed.records = records
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    result = LoadResult()
    rows = own_rows(ctx, parsed, result)
    fields = [f for f in ("bullets", *_DIRECT.values()) if rows and f in rows[0]]
    counted = listings_content.save(ctx, rows, "listing_sheet", fields)
    result.inserted, result.updated = counted.inserted, counted.updated
    return result


FAMILY = Family(
    name=TEMPLATE.family,
    title="Listings sheet",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
