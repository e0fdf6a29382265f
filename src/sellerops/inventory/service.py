"""Stock positions and demand velocity per SKU: the inputs of cover and stock-out checks."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.daily.context import ReviewContext
from sellerops.inventory.models import InventoryHealthSnapshot, InventorySnapshot
from sellerops.service.models import Order, OrderItem

if TYPE_CHECKING:
    from sellerops.inventory.planning import PlanRow

VELOCITY_WINDOW_DAYS = 28


@dataclass(frozen=True, slots=True)
class StockPosition:
    """One SKU's stock on ``snapshot_date`` and its recent demand.

    ``units_per_day`` is the demand rate every check uses. In a review it is the day's
    restock plan's forecast (``rate_source`` "forecast", ``plan`` the plan's line), so the
    review and ``sellerops restock`` say the same rate, cover and stock-out date; for a SKU
    the plan does not cover it is the recent rate (``rate_source`` "recent"): demand per
    in-stock day over the last 28 days (days without fulfillable stock are left out, so a
    stock-out does not read as falling demand), kept in ``recent_per_day`` either way.
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
    lead_time_days: float
    recent_per_day: float | None = None
    rate_source: str = "recent"
    plan: PlanRow | None = None
    #: days the fulfillable stock alone lasts at the plan's forecast (None: no plan line)
    on_hand_cover: float | None = None

    @property
    def rate_key(self) -> str:
        """The evidence name of the demand rate: the plan's forecast, or the recent rate."""
        return "forecast_per_day" if self.rate_source == "forecast" else "units_per_day"

    @property
    def cover_days(self) -> float:
        """Days the fulfillable stock lasts at the demand rate (inf when nothing sells)."""
        if self.on_hand_cover is not None:
            return self.on_hand_cover
        return cover(self.fulfillable, self.units_per_day)

    @property
    def cover_with_inbound_days(self) -> float:
        """Days of cover counting inbound: the plan's (inbound from the day it lands, open
        purchase orders included), else fulfillable + inbound at the recent rate."""
        if self.plan is not None:
            return self.plan.line.days_of_cover
        return cover(self.fulfillable + self.inbound, self.units_per_day)

    @property
    def stockout_date(self) -> date | None:
        """The first day projected stock reaches zero (the plan's date; else from the cover
        at the recent rate, by the same convention)."""
        if self.plan is not None:
            return self.plan.line.stockout_date
        days = self.cover_with_inbound_days
        if not math.isfinite(days) or days > 365:
            return None
        return self.snapshot_date + timedelta(days=max(1, math.ceil(days - 1e-9)))


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
        priced = units and snap.sku in revenue  # (only MCF orders: no Amazon price)
        price = (revenue[snap.sku] / units) if priced else (product.price if product else None)
        rate = velocity(units, stocked.get(snap.sku, VELOCITY_WINDOW_DAYS))
        out.append(
            StockPosition(
                sku=snap.sku,
                asin=snap.asin or (product.asin if product else None),
                title=product.title if product else None,
                snapshot_date=snap.snapshot_date,
                fulfillable=snap.fulfillable,
                inbound=snap.inbound_working + snap.inbound_shipped + snap.inbound_receiving,
                reserved=snap.reserved,
                units_per_day=rate,
                avg_price=price if price is not None else snap.your_price,
                lead_time_days=(product.lead_time_days if product else None) or default_lead_time,
                recent_per_day=rate,
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
    """Units sold per SKU (every order: a Multi-Channel Fulfilment order takes FBA stock too)
    and the revenue of its Amazon sales, scaled to all its units at their average price (an
    MCF order's item price is 0: it must not lower the price a stock-out costs)."""
    from sellerops.service.models import amazon_sale

    sale = amazon_sale()
    rows = session.execute(
        select(
            OrderItem.sku,
            func.sum(OrderItem.quantity),
            func.coalesce(func.sum(case((sale, OrderItem.item_price))), 0),
            func.coalesce(func.sum(case((sale, OrderItem.quantity))), 0),
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
    for sku, qty, amount, sold in rows:
        units[sku] = int(qty or 0)
        if sold:
            revenue[sku] = Decimal(amount or 0) * units[sku] / int(sold)
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
    window = (end - start).days + 1
    empty = days_without_stock(session=session, store_id=store_id, start=start, end=end)
    return {sku: window - len(days) for sku, days in empty.items()}


def review_positions(ctx: ReviewContext) -> list[StockPosition]:
    """Stock positions for a review day, loaded once however many checks read them, with
    the day's restock plan as the one source of demand rate, cover and stock-out date."""
    return ctx.memo("inventory.stock_positions", lambda: _review_positions(ctx))


def review_plan(ctx: ReviewContext) -> dict[str, PlanRow]:
    """The day's restock plan by SKU (stored once a day; the Restock page and ``sellerops
    restock`` read the same lines)."""
    from sellerops.finance.checks import review_losses  # late: the finance checks
    from sellerops.inventory import plan_store  # late: the plan imports the forecaster

    def load() -> dict[str, PlanRow]:
        rows = plan_store.plan_of_day(session=ctx.session, store=ctx.store, as_of=ctx.as_of,
                                      losses=review_losses(ctx))  # fmt: skip
        return {r.sku: r for r in rows}

    return ctx.memo("inventory.plan_rows", load)


def _review_positions(ctx: ReviewContext) -> list[StockPosition]:
    positions = stock_positions(
        session=ctx.session,
        store_id=ctx.store.id,
        as_of=ctx.as_of,
        default_lead_time=ctx.store.default_lead_time_days,
    )
    if not positions:
        return positions
    plan = review_plan(ctx)
    return [with_plan(p, plan.get(p.sku)) for p in positions]


def with_plan(pos: StockPosition, row: PlanRow | None) -> StockPosition:
    """``pos`` with the plan's forecast rate, lead time and covers (unchanged without one)."""
    if row is None:
        return pos
    from sellerops.inventory.restock import RestockInput, run_out

    if row.line.position > pos.fulfillable:  # inbound, open POs or 3PL stock on the way
        path = row.forecast_path[0] if row.forecast_path else (row.forecast_per_day,) * 28
        alone = RestockInput(pos.sku, pos.snapshot_date, pos.fulfillable, np.asarray(path, float))
        on_hand = min(run_out(alone)[0], row.line.days_of_cover)
    else:  # nothing on the way: the plan's own cover (its full forecast, not the stored
        # 28-day path carried on at its average), so the two covers agree
        on_hand = row.line.days_of_cover
    return replace(
        pos,
        units_per_day=row.forecast_per_day,
        rate_source="forecast",
        plan=row,
        # whole days stay whole (the plan stores a float): "31 days", not "31.0 days"
        lead_time_days=int(row.lead_time_days)
        if float(row.lead_time_days).is_integer()
        else row.lead_time_days,
        on_hand_cover=on_hand,
    )


def latest_snapshots(
    *, session: Session, store_id: int, as_of: date, max_age_days: int = 7
) -> dict[str, InventorySnapshot]:
    """The newest Manage FBA Inventory row per SKU no older than ``max_age_days``."""
    oldest = as_of - timedelta(days=max_age_days)
    return {s.sku: s for s in _latest_snapshots(session, store_id, as_of, oldest)}


def latest_health(
    *, session: Session, store_id: int, as_of: date, max_age_days: int = 14
) -> dict[str, InventoryHealthSnapshot]:
    """The newest FBA Inventory (health / age) row per SKU no older than ``max_age_days``."""
    newest = (
        select(
            InventoryHealthSnapshot.sku, func.max(InventoryHealthSnapshot.snapshot_date).label("d")
        )
        .where(
            InventoryHealthSnapshot.store_id == store_id,
            InventoryHealthSnapshot.snapshot_date <= as_of,
            InventoryHealthSnapshot.snapshot_date >= as_of - timedelta(days=max_age_days),
        )
        .group_by(InventoryHealthSnapshot.sku)
        .subquery()
    )
    rows = session.scalars(
        select(InventoryHealthSnapshot)
        .join(
            newest,
            (InventoryHealthSnapshot.sku == newest.c.sku)
            & (InventoryHealthSnapshot.snapshot_date == newest.c.d),
        )
        .where(InventoryHealthSnapshot.store_id == store_id)
    )
    return {r.sku: r for r in rows}


def average_fulfillable(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[str, float]:
    """Average fulfillable units per SKU over the snapshot days from ``start`` to ``end``."""
    rows = session.execute(
        select(InventorySnapshot.sku, func.avg(InventorySnapshot.fulfillable))
        .where(
            InventorySnapshot.store_id == store_id,
            InventorySnapshot.snapshot_date >= start,
            InventorySnapshot.snapshot_date <= end,
        )
        .group_by(InventorySnapshot.sku)
    )
    return {sku: float(avg or 0) for sku, avg in rows}


def first_stock_day(*, session: Session, store_id: int) -> dict[str, date]:
    """The first snapshot day on which each SKU had stock at FBA (its FBA launch, as far as
    the imported history shows)."""
    rows = session.execute(
        select(InventorySnapshot.sku, func.min(InventorySnapshot.snapshot_date))
        .where(InventorySnapshot.store_id == store_id, InventorySnapshot.fulfillable > 0)
        .group_by(InventorySnapshot.sku)
    )
    return {sku: day for sku, day in rows}


def units_sold(*, session: Session, store_id: int, start: date, end: date) -> dict[str, int]:
    """Units ordered per SKU from ``start`` to ``end`` (orders report; empty without one)."""
    return _units_and_revenue(session, store_id, start, end)[0]


def storage_fee_per_unit_month(
    *, session: Session, store_id: int, as_of: date
) -> dict[str, Decimal]:
    """Monthly storage fee per unit held, by ASIN, from the newest imported monthly storage
    fee report up to ``as_of`` (fee over average units on hand; store currency)."""
    from sellerops.finance.models import StorageFeeMonthly

    month = session.scalar(
        select(func.max(StorageFeeMonthly.month_of_charge)).where(
            StorageFeeMonthly.store_id == store_id, StorageFeeMonthly.month_of_charge <= as_of
        )
    )
    if month is None:
        return {}
    rows = session.execute(
        select(
            StorageFeeMonthly.asin,
            func.sum(StorageFeeMonthly.estimated_monthly_storage_fee),
            func.sum(StorageFeeMonthly.average_quantity_on_hand),
        )
        .where(StorageFeeMonthly.store_id == store_id, StorageFeeMonthly.month_of_charge == month)
        .group_by(StorageFeeMonthly.asin)
    )
    return {asin: Decimal(fee) / Decimal(qty) for asin, fee, qty in rows if asin and qty}


def aged_surcharge_charged(*, session: Session, store_id: int, as_of: date) -> dict[str, Decimal]:
    """The Aged Inventory Surcharge last charged per SKU (long-term storage fee report,
    newest snapshot in the 45 days up to ``as_of``; store currency)."""
    from sellerops.finance.models import StorageFeeLongTerm

    day = session.scalar(
        select(func.max(StorageFeeLongTerm.snapshot_date)).where(
            StorageFeeLongTerm.store_id == store_id,
            StorageFeeLongTerm.snapshot_date <= as_of,
            StorageFeeLongTerm.snapshot_date >= as_of - timedelta(days=45),
        )
    )
    if day is None:
        return {}
    rows = session.execute(
        select(StorageFeeLongTerm.sku, func.sum(StorageFeeLongTerm.amount_charged))
        .where(StorageFeeLongTerm.store_id == store_id, StorageFeeLongTerm.snapshot_date == day)
        .group_by(StorageFeeLongTerm.sku)
    )
    return {sku: Decimal(amount) for sku, amount in rows}


def days_without_stock(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[str, set[date]]:
    """Per SKU, the snapshot days from ``start`` to ``end`` that showed no fulfillable stock."""
    rows = session.execute(
        select(InventorySnapshot.sku, InventorySnapshot.snapshot_date).where(
            InventorySnapshot.store_id == store_id,
            InventorySnapshot.snapshot_date >= start,
            InventorySnapshot.snapshot_date <= end,
            InventorySnapshot.fulfillable <= 0,
        )
    )
    out: dict[str, set[date]] = defaultdict(set)
    for sku, day in rows:
        out[sku].add(day)
    return dict(out)
