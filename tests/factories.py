"""Small builders of database facts for tests that need exact, hand-picked numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core.models import Store
from sellerops.core.stores import create_store
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem

AS_OF = date(2026, 11, 20)


def store(session: Session, name: str = "Acme US", lead_time: int = 45) -> Store:
    return create_store(
        session=session, name=name, marketplace="US", default_lead_time_days=lead_time
    )


def traffic(
    session: Session,
    store: Store,
    asin: str,
    day: date,
    *,
    units: int,
    price: str = "20.00",
    sessions: int | None = None,
    buy_box: str = "1.0",
) -> None:
    session.add(
        SalesTrafficDaily(
            store_id=store.id,
            day=day,
            child_asin=asin,
            sessions=sessions if sessions is not None else units * 8 + 5,
            page_views=(sessions or units * 8 + 5) * 2,
            buy_box_pct=Decimal(buy_box),
            units_ordered=units,
            ordered_sales=Decimal(price) * units,
            total_order_items=units,
            currency="USD",
        )
    )


def history(
    session: Session, store: Store, asin: str, *, days: int, units: int, end: date = AS_OF
) -> None:
    """``units`` a day for ``days`` days ending the day before ``end``."""
    for k in range(days, 0, -1):
        traffic(session, store, asin, end - timedelta(days=k), units=units)


def snapshot(
    session: Session,
    store: Store,
    sku: str,
    day: date,
    *,
    fulfillable: int,
    inbound: int = 0,
    asin: str | None = None,
) -> None:
    session.add(
        InventorySnapshot(
            store_id=store.id,
            snapshot_date=day,
            sku=sku,
            asin=asin,
            fulfillable=fulfillable,
            inbound_shipped=inbound,
        )
    )


def product(session: Session, store: Store, sku: str, asin: str, **kw: object) -> Product:
    p = Product(store_id=store.id, sku=sku, asin=asin, **kw)
    session.add(p)
    return p


def orders(
    session: Session, store: Store, sku: str, *, per_day: int, days: int, price: str = "25.00"
) -> None:
    """One order of ``per_day`` units each day for ``days`` days up to AS_OF."""
    for k in range(days):
        day = AS_OF - timedelta(days=k)
        order = Order(
            store_id=store.id,
            amazon_order_id=f"111-{sku[-4:]}-{k:07d}",
            purchased_at=datetime.combine(day, time(18), tzinfo=UTC),
            purchase_day=day,
            status="Shipped",
        )
        session.add(order)
        session.flush()
        session.add(
            OrderItem(
                order_id=order.id,
                store_id=store.id,
                sku=sku,
                quantity=per_day,
                item_price=Decimal(price) * per_day,
            )
        )
