"""Suppressed listings ("Fix your products", ``GET_MERCHANTS_LISTINGS_FYP_REPORT``) ->
``listing_content``.

Headers as in Airbyte's recorded output of a real US seller account (shared/samples/airbyte):
``Status, Reason, SKU, ASIN, Product name, Condition, Status Change Date, Issue Description``,
e.g. ``Search Suppressed, Missing info, ..., '[brand]' is required but not supplied.``. A SKU
may have several rows, one per issue. English headers only: the report's headers in other
Seller Central languages are not known.

The report lists the listings that are suppressed now, so it is a snapshot: its SKUs are
marked suppressed with Amazon's reasons, and SKUs an earlier copy of this report had marked
suppressed but this one no longer lists are marked not suppressed. Attribute names Amazon
quotes as required (``'[brand]' is required but not supplied``) become missing attributes.
Titles here are not the listing's content (the other listing sources own it), so only the
status, the issues and the missing attributes are written.
"""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import CursorResult, update

from sellerops.catalog.listing_models import ListingContent
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed, column
from sellerops.ingest.reports import listings_content
from sellerops.ingest.reports._fact_rows import read_rows

SOURCE = "suppressed_report"
COLUMNS = (
    column("status", "Status", required=True, nonempty=True, max_len=120),
    column("reason", "Reason", required=True, max_len=200, truncate=True),
    column("sku", "SKU", "seller-sku", required=True, nonempty=True, max_len=64),
    column("asin", "ASIN", kind="asin"),
    column("product_name", "Product name", "item-name", kind="ignore"),
    column("condition", "Condition", kind="ignore"),
    column("status_change_date", "Status Change Date", kind="ignore"),
    column("issue", "Issue Description", required=True),
)
#: ``'[brand]' is required but not supplied`` -> brand
_REQUIRED = re.compile(r"\[([A-Za-z0-9_ ]+)\]['\"]?\s+is required", re.IGNORECASE)
_FIELDS = ("asin", "status", "suppressed", "issues", "missing_attributes")


def parse(table: FileTable, header_map: HeaderMap) -> Parsed:
    parsed = read_rows(table, header_map, COLUMNS)
    by_sku: dict[str, dict[str, Any]] = {}
    for row in parsed.records:
        kept = by_sku.setdefault(
            row["sku"],
            {"sku": row["sku"], "asin": row.get("asin"), "status": [], "issues": [],
             "missing_attributes": [], "suppressed": True},
        )  # fmt: skip
        kept["asin"] = kept["asin"] or row.get("asin")
        if row["status"] not in kept["status"]:
            kept["status"].append(row["status"])
        message = (row.get("issue") or "").strip()
        reason = (row.get("reason") or "").strip()
        kept["issues"].append({
            "code": reason, "severity": "ERROR", "message": message or reason,
            "categories": ["MISSING_ATTRIBUTE"] if _REQUIRED.search(message) else [],
            "attributes": [], "enforcements": ["SEARCH_SUPPRESSED"],
        })  # fmt: skip
        for name in _REQUIRED.findall(message):
            if name.strip() not in kept["missing_attributes"]:
                kept["missing_attributes"].append(name.strip())
    for kept in by_sku.values():
        kept["status"] = "; ".join(kept["status"])[:120]
    parsed.records = list(by_sku.values())
    return parsed


def load(ctx: LoadContext, parsed: Parsed) -> LoadResult:
    rows: list[dict[str, Any]] = parsed.records
    counted = listings_content.save(ctx, rows, SOURCE, _FIELDS)
    done = ctx.session.execute(
        update(ListingContent)
        .where(
            ListingContent.store_id == ctx.store.id,
            ListingContent.source == SOURCE,
            ListingContent.suppressed.is_(True),
            ListingContent.sku.not_in([r["sku"] for r in rows] or [""]),
        )
        .values(suppressed=False, status=None, issues=[], missing_attributes=[])
    )
    cleared = cast("CursorResult[Any]", done).rowcount
    result = LoadResult(counted.inserted, counted.updated)
    if cleared:
        result.notes.append(f"{cleared} listings suppressed before are no longer in the report")
    return result


FAMILY = Family(
    name="suppressed_listings",
    title="Suppressed listings report (Fix your products)",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
