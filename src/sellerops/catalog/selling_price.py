"""Average selling price per SKU: what its units actually sold for over a recent window.

The listing price (``Product.price``) is what the offer asks today; promotions, coupons,
sales and price changes make what units sold for differ from it, and margins (break-even
ACoS, value per click) must use the latter. Per SKU, over the :data:`WINDOW_DAYS` days
ending on ``as_of``:

* **orders** (All Orders report): item price less item promotion discount over the units of
  orders not cancelled and with a price (pending orders carry none yet);
* else the **Business Report** of its child ASIN: ordered product sales over units ordered.

A source counts only with at least ``min_units`` units (:data:`MIN_UNITS`); SKUs without
enough are left out and the caller falls back on the listing price.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.service.models import Order, OrderItem, amazon_sale

WINDOW_DAYS = 28
MIN_UNITS = 10


@dataclass(frozen=True, slots=True)
class SellingPrice:
    """One SKU's average selling price per unit, in the marketplace currency."""

    sku: str
    price: Decimal
    units: int
    source: str  # orders | business_report
    days: int  # length of the window, ending on ``as_of``


def average_selling_prices(
    *, session: Session, store_id: int, as_of: date, currency: str | None = None,
    days: int = WINDOW_DAYS, min_units: int = MIN_UNITS,
) -> dict[str, SellingPrice]:  # fmt: skip
    """SKU -> its average selling price over the ``days`` days ending on ``as_of``, from
    orders, else from the Business Report; rows in another ``currency`` are left out."""
    start = as_of - timedelta(days=days - 1)
    out: dict[str, SellingPrice] = {}
    for sku, (units, amount) in _from_orders(session, store_id, start, as_of, currency).items():
        if units >= min_units and amount > 0:
            out[sku] = SellingPrice(sku, amount / units, units, "orders", days)
    for sku, (units, amount) in _from_business_report(
        session, store_id, start, as_of, currency
    ).items():
        if sku not in out and units >= min_units and amount > 0:
            out[sku] = SellingPrice(sku, amount / units, units, "business_report", days)
    return out


def _from_orders(
    session: Session, store_id: int, start: date, end: date, currency: str | None
) -> dict[str, tuple[int, Decimal]]:
    stmt = (
        select(
            OrderItem.sku,
            func.sum(OrderItem.quantity),
            func.sum(OrderItem.item_price),
            func.sum(func.abs(func.coalesce(OrderItem.item_promotion_discount, 0))),
        )
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            Order.store_id == store_id,
            Order.purchase_day >= start,
            Order.purchase_day <= end,
            Order.status != "Cancelled",
            OrderItem.item_price.is_not(None),
            OrderItem.quantity > 0,
            # a Multi-Channel Fulfilment order (another shop's, price 0) sells nothing here
            amazon_sale(),
        )
        .group_by(OrderItem.sku)
    )
    if currency:
        stmt = stmt.where(or_(Order.currency.is_(None), Order.currency == currency))
    return {
        sku: (int(units or 0), Decimal(amount or 0) - Decimal(promo or 0))
        for sku, units, amount, promo in session.execute(stmt)
        if sku
    }


def _from_business_report(
    session: Session, store_id: int, start: date, end: date, currency: str | None
) -> dict[str, tuple[int, Decimal]]:
    """Per SKU: its child ASIN's units and ordered sales (the SKU the report names, else every
    SKU of the store carrying that ASIN)."""
    stmt = (
        select(
            SalesTrafficDaily.child_asin,
            SalesTrafficDaily.sku,
            func.sum(SalesTrafficDaily.units_ordered),
            func.sum(SalesTrafficDaily.ordered_sales),
        )
        .where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= end,
        )
        .group_by(SalesTrafficDaily.child_asin, SalesTrafficDaily.sku)
    )
    if currency:
        stmt = stmt.where(
            or_(SalesTrafficDaily.currency.is_(None), SalesTrafficDaily.currency == currency)
        )
    skus_of: dict[str, list[str]] = defaultdict(list)
    for sku, asin in session.execute(
        select(Product.sku, Product.asin).where(Product.store_id == store_id)
    ):
        if asin:
            skus_of[asin.upper()].append(sku)
    out: dict[str, tuple[int, Decimal]] = {}
    for asin, named, units, sales in session.execute(stmt):
        for sku in [named] if named else skus_of.get((asin or "").upper(), []):
            u, s = out.get(sku, (0, Decimal(0)))
            out[sku] = (u + int(units or 0), s + Decimal(sales or 0))
    return out
