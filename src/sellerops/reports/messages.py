"""Words of the reports, English and Chinese."""

from __future__ import annotations

from datetime import date
from typing import Any

from sellerops.core import i18n

KPI_NAMES: dict[str, dict[str, str]] = {
    "sales": {"en": "Sales", "zh": "销售额"},
    "units": {"en": "Units", "zh": "销量"},
    # the Business Report's "Total Order Items": lines of orders (one per SKU in an order),
    # neither orders nor units; named as the Today page and the CLI name it
    "orders": {"en": "Order items", "zh": "订单商品数"},
    "sessions": {"en": "Sessions", "zh": "会话"},
    "conversion": {"en": "Conversion", "zh": "转化率"},
    "ad_spend": {"en": "Ad spend", "zh": "广告花费"},
    "acos": {"en": "ACoS", "zh": "ACoS"},
    "tacos": {"en": "TACoS", "zh": "TACoS"},
    "profit": {"en": "Profit", "zh": "利润"},
    "margin": {"en": "Margin", "zh": "利润率"},
    "stock_value": {"en": "Stock value", "zh": "库存货值"},
    "days_of_cover": {"en": "Days of cover", "zh": "可售天数"},
}
LABELS: dict[str, dict[str, str]] = {
    "daily": {"en": "Daily report", "zh": "日报"},
    "weekly": {"en": "Weekly report", "zh": "周报"},
    "monthly": {"en": "Monthly report", "zh": "月报"},
    "compared": {"en": "compared with {previous} and, last year, {last_year}",
                 "zh": "对比上期 {previous} 及去年同期 {last_year}"},
    "estimated": {"en": "Profit after {day} is estimated from orders and each SKU's fee rates: "
                        "no settlement covers those days yet.",
                  "zh": "{day} 之后的利润根据订单和各 SKU 的费率估算：这些天尚未结算。"},
    "all_estimated": {"en": "No settlement or transaction report imported: profit is "
                            "estimated from orders.",
                      "zh": "尚未导入结算或交易报告：利润根据订单估算。"},
    "kpi": {"en": "KPI", "zh": "指标"},
    # a change of a rate (conversion, margin, ACoS) is a difference in percentage points
    "points": {"en": " pp", "zh": " 个百分点"},
    "this_period": {"en": "This period", "zh": "本期"},
    "previous": {"en": "Previous", "zh": "上期"},
    "last_year": {"en": "Last year", "zh": "去年同期"},
    "vs_previous": {"en": "vs previous", "zh": "环比"},
    "vs_last_year": {"en": "vs last year", "zh": "同比"},
    "chart_title": {"en": "Sales per day (bars) and the same weekday last year (line)",
                    "zh": "每日销售额（柱）与去年同期同星期（线）"},
    "chart_title_no_last_year": {"en": "Sales per day (no sales data for the same days last year)",
                                 "zh": "每日销售额（无去年同期数据）"},
    "pnl_title": {"en": "Profit and loss", "zh": "利润表"},
    "pending_lines": {"en": "† Refunds, reimbursements, shipping credits, promotions and refund "
                            "commission come only from settlements: these lines cover settled "
                            "days only, and are left empty when no day of the period is settled.",
                      "zh": "† 退款、赔偿、运费收入、促销与优惠券、退款管理费只来自结算：这些项目只含"
                            "已结算的天数，本期尚无结算的天数时留空。"},
    "ads_split": {"en": "‡ Advertising partly estimated: spend no ad report ties to a SKU "
                        "(Sponsored Brands / Display, ad groups whose products are not known, "
                        "an account-level ad invoice) is split over the SKUs by item sales.",
                  "zh": "‡ 广告费部分为估算：广告报告无法对应到 SKU 的花费（品牌/展示广告、"
                        "商品未知的广告组、账户级广告账单）按各 SKU 的商品销售额分摊。"},
    "period_day": {"en": "per day", "zh": "每天"},
    "period_month": {"en": "per month", "zh": "每月"},
    "period_once": {"en": "one-off", "zh": "一次性"},
    "period": {"en": "Period", "zh": "周期"},
    "per_month": {"en": "Per month (per day × 30)", "zh": "每月（按天 × 30）"},
    "one_off": {"en": "One-off", "zh": "一次性"},
    "same_money_as": {"en": "same money as row {row}", "zh": "与第 {row} 行为同一笔金额"},
    # the HTML / PDF problems table: rows numbered in its "#" column
    "same_money_as_no": {"en": "same money as row {row}: not added to the total again",
                         "zh": "与第 {row} 行为同一笔金额：不重复计入合计"},
    "problems_total": {"en": "Total (shared money counted once)",
                       "zh": "合计（同一笔金额只计一次）"},
    "problems_summary": {"en": "{count} open problems · money at stake {money}",
                         "en_one": "{count} open problem · money at stake {money}",
                         "zh": "共 {count} 个未处理问题 · 涉及金额{money}"},
    "problems_more": {"en": "… and {count} more (all of them in the XLSX report)",
                      "zh": "… 另有 {count} 项（XLSX 报表列出全部）"},
    "line": {"en": "Line", "zh": "项目"},
    "of_sales": {"en": "% of sales", "zh": "占销售额"},
    "profit": {"en": "Profit", "zh": "利润"},
    "sales": {"en": "Sales", "zh": "销售额"},
    "units": {"en": "Units", "zh": "销量"},
    "margin": {"en": "Margin", "zh": "利润率"},
    "top_skus": {"en": "Most profitable SKUs", "zh": "最赚钱的 SKU"},
    "losers": {"en": "SKUs losing money", "zh": "亏损的 SKU"},
    "biggest_cost": {"en": "Biggest cost", "zh": "最大成本项"},
    "movers_up": {"en": "Top movers up (sales vs previous)", "zh": "销售额增长最多（环比）"},
    "movers_down": {"en": "Top movers down", "zh": "销售额下降最多"},
    "change": {"en": "Change", "zh": "变化"},
    "problems": {"en": "Problems from the daily review", "zh": "每日检查发现的问题"},
    "problem": {"en": "Problem", "zh": "问题"},
    "money": {"en": "Money at stake", "zh": "涉及金额"},
    "action": {"en": "Action", "zh": "建议操作"},
    "none": {"en": "Nothing to show.", "zh": "暂无。"},
    "no_review": {
        "en": "The daily review has not run for {period}: its problems are not known yet (none "
        "listed here does not mean none). Run it with: {command}",
        "zh": "{period} 尚未运行每日检查：问题尚不清楚（此处未列出不代表没有问题）。运行方法：{command}",
    },
    "generated": {"en": "Generated by sellerops. Amounts in {currency}.",
                  "zh": "由 sellerops 生成。金额单位：{currency}。"},
    "sheet_kpis": {"en": "KPIs", "zh": "指标"},
    "sheet_pnl": {"en": "P&L", "zh": "利润表"},
    "sheet_skus": {"en": "SKUs", "zh": "SKU"},
    "sheet_problems": {"en": "Problems", "zh": "问题"},
    # days the P&L has no data for (finance.reports.pnl_missing_days): unknown, not 0
    "pnl_missing": {"en": "The P&L covers only days with order or settlement data: {days} "
                          "{count_word} neither, so {their} profit is not known and is not "
                          "counted as 0.",
                    "zh": "利润表只含有订单或结算数据的日期：{days} 既无订单也无结算数据，"
                          "这些天的利润未知，不按 0 计算。"},
    "pnl_missing_all": {"en": "No order report or settlement covers {days}: the P&L of this "
                              "period is not known (shown as –, not 0). Import the All Orders "
                              "report or a settlement for these days.",
                        "zh": "{days} 没有任何订单报告或结算覆盖：本期利润表未知（显示为 –，"
                              "而非 0）。请导入这些日期的全部订单报告或结算报告。"},
    "pnl_no_compare": {"en": "Profit is not compared with {periods}: {days} {count_word} no "
                             "order or settlement data, so the periods would not cover the "
                             "same days.",
                       "zh": "利润未与{periods}对比：{days} 没有订单或结算数据，"
                             "对比的两期覆盖的天数不同。"},
    # the previous period of a report whose own period no data covers either (XLSX P&L)
    "pnl_previous_missing_all": {"en": "No order report or settlement covers the previous "
                                       "period, {days}, either: its P&L is not known (shown "
                                       "as –, not 0).",
                                 "zh": "上期 {days} 同样没有任何订单报告或结算覆盖：其利润表未知"
                                       "（显示为 –，而非 0）。"},
    "compare_previous": {"en": "the previous period", "zh": "上期"},
    "compare_both": {"en": "the previous period or last year", "zh": "上期及去年同期"},
}  # fmt: skip
i18n.register_messages(
    {f"report.kpi.{k}": v for k, v in KPI_NAMES.items()}
    | {f"report.{k}": v for k, v in LABELS.items()}
)


def kpi_name(key: str, lang: str) -> str:
    return i18n.t(f"report.kpi.{key}", lang)


def label(key: str, lang: str, **params: Any) -> str:
    return i18n.t(f"report.{key}", lang, **params)


def points_change(now: float, before: float, lang: str) -> str:
    """The change of a rate as the reports and the web pages write it: the difference in
    percentage points, signed, one decimal (``+1.2 pp``, ``-0.8 个百分点``): a conversion of
    10 % going to 11 % is +1.0 pp, never "+10 %". Rates are fractions (0.1 = 10 %)."""
    points = (now - before) * 100
    text = i18n.number(abs(points), lang, 1) + label("points", lang)
    return ("+" if round(points, 1) >= 0 else "-") + text


def days_text(days: list[date], lang: str) -> str:
    """Days as runs: ``Nov 28, 2026``, ``Nov 28, 2026 – Dec 2, 2026, Dec 5, 2026``."""
    # here, not at the top: the CLI imports these messages at start, without the database
    from sellerops.finance.reports import day_runs

    parts = [
        i18n.day(a, lang) if a == b else f"{i18n.day(a, lang)} – {i18n.day(b, lang)}"
        for a, b in day_runs(days)
    ]
    return ("、" if lang == "zh" else ", ").join(parts)


def pnl_notes(
    missing: list[date],
    period_days: int,
    previous_missing: list[date],
    previous_days: int,
    last_year_missing: list[date],
    lang: str,
) -> list[str]:
    """The report's notes on days its P&L has no data for (en/zh): which days of the period
    (the whole P&L unknown, or part of it), and why profit is not compared across periods."""
    notes: list[str] = []

    def word(n: int) -> dict[str, str]:
        return {"count_word": "has" if n == 1 else "have", "their": "its" if n == 1 else "their"}

    if missing and len(missing) >= period_days:
        notes.append(label("pnl_missing_all", lang, days=days_text(missing, lang)))
    elif missing:
        notes.append(
            label("pnl_missing", lang, days=days_text(missing, lang), **word(len(missing)))
        )
    if len(missing) < period_days:
        gaps = [*missing, *previous_missing] if previous_missing or missing else []
        if gaps:
            both = bool(missing) or bool(last_year_missing)
            periods = label("compare_both" if both else "compare_previous", lang)
            notes.append(label("pnl_no_compare", lang, periods=periods,
                               days=days_text(gaps, lang), **word(len(gaps))))  # fmt: skip
    return notes
