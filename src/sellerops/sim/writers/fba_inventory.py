"""Manage FBA Inventory (``GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA``), one snapshot per day.

The 21 columns of ``report-formats.md`` section 2a, tab-separated, ``Yes``/``No`` flags. The
file has no date column, so the file name carries the day; each file shows the end of that
day (what the report downloaded the next morning shows). FBA SKUs appear once their listing
exists (from the first purchase order or launch on); merchant-fulfilled SKUs are not in it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from sellerops.sim.truth import SimTruth
from sellerops.sim.writers.formatting import fixed_decimal, write_tsv

HEADER = [
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "your-price",
    "mfn-listing-exists",
    "mfn-fulfillable-quantity",
    "afn-listing-exists",
    "afn-warehouse-quantity",
    "afn-fulfillable-quantity",
    "afn-unsellable-quantity",
    "afn-reserved-quantity",
    "afn-total-quantity",
    "per-unit-volume",
    "afn-inbound-working-quantity",
    "afn-inbound-shipped-quantity",
    "afn-inbound-receiving-quantity",
    "afn-researching-quantity",
    "afn-reserved-future-supply",
    "afn-future-supply-buyable",
]


def file_name(market: str, day: date) -> str:
    return f"Manage_FBA_Inventory_{market}_{day.isoformat()}.txt"


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    m = truth.markets[market]
    currency = m.marketplace.currency
    inbound = m.inbound_working + m.inbound_shipped + m.inbound_receiving
    warehouse = m.fulfillable + m.unfulfillable + m.reserved
    # A listing exists once the SKU launched or stock was on its way; it stays afterwards.
    seen = np.maximum.accumulate((m.lifecycle > 0) | (inbound > 0) | (warehouse > 0), axis=1)
    fba = np.array([p.fulfillment == "AFN" for p in truth.products])
    volume = [float(np.prod(p.dimensions_in)) / 1728 for p in truth.products]  # cubic feet
    your_price = m.regular_price
    paths = []
    for d, day in enumerate(truth.days):
        if since is not None and day < since:
            continue
        rows = []
        for i in np.flatnonzero(seen[:, d] & fba).tolist():
            p = truth.products[i]
            total = int(warehouse[i, d] + inbound[i, d])
            rows.append(
                [p.sku, p.fnsku, p.asin, p.title, "New", fixed_decimal(int(your_price[i, d]), currency),
                 "No", "", "Yes", str(int(warehouse[i, d])), str(int(m.fulfillable[i, d])),
                 str(int(m.unfulfillable[i, d])), str(int(m.reserved[i, d])), str(total),
                 f"{volume[i]:.2f}", str(int(m.inbound_working[i, d])),
                 str(int(m.inbound_shipped[i, d])), str(int(m.inbound_receiving[i, d])),
                 "0", "0", "0"]
            )  # fmt: skip
        paths.append(write_tsv(out_dir / file_name(market, day), HEADER, rows))
    return paths
