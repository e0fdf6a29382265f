"""Settlement V2 flat files (``GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2``), one per 14 days.

The US layout of ``report-formats.md`` §4a, tab-separated, one row per amount after the
summary row. Settlement periods are whole 14-day blocks counted from the window's first day;
the days after the last whole block are still open (no settlement yet), as in a real account
between two payouts. Lines, all in the marketplace currency:

* shipped order items (posted on their purchase day): ``Principal``, ``Commission``
  (the SKU's referral rate), ``FBAPerUnitFulfillmentFee`` for FBA orders;
* returns (posted on the return day): the principal refunded, the commission credited back
  and Amazon's ``RefundCommission`` (20 % of that commission);
* account level: ``Storage Fee`` for the previous month (cubic feet x $0.78, on the block
  holding the 7th), ``Subscription Fee`` on the block holding the 1st.

``total-amount`` is the exact sum of the lines (integers in minor units until written).
Amounts are written with dots and all minor digits, dates as ``2026-11-16 07:00:00 UTC``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from sellerops.sim.orders import SHIPPED
from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers.formatting import fixed_decimal, write_tsv

PERIOD_DAYS = 14
STORAGE_RATE_CENTS = 78  # per cubic foot and month, Jan-Sep standard size
SUBSCRIPTION_CENTS = 3999
HEADER = [
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "merchant-order-id",
    "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description",
    "amount", "fulfillment-id", "posted-date", "posted-date-time", "order-item-code",
    "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
    "promotion-id",
]  # fmt: skip
# One line before formatting: (tx type, order id, amount type, description, minor units,
# fulfillment, epoch seconds, sku, quantity).
Line = tuple[str, str, str, str, int, str, int, str, str]


def file_name(market: str, start: date) -> str:
    return f"Settlement_V2_{market}_{start.isoformat()}.txt"


def periods(days: list[date]) -> list[tuple[int, int]]:
    """Whole 14-day blocks as (first, last) window day indexes."""
    return [(i, i + PERIOD_DAYS - 1) for i in range(0, len(days) - PERIOD_DAYS + 1, PERIOD_DAYS)]


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    m = truth.markets[market]
    first = 0 if since is None else max(truth.day_index(since), 0)
    paths = []
    for number, (lo, hi) in enumerate(periods(truth.days)):
        if hi < first:
            continue
        sid = settlement_id(truth, market, number)
        rows = _rows(truth, m, sid, lo, hi, period_lines(truth, m, lo, hi))
        path = out_dir / file_name(market, truth.days[lo])
        paths.append(write_tsv(path, HEADER, rows))
    return paths


def period_lines(truth: SimTruth, m: MarketTruth, lo: int, hi: int) -> list[Line]:
    """Every line of the settlement period [lo, hi] (window day indexes), by posting time."""
    lines = [*_order_lines(truth, m, lo, hi), *_refund_lines(truth, m, lo, hi),
             *_account_lines(truth, m, lo, hi)]  # fmt: skip
    return sorted(lines, key=lambda x: x[6])


def settlement_id(truth: SimTruth, market: str, number: int) -> str:
    """The id of a market's ``number``-th settlement (the Date Range rows carry it too)."""
    return f"2{truth.config.seed % 10000:04d}{list(truth.markets).index(market):02d}{number:04d}"


def _order_lines(truth: SimTruth, m: MarketTruth, lo: int, hi: int) -> Iterator[Line]:
    o, cat = m.orders, truth.catalog
    day = o.item_day()
    items = np.flatnonzero((day >= lo) & (day <= hi) & (o.status[o.item_order] == SHIPPED))
    when = o.purchase_utc()
    for i in items.tolist():
        order, sku_i, qty = int(o.item_order[i]), int(o.item_sku[i]), int(o.item_qty[i])
        if qty <= 0:
            continue
        price = int(o.item_price[i])
        sku = truth.products[sku_i].sku
        channel = "MFN" if o.mfn[order] else "AFN"
        oid, t = o.order_id(order), int(when[order])
        yield ("Order", oid, "ItemPrice", "Principal", price, channel, t, sku, str(qty))
        commission = -round(price * float(cat.referral_rate[sku_i]))
        yield ("Order", oid, "ItemFees", "Commission", commission, channel, t, sku, str(qty))
        if channel == "AFN":
            fee = -int(cat.fba_fee_cents[sku_i]) * qty
            yield ("Order", oid, "ItemFees", "FBAPerUnitFulfillmentFee", fee, channel, t, sku,
                   str(qty))  # fmt: skip


def _refund_lines(truth: SimTruth, m: MarketTruth, lo: int, hi: int) -> Iterator[Line]:
    r, o, cat = m.returns, m.orders, truth.catalog
    for j in np.flatnonzero((r.day >= lo) & (r.day <= hi)).tolist():
        item = int(r.item[j])
        order, sku_i = int(o.item_order[item]), int(o.item_sku[item])
        unit = int(o.item_price[item]) // max(int(o.item_qty[item]), 1)
        price = unit * int(r.qty[j])
        commission = round(price * float(cat.referral_rate[sku_i]))
        oid, t, sku = o.order_id(order), int(r.utc[j]), truth.products[sku_i].sku
        yield ("Refund", oid, "ItemPrice", "Principal", -price, "AFN", t, sku, "")
        yield ("Refund", oid, "ItemFees", "Commission", commission, "AFN", t, sku, "")
        yield ("Refund", oid, "ItemFees", "RefundCommission", -round(commission * 0.2), "AFN",
               t, sku, "")  # fmt: skip


def _account_lines(truth: SimTruth, m: MarketTruth, lo: int, hi: int) -> Iterator[Line]:
    for d in range(lo, hi + 1):
        day = truth.days[d]
        t = int(m.day_start_utc[d])
        if day.day == 1:
            yield ("other-transaction", "", "other-transaction", "Subscription Fee",
                   -SUBSCRIPTION_CENTS, "", t, "", "")  # fmt: skip
        if day.day == 7:
            fee = _storage_cents(truth, m, d)
            if fee:
                yield ("other-transaction", "", "other-transaction", "Storage Fee", -fee, "",
                       t, "", "")  # fmt: skip


def _storage_cents(truth: SimTruth, m: MarketTruth, d: int) -> int:
    """Last month's storage: average units on hand x cubic feet x rate, all SKUs."""
    month_end = truth.days[d].replace(day=1) - timedelta(days=1)
    days = [i for i, x in enumerate(truth.days) if (x.year, x.month) == (month_end.year,
                                                                            month_end.month)]  # fmt: skip
    if not days:
        return 0
    cubic_feet = np.prod(truth.catalog.dims_in, axis=1) / 1728.0
    on_hand = m.fulfillable[:, days].mean(axis=1)
    return round(float((on_hand * cubic_feet).sum()) * STORAGE_RATE_CENTS)


def _rows(
    truth: SimTruth, m: MarketTruth, sid: str, lo: int, hi: int, lines: list[Line]
) -> Iterator[list[str]]:
    cur = m.marketplace.currency
    start, end = int(m.day_start_utc[lo]), int(m.day_start_utc[hi]) + 86400
    total = sum(line[4] for line in lines)
    empty = [""] * (len(HEADER) - 6)
    yield [sid, _stamp(start), _stamp(end), _stamp(end + 2 * 86400), fixed_decimal(total, cur),
           cur, *empty]  # fmt: skip
    channel = m.marketplace.sales_channel
    for tx, oid, kind, desc, amount, ful, t, sku, qty in lines:
        moment = datetime.fromtimestamp(t, UTC)
        local = moment.astimezone(m.marketplace.tz).date().isoformat()
        yield [sid, "", "", "", "", "", tx, oid, "", "", "", channel if oid else "", kind, desc,
               fixed_decimal(amount, cur), ful, local, _stamp(t), "", "", "", sku, qty, ""]  # fmt: skip


def _stamp(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
