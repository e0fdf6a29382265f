"""FBA customer returns (``GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA``), one file per month.

The 13 columns of ``report-formats.md`` section 5, tab-separated, ``return-date`` in UTC with
``+00:00`` (the same convention as the order files; unverified for returns). A month's file
holds the returns scanned on that month's marketplace-local dates. English in every language,
as Chinese sellers' tools show.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np

from sellerops.sim.returns import DISPOSITIONS, FULFILLMENT_CENTERS, REASONS, STATUSES, comment_text
from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers.formatting import iso_utc, write_tsv

HEADER = [
    "return-date",
    "order-id",
    "sku",
    "asin",
    "fnsku",
    "product-name",
    "quantity",
    "fulfillment-center-id",
    "detailed-disposition",
    "reason",
    "status",
    "license-plate-number",
    "customer-comments",
]


def file_name(market: str, month: str) -> str:
    return f"FBA_Customer_Returns_{market}_{month}.txt"


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    m = truth.markets[market]
    first = 0 if since is None else max(truth.day_index(since), 0)
    months = np.array([d.strftime("%Y-%m") for d in truth.days])
    paths = []
    for month in dict.fromkeys(months[first:].tolist()):
        days = np.flatnonzero(months == month)
        lo, hi = max(int(days[0]), first), int(days[-1])
        rows = np.flatnonzero((m.returns.day >= lo) & (m.returns.day <= hi))
        rows = rows[np.argsort(m.returns.utc[rows], kind="stable")]
        paths.append(write_tsv(out_dir / file_name(market, month), HEADER, _rows(truth, m, rows)))
    return paths


def _rows(truth: SimTruth, m: MarketTruth, rows: np.ndarray) -> Iterator[list[str]]:
    r, o = m.returns, m.orders
    for j in rows.tolist():
        item = int(r.item[j])
        p = truth.products[int(o.item_sku[item])]
        reason = int(r.reason[j])
        lpn = int(r.lpn[j])
        yield [
            iso_utc(int(r.utc[j])),
            o.order_id(int(o.item_order[item])),
            p.sku,
            p.asin,
            p.fnsku,
            p.title,
            str(int(r.qty[j])),
            FULFILLMENT_CENTERS[int(r.center[j])],
            DISPOSITIONS[int(r.disposition[j])],
            REASONS[reason],
            STATUSES[int(r.status[j])],
            f"LPN{'RRHXQZ'[lpn % 6]}{'RRHXQZ'[lpn // 6 % 6]}{lpn:09d}",
            comment_text(reason, int(r.comment[j])),
        ]
