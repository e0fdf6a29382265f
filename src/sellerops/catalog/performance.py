"""Sales and traffic per child ASIN (Business Report), loaded once per review window."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import SalesTrafficDaily


@dataclass(frozen=True, slots=True)
class DayStats:
    units: int
    sales: Decimal
    sessions: int
    buy_box: float | None  # fraction 0..1
    conversion: float | None  # units per session


@dataclass(frozen=True, slots=True)
class StoreTotals:
    day: date
    units: int
    sales: Decimal
    sessions: int
    order_items: int


def asin_days(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[str, dict[date, DayStats]]:
    """Business Report rows per child ASIN and day, ``start`` to ``end`` inclusive.

    A day missing for an ASIN means the report had no row: no sessions and no sales.
    """
    rows = session.execute(
        select(
            SalesTrafficDaily.child_asin,
            SalesTrafficDaily.day,
            SalesTrafficDaily.units_ordered,
            SalesTrafficDaily.ordered_sales,
            SalesTrafficDaily.sessions,
            SalesTrafficDaily.buy_box_pct,
            SalesTrafficDaily.unit_session_pct,
        ).where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= end,
        )
    )
    out: dict[str, dict[date, DayStats]] = defaultdict(dict)
    for asin, day, units, sales, sessions, bb, usp in rows:
        out[asin][day] = DayStats(
            units=units or 0,
            sales=sales or Decimal(0),
            sessions=sessions or 0,
            buy_box=None if bb is None else float(bb),
            conversion=None if usp is None else float(usp),
        )
    return out


def store_totals(*, session: Session, store_id: int, day: date) -> StoreTotals:
    """Units, ordered product sales, sessions and order items of the whole store on ``day``."""
    units, sales, sessions, items = session.execute(
        select(
            func.coalesce(func.sum(SalesTrafficDaily.units_ordered), 0),
            func.coalesce(func.sum(SalesTrafficDaily.ordered_sales), 0),
            func.coalesce(func.sum(SalesTrafficDaily.sessions), 0),
            func.coalesce(func.sum(SalesTrafficDaily.total_order_items), 0),
        ).where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.day == day)
    ).one()
    return StoreTotals(day, int(units), Decimal(sales), int(sessions), int(items))


def latest_day(*, session: Session, store_id: int) -> date | None:
    """The newest day with Business Report data: the default day to review."""
    return session.scalar(
        select(func.max(SalesTrafficDaily.day)).where(SalesTrafficDaily.store_id == store_id)
    )


def same_weekdays(day: date, weeks: int) -> list[date]:
    """The same weekday in each of the ``weeks`` weeks before ``day``, newest first."""
    return [day - timedelta(days=7 * k) for k in range(1, weeks + 1)]
