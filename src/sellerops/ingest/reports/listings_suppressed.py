"""Suppressed listings ("Fix your products", ``GET_MERCHANTS_LISTINGS_FYP_REPORT``) ->
``listing_content``.

Headers as in Airbyte's recorded output of a real US seller account (shared/samples/airbyte):
``Status, Reason, SKU, ASIN, Product name, Condition, Status Change Date, Issue Description``,
e.g. ``Search Suppressed, Missing info, ..., '[brand]' is required but not supplied.``. A SKU
may have several rows, one per issue. English headers only: the report's headers in other
Seller Central languages are not known.

The report lists the listings that are suppressed now, so it is a snapshot: its SKUs are
marked suppressed with Amazon's reasons, and SKUs an earlier copy of this report had marked
suppressed but this one no longer lists are marked not suppressed. The file has no date:
when its name carries one (``Suppressed_Listings_US_2026-11-26.txt``) that is its day, and
a report of an earlier day than one already imported is not applied (``listing_content``
holds the current state only); a report whose name has no date is taken as current. Attribute names Amazon
quotes as required (``'[brand]' is required but not supplied``) become missing attributes.
Titles here are not the listing's content (the other listing sources own it), so only the
status, the issues and the missing attributes are written.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update

from sellerops.catalog.listing_models import ListingContent
from sellerops.core.models import ImportBatch
from sellerops.ingest.reader import Table as FileTable
from sellerops.ingest.registry import Family, HeaderMap, LoadContext, LoadResult, Parsed, column
from sellerops.ingest.reports import _snapshots as snapshots
from sellerops.ingest.reports import listings_content
from sellerops.ingest.reports._fact_rows import read_rows
from sellerops.ingest.resolve import dates_in_name

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
    day = report_day(ctx)
    newest = _newest_report_day(ctx)
    if day is not None and newest is not None and snapshots.is_older(day, newest):
        # listing_content holds the current state only: an older report is not applied
        snapshots.remember_products(ctx, snapshots.products_of(rows), older=True)
        result = LoadResult(data_start=day, data_end=day)
        result.notes.append(snapshots.not_applied_note(FAMILY.title, day, newest))
        return result
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
    result = LoadResult(counted.inserted, counted.updated, data_start=day, data_end=day)
    if cleared:
        result.notes.append(
            "1 listing suppressed before is no longer in the report"
            if cleared == 1
            else f"{cleared} listings suppressed before are no longer in the report"
        )
    return result


def report_day(ctx: LoadContext) -> date | None:
    """The day the report is of, when its name (or its archive's) carries one date."""
    member = ctx.file_name.rsplit("!", 1)[-1]
    names = [PurePosixPath(member).name, *ctx.file_name.split("!")[:-1]]
    for name in names:
        found = dates_in_name(name, ctx.marketplace)
        if found:
            return found[0].day if len(found) == 1 else None
    return None


def _newest_report_day(ctx: LoadContext) -> date | None:
    """The latest day of a suppressed listings report the store has imported."""
    newest: date | None = ctx.session.scalar(
        select(func.max(ImportBatch.data_end)).where(
            ImportBatch.store_id == ctx.store.id,
            ImportBatch.report_type == FAMILY.name,
            ImportBatch.status == "ok",
        )
    )
    return newest


FAMILY = Family(
    name="suppressed_listings",
    title="Suppressed listings report (Fix your products)",
    columns=COLUMNS,
    needs_day=False,
    parse=parse,
    load=load,
)
