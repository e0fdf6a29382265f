"""Partner tables: suppliers, what they make for the store, and purchase orders.

Kept by the operator in the suppliers and purchase-orders sheets (``sellerops template``);
Amazon has no report for them. Supplier rows belong to a store like every other row, so a
company selling on two marketplaces keeps its supplier list once per store.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money


class Supplier(Base):
    __tablename__ = "supplier"
    __table_args__ = (UniqueConstraint("store_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    payment_terms: Mapped[str | None] = mapped_column(String(120))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class SupplierProduct(Base):
    """A SKU a supplier makes: its production lead time (days from order to goods ready),
    minimum order quantity and case pack (units per carton)."""

    __tablename__ = "supplier_product"

    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("supplier.id", ondelete="CASCADE"), primary_key=True
    )
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    production_lead_time_days: Mapped[int | None] = mapped_column(Integer)
    moq: Mapped[int | None] = mapped_column(Integer)
    case_pack: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class PurchaseOrder(Base):
    """A purchase order to a supplier; ``status`` is one of :data:`PO_STATUSES`."""

    __tablename__ = "purchase_order"
    __table_args__ = (UniqueConstraint("store_id", "po_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    po_number: Mapped[str] = mapped_column(String(64))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("supplier.id"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    order_date: Mapped[date | None]
    expected_ship_date: Mapped[date | None]
    expected_arrival_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class PurchaseOrderLine(Base):
    """Units of one SKU on a purchase order, at ``unit_cost`` in the order's currency."""

    __tablename__ = "purchase_order_line"
    __table_args__ = (UniqueConstraint("purchase_order_id", "sku"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purchase_order_id: Mapped[int] = mapped_column(
        ForeignKey("purchase_order.id", ondelete="CASCADE")
    )
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)


#: Purchase-order states, in the order an order moves through them.
PO_STATUSES = ("draft", "ordered", "in_production", "shipped", "received", "cancelled")
