"""Stock positions and demand velocity per SKU: the inputs of cover and stock-out checks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.daily.context import ReviewContext
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem

VELOCITY_WINDOW_DAYS = 28


@dataclass(frozen=True, slots=True)
class StockPosition:
    """One SKU's stock on ``snapshot_date`` and its recent demand.

    ``units_per_day`` is demand per in-stock day over the last 28 days (days without
    fulfillable stock are left out, so a stock-out does not read as falling demand);
    ``avg_price`` is the average selling price per unit in the store currency.
    """

    sku: str
    asin: str | None
    title: str | None
    snapshot_date: date
    fulfillable: int
    inbound: int
    reserved: int
    units_per_day: float
    avg_price: Decimal | None
    lead_time_days: int

    @property
    def cover_days(self) -> float:
        """Days the fulfillable stock lasts at the current rate (inf when nothing sells)."""
        return cover(self.fulfillable, self.units_per_day)

    @property
    def cover_with_inbound_days(self) -> float:
        return cover(self.fulfillable + self.inbound, self.units_per_day)


def cover(stock: int, units_per_day: float) -> float:
    return float("inf") if units_per_day <= 0 else stock / units_per_day


def velocity(units_sold: int, in_stock_days: int, window: int = VELOCITY_WINDOW_DAYS) -> float:
    """Units per in-stock day; at least a week of days so one lucky day is not a trend."""
    if window <= 0:
        return 0.0
    return units_sold / max(min(in_stock_days, window), 7)


def stock_positions(
    *, session: Session, store_id: int, as_of: date, default_lead_time: int, max_age_days: int = 7
) -> list[StockPosition]:
    """The newest snapshot per SKU no older than ``max_age_days``, with demand and price."""
    start = as_of - timedelta(days=VELOCITY_WINDOW_DAYS - 1)
    latest = _latest_snapshots(session, store_id, as_of, as_of - timedelta(days=max_age_days))
    sold, revenue = _units_and_revenue(session, store_id, start, as_of)
    if not sold:  # no order report imported: fall back on the Business Report, by ASIN
        sold, revenue = _units_and_revenue_by_asin(session, store_id, start, as_of, latest)
    stocked = _in_stock_days(session, store_id, start, as_of)
    products = {
        p.sku: p for p in session.scalars(select(Product).where(Product.store_id == store_id))
    }
    out = []
    for snap in latest:
        product = products.get(snap.sku)
        units = sold.get(snap.sku, 0)
        price = (revenue[snap.sku] / units) if units else (product.price if product else None)
        out.append(
            StockPosition(
                sku=snap.sku,
                asin=snap.asin or (product.asin if product else None),
                title=product.title if product else None,
                snapshot_date=snap.snapshot_date,
                fulfillable=snap.fulfillable,
                inbound=snap.inbound_working + snap.inbound_shipped + snap.inbound_receiving,
                reserved=snap.reserved,
                units_per_day=velocity(units, stocked.get(snap.sku, VELOCITY_WINDOW_DAYS)),
                avg_price=price if price is not None else snap.your_price,
                lead_time_days=(product.lead_time_days if product else None) or default_lead_time,
            )
        )
    return out


def _latest_snapshots(
    session: Session, store_id: int, as_of: date, oldest: date
) -> list[InventorySnapshot]:
    newest = (
        select(InventorySnapshot.sku, func.max(InventorySnapshot.snapshot_date).label("d"))
        .where(
            InventorySnapshot.store_id == store_id,
            InventorySnapshot.snapshot_date <= as_of,
            InventorySnapshot.snapshot_date >= oldest,
        )
        .group_by(InventorySnapshot.sku)
        .subquery()
    )
    stmt = select(InventorySnapshot).join(
        newest,
        (InventorySnapshot.sku == newest.c.sku) & (InventorySnapshot.snapshot_date == newest.c.d),
    )
    return list(session.scalars(stmt.where(InventorySnapshot.store_id == store_id)))


def _units_and_revenue(
    session: Session, store_id: int, start: date, end: date
) -> tuple[dict[str, int], dict[str, Decimal]]:
    rows = session.execute(
        select(
            OrderItem.sku,
            func.sum(OrderItem.quantity),
            func.coalesce(func.sum(OrderItem.item_price), 0),
        )
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            Order.store_id == store_id,
            Order.purchase_day >= start,
            Order.purchase_day <= end,
            Order.status != "Cancelled",
        )
        .group_by(OrderItem.sku)
    )
    units: dict[str, int] = {}
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    for sku, qty, amount in rows:
        units[sku] = int(qty or 0)
        revenue[sku] = Decimal(amount or 0)
    return units, revenue


def _units_and_revenue_by_asin(
    session: Session,
    store_id: int,
    start: date,
    end: date,
    snapshots: list[InventorySnapshot],
) -> tuple[dict[str, int], dict[str, Decimal]]:
    """Business Report units per child ASIN, given to the SKU that carries that ASIN.

    When several SKUs share an ASIN (FBA and merchant offers), the units are split evenly.
    """
    rows = session.execute(
        select(
            SalesTrafficDaily.child_asin,
            func.sum(SalesTrafficDaily.units_ordered),
            func.coalesce(func.sum(SalesTrafficDaily.ordered_sales), 0),
        )
        .where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= end,
        )
        .group_by(SalesTrafficDaily.child_asin)
    )
    by_asin = {asin: (int(units or 0), Decimal(sales or 0)) for asin, units, sales in rows}
    skus_of: dict[str, list[str]] = defaultdict(list)
    for snap in snapshots:
        if snap.asin:
            skus_of[snap.asin].append(snap.sku)
    units: dict[str, int] = {}
    revenue: dict[str, Decimal] = {}
    for asin, skus in skus_of.items():
        asin_units, asin_sales = by_asin.get(asin, (0, Decimal(0)))
        for sku in skus:
            units[sku] = asin_units // len(skus)
            revenue[sku] = asin_sales / len(skus)
    return units, revenue


def _in_stock_days(session: Session, store_id: int, start: date, end: date) -> dict[str, int]:
    """Per SKU, window days minus the snapshot days that showed no fulfillable stock."""
    rows = session.execute(
        select(InventorySnapshot.sku, func.count())
        .where(
            InventorySnapshot.store_id == store_id,
            InventorySnapshot.snapshot_date >= start,
            InventorySnapshot.snapshot_date <= end,
            InventorySnapshot.fulfillable <= 0,
        )
        .group_by(InventorySnapshot.sku)
    )
    window = (end - start).days + 1
    return {sku: window - int(n) for sku, n in rows}


def review_positions(ctx: ReviewContext) -> list[StockPosition]:
    """Stock positions for a review day, loaded once however many checks read them."""
    return ctx.memo(
        "inventory.stock_positions",
        lambda: stock_positions(
            session=ctx.session,
            store_id=ctx.store.id,
            as_of=ctx.as_of,
            default_lead_time=ctx.store.default_lead_time_days,
        ),
    )
