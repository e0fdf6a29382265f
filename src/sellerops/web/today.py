"""What the Today page and the review API show: the review of the newest day, KPIs, a chart.

The review is read from the persisted findings when that day's review has run already;
otherwise it is run now (the CLI, a job or an earlier page load may have run it). KPIs and
the chart read the store's daily totals rollup, not the Business Report rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from sellerops.catalog import performance, rollups
from sellerops.core import i18n
from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import Store
from sellerops.daily import present
from sellerops.daily import service as daily
from sellerops.daily.finding import Finding
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.reports.messages import points_change
from sellerops.web.rendering import short_day

CHART_DAYS = 28
#: Findings per page of Today: the ranked list is worked from the top; the rest is a click away.
FINDINGS_PER_PAGE = 25


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
    monthly_total: float = 0.0  # recurring money at stake a month (per-day x 30 + monthly)
    once_total: float = 0.0  # one-off money at stake, counted once
    money_text: str = ""  # both, each with its period (present.money_text)
    total: int = 0  # findings shown that day, on all pages
    page: int = 1
    pages: int = 1
    offset: int = 0  # rank of the page's first finding, minus one
    mine: bool = False  # only the findings assigned to the signed-in user
    count_text: str = ""  # "90 findings, 12 new · money at stake …" (count_text)


def currency_of(store: Store) -> str:
    return get_marketplace(store.marketplace_code).currency


def item_from_row(row: FindingRow, assignee: str | None = None) -> daily.ReviewItem:
    """The row as a review item; ``assignee`` is the email of ``row.assignee_id``, if any."""
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
        row.id, finding, row.status, row.first_seen, row.score, row.snoozed_until,
        row.overlaps_key, assignee,
    )  # fmt: skip


def items_from_rows(session: Session, rows: list[FindingRow]) -> list[daily.ReviewItem]:
    """Review items of stored rows, with their assignees' emails (one query for all)."""
    emails = daily.assignee_emails(session, {r.assignee_id for r in rows})
    return [
        item_from_row(r, emails.get(r.assignee_id) if r.assignee_id is not None else None)
        for r in rows
    ]


def item_of(session: Session, row: FindingRow) -> daily.ReviewItem:
    """One stored row as a review item, with its assignee's email."""
    return items_from_rows(session, [row])[0]


def _visible_on(as_of: date, f: Any = FindingRow) -> ColumnElement[bool]:
    """``daily.visible`` as SQL: seen that day, not done, not snoozed past ``as_of``."""
    snoozed = (f.status == "snoozed") & (func.coalesce(f.snoozed_until, as_of) > as_of)
    visible: ColumnElement[bool] = (f.last_seen == as_of) & (f.status != "done") & ~snoozed
    return visible


@dataclass(frozen=True, slots=True)
class Summary:
    total: int  # findings shown that day
    new: int  # of which first seen that day
    monthly: float  # recurring money a month (day x 30 + month), as present.review_money
    once: float = 0.0  # one-off money, counted once; each shared pool counted once in both


def review_summary(
    *, session: Session, store_id: int, as_of: date, assignee_id: int | None = None
) -> Summary:
    """Counts and money of the day's visible findings (only one user's, if given), summed
    by the database."""
    f = FindingRow
    shown = (f.store_id == store_id) & _visible_on(as_of)
    if assignee_id is not None:
        shown = shown & (f.assignee_id == assignee_id)
    # like with like (present.money_totals): per-day x 30 plus per-month; one-off apart
    monthly = case(
        (f.money_period == "day", f.money_at_stake * 30),
        (f.money_period == "month", f.money_at_stake),
        else_=0,
    )
    once = case((f.money_period == "once", f.money_at_stake), else_=0)
    other = aliased(FindingRow)  # not correlated with the outer row
    shown_keys = select(other.finding_key).where(
        other.store_id == store_id, _visible_on(as_of, other)
    )
    counted_once = f.overlaps_key.is_(None) | f.overlaps_key.not_in(shown_keys)
    total, new, money, one_off = session.execute(
        select(
            func.count(),
            func.coalesce(
                func.sum(case(((f.first_seen == as_of) & (f.status == "new"), 1), else_=0)), 0
            ),
            func.coalesce(func.sum(case((counted_once, monthly), else_=0)), 0),
            func.coalesce(func.sum(case((counted_once, once), else_=0)), 0),
        ).where(shown)
    ).one()
    return Summary(int(total), int(new), float(money), float(one_off))


def count_text(summary: Summary, currency: str, lang: str, *, mine: bool = False) -> str:
    """The line above the findings: how many, how many new, the money at stake; when there
    are none, that nothing needs attention (or, on "Assigned to me", that nothing is
    assigned to the reader: others' findings may still need attention)."""
    if summary.total == 0:
        return i18n.t("web.today.none_mine" if mine else "review.none", lang)
    money = present.money_text(
        present.MoneyTotals(Decimal(str(summary.monthly)), Decimal(str(summary.once))),
        currency,
        lang,
    )
    return i18n.t("review.count", lang, count=summary.total, new=summary.new, money=money)


def findings_count(
    *, session: Session, store: Store, lang: str, assignee_id: int | None = None
) -> str:
    """:func:`count_text` of the store's newest review day, as it is now (after a finding
    changed status in place, the page's line is updated with it)."""
    as_of = performance.latest_day(session=session, store_id=store.id)
    if as_of is None:
        return ""
    summary = review_summary(
        session=session, store_id=store.id, as_of=as_of, assignee_id=assignee_id
    )
    return count_text(summary, currency_of(store), lang, mine=assignee_id is not None)


def review_page(
    *,
    session: Session,
    store: Store,
    as_of: date,
    offset: int,
    limit: int,
    assignee_id: int | None = None,
) -> daily.Review:
    """One page of the day's stored review, highest score first (with the run's errors);
    only the findings assigned to ``assignee_id`` when given."""
    query = select(FindingRow).where(FindingRow.store_id == store.id, _visible_on(as_of))
    if assignee_id is not None:
        query = query.where(FindingRow.assignee_id == assignee_id)
    rows = list(
        session.scalars(
            query.order_by(FindingRow.score.desc(), FindingRow.id).offset(offset).limit(limit)
        )
    )
    run = session.get(ReviewRun, (store.id, as_of))
    items = items_from_rows(session, rows)
    return daily.Review(
        store=store, as_of=as_of, items=items, errors=dict(run.errors) if run else {}
    )


def persisted_review(*, session: Session, store: Store, as_of: date) -> daily.Review:
    """The review of ``as_of`` as stored: the findings seen that day, minus done/snoozed."""
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.store_id == store.id, FindingRow.last_seen == as_of)
        .order_by(FindingRow.score.desc(), FindingRow.id)
    )
    run = session.get(ReviewRun, (store.id, as_of))
    items = daily.visible(items_from_rows(session, list(rows)), as_of)
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


def ensure_reviewed(*, session: Session, store: Store, as_of: date) -> None:
    """Run the day's review unless it has run (by the CLI, a job or an earlier request)."""
    if session.get(ReviewRun, (store.id, as_of)) is not None:
        return
    try:
        with session.begin_nested():
            daily.run_review(session=session, store=store, as_of=as_of)
    except IntegrityError:  # another request ran the same review at the same moment
        pass


def today_data(
    *, session: Session, store: Store, lang: str, page: int = 1, assignee_id: int | None = None
) -> TodayData:
    """The Today page: KPIs and chart from the rollups, one page of the stored findings
    (only those assigned to ``assignee_id`` when given: "assigned to me")."""
    currency = currency_of(store)
    as_of = performance.latest_day(session=session, store_id=store.id)
    if as_of is None:
        return TodayData(store, currency, None, None, [], None)
    ensure_reviewed(session=session, store=store, as_of=as_of)
    rollups.ensure_fresh(session=session, store_id=store.id, as_of=as_of)
    summary = review_summary(
        session=session, store_id=store.id, as_of=as_of, assignee_id=assignee_id
    )
    pages = max(1, -(-summary.total // FINDINGS_PER_PAGE))
    page = min(max(page, 1), pages)
    offset = (page - 1) * FINDINGS_PER_PAGE
    return TodayData(
        store=store,
        currency=currency,
        as_of=as_of,
        review=review_page(
            session=session,
            store=store,
            as_of=as_of,
            offset=offset,
            limit=FINDINGS_PER_PAGE,
            assignee_id=assignee_id,
        ),
        kpis=kpis(session=session, store_id=store.id, day=as_of, currency=currency, lang=lang),
        chart=sales_chart(session=session, store_id=store.id, day=as_of, lang=lang),
        new_count=summary.new,
        monthly_total=summary.monthly,
        once_total=summary.once,
        money_text=present.money_text(
            present.MoneyTotals(Decimal(str(summary.monthly)), Decimal(str(summary.once))),
            currency,
            lang,
        ),
        total=summary.total,
        page=page,
        pages=pages,
        offset=offset,
        mine=assignee_id is not None,
        count_text=count_text(summary, currency, lang, mine=assignee_id is not None),
    )


def _delta(now: float, before: float, lang: str) -> Delta | None:
    if not before:
        return None
    ratio = now / before - 1
    direction = "flat" if abs(ratio) < 0.005 else ("up" if ratio > 0 else "down")
    return Delta(("+" if ratio >= 0 else "") + i18n.percent(ratio, lang), direction)


def _rate_delta(now: float, before: float, before_known: bool, lang: str) -> Delta | None:
    """A rate's change in percentage points (as the reports write it), not relative."""
    if not before_known:
        return None
    points = (now - before) * 100
    direction = "flat" if abs(points) < 0.05 else ("up" if points > 0 else "down")
    return Delta(points_change(now, before, lang), direction)


def kpis(*, session: Session, store_id: int, day: date, currency: str, lang: str) -> list[Kpi]:
    """The day's store totals against the day before and the same weekday a week earlier.

    Read from the store's daily totals rollup (``catalog.rollups``; ensure it is fresh first).
    """
    days = (day, day - timedelta(days=1), day - timedelta(days=7))
    found = rollups.day_totals(session=session, store_id=store_id, start=days[2], end=day)
    now, prev, week = (
        found.get(d) or performance.StoreTotals(d, 0, Decimal(0), 0, 0) for d in days
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
    ]  # fmt: skip
    out = [
        Kpi(key, text, _delta(value, p, lang), _delta(value, w, lang))
        for key, value, p, w, text in figures
    ]
    rate = conversion(now)  # a rate: its change in percentage points
    out.append(Kpi("web.kpi.conversion", i18n.percent(rate, lang),
                   _rate_delta(rate, conversion(prev), prev.sessions > 0, lang),
                   _rate_delta(rate, conversion(week), week.sessions > 0, lang)))  # fmt: skip
    return out


def sales_chart(*, session: Session, store_id: int, day: date, lang: str) -> dict[str, Any]:
    """Sales and units of the store for the four weeks up to ``day``, for ECharts.

    Read from the daily totals rollup (the same sums as ``performance.store_totals``). A day
    no Business Report covers is None (a gap in the chart), never a zero.
    """
    start = day - timedelta(days=CHART_DAYS - 1)
    found = rollups.day_totals(session=session, store_id=store_id, start=start, end=day)
    days = [start + timedelta(days=k) for k in range(CHART_DAYS)]
    return {
        "labels": [short_day(d, lang) for d in days],
        "sales": [float(found[d].sales) if d in found else None for d in days],
        "units": [found[d].units if d in found else None for d in days],
        "names": {
            "sales": i18n.t("web.kpi.sales", lang),
            "units": i18n.t("web.kpi.units", lang),
        },
    }
