"""Daily, weekly and monthly report data: KPIs against the previous period and the same period
last year, the P&L by line, top movers and the open problems of the daily review.

Periods (marketplace-local days, both ends included): ``daily`` is the day; ``weekly`` the 7
days ending on it; ``monthly`` the month to date. The previous period is as long and ends the
day before; last year is the same period shifted 364 days (same weekdays) for daily and
weekly, and the same calendar days a year earlier for monthly. Money is in the store currency.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellerops.ads.models import AdCampaignDaily, AdSearchTermDaily
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core.models import Store
from sellerops.daily.finding import Finding
from sellerops.daily.models import FindingRow, ReviewRun
from sellerops.finance.pnl import Pnl, Rates, sku_pnl
from sellerops.finance.profit import LINES, SkuPnl, cents, landed_unit_cost, totals
from sellerops.inventory.models import InventorySnapshot

Kind = Literal["daily", "weekly", "monthly"]
KINDS: tuple[str, ...] = ("daily", "weekly", "monthly")
KPI_KINDS = {
    "sales": "money", "units": "plain", "orders": "plain", "sessions": "plain",
    "conversion": "percent", "ad_spend": "money", "acos": "percent", "tacos": "percent",
    "profit": "money", "margin": "percent", "stock_value": "money", "days_of_cover": "plain",
}  # fmt: skip
#: KPIs where a fall is good news (the report colours their changes the other way round).
LOWER_IS_BETTER = frozenset({"ad_spend", "acos", "tacos"})


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Kpi:
    key: str
    now: float | None
    previous: float | None
    last_year: float | None

    @property
    def kind(self) -> str:
        return KPI_KINDS[self.key]

    @staticmethod
    def change(now: float | None, before: float | None) -> float | None:
        """Relative change (0.1 = +10 %); None without a base to compare with."""
        if now is None or not before:
            return None
        return (now - before) / abs(before)


@dataclass(frozen=True, slots=True)
class Mover:
    asin: str
    title: str
    sales: Decimal
    previous: Decimal

    @property
    def delta(self) -> Decimal:
        return self.sales - self.previous


@dataclass(slots=True)
class Report:
    kind: str
    store: str
    marketplace: str
    currency: str
    period: Period
    previous: Period
    last_year: Period
    kpis: list[Kpi]
    pnl: SkuPnl  # the store's P&L lines over the period
    pnl_previous: SkuPnl
    settled_through: date | None  # later days are estimated from orders
    #: day, sales, same weekday last year (None: no data that day a year ago)
    daily_sales: list[tuple[date, Decimal, Decimal | None]]
    top_skus: list[SkuPnl] = field(default_factory=list)
    losers: list[SkuPnl] = field(default_factory=list)
    movers_up: list[Mover] = field(default_factory=list)
    movers_down: list[Mover] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # all open ones, biggest score first
    #: finding key -> key of the finding whose money it shares (``daily.overlap``)
    problem_overlaps: dict[str, str] = field(default_factory=dict)
    lines: tuple[str, ...] = LINES
    #: days of the period / previous period / last year's period the P&L does not cover: no
    #: settlement reaches them and no order report covers them. Their profit is not known,
    #: not 0: the report shows "–" for a period with no covered day, names the days, and
    #: does not compare profit or margin across periods that are not covered alike.
    pnl_missing: list[date] = field(default_factory=list)
    pnl_previous_missing: list[date] = field(default_factory=list)
    pnl_last_year_missing: list[date] = field(default_factory=list)
    #: the daily review ran for some day of the period: else its problems are not known
    #: (none listed means "not looked at", not "none"; the report says how to run it)
    review_ran: bool = True

    @property
    def pnl_known(self) -> bool:
        """Some day of the period has order or settlement data (else no P&L is shown)."""
        return len(self.pnl_missing) < self.period.days

    @property
    def pnl_previous_known(self) -> bool:
        return len(self.pnl_previous_missing) < self.previous.days


def day_runs(days: list[date]) -> list[tuple[date, date]]:
    """``days`` as runs of consecutive days, (first, last) each, in order."""
    runs: list[list[date]] = []
    for d in sorted(set(days)):
        if runs and d == runs[-1][1] + timedelta(days=1):
            runs[-1][1] = d
        else:
            runs.append([d, d])
    return [(a, b) for a, b in runs]


def pnl_missing_days(
    session: Session, store_id: int, start: date, end: date, settled_through: date | None
) -> list[date]:
    """Days of ``start`` .. ``end`` the P&L has no data for: after the last settled day
    (``Pnl.settled_through``) and outside every imported order report. Their profit is
    unknown; a P&L over them reads 0 only because nothing was imported."""
    from sellerops.inventory.demand_days import order_days  # one rule for "orders cover it"

    first = start if settled_through is None else max(start, settled_through + timedelta(1))
    if first > end:
        return []
    covered = order_days(session, store_id, first, end)
    return [
        d
        for d in (first + timedelta(days=k) for k in range((end - first).days + 1))
        if d not in covered
    ]


def periods(kind: str, day: date) -> tuple[Period, Period, Period]:
    """(period, previous period, same period last year) of a ``kind`` report on ``day``."""
    if kind == "daily":
        now = Period(day, day)
    elif kind == "weekly":
        now = Period(day - timedelta(days=6), day)
    elif kind == "monthly":
        now = Period(day.replace(day=1), day)
    else:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "monthly":
        prev_end = now.start - timedelta(days=1)
        prev = Period(prev_end.replace(day=1), min(prev_end, _same_day(prev_end, day.day)))
        ly = Period(_year_back(now.start), _year_back(now.end))
    else:
        prev = Period(now.start - timedelta(days=now.days), now.start - timedelta(days=1))
        ly = Period(now.start - timedelta(days=364), now.end - timedelta(days=364))
    return now, prev, ly


def _same_day(month_end: date, day: int) -> date:
    return month_end.replace(day=min(day, month_end.day))


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def build_report(*, session: Session, store: Store, kind: str, day: date, currency: str) -> Report:
    """Everything a ``kind`` report on ``day`` shows, for one store."""
    now, prev, ly = periods(kind, day)
    pnls = {p: _pnl(session, store.id, currency, p) for p in (now, prev, ly)}
    missing = {
        p: pnl_missing_days(session, store.id, p.start, p.end, pnls[p].settled_through)
        for p in (now, prev, ly)
    }
    kpis = _kpis(session, store.id, currency, (now, prev, ly), pnls, missing)
    skus = sorted(pnls[now].skus.values(), key=lambda p: p.profit, reverse=True)
    up, down = _movers(session, store.id, now, prev)
    problems, overlaps = _problems(session, store.id, now)
    return Report(
        kind=kind, store=store.name, marketplace=store.marketplace_code, currency=currency,
        period=now, previous=prev, last_year=ly, kpis=kpis,
        pnl=totals(list(pnls[now].skus.values())), pnl_previous=totals(list(pnls[prev].skus.values())),
        settled_through=pnls[now].settled_through, daily_sales=_daily_sales(session, store.id, now),
        top_skus=skus[:10], losers=[p for p in reversed(skus) if p.profit < 0][:10],
        movers_up=up, movers_down=down, problems=problems,
        problem_overlaps=overlaps, pnl_missing=missing[now], pnl_previous_missing=missing[prev],
        pnl_last_year_missing=missing[ly], review_ran=bool(problems) or _review_ran(session, store.id, now),
    )  # fmt: skip


def _review_ran(session: Session, store_id: int, p: Period) -> bool:
    """The daily review ran for some day of the period (a finding seen in it says so too)."""
    return session.scalar(
        select(func.count()).select_from(ReviewRun)
        .where(ReviewRun.store_id == store_id, ReviewRun.review_date >= p.start,
               ReviewRun.review_date <= p.end)
    ) != 0  # fmt: skip


def _pnl(session: Session, store_id: int, currency: str, p: Period) -> Pnl:
    return sku_pnl(session=session, store_id=store_id, currency=currency, start=p.start, end=p.end)


def _kpis(
    session: Session,
    store_id: int,
    currency: str,
    ps: tuple[Period, Period, Period],
    pnls: dict[Period, Pnl],
    missing: dict[Period, list[date]] | None = None,
) -> list[Kpi]:
    values = [_period_kpis(session, store_id, currency, p, pnls[p]) for p in ps]
    if missing is not None:
        now = ps[0]
        for i, p in enumerate(ps):
            gaps = missing.get(p, [])
            if len(gaps) >= p.days:  # no day of it has order or settlement data: unknown
                values[i].update(profit=None, margin=None)
            elif i and (gaps or missing.get(now)):
                # a period partly without data against another: the change would compare
                # different days (the report's note says why there is none)
                values[i].update(profit=None)
    return [Kpi(k, values[0].get(k), values[1].get(k), values[2].get(k)) for k in KPI_KINDS]


def _period_kpis(
    session: Session, store_id: int, currency: str, p: Period, pnl: Pnl
) -> dict[str, float | None]:
    row = session.execute(
        select(func.sum(SalesTrafficDaily.ordered_sales), func.sum(SalesTrafficDaily.units_ordered),
               func.sum(SalesTrafficDaily.total_order_items), func.sum(SalesTrafficDaily.sessions))
        .where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.day >= p.start,
               SalesTrafficDaily.day <= p.end)
    ).one()  # fmt: skip
    sales, units, orders, sessions = (float(v) if v is not None else None for v in row)
    spend, ad_sales = _ad_totals(session, store_id, p)
    total = totals(list(pnl.skus.values()))
    stock_value, cover = _stock(session, store_id, currency, p.end)
    return {
        "sales": sales, "units": units, "orders": orders, "sessions": sessions,
        "conversion": units / sessions if units is not None and sessions else None,
        "ad_spend": float(spend) if spend is not None else None,
        "acos": float(spend / ad_sales) if spend is not None and ad_sales else None,
        "tacos": float(spend) / sales if spend is not None and sales else None,
        "profit": float(cents(total.profit)) if total.lines else None,
        "margin": total.margin, "stock_value": stock_value, "days_of_cover": cover,
    }  # fmt: skip


def _ad_totals(session: Session, store_id: int, p: Period) -> tuple[Any, Any]:
    """(spend, attributed sales) from campaign reports, else from search-term reports."""
    for table in (AdCampaignDaily, AdSearchTermDaily):
        spend, sales = session.execute(
            select(func.sum(table.spend), func.sum(table.sales)).where(
                table.store_id == store_id, table.day >= p.start, table.day <= p.end
            )
        ).one()
        if spend is not None:
            return spend, sales
    return None, None


def _stock(
    session: Session, store_id: int, currency: str, day: date
) -> tuple[float | None, float | None]:
    """(value of fulfillable stock at landed cost, days it covers at the last 30 days' pace)
    on the latest inventory snapshot at or before ``day``."""
    snap = session.scalar(
        select(func.max(InventorySnapshot.snapshot_date)).where(
            InventorySnapshot.store_id == store_id, InventorySnapshot.snapshot_date <= day,
            InventorySnapshot.snapshot_date > day - timedelta(days=7))
    )  # fmt: skip
    if snap is None:
        return None, None
    stock = dict(
        session.execute(
            select(InventorySnapshot.sku, InventorySnapshot.fulfillable).where(
                InventorySnapshot.store_id == store_id, InventorySnapshot.snapshot_date == snap
            )
        ).all()
    )
    costs = _unit_costs(session, store_id, currency, snap)
    value = sum((costs.get(s, Decimal(0)) * q for s, q in stock.items()), Decimal(0))
    sold = session.scalar(
        select(func.sum(SalesTrafficDaily.units_ordered)).where(
            SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.day <= day,
            SalesTrafficDaily.day > day - timedelta(days=30))
    )  # fmt: skip
    per_day = (sold or 0) / 30
    cover = sum(stock.values()) / per_day if per_day else None
    return float(cents(value)), cover


def _unit_costs(session: Session, store_id: int, currency: str, day: date) -> dict[str, Decimal]:
    """Landed cost per unit (COGS + freight + duty) in force on ``day``, store currency."""
    from sellerops.finance.pnl import _cost_history  # one definition of the cost history

    rates = Rates(session, store_id)
    out = {}
    for sku, history in _cost_history(session, store_id).items():
        current = [c for d, c in history if d <= day] or [history[0][1]]
        unit, cur, freight, duty = current[-1]
        rate = rates.rate(cur, currency, day)
        if rate is not None:
            out[sku] = sum(landed_unit_cost(unit, freight, duty, rate), Decimal(0))
    return out


def _movers(
    session: Session, store_id: int, now: Period, prev: Period
) -> tuple[list[Mover], list[Mover]]:
    sales: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for i, p in enumerate((now, prev)):
        rows = session.execute(
            select(SalesTrafficDaily.child_asin, func.sum(SalesTrafficDaily.ordered_sales))
            .where(SalesTrafficDaily.store_id == store_id, SalesTrafficDaily.day >= p.start,
                   SalesTrafficDaily.day <= p.end)
            .group_by(SalesTrafficDaily.child_asin)
        )  # fmt: skip
        for asin, amount in rows:
            sales[asin][i] = Decimal(amount or 0)
    titles = dict(
        session.execute(
            select(Product.asin, Product.title).where(Product.store_id == store_id)
        ).all()
    )
    movers = [Mover(a, titles.get(a) or "", s[0], s[1]) for a, s in sales.items()]
    movers.sort(key=lambda m: m.delta)
    return [m for m in reversed(movers) if m.delta > 0][:5], [m for m in movers if m.delta < 0][:5]


def _daily_sales(
    session: Session, store_id: int, p: Period
) -> list[tuple[date, Decimal, Decimal | None]]:
    """Sales per day of the period (at least the last 14 days) and the same weekday a year
    before (None when no Business Report covers that day), for the chart."""
    start = min(p.start, p.end - timedelta(days=13))
    rows = session.execute(
        select(SalesTrafficDaily.day, func.sum(SalesTrafficDaily.ordered_sales))
        .where(SalesTrafficDaily.store_id == store_id,
               ((SalesTrafficDaily.day >= start) & (SalesTrafficDaily.day <= p.end))
               | ((SalesTrafficDaily.day >= start - timedelta(days=364))
                  & (SalesTrafficDaily.day <= p.end - timedelta(days=364))))
        .group_by(SalesTrafficDaily.day)
    )  # fmt: skip
    by_day = {d: Decimal(v or 0) for d, v in rows}
    days = [start + timedelta(days=i) for i in range((p.end - start).days + 1)]
    return [(d, by_day.get(d, Decimal(0)), by_day.get(d - timedelta(days=364)))
            for d in days]  # fmt: skip


def _problems(session: Session, store_id: int, p: Period) -> tuple[list[Finding], dict[str, str]]:
    """Open findings of the daily review seen during the period, biggest score first, and
    which one shares the money of which. Done ones are not open, nor a finding snoozed past
    the period's last day (it is back in the report from the day its snooze ends)."""
    snoozed = (FindingRow.status == "snoozed") & (
        func.coalesce(FindingRow.snoozed_until, p.end) > p.end
    )
    rows = list(session.scalars(
        select(FindingRow)
        .where(FindingRow.store_id == store_id, FindingRow.last_seen >= p.start,
               FindingRow.last_seen <= p.end, FindingRow.status.notin_(("done", "dismissed")),
               ~snoozed)
        .order_by(FindingRow.score.desc(), FindingRow.id)
    ))  # fmt: skip
    overlaps = {r.finding_key: r.overlaps_key for r in rows if r.overlaps_key is not None}
    return [
        Finding(module=r.module, kind=r.kind, severity=r.severity, entity_type=r.entity_type,  # type: ignore[arg-type]
                entity=r.entity, money_at_stake=r.money_at_stake, currency=r.currency,
                money_period=r.money_period, params=r.params, evidence=r.evidence)  # type: ignore[arg-type]
        for r in rows
    ], overlaps  # fmt: skip
