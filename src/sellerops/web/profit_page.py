"""What the Profit page shows: every SKU's P&L over a chosen period (``finance.pnl.sku_pnl``),
grouped into the columns a person scans, with totals, a chart of the periods before, and the
fee lines behind one SKU's numbers.

Periods end on a chosen day: ``day`` is that day, ``week`` the 7 days to it, ``month`` the
month to date, ``30d`` (the default) the 30 days to it. The chart shows the same period
stepped back in time (14 days, 8 weeks, 6 months, 6 × 30 days), one P&L per bar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sellerops.core import i18n
from sellerops.finance.pnl import LineDetail, Pnl, lines_behind, sku_pnl
from sellerops.finance.profit import LINES, SkuPnl, cents, totals
from sellerops.finance.reports import day_runs, pnl_missing_days

i18n.register_messages(
    {
        # days of the period without order or settlement data (reports.pnl_missing_days)
        "web.profit.missing_days": {
            "en": "No order report or settlement covers {days}: the P&L leaves those days out "
            "(their profit is not known, not 0). Import the All Orders report or a settlement "
            "for them.",
            "zh": "{days} 没有任何订单报告或结算覆盖：利润表不含这些天（其利润未知，而非 0）。"
            "请导入这些日期的全部订单报告或结算报告。",
        },
        "web.profit.missing_all": {
            "en": "No order report or settlement covers any day of this period: its P&L is "
            "not known, shown as –.",
            "zh": "本期没有任何一天有订单报告或结算覆盖：利润未知，显示为 –。",
        },
    }
)

PERIODS = ("day", "week", "month", "30d")
DEFAULT_PERIOD = "30d"
CHART_BARS = {"day": 14, "week": 8, "month": 6, "30d": 6}
PAGE_SIZE = 100
#: Settlement lines shown a page on a SKU's page (all of them made pages thousands of px long).
FEE_LINES_PER_PAGE = 30
SORTS = ("sku", "units", "sales", "amazon_fees", "ads", "landed", "profit", "margin")
#: The page's columns as groups of P&L lines (``finance.profit.LINES``).
GROUPS: dict[str, tuple[str, ...]] = {
    "sales": ("principal",),
    "other_revenue": ("shipping", "promotion", "refund", "reimbursement"),
    "amazon_fees": ("referral_fee", "fba_fee", "refund_commission", "storage", "other_fee"),
    "ads": ("ads",),
    "landed": ("cogs", "freight", "duty"),
}


def period_range(period: str, end: date) -> tuple[date, date]:
    if period == "day":
        return end, end
    if period == "week":
        return end - timedelta(days=6), end
    if period == "month":
        return end.replace(day=1), end
    return end - timedelta(days=29), end


def _step_back(period: str, start: date, end: date) -> tuple[date, date]:
    """The period before [start, end]: as long, or for months the whole month before."""
    if period == "month":
        last = start - timedelta(days=1)
        return last.replace(day=1), last
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def bars(period: str, end: date) -> list[tuple[date, date]]:
    """The chart's periods, oldest first, the chosen one last."""
    out = [period_range(period, end)]
    for _ in range(CHART_BARS[period] - 1):
        out.append(_step_back(period, *out[-1]))
    return out[::-1]


@dataclass(frozen=True, slots=True)
class ProfitRow:
    pnl: SkuPnl
    groups: dict[str, Decimal]

    @property
    def profit(self) -> Decimal:
        return cents(self.pnl.profit)


def profit_row(p: SkuPnl) -> ProfitRow:
    sums = {
        name: cents(sum((p.lines.get(line, Decimal(0)) for line in lines), Decimal(0)))
        for name, lines in GROUPS.items()
    }
    return ProfitRow(p, sums)


def _sort_key(sort: str) -> Any:
    if sort == "sku":
        return lambda r: r.pnl.sku
    if sort == "units":
        return lambda r: r.pnl.units
    if sort == "profit":
        return lambda r: r.pnl.profit
    if sort == "margin":
        return lambda r: r.pnl.margin if r.pnl.margin is not None else float("-inf")
    return lambda r: r.groups[sort]


@dataclass(slots=True)
class ProfitView:
    period: str
    start: date
    end: date
    pnl: Pnl
    rows: list[ProfitRow]
    total: ProfitRow
    count: int
    page: int
    pages: int
    chart: dict[str, Any] = field(default_factory=dict)
    #: days of the period no order report or settlement covers (their profit is unknown)
    missing: list[date] = field(default_factory=list)

    @property
    def known(self) -> bool:
        """Some day of the period has order or settlement data (else the page shows –)."""
        return len(self.missing) < (self.end - self.start).days + 1

    @property
    def missing_runs(self) -> list[tuple[date, date]]:
        """The missing days as runs of consecutive days (first, last)."""
        return day_runs(self.missing)

    @property
    def estimated_from(self) -> date | None:
        """The first estimated day inside the period (None: all settled)."""
        settled = self.pnl.settled_through
        if settled is None:
            return self.start
        return settled + timedelta(days=1) if settled < self.end else None


def profit_view(
    *, session: Session, store_id: int, currency: str, period: str, end: date,
    sort: str = "profit", descending: bool = True, page: int = 1,
    labels: dict[str, str] | None = None,
) -> ProfitView:  # fmt: skip
    """The period's P&L by SKU (one page of it, sorted), the store's totals, and the chart."""
    start, end = period_range(period, end)
    pnl = sku_pnl(session=session, store_id=store_id, currency=currency, start=start, end=end)
    rows = [profit_row(p) for p in pnl.skus.values()]
    rows.sort(key=_sort_key(sort), reverse=descending)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    view = ProfitView(
        period, start, end, pnl, rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        profit_row(totals(list(pnl.skus.values()))), len(rows), page, pages,
    )  # fmt: skip
    view.chart = _chart(session, store_id, currency, period, end, pnl, labels or {})
    view.missing = pnl_missing_days(session, store_id, start, end, pnl.settled_through)
    return view


def _chart(
    session: Session, store_id: int, currency: str, period: str, end: date, last: Pnl,
    labels: dict[str, str],
) -> dict[str, Any]:  # fmt: skip
    """Item sales and profit per period; bars with estimated days flagged. A period no
    order report or settlement covers a day of (``pnl_missing_days``) is a gap (None), not
    0, as the Today chart leaves a day without a Business Report; one covered in part is
    drawn from its covered days (the page's note names the current period's others)."""
    out: dict[str, Any] = {"labels": [], "sales": [], "profit": [], "estimated": [],
                           "names": labels}  # fmt: skip
    for start, stop in bars(period, end):
        pnl = last if (start, stop) == (last.start, last.end) else sku_pnl(
            session=session, store_id=store_id, currency=currency, start=start, end=stop)  # fmt: skip
        total = totals(list(pnl.skus.values()))
        out["labels"].append(start.isoformat() if start == stop else
                             f"{start.isoformat()}/{stop.isoformat()}")  # fmt: skip
        missing = len(pnl_missing_days(session, store_id, start, stop, pnl.settled_through))
        known = missing < (stop - start).days + 1
        out["sales"].append(float(cents(total.sales)) if known else None)
        out["profit"].append(float(cents(total.profit)) if known else None)
        out["estimated"].append(total.is_estimated and known)
    return out


@dataclass(slots=True)
class SkuDetail:
    sku: str
    start: date
    end: date
    pnl: SkuPnl | None
    lines: list[tuple[str, Decimal, Decimal]]  # P&L line, amount, of which estimated
    fee_lines: list[LineDetail]  # the page's
    fee_line_count: int  # all of them
    settled_through: date | None
    page: int = 1
    pages: int = 1
    #: days of the period no order report or settlement covers
    missing: list[date] = field(default_factory=list)

    @property
    def missing_runs(self) -> list[tuple[date, date]]:
        return day_runs(self.missing)


def sku_detail(
    *,
    session: Session,
    store_id: int,
    currency: str,
    sku: str,
    period: str,
    end: date,
    page: int = 1,
) -> SkuDetail:
    """One SKU's P&L lines over the period and the settlement lines behind them (page
    ``page`` of them, ``FEE_LINES_PER_PAGE`` a page, oldest first)."""
    start, end = period_range(period, end)
    pnl = sku_pnl(session=session, store_id=store_id, currency=currency, start=start, end=end)
    p = pnl.skus.get(sku)
    lines = []
    if p is not None:
        lines = [(line, cents(p.lines[line]), cents(p.estimated.get(line, Decimal(0))))
                 for line in LINES if line in p.lines]  # fmt: skip
    found = lines_behind(session=session, store_id=store_id, sku=sku, start=start, end=end)
    pages = max(1, -(-len(found) // FEE_LINES_PER_PAGE))
    page = min(max(page, 1), pages)
    shown = found[(page - 1) * FEE_LINES_PER_PAGE : page * FEE_LINES_PER_PAGE]
    missing = pnl_missing_days(session, store_id, start, end, pnl.settled_through)
    return SkuDetail(sku, start, end, p, lines, shown, len(found), pnl.settled_through,
                     page, pages, missing)  # fmt: skip
