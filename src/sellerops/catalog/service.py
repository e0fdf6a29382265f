"""Catalog services: keeping the product list in step with what reports say about SKUs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product
from sellerops.core.db import UpsertResult, upsert
from sellerops.core.models import utcnow

#: The listing facts a report may carry about a SKU; costs are never among them.
LISTING_FACTS = ("asin", "fnsku", "parent_asin", "title", "price")


def upsert_products(
    *, session: Session, store_id: int, products: Iterable[Mapping[str, Any]]
) -> UpsertResult:
    """Add new SKUs of a store, or refresh the listing facts of known ones.

    Each mapping has ``sku`` and any of :data:`LISTING_FACTS` (``price`` in the marketplace
    currency). Only facts that are present and not None overwrite what is stored, so a
    report that lacks titles never erases them, and the cost fields (``unit_cost``,
    ``cost_currency``, ``lead_time_days``) are never touched. A SKU repeated in
    ``products`` is merged, later facts winning.
    """
    merged: dict[str, dict[str, Any]] = {}
    for product in products:
        facts = merged.setdefault(product["sku"], {})
        facts.update({k: product[k] for k in LISTING_FACTS if product.get(k) is not None})
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    now = utcnow()
    for sku, facts in merged.items():
        groups[tuple(sorted(facts))].append(
            {"store_id": store_id, "sku": sku, **facts, "updated_at": now}
        )
    table: Table = Product.__table__  # type: ignore[assignment]
    total = UpsertResult()
    for fields, rows in groups.items():
        total += upsert(
            session, table, rows, key=["store_id", "sku"], update=[*fields, "updated_at"]
        )
    return total
