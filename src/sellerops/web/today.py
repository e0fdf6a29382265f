"""What the Today page and the review API show: the review of the newest day, KPIs, a chart.

The review is read from the persisted findings when that day's review has run already;
otherwise it is run now (the CLI, a job or an earlier page load may have run it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sellerops.catalog import performance
from sellerops.catalog.models import SalesTrafficDaily
from sellerops.core import i18n
from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Store
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.finding import Finding
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.web.rendering import short_day

CHART_DAYS = 28


@dataclass(frozen=True, slots=True)
class Delta:
    text: str
    direction: str  # up | down | flat


@dataclass(frozen=True, slots=True)
class Kpi:
    key: str  # message key of the label
    value: str
    vs_prev: Delta | None
    vs_week: Delta | None


@dataclass(slots=True)
class TodayData:
    store: Store
    currency: str
    as_of: date | None
    review: daily.Review | None
    kpis: list[Kpi]
    chart: dict[str, Any] | None
    new_count: int = 0
    monthly_total: float = 0.0


def currency_of(store: Store) -> str:
    return get_marketplace(store.marketplace_code).currency


def item_from_row(row: FindingRow) -> daily.ReviewItem:
    finding = Finding(
        module=row.module,
        kind=row.kind,
        severity=row.severity,  # type: ignore[arg-type]
        entity_type=row.entity_type,
        entity=row.entity,
        money_at_stake=Decimal(row.money_at_stake),
        currency=row.currency,
        money_period=row.money_period,  # type: ignore[arg-type]
        params=dict(row.params or {}),
        evidence=dict(row.evidence or {}),
    )
    return daily.ReviewItem(
        row.id, finding, row.status, row.first_seen, row.score, row.snoozed_until
    )


def persisted_review(*, session: Session, store: Store, as_of: date) -> daily.Review:
    """The review of ``as_of`` as stored: the findings seen that day, minus done/snoozed."""
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.store_id == store.id, FindingRow.last_seen == as_of)
        .order_by(FindingRow.score.desc(), FindingRow.id)
    )
    run = session.get(ReviewRun, (store.id, as_of))
    items = daily.visible([item_from_row(r) for r in rows], as_of)
    return daily.Review(
        store=store, as_of=as_of, items=items, errors=dict(run.errors) if run else {}
    )


def current_review(
    *, session: Session, store: Store, rerun: bool = False
) -> tuple[date | None, daily.Review | None]:
    """The review of the store's newest day with data, running it if it has not run."""
    as_of = performance.latest_day(session=session, store_id=store.id)
    if as_of is None:
        return None, None
    if not rerun and session.get(ReviewRun, (store.id, as_of)) is not None:
        return as_of, persisted_review(session=session, store=store, as_of=as_of)
    try:
        with session.begin_nested():
            return as_of, daily.run_review(session=session, store=store, as_of=as_of)
    except IntegrityError:  # another request ran the same review at the same moment
        return as_of, persisted_review(session=session, store=store, as_of=as_of)


def today_data(*, session: Session, store: Store, lang: str) -> TodayData:
    currency = currency_of(store)
    as_of, review = current_review(session=session, store=store)
    if as_of is None or review is None:
        return TodayData(store, currency, None, None, [], None)
    return TodayData(
        store=store,
        currency=currency,
        as_of=as_of,
        review=review,
        kpis=kpis(session=session, store_id=store.id, day=as_of, currency=currency, lang=lang),
        chart=sales_chart(session=session, store_id=store.id, day=as_of, lang=lang),
        new_count=sum(1 for i in review.items if i.is_new(as_of)),
        monthly_total=present.total_monthly(review),
    )


def _delta(now: float, before: float, lang: str) -> Delta | None:
    if not before:
        return None
    ratio = now / before - 1
    direction = "flat" if abs(ratio) < 0.005 else ("up" if ratio > 0 else "down")
    return Delta(("+" if ratio >= 0 else "") + i18n.percent(ratio, lang), direction)


def kpis(*, session: Session, store_id: int, day: date, currency: str, lang: str) -> list[Kpi]:
    """The day's store totals against the day before and the same weekday a week earlier."""
    now, prev, week = (
        performance.store_totals(session=session, store_id=store_id, day=d)
        for d in (day, day - timedelta(days=1), day - timedelta(days=7))
    )

    def conversion(t: performance.StoreTotals) -> float:
        return t.units / t.sessions if t.sessions else 0.0

    figures: list[tuple[str, float, float, float, str]] = [
        ("web.kpi.sales", float(now.sales), float(prev.sales), float(week.sales),
         i18n.money(now.sales, currency, lang)),
        ("web.kpi.units", now.units, prev.units, week.units, i18n.number(now.units, lang, 0)),
        ("web.kpi.orders", now.order_items, prev.order_items, week.order_items,
         i18n.number(now.order_items, lang, 0)),
        ("web.kpi.sessions", now.sessions, prev.sessions, week.sessions,
         i18n.number(now.sessions, lang, 0)),
        ("web.kpi.conversion", conversion(now), conversion(prev), conversion(week),
         i18n.percent(conversion(now), lang)),
    ]  # fmt: skip
    return [
        Kpi(key, text, _delta(value, p, lang), _delta(value, w, lang))
        for key, value, p, w, text in figures
    ]


def sales_chart(*, session: Session, store_id: int, day: date, lang: str) -> dict[str, Any]:
    """Sales and units of the store for the four weeks up to ``day``, for ECharts.

    One grouped query (the per-ASIN loader would fetch a row per ASIN and day). It sums
    the same Business Report rows as ``performance.store_totals``; it belongs next to it
    in ``catalog.performance`` once that module takes a multi-day total.
    """
    start = day - timedelta(days=CHART_DAYS - 1)
    rows = session.execute(
        select(
            SalesTrafficDaily.day,
            func.coalesce(func.sum(SalesTrafficDaily.ordered_sales), 0),
            func.coalesce(func.sum(SalesTrafficDaily.units_ordered), 0),
        )
        .where(
            SalesTrafficDaily.store_id == store_id,
            SalesTrafficDaily.day >= start,
            SalesTrafficDaily.day <= day,
        )
        .group_by(SalesTrafficDaily.day)
    )
    totals = {d: (float(sales), int(units)) for d, sales, units in rows}
    days = [start + timedelta(days=k) for k in range(CHART_DAYS)]
    return {
        "labels": [short_day(d, lang) for d in days],
        "sales": [totals.get(d, (0.0, 0))[0] for d in days],
        "units": [totals.get(d, (0.0, 0))[1] for d in days],
        "names": {
            "sales": i18n.t("web.kpi.sales", lang),
            "units": i18n.t("web.kpi.units", lang),
        },
    }
