"""Per-SKU rolling figures and per-store daily totals, computed once and read many times.

``refresh`` recomputes a store's rows from the fact tables in a handful of grouped queries;
imports call it when a file lands and the daily review calls it when it has run. Pages call
``ensure_fresh``, which refreshes only when the store's newest Business Report day moved
since the last refresh (data written by some other path), so a page load normally reads
rollup rows only.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sellerops.ads.models import AdProductDaily
from sellerops.catalog import performance
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.catalog.rollup_models import AsinRollup, RollupState, StoreDayTotal
from sellerops.core.models import utcnow
from sellerops.daily.models import FindingRow
from sellerops.inventory.models import InventorySnapshot

log = logging.getLogger(__name__)

WINDOW_DAYS = 28
SHORT_DAYS = 7
#: Days of store totals kept: the 28-day window, the 28 before it, and a week to compare.
TOTALS_DAYS = 2 * WINDOW_DAYS + 7
ZERO = Decimal(0)
SEPARATOR = "\x1f"  # the unit separator: nobody types it into a search box


@dataclass(frozen=True, slots=True)
class _Traffic:
    units_7: int = 0
    sales_7: Decimal = ZERO
    sessions_7: int = 0
    units_28: int = 0
    sales_28: Decimal = ZERO
    sessions_28: int = 0
    units_prev_28: int = 0
    sales_prev_28: Decimal = ZERO
    sessions_prev_28: int = 0


def refresh(*, session: Session, store_id: int, as_of: date | None = None) -> date | None:
    """Recompute the store's :class:`AsinRollup` rows and daily totals as of ``as_of``.

    ``as_of`` defaults to the newest Business Report day; a store without one has no
    rollups (returns None). Returns the day the rollups are as of.
    """
    as_of = as_of or performance.latest_day(session=session, store_id=store_id)
    if as_of is None:
        return None
    rows = _rollup_rows(session, store_id, as_of)
    session.execute(delete(AsinRollup).where(AsinRollup.store_id == store_id))
    if rows:
        session.execute(insert(AsinRollup), rows)
    window_start = _refresh_totals(session, store_id, as_of)
    state = session.get(RollupState, store_id)
    if state is None:
        state = RollupState(store_id=store_id)
        session.add(state)
    state.as_of, state.window_start, state.refreshed_at = as_of, window_start, utcnow()
    state.products = len(rows)
    session.flush()
    return as_of


def ensure_fresh(*, session: Session, store_id: int, as_of: date) -> None:
    """Refresh the store's rollups unless they are as of ``as_of`` with the same products.

    Two requests may find them stale at once; the loser's savepoint rolls back (unique key
    or, on SQLite, a busy snapshot) and it reads what the winner wrote.
    """
    state = session.get(RollupState, store_id)
    if (
        state is not None
        and state.as_of == as_of
        and state.products == _product_count(session, store_id)
    ):
        return
    try:
        with session.begin_nested():
            refresh(session=session, store_id=store_id, as_of=as_of)
    except DBAPIError:
        log.info("rollups of store %s were refreshed by another request", store_id)
        session.expire_all()


def _product_count(session: Session, store_id: int) -> int:
    return session.scalar(select(func.count()).where(Product.store_id == store_id)) or 0


def _rollup_rows(session: Session, store_id: int, as_of: date) -> list[dict[str, Any]]:
    traffic = _traffic(session, store_id, as_of)
    stock = _stock(session, store_id, as_of)
    spend, ad_sales = _ads(session, store_id, as_of)
    findings = _open_findings(session, store_id)
    planned = _plan_cover(session, store_id, as_of)
    products = session.execute(
        select(Product.id, Product.sku, Product.asin, Product.title, Product.price).where(
            Product.store_id == store_id
        )
    )
    rows = []
    for pid, sku, asin, title, price in products:
        t = traffic.get(asin, _Traffic()) if asin else _Traffic()
        on_hand = stock.get(sku)
        per_day = t.units_28 / WINDOW_DAYS
        sp = spend.get(sku, ZERO) + (spend.get(f"asin:{asin}", ZERO) if asin else ZERO)
        ad_s = ad_sales.get(sku, ZERO) + (ad_sales.get(f"asin:{asin}", ZERO) if asin else ZERO)
        count = findings.get(sku, 0) + (findings.get(asin, 0) if asin and asin != sku else 0)
        rows.append(
            {"store_id": store_id, "sku": sku, "as_of": as_of, "product_id": pid, "asin": asin,
             "title": title, "price": price, "units_7": t.units_7, "sales_7": t.sales_7,
             "sessions_7": t.sessions_7, "units_28": t.units_28, "sales_28": t.sales_28,
             "sessions_28": t.sessions_28,
             "conversion_28": t.units_28 / t.sessions_28 if t.sessions_28 else None,
             "units_prev_28": t.units_prev_28, "sales_prev_28": t.sales_prev_28,
             "sessions_prev_28": t.sessions_prev_28, "stock": on_hand,
             "days_of_cover": planned[sku] if sku in planned else
                              on_hand / per_day if on_hand is not None and per_day else None,
             "ad_spend_28": sp, "ad_sales_28": ad_s,
             "acos_28": float(sp / ad_s) if ad_s else None, "open_findings": count,
             "search_key": search_key(sku, asin, title)}
        )  # fmt: skip
    return rows


def _plan_cover(session: Session, store_id: int, as_of: date) -> dict[str, float | None]:
    """Days of cover of the day's stored restock plan, by SKU (the one cover figure the
    review and the Restock page show; None: beyond the plan's horizon). Empty when no plan
    is stored for ``as_of``: the rollup then falls back on stock over 28-day sales."""
    from sellerops.inventory.plan_models import RestockPlanLine

    rows = session.execute(
        select(RestockPlanLine.sku, RestockPlanLine.days_of_cover).where(
            RestockPlanLine.store_id == store_id,
            RestockPlanLine.as_of == as_of,
            RestockPlanLine.method != "merchant",
        )
    )
    return {sku: cover for sku, cover in rows}


def search_key(*parts: str | None) -> str:
    """What a catalog search looks in: the parts in lower case, apart (no match across)."""
    return SEPARATOR.join((p or "").lower() for p in parts)[:600]


def _traffic(session: Session, store_id: int, as_of: date) -> dict[str, _Traffic]:
    """Business Report sums per child ASIN over the 7, 28 and previous 28 days."""
    d = SalesTrafficDaily
    week, month = as_of - timedelta(days=SHORT_DAYS - 1), as_of - timedelta(days=WINDOW_DAYS - 1)
    start = month - timedelta(days=WINDOW_DAYS)

    def total(column: Any, since: date, until: date) -> Any:
        inside = (d.day >= since) & (d.day <= until)
        return func.coalesce(func.sum(case((inside, column), else_=0)), 0)

    prev_end = month - timedelta(days=1)
    rows = session.execute(
        select(
            d.child_asin,
            *(total(c, week, as_of) for c in (d.units_ordered, d.ordered_sales, d.sessions)),
            *(total(c, month, as_of) for c in (d.units_ordered, d.ordered_sales, d.sessions)),
            *(total(c, start, prev_end) for c in (d.units_ordered, d.ordered_sales, d.sessions)),
        )
        .where(d.store_id == store_id, d.day >= start, d.day <= as_of)
        .group_by(d.child_asin)
    )
    return {
        r[0]: _Traffic(int(r[1]), Decimal(r[2]), int(r[3]), int(r[4]), Decimal(r[5]), int(r[6]),
                       int(r[7]), Decimal(r[8]), int(r[9]))
        for r in rows
    }  # fmt: skip


def _stock(session: Session, store_id: int, as_of: date) -> dict[str, int]:
    """Fulfillable units per SKU in the store's newest snapshot on or before ``as_of``."""
    newest = session.scalar(
        select(func.max(InventorySnapshot.snapshot_date)).where(
            InventorySnapshot.store_id == store_id, InventorySnapshot.snapshot_date <= as_of
        )
    )
    if newest is None:
        return {}
    rows = session.execute(
        select(InventorySnapshot.sku, InventorySnapshot.fulfillable).where(
            InventorySnapshot.store_id == store_id, InventorySnapshot.snapshot_date == newest
        )
    )
    return {sku: int(q) for sku, q in rows}


def _ads(
    session: Session, store_id: int, as_of: date
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Ad spend and ad sales per SKU over the 28 days (``asin:<ASIN>`` for rows without SKU)."""
    a = AdProductDaily
    rows = session.execute(
        select(a.sku, a.asin, func.sum(a.spend), func.coalesce(func.sum(a.sales), 0))
        .where(
            a.store_id == store_id,
            a.day >= as_of - timedelta(days=WINDOW_DAYS - 1),
            a.day <= as_of,
        )
        .group_by(a.sku, a.asin)
    )
    spend: dict[str, Decimal] = defaultdict(Decimal)
    sales: dict[str, Decimal] = defaultdict(Decimal)
    for sku, asin, sp, sa in rows:
        key = sku or f"asin:{asin}"
        spend[key] += Decimal(sp or 0)
        sales[key] += Decimal(sa or 0)
    return spend, sales


def _open_findings(session: Session, store_id: int) -> dict[str, int]:
    """Findings not done, per entity (a SKU or an ASIN)."""
    rows = session.execute(
        select(FindingRow.entity, func.count())
        .where(FindingRow.store_id == store_id, FindingRow.status != "done")
        .group_by(FindingRow.entity)
    )
    return {entity: int(n) for entity, n in rows}


def _refresh_totals(session: Session, store_id: int, as_of: date) -> date:
    start = as_of - timedelta(days=TOTALS_DAYS - 1)
    d = SalesTrafficDaily
    session.execute(
        delete(StoreDayTotal).where(StoreDayTotal.store_id == store_id, StoreDayTotal.day >= start)
    )
    rows = session.execute(
        select(
            d.day,
            func.coalesce(func.sum(d.units_ordered), 0),
            func.coalesce(func.sum(d.ordered_sales), 0),
            func.coalesce(func.sum(d.sessions), 0),
            func.coalesce(func.sum(d.total_order_items), 0),
        )
        .where(d.store_id == store_id, d.day >= start)
        .group_by(d.day)
    ).all()
    if rows:
        session.execute(
            insert(StoreDayTotal),
            [
                {"store_id": store_id, "day": day, "units": int(u), "sales": Decimal(s),
                 "sessions": int(n), "order_items": int(i)}
                for day, u, s, n, i in rows
            ],
        )  # fmt: skip
    return start


def day_totals(
    *, session: Session, store_id: int, start: date, end: date
) -> dict[date, performance.StoreTotals]:
    """Store totals per day from the rollup (call ``ensure_fresh`` first); absent: no sales."""
    rows = session.scalars(
        select(StoreDayTotal).where(
            StoreDayTotal.store_id == store_id,
            StoreDayTotal.day >= start,
            StoreDayTotal.day <= end,
        )
    )
    return {
        r.day: performance.StoreTotals(r.day, r.units, r.sales, r.sessions, r.order_items)
        for r in rows
    }
