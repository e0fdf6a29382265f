"""Business Report "Detail Page Sales and Traffic By Child Item", one CSV per day.

Layout from ``report-formats.md`` section 1: the current English layout without the
user-added ``Date`` column (36 columns; note ``Mobile APP`` in three B2B headers), or the
Chinese layout (24 columns, full-width parentheses, en-dash in the split columns, hyphen
before B2B) with ``US$`` amounts and a UTF-8 BOM. Only child ASINs with sessions or units
ordered that day appear, as in the real report. Percentages of sessions and page views are
shares of that day's total across the listed ASINs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sellerops.sim.truth import MarketTruth, SimTruth
from sellerops.sim.writers.formatting import (
    fraction_percent,
    money_ui,
    percent,
    thousands,
    write_ui_csv,
)

#: (key, English header, Chinese header or None when the Chinese layout omits the column).
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("parent", "(Parent) ASIN", "（父）ASIN"),
    ("child", "(Child) ASIN", "（子）ASIN"),
    ("title", "Title", "商品名称"),
    ("s_app", "Sessions - Mobile App", "会话次数 – 移动应用"),
    ("s_app_b", "Sessions - Mobile APP - B2B", None),
    ("s_web", "Sessions - Browser", "会话次数 – 浏览器"),
    ("s_web_b", "Sessions - Browser - B2B", None),
    ("s_all", "Sessions - Total", "会话次数 – 总计"),
    ("s_all_b", "Sessions - Total - B2B", None),
    ("sp_app", "Session Percentage - Mobile App", "会话百分比 – 移动应用"),
    ("sp_app_b", "Session Percentage - Mobile APP - B2B", None),
    ("sp_web", "Session Percentage - Browser", "会话百分比 – 浏览器"),
    ("sp_web_b", "Session Percentage - Browser - B2B", None),
    ("sp_all", "Session Percentage - Total", "会话百分比 – 总计"),
    ("sp_all_b", "Session Percentage - Total - B2B", None),
    ("pv_app", "Page Views - Mobile App", "页面浏览量 – 移动应用"),
    ("pv_app_b", "Page Views - Mobile APP - B2B", None),
    ("pv_web", "Page Views - Browser", "页面浏览量 – 浏览器"),
    ("pv_web_b", "Page Views - Browser - B2B", None),
    ("pv_all", "Page Views - Total", "页面浏览量 – 总计"),
    ("pv_all_b", "Page Views - Total - B2B", None),
    ("pvp_app", "Page Views Percentage - Mobile App", "页面浏览量百分比 – 移动应用"),
    ("pvp_app_b", "Page Views Percentage - Mobile App - B2B", None),
    ("pvp_web", "Page Views Percentage - Browser", "页面浏览量百分比 – 浏览器"),
    ("pvp_web_b", "Page Views Percentage - Browser - B2B", None),
    ("pvp_all", "Page Views Percentage - Total", "页面浏览量百分比 – 总计"),
    ("pvp_all_b", "Page Views Percentage - Total - B2B", None),
    ("bb", "Featured Offer (Buy Box) Percentage", "推荐报价（购买按钮）百分比"),
    ("bb_b", "Featured Offer (Buy Box) Percentage - B2B", None),
    ("units", "Units Ordered", "已订购商品数量"),
    ("units_b", "Units Ordered - B2B", "已订购商品数量 - B2B"),
    ("usp", "Unit Session Percentage", "商品会话百分比"),
    ("usp_b", "Unit Session Percentage - B2B", "商品会话百分比 - B2B"),
    ("sales", "Ordered Product Sales", "已订购商品销售额"),
    ("sales_b", "Ordered Product Sales - B2B", "已订购商品销售额 - B2B"),
    ("items", "Total Order Items", "订单商品总数"),
    ("items_b", "Total Order Items - B2B", "订单商品总数 - B2B"),
)
HEADER_EN = [en for _, en, _ in COLUMNS]
HEADER_ZH = [zh for _, _, zh in COLUMNS if zh is not None]


def file_name(market: str, day: date) -> str:
    return f"BusinessReport_{market}_{day.isoformat()}.csv"


def write(truth: SimTruth, market: str, out_dir: Path, lang: str, since: date | None) -> list[Path]:
    m = truth.markets[market]
    keys = [k for k, _, zh in COLUMNS if lang == "en" or zh is not None]
    header = HEADER_EN if lang == "en" else HEADER_ZH
    paths = []
    for d, day in enumerate(truth.days):
        if since is not None and day < since:
            continue
        values = _day_values(truth, m, d, lang)
        rows = [[row[k] for k in keys] for row in values]
        paths.append(write_ui_csv(out_dir / file_name(market, day), header, rows, bom=lang == "zh"))
    return paths


def _counts(m: MarketTruth, d: int) -> dict[str, NDArray[np.int64]]:
    """Integer columns for day ``d``, per SKU."""
    t = m.traffic
    c = {
        "s_app": t.sessions_app[:, d],
        "s_app_b": t.sessions_app_b2b[:, d],
        "s_web": t.sessions_browser[:, d],
        "s_web_b": t.sessions_browser_b2b[:, d],
        "pv_app": t.page_views_app[:, d],
        "pv_app_b": t.page_views_app_b2b[:, d],
        "pv_web": t.page_views_browser[:, d],
        "pv_web_b": t.page_views_browser_b2b[:, d],
        "units": m.units_sold[:, d],
        "units_b": m.units_b2b[:, d],
        "items": m.order_items[:, d],
        "items_b": m.order_items_b2b[:, d],
    }
    out = {k: v.astype(np.int64) for k, v in c.items()}
    for kind in ("s", "pv"):
        out[f"{kind}_all"] = out[f"{kind}_app"] + out[f"{kind}_web"]
        out[f"{kind}_all_b"] = out[f"{kind}_app_b"] + out[f"{kind}_web_b"]
    return out


def _day_values(truth: SimTruth, m: MarketTruth, d: int, lang: str) -> list[dict[str, str]]:
    c = _counts(m, d)
    listed = np.flatnonzero((c["s_all"] > 0) | (c["units"] > 0))
    totals = {k: int(v[listed].sum()) for k, v in c.items()}
    price = m.price[:, d].astype(np.int64)
    bb = m.featured_offer[:, d]
    currency = m.marketplace.currency
    rows = []
    for i in listed.tolist():
        p = truth.products[i]
        row = {"parent": p.parent_asin, "child": p.asin, "title": p.title}
        for k, v in c.items():
            row[k] = thousands(int(v[i]))
        for kind in ("s", "pv"):
            for part in ("app", "app_b", "web", "web_b", "all", "all_b"):
                key = f"{kind}_{part}"
                row[f"{kind}p_{part}"] = percent(int(c[key][i]), totals[key])
        row["bb"] = row["bb_b"] = fraction_percent(float(bb[i]))
        row["usp"] = percent(int(c["units"][i]), int(c["s_all"][i]))
        row["usp_b"] = percent(int(c["units_b"][i]), int(c["s_all_b"][i]))
        row["sales"] = money_ui(int(c["units"][i] * price[i]), currency, lang)
        row["sales_b"] = money_ui(int(c["units_b"][i] * price[i]), currency, lang)
        rows.append(row)
    return rows
