"""Reconciliation: what different imports say about the same thing, compared per store and day.

Three comparisons, each a pure function over plain values (the ``compare_*`` functions) fed
by a query (:func:`reconcile`):

* **units**: All Orders units per child ASIN and marketplace-local purchase day (cancelled
  orders and other sales channels left out) against the Business Report's *Units Ordered*,
  on the days both cover;
* **settlement totals**: a settlement's ``total-amount`` against the sum of its lines, to the
  currency's minor unit;
* **principal**: what settlements paid as item principal per order and SKU against the
  order report's item price, where both exist;
* **transactions**: per marketplace-local day, the settlement lines against the Date Range
  transaction report's lines (transfers to the bank left out), to the cent, on the days both
  cover whole: inside a settlement period, and strictly between the first and the last day
  of an imported transaction report (its edge days may be cut);
* **period units**: a Business Report downloaded for a date range (``sales_traffic_period``,
  totals over the range) against All Orders units over the same days, per child ASIN, when
  order reports cover every day of the range.

Each :class:`Difference` says the likely reason, in words an operator can act on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from sellerops.catalog.models import Product, SalesTrafficDaily, SalesTrafficPeriod
from sellerops.core.marketplaces import get_marketplace
from sellerops.core.models import ImportBatch, Store
from sellerops.core.money import quantize
from sellerops.finance import service as finance
from sellerops.finance.models import FeeLine, Settlement
from sellerops.finance.sums import from_sum, money_sum
from sellerops.service.models import Order, OrderItem

CANCELLED = frozenset({"cancelled", "canceled"})
#: Settlement lines that carry an earlier balance into this settlement.
CARRIED = frozenset({"payable to amazon", "previous reserve amount balance"})

REASONS = {
    "cancelled": "Business Report counts units ordered including later-cancelled orders",
    "no_orders": "no order in the imported order reports: the order report does not cover "
    "the whole day yet, or it was not imported",
    "more_in_business": "the Business Report counts more units than the orders show: an "
    "order report downloaded before the day ended, or orders it set to quantity 0",
    "no_business_row": "the Business Report has no row for this ASIN on this day: it was "
    "downloaded before the day's figures were final (they change for up to 72 hours)",
    "more_in_orders": "the order report counts more units: the Business Report was "
    "downloaded before the day's figures were final (they change for up to 72 hours)",
    "carried": "the lines include a balance carried over from an earlier settlement "
    "('Payable to Amazon' / reserve lines) that the total leaves out",
    "no_lines": "the settlement has no lines: only its summary row was imported",
    "unplaced": "lines of a marketplace with no store here (or several) were not imported: "
    "see the import's note; import the settlement again for that marketplace",
    "lines_missing": "lines are missing or extra: the file was cut short or edited; "
    "download the settlement again",
    "not_in_orders": "order in a settlement not yet covered by an order report",
    "partial": "only part of the order was shipped and settled in this settlement",
    "price": "the settlement charged another price than the order report shows (a price "
    "change before shipping, or a promotion booked into the principal)",
    "day_lines": "the settlement and the transaction report list different money for this "
    "day: a settlement or transaction report of the day is missing, or one was edited",
    "period_more_in_business": "the Business Report counts more units over these days than "
    "the orders show: an order report downloaded before the last day ended, or orders it "
    "set to quantity 0",
    "period_more_in_orders": "the order reports count more units over these days: the "
    "Business Report was downloaded before the last days' figures were final (they change "
    "for up to 72 hours)",
    "period_no_business_row": "the Business Report over these days has no row for this ASIN: "
    "it was downloaded before the figures were final, or for other days",
}

#: :data:`REASONS` in Chinese (same keys).
REASONS_ZH = {
    "cancelled": "业务报告的“已订购商品数量”包含之后取消的订单",
    "no_orders": "导入的订单报告中没有该订单：订单报告尚未覆盖全天，或未导入",
    "more_in_business": "业务报告的件数多于订单：订单报告在当天结束前下载，或订单数量被设为 0",
    "no_business_row": "业务报告当天没有该 ASIN 的行：下载时当天数字尚未最终确定（72 小时内仍会变化）",
    "more_in_orders": "订单报告的件数更多：业务报告下载时当天数字尚未最终确定（72 小时内仍会变化）",
    "carried": "明细包含上一笔结算结转的余额（“Payable to Amazon”/预留金额行），总额未计入",
    "no_lines": "该结算没有明细：只导入了汇总行",
    "unplaced": "没有店铺（或有多个店铺）的站点的明细未导入：见导入时的说明；请为该站点再次导入此结算",
    "lines_missing": "明细缺失或多余：文件被截断或编辑过；请重新下载该结算",
    "not_in_orders": "结算中的订单尚未被订单报告覆盖",
    "partial": "该订单只有部分商品在本次结算中发货并结算",
    "price": "结算的价格与订单报告不同（发货前改价，或促销计入了本金）",
    "day_lines": "结算与交易报告当天的金额不同：缺少当天的结算或交易报告，或有报告被编辑过",
    "period_more_in_business": "这些天业务报告的件数多于订单：订单报告在最后一天结束前下载，"
    "或订单数量被设为 0",
    "period_more_in_orders": "这些天订单报告的件数更多：业务报告下载时最后几天的数字尚未最终确定"
    "（72 小时内仍会变化）",
    "period_no_business_row": "这段日期的业务报告没有该 ASIN 的行：下载时数字尚未最终确定，或下载的是其他日期",
}
_REASON_KEYS = {text: key for key, text in REASONS.items()}
#: The comparisons and the sources a :class:`Difference` names, in Chinese.
CHECKS_ZH = {"units": "件数", "settlement_total": "结算总额", "principal": "本金",
             "transactions": "交易明细", "period_units": "期间件数"}  # fmt: skip
SOURCES_ZH = {"All Orders": "订单报告", "Business Report": "业务报告", "its lines": "明细合计",
              "total-amount": "结算总额", "order report": "订单报告", "settlement": "结算",
              "settlement lines": "结算明细", "transaction report": "交易报告"}  # fmt: skip
_SUBJECTS_ZH = (
    (re.compile(r"settlement (?P<id>.+)"), "结算 {id}"),
    (re.compile(r"order (?P<order>.+), SKU (?P<sku>.*)"), "订单 {order}，SKU {sku}"),
    (re.compile(r"day (?P<day>.+)"), "日期 {day}"),
)


def reason_text(reason: str, lang: str) -> str:
    """A difference's likely reason in ``lang`` (the English text is the stable one)."""
    key = _REASON_KEYS.get(reason)
    return REASONS_ZH[key] if lang == "zh" and key is not None else reason


def check_text(check: str, lang: str) -> str:
    return CHECKS_ZH.get(check, check) if lang == "zh" else check


def source_text(source: str, lang: str) -> str:
    return SOURCES_ZH.get(source, source) if lang == "zh" else source


def subject_text(subject: str, lang: str) -> str:
    """``settlement 123`` / ``order X, SKU Y`` / ``day D`` in ``lang`` (an ASIN as it is)."""
    if lang == "zh":
        for pattern, zh in _SUBJECTS_ZH:
            if (m := pattern.fullmatch(subject)) is not None:
                return zh.format(**m.groupdict())
    return subject


@dataclass(frozen=True, slots=True)
class Difference:
    """Two sources disagree: ``left`` says one number, ``right`` another."""

    check: str  # units | settlement_total | principal | transactions
    day: date | None
    subject: str  # the ASIN, settlement or order/SKU compared
    left_source: str
    left: Decimal
    right_source: str
    right: Decimal
    reason: str
    currency: str | None = None  # None: units, not money
    day_to: date | None = None  # the last day, when ``day`` starts a range (period units)

    @property
    def difference(self) -> Decimal:
        return self.right - self.left


@dataclass(slots=True)
class Reconciliation:
    store: str
    marketplace: str
    start: date | None
    end: date | None
    #: how many things each comparison looked at (days, settlements, order items)
    checked: dict[str, int] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SettlementSums:
    settlement_id: str
    day: date | None  # marketplace-local end of the settlement period
    total: Decimal
    lines_total: Decimal
    line_count: int
    carried: Decimal  # what its carried-over balance lines add up to
    currency: str
    #: the lines the file had, and whether they added up to its total (None: not known)
    file_lines: int | None = None
    file_reconciled: bool | None = None


@dataclass(frozen=True, slots=True)
class ItemAmount:
    """An order item as one source tells it: amount, units, day."""

    amount: Decimal
    quantity: int
    day: date | None


Key = tuple[date, str]


def compare_units(
    *,
    orders: Mapping[Key, int],
    cancelled: Mapping[Key, int],
    business: Mapping[Key, int],
    days: Iterable[date],
) -> list[Difference]:
    """Units per (day, ASIN): order report (not cancelled) vs Business Report, on ``days``.
    ``cancelled`` counts the cancelled order lines per (day, ASIN)."""
    wanted = set(days)
    keys = sorted(k for k in set(orders) | set(business) if k[0] in wanted)
    found = []
    for day, asin in keys:
        ordered, reported = orders.get((day, asin), 0), business.get((day, asin), 0)
        if ordered != reported:
            reason = _units_reason(ordered, reported, (day, asin) in business,
                                   cancelled.get((day, asin), 0))  # fmt: skip
            found.append(Difference("units", day, asin, "All Orders", Decimal(ordered),
                                    "Business Report", Decimal(reported), reason))  # fmt: skip
    return found


def _units_reason(ordered: int, reported: int, has_row: bool, cancelled: int) -> str:
    if reported > ordered:
        if cancelled:
            return REASONS["cancelled"]
        return REASONS["no_orders"] if ordered == 0 else REASONS["more_in_business"]
    return REASONS["more_in_orders"] if has_row else REASONS["no_business_row"]


def compare_settlements(settlements: Iterable[SettlementSums]) -> list[Difference]:
    """Each settlement's total against the sum of its lines, to the minor unit."""
    found = []
    for s in settlements:
        total, lines = quantize(s.total, s.currency), quantize(s.lines_total, s.currency)
        if total == lines:
            continue
        if s.line_count == 0:
            reason = REASONS["no_lines"]
        elif s.file_reconciled and s.file_lines is not None and s.line_count < s.file_lines:
            reason = REASONS["unplaced"]
        elif s.carried and quantize(s.lines_total - s.carried, s.currency) == total:
            reason = REASONS["carried"]
        else:
            reason = REASONS["lines_missing"]
        found.append(Difference("settlement_total", s.day, f"settlement {s.settlement_id}",
                                "its lines", lines, "total-amount", total, reason,
                                s.currency))  # fmt: skip
    return found


def compare_principal(
    *,
    settled: Mapping[tuple[str, str], ItemAmount],
    ordered: Mapping[tuple[str, str], ItemAmount],
    order_ids: set[str],
    currency: str,
) -> list[Difference]:
    """Principal settled per (order id, SKU) vs the order report's item price.

    ``order_ids`` are the orders the order reports hold (an order there without this SKU is
    compared with a price of 0)."""
    found = []
    for (order_id, sku), paid in sorted(settled.items()):
        subject = f"order {order_id}, SKU {sku}"
        if order_id not in order_ids:
            found.append(Difference("principal", paid.day, subject, "order report",
                                    Decimal(0), "settlement", paid.amount,
                                    REASONS["not_in_orders"], currency))  # fmt: skip
            continue
        item = ordered.get((order_id, sku), ItemAmount(Decimal(0), 0, None))
        if quantize(item.amount, currency) == quantize(paid.amount, currency):
            continue
        partial = 0 < paid.quantity < item.quantity
        found.append(Difference("principal", item.day or paid.day, subject, "order report",
                                item.amount, "settlement", paid.amount,
                                REASONS["partial" if partial else "price"],
                                currency))  # fmt: skip
    return found


def compare_days(
    settled: Mapping[date, Decimal], transactions: Mapping[date, Decimal], currency: str
) -> list[Difference]:
    """Per day of both: the settlement lines' sum against the transaction report's, to the
    currency's minor unit."""
    found = []
    for day in sorted(settled.keys() & transactions.keys()):
        left, right = quantize(settled[day], currency), quantize(transactions[day], currency)
        if left != right:
            found.append(Difference("transactions", day, f"day {day.isoformat()}",
                                    "settlement lines", left, "transaction report", right,
                                    REASONS["day_lines"], currency))  # fmt: skip
    return found


def reconcile(
    *, session: Session, store: Store, start: date | None = None, end: date | None = None
) -> Reconciliation:
    """All three comparisons for one store over ``start``..``end`` (marketplace-local days,
    inclusive; None: unbounded). Units are item units; amounts in the settlement currency."""
    result = Reconciliation(store.name, store.marketplace_code, start, end)
    units, days = _unit_differences(session, store, start, end)
    settlements = _settlement_sums(session, store, start, end)
    principal, items = _principal_differences(session, store, start, end)
    by_day, compared = _day_differences(session, store, start, end)
    periods, period_count = _period_differences(session, store, start, end)
    result.differences = [*units, *compare_settlements(settlements), *principal, *by_day,
                          *periods]  # fmt: skip
    result.checked = {"days": days, "settlements": len(settlements), "order_items": items,
                      "transaction_days": compared, "periods": period_count}  # fmt: skip
    return result


PeriodKey = tuple[date, date, str]  # first day, last day, child ASIN


def compare_period_units(
    *,
    orders: Mapping[PeriodKey, int],
    cancelled: Mapping[PeriodKey, int],
    business: Mapping[PeriodKey, int],
) -> list[Difference]:
    """Units per (range, ASIN): order report (not cancelled) over the range's days vs a
    Business Report downloaded for the range. ``business`` holds every range compared."""
    ranges = {(a, b) for a, b, _ in business}
    keys = sorted(k for k in set(orders) | set(business) if (k[0], k[1]) in ranges)
    found = []
    for first, last, asin in keys:
        key = (first, last, asin)
        ordered, reported = orders.get(key, 0), business.get(key, 0)
        if ordered == reported:
            continue
        if reported > ordered:
            reason = REASONS["cancelled" if cancelled.get(key) else "period_more_in_business"]
        else:
            reason = REASONS["period_more_in_orders" if key in business
                             else "period_no_business_row"]  # fmt: skip
        found.append(Difference("period_units", first, asin, "All Orders", Decimal(ordered),
                                "Business Report", Decimal(reported), reason,
                                day_to=last))  # fmt: skip
    return found


def _period_differences(
    session: Session, store: Store, start: date | None, end: date | None
) -> tuple[list[Difference], int]:
    """Business Reports over a range (inside ``start``..``end``) whose every day an order
    report covers, against those orders."""
    p = SalesTrafficPeriod
    rows = session.execute(
        select(p.date_from, p.date_to, p.child_asin, p.units_ordered).where(p.store_id == store.id)
    )
    covered = _order_report_days(session, store.id)
    business: dict[PeriodKey, int] = {}
    for first, last, asin, units in rows:
        days = {first + timedelta(n) for n in range((last - first).days + 1)}
        if _in_range(first, start, end) and _in_range(last, start, end) and days <= covered:
            business[(first, last, asin)] = units
    ranges = {(a, b) for a, b, _ in business}
    if not ranges:
        return [], 0
    days = {a + timedelta(n) for a, b in ranges for n in range((b - a).days + 1)}
    by_day, cancelled_by_day = _order_units(session, store, days)
    orders: dict[PeriodKey, int] = defaultdict(int)
    cancelled: dict[PeriodKey, int] = defaultdict(int)
    for first, last in ranges:
        for sums, into in ((by_day, orders), (cancelled_by_day, cancelled)):
            for (day, asin), units in sums.items():
                if first <= day <= last:
                    into[(first, last, asin)] += units
    found = compare_period_units(orders=orders, cancelled=cancelled, business=business)
    return found, len(ranges)


def _day_differences(
    session: Session, store: Store, start: date | None, end: date | None
) -> tuple[list[Difference], int]:
    whole = _whole_settled_days(session, store) & _whole_transaction_days(session, store.id)
    whole = {d for d in whole if _in_range(d, start, end)}
    if not whole:
        return [], 0
    sums: dict[str, dict[date, Decimal]] = {"settlement": {}, "date_range": {}}
    currencies: set[str] = set()
    for source in ("settlement", "date_range"):
        rows = session.execute(
            select(FeeLine.posted_day, FeeLine.currency, money_sum(FeeLine.amount))
            .where(FeeLine.store_id == store.id, finance.source_filter(source),
                   FeeLine.posted_day.in_(sorted(whole)),
                   func.lower(func.coalesce(FeeLine.transaction_type, "")).notin_(
                       ["transfer", *CARRIED]))
            .group_by(FeeLine.posted_day, FeeLine.currency)
        )  # fmt: skip
        for day, currency, amount in rows:
            sums[source][day] = sums[source].get(day, Decimal(0)) + from_sum(amount)
            currencies.add(currency)
    if len(currencies) != 1:  # several currencies on one store: not comparable as one sum
        return [], 0
    compared = sums["settlement"].keys() & sums["date_range"].keys()
    return compare_days(sums["settlement"], sums["date_range"], currencies.pop()), len(compared)


def _whole_settled_days(session: Session, store: Store) -> set[date]:
    """Marketplace-local days that lie wholly inside an imported settlement's period."""
    tz = get_marketplace(store.marketplace_code).tz
    days: set[date] = set()
    # its own settlements, and those of a unified account whose lines it holds some of
    own_lines = select(FeeLine.source_id).where(
        FeeLine.store_id == store.id, finance.source_filter("settlement")
    )
    query = select(Settlement.start_at, Settlement.end_at).where(
        (Settlement.store_id == store.id) | Settlement.settlement_id.in_(own_lines)
    )
    for start_at, end_at in session.execute(query):
        if start_at is None or end_at is None:
            continue
        first_local, last_local = start_at.astimezone(tz), end_at.astimezone(tz)
        first = first_local.date() + timedelta(days=0 if first_local.time() == time() else 1)
        last = last_local.date() - timedelta(days=1)
        days.update(first + timedelta(n) for n in range((last - first).days + 1))
    return days


def _whole_transaction_days(session: Session, store_id: int) -> set[date]:
    """Days strictly between the first and last day of an imported transaction report."""
    query = select(ImportBatch.data_start, ImportBatch.data_end).where(
        ImportBatch.store_id == store_id,
        ImportBatch.report_type == "date_range",
        ImportBatch.status == "ok",
    )
    days: set[date] = set()
    for first, last in session.execute(query):
        if first is not None and last is not None:
            days.update(first + timedelta(n) for n in range(1, (last - first).days))
    return days


def _in_range(day: date | None, start: date | None, end: date | None) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def _unit_differences(
    session: Session, store: Store, start: date | None, end: date | None
) -> tuple[list[Difference], int]:
    business: dict[Key, int] = {}
    query = select(SalesTrafficDaily.day, SalesTrafficDaily.child_asin,
                   SalesTrafficDaily.units_ordered).where(
        SalesTrafficDaily.store_id == store.id)  # fmt: skip
    for day, asin, units in session.execute(query):
        if _in_range(day, start, end):
            business[(day, asin)] = units
    days = {d for d, _ in business} & _order_report_days(session, store.id)
    orders, cancelled = _order_units(session, store, days)
    found = compare_units(orders=orders, cancelled=cancelled, business=business, days=days)
    return found, len(days)


def _order_report_days(session: Session, store_id: int) -> set[date]:
    """Days some imported All Orders file covers (from its first to its last purchase day)."""
    query = select(ImportBatch.data_start, ImportBatch.data_end).where(
        ImportBatch.store_id == store_id,
        ImportBatch.report_type == "all_orders",
        ImportBatch.status == "ok",
    )
    days: set[date] = set()
    for first, last in session.execute(query):
        if first is not None and last is not None:
            days.update(first + timedelta(n) for n in range((last - first).days + 1))
    return days


def _order_units(
    session: Session, store: Store, days: set[date]
) -> tuple[dict[Key, int], dict[Key, int]]:
    channel = get_marketplace(store.marketplace_code).sales_channel.lower()
    query = (
        select(Order.purchase_day, func.coalesce(OrderItem.asin, Product.asin), OrderItem.sku,
               OrderItem.quantity, Order.status, OrderItem.item_status, Order.sales_channel)
        .join(Order, Order.id == OrderItem.order_id)
        .outerjoin(Product, (Product.store_id == Order.store_id) & (Product.sku == OrderItem.sku))
        .where(Order.store_id == store.id)
    )  # fmt: skip
    orders: dict[Key, int] = defaultdict(int)
    cancelled: dict[Key, int] = defaultdict(int)
    for day, asin, sku, quantity, status, item_status, sales_channel in session.execute(query):
        if day not in days or (sales_channel or channel).lower() != channel:
            continue
        key = (day, asin or sku)
        if status.lower() in CANCELLED or (item_status or "").lower() in CANCELLED:
            cancelled[key] += 1
        else:
            orders[key] += quantity
    return orders, cancelled


def _settlement_sums(
    session: Session, store: Store, start: date | None, end: date | None
) -> list[SettlementSums]:
    tz = get_marketplace(store.marketplace_code).tz
    carried = money_sum(case((func.lower(FeeLine.transaction_type).in_(CARRIED), FeeLine.amount)))
    settlements = list(session.scalars(select(Settlement).where(Settlement.store_id == store.id)))
    # A unified account's settlement has its lines in the stores of their marketplaces.
    stores = list(session.scalars(select(Store.id)))
    sums: dict[str, tuple[Decimal, int, Decimal]] = {}
    ids = sorted(s.settlement_id for s in settlements)
    for first in range(0, len(ids), 500):
        rows = session.execute(
            select(FeeLine.source_id, money_sum(FeeLine.amount), func.count(), carried)
            .where(FeeLine.store_id.in_(stores), FeeLine.source_id.in_(ids[first : first + 500]))
            .group_by(FeeLine.source_id)
        )
        sums.update(
            (sid, (from_sum(total), count, from_sum(kept))) for sid, total, count, kept in rows
        )
    found = []
    for s in settlements:
        day = s.end_at.astimezone(tz).date() if s.end_at else None
        if (start or end) and not _in_range(day, start, end):
            continue
        total, count, kept = sums.get(s.settlement_id, (Decimal(0), 0, Decimal(0)))
        found.append(SettlementSums(s.settlement_id, day, s.total_amount, Decimal(total),
                                    count, Decimal(kept), s.currency, s.line_count,
                                    s.reconciled))  # fmt: skip
    return found


def _principal_differences(
    session: Session, store: Store, start: date | None, end: date | None
) -> tuple[list[Difference], int]:
    query = (
        select(FeeLine.order_id, FeeLine.sku, money_sum(FeeLine.amount),
               func.max(FeeLine.quantity), func.min(FeeLine.posted_day),
               func.min(FeeLine.currency))
        .where(FeeLine.store_id == store.id, finance.source_filter("settlement"),
               FeeLine.order_id.is_not(None), FeeLine.transaction_type == "Order",
               FeeLine.amount_type == "ItemPrice", FeeLine.amount_description == "Principal")
        .group_by(FeeLine.order_id, FeeLine.sku)
    )  # fmt: skip
    settled: dict[tuple[str, str], ItemAmount] = {}
    currency = get_marketplace(store.marketplace_code).currency
    for order_id, sku, amount, quantity, day, line_currency in session.execute(query):
        if (start or end) and not _in_range(day, start, end):
            continue
        settled[(str(order_id), sku or "")] = ItemAmount(from_sum(amount), quantity or 0, day)
        currency = line_currency or currency
    ordered, order_ids = _ordered_items(session, store.id, {oid for oid, _ in settled})
    compared = compare_principal(settled=settled, ordered=ordered, order_ids=order_ids,
                                 currency=currency)  # fmt: skip
    return compared, len(settled)


def _ordered_items(
    session: Session, store_id: int, order_ids: set[str]
) -> tuple[dict[tuple[str, str], ItemAmount], set[str]]:
    ordered: dict[tuple[str, str], ItemAmount] = {}
    found: set[str] = set()
    ids = sorted(order_ids)
    for start in range(0, len(ids), 500):
        query = (
            select(Order.amazon_order_id, OrderItem.sku, OrderItem.item_price,
                   OrderItem.quantity, Order.purchase_day)
            .join(OrderItem, OrderItem.order_id == Order.id, isouter=True)
            .where(Order.store_id == store_id, Order.amazon_order_id.in_(ids[start:start + 500]))
        )  # fmt: skip
        for order_id, sku, price, quantity, day in session.execute(query):
            found.add(order_id)
            if sku is not None:
                ordered[(order_id, sku)] = ItemAmount(price or Decimal(0), quantity or 0, day)
    return ordered, found
