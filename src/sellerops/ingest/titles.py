"""Report types (``import_batch.report_type``, the ingest families) as people call them: in
English the family's own title, in Chinese as Seller Central's Chinese interface names the
report, where it has one. The CLI (``import``, ``imports``), the web Imports page and the
Chinese error messages all take the names from here; ``--json`` keeps the keys."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

ZH: dict[str, str] = {
    "business_report": "业务报告（详情页面上的销售量与访问量 - 按子商品）",
    "business_report_parent": "业务报告（详情页面上的销售量与访问量 - 按父商品）",
    "business_report_by_date": "业务报告（详情页面上的销售量与访问量，按日期）",
    "all_orders": "所有订单",
    "fba_inventory": "管理亚马逊库存",
    "ads_bulk": "广告批量操作文件",
    "ads_search_term": "广告搜索词报告",
    "ads_target": "广告投放 / 关键词报告",
    "ads_product": "广告推广的商品报告",
    "ads_campaign": "广告活动报告",
    "ads_placement": "广告位报告",
    "brand_search_terms": "品牌分析搜索词（CSV）",
    "brand_search_terms_json": "SP-API 品牌分析搜索词报告（JSON）",
    "date_range": "日期范围交易报告",
    "fba_adjustments": "FBA 库存调整",
    "fba_inventory_health": "FBA 库存（库存状况 / 库龄）",
    "fba_ledger_detail": "FBA 库存分类账（详细视图）",
    "fba_ledger_summary": "FBA 库存分类账（汇总视图）",
    "fba_received": "FBA 已接收库存",
    "fba_reimbursements": "FBA 赔偿",
    "fba_restock": "补货库存",
    "fba_returns": "FBA 买家退货",
    "fba_storage_fees": "FBA 月度仓储费",
    "fba_long_term_storage_fees": "FBA 长期仓储费 / 库龄附加费",
    "sales_traffic_json": "SP-API 销售与流量报告（GET_SALES_AND_TRAFFIC_REPORT，JSON）",
    "settlement_v2": "结算报告（V2 平面文件）",
    "settlement": "结算报告（平面文件）",
    "cost_sheet": "成本表",
    "exchange_rate_sheet": "汇率表",
    "freight_invoice_sheet": "头程运费发票表",
    "purchase_order_sheet": "采购订单表",
    "review_sheet": "评论表",
    "helium10_reviews": "Helium 10 评论导出",
    "inbound_shipment_sheet": "入库货件表",
    "supplier_sheet": "供应商表",
    "listings_item_json": "SP-API 商品信息文档（getListingsItem，JSON）",
    "listings_search_json": "SP-API 商品信息搜索（searchListingsItems，JSON）",
    "listing_sheet": "商品信息表",
    "suppressed_listings": "被禁止显示的商品报告（修复商品）",
    "deal_sheet": "促销活动表",
    "fba_capacity_sheet": "FBA 库容表",
    "warehouse_stock_sheet": "第三方仓库库存表",
}


def _families() -> dict[str, str]:
    """Every registered family's English title by name (registers them first)."""
    from sellerops.ingest import registry
    from sellerops.ingest import service as _service  # noqa: F401  (registers every family)

    return {f.name: f.title for f in registry.families()}


def report_names(lang: str) -> dict[str, str]:
    """Every known report type's name in ``lang`` (English where Chinese has none yet)."""
    names = _families()
    if lang == "zh":
        names |= {k: v for k, v in ZH.items() if k in names}
    return names


def report_title(report_type: str | None, lang: str) -> str:
    """One report type's name in ``lang``; an unknown type as it is (``?`` for none)."""
    if not report_type:
        return "?"
    return report_names(lang).get(report_type, report_type)


@cache
def _zh_by_english() -> dict[str, str]:
    return {title: ZH[name] for name, title in _families().items() if name in ZH}


def translate_title(title: str, lang: str) -> str:
    """An English family title (as error messages carry it) in ``lang``."""
    if lang != "zh":
        return title
    return _zh_by_english().get(title.strip(), title)


#: The names of a file's totals (``registry.Family.totals`` keys), in English and Chinese
#: (the project's terms: 曝光量, 点击量, 花费, 销售额, 订单数).
TOTALS: dict[str, tuple[str, str]] = {
    "units": ("Units", "件数"),
    "sales": ("Sales", "销售额"),
    "quantity": ("Quantity", "数量"),
    "total": ("Total", "合计"),
    "impressions": ("Impressions", "曝光量"),
    "clicks": ("Clicks", "点击量"),
    "spend": ("Spend", "花费"),
    "orders": ("Orders", "订单数"),
}


def total_name(key: str, lang: str) -> str:
    """A total's name in ``lang``; an unknown key as words (``refund_amount`` -> ``refund
    amount``)."""
    names = TOTALS.get(key)
    if names is None:
        return key.replace("_", " ")
    return names[1] if lang == "zh" else names[0]


def is_money(key: str) -> bool:
    """Whether a total is an amount of money (in the file's currency), not a count."""
    return key in ("sales", "spend", "total") or "amount" in key or "fee" in key


def totals_text(totals: Mapping[str, Any] | None, currency: str | None, lang: str) -> str:
    """``Impressions 157,695 · Clicks 651 · Spend $643.12`` (Chinese: ``曝光量 157,695 · …
    花费 US$643.12``): each total named in ``lang``, counts with digit groups, amounts in the
    currency's format; empty for no totals."""
    from sellerops.core import i18n

    parts = []
    for key, value in (totals or {}).items():
        amount = Decimal(str(value))
        if is_money(key) and currency:
            shown = i18n.money(amount, currency, lang)
        else:
            shown = i18n.number(amount, lang, digits=2)
        parts.append(f"{total_name(key, lang)} {shown}")
    return " · ".join(parts)
