"""Inventory tables: stock snapshots, inventory health and restock advice, FBA movements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money

#: Volumes, days and weeks of supply, sell-through: measured, not counted, not money.
Measure = Numeric(18, 6, asdecimal=True)


class InventorySnapshot(Base):
    """Stock of one SKU on one marketplace-local date (Manage FBA Inventory and kin).

    ``fulfillable`` can ship now; ``inbound_*`` are on their way into FBA (working: shipment
    created, not yet sent; shipped: in transit; receiving: arrived, being checked in);
    ``reserved`` is held for orders and FC transfers; ``unfulfillable`` is damaged or defective.
    """

    __tablename__ = "inventory_snapshot"
    # One SKU's stock over time (the product page) without scanning every SKU of each day.
    __table_args__ = (Index("ix_inventory_snapshot_sku_day", "store_id", "sku", "snapshot_date"),)

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


class InventoryHealthSnapshot(Base):
    """FBA Inventory (``GET_FBA_INVENTORY_PLANNING_DATA``): age, excess and storage cost of
    one SKU on its snapshot date.

    ``age_*`` are units by days in an FC (two bucket sets: 0-90/91-180/... and the finer
    0-30/31-60/...). ``ais_qty_*`` / ``ais_amount_*`` are the units to be charged and the
    estimated Aged Inventory Surcharge per age band; ``ltsf_*`` the retired long-term storage
    fee's. Amounts are in ``currency``; ``days_of_supply`` and ``weeks_of_cover_*`` as Amazon
    computes them; volumes in ``volume_unit``.
    """

    __tablename__ = "inventory_health_snapshot"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    snapshot_date: Mapped[date] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    fnsku: Mapped[str | None] = mapped_column(String(16))
    asin: Mapped[str | None] = mapped_column(String(16))
    condition: Mapped[str | None] = mapped_column(String(32))
    currency: Mapped[str | None] = mapped_column(String(3))
    available: Mapped[int | None] = mapped_column(Integer)
    pending_removal: Mapped[int | None] = mapped_column(Integer)
    inbound_quantity: Mapped[int | None] = mapped_column(Integer)
    reserved: Mapped[int | None] = mapped_column(Integer)
    unfulfillable: Mapped[int | None] = mapped_column(Integer)
    age_0_90: Mapped[int | None] = mapped_column(Integer)
    age_91_180: Mapped[int | None] = mapped_column(Integer)
    age_181_270: Mapped[int | None] = mapped_column(Integer)
    age_271_365: Mapped[int | None] = mapped_column(Integer)
    age_365_plus: Mapped[int | None] = mapped_column(Integer)
    age_0_30: Mapped[int | None] = mapped_column(Integer)
    age_31_60: Mapped[int | None] = mapped_column(Integer)
    age_61_90: Mapped[int | None] = mapped_column(Integer)
    age_181_330: Mapped[int | None] = mapped_column(Integer)
    age_331_365: Mapped[int | None] = mapped_column(Integer)
    units_shipped_t7: Mapped[int | None] = mapped_column(Integer)
    units_shipped_t30: Mapped[int | None] = mapped_column(Integer)
    units_shipped_t60: Mapped[int | None] = mapped_column(Integer)
    units_shipped_t90: Mapped[int | None] = mapped_column(Integer)
    alert: Mapped[str | None] = mapped_column(String(64))
    your_price: Mapped[Decimal | None] = mapped_column(Money)
    sales_price: Mapped[Decimal | None] = mapped_column(Money)
    recommended_action: Mapped[str | None] = mapped_column(String(120))
    recommended_removal_quantity: Mapped[int | None] = mapped_column(Integer)
    healthy_inventory_level: Mapped[int | None] = mapped_column(Integer)
    estimated_excess_quantity: Mapped[int | None] = mapped_column(Integer)
    estimated_cost_savings: Mapped[Decimal | None] = mapped_column(Money)
    sell_through: Mapped[Decimal | None] = mapped_column(Measure)
    days_of_supply: Mapped[Decimal | None] = mapped_column(Measure)
    weeks_of_cover_t30: Mapped[Decimal | None] = mapped_column(Measure)
    weeks_of_cover_t90: Mapped[Decimal | None] = mapped_column(Measure)
    item_volume: Mapped[Decimal | None] = mapped_column(Measure)
    volume_unit: Mapped[str | None] = mapped_column(String(32))
    storage_type: Mapped[str | None] = mapped_column(String(32))
    storage_volume: Mapped[Decimal | None] = mapped_column(Measure)
    estimated_storage_cost_next_month: Mapped[Decimal | None] = mapped_column(Money)
    ltsf_qty_9_mo: Mapped[int | None] = mapped_column(Integer)
    ltsf_projected_9_mo: Mapped[Decimal | None] = mapped_column(Money)
    ltsf_qty_12_mo: Mapped[int | None] = mapped_column(Integer)
    ltsf_next_charge: Mapped[Decimal | None] = mapped_column(Money)
    ais_qty_181_210: Mapped[int | None] = mapped_column(Integer)
    ais_qty_211_240: Mapped[int | None] = mapped_column(Integer)
    ais_qty_241_270: Mapped[int | None] = mapped_column(Integer)
    ais_qty_271_300: Mapped[int | None] = mapped_column(Integer)
    ais_qty_301_330: Mapped[int | None] = mapped_column(Integer)
    ais_qty_331_365: Mapped[int | None] = mapped_column(Integer)
    ais_qty_365_plus: Mapped[int | None] = mapped_column(Integer)
    ais_amount_181_210: Mapped[Decimal | None] = mapped_column(Money)
    ais_amount_211_240: Mapped[Decimal | None] = mapped_column(Money)
    ais_amount_241_270: Mapped[Decimal | None] = mapped_column(Money)
    ais_amount_271_300: Mapped[Decimal | None] = mapped_column(Money)
    ais_amount_301_330: Mapped[Decimal | None] = mapped_column(Money)
    ais_amount_331_365: Mapped[Decimal | None] = mapped_column(Money)
    ais_amount_365_plus: Mapped[Decimal | None] = mapped_column(Money)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class RestockRecommendation(Base):
    """Restock Inventory report: Amazon's replenishment advice for one SKU on one day.

    Quantities are units; ``sales_last_30_days`` and ``price`` are in ``currency``;
    ``recommended_ship_date`` is None when Amazon says ``none``.
    """

    __tablename__ = "restock_recommendation"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    snapshot_date: Mapped[date] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    fnsku: Mapped[str | None] = mapped_column(String(16))
    asin: Mapped[str | None] = mapped_column(String(16))
    condition: Mapped[str | None] = mapped_column(String(32))
    supplier: Mapped[str | None] = mapped_column(String(120))
    supplier_part_no: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str | None] = mapped_column(String(3))
    price: Mapped[Decimal | None] = mapped_column(Money)
    sales_last_30_days: Mapped[Decimal | None] = mapped_column(Money)
    units_sold_last_30_days: Mapped[int | None] = mapped_column(Integer)
    total_units: Mapped[int | None] = mapped_column(Integer)
    inbound: Mapped[int | None] = mapped_column(Integer)
    available: Mapped[int | None] = mapped_column(Integer)
    fc_transfer: Mapped[int | None] = mapped_column(Integer)
    fc_processing: Mapped[int | None] = mapped_column(Integer)
    customer_order: Mapped[int | None] = mapped_column(Integer)
    unfulfillable: Mapped[int | None] = mapped_column(Integer)
    working: Mapped[int | None] = mapped_column(Integer)
    shipped: Mapped[int | None] = mapped_column(Integer)
    receiving: Mapped[int | None] = mapped_column(Integer)
    fulfilled_by: Mapped[str | None] = mapped_column(String(32))
    total_days_of_supply: Mapped[Decimal | None] = mapped_column(Measure)
    days_of_supply_at_amazon: Mapped[Decimal | None] = mapped_column(Measure)
    alert: Mapped[str | None] = mapped_column(String(64))
    recommended_replenishment_qty: Mapped[int | None] = mapped_column(Integer)
    recommended_ship_date: Mapped[date | None]
    recommended_action: Mapped[str | None] = mapped_column(String(120))
    unit_storage_size: Mapped[str | None] = mapped_column(String(32))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class InventoryAdjustment(Base):
    """One line of the FBA inventory adjustments report (found, lost, damaged, transferred).

    ``quantity`` is signed as Amazon gives it; ``adjusted_at`` is UTC (a date-only value is
    midnight in the marketplace's time zone), ``adjusted_day`` the marketplace-local date.
    """

    __tablename__ = "inventory_adjustment"
    __table_args__ = (
        UniqueConstraint("store_id", "transaction_item_id", "fnsku", "reason", "disposition"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    transaction_item_id: Mapped[str] = mapped_column(String(64))
    adjusted_at: Mapped[datetime]
    adjusted_day: Mapped[date] = mapped_column(index=True)
    fnsku: Mapped[str] = mapped_column(String(16), default="")
    sku: Mapped[str | None] = mapped_column(String(64), index=True)
    fulfillment_center: Mapped[str | None] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(32), default="")
    disposition: Mapped[str] = mapped_column(String(32), default="")
    reconciled: Mapped[int | None] = mapped_column(Integer)
    unreconciled: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class InventoryReceipt(Base):
    """Units of an inbound FBA shipment received at a fulfillment center (received inventory).

    Lines with the same shipment, FNSKU, center and moment in one file are added together.
    """

    __tablename__ = "inventory_receipt"
    __table_args__ = (
        UniqueConstraint(
            "store_id", "fba_shipment_id", "fnsku", "fulfillment_center", "received_at"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    fba_shipment_id: Mapped[str] = mapped_column(String(32), index=True)
    fnsku: Mapped[str] = mapped_column(String(16))
    fulfillment_center: Mapped[str] = mapped_column(String(16), default="")
    received_at: Mapped[datetime]
    received_day: Mapped[date] = mapped_column(index=True)
    sku: Mapped[str | None] = mapped_column(String(64), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class FbaCapacityLimit(Base):
    """The store's FBA capacity limit for one storage type (standard, oversize, apparel,
    footwear), in cubic feet and/or units, as Seller Central's Capacity Monitor shows it.

    No report carries it; ``sellerops fba-capacity`` sets it.
    """

    __tablename__ = "fba_capacity_limit"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    storage_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    limit_cuft: Mapped[Decimal | None] = mapped_column(Measure)
    limit_units: Mapped[int | None] = mapped_column(Integer)


class WarehouseStock(Base):
    """Units of a SKU held at an intermediate warehouse (a domestic or overseas 3PL) and the
    days a transfer from there to FBA takes (ship, check in, receive).

    With a row here the restock plan orders from the supplier into the warehouse and proposes
    the units to send on to FBA with a ship-by date. Set by ``sellerops warehouse-stock``.
    """

    __tablename__ = "warehouse_stock"

    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    warehouse: Mapped[str] = mapped_column(String(120), default="3PL")
    units: Mapped[int] = mapped_column(Integer, default=0)
    transfer_days: Mapped[int] = mapped_column(Integer, default=10)
    as_of: Mapped[date | None]
