"""Sponsored Products search term report (Ads console CSV), one file per day.

Layout of ``report-formats.md`` section 6a: the current English header (with its trailing
spaces) or the Chinese one the doc lists, which has no Retailer/Country columns; its
``结束日期`` (End Date) is inferred, not seen. Values like the CSV export: plain counts,
``10.0000%`` rates, ``$0.50`` money, ISO dates, every field quoted.

The truth holds ad metrics per SKU and day; here each SKU-day is split over its auto and
manual ad groups, their targets and search terms (seeded per day, so files are reproducible),
and rows of the same ad group, target and term are summed. Only terms with clicks appear.
Impressions of SKU-days without a click are therefore not in the file.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np

from sellerops.sim.ads import AdGroup
from sellerops.sim.config import stream
from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers.formatting import money_ui, percent, write_ui_csv

HEADER_EN = [
    "Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name",
    "Retailer", "Country", "Targeting", "Match Type", "Customer Search Term", "Impressions",
    "Clicks", "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACOS) ", "Total Return on Advertising Spend (ROAS)",
    "7 Day Total Orders (#)", "7 Day Total Units (#)", "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)", "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]  # fmt: skip
HEADER_ZH = [
    "开始日期", "结束日期", "广告组合名称", "货币", "广告活动名称", "广告组名称", "投放", "匹配类型",
    "客户搜索词", "展示量", "点击量", "点击率 (CTR)", "单次点击成本 (CPC)", "花费", "7天总销售额",
    "广告投入产出比 (ACOS) 总计", "总广告投资回报率 (ROAS)", "7天总订单数(#)", "7天总销售量(#)",
    "7天的转化率", "7天内广告SKU销售量(#)", "7天内其他SKU销售量(#)", "7天内广告SKU销售额",
    "7天内其他SKU销售额",
]  # fmt: skip
_FIELDS = (
    "impressions",
    "clicks",
    "spend",
    "orders",
    "units",
    "sales",
    "other_units",
    "other_sales",
)

Key = tuple[int, int, str]  # ad group, target index, search term


def file_name(market: str, day: date) -> str:
    return f"Sponsored_Products_Search_Term_Report_{market}_{day.isoformat()}.csv"


def write(truth: SimTruth, market: str, out_dir: Path, lang: str, since: date | None) -> list[Path]:
    m = truth.markets[market]
    header = HEADER_EN if lang == "en" else HEADER_ZH
    first = 0 if since is None else max(truth.day_index(since), 0)
    clicked = np.flatnonzero(m.ads.clicks[:, first:].any(axis=1)).tolist()
    cells = {i: _cells(truth, m, i) for i in clicked}
    paths = []
    for d, day in enumerate(truth.days):
        if since is not None and day < since:
            continue
        rng = stream(truth.config.seed, f"search-terms/{market}/{day.isoformat()}")
        totals: dict[Key, np.ndarray] = defaultdict(lambda: np.zeros(len(_FIELDS), np.int64))
        for i in np.flatnonzero(m.ads.clicks[:, d] > 0).tolist():
            for key, values in _split(m, cells[i], i, d, rng):
                totals[key] += values
        rows = [_row(truth, m, key, v, day, lang) for key, v in sorted(totals.items())]
        paths.append(write_ui_csv(out_dir / file_name(market, day), header, rows, bom=lang == "zh"))
    return paths


def _cells(truth: SimTruth, m: MarketTruth, sku: int) -> tuple[list[Key], np.ndarray]:
    """Every (ad group, target, term) the SKU can be clicked through, with its click weight."""
    keys: list[Key] = []
    weights: list[float] = []
    auto = float(m.ads.auto_share[sku])
    for col, share in enumerate((auto, 1 - auto)):
        g = int(truth.ad_structure.groups_of_sku[sku, col])
        if g < 0:
            continue
        group: AdGroup = truth.ad_structure.ad_groups[g]
        for t, target in enumerate(group.targets):
            rank = 1 / np.arange(1, len(target.search_terms) + 1)
            for term, r in zip(target.search_terms, rank / rank.sum(), strict=True):
                keys.append((g, t, term))
                weights.append(share * target.weight * float(r))
    w = np.array(weights)
    return keys, w / w.sum()


def _split(
    m: MarketTruth,
    cells: tuple[list[Key], np.ndarray],
    i: int,
    d: int,
    rng: np.random.Generator,
) -> list[tuple[Key, np.ndarray]]:
    """One SKU-day's ad metrics spread over its cells; column sums equal the truth."""
    a = m.ads
    keys, w = cells
    clicks = rng.multinomial(int(a.clicks[i, d]), w)
    hit = clicks > 0
    impressions = clicks + rng.multinomial(
        int(a.impressions[i, d] - a.clicks[i, d]), _norm(w * hit)
    )
    spend = _proportional(int(a.spend[i, d]), clicks)
    orders = np.zeros(len(w), dtype=np.int64)
    for _ in range(int(a.orders[i, d])):  # an order needs a click of its own
        room = clicks - orders
        orders[rng.choice(len(w), p=room / room.sum())] += 1
    units = orders + rng.multinomial(int(a.units[i, d] - a.orders[i, d]), _norm(orders))
    other = rng.multinomial(int(a.other_units[i, d]), _norm(orders))
    price = int(m.price[i, d])
    table = np.stack(
        [impressions, clicks, spend, orders, units, units * price, other, other * price]
    )
    return [(keys[j], table[:, j]) for j in np.flatnonzero(hit).tolist()]


def _norm(w: np.ndarray) -> np.ndarray:
    w = w.astype(np.float64)
    total = w.sum()
    return w / total if total > 0 else np.full(len(w), 1 / len(w))


def _proportional(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainder)."""
    if weights.sum() == 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = total * weights / weights.sum()
    out = np.floor(exact).astype(np.int64)
    rest = total - int(out.sum())
    out[np.argsort(-(exact - out), kind="stable")[:rest]] += 1
    return out


def _row(
    truth: SimTruth, m: MarketTruth, key: Key, v: np.ndarray, day: date, lang: str
) -> list[str]:
    impressions, clicks, spend, orders, units, sales, other_units, other_sales = (int(x) for x in v)
    g, t, term = key
    group = truth.ad_structure.ad_groups[g]
    target = group.targets[t]
    campaign = truth.ad_structure.campaigns[group.campaign]
    cur = m.marketplace.currency
    total_sales = sales + other_sales
    money = [money_ui(x, cur, lang) for x in (spend, total_sales, sales, other_sales)]
    cpc = money_ui(round(spend / clicks), cur, lang)
    acos = percent(spend, total_sales, 4) if total_sales else ""
    roas = f"{total_sales / spend:.2f}" if spend else "0.00"
    where = [campaign.name, group.name] + (
        ["Amazon", m.marketplace.country] if lang == "en" else []
    )
    return [
        day.isoformat(), day.isoformat(), "Not grouped", cur, *where, target.text, target.match_type,
        term, str(impressions), str(clicks), percent(clicks, impressions, 4), cpc, money[0],
        money[1], acos, roas, str(orders), str(units + other_units), percent(orders, clicks, 4),
        str(units), str(other_units), money[2], money[3],
    ]  # fmt: skip
