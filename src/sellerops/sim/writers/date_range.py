"""Date Range ("Monthly transaction") reports, one CSV per calendar month.

The US layout of ``report-formats.md`` §4c: the seven preamble lines, then the quoted header
and one row per transaction (an order's or refund's lines on one SKU, or one account-level
fee), every field quoted, amounts with thousands separators (``"-1,052.64"``), the time as
``Nov 3, 2026 10:00:00 AM PST`` in the marketplace's time zone. The rows carry the same money
as the settlement files (:mod:`sellerops.sim.writers.settlement`), with the same settlement
ids, so ``sellerops reconcile`` has settlement and transaction lines of the same days to
compare. Only settled periods are written (the open period has no settlement id yet).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers import settlement
from sellerops.sim.writers.formatting import grouped_decimal

PREAMBLE = [
    "Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
    "All amounts in {currency}, unless specified",
    "Definitions:",
    "Sales tax collected: Includes sales tax collected from buyers for product sales, "
    "shipping, and gift wrap.",
    "Selling fees: Includes variable closing fees and referral fees.",
    "Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  "
    "and sales tax collection fees.",
    'Other: Includes non-order transaction amounts. For more details, see the "Type" and '
    '"Description" columns for each order ID.',
]
HEADER = [
    "date/time", "settlement id", "type", "order id", "sku", "description", "quantity",
    "marketplace", "account type", "fulfillment", "order city", "order state", "order postal",
    "tax collection model", "product sales", "product sales tax", "shipping credits",
    "shipping credits tax", "gift wrap credits", "giftwrap credits tax", "Regulatory Fee",
    "Tax On Regulatory Fee", "promotional rebates", "promotional rebates tax",
    "marketplace withheld tax", "selling fees", "fba fees", "other transaction fees", "other",
    "total",
]  # fmt: skip
_COLUMN = {"Principal": "product sales", "Commission": "selling fees",
           "RefundCommission": "selling fees", "FBAPerUnitFulfillmentFee": "fba fees"}  # fmt: skip
_TYPE = {"Storage Fee": ("FBA Inventory Fee", "FBA storage fee"),
         "Subscription Fee": ("Service Fee", "Subscription")}  # fmt: skip
_MONEY = HEADER[14:]


def file_name(market: str, month: date) -> str:
    return f"{month:%Y%b}MonthlyTransaction_{market}.csv"


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    m = truth.markets[market]
    by_month: dict[date, list[list[str]]] = defaultdict(list)
    for number, (lo, hi) in enumerate(settlement.periods(truth.days)):
        sid = settlement.settlement_id(truth, market, number)
        for when, row in _rows(truth, m, sid, settlement.period_lines(truth, m, lo, hi)):
            local = datetime.fromtimestamp(when, UTC).astimezone(m.marketplace.tz).date()
            if since is None or local >= since:
                by_month[local.replace(day=1)].append(row)
    paths = []
    currency = m.marketplace.currency
    for month, rows in sorted(by_month.items()):
        path = out_dir / file_name(market, month)
        with path.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
            for line in PREAMBLE:
                out.writerow([line.format(currency=currency)])
            out.writerow(HEADER)
            out.writerows(rows)
        paths.append(path)
    return paths


def _rows(
    truth: SimTruth, m: MarketTruth, sid: str, lines: list[settlement.Line]
) -> list[tuple[int, list[str]]]:
    """One row per (type, order, SKU, moment): the transaction view groups an order's lines."""
    money: dict[tuple[str, str, str, int], dict[str, int]] = {}
    about: dict[tuple[str, str, str, int], tuple[str, str, str, str]] = {}
    titles = {p.sku: p.title for p in truth.products}
    for tx, oid, _kind, desc, amount, ful, t, sku, qty in lines:
        key = (tx, oid, sku, t)
        cells = money.setdefault(key, defaultdict(int))
        if tx == "other-transaction":
            cells["other"] += amount
            kind, description = _TYPE.get(desc, ("Adjustment", desc))
            about[key] = (kind, description, "", "")
        else:
            cells[_COLUMN.get(desc, "other transaction fees")] += amount
            fulfillment = "Amazon" if ful == "AFN" else "Seller"
            quantity = qty or (about[key][2] if key in about else "")
            about[key] = (tx, titles.get(sku, sku), quantity, fulfillment)
    currency = m.marketplace.currency
    channel = m.marketplace.sales_channel.lower()
    out = []
    for key, cells in money.items():
        _tx, oid, sku, t = key
        kind, description, qty, fulfillment = about[key]
        moment = datetime.fromtimestamp(t, UTC).astimezone(m.marketplace.tz)
        stamp = moment.strftime("%b %-d, %Y %-I:%M:%S %p %Z")
        amounts = [grouped_decimal(cells.get(col, 0), currency) for col in _MONEY[:-1]]
        order = (channel, "Standard Orders") if oid else ("", "")
        tax_model = "MarketplaceFacilitator" if oid else ""
        out.append((t, [stamp, sid, kind, oid, sku, description, qty, *order, fulfillment,
                        "", "", "", tax_model, *amounts, grouped_decimal(sum(cells.values()), currency)]))  # fmt: skip
    return sorted(out, key=lambda r: r[0])
