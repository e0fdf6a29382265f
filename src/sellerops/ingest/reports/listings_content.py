"""What the listing-content families share: storing a listing's content per SKU.

Not a family itself (no ``FAMILY``): ``listings_api`` (SP-API Listings Items JSON),
``listings_sheet`` (the operator ``listings`` sheet) and ``listings_suppressed`` (the
suppressed listings report) write ``listing_content`` through :func:`save`, each only the
fields it knows, and keep the catalog's SKU -> ASIN (and title) in step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table

from sellerops.catalog import service as catalog
from sellerops.catalog.listing_models import ListingContent
from sellerops.core.db import UpsertResult, upsert
from sellerops.core.models import utcnow
from sellerops.ingest.registry import LoadContext

#: Every field a source may fill (besides the key).
FIELDS = ("asin", "product_type", "title", "bullets", "description", "image_count",
          "has_aplus", "missing_attributes", "status", "suppressed", "issues")  # fmt: skip
_LIST_SPLIT = re.compile(r"[;,，；、\n]+")


def split_list(text: str | None) -> list[str]:
    """``brand; color, size`` -> ``["brand", "color", "size"]`` (also Chinese separators)."""
    return [s.strip() for s in _LIST_SPLIT.split(text or "") if s.strip()]


def save(
    ctx: LoadContext, rows: Sequence[dict[str, Any]], source: str, fields: Sequence[str]
) -> UpsertResult:
    """Upsert ``fields`` of each row (``sku`` plus those) into ``listing_content``."""
    now = utcnow()
    records = [
        {"sku": r["sku"], **{f: r.get(f) for f in fields}, "store_id": ctx.store.id,
         "source": source, "updated_at": now, "import_batch_id": ctx.batch_id}
        for r in rows
    ]  # fmt: skip
    table: Table = ListingContent.__table__  # type: ignore[assignment]
    result = upsert(ctx.session, table, records, key=["store_id", "sku"])
    catalog.upsert_products(
        session=ctx.session,
        store_id=ctx.store.id,
        products=[
            {"sku": r["sku"], "asin": r.get("asin"),
             "title": (r.get("title") or None) and str(r["title"])[:500]}
            for r in rows
        ],
    )  # fmt: skip
    return result
