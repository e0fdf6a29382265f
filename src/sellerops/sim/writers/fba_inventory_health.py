"""FBA Inventory (``GET_FBA_INVENTORY_PLANNING_DATA``): stock age and storage cost per SKU.

The columns of ``report-formats.md`` section 2c that sellerops reads (the report's columns
come and go; the importer reads them by name), tab-separated, one snapshot for the last
simulated day. Ages are first-in-first-out: the units on hand are the newest receipts, and
units older than every simulated receipt count as received before the burn-in began. Fees
use the same published US tables as :mod:`sellerops.inventory.alerts` (Amazon computes its
estimates from its own tables, so the demo's figures are consistent, not independent).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np

from sellerops.inventory import alerts
from sellerops.sim.config import BURN_IN_DAYS
from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers.formatting import fixed_decimal, write_tsv

_AGE = (("0", "90"), ("91", "180"), ("181", "270"), ("271", "365"), ("0", "30"), ("31", "60"),
        ("61", "90"), ("181", "330"), ("331", "365"))  # fmt: skip
_AIS = ("181-210", "211-240", "241-270", "271-300", "301-330", "331-365", "365-plus")
HEADER = [
    "snapshot-date", "sku", "fnsku", "asin", "product-name", "condition", "available",
    "pending-removal-quantity", *(f"inv-age-{lo}-to-{hi}-days" for lo, hi in _AGE),
    "inv-age-365-plus-days", "currency", "units-shipped-t7", "units-shipped-t30",
    "units-shipped-t60", "units-shipped-t90", "your-price", "item-volume",
    "volume-unit-measurement", "storage-type", "storage-volume", "marketplace",
    "days-of-supply", "estimated-storage-cost-next-month", "inbound-quantity",
    "reserved-quantity", "unfulfillable-quantity",
    *(f"estimated-ais-{band}-days" for band in _AIS),
    *(f"quantity-to-be-charged-ais-{band}-days" for band in _AIS),
]  # fmt: skip


def file_name(market: str, day: date) -> str:
    return f"FBA_Inventory_Health_{market}_{day.isoformat()}.txt"


def age_counts(on_hand: int, receipts: list[tuple[int, int]], today: int) -> dict[int, int]:
    """Units on hand by age in days: the newest receipts (day, qty) cover the stock first;
    what no receipt covers is older than the timeline (age ``today + BURN_IN_DAYS``)."""
    left = on_hand
    out: dict[int, int] = {}
    for day, qty in sorted((r for r in receipts if r[0] <= today), reverse=True):
        if left <= 0:
            break
        take = min(left, qty)
        out[today - day] = out.get(today - day, 0) + take
        left -= take
    if left > 0:
        out[today + BURN_IN_DAYS] = out.get(today + BURN_IN_DAYS, 0) + left
    return out


def _band(ages: dict[int, int], lo: int, hi: int | None) -> int:
    return sum(q for a, q in ages.items() if a >= lo and (hi is None or a <= hi))


def _ais_bands(ages: dict[int, int]) -> dict[str, int]:
    out = {}
    for band in _AIS:
        lo, _, hi = band.partition("-")
        key = band.replace("-", "_")
        out[key] = _band(ages, int(lo), None if hi == "plus" else int(hi))
    out["365_plus"] = _band(ages, 366, None)
    return out


def _row(truth: SimTruth, m: MarketTruth, i: int, d: int, volume: float) -> list[str]:
    p = truth.products[i]
    currency = m.marketplace.currency
    on_hand = int(m.fulfillable[i, d] + m.reserved[i, d])
    po = m.purchase_orders
    mask = po.sku == i
    ages = age_counts(
        on_hand, list(zip(po.done[mask].tolist(), po.received[mask].tolist(), strict=True)), d
    )
    sold = [int(m.units_sold[i, max(0, d - n + 1) : d + 1].sum()) for n in (7, 30, 60, 90)]
    vol = Decimal(f"{volume:.4f}")
    kind = alerts.storage_class(p.size_tier)
    nxt = 1 if truth.days[d].month == 12 else truth.days[d].month + 1
    storage = alerts.monthly_storage_fee(on_hand, vol, kind, nxt)
    ais = _ais_bands(ages)
    ais_fee = [alerts.aged_surcharge({k: q}, vol) for k, q in ais.items()]
    bands = [_band(ages, int(lo), int(hi)) for lo, hi in _AGE]
    dos = f"{on_hand / (sold[1] / 30):.1f}" if sold[1] else ""
    inbound = int(m.inbound_working[i, d] + m.inbound_shipped[i, d] + m.inbound_receiving[i, d])
    return [
        truth.days[d].isoformat(), p.sku, p.fnsku, p.asin, p.title, "New", str(int(m.fulfillable[i, d])),
        "0", *map(str, bands), str(_band(ages, 366, None)), currency, *map(str, sold),
        fixed_decimal(int(m.regular_price[i, d]), currency), str(vol), "cubic feet",
        "Oversize" if kind == "oversize" else "Standard", f"{float(vol) * on_hand:.4f}",
        m.marketplace.code, dos, str(storage), str(inbound), str(int(m.reserved[i, d])),
        str(int(m.unfulfillable[i, d])), *map(str, ais_fee), *map(str, ais.values()),
    ]  # fmt: skip


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    m = truth.markets[market]
    d = len(truth.days) - 1
    day = truth.days[d]
    if since is not None and day < since:
        return []
    rows = []
    for i, p in enumerate(truth.products):
        stock = int(m.fulfillable[i, d] + m.reserved[i, d] + m.unfulfillable[i, d])
        if p.fulfillment != "AFN" or stock <= 0:
            continue
        rows.append(_row(truth, m, i, d, float(np.prod(p.dimensions_in)) / 1728))
    return [write_tsv(out_dir / file_name(market, day), HEADER, rows)]
