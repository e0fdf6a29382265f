"""Customer orders and their items (All Orders report, later the Orders API).

Buyer PII does not appear here: the All Orders flat file carries no buyer name or street.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ColumnElement,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base
from sellerops.core.money import Money


class Order(Base):
    __tablename__ = "customer_order"
    __table_args__ = (UniqueConstraint("store_id", "amazon_order_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    amazon_order_id: Mapped[str] = mapped_column(String(32))
    merchant_order_id: Mapped[str | None] = mapped_column(String(64))
    purchased_at: Mapped[datetime]
    purchase_day: Mapped[date] = mapped_column(index=True)  # marketplace-local date
    last_updated_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(32))
    fulfillment_channel: Mapped[str | None] = mapped_column(String(16))
    sales_channel: Mapped[str | None] = mapped_column(String(32))
    ship_service_level: Mapped[str | None] = mapped_column(String(32))
    ship_city: Mapped[str | None] = mapped_column(String(120))
    ship_state: Mapped[str | None] = mapped_column(String(120))
    ship_postal_code: Mapped[str | None] = mapped_column(String(32))
    ship_country: Mapped[str | None] = mapped_column(String(4))
    is_business_order: Mapped[bool | None] = mapped_column(Boolean)
    currency: Mapped[str | None] = mapped_column(String(3))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class OrderItem(Base):
    """One SKU line of an order. Amounts are line totals (quantity x unit), as Amazon gives them."""

    __tablename__ = "customer_order_item"
    __table_args__ = (UniqueConstraint("order_id", "sku"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"))
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    asin: Mapped[str | None] = mapped_column(String(16))
    item_status: Mapped[str | None] = mapped_column(String(32))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    item_price: Mapped[Decimal | None] = mapped_column(Money)
    item_tax: Mapped[Decimal | None] = mapped_column(Money)
    shipping_price: Mapped[Decimal | None] = mapped_column(Money)
    shipping_tax: Mapped[Decimal | None] = mapped_column(Money)
    gift_wrap_price: Mapped[Decimal | None] = mapped_column(Money)
    gift_wrap_tax: Mapped[Decimal | None] = mapped_column(Money)
    item_promotion_discount: Mapped[Decimal | None] = mapped_column(Money)
    ship_promotion_discount: Mapped[Decimal | None] = mapped_column(Money)
    promotion_ids: Mapped[str | None] = mapped_column(Text)


class CustomerReturn(Base):
    """One line of the FBA customer returns report: units of an order item scanned back in.

    ``returned_at`` is the report's moment in UTC (a date-only value is read as midnight in
    the marketplace's time zone) and ``return_day`` its marketplace-local date. The key is
    (order, SKU, license plate, detailed disposition, moment): lines repeating it in one file
    are one return, their quantities added. A return of two units without license plates is
    written as two lines that differ only in their disposition (one unit sellable, one
    damaged): they stay two rows. A missing plate or disposition is stored as ``''``. ``customer_comments`` is the buyer's free text, kept whole for the
    review and quality root-cause work; it names no person.
    """

    __tablename__ = "customer_return"
    __table_args__ = (
        UniqueConstraint(
            "store_id",
            "order_id",
            "sku",
            "license_plate_number",
            "detailed_disposition",
            "returned_at",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    returned_at: Mapped[datetime]
    return_day: Mapped[date] = mapped_column(index=True)
    order_id: Mapped[str] = mapped_column(String(32), index=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    asin: Mapped[str | None] = mapped_column(String(16))
    fnsku: Mapped[str | None] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    fulfillment_center: Mapped[str | None] = mapped_column(String(16))
    detailed_disposition: Mapped[str] = mapped_column(String(32), default="")
    reason: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(64))
    license_plate_number: Mapped[str] = mapped_column(String(32), default="")
    customer_comments: Mapped[str | None] = mapped_column(Text)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


#: The sales channel of a Multi-Channel Fulfilment order (All Orders ``sales-channel``
#: "Non-Amazon": an order of another shop shipped from FBA stock, item price 0). It takes FBA
#: stock (demand, days of cover) but is no Amazon sale: neither units, sales nor cost of goods
#: in the Amazon P&L, nor a price.
MCF_CHANNEL = "non-amazon"


def amazon_sale() -> ColumnElement[bool]:
    """The condition that an order is an Amazon sale (not a Multi-Channel Fulfilment one)."""
    return func.lower(func.coalesce(Order.sales_channel, "")) != MCF_CHANNEL
