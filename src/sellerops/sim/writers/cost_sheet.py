"""The costs template (``sellerops template costs``) filled with every simulated SKU.

One row per SKU, effective from the window's first day: COGS per unit (the catalog's cost,
in USD like the rest of the simulated catalog), first-leg freight per unit (sea: $0.35 per
pound shipped, air: $2.80), a flat 7.5 % duty rate, and the planned lead time in days. The
header is the template's English one, so the sheet imports like an operator's.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sellerops.ingest.templates import get_template
from sellerops.sim.truth import SimTruth

SEA_CENTS_PER_LB = 35
AIR_CENTS_PER_LB = 280
DUTY_RATE = "7.5%"


def file_name(market: str) -> str:
    return f"Costs_{market}.csv"


def freight_cents(weight_lb: float, sea: bool) -> int:
    return round(weight_lb * (SEA_CENTS_PER_LB if sea else AIR_CENTS_PER_LB))


def write(truth: SimTruth, market: str, out_dir: Path, since: date | None) -> list[Path]:
    template = get_template("costs")
    path = out_dir / file_name(market)
    start = (since or truth.days[0]).isoformat()
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(template.header("en"))
        for p in truth.products:
            freight = freight_cents(p.weight_lb, p.ship_mode == "sea")
            writer.writerow([p.sku, start, _dollars(p.cost_cents), "USD", _dollars(freight),
                             DUTY_RATE, str(p.lead_time_days)])  # fmt: skip
    return [path]


def _dollars(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"
