"""Sponsored Products bulk operations file (bulksheets 2.0, XLSX), as of the last day.

Layout of ``report-formats.md`` section 6b: one ``Sponsored Products Campaigns`` sheet with
the downloaded header, rows for campaigns, ad groups, product ads, keywords (manual
campaigns) and product targeting (the auto campaigns' close-match, loose-match, substitutes
and complements), each with Amazon-like numeric ids, states, bids and budgets; ``Operation``
blank, as on download. Metrics columns are left empty.

Bids sit around the category's typical CPC; budgets are set from each campaign's simulated
daily spend: every third campaign at the 60th percentile of its last 30 days (so it runs out
of budget on most days), the others at twice its busiest day.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import xlsxwriter
from babel.numbers import get_currency_precision

from sellerops.sim.ads import AdGroup, Campaign
from sellerops.sim.catalog_data import CATEGORIES, FX_PER_USD
from sellerops.sim.config import stream
from sellerops.sim.truth import MarketTruth, SimTruth

SHEET = "Sponsored Products Campaigns"
HEADER = [
    "Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID",
    "Keyword ID", "Product Targeting ID", "Campaign Name", "Ad Group Name",
    "Campaign Name (Informational only)", "Ad Group Name (Informational only)",
    "Portfolio Name (Informational only)", "Start Date", "End Date", "Targeting Type", "State",
    "Campaign State (Informational only)", "Ad Group State (Informational only)", "Daily Budget",
    "SKU", "ASIN", "Eligibility Status (Informational only)",
    "Reason for Ineligibility (Informational only)", "Ad Group Default Bid",
    "Ad Group Default Bid (Informational only)", "Bid", "Keyword Text", "Native Language Keyword",
    "Native Language Locale", "Match Type", "Bidding Strategy", "Placement", "Percentage",
    "Product Targeting Expression", "Resolved Product Targeting Expression (Informational only)",
    "Impressions", "Clicks", "Click-through Rate", "Spend", "Sales", "Orders", "Units",
    "Conversion Rate", "ACOS", "CPC", "ROAS",
]  # fmt: skip


def file_name(market: str, day: date) -> str:
    return f"Bulk_Operations_{market}_{day.isoformat()}.xlsx"


def write(truth: SimTruth, market: str, out_dir: Path, lang: str, since: date | None) -> list[Path]:
    m = truth.markets[market]
    rng = stream(truth.config.seed, f"ads-bulk/{market}")
    scale = FX_PER_USD.get(m.marketplace.currency, 1.0)
    rows: list[dict[str, object]] = []
    structure = truth.ad_structure
    for campaign in structure.campaigns:
        cid = str(100_000_000_000_000 + 7919 * (campaign.index + 1))
        rows.append(_campaign_row(truth, m, campaign, cid, rng))
        for group in (g for g in structure.ad_groups if g.campaign == campaign.index):
            rows += _group_rows(truth, campaign, group, cid, rng, scale)
    path = out_dir / file_name(market, truth.days[-1])
    _write_xlsx(path, [[row.get(h) for h in HEADER] for row in rows], truth.days[-1])
    return [path]


def _write_xlsx(path: Path, rows: list[list[object]], day: date) -> None:
    """Like Amazon's download; the workbook's creation time is the day, so the same seed
    gives the same bytes."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    try:
        book.set_properties({"created": datetime.combine(day, time(6))})
        ws = book.add_worksheet(SHEET)
        for c, name in enumerate(HEADER):
            ws.write_string(0, c, name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, int | float):
                    ws.write_number(r, c, value)
                elif value is not None:
                    ws.write_string(r, c, str(value))
    finally:
        book.close()


def _base(campaign: Campaign, cid: str, entity: str) -> dict[str, object]:
    return {
        "Product": "Sponsored Products", "Entity": entity, "Campaign ID": cid,
        "Campaign Name (Informational only)": campaign.name,
        "Campaign State (Informational only)": "enabled",
    }  # fmt: skip


def _campaign_row(
    truth: SimTruth, m: MarketTruth, campaign: Campaign, cid: str, rng: np.random.Generator
) -> dict[str, object]:
    row = _base(campaign, cid, "Campaign")
    row.update({
        "Campaign Name": campaign.name, "Start Date": truth.days[0].strftime("%Y%m%d"),
        "Targeting Type": campaign.targeting.title(), "State": "enabled",
        "Daily Budget": _budget(truth, m, campaign), "Bidding Strategy": "Dynamic bids - down only",
    })  # fmt: skip
    return row


def _campaign_spend(truth: SimTruth, m: MarketTruth, campaign: Campaign) -> np.ndarray:
    """Simulated spend per day of the campaign, in major units."""
    col = 0 if campaign.targeting == "auto" else 1
    share = m.ads.auto_share if col == 0 else 1 - m.ads.auto_share
    skus = [s for g in truth.ad_structure.ad_groups if g.campaign == campaign.index
            for s in g.skus]  # fmt: skip
    minor = 10 ** get_currency_precision(m.marketplace.currency)
    return (m.ads.spend[skus] * share[skus, None]).sum(axis=0) / minor


def _budget(truth: SimTruth, m: MarketTruth, campaign: Campaign) -> float:
    spend = _campaign_spend(truth, m, campaign)[-30:]
    if campaign.index % 3 == 0:
        return max(1.0, round(float(np.percentile(spend, 60)), 0))
    return max(5.0, round(2 * float(spend.max()), 0))


def _group_rows(
    truth: SimTruth, campaign: Campaign, group: AdGroup, cid: str,
    rng: np.random.Generator, scale: float,
) -> list[dict[str, object]]:  # fmt: skip
    gid = str(200_000_000_000_000 + 104_729 * (group.index + 1))
    cpc = CATEGORIES[[c.name for c in CATEGORIES].index(campaign.category)].cpc_usd * scale
    default_bid = round(cpc * 1.3, 2)
    head = _base(campaign, cid, "Ad Group")
    head.update({"Ad Group ID": gid, "Ad Group Name": group.name, "State": "enabled",
                 "Ad Group Name (Informational only)": group.name,
                 "Ad Group Default Bid": default_bid})  # fmt: skip
    rows = [head]
    for n, sku in enumerate(group.skus):
        product = truth.products[sku]
        ad = _child(campaign, group, cid, gid, "Product Ad")
        ad.update({"Ad ID": str(int(gid) + 1 + n), "SKU": product.sku, "ASIN": product.asin,
                   "State": "enabled"})  # fmt: skip
        rows.append(ad)
    for n, target in enumerate(group.targets):
        bid = round(default_bid * float(rng.uniform(0.8, 1.4)), 2)
        tid = str(300_000_000_000_000 + 1_299_709 * (group.index + 1) + n)
        if target.match_type == "-":
            row = _child(campaign, group, cid, gid, "Product Targeting")
            row.update({"Product Targeting ID": tid, "Product Targeting Expression": target.text})
        else:
            row = _child(campaign, group, cid, gid, "Keyword")
            row.update({"Keyword ID": tid, "Keyword Text": target.text,
                        "Match Type": target.match_type.lower()})  # fmt: skip
        row.update({"State": "enabled", "Bid": bid})
        rows.append(row)
    return rows


def _child(
    campaign: Campaign, group: AdGroup, cid: str, gid: str, entity: str
) -> dict[str, object]:
    row = _base(campaign, cid, entity)
    row.update({"Ad Group ID": gid, "Ad Group Name (Informational only)": group.name,
                "Ad Group State (Informational only)": "enabled"})  # fmt: skip
    return row
