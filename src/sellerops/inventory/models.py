"""Inventory tables: daily stock snapshots per SKU."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money


class InventorySnapshot(Base):
    """Stock of one SKU on one marketplace-local date (Manage FBA Inventory and kin).

    ``fulfillable`` can ship now; ``inbound_*`` are on their way into FBA (working: shipment
    created, not yet sent; shipped: in transit; receiving: arrived, being checked in);
    ``reserved`` is held for orders and FC transfers; ``unfulfillable`` is damaged or defective.
    """

    __tablename__ = "inventory_snapshot"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    snapshot_date: Mapped[date] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    fnsku: Mapped[str | None] = mapped_column(String(16))
    asin: Mapped[str | None] = mapped_column(String(16))
    condition: Mapped[str | None] = mapped_column(String(32))
    fulfillable: Mapped[int] = mapped_column(Integer, default=0)
    inbound_working: Mapped[int] = mapped_column(Integer, default=0)
    inbound_shipped: Mapped[int] = mapped_column(Integer, default=0)
    inbound_receiving: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    unfulfillable: Mapped[int] = mapped_column(Integer, default=0)
    researching: Mapped[int | None] = mapped_column(Integer)
    warehouse_total: Mapped[int | None] = mapped_column(Integer)
    mfn_fulfillable: Mapped[int | None] = mapped_column(Integer)
    afn_total: Mapped[int | None] = mapped_column(Integer)
    reserved_future_supply: Mapped[int | None] = mapped_column(Integer)
    future_supply_buyable: Mapped[int | None] = mapped_column(Integer)
    afn_listing_exists: Mapped[bool | None] = mapped_column(Boolean)
    mfn_listing_exists: Mapped[bool | None] = mapped_column(Boolean)
    your_price: Mapped[Decimal | None] = mapped_column(Money)
    per_unit_volume: Mapped[Decimal | None] = mapped_column(Money)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
