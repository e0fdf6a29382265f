"""Which FBA storage type (for capacity limits) a SKU counts against, from its listing.

Amazon sets separate capacity limits for standard-size, oversize, apparel and footwear
storage. Apparel and footwear are decided by the product's category, not its size, so the
size tier (standard / oversize) cannot tell them: the listing's product type can. A SKU whose
imported listing content has an apparel product type (``SHIRT``, ``PANTS`` ...) counts as
``apparel``, a shoe type (``SHOES``, ``BOOT``, ``SANDAL`` ...) as ``footwear``; the ``listings``
sheet's ``storage_type`` column, when filled, says it outright and wins. SKUs not named here
keep the size tier's class.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellerops.catalog.listing_models import ListingContent

#: Amazon product types stored as apparel / footwear (the Listings Items API's names).
APPAREL_TYPES = frozenset({
    "SHIRT", "PANTS", "DRESS", "COAT", "SWEATSHIRT", "SHORTS", "SKIRT", "UNDERPANTS", "SOCKS",
    "SWIMWEAR", "HAT", "SWEATER", "BLAZER", "SUIT", "OVERALLS", "SLEEPWEAR", "BRA", "SCARF",
    "GLOVES", "APPAREL", "VEST", "ROBE", "LEGGINGS", "TUNIC", "BELT", "NECKTIE",
})  # fmt: skip
FOOTWEAR_TYPES = frozenset({"SHOES", "BOOT", "SANDAL", "SLIPPER", "TECHNICAL_SPORT_SHOE",
                            "FOOTWEAR"})  # fmt: skip


def storage_type_of(product_type: str | None, stated: str | None = None) -> str | None:
    """``apparel`` / ``footwear`` from a product type; ``stated`` (the sheet's) wins."""
    if stated:
        return stated
    kind = (product_type or "").strip().upper()
    if kind in APPAREL_TYPES:
        return "apparel"
    if kind in FOOTWEAR_TYPES:
        return "footwear"
    return None


def capacity_types(session: Session, store_id: int) -> dict[str, str]:
    """SKU -> storage type, for the SKUs whose listing says (the others: by size tier)."""
    query = select(ListingContent.sku, ListingContent.product_type, ListingContent.storage_type)
    out: dict[str, str] = {}
    for sku, product_type, stated in session.execute(
        query.where(ListingContent.store_id == store_id)
    ):
        kind = storage_type_of(product_type, stated)
        if kind is not None:
            out[sku] = kind
    return out
