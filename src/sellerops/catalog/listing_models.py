"""What a listing says (its content), per store and SKU, for the listing-quality check.

Filled by the SP-API Listings Items document (``getListingsItem`` / ``searchListingsItems``
saved as JSON), the operator ``listings`` sheet and the "Fix your products" (suppressed
listings) report. Each source writes only the fields it knows: the suppressed-listings report
never blanks a title, a sheet without an image count leaves it unknown. ``None`` means "not
known" and skips the rules that need it. A store is one marketplace, so the key is the SKU.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow


class ListingContent(Base):
    __tablename__ = "listing_content"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    asin: Mapped[str | None] = mapped_column(String(16))
    #: where the content came from last: listings_api, listing_sheet, suppressed_report
    source: Mapped[str | None] = mapped_column(String(32))
    product_type: Mapped[str | None] = mapped_column(String(64))
    #: FBA storage type for capacity (standard, oversize, apparel, footwear) when the listings
    #: sheet states it; else apparel / footwear follow from the product type
    storage_type: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    #: bullet points in order (a JSON list of strings)
    bullets: Mapped[list[str] | None] = mapped_column(JSON)
    description: Mapped[str | None] = mapped_column(Text)
    image_count: Mapped[int | None] = mapped_column(Integer)
    has_aplus: Mapped[bool | None] = mapped_column(Boolean)
    #: key attributes the listing lacks (Amazon's MISSING_ATTRIBUTE issues, the sheet, or the
    #: product type's key attributes absent from the document)
    missing_attributes: Mapped[list[str] | None] = mapped_column(JSON)
    #: Amazon's status words, e.g. "BUYABLE DISCOVERABLE" or "Search Suppressed"
    status: Mapped[str | None] = mapped_column(String(120))
    suppressed: Mapped[bool | None] = mapped_column(Boolean)
    #: Amazon's issues: [{"code", "severity", "message", "categories", "attributes",
    #: "enforcements"}]
    issues: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
