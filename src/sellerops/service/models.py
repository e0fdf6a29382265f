"""Customer orders and their items (All Orders report, later the Orders API).

Buyer PII does not appear here: the All Orders flat file carries no buyer name or street.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
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
