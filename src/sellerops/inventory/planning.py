"""The restock plan of a store: load history, forecast every SKU, plan orders.

Reads orders (or the Business Report when no order report was imported), stock snapshots
and product settings; calls the pure forecaster and restock math; returns plain rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core import calendar
from sellerops.core.models import Store
from sellerops.inventory import service as inventory
from sellerops.inventory.forecast import SeriesForecast, SeriesInput, forecast_many
from sellerops.inventory.models import InventorySnapshot
from sellerops.inventory.restock import Inbound, LeadTime, RestockInput, RestockLine, plan
from sellerops.service.models import Order, OrderItem

HISTORY_DAYS = 365
HORIZON_DAYS = 180
#: Days until inbound units become sellable, by stage (no report says when they will land).
INBOUND_DAYS = {"receiving": 3, "shipped": 14, "working": 30}


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One SKU's restock line with what an operator needs next to it."""

    sku: str
    asin: str | None
    title: str | None
    line: RestockLine
    forecast_per_day: float  # mean units per day over the next 28 days
    method: str  # the forecaster's demand class: smooth, intermittent, new, none
    lead_time_days: float
    unit_cost: Decimal | None

    @property
    def order_value(self) -> Decimal | None:
        return None if self.unit_cost is None else self.unit_cost * self.line.order_units


def restock_plan(
    *, session: Session, store: Store, as_of: date, service_level: float = 0.95
) -> list[PlanRow]:
    """Restock lines for every SKU with a stock snapshot in the last week, most urgent first."""
    snapshots = list(
        inventory.latest_snapshots(session=session, store_id=store.id, as_of=as_of).values()
    )
    if not snapshots:
        return []
    start = as_of - timedelta(days=HISTORY_DAYS - 1)
    history = _history(session, store.id, start, as_of, snapshots)
    products = {
        p.sku: p for p in session.scalars(select(Product).where(Product.store_id == store.id))
    }
    events = calendar.events(store.marketplace_code, start, as_of + timedelta(days=HORIZON_DAYS))
    forecasts = {f.series_id: f for f in forecast_many(history, HORIZON_DAYS, events)}
    rows = []
    for snap in snapshots:
        product = products.get(snap.sku)
        lead_days = (product.lead_time_days if product else None) or store.default_lead_time_days
        fc = forecasts[snap.sku]
        item = _restock_input(snap, fc, as_of, lead_days, service_level)
        rows.append(
            PlanRow(
                sku=snap.sku,
                asin=snap.asin,
                title=product.title if product else None,
                line=plan(item),
                forecast_per_day=float(np.mean(fc.mean[:28])),
                method=fc.method,
                lead_time_days=item.lead_time.mean,
                unit_cost=product.unit_cost if product else None,
            )
        )
    rows.sort(key=lambda r: (r.line.order_by or date.max, -r.line.order_units))
    return rows


def lead_time_of(total_days: float) -> LeadTime:
    """Split a single lead-time figure into production, freight and receiving, with a spread.

    Until the partners module supplies measured lead times, the spread is taken as 15 % of
    the total (a sea-freight order rarely lands within less than a week of its plan).
    """
    return LeadTime(
        production_days=0.4 * total_days,
        transit_days=0.5 * total_days,
        receiving_days=0.1 * total_days,
        sd_days=0.15 * total_days,
    )


def _restock_input(
    snap: InventorySnapshot, fc: SeriesForecast, as_of: date, lead_days: float, level: float
) -> RestockInput:
    inbound = tuple(
        Inbound(units, INBOUND_DAYS[stage])
        for stage, units in (
            ("receiving", snap.inbound_receiving),
            ("shipped", snap.inbound_shipped),
            ("working", snap.inbound_working),
        )
        if units > 0
    )
    return RestockInput(
        sku=snap.sku,
        as_of=as_of,
        on_hand=snap.fulfillable,
        daily_mean=fc.mean,
        dispersion=fc.dispersion,
        inbound=inbound,
        lead_time=lead_time_of(lead_days),
        service_level=level,
    )


def _history(
    session: Session, store_id: int, start: date, end: date, snaps: list[InventorySnapshot]
) -> list[SeriesInput]:
    days = (end - start).days + 1
    units, revenue = _daily_units(session, store_id, start, end, snaps)
    stocked = _daily_in_stock(session, store_id, start, end)
    out = []
    for snap in snaps:
        u = units.get(snap.sku, np.zeros(days))
        r = revenue.get(snap.sku, np.zeros(days))
        with np.errstate(invalid="ignore", divide="ignore"):
            price = np.where(u > 0, r / np.maximum(u, 1), np.nan)
        out.append(
            SeriesInput(
                series_id=snap.sku,
                start=start,
                units=u,
                in_stock=stocked.get(snap.sku),
                price=price,
                group=snap.asin,
            )
        )
    return out


def _daily_units(
    session: Session, store_id: int, start: date, end: date, snaps: list[InventorySnapshot]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    days = (end - start).days + 1
    units: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(days))
    revenue: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(days))
    rows: list[tuple[str, date, int, Decimal | None]] = [
        tuple(r)  # type: ignore[misc]
        for r in session.execute(
            select(
                OrderItem.sku,
                Order.purchase_day,
                func.sum(OrderItem.quantity),
                func.sum(OrderItem.item_price),
            )
            .join(Order, Order.id == OrderItem.order_id)
            .where(
                Order.store_id == store_id,
                Order.purchase_day >= start,
                Order.purchase_day <= end,
                Order.status != "Cancelled",
            )
            .group_by(OrderItem.sku, Order.purchase_day)
        )
    ]
    if not rows:  # no order report: Business Report units per child ASIN, given to its SKU
        rows = _units_by_asin(session, store_id, start, end, snaps)
    for sku, day, qty, amount in rows:
        units[sku][(day - start).days] = float(qty or 0)
        revenue[sku][(day - start).days] = float(amount or 0)
    return units, revenue


def _units_by_asin(
    session: Session, store_id: int, start: date, end: date, snaps: list[InventorySnapshot]
) -> list[tuple[str, date, int, Decimal | None]]:
    sku_of = {s.asin: s.sku for s in snaps if s.asin}
    rows = session.execute(
        select(
            SalesTrafficDaily.child_asin,
            SalesTrafficDaily.day,
            SalesTrafficDaily.units_ordered,
            SalesTrafficDaily.ordered_sales,
        ).where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= end,
        )
    )
    return [(sku_of[a], d, u, s) for a, d, u, s in rows if a in sku_of]


def _daily_in_stock(
    session: Session, store_id: int, start: date, end: date
) -> dict[str, np.ndarray]:
    """1 on days with fulfillable stock, 0 on days without; days with no snapshot count as 1."""
    days = (end - start).days + 1
    out: dict[str, np.ndarray] = {}
    empty = inventory.days_without_stock(session=session, store_id=store_id, start=start, end=end)
    for sku, dates in empty.items():
        mask = np.ones(days)
        mask[[(d - start).days for d in dates]] = 0.0
        out[sku] = mask
    return out
