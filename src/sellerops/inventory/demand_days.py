"""Which report gives a store's units sold on each day of the forecast's history.

Orders (an All Orders report) are the best count of a day: where an imported order report
covers the day, its orders give the units (a SKU without an order sold 0). Where only a
Business Report ("Detail Page Sales and Traffic by Child Item") covers the day, its units
per child ASIN do. A day neither covers is *not observed*: the forecaster leaves it out
instead of reading it as a day without sales (a Business Report imported for days after the
last order report, or a plan dated after the last report, would otherwise pull the forecast
down). The days each source gave are kept for the plan's explanation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core.models import ImportBatch
from sellerops.service.models import Order

#: The family name of the order report (``ImportBatch.report_type``).
ORDER_REPORT = "all_orders"


@dataclass(frozen=True, slots=True)
class DaySources:
    """The days of ``start`` .. ``end`` each source covers, store-wide."""

    start: date
    end: date
    orders: frozenset[date]
    #: days the Business Report covers and no order report does
    reports: frozenset[date]

    def missing(self, first: date | None = None) -> list[date]:
        """Days from ``first`` (default: the first covered day) to ``end`` no source covers."""
        covered = self.orders | self.reports
        if first is None:
            if not covered:
                return []
            first = min(covered)
        first = max(first, self.start)
        return [
            d
            for d in (first + timedelta(days=k) for k in range((self.end - first).days + 1))
            if d not in covered
        ]


def day_sources(session: Session, store_id: int, start: date, end: date) -> DaySources:
    """Which days of ``start`` .. ``end`` orders cover, and which only the Business Report."""
    orders = order_days(session, store_id, start, end)
    report = set(
        session.scalars(
            select(SalesTrafficDaily.day)
            .where(
                SalesTrafficDaily.store_id == store_id,
                SalesTrafficDaily.day >= start,
                SalesTrafficDaily.day <= end,
            )
            .distinct()
        )
    )
    return DaySources(start, end, frozenset(orders), frozenset(report - orders))


def order_days(session: Session, store_id: int, start: date, end: date) -> set[date]:
    """Days of ``start`` .. ``end`` an imported order report covers (from its first to its
    last purchase day); a store whose orders came without an import record (written by
    another tool) is covered from its first to its last order."""
    batches = session.execute(
        select(ImportBatch.data_start, ImportBatch.data_end).where(
            ImportBatch.store_id == store_id,
            ImportBatch.report_type == ORDER_REPORT,
            ImportBatch.status == "ok",
            ImportBatch.data_start.is_not(None),
        )
    ).all()
    spans = [(lo, hi or lo) for lo, hi in batches if lo is not None]
    if not spans:
        first, last = session.execute(
            select(func.min(Order.purchase_day), func.max(Order.purchase_day)).where(
                Order.store_id == store_id
            )
        ).one()
        spans = [(first, last)] if first is not None and last is not None else []
    return _days_in(spans, start, end)


def _days_in(spans: Iterable[tuple[date, date]], start: date, end: date) -> set[date]:
    out: set[date] = set()
    for lo, hi in spans:
        lo, hi = max(lo, start), min(hi, end)
        out.update(lo + timedelta(days=k) for k in range((hi - lo).days + 1))
    return out


def spans(days: Iterable[date]) -> list[list[str]]:
    """Days as runs of consecutive days, ``[[first, last], ...]`` in ISO (JSON for a note)."""
    out: list[list[str]] = []
    prev: date | None = None
    for d in sorted(set(days)):
        if prev is not None and d == prev + timedelta(days=1):
            out[-1][1] = d.isoformat()
        else:
            out.append([d.isoformat(), d.isoformat()])
        prev = d
    return out
