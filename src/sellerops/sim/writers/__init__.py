"""File writers: turn a :class:`~sellerops.sim.truth.SimTruth` into report files.

One module per report family; each writes exactly the headers, delimiters, encodings and
number formats documented in ``shared/formats/report-formats.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from sellerops.sim.truth import SimTruth
from sellerops.sim.writers import (
    ads_bulk,
    all_orders,
    business_report,
    cost_sheet,
    date_range,
    fba_inventory,
    fba_inventory_health,
    fba_returns,
    listings,
    search_terms,
    settlement,
)

Writer = Callable[[SimTruth, str, Path, str, date | None], list[Path]]

#: Report families in the order they are written; names accepted by ``write_reports``.
WRITERS: dict[str, Writer] = {
    "business_report": business_report.write,
    "all_orders": lambda truth, mp, out, lang, since: all_orders.write(truth, mp, out, since),
    "fba_inventory": lambda truth, mp, out, lang, since: fba_inventory.write(truth, mp, out, since),
    "fba_inventory_health": lambda truth, mp, out, lang, since: fba_inventory_health.write(
        truth, mp, out, since
    ),
    "fba_returns": lambda truth, mp, out, lang, since: fba_returns.write(truth, mp, out, since),
    "search_terms": search_terms.write,
    "ads_bulk": ads_bulk.write,
    "settlement": lambda truth, mp, out, lang, since: settlement.write(truth, mp, out, since),
    "date_range": lambda truth, mp, out, lang, since: date_range.write(truth, mp, out, since),
    "cost_sheet": lambda truth, mp, out, lang, since: cost_sheet.write(truth, mp, out, since),
    "listings": lambda truth, mp, out, lang, since: listings.write(truth, mp, out, since),
}
FAMILIES: tuple[str, ...] = tuple(WRITERS)


def write_reports(
    truth: SimTruth,
    out_dir: Path | str,
    *,
    lang: str | None = None,
    families: Iterable[str] | None = None,
    marketplaces: Iterable[str] | None = None,
    since: date | None = None,
) -> list[Path]:
    """Write report files for every marketplace of the truth; return their paths in order.

    ``lang`` ('en' or 'zh', default the config's) is the Seller Central / Ads console
    language: it changes the UI reports (Business Report, search terms); flat files are
    English in both. ``families`` picks report families (default all, see
    :data:`FAMILIES`); ``since`` skips days before it (daily files) and rows before it
    (monthly files). Files are named by marketplace and the day or month they cover, e.g.
    ``BusinessReport_US_2026-11-26.csv``, ``All_Orders_US_2026-11.txt``,
    ``Manage_FBA_Inventory_US_2026-11-26.txt``, ``FBA_Customer_Returns_US_2026-11.txt``,
    ``Sponsored_Products_Search_Term_Report_US_2026-11-26.csv``.
    """
    lang = lang or truth.config.lang
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    chosen = list(families) if families is not None else list(FAMILIES)
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown report families {unknown}; known: {', '.join(FAMILIES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    markets = list(marketplaces) if marketplaces is not None else list(truth.markets)
    paths: list[Path] = []
    for market in markets:
        for family in FAMILIES:
            if family in chosen:
                paths.extend(WRITERS[family](truth, market, out, lang, since))
    return paths
