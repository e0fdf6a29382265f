"""Sales and traffic per child ASIN (Business Report), loaded once per review window."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

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


def latest_day(*, session: Session, store_id: int, complete: bool = True) -> date | None:
    """The newest day with Business Report data: the default day to review.

    With ``complete`` (the default), a newest day whose report looks incomplete
    (:func:`incomplete_day`: a partial download, a report of a single SKU) is passed over
    for the day before, so one partial file does not move the whole store's "today"; the
    review then says so (``catalog.incomplete_day``).

    Reads the ASIN rows of the newest days first (from the primary key's index alone: a
    few milliseconds on 10,000 SKUs, where summing sessions reads every row of those days);
    the sessions are read only when the newest day has at most half the usual rows, the
    only case where they can decide.
    """
    if not complete:
        return session.scalar(
            select(func.max(SalesTrafficDaily.day)).where(SalesTrafficDaily.store_id == store_id)
        )
    counts = _recent_row_counts(session, store_id)
    if not counts:
        return None
    (newest, asins), earlier = counts[0], counts[1:]
    if len(earlier) < INCOMPLETE_MIN_DAYS or asins > INCOMPLETE_SHARE * float(
        median(n for _d, n in earlier)
    ):
        return newest  # complete by its rows alone (_judge would say the same)
    days = _recent_days(session, store_id, None, since=counts[-1][0])
    if len(days) > 1 and _judge(days) is not None:
        return days[1][0]
    return days[0][0]


#: A day is incomplete when it has at most this share of the usual ASIN rows and sessions.
INCOMPLETE_SHARE = 0.5
#: Earlier days with data that make "usual" (at least ``INCOMPLETE_MIN_DAYS`` of them).
INCOMPLETE_BASE_DAYS = 14
INCOMPLETE_MIN_DAYS = 3


@dataclass(frozen=True, slots=True)
class DayCoverage:
    """How much of the store one day's Business Report holds, against the usual day."""

    day: date
    asins: int
    sessions: int
    usual_asins: float  # median over the earlier days with data
    usual_sessions: float


def incomplete_day(*, session: Session, store_id: int, day: date) -> DayCoverage | None:
    """``day``'s coverage when its Business Report looks incomplete, else None.

    Incomplete: at most half the usual number of ASIN rows and at most half the usual
    sessions, usual being the median of the 14 earlier days with data; with fewer than 3
    such days nothing is judged.
    """
    days = _recent_days(session, store_id, day)
    if not days or days[0][0] != day:
        return None
    return _judge(days)


def _recent_row_counts(session: Session, store_id: int) -> list[tuple[date, int]]:
    """The newest days with data, newest first, with their ASIN rows: (day, rows), as
    :func:`_recent_days` without the sessions (counted from the primary key's index)."""
    query = (
        select(SalesTrafficDaily.day, func.count())
        .where(SalesTrafficDaily.store_id == store_id)
        .group_by(SalesTrafficDaily.day)
        .order_by(SalesTrafficDaily.day.desc())
        .limit(INCOMPLETE_BASE_DAYS + 1)
    )
    return [(d, int(n)) for d, n in session.execute(query)]


def _recent_days(
    session: Session, store_id: int, up_to: date | None, since: date | None = None
) -> list[tuple[date, int, int]]:
    """The newest days with data (up to ``up_to``; from ``since`` on when given: bounds the
    rows read), newest first: (day, ASIN rows, sessions)."""
    query = (
        select(
            SalesTrafficDaily.day,
            func.count(SalesTrafficDaily.child_asin),
            func.coalesce(func.sum(SalesTrafficDaily.sessions), 0),
        )
        .where(SalesTrafficDaily.store_id == store_id)
        .group_by(SalesTrafficDaily.day)
        .order_by(SalesTrafficDaily.day.desc())
        .limit(INCOMPLETE_BASE_DAYS + 1)
    )
    if up_to is not None:
        query = query.where(SalesTrafficDaily.day <= up_to)
    if since is not None:
        query = query.where(SalesTrafficDaily.day >= since)
    return [(d, int(n), int(sessions)) for d, n, sessions in session.execute(query)]


def _judge(days: list[tuple[date, int, int]]) -> DayCoverage | None:
    """Whether the first of ``days`` (newest first) is incomplete against the others."""
    (day, asins, sessions), earlier = days[0], days[1:]
    if len(earlier) < INCOMPLETE_MIN_DAYS:
        return None
    usual_asins = float(median(n for _d, n, _s in earlier))
    usual_sessions = float(median(v for _d, _n, v in earlier))
    if asins > INCOMPLETE_SHARE * usual_asins or sessions > INCOMPLETE_SHARE * usual_sessions:
        return None
    return DayCoverage(day, asins, sessions, usual_asins, usual_sessions)


def same_weekdays(day: date, weeks: int) -> list[date]:
    """The same weekday in each of the ``weeks`` weeks before ``day``, newest first."""
    return [day - timedelta(days=7 * k) for k in range(1, weeks + 1)]
